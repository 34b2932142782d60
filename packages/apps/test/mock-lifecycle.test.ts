/**
 * The whole session lifecycle on the mock adapter with the simulated server: what a user's
 * harness gets without a cluster.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient } from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppSessions, mockAppHarness } from '../src/index.js';

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
});
