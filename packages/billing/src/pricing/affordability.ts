import type { Money } from '@hpckit/core';
import { PolicyError } from '@hpckit/core';
import { billingRules } from '../errors/billing-rules.js';
import { moneyToDecimal } from '../money/money.js';
import type { Quote } from './quote-spec.js';

/** Options of {@link assertAffordable}. */
export interface AffordabilityOptions {
  /**
   * The account the available amount belongs to, e.g. `chem`: the message names it in every
   * locale (`account "chem"`, `账户“chem”`).
   * @default undefined (the message names no account)
   */
  account?: string;
}

/**
 * Whether `available` (a balance, or what remains of a spending limit) covers a quote's maximum.
 *
 * @throws `ValidationError` when the currencies differ.
 */
export function isAffordable(quote: Quote, available: Money): boolean {
  const currency = quote.maximum.currency;
  return moneyToDecimal(available, currency, billingRules.subject('available_amount')).gte(
    moneyToDecimal(quote.maximum, currency, billingRules.subject('quote_maximum')),
  );
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
 * assertAffordable(quote, balance, { account: 'chem' });
 * ```
 * @throws `PolicyError` when the quote's maximum exceeds `available`.
 */
export function assertAffordable(quote: Quote, available: Money, options: AffordabilityOptions = {}): void {
  if (isAffordable(quote, available)) return;
  const { currency } = quote.maximum;
  throw new PolicyError({
    details: {
      reason: 'insufficient_balance',
      subject: options.account,
      limit: available.amount,
      requested: quote.maximum.amount,
      unit: currency,
    },
  });
}
