/**
 * A Jupyter Notebook session on the real cluster, through the SDK as a portal would run it: alice
 * over SSH, the gpu partition, wait until ready, authenticated API calls, a wrong token refused,
 * cancel ends the job and the server.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadySession } from '../src/index.js';
import { aliceSessions, assertAppsClusterUp, sshAs } from './cluster.js';

assertAppsClusterUp();

const { transport, client, files, sessions, close } = aliceSessions();
afterAll(close);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('Jupyter Notebook on the gpu partition as alice', () => {
  let ready: ReadySession;

  it('creates a session and waits until the server answers', async () => {
    const session = await sessions.create('jupyter-notebook', {
      partition: 'gpu',
      hours: 1,
      cores: 2,
      account: 'electroplating',
    });
    try {
      ready = await sessions.waitReady(session, { timeout: 120_000 });
    } catch (err) {
      await sessions.cancel(session).catch(() => undefined);
      const log = await files.readFile(`${session.directory}/output.log`).catch(() => '(no output.log)');
      throw new Error(`not ready: ${String(err)}\n--- output.log ---\n${log}`);
    }
    expect(ready.session.directory).toMatch(
      /^\/home\/alice\/\.hpckit\/apps\/jupyter-notebook\/[0-9a-f]{16}$/,
    );
    expect(ready.connection.password).toMatch(/^[0-9a-f]{64}$/);
    const job = await client.jobs.get(session.jobId);
    expect(job.partition).toBe('gpu');
    expect(job.allocated?.gpus).toBe(1);
    expect(job.state.phase).toBe('running');
  }, 150_000);

  it('answers an authenticated API request, as a proxy would make it', async () => {
    const { origin, headers } = ready.connection;
    const res = await fetch(`${origin}/api/status`, { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toHaveProperty('started');
    expect(body).toHaveProperty('kernels');
    const viaQuery = await fetch(ready.connection.url, { redirect: 'manual' });
    expect(viaQuery.status).toBeLessThan(400);
  });

  it('refuses a wrong token and no token', async () => {
    const { origin, password } = ready.connection;
    const wrong = `${password.slice(0, -1)}${password.endsWith('0') ? '1' : '0'}`;
    expect(
      (await fetch(`${origin}/api/status`, { headers: { Authorization: `token ${wrong}` } })).status,
    ).toBe(403);
    expect((await fetch(`${origin}/api/status?token=${wrong}`)).status).toBe(403);
    expect((await fetch(`${origin}/api/status`)).status).toBe(403);
  });

  it('keeps the session files private to alice', async () => {
    const dir = ready.session.directory;
    const modes = await transport.exec({
      user: 'alice',
      argv: ['stat', '-c', '%a %U', dir, `${dir}/connection.json`, `${dir}/output.log`],
    });
    // Slurm created output.log 0644 (alice's umask) before the script made it 0600.
    expect(modes.stdout.trim().split('\n')).toEqual(['700 alice', '600 alice', '600 alice']);
    const asBob = sshAs('bob');
    const peek = await asBob.exec({ argv: ['cat', `${dir}/connection.json`, `${dir}/output.log`] });
    await asBob.close();
    expect(peek.exitCode).not.toBe(0);
    expect(peek.stdout).toBe('');
  });

  it('gives connection info while the job runs', async () => {
    const info = await sessions.connection(ready.session);
    expect(info.origin).toBe(ready.connection.origin);
    expect(info.headers).toEqual(ready.connection.headers);
  });

  it('has the createdAt that list reports', async () => {
    const listed = await sessions.list({ appId: 'jupyter-notebook' });
    expect(listed.find((s) => s.id === ready.session.id)?.createdAt).toEqual(ready.session.createdAt);
  });

  it('lists the session with its state and remembers the form', async () => {
    const listed = await sessions.list({ appId: 'jupyter-notebook' });
    const mine = listed.find((s) => s.id === ready.session.id);
    expect(mine?.state.phase).toBe('running');
    expect(mine?.jobId).toBe(ready.session.jobId);
    expect(await sessions.lastForm('jupyter-notebook')).toEqual({
      partition: 'gpu',
      hours: 1,
      cores: 2,
      account: 'electroplating',
    });
  });

  it('cancel ends the job and the server', async () => {
    await sessions.cancel(ready.session);
    const handle = await client.jobs.handle(ready.session.jobId);
    const job = await handle.wait({ timeout: 30_000 });
    expect(job.state.outcome).toBe('cancelled');
    let answering = true;
    for (let i = 0; i < 40 && answering; i++) {
      answering = await fetch(`${ready.connection.origin}/api`).then(
        () => true,
        () => false,
      );
      if (answering) await sleep(250);
    }
    expect(answering).toBe(false);
    await expect(sessions.connection(ready.session)).rejects.toMatchObject({ code: 'INTERNAL' });
  }, 45_000);
});
