import type { LedgerTx } from '../stores/ledger-store.js';
import type { Actor } from './actor.js';
import { requireRole } from './roles.js';

/**
 * Whose entries an actor may read when asking for `users` (absent: everyone's) of `account`
 * (absent: every account): finance and platform admins anyone's, an account's owner and admins
 * that account's, everyone else only their own. Returns the users to filter by.
 *
 * @throws `PERMISSION_DENIED` when a plain member (or anyone asking across accounts) names another user.
 */
export async function visibleUsers(
  tx: LedgerTx,
  actor: Actor,
  account: string | undefined,
  users: string[] | undefined,
  action: string,
): Promise<string[] | undefined> {
  if (actor.roles.length > 0) return users;
  const membership = account === undefined ? undefined : await tx.getMember(account, actor.user);
  if (membership?.role === 'owner' || membership?.role === 'admin') return users;
  if (users?.some((u) => u !== actor.user)) {
    requireRole(actor, ['platform-admin', 'finance', 'account-owner', 'account-admin'], action, membership);
  }
  return [actor.user];
}
