/**
 * A user owns the connection file their job writes: whatever it says, the portal's proxy and
 * readiness probe connect only to the session's own server (its job, one of the job's nodes, the
 * app's port range, the site's allowUpstream). On the mock adapter with the simulated node.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, defineSchedulerAdapter, isHpckitError, PolicyError } from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { mockAppHarness } from '../mock/mock-app-harness.js';
import { type AppSessionsOptions, createAppSessions } from './app-sessions.js';
import { httpProbe, type ServerProbe } from './probe-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Options = Partial<Omit<AppSessionsOptions, 'client' | 'files'>>;

/**
 * App sessions of alice on the mock adapter; `write: false` keeps the simulated node from writing
 * connection files (call `harness.tick()` for that), so a test can write its own first.
 */
function setup(
  options: Options = {},
  setupOptions: { write?: boolean; nodeAddress?: string; nodes?: boolean } = {},
) {
  const adapter = mockAdapter({
    clock: { mode: 'scaled', scale: 60 },
    ...(setupOptions.nodeAddress && {
      cluster: {
        name: 'tiny',
        partitions: [{ name: 'cpu', nodes: 2, node: { cores: 8, memory: '32G' } }],
        accounts: [{ name: 'lab', members: ['alice'] }],
        nodeAddress: setupOptions.nodeAddress,
      },
    }),
  });
  // The same scheduler behind an adapter that cannot tell node addresses.
  const scheduler =
    setupOptions.nodes === false
      ? defineSchedulerAdapter({
          ...adapter,
          capabilities: { ...adapter.capabilities, 'config.nodes': false },
        })
      : adapter;
  const root = createClient({
    clusters: { hpc: { adapter: scheduler } },
    polling: { minIntervalMs: 20, maxIntervalMs: 100 },
  });
  const client = root.as('alice');
  const harness = mockAppHarness({
    client,
    adapter,
    intervalMs: setupOptions.write === false ? 3_600_000 : 10,
  });
  cleanups.push(async () => {
    await harness.close();
    await root.close();
  });
  const probed: string[] = [];
  const probe: ServerProbe = async (url, timeoutMs) => {
    probed.push(url);
    return httpProbe(url, timeoutMs);
  };
  const sessions = createAppSessions({
    client,
    files: harness.files,
    readyIntervalMs: 10,
    probe,
    ...options,
  });
  return { adapter, client, harness, sessions, probed };
}

/** A session whose server is ready, and a way to overwrite its connection file as its user could. */
async function readySession(options: Options = {}, setupOptions: Parameters<typeof setup>[1] = {}) {
  const env = setup(options, setupOptions);
  const session = await env.sessions.create('jupyter-notebook', {});
  const ready = await env.sessions.waitReady(session, { timeout: 10_000 });
  const path = `${session.directory}/connection.json`;
  const original = JSON.parse(env.harness.files.files.get(path)!) as Record<string, unknown>;
  const overwrite = (fields: Record<string, unknown>) =>
    env.harness.files.files.set(path, JSON.stringify({ ...original, ...fields }));
  return { ...env, session, ready, original, overwrite, secret: original.secret as string };
}

/** What a call rejected with; fails the test if it resolved. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code: string; details: Record<string, unknown>; cause?: unknown };
  }
  throw new Error('expected a refusal');
}

/** An HTTP service on 127.0.0.1 outside the default app port range, counting its requests. */
async function internalService(): Promise<{ port: number; requests: () => number }> {
  let requests = 0;
  const server: Server = createServer((_, res) => {
    requests++;
    res.end('internal');
  });
  let listening = false;
  for (let port = 61_000 + Math.floor(Math.random() * 4000); !listening && port < 65_536; port++) {
    listening = await new Promise<boolean>((resolve) => {
      const taken = () => resolve(false);
      server.once('error', taken);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', taken);
        resolve(true);
      });
    });
  }
  if (!listening) throw new Error('no free port above the app port range for the internal service');
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, requests: () => requests };
}

describe('connection() refuses a connection file that points elsewhere', () => {
  it('accepts what the session script writes: the job, a node of the job, a port in range', async () => {
    const { sessions, session, ready, adapter } = await readySession();
    const info = await sessions.connection(session);
    expect(info).toMatchObject({ host: '127.0.0.1', address: '127.0.0.1', port: ready.connection.port });
    expect(info.origin).toBe(`http://127.0.0.1:${info.port}`);
    expect(info.port).toBeGreaterThanOrEqual(20_000);
    expect(info.port).toBeLessThanOrEqual(59_999);
    expect(adapter.calls['config.nodes']).toBeGreaterThan(0);
  });

  it('refuses a file that names another job, or none', async () => {
    const { sessions, session, overwrite } = await readySession();
    overwrite({ jobId: '999999' });
    const other = await refusal(sessions.connection(session));
    expect(other).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(other.message).toContain(`field "jobId" ("999999") is not the session's job ${session.jobId}`);

    overwrite({ jobId: undefined });
    const none = await refusal(sessions.connection(session));
    expect(none).toMatchObject({ code: 'PARSE' });
    expect(none.message).toContain('field "jobId" is missing');
    overwrite({ jobId: '' });
    expect((await refusal(sessions.connection(session))).message).toContain('field "jobId" is empty');
  });

  it("refuses a port outside the app's port range: another service of the node", async () => {
    const { sessions, session, overwrite, secret } = await readySession();
    const service = await internalService();
    overwrite({ port: service.port });
    const err = await refusal(sessions.connection(session));
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(err.message).toContain(
      `field "port" (${service.port}) is outside the port range 20000-59999 of app jupyter-notebook`,
    );
    expect(err.message).not.toContain(secret);
    overwrite({ port: 22 });
    expect((await refusal(sessions.connection(session))).message).toContain('field "port" (22)');
  });

  it.each([
    ['the metadata service', '169.254.169.254'],
    ['a public name', 'example.com'],
    ['a name of no node', 'gpu02'],
    ['another loopback address', '127.0.0.2'],
  ])('refuses a host that is not one of the job’s nodes: %s', async (_, host) => {
    const { sessions, session, overwrite, secret, probed } = await readySession();
    const before = probed.length;
    overwrite({ host });
    const err = await refusal(sessions.connection(session));
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(err.message).toMatch(/field "host" \(".+"\) is not one of the nodes of job \d+ \(cpu\d+\)/);
    expect(err.message).not.toContain(secret);
    expect(probed.length).toBe(before);
  });

  it.each([
    ['an IPv6 host that brings its own port', '::1]:22/x#'],
    ['a host with a space', 'a b'],
    ['a host with a user', 'alice@127.0.0.1'],
    ['a host a URL rewrites', '127.1'],
    ['a hex address', '0x7f.0.0.1'],
    ['a bracketed address', '[::1]'],
    ['a host with a path', '127.0.0.1/x'],
  ])('refuses %s with a typed PARSE error, never a bare TypeError', async (_, host) => {
    const { sessions, session, overwrite, secret } = await readySession();
    overwrite({ host });
    const err = await refusal(sessions.connection(session));
    expect(isHpckitError(err, 'PARSE')).toBe(true);
    expect(err.message).toContain(
      `field "host" of the connection file ${session.directory}/connection.json (${JSON.stringify(host)}) is not a host name or IP address that a URL keeps as it is`,
    );
    expect(err.message).not.toContain(secret);
  });

  it('refuses a malformed port or secret, naming the field and never echoing the file', async () => {
    const { sessions, session, overwrite, secret } = await readySession();
    overwrite({ port: '28888', secret: `${secret.slice(0, 10)}` });
    const err = await refusal(sessions.connection(session));
    expect(err).toMatchObject({ code: 'PARSE' });
    expect(err.message).toContain('field "port" is not a whole number from 1 to 65535');
    expect(err.message).toContain('field "secret" is not text of at least 32 characters');
    expect(err.message).not.toContain(secret.slice(0, 10));
  });
});

describe('a host the scheduler does not name', () => {
  it('is accepted when it resolves only to a node address, and the proxy is pinned to that address', async () => {
    // The test cluster's node is "localhost" to Slurm, while `hostname` there prints "vm".
    const resolved: string[] = [];
    const { sessions, session, overwrite } = await readySession({
      resolveHost: async (host) => {
        resolved.push(host);
        return host === 'vm' ? ['127.0.0.1'] : [];
      },
    });
    overwrite({ host: 'vm' });
    const info = await sessions.connection(session);
    expect(info).toMatchObject({ host: 'vm', address: '127.0.0.1' });
    expect(info.origin).toBe(`http://127.0.0.1:${info.port}`);
    expect(info.url.startsWith(`http://127.0.0.1:${info.port}/`)).toBe(true);
    expect(resolved).toContain('vm');
    const res = await fetch(`${info.origin}/api/status`, { headers: info.headers });
    expect(res.status).toBe(200);
  });

  it('is refused when it also resolves elsewhere', async () => {
    const { sessions, session, overwrite } = await readySession({
      resolveHost: async (host) => (host === 'vm' ? ['127.0.0.1', '169.254.169.254'] : []),
    });
    overwrite({ host: 'vm' });
    expect(await refusal(sessions.connection(session))).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('is refused when it resolves to nothing, or the resolver fails', async () => {
    const { sessions, session, overwrite } = await readySession({
      resolveHost: async (host) => {
        if (host === 'broken') throw new Error('resolver down');
        return [];
      },
    });
    for (const host of ['vm', 'broken']) {
      overwrite({ host });
      expect(await refusal(sessions.connection(session))).toMatchObject({ code: 'PERMISSION_DENIED' });
    }
  });
});

describe('node addresses', () => {
  it('brackets an IPv6 node address in the origin', async () => {
    const { sessions, client, harness } = setup({}, { nodeAddress: '::1', write: false });
    const session = await sessions.create('jupyter-notebook', {});
    await (await client.jobs.handle(session.jobId)).wait({ until: 'running', timeout: 10_000 });
    const write = (host: string) =>
      harness.files.writeFile(
        `${session.directory}/connection.json`,
        JSON.stringify({ host, port: 28_888, secret: 'b'.repeat(64), jobId: session.jobId }),
      );
    // 127.0.0.1 is no address of this cluster's nodes.
    await write('127.0.0.1');
    expect(await refusal(sessions.connection(session))).toMatchObject({ code: 'PERMISSION_DENIED' });
    await write('::1');
    const info = await sessions.connection(session);
    expect(info).toMatchObject({ host: '::1', address: '::1' });
    expect(info.origin).toBe('http://[::1]:28888');
    expect(info.url.startsWith('http://[::1]:28888/tree?token=')).toBe(true);
  });

  it("falls back to the job's node names without config.nodes", async () => {
    const env = setup(
      { resolveHost: async (host) => (host.startsWith('cpu') ? ['127.0.0.1'] : []) },
      { nodes: false },
    );
    const session = await env.sessions.create('jupyter-notebook', {});
    const ready = await env.sessions.waitReady(session, { timeout: 10_000 });
    expect(ready.connection.address).toBe('127.0.0.1');
    expect(env.adapter.calls['config.nodes']).toBe(0);
    const job = await env.client.jobs.get(session.jobId);
    const path = `${session.directory}/connection.json`;
    const conn = JSON.parse(env.harness.files.files.get(path)!) as Record<string, unknown>;
    env.harness.files.files.set(path, JSON.stringify({ ...conn, host: job.nodeList[0] }));
    expect(await env.sessions.connection(session)).toMatchObject({
      host: job.nodeList[0],
      address: job.nodeList[0],
    });
    env.harness.files.files.set(path, JSON.stringify({ ...conn, host: '169.254.169.254' }));
    expect(await refusal(env.sessions.connection(session))).toMatchObject({ code: 'PERMISSION_DENIED' });
  });
});

describe('allowUpstream', () => {
  it('is asked with the host, port, address, session and job, and may allow', async () => {
    const asked: unknown[] = [];
    const { sessions, session } = await readySession({
      allowUpstream: (candidate) => {
        asked.push(candidate);
        return true;
      },
    });
    const info = await sessions.connection(session);
    expect(asked.at(-1)).toEqual({
      host: '127.0.0.1',
      port: info.port,
      address: '127.0.0.1',
      session,
      job: expect.objectContaining({ id: session.jobId, nodeList: [expect.stringMatching(/^cpu\d+$/)] }),
    });
  });

  it('refuses with false, with a throw, or with anything but true, and its own typed error stays as it is', async () => {
    let answer: () => unknown = () => true;
    const { sessions, session } = await readySession({ allowUpstream: () => answer() as boolean });
    answer = () => false;
    const no = await refusal(sessions.connection(session));
    expect(no).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(no.message).toMatch(/the site's allowUpstream refused 127\.0\.0\.1:\d+/);
    answer = () => undefined;
    expect(await refusal(sessions.connection(session))).toMatchObject({ code: 'PERMISSION_DENIED' });
    const thrown = new Error('not on the compute network');
    answer = () => {
      throw thrown;
    };
    const err = await refusal(sessions.connection(session));
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(err.message).toContain('not on the compute network');
    expect(err.cause).toBe(thrown);
    const policy = new PolicyError({ details: { reason: 'not_permitted' }, message: 'no proxies today' });
    answer = () => {
      throw policy;
    };
    expect(await refusal(sessions.connection(session))).toBe(policy);
  });

  it('cannot loosen the built-in checks', async () => {
    const { sessions, session, overwrite } = await readySession({ allowUpstream: () => true });
    overwrite({ host: '169.254.169.254' });
    expect(await refusal(sessions.connection(session))).toMatchObject({ code: 'PERMISSION_DENIED' });
  });
});

describe('waitReady checks the connection file before the probe connects anywhere', () => {
  /** A running session whose connection file the test writes before the simulated node does. */
  async function runningSession(options: Options = {}) {
    const env = setup(options, { write: false });
    const session = await env.sessions.create('jupyter-notebook', {});
    await (await env.client.jobs.handle(session.jobId)).wait({ until: 'running', timeout: 10_000 });
    const write = (fields: Record<string, unknown>) =>
      env.harness.files.writeFile(
        `${session.directory}/connection.json`,
        JSON.stringify({
          host: '127.0.0.1',
          port: 28_888,
          secret: 'b'.repeat(64),
          jobId: session.jobId,
          ...fields,
        }),
      );
    return { ...env, session, write };
  }

  it('never probes an internal service the file points to', async () => {
    const { sessions, session, write, probed } = await runningSession();
    const service = await internalService();
    await write({ port: service.port });
    const err = await refusal(sessions.waitReady(session, { timeout: 5_000 }));
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(err.message).toContain(`field "port" (${service.port})`);
    expect(probed).toEqual([]);
    expect(service.requests()).toBe(0);
  });

  it.each([
    ['a host of no node', { host: '169.254.169.254' }, 'PERMISSION_DENIED'],
    ['another job', { jobId: '1' }, 'PERMISSION_DENIED'],
    ['no job', { jobId: undefined }, 'PARSE'],
    ['a host that is no URL host', { host: '::1]:22/x#' }, 'PARSE'],
  ])('refuses a file naming %s without probing', async (_, fields, code) => {
    const { sessions, session, write, probed } = await runningSession();
    await write(fields);
    expect(await refusal(sessions.waitReady(session, { timeout: 5_000 }))).toMatchObject({ code });
    expect(probed).toEqual([]);
  });

  it('refuses what allowUpstream refuses without probing', async () => {
    const { sessions, session, harness, probed } = await runningSession({ allowUpstream: () => false });
    await harness.tick();
    expect(await refusal(sessions.waitReady(session, { timeout: 5_000 }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(probed).toEqual([]);
  });

  it('reports a job that ends while its server never answered, without waiting out the timeout', async () => {
    const { sessions, session, client } = await runningSession();
    const waiting = refusal(sessions.waitReady(session, { timeout: 60_000 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cancelledAt = Date.now();
    await (await client.jobs.handle(session.jobId)).cancel();
    const err = await waiting;
    expect(err).toMatchObject({ code: 'INTERNAL', details: { reason: 'app_ended_before_ready' } });
    // The shared poller here looks at most every 100 ms: the end is seen within a few looks.
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
  });

  it('probes the checked origin of a file the simulated node wrote', async () => {
    const { sessions, session, harness, probed } = await runningSession();
    await harness.tick();
    const ready = await sessions.waitReady(session, { timeout: 5_000 });
    expect(probed).toEqual([`${ready.connection.origin}/api`]);
  });
});
