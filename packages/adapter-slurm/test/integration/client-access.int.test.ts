/**
 * Who sees which jobs through a client on the real cluster, the way a portal runs it: the service
 * account (a Slurm administrator) acting for users through sudo. Slurm itself shows every job to
 * every user here (no PrivateData), so only the client's rule keeps bob from alice's job.
 */
import { createClient, type HpckitError, isHpckitError } from '@hpckit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { slurmAdapter } from '../../src/index.js';
import { assertClusterUp, sshServiceAccount } from './cluster.js';

assertClusterUp();

// bob administers ai4ec (alice is a member of it too); nobody administers electroplating.
const client = createClient({
  clusters: { hpc: { adapter: slurmAdapter({ transport: sshServiceAccount() }) } },
  access: { roles: (user) => (user === 'bob' ? { adminOf: ['ai4ec'] } : {}) },
});
const plain = createClient({
  clusters: { hpc: { adapter: slurmAdapter({ transport: sshServiceAccount() }) } },
});
const submitted: string[] = [];
afterAll(async () => {
  await Promise.all(submitted.map((id) => client.jobs.cancel(id).catch(() => undefined)));
  await Promise.all([client.close(), plain.close()]);
});

const held = {
  command: 'sleep 300',
  timeLimit: '5m',
  hold: true,
  stdout: '/dev/null',
  memory: { perNode: '64M' },
};

async function failure(promise: Promise<unknown>): Promise<HpckitError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isHpckitError(err)) throw new Error(`expected an hpckit error, got ${String(err)}`);
  return err;
}

describe('a client user view on the real cluster', () => {
  it("does not let bob list or get alice's job, nor act on it, and reads it like an unknown id", async () => {
    const job = await plain.as('alice').jobs.submit({ ...held, name: 'private', account: 'electroplating' });
    submitted.push(job.id);
    const bob = plain.as('bob');
    const everything = await bob.jobs.list();
    expect(everything.jobs.every((j) => j.user === 'bob')).toBe(true);
    for (const query of [{ users: ['alice'] }, { jobIds: [job.id] }, { accounts: ['electroplating'] }]) {
      const page = await bob.jobs.list(query);
      expect([page.jobs, page.total], JSON.stringify(query)).toEqual([[], 0]);
    }
    const hidden = await failure(bob.jobs.get(job.id));
    const unknown = await failure(bob.jobs.get('987654321'));
    expect(hidden.code).toBe('NOT_FOUND');
    expect(hidden.message.replace(job.id, 'ID')).toBe(unknown.message.replace('987654321', 'ID'));
    expect((await failure(bob.jobs.cancel(job.id))).code).toBe('NOT_FOUND');
    // The portal's own view and alice's still see it, unchanged.
    expect((await plain.jobs.get(job.id)).state.phase).toBe('held');
    expect((await plain.as('alice').jobs.list({ jobIds: [job.id] })).total).toBe(1);
  }, 60_000);

  it("lets an account admin see and cancel a member's job of that account, as its owner, and no other", async () => {
    const theirs = await client.as('alice').jobs.submit({ ...held, name: 'shared', account: 'ai4ec' });
    const elsewhere = await client
      .as('alice')
      .jobs.submit({ ...held, name: 'own', account: 'electroplating' });
    submitted.push(theirs.id, elsewhere.id);
    const bob = client.as('bob');
    const ids = (await bob.jobs.list({ users: ['alice'] })).jobs.map((j) => j.id);
    expect(ids).toContain(theirs.id);
    expect(ids).not.toContain(elsewhere.id);
    expect((await bob.jobs.get(theirs.id)).account).toBe('ai4ec');
    expect((await failure(bob.jobs.get(elsewhere.id))).code).toBe('NOT_FOUND');
    // Slurm would refuse bob's own scancel of alice's job; the client cancels as the owner.
    expect(await bob.jobs.cancel(theirs.id)).toEqual({ status: 'cancelled' });
    expect((await failure(bob.jobs.cancel(elsewhere.id))).code).toBe('NOT_FOUND');
  }, 60_000);

  it('does not let a plain user block an account through the service account', async () => {
    const err = await failure(plain.as('bob').accounts.block('ai4ec'));
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(await plain.accounts.status('ai4ec')).toEqual({ blocked: false });
  }, 60_000);
});
