/**
 * The whole session lifecycle on the mock adapter with the simulated server: what a user's
 * harness gets without a cluster.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, formatError } from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppRegistry, createAppSessions, mockAppHarness } from '../src/index.js';

function setup() {
  const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 60 } });
  const root = createClient({
    clusters: { hpc: { adapter } },
    polling: { minIntervalMs: 20, maxIntervalMs: 100 },
  });
  const client = root.as('alice');
  const harness = mockAppHarness({ client, adapter, intervalMs: 10 });
  const sessions = createAppSessions({ client, files: harness.files, readyIntervalMs: 10 });
  return { adapter, root, client, harness, sessions };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('app sessions on the mock adapter', () => {
  it('creates, waits until ready, connects with the token, refuses a wrong one, and cancels', async () => {
    const { root, harness, sessions } = setup();
    cleanup = async () => {
      await harness.close();
      await root.close();
    };
    const session = await sessions.create('jupyter-notebook', { partition: 'gpu', hours: 2 });
    expect(session.directory).toBe(`/home/alice/.hpckit/apps/jupyter-notebook/${session.id}`);
    expect(session.id).toMatch(/^[0-9a-f]{16}$/);

    const ready = await sessions.waitReady(session, { timeout: 10_000 });
    expect(ready.session.connection?.port).toBe(ready.connection.port);
    expect(ready.timings.totalMs).toBeGreaterThanOrEqual(ready.timings.serverStartMs);

    const { origin, headers, password } = ready.connection;
    const ok = await fetch(`${origin}/api/status`, { headers });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveProperty('kernels', 0);
    const viaUrl = await fetch(ready.connection.url);
    expect(viaUrl.status).toBe(200);
    const wrong = await fetch(`${origin}/api/status`, {
      headers: { Authorization: `token ${password.replace(/.$/, 'x')}x` },
    });
    expect(wrong.status).toBe(403);

    const listed = await sessions.list();
    expect(listed.map((s) => [s.id, s.appId, s.state.phase])).toEqual([
      [session.id, 'jupyter-notebook', 'running'],
    ]);
    expect(listed[0]?.job.requested.gpus).toBe(1);

    await sessions.cancel(session);
    const job = await root.as('alice').jobs.get(session.jobId);
    expect(job.state.outcome).toBe('cancelled');
    await harness.tick();
    expect(harness.servers.size).toBe(0);
    await expect(fetch(`${origin}/api`)).rejects.toThrow();
  });

  it('remembers the last form and refuses a bad one before submitting', async () => {
    const { root, adapter, harness, sessions } = setup();
    cleanup = async () => {
      await harness.close();
      await root.close();
    };
    expect(await sessions.lastForm('jupyter-notebook')).toBeUndefined();
    await sessions.create('jupyter-notebook', { hours: 3, cores: 8 });
    expect(await sessions.lastForm('jupyter-notebook')).toEqual({ partition: 'cpu', hours: 3, cores: 8 });
    const before = adapter.calls['jobs.submit'];
    expect(before).toBe(1);
    await expect(sessions.create('jupyter-notebook', { hours: 0 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(adapter.calls['jobs.submit']).toBe(before);
  });

  it('reports a session whose job ends before its server answers', async () => {
    const { root, harness, sessions } = setup();
    cleanup = async () => {
      await harness.close();
      await root.close();
    };
    const session = await sessions.create('web-server', {});
    await sessions.cancel(session);
    await expect(sessions.waitReady(session, { timeout: 5_000 })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('spells the ready timeout timeoutMs, keeps timeout as its deprecated alias and refuses both', async () => {
    const { root, harness, sessions } = setup();
    cleanup = async () => {
      await harness.close();
      await root.close();
    };
    const session = await sessions.create('web-server', {});
    // 1 ms: over before the simulated server can answer, whichever phase the session is in.
    await expect(sessions.waitReady(session, { timeoutMs: 1 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      details: { timeoutMs: 1 },
    });
    await expect(sessions.waitReady(session, { timeout: 1 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      details: { timeoutMs: 1 },
    });
    const both = await sessions
      .waitReady(session, { timeoutMs: 1, timeout: 10_000 })
      .catch((e: unknown) => e);
    expect(both).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: ['options', 'timeout'] }] },
    });
    expect((both as Error).message).toContain('give only "timeoutMs"');
    await sessions.cancel(session);
  });

  it('has no connection info before the job starts its server', async () => {
    const { root, harness, sessions } = setup();
    cleanup = async () => {
      await harness.close();
      await root.close();
    };
    const session = await sessions.create('web-server', {});
    await harness.close();
    await expect(sessions.connection(session)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("gives a session the same createdAt in create and list: the job's submit time", async () => {
    const { root, client, harness, sessions } = setup();
    cleanup = async () => {
      await harness.close();
      await root.close();
    };
    const session = await sessions.create('jupyter-notebook', {});
    const job = await client.jobs.get(session.jobId);
    expect(session.createdAt).toEqual(job.submitTime);
    const [listed] = await sessions.list({ appId: 'jupyter-notebook' });
    expect(listed?.id).toBe(session.id);
    expect(listed?.createdAt).toEqual(session.createdAt);
  });

  it('gives connection info only while the job runs, not from the file an ended job left', async () => {
    const { root, client, harness, sessions } = setup();
    cleanup = async () => {
      await harness.close();
      await root.close();
    };
    const session = await sessions.create('web-server', {});
    const ready = await sessions.waitReady(session, { timeout: 10_000 });
    const info = await sessions.connection(session);
    expect(info).toEqual(ready.connection);
    expect((await fetch(info.url)).status).toBe(200);
    expect((await fetch(info.origin, { headers: info.headers })).status).toBe(200);
    expect((await fetch(info.origin)).status).toBe(403);

    await sessions.cancel(session);
    await (await client.jobs.handle(session.jobId)).wait({ timeout: 5_000 });
    expect(harness.files.files.has(`${session.directory}/connection.json`)).toBe(true);
    const stale = await sessions.connection(session).catch((e) => e);
    expect(stale).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/ended \(cancelled\) so its connection file is stale/),
    });
    expect(formatError(stale, { locale: 'zh-CN' })).toBe(
      `会话 ${session.id} 的作业 ${session.jobId} 已结束（已取消），其连接文件已过期。请查看 ${session.directory}/output.log 中服务器的输出。`,
    );
  });

  it('has no connection info while the job is queued, even with a connection file', async () => {
    const { root, client, harness } = setup();
    cleanup = async () => {
      await harness.close();
      await root.close();
    };
    const registry = createAppRegistry({
      apps: [
        {
          id: 'later',
          name: 'Later',
          kind: 'web',
          script: 'true',
          connect: { path: '/' },
          directives: { begin: 'now+86400' },
        },
      ],
    });
    const sessions = createAppSessions({ client, files: harness.files, registry });
    const session = await sessions.create('later', {});
    // A file left behind (a requeued job's first run, say) must not be trusted.
    const secret = 'a'.repeat(64);
    await harness.files.writeFile(
      `${session.directory}/connection.json`,
      JSON.stringify({ host: '127.0.0.1', port: 2000, secret }),
    );
    expect((await client.jobs.get(session.jobId)).state.phase).toBe('queued');
    const queued = await sessions.connection(session).catch((e) => e);
    expect(queued).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/is queued/),
    });
    expect(formatError(queued, { locale: 'zh-CN' })).toBe(
      `会话 ${session.id} 没有运行中的服务器：其作业 ${session.jobId} 处于“排队中”状态。请先用 sessions.waitReady(session) 等待。`,
    );
  });
});
