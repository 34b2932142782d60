import { ValidationError, type ValidationSubject } from '@hpckit/core';
import { Decimal } from 'decimal.js';
import { billingRules } from '../errors/billing-rules.js';

/**
 * The decimal type every money computation in this package uses.
 *
 * A private clone of decimal.js, so a host application changing decimal.js's global settings
 * cannot change how charges round. 40 significant digits keep every intermediate exact for
 * realistic rates, quantities and durations; the only inexact step in pricing is the single
 * division by 3600, which is far below any currency's smallest unit at that precision.
 */
export const BillingDecimal: Decimal.Constructor = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});

/** A value of {@link BillingDecimal} (so the name works as a type too, as for a class). */
export type BillingDecimal = Decimal;

/** A decimal.js value (from this package or any other copy of decimal.js). */
export type DecimalValue = Decimal;

/** Where a decimal may come from: a decimal string (`"0.06"`) or a decimal.js value, never a JS number. */
export type DecimalInput = string | Decimal;

/** The shape of a decimal string: optional minus, digits, optional fraction. */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/**
 * Converts a decimal string or decimal.js value to a {@link BillingDecimal}, refusing JS numbers.
 *
 * Money never travels as a JS number: `0.1 + 0.2` is not `0.3` in binary floating point, so a
 * number reaching this function is a bug upstream and is refused rather than silently rounded.
 *
 * @example
 * ```ts
 * toDecimal('0.1', 'rate').plus(toDecimal('0.2', 'rate')).toFixed(); // "0.3"
 * toDecimal(0.1 as never, 'rate'); // throws: write it as a string such as "0.1"
 * ```
 * @param what - Names the value in the error message: your own words (`"rate of item cpu-internal"`,
 *   shown as written in every locale) or a subject named in every locale (`validationSubject(…)`,
 *   `rules.subject(…)`).
 * @throws `ValidationError` when `value` is a number or not a plain decimal string.
 */
export function toDecimal(value: DecimalInput, what: string | ValidationSubject): Decimal {
  if (typeof value === 'string') {
    if (!DECIMAL_PATTERN.test(value)) throw notDecimal(value, what);
    return new BillingDecimal(value);
  }
  if (BillingDecimal.isDecimal(value)) {
    if (!value.isFinite()) throw notDecimal(String(value), what);
    return new BillingDecimal(value);
  }
  throw notDecimal(value, what);
}

/** A `what` argument as validation details: a caller's own words, or a subject every locale names. */
export const subjectOf = (
  what: string | ValidationSubject,
): Partial<ValidationSubject> & { subject: string } => (typeof what === 'string' ? { subject: what } : what);

/** Writes a decimal as a plain decimal string (never exponent notation, never `"-0"`). */
export function decimalString(value: Decimal): string {
  return value.isZero() ? value.toFixed().replace(/^-/, '') : value.toFixed();
}

function notDecimal(value: unknown, what: string | ValidationSubject): ValidationError {
  const issue =
    typeof value === 'number'
      ? billingRules.validationIssue([], 'js_number_amount', { value: String(value) })
      : billingRules.validationIssue([], 'not_a_decimal', { value: JSON.stringify(value) ?? String(value) });
  return new ValidationError({ details: { ...subjectOf(what), issues: [issue] } });
}
