import type { Payment } from '@hpckit/core';
import { checkLedgerRange } from './amount-codec.js';
import type { AccountRecord, ChargeRecord, MemberRecord } from './records.js';

/**
 * The range checks every store runs on a record before writing it, so that no store rounds an
 * amount, overflows its column, or fails with a driver's untyped error: each amount must lie
 * within ±`MAX_LEDGER_AMOUNT`.
 */

/** @throws `ValidationError` when the balance or block threshold is out of range. */
export function checkAccountAmounts(a: AccountRecord): void {
  checkLedgerRange(a.balance, `balance of account "${a.name}"`);
  checkLedgerRange(a.blockThreshold, `block threshold of account "${a.name}"`);
}

/** @throws `ValidationError` when the used amount or the spending limit is out of range. */
export function checkMemberAmounts(m: MemberRecord): void {
  checkLedgerRange(m.used, `amount used by "${m.user}" in account "${m.account}"`);
  if (m.limit) checkLedgerRange(m.limit.amount, `spending limit of "${m.user}" in account "${m.account}"`);
}

/** @throws `ValidationError` when the payment's amount is out of range. */
export function checkPaymentAmount(p: Payment): void {
  checkLedgerRange(p.amount, `amount of payment "${p.id}"`);
}

/** @throws `ValidationError` when a charge's amount is out of range. */
export function checkChargeAmounts(charges: readonly ChargeRecord[]): void {
  for (const c of charges) checkLedgerRange(c.amount, `amount of charge "${c.id}"`);
}
