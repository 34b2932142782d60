import { NameSchema, parseInput, PolicyError } from '@hpckit/core';
import { BillingDecimal } from '../money/decimal.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { LedgerTx } from '../stores/ledger-store.js';
import type { MemberRecord, MemberRole } from '../stores/records.js';
import { type Actor, type ActorInput, ActorSchema, type LedgerRole } from './actor.js';
import type { EventSink, LedgerContext } from './ledger-context.js';
import {
  type AddMemberInput,
  AddMemberSchema,
  type SpendingLimitInput,
  SpendingLimitSchema,
} from './ledger-inputs.js';
import { periodStartOf } from './limit-period.js';
import { requireAccount, requireMember } from './lookups.js';
import { requireRole } from './roles.js';

/** Membership administration: who may use an account, their role, block state and spending limit. */
export interface MemberOperations {
  /**
   * Adds a user to an account (account owner or admin, or platform admin; only the owner or a
   * platform admin may add an admin).
   *
   * @throws `PERMISSION_DENIED`, `NOT_FOUND` (account), `ALREADY_EXISTS`
   */
  addMember(actor: ActorInput, account: string, input: AddMemberInput): Promise<MemberRecord>;
  /** Removes a user from an account; the owner cannot be removed. Past charges stay. */
  removeMember(actor: ActorInput, account: string, user: string): Promise<void>;
  /** Makes a member an admin or a plain member (account owner or platform admin). */
  setMemberRole(
    actor: ActorInput,
    account: string,
    user: string,
    role: 'admin' | 'member',
  ): Promise<MemberRecord>;
  /** Blocks a member on this account only (account owner or admin, or platform admin). */
  blockMember(actor: ActorInput, account: string, user: string): Promise<MemberRecord>;
  /** Lifts a manual block; the member stays blocked if their limit is reached. */
  unblockMember(actor: ActorInput, account: string, user: string): Promise<MemberRecord>;
  /**
   * Sets or changes a member's spending limit. A first limit starts counting from zero; a changed
   * limit keeps what was used. Raising it above the used amount unblocks the member.
   */
  setSpendingLimit(
    actor: ActorInput,
    account: string,
    user: string,
    input: SpendingLimitInput,
  ): Promise<MemberRecord>;
  /** Cancels a member's limit and forgets the used amount, unblocking them unless an admin blocked them. */
  cancelSpendingLimit(actor: ActorInput, account: string, user: string): Promise<MemberRecord>;
}

const MANAGERS: LedgerRole[] = ['platform-admin', 'account-owner', 'account-admin'];
const OWNERS: LedgerRole[] = ['platform-admin', 'account-owner'];

/** Builds the member operations of a ledger. */
export function createMemberOperations(ctx: LedgerContext): MemberOperations {
  async function authorise(
    tx: LedgerTx,
    actor: Actor,
    account: string,
    allowed: LedgerRole[],
    action: string,
  ) {
    await requireAccount(tx, account);
    requireRole(actor, allowed, `${action} in account "${account}"`, await tx.getMember(account, actor.user));
  }

  function change(
    actorInput: ActorInput,
    accountInput: string,
    userInput: string,
    allowed: LedgerRole[],
    action: string,
    apply: (m: MemberRecord, events: EventSink) => MemberRecord,
  ): Promise<MemberRecord> {
    const actor = parseInput(ActorSchema, actorInput, 'actor', ['actor']);
    const account = parseInput(NameSchema, accountInput, 'account name', ['account']);
    const user = parseInput(NameSchema, userInput, 'user name', ['user']);
    return ctx.mutate(async (tx, events) => {
      await authorise(tx, actor, account, allowed, action);
      const before = await requireMember(tx, account, user);
      const after = apply(structuredClone(before), events);
      await tx.updateMember(after);
      events.memberChanged(before, after);
      return after;
    });
  }

  return {
    addMember(actorInput, accountInput, input) {
      const actor = parseInput(ActorSchema, actorInput, 'actor', ['actor']);
      const account = parseInput(NameSchema, accountInput, 'account name', ['account']);
      const data = parseInput(AddMemberSchema, input, 'member', ['input']);
      return ctx.mutate(async (tx, events) => {
        const allowed = data.role === 'admin' ? OWNERS : MANAGERS;
        await authorise(
          tx,
          actor,
          account,
          allowed,
          `add ${data.role === 'admin' ? 'an admin' : 'a member'}`,
        );
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
    },
    removeMember(actorInput, accountInput, userInput) {
      const actor = parseInput(ActorSchema, actorInput, 'actor', ['actor']);
      const account = parseInput(NameSchema, accountInput, 'account name', ['account']);
      const user = parseInput(NameSchema, userInput, 'user name', ['user']);
      return ctx.mutate(async (tx, events) => {
        await authorise(tx, actor, account, MANAGERS, 'remove a member');
        const member = await requireMember(tx, account, user);
        if (member.role === 'owner') {
          throw new PolicyError({
            details: { reason: 'not_permitted', subject: account },
            message: `User "${user}" owns account "${account}" and cannot be removed from it.`,
            hint: 'An account always keeps its owner.',
          });
        }
        if (member.role === 'admin')
          requireRole(
            actor,
            OWNERS,
            `remove an admin from account "${account}"`,
            await tx.getMember(account, actor.user),
          );
        await tx.deleteMember(account, user);
        events.emit('member:removed', { account, user });
      });
    },
    setMemberRole: (actor, account, user, role) =>
      change(actor, account, user, OWNERS, 'change a role', (m) => {
        const next = parseInput(AddMemberSchema.shape.role, role, 'role', ['role']) as MemberRole;
        if (m.role === 'owner') {
          throw new PolicyError({
            details: { reason: 'not_permitted', subject: m.account },
            message: `User "${m.user}" owns account "${m.account}"; the owner's role cannot be changed.`,
          });
        }
        return { ...m, role: next };
      }),
    blockMember: (actor, account, user) =>
      change(actor, account, user, MANAGERS, 'block a member', (m) => ({ ...m, state: 'blocked' })),
    unblockMember: (actor, account, user) =>
      change(actor, account, user, MANAGERS, 'unblock a member', (m) => ({ ...m, state: 'normal' })),
    setSpendingLimit(actor, account, user, input) {
      const data = parseInput(SpendingLimitSchema, input, 'spending limit', ['input']);
      return change(actor, account, user, MANAGERS, 'set a spending limit', (m) => {
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
      });
    },
    cancelSpendingLimit: (actor, account, user) =>
      change(actor, account, user, MANAGERS, 'cancel a spending limit', (m) => {
        const { limit: _limit, periodStart: _start, ...rest } = m;
        return { ...rest, used: '0.00' };
      }),
  };
}
