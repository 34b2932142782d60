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
