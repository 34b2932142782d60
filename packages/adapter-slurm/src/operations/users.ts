import type { CallContext, Membership } from '@hpckit/core';
import { fail } from '../errors/slurm-errors.js';
import type { OperationContext } from './context.js';
import { accountNotFound, associations, clusterWhere, membershipAssociations } from './sacctmgr-reads.js';

/** Adds a user to an account; NOT_FOUND for an unknown account, ALREADY_EXISTS for a member. */
export async function addUser(ops: OperationContext, m: Membership, ctx: CallContext): Promise<void> {
  const rows = await associations(ops, { accounts: [m.account] }, ctx.signal);
  if (!rows.some((r) => r.user === '')) throw accountNotFound(m.account);
  if (rows.some((r) => r.user === m.user)) {
    throw fail.alreadyExists({
      details: {
        kind: 'membership',
        id: `${m.user}@${m.account}`,
        reason: 'already_a_member',
        user: m.user,
        account: m.account,
      },
    });
  }
  const cluster = ops.settings.slurmCluster ? [`cluster=${ops.settings.slurmCluster}`] : [];
  await ops.runner.run({
    program: 'sacctmgr',
    // name=, never a bare word: sacctmgr reads a user named like a keyword ("where") as one.
    args: ['-i', 'add', 'user', `name=${m.user}`, `account=${m.account}`, ...cluster],
    signal: ctx.signal,
  });
}

/**
 * Removes a user from an account; NOT_FOUND if they are not a member. When it is the user's
 * default account and they have others, the default moves to another first, as Slurm requires.
 */
export async function removeUser(ops: OperationContext, m: Membership, ctx: CallContext): Promise<void> {
  await membershipAssociations(ops, m, ctx);
  const mine = await associations(ops, { users: [m.user] }, ctx.signal);
  const others = [...new Set(mine.map((a) => a.account).filter((a) => a !== m.account))];
  const current = await ops.runner.run({
    program: 'sacctmgr',
    args: ['-n', '-P', 'show', 'user', 'where', `name=${m.user}`, 'format=defaultaccount'],
    signal: ctx.signal,
    idempotent: true,
  });
  if (current.stdout.trim() === m.account && others.length > 0) {
    await ops.runner.run({
      program: 'sacctmgr',
      args: ['-i', 'modify', 'user', 'where', `name=${m.user}`, 'set', `DefaultAccount=${others[0]}`],
      signal: ctx.signal,
    });
  }
  await ops.runner.run({
    program: 'sacctmgr',
    args: ['-i', 'delete', 'user', 'where', `name=${m.user}`, `account=${m.account}`, ...clusterWhere(ops)],
    signal: ctx.signal,
  });
}
