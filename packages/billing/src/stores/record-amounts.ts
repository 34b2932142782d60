import type { Payment } from '@hpckit/core';
import { billingRules } from '../errors/billing-rules.js';
import { checkLedgerRange } from './amount-codec.js';
import type { AccountRecord, ChargeRecord, MemberRecord } from './records.js';

/**
 * The range checks every store runs on a record before writing it, so that no store rounds an
 * amount, overflows its column, or fails with a driver's untyped error: each amount must lie
 * within ±`MAX_LEDGER_AMOUNT`.
 */

/** @throws `ValidationError` when the balance or block threshold is out of range. */
export function checkAccountAmounts(a: AccountRecord): void {
  checkLedgerRange(a.balance, billingRules.subject('account_balance', { value: a.name }));
  checkLedgerRange(a.blockThreshold, billingRules.subject('account_block_threshold', { value: a.name }));
}

/** @throws `ValidationError` when the used amount or the spending limit is out of range. */
export function checkMemberAmounts(m: MemberRecord): void {
  checkLedgerRange(m.used, billingRules.subject('member_used', { value: m.user, item: m.account }));
  if (m.limit)
    checkLedgerRange(
      m.limit.amount,
      billingRules.subject('member_limit', { value: m.user, item: m.account }),
    );
}

/** @throws `ValidationError` when the payment's amount is out of range. */
export function checkPaymentAmount(p: Payment): void {
  checkLedgerRange(p.amount, billingRules.subject('payment_amount', { value: p.id }));
}

/** @throws `ValidationError` when a charge's amount is out of range. */
export function checkChargeAmounts(charges: readonly ChargeRecord[]): void {
  for (const c of charges) checkLedgerRange(c.amount, billingRules.subject('charge_amount', { value: c.id }));
}
