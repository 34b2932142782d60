/**
 * slurmrestd on a UNIX socket with rest_auth/local, for real: a daemon of this test's own,
 * started as alice on a socket in a directory of hers, and the REST adapter with localAuth()
 * in a process of hers (rest_auth/local takes the caller's identity from the socket and accepts
 * only slurmrestd's own UID). Another user's process is refused.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertClusterUp } from './cluster.js';

assertClusterUp();

const ROOT = join(import.meta.dirname, '../../../..');
const CHILD = join(import.meta.dirname, 'rest-local-auth.child.ts');
const uidOf = (user: string) => Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }));
const dir = mkdtempSync(join(tmpdir(), 'hpckit-restd-local-'));
const socket = join(dir, 'slurmrestd.socket');
let daemon: ChildProcess;
let daemonErr = '';

beforeAll(async () => {
  chownSync(dir, uidOf('alice'), uidOf('alice'));
  // Open to everyone, so that refusing bob is slurmrestd's doing, not the file system's.
  chmodSync(dir, 0o755);
  daemon = spawn('runuser', ['-u', 'alice', '--', 'slurmrestd', '-a', 'rest_auth/local', `unix:${socket}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  daemon.stderr!.on('data', (d) => {
    daemonErr += d;
  });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(socket)) throw new Error(`slurmrestd did not open ${socket}: ${daemonErr}`);
});

afterAll(async () => {
  daemon?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  rmSync(dir, { recursive: true, force: true });
});

const asUser = (user: string) =>
  spawnSync(
    'runuser',
    [
      '-u',
      user,
      '--',
      process.execPath,
      '--import',
      'tsx',
      '--conditions=@hpckit/source',
      CHILD,
      `unix:${socket}`,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );

it('submits, reads and cancels as the socket’s user, with no token', () => {
  const run = asUser('alice');
  expect(run.status, run.stderr).toBe(0);
  const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
  expect(out).toMatchObject({ version: expect.stringMatching(/^22\.05\./), user: 'alice', phase: 'held' });
  expect(out.cancelled).toBe('cancelled');
  const squeue = execFileSync('sacct', ['-n', '-X', '-P', '-o', 'User,State', '-j', out.id], {
    encoding: 'utf8',
  });
  expect(squeue).toMatch(/^alice\|CANCELLED/m);
});

it('refuses a process of another user: slurmrestd answers 401, read as PERMISSION_DENIED', async () => {
  const run = asUser('bob');
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain('PermissionError');
  expect(run.stderr).toContain('slurmrestd answered HTTP 401: Authentication failure');
  // spawnSync held the event loop: let the daemon's log lines in.
  await new Promise((r) => setTimeout(r, 300));
  expect(daemonErr).toMatch(new RegExp(`rejecting socket connection with uid:${uidOf('bob')}`));
});
