import type { LedgerContext } from '../ledger-context.js';
import { accountBlockState, memberBlockState } from '../block-state.js';

/** What every cluster should show for one account: whether it is blocked, and its members' states. */
export interface DesiredAccount {
  name: string;
  owner: string;
  blocked: boolean;
  members: Map<string, boolean>;
}

/** The desired cluster state of every ledger account, from the pure block-state functions. */
export async function desiredState(ctx: LedgerContext): Promise<DesiredAccount[]> {
  const now = ctx.now();
  const { accounts, members } = await ctx.read(async (tx) => ({
    accounts: await tx.listAccounts(),
    members: await tx.listMembers({}),
  }));
  const byName = new Map<string, DesiredAccount>();
  for (const a of accounts) {
    byName.set(a.name, {
      name: a.name,
      owner: a.owner,
      blocked: accountBlockState(a, now).blocked,
      members: new Map(),
    });
  }
  for (const m of members)
    byName.get(m.account)?.members.set(m.user, memberBlockState(m, now, ctx.timeZone).blocked);
  return [...byName.values()];
}

/**
 * Re-reads one account, or one member with `user`, from the ledger and puts what it holds now in
 * `desired` (replacing what the run read at its start): the reconciler decides every write on
 * this fresh record, never on a desired state that went stale while it listed and wrote.
 */
export async function refreshDesired(
  ctx: LedgerContext,
  desired: DesiredAccount[],
  account: string,
  user?: string,
): Promise<void> {
  const now = ctx.now();
  const { record, member } = await ctx.read(async (tx) => ({
    record: await tx.getAccount(account),
    member: user === undefined ? undefined : await tx.getMember(account, user),
  }));
  const at = desired.findIndex((a) => a.name === account);
  const want = desired[at];
  // An account the run did not read at its start is the next run's: the run knows none of its
  // members, and must not take them for extra.
  if (!want) return;
  if (!record) {
    desired.splice(at, 1);
    return;
  }
  want.blocked = accountBlockState(record, now).blocked;
  if (user === undefined) return;
  if (member) want.members.set(user, memberBlockState(member, now, ctx.timeZone).blocked);
  else want.members.delete(user);
}
