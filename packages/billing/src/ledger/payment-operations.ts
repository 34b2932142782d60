import { billingRules } from '../errors/billing-rules.js';
import { randomUUID } from 'node:crypto';
import {
  NameSchema,
  NotFoundError,
  parseInput,
  PolicyError,
  type Payment,
  validationSubject,
} from '@hpckit/core';
import { BillingDecimal } from '../money/decimal.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { LedgerTx } from '../stores/ledger-store.js';
import type { AccountRecord } from '../stores/records.js';
import type { Actor } from './actor.js';
import type { EventSink, LedgerContext } from './ledger-context.js';
import type { PaymentEvent } from './ledger-events.js';
import {
  type PaymentInput,
  PaymentInputSchema,
  type ReversalInput,
  ReversalSchema,
} from './ledger-inputs.js';
import { requireAccount } from './lookups.js';
import { requireRole } from './roles.js';

/** A recorded payment and the bonus entry it earned, if any. */
export interface PaymentResult {
  payment: Payment;
  bonus?: Payment;
  account: AccountRecord;
}

/** A reversal and the entries it wrote (the reversal, and a bonus adjustment for a reversed payment). */
export interface ReversalResult {
  reversal: Payment;
  /** For a reversed payment: the (negative) bonus adjustment that keeps the year's bonus exact. */
  bonusAdjustment?: Payment;
  account: AccountRecord;
}

/**
 * Payments into accounts, by a ledger acting for an actor (`ledger.as(actor)`): recharges with
 * their bonus, and reversals.
 */
export interface LedgerPaymentOperations {
  /**
   * Records a recharge (finance or platform admin). With bonus rules, the bonus it earns is
   * recorded as its own `bonus` entry linked to the payment, computed on the account's recharges
   * of the calendar year so that a year's bonuses always add up to tier(total) × total.
   *
   * @throws `PERMISSION_DENIED`, `VALIDATION`, `NOT_FOUND` (account)
   */
  recordPayment(account: string, input: PaymentInput): Promise<PaymentResult>;
  /**
   * Reverses a payment or bonus with an explicit `reversal` entry (entries are never edited).
   * Reversing a payment also adjusts the year's bonus to what the remaining recharges earn.
   *
   * @throws `PERMISSION_DENIED`, `NOT_FOUND` (payment), `ALREADY_EXISTS` (already reversed)
   */
  reversePayment(paymentId: string, input?: ReversalInput): Promise<ReversalResult>;
}

/** A payment entry as events carry it. */
function paymentEvent(p: Payment): PaymentEvent {
  const e: PaymentEvent = {
    id: p.id,
    account: p.account,
    kind: p.kind,
    type: p.type,
    amount: p.amount,
    currency: p.currency,
    time: p.time.toISOString(),
    operator: p.operator,
  };
  if (p.linkedTo !== undefined) e.linkedTo = p.linkedTo;
  return e;
}

const FINANCE = ['platform-admin', 'finance'] as const;

/** Builds the payment operations of a ledger acting for `actor` (already validated). */
export function createPaymentOperations(ctx: LedgerContext, actor: Actor): LedgerPaymentOperations {
  /** Recharges of the account in the calendar year of `time` that are not reversed, as Money. */
  async function yearRecharges(tx: LedgerTx, account: string, time: Date, excluding?: string) {
    const bonus = ctx.bonus!;
    const { start, end } = bonus.yearBounds(bonus.calendarYear(time));
    const page = await tx.queryPayments({ from: start, to: end, accounts: [account], kinds: ['payment'] });
    const out = [];
    for (const p of page.items) {
      if (p.id === excluding || (await tx.paymentReversalOf(p.id))) continue;
      out.push({ amount: p.amount, currency: p.currency });
    }
    return out;
  }

  async function credit(tx: LedgerTx, events: EventSink, account: AccountRecord, delta: BillingDecimal) {
    const after = { ...account, balance: canonicalAmount(new BillingDecimal(account.balance).plus(delta)) };
    await tx.updateAccount(after);
    events.accountChanged(account, after);
    return after;
  }

  return {
    recordPayment(accountInput, input) {
      const accountName = parseInput(NameSchema, accountInput, validationSubject('account_name'), [
        'account',
      ]);
      const data = parseInput(PaymentInputSchema, input, billingRules.subject('payment'), ['input']);
      requireRole(actor, FINANCE, `record a payment to account "${accountName}"`);
      return ctx.mutate(async (tx, events) => {
        const account = await requireAccount(tx, accountName);
        const time = data.time ?? ctx.now();
        const payment: Payment = {
          id: randomUUID(),
          account: accountName,
          kind: 'payment',
          type: data.type,
          amount: canonicalAmount(new BillingDecimal(data.amount)),
          currency: ctx.currency,
          time,
          operator: actor.user,
        };
        if (data.comment !== undefined) payment.comment = data.comment;
        let bonus: Payment | undefined;
        if (ctx.bonus) {
          const prior = await yearRecharges(tx, accountName, time);
          const grant = ctx.bonus.bonusFor({ amount: payment.amount, currency: ctx.currency }, prior);
          if (!new BillingDecimal(grant.bonus.amount).isZero()) {
            bonus = {
              id: randomUUID(),
              account: accountName,
              kind: 'bonus',
              type: 'bonus',
              amount: canonicalAmount(new BillingDecimal(grant.bonus.amount)),
              currency: ctx.currency,
              linkedTo: payment.id,
              time,
              operator: actor.user,
              comment: `bonus at rate ${grant.rateAfter} on a year total of ${grant.yearTotalAfter.amount}`,
            };
          }
        }
        await tx.insertPayment(payment);
        let delta = new BillingDecimal(payment.amount);
        events.emit('payment:received', paymentEvent(payment));
        if (bonus) {
          await tx.insertPayment(bonus);
          delta = delta.plus(bonus.amount);
          events.emit('bonus:granted', paymentEvent(bonus));
        }
        const after = await credit(tx, events, account, delta);
        return bonus ? { payment, bonus, account: after } : { payment, account: after };
      });
    },
    reversePayment(paymentId, input = {}) {
      const data = parseInput(ReversalSchema, input, billingRules.subject('reversal'), ['input']);
      requireRole(actor, FINANCE, 'reverse a payment');
      return ctx.mutate(async (tx, events) => {
        const original = await tx.getPayment(paymentId);
        if (!original) throw new NotFoundError({ details: { kind: 'payment', id: paymentId } });
        if (original.kind === 'reversal' || (original.kind === 'bonus' && original.amount.startsWith('-'))) {
          throw new PolicyError({
            details: { reason: 'not_permitted', subject: paymentId },
            ...billingRules.errorText('payment_is_correction', { value: paymentId, item: original.kind }),
          });
        }
        const account = await requireAccount(tx, original.account);
        const time = ctx.now();
        const reversal: Payment = {
          id: randomUUID(),
          account: original.account,
          kind: 'reversal',
          type: original.type,
          amount: original.amount,
          currency: original.currency,
          linkedTo: original.id,
          time,
          operator: actor.user,
        };
        if (data.comment !== undefined) reversal.comment = data.comment;
        let delta = new BillingDecimal(original.amount).neg();
        let bonusAdjustment: Payment | undefined;
        if (original.kind === 'payment' && ctx.bonus) {
          // Take back what the year's bonus no longer owes once this recharge is gone.
          const prior = await yearRecharges(tx, original.account, original.time, original.id);
          const grant = ctx.bonus.bonusFor({ amount: original.amount, currency: ctx.currency }, prior);
          const owedBefore = new BillingDecimal(grant.owedAfter.amount);
          const owedAfter = new BillingDecimal(grant.owedBefore.amount);
          const adjust = owedAfter.minus(owedBefore);
          if (!adjust.isZero()) {
            bonusAdjustment = {
              id: randomUUID(),
              account: original.account,
              kind: 'bonus',
              type: 'bonus',
              amount: canonicalAmount(adjust),
              currency: ctx.currency,
              linkedTo: reversal.id,
              time,
              operator: actor.user,
              comment: `bonus adjustment for the reversal of payment ${original.id}`,
            };
          }
        }
        await tx.insertPayment(reversal);
        if (bonusAdjustment) {
          await tx.insertPayment(bonusAdjustment);
          delta = delta.plus(bonusAdjustment.amount);
        }
        const after = await credit(tx, events, account, delta);
        events.emit('entry:reversed', {
          id: reversal.id,
          reverses: original.id,
          account: original.account,
          amount: original.amount,
          entry: 'payment',
        });
        return bonusAdjustment ? { reversal, bonusAdjustment, account: after } : { reversal, account: after };
      });
    },
  };
}
