/**
 * The `web-server` built-in's file server, run by bash and python3 on this machine the way a
 * compute node runs the session script.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateForm } from '../form/form-values.js';
import { sessionJobSpec } from '../form/session-job-spec.js';
import { type ConnectionFile, parseConnectionFile } from '../session/connection-file.js';
import { connectionInfo } from '../session/connection-info.js';
import { sessionDirectory } from '../session/session-layout.js';
import { webServer } from './builtin-apps.js';

const home = mkdtempSync(join(tmpdir(), 'hpckit-web-server-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a web-server session with `form` under `home`; resolves once the server answers. */
async function startSession(id: string, form: Record<string, unknown>) {
  const directory = sessionDirectory(home, webServer.id, id);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const spec = sessionJobSpec(webServer, id, directory, validateForm(webServer, form));
  const child = spawn('bash', ['-c', spec.script ?? ''], {
    cwd: directory,
    // As on a compute node: the connection file names the job.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, SLURM_JOB_ID: '4242' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.push(child);
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const connPath = join(directory, 'connection.json');
  for (let i = 0; i < 200; i++) {
    if (existsSync(connPath)) {
      const conn: ConnectionFile = parseConnectionFile(readFileSync(connPath, 'utf8'), connPath);
      const origin = `http://127.0.0.1:${conn.port}`;
      const answered = await fetch(`${origin}/`).then(
        (r) => r.status,
        () => 0,
      );
      if (answered) {
        const info = connectionInfo(webServer, id, { ...conn, host: '127.0.0.1' });
        return { directory, conn, info, origin, stderr: () => stderr };
      }
    }
    if (child.exitCode !== null) throw new Error(`the session script exited: ${stderr}`);
    await sleep(50);
  }
  throw new Error(`the file server did not answer: ${stderr}`);
}

describe('the web-server file server', () => {
  let s: Awaited<ReturnType<typeof startSession>>;
  beforeAll(async () => {
    s = await startSession('a1', {});
    writeFileSync(join(s.directory, 'public', 'index.txt'), 'hello\n');
    // A link planted in the served directory must not reach the session's secret.
    symlinkSync(join(s.directory, 'connection.json'), join(s.directory, 'public', 'conn-link.json'));
  }, 20_000);

  it('refuses every request without the token, the ready path included', async () => {
    expect((await fetch(`${s.origin}/`)).status).toBe(403);
    expect((await fetch(`${s.origin}/index.txt`)).status).toBe(403);
    expect((await fetch(`${s.origin}/connection.json`)).status).toBe(403);
    const wrong = `${s.conn.secret.slice(0, -1)}${s.conn.secret.endsWith('0') ? '1' : '0'}`;
    expect(
      (await fetch(`${s.origin}/index.txt`, { headers: { Authorization: `Bearer ${wrong}` } })).status,
    ).toBe(403);
    expect((await fetch(`${s.origin}/index.txt?token=${wrong}`)).status).toBe(403);
    expect(
      (await fetch(`${s.origin}/index.txt`, { headers: { Cookie: `hpckit-token-${s.conn.port}=${wrong}` } }))
        .status,
    ).toBe(403);
  });

  it('serves the public directory with the headers a proxy adds', async () => {
    const res = await fetch(`${s.origin}/index.txt`, { headers: s.info.headers });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello\n');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('never serves session files, even with the token', async () => {
    const headers = s.info.headers;
    for (const path of ['/connection.json', '/conn-link.json']) {
      const res = await fetch(`${s.origin}${path}`, { headers });
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain(s.conn.secret);
    }
  });

  it('lets a browser in with the connection URL, then by the cookie it sets', async () => {
    const res = await fetch(s.info.url, { redirect: 'manual' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      new RegExp(`^hpckit-token-${s.conn.port}=${s.conn.secret}; Path=/; HttpOnly; SameSite=Strict$`),
    );
    const next = await fetch(`${s.origin}/index.txt`, { headers: { Cookie: cookie.split(';')[0] ?? '' } });
    expect(next.status).toBe(200);
  });

  it('keeps the token out of its log', async () => {
    await fetch(s.info.url);
    await sleep(100);
    expect(s.stderr()).toMatch(/GET \/\?token=<token>/);
    expect(s.stderr()).not.toContain(s.conn.secret);
  });
});

describe('the web-server file server on a directory of the home', () => {
  it('serves it but not the sessions inside it', async () => {
    mkdirSync(join(home, 'results'), { recursive: true });
    writeFileSync(join(home, 'results', 'r.csv'), 'x,y\n');
    const s = await startSession('b1', { directory: '.' });
    const headers = s.info.headers;
    expect((await fetch(`${s.origin}/results/r.csv`, { headers })).status).toBe(200);
    const own = `/.hpckit/apps/web-server/b1/connection.json`;
    const other = `/.hpckit/apps/web-server/a1/connection.json`;
    for (const path of [own, other, '/.hpckit/apps/web-server/b1/session.json']) {
      expect((await fetch(`${s.origin}${path}`, { headers })).status, path).toBe(404);
    }
    expect((await fetch(`${s.origin}/results/r.csv`)).status).toBe(403);
  }, 20_000);

  it('runs the user’s own command instead when one is given', async () => {
    const s = await startSession('c1', {
      command: 'exec python3 -m http.server "$HPCKIT_PORT" --bind 127.0.0.1',
    });
    // The user's server is theirs: it answers without the token, as they wrote it.
    expect((await fetch(`${s.origin}/`)).status).toBe(200);
  }, 20_000);
});
