/**
 * The built-in `web-server` app on the real cluster as alice: its file server needs the session
 * token on every request and never serves session files, whatever directory it serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadySession } from '../src/index.js';
import { aliceSessions, assertAppsClusterUp } from './cluster.js';

assertAppsClusterUp();

const { transport, files, sessions, close } = aliceSessions();
afterAll(close);

async function start(form: Record<string, unknown>): Promise<ReadySession> {
  const session = await sessions.create('web-server', { hours: 1, cores: 1, ...form });
  try {
    return await sessions.waitReady(session, { timeout: 120_000 });
  } catch (err) {
    await sessions.cancel(session).catch(() => undefined);
    const log = await files.readFile(`${session.directory}/output.log`).catch(() => '(no output.log)');
    throw new Error(`not ready: ${String(err)}\n--- output.log ---\n${log}`);
  }
}

describe('web-server serving alice’s home', () => {
  let ready: ReadySession;
  const status = async (path: string, headers: Record<string, string> = {}) =>
    (await fetch(new URL(path, ready.connection.origin), { headers, redirect: 'manual' })).status;

  beforeAll(async () => {
    await transport.exec({
      user: 'alice',
      argv: ['sh', '-c', 'mkdir -p web-server-test && echo hello > web-server-test/hello.txt'],
    });
    // The home holds every session's directory: the server must still keep them out.
    ready = await start({ directory: '.' });
  }, 150_000);
  afterAll(async () => {
    if (ready) await sessions.cancel(ready.session);
    await transport.exec({ user: 'alice', argv: ['rm', '-rf', 'web-server-test'] });
  });

  it('refuses a request without the token', async () => {
    expect(await status('/')).toBe(403);
    expect(await status('/web-server-test/hello.txt')).toBe(403);
  });

  it('serves files with the headers a proxy adds, or the connection URL', async () => {
    const res = await fetch(new URL('/web-server-test/hello.txt', ready.connection.origin), {
      headers: ready.connection.headers,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello\n');
    expect((await fetch(ready.connection.url)).status).toBe(200);
  });

  it('does not serve connection.json, even with the token', async () => {
    const dir = ready.session.directory.replace(/^\/home\/alice/, '');
    for (const file of ['connection.json', 'session.json', 'output.log']) {
      expect(await status(`${dir}/${file}`, ready.connection.headers), file).toBe(404);
    }
    expect(await status(`${dir}/connection.json`)).toBe(403);
  });

  it('keeps the token out of output.log', async () => {
    await fetch(ready.connection.url);
    const log = await files.readFile(`${ready.session.directory}/output.log`);
    expect(log).toContain('GET /?token=<token>');
    expect(log).not.toContain(ready.connection.password);
  });
});
