import { billingRules } from '../errors/billing-rules.js';
import { isHpckitError, NameSchema, parseInput, PolicyError, validationSubject } from '@hpckit/core';
import { BillingDecimal } from '../money/decimal.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { LedgerTx } from '../stores/ledger-store.js';
import type { MemberRecord, MemberRole } from '../stores/records.js';
import type { Actor, LedgerRole } from './actor.js';
import type { EventSink, LedgerContext } from './ledger-context.js';
import {
  type AddMemberInput,
  AddMemberSchema,
  type SpendingLimitInput,
  SpendingLimitSchema,
} from './ledger-inputs.js';
import { periodStartOf } from './limit-period.js';
import { type ClusterMembership, memberHasJobs } from './membership/cluster-membership.js';
import { requireAccount, requireMember } from './lookups.js';
import { requireManage, requireRole } from './roles.js';

/**
 * Membership administration of a ledger acting for an actor (`ledger.as(actor)`): who may use an
 * account, their role, block state and spending limit.
 *
 * Every operation follows one rule (the role matrix of the ledger guide): a platform admin manages
 * everyone; the account owner manages admins, plain members and their own membership; an account
 * admin manages plain members only. Nobody else may change their own membership, so an admin
 * cannot lift their own block or limit, and only the owner and platform admins change the owner's.
 * Refusals are `PERMISSION_DENIED` naming the action, the target and the roles that would allow it.
 */
export interface LedgerMemberOperations {
  /**
   * Adds a user to an account: a plain member (account owner or admin, or platform admin) or an
   * admin (account owner or platform admin). With the ledger's `scheduler` option the association
   * is created on every cluster first (one that already exists counts as done).
   *
   * @throws `PERMISSION_DENIED`, `NOT_FOUND` (account), `ALREADY_EXISTS`, and the scheduler's errors
   */
  addMember(account: string, input: AddMemberInput): Promise<MemberRecord>;
  /**
   * Removes a user from an account; past charges stay. Plain members: account owner or admin, or
   * platform admin; admins: account owner or platform admin. The owner is never removed.
   *
   * With the ledger's `scheduler` option it follows the rule of the incumbent portal: the member
   * is blocked first (in the ledger and on every cluster); while they have pending or running jobs
   * charged to the account the removal is refused and they stay blocked; then the association is
   * removed on every cluster (one already gone counts as done) and in the ledger.
   *
   * @throws `PERMISSION_DENIED`, `NOT_FOUND` (account, member), `POLICY_VIOLATION` (`not_permitted`:
   * the owner; `member_has_jobs`: unfinished jobs, with their ids), and the scheduler's errors
   */
  removeMember(account: string, user: string): Promise<void>;
  /**
   * Makes a member an admin or an admin a plain member (account owner or platform admin, since a
   * role change grants or revokes admin). The owner's role never changes; an admin cannot demote
   * themselves.
   *
   * @throws `PERMISSION_DENIED`, `NOT_FOUND` (account, member), `POLICY_VIOLATION` (the owner)
   */
  setMemberRole(account: string, user: string, role: 'admin' | 'member'): Promise<MemberRecord>;
  /**
   * Blocks a member on this account only. Plain members: account owner or admin, or platform
   * admin; admins: account owner or platform admin; the owner: themselves or a platform admin.
   *
   * @throws `PERMISSION_DENIED`, `NOT_FOUND` (account, member)
   */
  blockMember(account: string, user: string): Promise<MemberRecord>;
  /**
   * Lifts a manual block; the member stays blocked if their limit is reached. Same roles as
   * {@link LedgerMemberOperations.blockMember}: a blocked admin cannot unblock themselves.
   *
   * @throws `PERMISSION_DENIED`, `NOT_FOUND` (account, member)
   */
  unblockMember(account: string, user: string): Promise<MemberRecord>;
  /**
   * Sets or changes a member's spending limit. A first limit starts counting from zero; a changed
   * limit keeps what was used. Raising it above the used amount unblocks the member. Same roles as
   * {@link LedgerMemberOperations.blockMember}: an admin cannot change their own limit, and nobody
   * but the owner and platform admins can change the owner's.
   *
   * @throws `PERMISSION_DENIED`, `VALIDATION`, `NOT_FOUND` (account, member)
   */
  setSpendingLimit(account: string, user: string, input: SpendingLimitInput): Promise<MemberRecord>;
  /**
   * Cancels a member's limit and forgets the used amount, unblocking them unless an admin blocked
   * them. Same roles as {@link LedgerMemberOperations.blockMember}: a limited admin cannot cancel
   * their own limit.
   *
   * @throws `PERMISSION_DENIED`, `NOT_FOUND` (account, member)
   */
  cancelSpendingLimit(account: string, user: string): Promise<MemberRecord>;
}

/**
 * Adds the association on every cluster; an account a cluster lacks is created there first (with
 * its owner), since an association needs its account.
 */
async function addOnClusters(cluster: ClusterMembership, account: string, owner: string, user: string) {
  try {
    await cluster.add(account, user);
  } catch (err) {
    if (!isHpckitError(err, 'NOT_FOUND') || err.details.kind !== 'account') throw err;
    await cluster.ensureAccount(account, owner);
    await cluster.add(account, user);
  }
}

// Holding none of these roles in the account, an actor learns nothing about its members.
const MANAGERS: LedgerRole[] = ['platform-admin', 'account-owner', 'account-admin'];

/** Builds the member operations of a ledger acting for `actor` (already validated). */
export function createMemberOperations(ctx: LedgerContext, actor: Actor): LedgerMemberOperations {
  /** The actor's own membership, once they are known to hold some managing role in the account. */
  async function authorise(tx: LedgerTx, account: string, action: string) {
    await requireAccount(tx, account);
    const membership = await tx.getMember(account, actor.user);
    requireRole(actor, MANAGERS, action, membership);
    return membership;
  }

  function change(
    accountInput: string,
    userInput: string,
    action: (who: string) => string,
    apply: (m: MemberRecord, events: EventSink) => MemberRecord,
  ): Promise<MemberRecord> {
    const account = parseInput(NameSchema, accountInput, validationSubject('account_name'), ['account']);
    const user = parseInput(NameSchema, userInput, validationSubject('user_name'), ['user']);
    const verb = (who: string) => `${action(who)} in account "${account}"`;
    return ctx.mutate(async (tx, events) => {
      const membership = await authorise(tx, account, verb(`"${user}"`));
      const before = await requireMember(tx, account, user);
      requireManage(actor, membership, before, verb);
      const after = apply(structuredClone(before), events);
      await tx.updateMember(after);
      events.memberChanged(before, after);
      return after;
    });
  }

  return {
    async addMember(accountInput, input) {
      const account = parseInput(NameSchema, accountInput, validationSubject('account_name'), ['account']);
      const data = parseInput(AddMemberSchema, input, billingRules.subject('member'), ['input']);
      const verb = (who: string) => `add ${who} to account "${account}"`;
      // In flight from before the cluster write until the ledger has the member: a reconciler run
      // in between would see an association the ledger lacks and remove it.
      const release = await ctx.inFlight.hold(account, data.user);
      try {
        const cluster = ctx.scheduler;
        if (cluster) {
          // Checked before the clusters are touched, and again in the write: a refused caller
          // creates no association.
          const owner = await ctx.read(async (tx) => {
            const membership = await authorise(tx, account, verb(`"${data.user}"`));
            requireManage(actor, membership, data, verb);
            if (await tx.getMember(account, data.user)) return undefined;
            return (await requireAccount(tx, account)).owner;
          });
          if (owner !== undefined) await addOnClusters(cluster, account, owner, data.user);
        }
        return await ctx.mutate(async (tx, events) => {
          const membership = await authorise(tx, account, verb(`"${data.user}"`));
          requireManage(actor, membership, data, verb);
          const member: MemberRecord = {
            account,
            user: data.user,
            role: data.role,
            state: 'normal',
            used: '0.00',
            createdAt: ctx.now(),
          };
          await tx.insertMember(member);
          events.emit('member:added', { account, user: data.user, role: data.role });
          return member;
        });
      } finally {
        release();
      }
    },
    async removeMember(accountInput, userInput) {
      const account = parseInput(NameSchema, accountInput, validationSubject('account_name'), ['account']);
      const user = parseInput(NameSchema, userInput, validationSubject('user_name'), ['user']);
      const verb = (who: string) => `remove ${who} from account "${account}"`;
      const check = async (tx: LedgerTx) => {
        const membership = await authorise(tx, account, verb(`"${user}"`));
        const member = await requireMember(tx, account, user);
        requireManage(actor, membership, member, verb);
        if (member.role === 'owner') {
          throw new PolicyError({
            details: { reason: 'not_permitted', subject: account },
            ...billingRules.errorText('owner_not_removable', { value: user, item: account }),
          });
        }
        return member;
      };
      // In flight from the ledger's block until its row is gone: a reconciler run in between
      // would unblock the member or add back the association just removed.
      const release = await ctx.inFlight.hold(account, user);
      try {
        const cluster = ctx.scheduler;
        if (cluster) {
          // The incumbent portal's order: block first (in the ledger, then on every cluster), so no
          // new job can start while we look; refuse while jobs may still run and be charged; then
          // remove everywhere. A refusal leaves the member blocked, as the error says.
          await ctx.mutate(async (tx, events) => {
            const before = await check(tx);
            if (before.state === 'blocked') return;
            const after: MemberRecord = { ...before, state: 'blocked' };
            await tx.updateMember(after);
            events.memberChanged(before, after);
          });
          await cluster.block(account, user);
          const jobs = await cluster.activeJobs(account, user);
          if (jobs.length > 0) throw memberHasJobs(account, user, jobs);
          await cluster.remove(account, user);
        }
        await ctx.mutate(async (tx, events) => {
          await check(tx);
          await tx.deleteMember(account, user);
          events.emit('member:removed', { account, user });
        });
      } finally {
        release();
      }
    },
    setMemberRole(accountInput, userInput, role) {
      const next = parseInput(AddMemberSchema.shape.role, role, billingRules.subject('role'), [
        'role',
      ]) as MemberRole;
      const account = parseInput(NameSchema, accountInput, validationSubject('account_name'), ['account']);
      const user = parseInput(NameSchema, userInput, validationSubject('user_name'), ['user']);
      return ctx.mutate(async (tx, events) => {
        const verb = (who: string) => `change the role of ${who} in account "${account}"`;
        const membership = await authorise(tx, account, verb(`"${user}"`));
        const before = await requireMember(tx, account, user);
        // A role change grants or revokes admin, so it takes whoever may manage an admin (and,
        // for the owner, whoever may act on the owner).
        requireManage(actor, membership, before, verb, before.role === 'owner' ? 'owner' : 'admin');
        if (before.role === 'owner') {
          throw new PolicyError({
            details: { reason: 'not_permitted', subject: account },
            ...billingRules.errorText('owner_role_fixed', { value: user, item: account }),
          });
        }
        const after: MemberRecord = { ...before, role: next };
        await tx.updateMember(after);
        events.memberChanged(before, after);
        return after;
      });
    },
    blockMember: (account, user) =>
      change(
        account,
        user,
        (who) => `block ${who}`,
        (m) => ({ ...m, state: 'blocked' }),
      ),
    unblockMember: (account, user) =>
      change(
        account,
        user,
        (who) => `unblock ${who}`,
        (m) => ({ ...m, state: 'normal' }),
      ),
    setSpendingLimit(account, user, input) {
      const data = parseInput(SpendingLimitSchema, input, billingRules.subject('spending_limit'), ['input']);
      return change(
        account,
        user,
        (who) => `set the spending limit of ${who}`,
        (m) => {
          const now = ctx.now();
          const start = periodStartOf(data.period, now, ctx.timeZone);
          const samePeriod =
            m.limit !== undefined &&
            m.limit.period === data.period &&
            (start === undefined ||
              (m.periodStart !== undefined && m.periodStart.getTime() >= start.getTime()));
          const next: MemberRecord = {
            ...m,
            limit: { amount: canonicalAmount(new BillingDecimal(data.amount)), period: data.period },
            used: samePeriod ? m.used : '0.00',
          };
          if (start) next.periodStart = samePeriod && m.periodStart ? m.periodStart : start;
          else delete next.periodStart;
          return next;
        },
      );
    },
    cancelSpendingLimit: (account, user) =>
      change(
        account,
        user,
        (who) => `cancel the spending limit of ${who}`,
        (m) => {
          const { limit: _limit, periodStart: _start, ...rest } = m;
          return { ...rest, used: '0.00' };
        },
      ),
  };
}
