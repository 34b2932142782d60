import type { CallContext, SchedulerAccount } from '@hpckit/core';
import { fail } from '../errors/slurm-errors.js';
import type { OperationContext } from './context.js';
import { accountNames, associations, coordinators } from './sacctmgr-reads.js';
import { addUser } from './users.js';

// Slurm's own root account holds administrators, not projects.
const HIDDEN = new Set(['root']);

/** Creates an account (and makes the owner a member); ALREADY_EXISTS if it exists. */
export async function createAccount(
  ops: OperationContext,
  account: { name: string; owner?: string },
  ctx: CallContext,
): Promise<void> {
  if ((await accountNames(ops, ctx.signal)).includes(account.name)) {
    throw fail.alreadyExists({ details: { kind: 'account', id: account.name, reason: 'account_exists' } });
  }
  const cluster = ops.settings.slurmCluster ? [`cluster=${ops.settings.slurmCluster}`] : [];
  await ops.runner.run({
    program: 'sacctmgr',
    // name=, never a bare word: sacctmgr would read an account named like a keyword as one.
    args: ['-i', 'add', 'account', `name=${account.name}`, ...cluster],
    signal: ctx.signal,
  });
  if (account.owner) await addUser(ops, { user: account.owner, account: account.name }, ctx);
}

/** Accounts with their members and block status; with `user`, only accounts that user belongs to. */
export async function listAccounts(
  ops: OperationContext,
  filter: { user?: string },
  ctx: CallContext,
): Promise<SchedulerAccount[]> {
  const [rows, coordinatorsOf] = await Promise.all([
    associations(ops, {}, ctx.signal),
    coordinators(ops, ctx.signal),
  ]);
  const accounts = new Map<string, SchedulerAccount>();
  for (const row of rows) {
    if (HIDDEN.has(row.account)) continue;
    let account = accounts.get(row.account);
    if (!account) {
      account = { name: row.account, blocked: false, members: [] };
      accounts.set(row.account, account);
    }
    if (row.user === '') {
      if (row.partition === '') account.blocked = row.grpSubmitJobs === 0;
    } else {
      const member = account.members.find((m) => m.user === row.user);
      const blocked = row.maxSubmitJobs === 0;
      if (member) member.blocked &&= blocked;
      else if (coordinatorsOf.get(row.account)?.has(row.user))
        account.members.push({ user: row.user, blocked, coordinator: true });
      else account.members.push({ user: row.user, blocked });
    }
  }
  const all = [...accounts.values()].sort((a, b) => a.name.localeCompare(b.name));
  return filter.user ? all.filter((a) => a.members.some((m) => m.user === filter.user)) : all;
}
