/**
 * On the real cluster: a user name can never make sudo, su or a per-user login run as root or as
 * someone else. Names su or sudo would read as options or uids, root, the service account and
 * low uids are refused before sudo or su runs (the transport's counters show nothing ran); the
 * names that pass still work.
 */
import { execFileSync } from 'node:child_process';
import { createRuntimeAdapter } from '@hpckit/core';
import { localTransport, sshTransport } from '@hpckit/transport';
import { describe, expect, it } from 'vitest';
import { slurmAdapter } from '../../src/index.js';
import { assertClusterUp, KNOWN_HOSTS, keyOf, SSH_PORT, sshServiceAccount } from './cluster.js';

assertClusterUp();

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

const OPTIONS_AND_UIDS = ['-m', '--login', '-p', '#2001', '#0', '0', '2001'];

describe('sudo through the service account (SSH)', () => {
  it('refuses option-like names, uids, root and the service account before sudo runs', async () => {
    const transport = sshServiceAccount();
    try {
      for (const user of OPTIONS_AND_UIDS) {
        expect(await refusal(transport.exec({ argv: ['id', '-un'], user }))).toMatchObject({
          code: 'VALIDATION',
        });
      }
      for (const user of ['root', 'portal']) {
        const err = await refusal(transport.exec({ argv: ['id', '-un'], user }));
        expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
        expect((err as Error).message).toContain(`refuses to act as "${user}"`);
      }
      // Nothing ran: not sudo, not even the uid lookup, and no connection was opened.
      expect(transport.stats()).toMatchObject({ calls: 0, connections: 0 });
      expect((await transport.exec({ argv: ['id', '-un'], user: 'alice' })).stdout).toBe('alice\n');
    } finally {
      await transport.close();
    }
  });

  it('refuses a uid below minUid, resolved with id -u on the login node, and runs for users above it', async () => {
    const transport = sshServiceAccount({ actAs: { mode: 'sudo', minUid: 1000 } });
    try {
      // daemon is uid 1 on Debian; sudoers would refuse it anyway, but it must not get that far.
      const err = await refusal(transport.exec({ argv: ['id', '-un'], user: 'daemon' }));
      expect((err as Error).message).toContain('its uid 1 is below actAs.minUid (1000)');
      expect(await refusal(transport.exec({ argv: ['id', '-un'], user: 'nosuchuser' }))).toMatchObject({
        code: 'NOT_FOUND',
        details: { kind: 'user', id: 'nosuchuser' },
      });
      expect((await transport.exec({ argv: ['id', '-un'], user: 'bob' })).stdout).toBe('bob\n');
      expect(transport.stats().byProgram).toEqual({ id: 4 });
    } finally {
      await transport.close();
    }
  });

  it('reports root through the client as PERMISSION_DENIED from the SSH transport, for reads and sbatch', async () => {
    const rt = createRuntimeAdapter(slurmAdapter({ transport: sshServiceAccount() }), {
      retry: { retries: 0 },
    });
    try {
      for (const call of [
        rt.jobs.list({ states: ['running'] }, { user: 'root' }),
        rt.jobs.submit({ command: 'true', timeLimit: '1m' }, { user: 'root' }),
      ]) {
        // The transport refuses before any Slurm command runs, and its error says so.
        expect(await refusal(call)).toMatchObject({ code: 'PERMISSION_DENIED', adapter: 'ssh' });
      }
    } finally {
      await rt.close();
    }
  });
});

describe('su as root (local)', () => {
  it('is given every option before "--" and the name after it, which util-linux su reads as a user only', () => {
    // The argv the transport builds; with "--" su looks up a user named "-m" instead of keeping
    // root's environment (the old `su - -m -c ...` ran the command as root).
    const run = (user: string) =>
      execFileSync('su', ['-l', '-c', 'id -un', '--', user], { encoding: 'utf8', stdio: 'pipe', cwd: '/' });
    expect(run('alice')).toBe('alice\n');
    expect(() => run('-m')).toThrow(/user -m does not exist/);
  });

  it('refuses option-like names, uids and root before su runs, and runs for alice in her home', async () => {
    const transport = localTransport({ actAs: { mode: 'su' } });
    for (const user of OPTIONS_AND_UIDS) {
      expect(await refusal(transport.exec({ argv: ['id', '-un'], user }))).toMatchObject({
        code: 'VALIDATION',
      });
    }
    expect(await refusal(transport.exec({ argv: ['id', '-un'], user: 'root' }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(transport.stats().calls).toBe(0);
    const r = await transport.exec({ argv: ['sh', '-c', 'id -un; pwd'], user: 'alice' });
    expect(r.stdout).toBe('alice\n/home/alice\n');
  });

  it('is UNSUPPORTED for a named user without actAs, instead of running as root', async () => {
    const transport = localTransport();
    expect(await refusal(transport.exec({ argv: ['id', '-un'], user: 'alice' }))).toMatchObject({
      code: 'UNSUPPORTED',
    });
    expect(transport.stats().calls).toBe(0);
  });
});

describe('per-user credentials (SSH)', () => {
  const base = { host: '127.0.0.1', port: SSH_PORT, hostKey: { knownHosts: [KNOWN_HOSTS] } };
  const portal = { username: 'portal', privateKeyPath: keyOf('portal') };

  it("refuses bob's credentials handed out for alice, and never logs in as bob for her", async () => {
    const transport = sshTransport({
      ...base,
      credentials: portal,
      actAs: { mode: 'credentials' },
      userCredentials: () => ({ username: 'bob', privateKeyPath: keyOf('bob') }),
    });
    try {
      const err = await refusal(transport.exec({ argv: ['sh', '-c', 'echo $HOME'], user: 'alice' }));
      expect(err).toMatchObject({ code: 'PERMISSION_DENIED', retryable: false });
      expect(await refusal(transport.session('alice'))).toMatchObject({ code: 'PERMISSION_DENIED' });
      // The service account looked up alice's uid; no login for her (as bob) was made.
      expect(transport.stats().connections).toBe(1);
    } finally {
      await transport.close();
    }
  });

  it('logs each user in as themselves and says so in the session', async () => {
    const transport = sshTransport({
      ...base,
      credentials: portal,
      actAs: { mode: 'credentials' },
      userCredentials: (user) => ({ username: user, privateKeyPath: keyOf(user) }),
    });
    try {
      const session = await transport.session('alice');
      expect(session.login).toBe('alice');
      expect((await transport.exec({ argv: ['sh', '-c', 'id -un; echo $HOME'], user: 'alice' })).stdout).toBe(
        'alice\n/home/alice\n',
      );
      expect(await refusal(transport.session('root'))).toMatchObject({ code: 'PERMISSION_DENIED' });
    } finally {
      await transport.close();
    }
  });

  it('reports a missing key file as VALIDATION at credentials.privateKeyPath', async () => {
    const transport = sshTransport({
      ...base,
      credentials: { username: 'portal', privateKeyPath: '/nonexistent/hpckit/id_ed25519' },
    });
    expect(await refusal(transport.exec({ argv: ['true'] }))).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: ['credentials', 'privateKeyPath'] }] },
    });
    await transport.close();
  });
});
