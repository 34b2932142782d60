import type { HpckitClient } from '@hpckit/core';
import { activeJobsOn, memberHasJobs, tolerate } from '../membership/cluster-membership.js';
import type { DesiredAccount } from './desired-state.js';
import type { ReconcileChange, ReconcileFailure } from './report.js';

/** What the reconciler writes through: the client's account, user and job calls. */
export type ReconcileClient = Pick<HpckitClient, 'accounts' | 'users' | 'clusters' | 'jobs'>;

/**
 * Makes the one cluster write that removes a difference, and says what it did. "Already there"
 * counts as done when creating or adding, "not found" when removing, as in the ledger's own writes.
 */
export async function writeDifference(
  client: ReconcileClient,
  d: ReconcileFailure,
  desired: DesiredAccount[],
): Promise<ReconcileChange> {
  const { cluster, account, user } = d;
  const o = { cluster };
  if (user !== undefined) {
    const m = { user, account };
    if (d.wanted === 'absent') {
      // As removeMember does it: blocked first, removed only once no job of theirs may run.
      await tolerate(client.users.block(m, o), 'NOT_FOUND');
      const jobs = await activeJobsOn(client, cluster, account, user);
      if (jobs.length > 0) throw memberHasJobs(account, user, jobs);
      await tolerate(client.users.remove(m, o), 'NOT_FOUND');
      return { cluster, action: 'remove-member', account, user };
    }
    if (d.wanted === 'present') {
      await tolerate(client.users.add(m, o), 'ALREADY_EXISTS');
      return { cluster, action: 'add-member', account, user };
    }
    const block = d.wanted === 'blocked';
    await (block ? client.users.block(m, o) : client.users.unblock(m, o));
    return { cluster, action: block ? 'block-member' : 'unblock-member', account, user };
  }
  if (d.wanted === 'present') {
    const owner = desired.find((a) => a.name === account)!.owner;
    await tolerate(client.accounts.create({ name: account, owner }, o), 'ALREADY_EXISTS');
    return { cluster, action: 'create-account', account };
  }
  const block = d.wanted === 'blocked';
  await (block ? client.accounts.block(account, o) : client.accounts.unblock(account, o));
  return { cluster, action: block ? 'block-account' : 'unblock-account', account };
}
