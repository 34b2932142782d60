import { ValidationError, type ValidationSubject } from '@hpckit/core';
import type { Decimal } from 'decimal.js';
import { billingRules } from '../errors/billing-rules.js';
import { BillingDecimal } from '../money/decimal.js';

/**
 * Decimal places a ledger keeps. Stores hold amounts exactly at this scale (SQLite as integer
 * millionths, PostgreSQL as `NUMERIC(38, 6)`); an amount finer than this is refused, never rounded.
 */
export const LEDGER_SCALE = 6;

const MICROS = new BillingDecimal(10).pow(LEDGER_SCALE);

/**
 * The largest amount, in absolute value, a ledger keeps: 10^12 in the ledger's currency. Every
 * store holds it exactly (SQLite's 64-bit integer millionths end near 9.2 × 10^12, PostgreSQL's
 * `NUMERIC(38, 6)` near 10^32, and decimal arithmetic keeps 40 digits), with room for net sums of
 * millions of entries. Payments, charges, spending limits and block thresholds beyond it are
 * refused with `VALIDATION` where they enter; every store also refuses to write a balance, used
 * amount or entry beyond it (so a payment that would push a balance past it is refused whole),
 * rather than rounding it or failing with a driver's error.
 */
export const MAX_LEDGER_AMOUNT = '1000000000000';

const MAX = new BillingDecimal(MAX_LEDGER_AMOUNT);

/** Whether an amount lies within ±{@link MAX_LEDGER_AMOUNT}. */
export function withinLedgerRange(amount: Decimal | string): boolean {
  if (typeof amount === 'string') {
    // A hostile amount may have thousands of digits: too many integer digits settles it unparsed.
    const integer = amount.replace(/^-/, '').split('.')[0]!.replace(/^0+/, '');
    if (integer.length > MAX_LEDGER_AMOUNT.length) return false;
  }
  return new BillingDecimal(amount).abs().lte(MAX);
}

/**
 * Checks a record's amount lies within ±{@link MAX_LEDGER_AMOUNT} before a store writes it.
 *
 * @param what - The amount, named in every locale (`billingRules.subject('account_balance', …)`).
 * @throws `ValidationError` when it does not.
 */
export function checkLedgerRange(amount: string, what: ValidationSubject): void {
  if (withinLedgerRange(amount)) return;
  const shown = amount.length > 40 ? `${amount.slice(0, 40)}…` : amount;
  throw new ValidationError({
    details: {
      ...what,
      issues: [
        billingRules.validationIssue([], 'beyond_ledger_range', { value: shown, maximum: MAX_LEDGER_AMOUNT }),
      ],
    },
  });
}

/**
 * The one way a ledger writes an amount: at least two decimal places, no trailing zeros beyond
 * them, never `-0` (`"12.50"`, `"0.125"`, `"-3.00"`). Equal amounts always give equal strings.
 */
export function canonicalAmount(value: Decimal | string): string {
  const d = typeof value === 'string' ? new BillingDecimal(value) : value;
  const text = d.toFixed(Math.max(2, d.decimalPlaces()));
  return d.isZero() ? text.replace(/^-/, '') : text;
}

/**
 * Checks an amount fits the ledger's scale and returns it canonical.
 *
 * @throws `ValidationError` when it has more than {@link LEDGER_SCALE} decimal places.
 */
export function checkScale(value: Decimal, what: ValidationSubject): string {
  if (value.decimalPlaces() > LEDGER_SCALE) {
    throw new ValidationError({
      details: {
        ...what,
        issues: [
          billingRules.validationIssue([], 'beyond_ledger_scale', {
            value: value.toFixed(),
            maximum: LEDGER_SCALE,
          }),
        ],
      },
    });
  }
  return canonicalAmount(value);
}

/** An amount as integer millionths, for SQLite's 64-bit integers. */
export function toMicros(amount: string): bigint {
  return BigInt(new BillingDecimal(amount).times(MICROS).toFixed(0));
}

/** Integer millionths back to a canonical amount. */
export function fromMicros(micros: bigint | number): string {
  return canonicalAmount(new BillingDecimal(micros.toString()).div(MICROS));
}
