/**
 * The SSH transport on the real cluster: per-user credentials, user switches sudo or su refuse,
 * host-key verification, the channel cap under concurrency, and an sshd restart in the middle of
 * operations.
 */
import { execFileSync } from 'node:child_process';
import { createClient, createRuntimeAdapter } from '@hpckit/core';
import { sshTransport } from '@hpckit/transport';
import { afterAll, describe, expect, it } from 'vitest';
import { slurmAdapter } from '../../src/index.js';
import {
  assertClusterUp,
  DOWN_SCRIPT,
  KNOWN_HOSTS,
  keyOf,
  SSH_PORT,
  sleep,
  sshPerUser,
  sshServiceAccount,
  UP_SCRIPT,
} from './cluster.js';

assertClusterUp();

const base = { account: 'ai4ec', timeLimit: '5m', memory: { perNode: '64M' }, stdout: '/dev/null' } as const;

describe('per-user credentials', () => {
  const transport = sshPerUser();
  const rt = createRuntimeAdapter(slurmAdapter({ transport }), { retry: { retries: 0 } });
  afterAll(() => rt.close());

  it('logs in as each user with their own key, one connection per user', async () => {
    const a = await rt.jobs.submit({ ...base, command: 'sleep 20' }, { user: 'alice' });
    const b = await rt.jobs.submit({ ...base, command: 'sleep 20' }, { user: 'bob' });
    expect(a.job.user).toBe('alice');
    expect(b.job.user).toBe('bob');
    const err = await rt.jobs.cancel(a.job.id, { user: 'bob' }).catch((e) => e);
    expect(err.code).toBe('PERMISSION_DENIED');
    await rt.jobs.cancel(a.job.id, { user: 'alice' });
    await rt.jobs.cancel(b.job.id, { user: 'bob' });
    // alice, bob, and the portal identity that looks up home directories and the cluster name.
    expect(transport.stats().connections).toBe(3);
  });
});

describe('a user switch the server refuses', () => {
  it("is PERMISSION_DENIED naming the sudoers rule, for sbatch as for reads, with sudo's words", async () => {
    // portal may sudo to alice and bob only; daemon (uid 1) passes the transport's own checks
    // (root would not get as far as sudo: see act-as.int.test.ts).
    const rt = createRuntimeAdapter(slurmAdapter({ transport: sshServiceAccount() }), {
      retry: { retries: 0 },
    });
    try {
      // One call at a time: a refusal started early would reject unhandled while the other is awaited.
      for (const call of [
        () => rt.jobs.submit({ ...base, command: 'true' }, { user: 'daemon' }),
        () => rt.jobs.list({ states: ['running'] }, { user: 'daemon' }),
      ]) {
        const err = await call().catch((e) => e);
        expect(err.code).toBe('PERMISSION_DENIED');
        expect(err.details.stderr).toContain('sudo: a password is required');
        expect(err.message).toContain('through sudo: sudo: a password is required.');
        expect(err.hint).toContain('NOPASSWD sudoers rule');
      }
    } finally {
      await rt.close();
    }
  });

  it('su from a login that is not root is PERMISSION_DENIED saying su needs root', async () => {
    const transport = sshTransport({
      host: '127.0.0.1',
      port: SSH_PORT,
      credentials: { username: 'alice', privateKeyPath: keyOf('alice') },
      hostKey: { knownHosts: [KNOWN_HOSTS] },
      actAs: { mode: 'su' },
    });
    const rt = createRuntimeAdapter(slurmAdapter({ transport }), { retry: { retries: 0 } });
    try {
      const err = await rt.jobs.list({ states: ['running'] }, { user: 'bob' }).catch((e) => e);
      expect(err.code).toBe('PERMISSION_DENIED');
      expect(err.details.stderr).toMatch(/su: Authentication failure/);
      expect(err.hint).toMatch(/root/);
    } finally {
      await rt.close();
    }
  });
});

describe('host-key verification', () => {
  it('refuses a host whose key is not the pinned one, and says so without leaking credentials', async () => {
    const transport = sshTransport({
      host: '127.0.0.1',
      port: SSH_PORT,
      credentials: { username: 'alice', privateKeyPath: keyOf('alice') },
      hostKey: { fingerprints: ['SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'] },
      connectAttempts: 1,
    });
    const err = await transport.exec({ argv: ['true'] }).catch((e) => e);
    expect(err.code).toBe('TRANSPORT');
    expect(err.retryable).toBe(false);
    expect(err.message).not.toMatch(/BEGIN|PRIVATE|ed25519/);
    await transport.close();
  });

  it('accepts the key listed in known_hosts', async () => {
    const transport = sshTransport({
      host: '127.0.0.1',
      port: SSH_PORT,
      credentials: { username: 'alice', privateKeyPath: keyOf('alice') },
      hostKey: { knownHosts: [KNOWN_HOSTS] },
    });
    expect((await transport.exec({ argv: ['id', '-un'] })).stdout.trim()).toBe('alice');
    await transport.close();
  });
});

describe('a submission through the client over SSH', () => {
  it('is one sbatch and nothing else on the pooled connection', async () => {
    const transport = sshServiceAccount();
    const client = createClient({ clusters: { hpc: { adapter: slurmAdapter({ transport }) } } });
    const alice = client.as('alice');
    const ids: string[] = [];
    try {
      // The first submission also learns alice's home and the cluster's name, once.
      ids.push((await alice.jobs.submit({ ...base, command: 'sleep 30', hold: true })).id);
      const before = transport.stats();
      for (let i = 0; i < 3; i++)
        ids.push((await alice.jobs.submit({ ...base, command: 'sleep 30', hold: true })).id);
      const after = transport.stats();
      expect(after.calls - before.calls).toBe(3);
      expect((after.byProgram.sbatch ?? 0) - (before.byProgram.sbatch ?? 0)).toBe(3);
      expect(after.connections).toBe(1);
    } finally {
      for (const id of ids) await alice.jobs.cancel(id).catch(() => undefined);
      await client.close();
    }
  }, 60_000);
});

describe('concurrency over one connection', () => {
  it('runs 200 operations with none failing and never more channels than the cap', async () => {
    const transport = sshServiceAccount({ maxChannels: 6 });
    const rt = createRuntimeAdapter(slurmAdapter({ transport }), { retry: { retries: 0 } });
    const calls = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? rt.jobs.list({ users: ['alice'], states: ['running'] }, { user: 'alice' })
        : rt.config.cluster(),
    );
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(transport.maxOpenChannels()).toBeLessThanOrEqual(6);
    expect(transport.maxOpenChannels()).toBeGreaterThan(1);
    expect(transport.stats().connections).toBe(1);
    await rt.close();
  }, 60_000);
});

describe('sshd restarted mid-operation', () => {
  it('reconnects, retries reads, and never submits twice', async () => {
    const transport = sshServiceAccount({ reconnectDelayMs: 300, connectAttempts: 4 });
    const rt = createRuntimeAdapter(slurmAdapter({ transport, readRetries: 3, retryDelayMs: 500 }), {
      retry: { retries: 0 },
    });
    const alice = { user: 'alice' };
    try {
      const first = await rt.jobs.submit({ ...base, command: 'sleep 30' }, alice);
      // Stop sshd (and its per-connection children), then bring it back a little later while a
      // read is already waiting on the dead connection.
      execFileSync(DOWN_SCRIPT, ['--only', 'sshd'], { stdio: 'ignore' });
      const read = rt.jobs.get(first.job.id, alice);
      await sleep(1500);
      execFileSync(UP_SCRIPT, { stdio: 'ignore' });
      expect((await read).id).toBe(first.job.id);
      expect(transport.stats().connections).toBeGreaterThanOrEqual(2);

      // A submission while sshd is down fails as a transport error, and nothing is submitted;
      // retried with the same key after sshd is back, it submits exactly once.
      execFileSync(DOWN_SCRIPT, ['--only', 'sshd'], { stdio: 'ignore' });
      const key = `restart-${Date.now()}`;
      const spec = { ...base, name: key, command: 'sleep 30' };
      const failed = await rt.jobs.submit(spec, { ...alice, idempotencyKey: key }).catch((e) => e);
      expect(failed.code).toBe('TRANSPORT');
      execFileSync(UP_SCRIPT, { stdio: 'ignore' });
      const second = await rt.jobs.submit(spec, { ...alice, idempotencyKey: key });
      const third = await rt.jobs.submit(spec, { ...alice, idempotencyKey: key });
      expect(third.job.id).toBe(second.job.id);
      const named = await rt.jobs.list(
        { name: key, submitTime: { from: new Date(Date.now() - 600_000) } },
        alice,
      );
      expect(named.jobs.map((j) => j.id)).toEqual([second.job.id]);
      await rt.jobs.cancel(first.job.id, alice);
      await rt.jobs.cancel(second.job.id, alice);
    } finally {
      execFileSync(UP_SCRIPT, { stdio: 'ignore' });
      await rt.close();
    }
  }, 90_000);
});
