import { ValidationError } from '@hpckit/core';
import type { Decimal } from 'decimal.js';
import { BillingDecimal } from '../money/decimal.js';

/**
 * Decimal places a ledger keeps. Stores hold amounts exactly at this scale (SQLite as integer
 * millionths, PostgreSQL as `NUMERIC(38, 6)`); an amount finer than this is refused, never rounded.
 */
export const LEDGER_SCALE = 6;

const MICROS = new BillingDecimal(10).pow(LEDGER_SCALE);

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
export function checkScale(value: Decimal, what: string): string {
  if (value.decimalPlaces() > LEDGER_SCALE) {
    throw new ValidationError({
      details: {
        subject: what,
        issues: [
          {
            path: [],
            message: `${value.toFixed()} has more than ${LEDGER_SCALE} decimal places; the ledger keeps amounts exactly and does not round them: round it first`,
            code: 'custom',
          },
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
