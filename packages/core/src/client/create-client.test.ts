import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../test/fake-adapter.js';
import { formatError } from '../errors/format.js';
import { isHpckitError } from '../errors/hpckit-error.js';
import type { SubmitContext } from '../adapter/scheduler-adapter.js';
import type { JobStateEvent } from '../watch/events.js';
import { createClient } from './create-client.js';

const fast = { minIntervalMs: 5, maxIntervalMs: 20, jitter: 0, missingGraceMs: 0 };

function setup() {
  const fake = fakeAdapter();
  // Submits as the adapter's own login: these tests are about the client, not whom it acts for.
  const client = createClient({ clusters: { hpc: { adapter: fake, actAsLogin: true } }, polling: fast });
  return { fake, client };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('createClient', () => {
  it('validates its options when created, naming the path', () => {
    let caught: unknown;
    try {
      createClient({ clusters: { hpc: { adapter: {} as never } } });
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'VALIDATION')).toBe(true);
    expect((caught as Error).message).toContain('options.clusters.hpc.adapter');
    expect(() => createClient({ clusters: {} })).toThrow(/give at least one cluster/);
    expect(() =>
      createClient({ clusters: { hpc: { adapter: fakeAdapter() } }, defaultCluster: 'x' }),
    ).toThrow(/"x" is not one of the clusters \(hpc\)/);
  });

  it('submits through the adapter and returns a handle with the script', async () => {
    const { fake, client } = setup();
    const handle = await client.jobs.submit({ command: 'echo hi' });
    expect(handle.cluster).toBe('hpc');
    expect(handle.script).toContain('echo hi');
    expect(handle.state.phase).toBe('queued');
    expect(fake.calls['jobs.submit']).toBe(1);
    await client.close();
  });

  it("submits with a fresh key of its own, and marks a caller's key as one that may have a job", async () => {
    const { fake, client } = setup();
    const seen: SubmitContext[] = [];
    const submit = fake.jobs.submit.bind(fake.jobs);
    fake.jobs.submit = async (spec, ctx) => {
      seen.push({ ...ctx });
      return submit(spec, ctx);
    };
    await client.jobs.submit({ command: 'x' });
    await client.jobs.submit({ command: 'x' });
    await client.jobs.submit({ command: 'x' }, { idempotencyKey: 'form-42' });
    expect(seen.map((c) => c.freshKey)).toEqual([true, true, false]);
    expect(seen[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]!.idempotencyKey).not.toBe(seen[0]!.idempotencyKey);
    expect(seen[2]!.idempotencyKey).toBe('form-42');
    await client.close();
  });

  it('rejects a bad spec with every problem before calling the adapter', async () => {
    const { fake, client } = setup();
    const err = await rejection(client.jobs.submit({ command: 'x', script: 'y', nodes: 0 }));
    expect(isHpckitError(err, 'VALIDATION')).toBe(true);
    if (!isHpckitError(err, 'VALIDATION')) return;
    const paths = err.details.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['nodes', 'script']));
    expect(fake.calls['jobs.submit']).toBeUndefined();
    await client.close();
  });

  it('waits until running, then until ended', async () => {
    const { fake, client } = setup();
    const handle = await client.jobs.submit({ command: 'x' });
    setTimeout(() => fake.setState(handle.id, { phase: 'running', raw: 'RUNNING' }), 10);
    const running = await handle.wait({ until: 'running' });
    expect(running.state.phase).toBe('running');
    setTimeout(
      () => fake.setState(handle.id, { phase: 'ended', outcome: 'completed', raw: 'COMPLETED', exitCode: 0 }),
      10,
    );
    const ended = await handle.wait();
    expect(ended.state.outcome).toBe('completed');
    expect(handle.state.outcome).toBe('completed');
    await client.close();
  });

  it('times out a wait with a TIMEOUT error and honours abort signals', async () => {
    const { client } = setup();
    const handle = await client.jobs.submit({ command: 'x' });
    const timedOut = await rejection(handle.wait({ timeoutMs: 30 }));
    expect(isHpckitError(timedOut, 'TIMEOUT')).toBe(true);
    const controller = new AbortController();
    const waiting = rejection(handle.wait({ signal: controller.signal }));
    controller.abort(new Error('user went away'));
    expect(((await waiting) as Error).message).toBe('user went away');
    await client.close();
  });

  it('spells the wait timeout timeoutMs, keeps timeout as its deprecated alias and refuses both', async () => {
    const { client } = setup();
    const handle = await client.jobs.submit({ command: 'x' });
    const timedOut = await rejection(handle.wait({ timeoutMs: 30 }));
    expect(isHpckitError(timedOut, 'TIMEOUT') && timedOut.details.timeoutMs).toBe(30);
    const viaAlias = await rejection(handle.wait({ timeout: 30 }));
    expect(isHpckitError(viaAlias, 'TIMEOUT') && viaAlias.details.timeoutMs).toBe(30);
    const both = await rejection(handle.wait({ timeoutMs: 30, timeout: 60 }));
    expect(isHpckitError(both, 'VALIDATION')).toBe(true);
    if (!isHpckitError(both, 'VALIDATION')) return;
    expect(both.details.issues.map((i) => i.path.join('.'))).toEqual(['options.timeout']);
    expect(both.message).toContain('give only "timeoutMs"');
    await client.close();
  });

  it('replays the current state to a late subscriber, then reports changes', async () => {
    const { fake, client } = setup();
    const handle = await client.jobs.submit({ command: 'x' });
    const seen: string[] = [];
    const ended = new Promise<void>((resolve) => {
      const off = handle.on('state', (e: JobStateEvent) => {
        seen.push(e.job.state.phase);
        if (e.job.state.phase === 'ended') {
          off();
          resolve();
        }
      });
    });
    setTimeout(
      () => fake.setState(handle.id, { phase: 'ended', outcome: 'failed', raw: 'FAILED', exitCode: 2 }),
      10,
    );
    await ended;
    expect(seen).toEqual(['queued', 'ended']);
    const after: string[] = [];
    await new Promise<void>((resolve) => {
      handle.on('ended', (e) => {
        after.push(e.job.state.outcome ?? '');
        resolve();
      });
    });
    expect(after).toEqual(['failed']);
    await client.close();
  });

  it('watches many jobs as an async iterator with one shared poller', async () => {
    const { fake, client } = setup();
    const handles = await Promise.all([1, 2, 3].map(() => client.jobs.submit({ command: 'x' })));
    const events: string[] = [];
    setTimeout(() => {
      for (const h of handles)
        fake.setState(h.id, { phase: 'ended', outcome: 'completed', raw: 'COMPLETED' });
    }, 10);
    for await (const { job } of client.jobs.watch(handles)) events.push(`${job.id}:${job.state.phase}`);
    expect(events.filter((e) => e.endsWith(':queued'))).toHaveLength(3);
    expect(events.filter((e) => e.endsWith(':ended'))).toHaveLength(3);
    const stats = client.pollerStats();
    expect(stats.listCalls).toBe(stats.ticks);
    await client.close();
  });

  it("watches a user's handles with that user's poller, whichever client view is asked", async () => {
    const { fake, client } = setup();
    const alice = client.as('alice');
    const handle = await alice.jobs.submit({ command: 'x' });
    setTimeout(
      () => fake.setState(handle.id, { phase: 'ended', outcome: 'completed', raw: 'COMPLETED', exitCode: 0 }),
      10,
    );
    const phases: string[] = [];
    for await (const { job } of client.jobs.watch([handle])) phases.push(job.state.phase);
    expect(phases).toEqual(['queued', 'ended']);
    expect(handle.state.outcome).toBe('completed');
    expect(alice.pollerStats().ticks).toBeGreaterThan(0);
    expect(client.pollerStats().ticks).toBe(0);
    const bob = await client.as('bob').jobs.submit({ command: 'x' });
    await expect(async () => {
      for await (const _ of client.jobs.watch([handle, bob])) break;
    }).rejects.toThrow(/jobs of several users \(alice, bob\) were given/);
    await client.close();
  });

  it('watches jobs given by id, looking them up in one call', async () => {
    const { fake, client } = setup();
    fake.add('41');
    fake.add('42');
    const iterator = client.jobs.watch(['41', '42']);
    const first = await iterator.next();
    const second = await iterator.next();
    expect([first.value?.job.id, second.value?.job.id].sort()).toEqual(['41', '42']);
    expect(fake.calls['jobs.list']).toBe(1);
    await iterator.return?.();
    await client.close();
  });

  it('acts for a user on adapters that can, and refuses on those that cannot', async () => {
    const fake = fakeAdapter();
    const plain = fakeAdapter({ capabilities: { actAsUser: false } });
    const client = createClient({ clusters: { a: { adapter: fake }, b: { adapter: plain } }, polling: fast });
    const alice = client.as('alice');
    expect(alice.user).toBe('alice');
    expect(client.as('alice')).toBe(alice);
    await alice.jobs.submit({ command: 'x' }, { cluster: 'a' });
    const err = await rejection(alice.jobs.submit({ command: 'x' }, { cluster: 'b' }));
    expect(isHpckitError(err, 'UNSUPPORTED')).toBe(true);
    expect((err as Error).message).toContain('"actAsUser"');
    expect(() => client.as('not a name')).toThrow(/user name/);
    // A number is a uid to id, getent and chown ("0" is root); sudo reads "#2001" as one too.
    for (const uid of ['0', '2001', '#2001']) expect(() => client.as(uid)).toThrow(/user name/);
    await client.close();
  });

  it('refuses a submission acting for no user on an adapter that acts for users, unless actAsLogin allows it', async () => {
    const fake = fakeAdapter();
    const plain = fakeAdapter({ capabilities: { actAsUser: false } });
    const client = createClient({
      clusters: {
        hpc: { adapter: fake },
        login: { adapter: fakeAdapter(), actAsLogin: true },
        plain: { adapter: plain },
      },
      polling: fast,
    });
    for (const call of [
      () => client.jobs.submit({ command: 'x' }),
      () => client.jobs.submitMany([{ command: 'x' }]),
    ]) {
      const err = await rejection(call());
      expect(isHpckitError(err, 'UNSUPPORTED')).toBe(true);
      if (!isHpckitError(err, 'UNSUPPORTED')) return;
      expect(err.details).toMatchObject({
        reason: 'no_acting_user',
        cluster: 'hpc',
        capability: 'actAsUser',
      });
      expect(err.message).toMatch(
        /This client acts for no user.*client\.as\('alice'\)\.jobs\.submit(Many)?\(…\).*actAsLogin: true/s,
      );
      expect(formatError(err, { locale: 'zh-CN' })).toMatch(/此客户端不代表任何用户.*actAsLogin: true/s);
    }
    // Nothing reached the adapter; a user view, actAsLogin and a single-identity adapter submit.
    expect(fake.calls['jobs.submit'] ?? 0).toBe(0);
    expect(fake.calls['jobs.submitMany'] ?? 0).toBe(0);
    await client.as('alice').jobs.submit({ command: 'x' });
    await client.jobs.submit({ command: 'x' }, { cluster: 'login' });
    await client.jobs.submit({ command: 'x' }, { cluster: 'plain' });
    // Reads and actions of the portal's own view need no user.
    await client.jobs.list();
    await client.close();
  });

  it('refuses an unknown cluster name with the list of known ones', async () => {
    const { client } = setup();
    const err = await rejection(client.jobs.get('1', { cluster: 'nope' }));
    expect((err as Error).message).toContain('"nope" is not one of the clusters (hpc)');
    await client.close();
  });
});
