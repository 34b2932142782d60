import type { Money } from '@hpckit/core';
import { PolicyError } from '@hpckit/core';
import { moneyToDecimal } from '../money/money.js';
import type { Quote } from './quote-spec.js';

/** Options of {@link assertAffordable}. */
export interface AffordabilityOptions {
  /**
   * What the available amount belongs to, for the message, e.g. `account "chem"`.
   * @default undefined (the message names no owner)
   */
  subject?: string;
}

/**
 * Whether `available` (a balance, or what remains of a spending limit) covers a quote's maximum.
 *
 * @throws `ValidationError` when the currencies differ.
 */
export function isAffordable(quote: Quote, available: Money): boolean {
  const currency = quote.maximum.currency;
  return moneyToDecimal(available, currency, 'available amount').gte(moneyToDecimal(quote.maximum, currency));
}

/**
 * Refuses a submission whose maximum cost exceeds what is available.
 *
 * The error's reason is `insufficient_balance`; `limit` and `requested` carry the two amounts, and
 * its message is bilingual through core's catalogue.
 *
 * @example
 * ```ts
 * const quote = engine.quote(spec, { cluster: 'ikkem', accountType: 'internal' });
 * assertAffordable(quote, balance, { subject: 'account "chem"' });
 * ```
 * @throws `PolicyError` when the quote's maximum exceeds `available`.
 */
export function assertAffordable(quote: Quote, available: Money, options: AffordabilityOptions = {}): void {
  if (isAffordable(quote, available)) return;
  const { currency } = quote.maximum;
  throw new PolicyError({
    details: {
      reason: 'insufficient_balance',
      subject: options.subject,
      limit: available.amount,
      requested: quote.maximum.amount,
      unit: currency,
    },
  });
}
