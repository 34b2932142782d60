import { billingRules } from '../errors/billing-rules.js';
import { randomUUID } from 'node:crypto';
import { NameSchema, NotFoundError, parseInput, PolicyError, validationSubject } from '@hpckit/core';
import { BillingDecimal } from '../money/decimal.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { LedgerTx } from '../stores/ledger-store.js';
import type { AccountRecord, ChargeRecord, MemberRecord } from '../stores/records.js';
import type { Actor } from './actor.js';
import type { EventSink, LedgerContext } from './ledger-context.js';
import {
  type ManualChargeInput,
  ManualChargeSchema,
  type ReversalInput,
  ReversalSchema,
} from './ledger-inputs.js';
import { periodStartOf } from './limit-period.js';
import { requireAccount } from './lookups.js';
import { requireRole } from './roles.js';

/** A charge entry and the account after it. */
export interface ChargeResult {
  charge: ChargeRecord;
  account: AccountRecord;
}

/**
 * Charges entered by hand, and reversals of any charge, by a ledger acting for an actor
 * (`ledger.as(actor)`).
 */
export interface LedgerChargeOperations {
  /**
   * Charges an account by hand (finance or platform admin), e.g. for storage or a correction.
   *
   * @throws `PERMISSION_DENIED`, `VALIDATION`, `NOT_FOUND` (account)
   */
  chargeManually(account: string, input: ManualChargeInput): Promise<ChargeResult>;
  /**
   * Reverses a charge with an explicit `reversal` entry that gives the amount back (finance or
   * platform admin). A reversed job charge also comes off the member's used amount.
   *
   * @throws `PERMISSION_DENIED`, `NOT_FOUND` (charge), `ALREADY_EXISTS` (already reversed)
   */
  reverseCharge(chargeId: string, input?: ReversalInput): Promise<ChargeResult>;
}

/**
 * Adds `delta` (positive: charged, negative: given back) to a member's used amount if they have a
 * limit and the charge falls in their current period; a charge in a newer period starts it afresh.
 */
export function applyToMember(
  member: MemberRecord,
  delta: BillingDecimal,
  at: Date,
  timeZone: string,
): MemberRecord {
  if (!member.limit) return member;
  const start = periodStartOf(member.limit.period, at, timeZone);
  if (start === undefined) {
    return {
      ...member,
      used: canonicalAmount(BillingDecimal.max(0, new BillingDecimal(member.used).plus(delta))),
    };
  }
  const current = member.periodStart?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (start.getTime() < current) return member;
  const base = start.getTime() > current ? new BillingDecimal(0) : new BillingDecimal(member.used);
  return { ...member, used: canonicalAmount(BillingDecimal.max(0, base.plus(delta))), periodStart: start };
}

/** Writes a new balance (debiting `amount`) and records the block-state change. */
export async function debit(
  tx: LedgerTx,
  events: EventSink,
  account: AccountRecord,
  amount: BillingDecimal,
): Promise<AccountRecord> {
  const after = { ...account, balance: canonicalAmount(new BillingDecimal(account.balance).minus(amount)) };
  await tx.updateAccount(after);
  events.accountChanged(account, after);
  return after;
}

const FINANCE = ['platform-admin', 'finance'] as const;

/** Builds the charge operations of a ledger acting for `actor` (already validated). */
export function createChargeOperations(ctx: LedgerContext, actor: Actor): LedgerChargeOperations {
  return {
    chargeManually(accountInput, input) {
      const accountName = parseInput(NameSchema, accountInput, validationSubject('account_name'), [
        'account',
      ]);
      const data = parseInput(ManualChargeSchema, input, billingRules.subject('charge'), ['input']);
      requireRole(actor, FINANCE, `charge account "${accountName}"`);
      return ctx.mutate(async (tx, events) => {
        const account = await requireAccount(tx, accountName);
        const charge: ChargeRecord = {
          id: randomUUID(),
          account: accountName,
          kind: 'manual',
          type: data.type,
          amount: canonicalAmount(new BillingDecimal(data.amount)),
          currency: ctx.currency,
          time: data.time ?? ctx.now(),
          operator: actor.user,
        };
        if (data.user !== undefined) charge.user = data.user;
        if (data.comment !== undefined) charge.comment = data.comment;
        await tx.insertCharges([charge]);
        const after = await debit(tx, events, account, new BillingDecimal(charge.amount));
        const event = {
          id: charge.id,
          account: accountName,
          type: charge.type,
          amount: charge.amount,
          time: charge.time.toISOString(),
        };
        events.emit('charge:created', charge.user === undefined ? event : { ...event, user: charge.user });
        return { charge, account: after };
      });
    },
    reverseCharge(chargeId, input = {}) {
      const data = parseInput(ReversalSchema, input, billingRules.subject('reversal'), ['input']);
      requireRole(actor, FINANCE, 'reverse a charge');
      return ctx.mutate(async (tx, events) => {
        const original = await tx.getCharge(chargeId);
        if (!original) throw new NotFoundError({ details: { kind: 'charge', id: chargeId } });
        if (original.kind === 'reversal') {
          throw new PolicyError({
            details: { reason: 'not_permitted', subject: chargeId },
            ...billingRules.errorText('charge_is_reversal', { value: chargeId }),
          });
        }
        const account = await requireAccount(tx, original.account);
        const reversal: ChargeRecord = {
          id: randomUUID(),
          account: original.account,
          kind: 'reversal',
          type: original.type,
          amount: original.amount,
          currency: original.currency,
          reverses: original.id,
          time: ctx.now(),
          operator: actor.user,
        };
        if (original.user !== undefined) reversal.user = original.user;
        if (data.comment !== undefined) reversal.comment = data.comment;
        await tx.insertCharges([reversal]);
        const amount = new BillingDecimal(original.amount);
        const after = await debit(tx, events, account, amount.neg());
        if (original.kind === 'job' && original.user !== undefined) {
          const member = await tx.getMember(original.account, original.user);
          if (member) {
            const next = applyToMember(member, amount.neg(), original.time, ctx.timeZone);
            if (next !== member) {
              await tx.updateMember(next);
              events.memberChanged(member, next);
            }
          }
        }
        events.emit('entry:reversed', {
          id: reversal.id,
          reverses: original.id,
          account: original.account,
          amount: original.amount,
          entry: 'charge',
        });
        return { charge: reversal, account: after };
      });
    },
  };
}
