import { execFileSync, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineApp } from '../definition/app-definition.js';
import { parseConnectionFile } from '../session/connection-file.js';
import { FREE_PORT_FUNCTIONS, renderSessionScript } from './session-script.js';

const root = mkdtempSync(join(tmpdir(), 'hpckit-apps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The app's script records what it was given instead of starting a server.
const app = defineApp({
  id: 'probe',
  name: 'Probe',
  kind: 'web',
  script: 'printf "%s\\n" "$HPCKIT_FORM_NOTE" > note.txt; echo "$HPCKIT_PORT" > port.txt',
  connect: { path: '/' },
});

function runSession(sessionId: string, note: string) {
  const directory = join(root, `dir with 'quote' ${sessionId}`);
  const script = renderSessionScript({ app, sessionId, directory, values: { note } });
  execFileSync('bash', ['-c', script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, SLURM_JOB_ID: '4242' },
  });
  return directory;
}

describe('the rendered session script, run by bash', () => {
  const hostile = `$(touch ${root}/pwned); \`id\` "x" 'y' ; rm -rf /nonexistent ✓`;
  const dir = runSession('s1', hostile);

  it('writes a private connection file with host, free port, a 256-bit token and the job id', () => {
    const conn = parseConnectionFile(readFileSync(join(dir, 'connection.json'), 'utf8'), 'connection.json');
    expect(conn.jobId).toBe('4242');
    expect(conn.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(conn.port).toBeGreaterThanOrEqual(20000);
    expect(conn.port).toBeLessThan(60000);
    expect(readFileSync(join(dir, 'port.txt'), 'utf8').trim()).toBe(String(conn.port));
    expect(statSync(join(dir, 'connection.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("draws the port from the app's port range", () => {
    const narrow = defineApp({ ...app, id: 'narrow', portRange: { min: 45_100, max: 45_102 } });
    const ports = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const directory = join(root, `narrow-${i}`);
      const script = renderSessionScript({
        app: narrow,
        sessionId: `n${i}`,
        directory,
        values: { note: '' },
      });
      execFileSync('bash', ['-c', script], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, SLURM_JOB_ID: '4242' },
      });
      ports.add(parseConnectionFile(readFileSync(join(directory, 'connection.json'), 'utf8'), 'c').port);
    }
    for (const port of ports) expect([45_100, 45_101, 45_102]).toContain(port);
  });

  it('refuses to render a port range that did not come through defineApp', () => {
    const forged = { ...app, portRange: { min: '1; touch pwned', max: 2 } } as never;
    expect(() =>
      renderSessionScript({ app: forged, sessionId: 'x', directory: '/tmp/x', values: {} }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('makes the log Slurm created before it private', () => {
    const directory = join(root, 'log-first');
    mkdirSync(directory, { mode: 0o700 });
    writeFileSync(join(directory, 'output.log'), '');
    chmodSync(join(directory, 'output.log'), 0o644);
    const script = renderSessionScript({ app, sessionId: 's3', directory, values: { note: 'n' } });
    execFileSync('bash', ['-c', script], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, SLURM_JOB_ID: '4242' },
    });
    expect(statSync(join(directory, 'output.log')).mode & 0o777).toBe(0o600);
  });

  it('hands form values to the app verbatim, never executing them', () => {
    expect(readFileSync(join(dir, 'note.txt'), 'utf8')).toBe(`${hostile}\n`);
    expect(() => statSync(join(root, 'pwned'))).toThrow();
  });

  it('generates a different token for every session', () => {
    const other = runSession('s2', 'n');
    const a = JSON.parse(readFileSync(join(dir, 'connection.json'), 'utf8')).secret;
    const b = JSON.parse(readFileSync(join(other, 'connection.json'), 'utf8')).secret;
    expect(a).not.toBe(b);
  });
});

describe('the free-port check', () => {
  const portFree = (port: number) =>
    spawnSync('bash', ['-c', `${FREE_PORT_FUNCTIONS}\nhpckit_port_free "$1"`, 'bash', String(port)]).status;
  const listen = (host: string) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, host, () => resolve(server));
    });

  it('counts a port held on any address as taken, which a loopback probe would miss', async () => {
    // 127.0.0.2 is not 127.0.0.1, yet binding 0.0.0.0 on its port fails.
    const server = await listen('127.0.0.2');
    const { port } = server.address() as { port: number };
    try {
      const probe = spawnSync('bash', ['-c', `(exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null`]).status;
      expect(probe).not.toBe(0);
      expect(portFree(port)).toBe(1);
    } finally {
      server.close();
    }
    expect(portFree(port)).toBe(0);
  });

  it('counts a port held on an IPv6 address as taken', async (ctx) => {
    const server = await listen('::1').catch(() => undefined);
    if (!server) return ctx.skip('no IPv6 loopback on this machine');
    const { port } = server.address() as { port: number };
    try {
      expect(portFree(port)).toBe(1);
    } finally {
      server.close();
    }
  });
});
