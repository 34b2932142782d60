/**
 * The SSH transport against the in-process ssh2 server: who it acts for and as whom it logs in,
 * configuration errors of its credentials, host-key refusals, and how its pool of per-user
 * connections is bounded.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSshd, type TestSshd } from '../test/in-process-sshd.js';
import { fingerprintOf } from './host-key.js';
import { type SshTransportOptions, sshTransport } from './ssh.js';

let sshd: TestSshd;

beforeAll(async () => {
  sshd = await startTestSshd();
});

afterAll(() => sshd.close());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A transport to the test server; per-user logins with passwords unless overridden. */
function transport(overrides: Partial<SshTransportOptions> = {}) {
  return sshTransport({
    host: '127.0.0.1',
    port: sshd.port,
    credentials: { username: 'portal', password: 'x' },
    hostKey: { fingerprints: [fingerprintOf(sshd.hostKey)] },
    actAs: { mode: 'credentials' },
    userCredentials: (user) => ({ username: user, password: 'x' }),
    connectAttempts: 1,
    ...overrides,
  });
}

/** Commands the server ran since `from`, as `login: command`. */
const ranSince = (from: number) => sshd.commands.slice(from).map((c) => `${c.login}: ${c.command}`);

describe('acting for users over SSH', () => {
  it('refuses credentials that log in as someone else than the user they were asked for', async () => {
    const t = transport({ userCredentials: () => ({ username: 'bob', password: 'x' }) });
    const logins = sshd.logins.length;
    try {
      const err = await refusal(t.exec({ argv: ['ls'], user: 'alice' }));
      expect(err).toMatchObject({ code: 'PERMISSION_DENIED', retryable: false });
      expect((err as Error).message).toContain(
        'userCredentials("alice") returned credentials that log in as "bob"',
      );
      expect(await refusal(t.session('alice'))).toMatchObject({ code: 'PERMISSION_DENIED' });
      // Only the service account logged in (to look up alice's uid); bob never did.
      expect(sshd.logins.slice(logins)).toEqual(['portal']);
    } finally {
      await t.close();
    }
  });

  it("reports the name a session really logged in as: the user's own, or the service account's", async () => {
    const perUser = transport();
    const sudo = transport({ actAs: { mode: 'sudo' } });
    try {
      expect((await perUser.session('alice')).login).toBe('alice');
      expect((await perUser.session()).login).toBe('portal');
      expect((await sudo.session('alice')).login).toBe('portal');
    } finally {
      await Promise.all([perUser.close(), sudo.close()]);
    }
  });

  it('refuses root, the service account, uid 0 under another name and bad names before any login as them', async () => {
    const t = transport();
    const logins = sshd.logins.length;
    try {
      for (const user of ['root', 'portal']) {
        expect(await refusal(t.exec({ argv: ['ls'], user }))).toMatchObject({ code: 'PERMISSION_DENIED' });
      }
      for (const user of ['-m', '#2001', '2001', 'a b']) {
        expect(await refusal(t.exec({ argv: ['ls'], user }))).toMatchObject({
          code: 'VALIDATION',
          details: { subject: 'command', issues: [{ path: ['user'] }] },
        });
        expect(await refusal(t.session(user))).toMatchObject({ code: 'VALIDATION' });
      }
      const toor = await refusal(t.exec({ argv: ['ls'], user: 'toor' }));
      expect((toor as Error).message).toContain('uid 0 is below actAs.minUid');
      expect(sshd.logins.slice(logins)).toEqual(['portal']);
      expect(t.stats().byProgram).toEqual({ id: 1 });
    } finally {
      await t.close();
    }
  });

  it('runs sudo with the name checked first: id -u -- <user> as the service account, then sudo -n -u <user> --', async () => {
    const t = transport({ actAs: { mode: 'sudo' } });
    const from = sshd.commands.length;
    try {
      await t.exec({ argv: ['squeue', '--me'], user: 'alice' });
      await t.exec({ argv: ['squeue', '--me'], user: 'alice' });
      expect(await refusal(t.exec({ argv: ['squeue'], user: 'toor' }))).toMatchObject({
        code: 'PERMISSION_DENIED',
      });
      expect(ranSince(from)).toEqual([
        'portal: id -u -- alice',
        'portal: sudo -n -u alice -- squeue --me',
        'portal: sudo -n -u alice -- squeue --me',
        'portal: id -u -- toor',
      ]);
    } finally {
      await t.close();
    }
  });

  it('is UNSUPPORTED for a named user with actAs none, for commands and sessions alike', async () => {
    const t = transport({ actAs: { mode: 'none' }, userCredentials: undefined });
    const from = sshd.commands.length;
    try {
      expect(t.canActAsUser).toBe(false);
      expect(await refusal(t.exec({ argv: ['ls'], user: 'alice' }))).toMatchObject({ code: 'UNSUPPORTED' });
      expect(await refusal(t.session('alice'))).toMatchObject({ code: 'UNSUPPORTED' });
      expect(ranSince(from)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('credentials that cannot be used', () => {
  it('reports a missing private key file as VALIDATION at credentials.privateKeyPath, at once', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'hpckit-key-')), 'id_ed25519');
    const t = transport({
      credentials: { username: 'portal', privateKeyPath: missing },
      connectAttempts: 4,
      reconnectDelayMs: 1_000,
    });
    const started = Date.now();
    const err = await refusal(t.exec({ argv: ['ls'] }));
    expect(Date.now() - started).toBeLessThan(900);
    expect(err).toMatchObject({
      code: 'VALIDATION',
      details: { subject: 'SSH credentials', issues: [{ path: ['credentials', 'privateKeyPath'] }] },
    });
    expect((err as Error).message).toContain(`no private key file at ${missing}`);
    expect((err as { hint: string }).hint).toMatch(/privateKeyPath/);
    await t.close();
  });

  it("reports an unreadable key file and a user's missing key at their own paths", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hpckit-key-'));
    const t = transport({
      credentials: { username: 'portal', privateKeyPath: dir },
      actAs: { mode: 'credentials', minUid: 0 },
      userCredentials: (user) => ({ username: user, privateKeyPath: join(dir, user) }),
    });
    expect(await refusal(t.exec({ argv: ['ls'] }))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('cannot be read (EISDIR)'),
    });
    expect(await refusal(t.exec({ argv: ['ls'], user: 'alice' }))).toMatchObject({
      code: 'VALIDATION',
      details: {
        subject: 'SSH credentials of "alice"',
        issues: [{ path: ['userCredentials', 'privateKeyPath'] }],
      },
    });
    await t.close();
  });
});

describe('host keys', () => {
  function knownHosts(text: string): string {
    const file = join(mkdtempSync(join(tmpdir(), 'hpckit-kh-')), 'known_hosts');
    writeFileSync(file, text);
    return file;
  }

  it('refuses a changed key, warning of impersonation and saying how to update known_hosts; never retried', async () => {
    const t = transport({
      hostKey: { fingerprints: ['SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'] },
      connectAttempts: 4,
      reconnectDelayMs: 1_000,
    });
    const started = Date.now();
    const err = await refusal(t.exec({ argv: ['ls'] }));
    expect(Date.now() - started).toBeLessThan(900);
    expect(err).toMatchObject({ code: 'TRANSPORT', retryable: false });
    const { message, hint } = err as { message: string; hint: string };
    expect(message).toContain(`The host key of 127.0.0.1:${sshd.port} is not one of the trusted keys`);
    expect(hint).toMatch(/man-in-the-middle/);
    expect(hint).toContain(`ssh-keygen -R '[127.0.0.1]:${sshd.port}'`);
    expect(hint).not.toMatch(/reachable/);
    await t.close();
  });

  it('refuses a key revoked in known_hosts even though another line lists it', async () => {
    const key = `ssh-ed25519 ${sshd.hostKey.toString('base64')}`;
    const listed = `[127.0.0.1]:${sshd.port} ${key}\n`;
    const accepted = transport({ hostKey: { knownHosts: [knownHosts(listed)] } });
    const revoked = transport({ hostKey: { knownHosts: [knownHosts(`${listed}@revoked * ${key}\n`)] } });
    try {
      expect((await accepted.exec({ argv: ['exit', '0'] })).exitCode).toBe(0);
      expect(await refusal(revoked.exec({ argv: ['exit', '0'] }))).toMatchObject({
        code: 'TRANSPORT',
        retryable: false,
      });
    } finally {
      await Promise.all([accepted.close(), revoked.close()]);
    }
  });
});

describe('the pool of per-user connections', () => {
  it('closes a connection idle for idleTimeoutMs, and reopens it on demand', async () => {
    const t = transport({ actAs: { mode: 'credentials', minUid: 0 }, idleTimeoutMs: 150 });
    try {
      await t.exec({ argv: ['exit', '0'], user: 'alice' });
      expect(sshd.openConnections('alice')).toBe(1);
      await sleep(500);
      expect(sshd.openConnections('alice')).toBe(0);
      await t.exec({ argv: ['exit', '0'], user: 'alice' });
      expect(t.stats().connections).toBe(2);
    } finally {
      await t.close();
    }
  });

  it('keeps a connection whose session has a channel open (SFTP, a shell) past the idle timeout', async () => {
    const t = transport({ actAs: { mode: 'credentials', minUid: 0 }, idleTimeoutMs: 150 });
    try {
      const { client } = await t.session('alice');
      // A channel opened outside the exec queue, as SFTP and PTY channels are, held for 2 s: past
      // the idle timeout and the moment a just handed-out client counts as in use.
      const held = new Promise<void>((resolve, reject) =>
        client.exec('wait 2000', (err, stream) => {
          if (err) return reject(err);
          stream.on('close', () => resolve()).resume();
          stream.end();
        }),
      );
      await sleep(1_500);
      expect(sshd.openConnections('alice')).toBe(1);
      await held;
      await sleep(500);
      expect(sshd.openConnections('alice')).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('closes the least recently used idle connection for a new login at maxConnections', async () => {
    const t = transport({ actAs: { mode: 'credentials', minUid: 0 }, maxConnections: 2 });
    try {
      await t.exec({ argv: ['exit', '0'], user: 'alice' });
      await t.exec({ argv: ['exit', '0'], user: 'bob' });
      await t.exec({ argv: ['exit', '0'], user: 'alice' });
      await t.exec({ argv: ['exit', '0'], user: 'carol' });
      await sleep(100);
      expect([
        sshd.openConnections('alice'),
        sshd.openConnections('bob'),
        sshd.openConnections('carol'),
      ]).toEqual([1, 0, 1]);
    } finally {
      await t.close();
    }
  });

  it('refuses a new login with a retryable TRANSPORT error when every pooled connection is in use', async () => {
    const t = transport({ actAs: { mode: 'credentials', minUid: 0 }, maxConnections: 1 });
    try {
      const busy = t.exec({ argv: ['wait', '400'], user: 'alice' });
      await sleep(100);
      const err = await refusal(t.exec({ argv: ['exit', '0'], user: 'bob' }));
      expect(err).toMatchObject({ code: 'TRANSPORT', retryable: true });
      expect((err as Error).message).toContain('all 1 pooled connections (maxConnections) are in use');
      expect((await busy).exitCode).toBe(0);
      expect((await t.exec({ argv: ['exit', '0'], user: 'bob' })).exitCode).toBe(0);
    } finally {
      await t.close();
    }
  });
});
