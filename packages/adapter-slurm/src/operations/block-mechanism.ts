import type { BlockStatus, CallContext, InternalError, Membership } from '@hpckit/core';
import { fail } from '../errors/slurm-errors.js';
import type { OperationContext } from './context.js';
import { accountAssociation, clusterWhere, membershipAssociations } from './sacctmgr-reads.js';

/**
 * How accounts and users are blocked: pass one as the `blockMechanism` option of
 * `slurmAdapter` to replace the default. The default uses association submit limits
 * (`GrpSubmitJobs=0` on the account, `MaxSubmitJobs=0` on a membership; see the Slurm guide for
 * what unblocking does to limits a site set itself), which persist across slurmctld restarts
 * (unlike editing a partition's AllowAccounts, which a reconfigure forgets). Each write is
 * idempotent and verified by reading it back.
 */
export interface BlockMechanism {
  /** Short id for messages, e.g. `submit-limits`. */
  readonly name: string;
  /** Blocks an account (no member may submit to it); a no-op if it is blocked. */
  blockAccount(account: string, signal?: AbortSignal): Promise<void>;
  /** Unblocks an account; a no-op if it is not blocked. */
  unblockAccount(account: string, signal?: AbortSignal): Promise<void>;
  /** Whether an account is blocked; NOT_FOUND for an unknown account. */
  accountStatus(account: string, signal?: AbortSignal): Promise<BlockStatus>;
  /** Blocks a user in one account (their other accounts are untouched). */
  blockUser(membership: Membership, signal?: AbortSignal): Promise<void>;
  /** Unblocks a user in one account. */
  unblockUser(membership: Membership, signal?: AbortSignal): Promise<void>;
  /** Whether a user is blocked in an account; NOT_FOUND if they are not a member. */
  userStatus(membership: Membership, signal?: AbortSignal): Promise<BlockStatus>;
  /** The user's default account (used to explain a refusal of a job that named none). */
  defaultAccount(user: string, signal?: AbortSignal): Promise<string | undefined>;
}

/**
 * Blocks with association limits: an account gets `GrpSubmitJobs=0` on its own association (its
 * users' associations are untouched, so unblocking the account keeps each user's own limits), a
 * user in an account gets `MaxSubmitJobs=0` on each of their associations in that account. Running
 * jobs keep running; new submissions are refused with `AssocGrpSubmitJobsLimit` /
 * `AssocMaxSubmitJobLimit`.
 *
 * Known limit: the field is the block's only record. Unblocking writes `-1` (no limit), so a
 * site's own `GrpSubmitJobs` on the account's association, or `MaxSubmitJobs` on the user's
 * associations in that account, is erased by block then unblock; and a `0` a site set itself reads
 * as blocked (unblocking clears it). A site that uses these two limits for other purposes should
 * pass its own {@link BlockMechanism}.
 */
export function submitLimitBlocks(ops: OperationContext): BlockMechanism {
  const ctx = (signal?: AbortSignal): CallContext => ({ signal });
  const accountBlocked = async (account: string, signal?: AbortSignal) =>
    (await accountAssociation(ops, account, ctx(signal))).grpSubmitJobs === 0;
  const userBlocked = async (m: Membership, signal?: AbortSignal) =>
    (await membershipAssociations(ops, m, ctx(signal))).every((a) => a.maxSubmitJobs === 0);

  async function modify(args: string[], signal?: AbortSignal) {
    await ops.runner.run({ program: 'sacctmgr', args: ['-i', 'modify', ...args], signal });
  }

  async function setAccount(account: string, blocked: boolean, signal?: AbortSignal) {
    if ((await accountBlocked(account, signal)) === blocked) return;
    const where = ['where', `name=${account}`, ...clusterWhere(ops)];
    await modify(['account', ...where, 'set', `GrpSubmitJobs=${blocked ? 0 : -1}`], signal);
    if ((await accountBlocked(account, signal)) !== blocked)
      throw notApplied(`${blocked ? 'block' : 'unblock'} account ${account}`);
  }

  async function setUser(m: Membership, blocked: boolean, signal?: AbortSignal) {
    if ((await userBlocked(m, signal)) === blocked) return;
    const where = ['where', `name=${m.user}`, `account=${m.account}`, ...clusterWhere(ops)];
    await modify(['user', ...where, 'set', `MaxSubmitJobs=${blocked ? 0 : -1}`], signal);
    if ((await userBlocked(m, signal)) !== blocked)
      throw notApplied(`${blocked ? 'block' : 'unblock'} ${m.user} in ${m.account}`);
  }

  return {
    name: 'submit-limits',
    blockAccount: (a, s) => setAccount(a, true, s),
    unblockAccount: (a, s) => setAccount(a, false, s),
    accountStatus: async (a, s) => ({ blocked: await accountBlocked(a, s) }),
    blockUser: (m, s) => setUser(m, true, s),
    unblockUser: (m, s) => setUser(m, false, s),
    userStatus: async (m, s) => ({ blocked: await userBlocked(m, s) }),
    async defaultAccount(user, signal) {
      const result = await ops.runner.run({
        program: 'sacctmgr',
        // "show user withassoc" would list every user: a name goes only after where name=.
        args: ['-n', '-P', 'show', 'user', 'where', `name=${user}`, 'format=defaultaccount'],
        signal,
        idempotent: true,
      });
      return result.stdout.split('\n')[0]?.trim() || undefined;
    },
  };
}

function notApplied(what: string): InternalError {
  return fail.internal({ details: { operation: what, reason: 'change_not_applied', program: 'sacctmgr' } });
}
