import type { Money } from '@hpckit/core';
import { BillingDecimal } from './decimal.js';
import { type RoundingMode, roundDecimal } from './rounding-mode.js';

/** Options of {@link formatMoney}. */
export interface FormatMoneyOptions {
  /** Decimal places to show; the amount is rounded (half-up) when it has more. @default 2 */
  places?: number;
  /** Separate thousands with commas. @default true */
  grouping?: boolean;
  /** How to round when the amount has more places than shown. @default 'half-up' */
  rounding?: RoundingMode;
}

/**
 * Renders money for a person, e.g. `"49,000.00 CNY"`, working on the decimal string only.
 *
 * @example
 * ```ts
 * formatMoney({ amount: '7.9425', currency: 'CNY' }); // "7.94 CNY"
 * ```
 */
export function formatMoney(value: Money, options: FormatMoneyOptions = {}): string {
  const places = options.places ?? 2;
  const fixed = roundDecimal(new BillingDecimal(value.amount), places, options.rounding ?? 'half-up').toFixed(
    places,
  );
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [whole = '0', fraction] = fixed.replace(/^-/, '').split('.');
  const grouped = options.grouping === false ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''} ${value.currency}`;
}
