import type { Membership } from '../adapter/scheduler-adapter.js';
import { PermissionError } from '../errors/hpckit-error.js';
import type { SchedulerAccount } from '../model/account.js';
import type { Viewer } from './viewer.js';

/**
 * Who may run the account and membership calls of a client view, whatever identity the adapter
 * runs them with (Slurm's sacctmgr runs as the service account for every user). The same rule
 * as the billing ledger: creating, blocking and unblocking accounts is for platform staff;
 * changing a membership is for platform staff and the account's owner or admins; reading a
 * membership or availability is for those and the member themself. The root view may do all.
 */
export interface AdminRule {
  /** @throws `PERMISSION_DENIED` unless the viewer is platform staff. */
  requirePlatform(viewer: Viewer | undefined, action: string): void;
  /** @throws `PERMISSION_DENIED` unless the viewer is platform staff or administers `account`. */
  requireAccountAdmin(viewer: Viewer | undefined, account: string, action: string): void;
  /** @throws `PERMISSION_DENIED` unless the viewer may change `m`, or is `m.user`. */
  requireMemberOrAdmin(viewer: Viewer | undefined, m: Membership, action: string): void;
  /**
   * @throws `PERMISSION_DENIED` unless the viewer may change `account` or belongs to it
   * (`accountsOfViewer` is asked only when the roles alone do not decide).
   */
  requireAccountReader(
    viewer: Viewer | undefined,
    account: string,
    action: string,
    accountsOfViewer: () => Promise<SchedulerAccount[]>,
  ): Promise<void>;
  /**
   * The accounts a viewer may read: all for platform staff; for others, the accounts they
   * administer (with every member) and those they belong to (with only their own membership).
   * `askedUser` is the user the listing was filtered by, if any.
   */
  visibleAccounts(
    viewer: Viewer | undefined,
    accounts: SchedulerAccount[],
    askedUser: string | undefined,
  ): SchedulerAccount[];
}

/** Builds the rule; `configured` says whether the client has a role source (for the hint). */
export function createAdminRule(configured: boolean): AdminRule {
  const deny = (viewer: Viewer, action: string, missingRole: string) =>
    new PermissionError({
      details: { action, user: viewer.user, missingRole },
      hint: configured
        ? 'Ask a platform administrator or the account owner for the role.'
        : 'The client has no `access` source, so a user view may only act on its own jobs: pass `access` to createClient, or administer through the root client.',
    });
  const administers = (viewer: Viewer, account: string) => viewer.platform || viewer.adminOf.has(account);

  return {
    requirePlatform(viewer, action) {
      if (viewer && !viewer.platform) throw deny(viewer, action, 'platform staff');
    },
    requireAccountAdmin(viewer, account, action) {
      if (viewer && !administers(viewer, account))
        throw deny(viewer, action, `owner or admin of account "${account}"`);
    },
    requireMemberOrAdmin(viewer, m, action) {
      if (viewer && m.user !== viewer.user && !administers(viewer, m.account))
        throw deny(viewer, action, `owner or admin of account "${m.account}"`);
    },
    async requireAccountReader(viewer, account, action, accountsOfViewer) {
      if (!viewer || administers(viewer, account)) return;
      if ((await accountsOfViewer()).some((a) => a.name === account)) return;
      throw deny(viewer, action, `member of account "${account}"`);
    },
    visibleAccounts(viewer, accounts, askedUser) {
      if (!viewer || viewer.platform) return accounts;
      const self = viewer.user;
      return accounts.flatMap((account) => {
        if (viewer.adminOf.has(account.name)) return [account];
        // Another user's memberships of an account the viewer does not administer stay hidden.
        if (askedUser !== undefined && askedUser !== self) return [];
        const mine = account.members.filter((m) => m.user === self);
        return mine.length > 0 ? [{ ...account, members: mine }] : [];
      });
    },
  };
}
