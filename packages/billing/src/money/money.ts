import type { Money } from '@hpckit/core';
import { MoneySchema, parseInput, ValidationError, type ValidationSubject } from '@hpckit/core';
import type { Decimal } from 'decimal.js';
import { BillingDecimal, type DecimalInput, decimalString, subjectOf, toDecimal } from './decimal.js';
import { billingRules } from '../errors/billing-rules.js';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * Builds a core `Money` value from a decimal and an ISO 4217 currency code.
 *
 * @example
 * ```ts
 * money('7.94', 'CNY'); // { amount: '7.94', currency: 'CNY' }
 * ```
 * @throws `ValidationError` when the amount is a JS number or the currency is not a code.
 */
export function money(amount: DecimalInput, currency: string): Money {
  if (!CURRENCY.test(currency)) {
    throw new ValidationError({
      details: {
        ...billingRules.subject('currency'),
        issues: [billingRules.validationIssue([], 'not_a_currency', { value: currency })],
      },
    });
  }
  return { amount: decimalString(toDecimal(amount, billingRules.subject('money_amount'))), currency };
}

/**
 * Reads a `Money` value as a decimal, checking it is well formed and, if `currency` is given,
 * that it is in that currency.
 *
 * @param what - Names the value in the error message, like {@link toDecimal}'s. @default the subject `money`
 * @throws `ValidationError` on a malformed value or a currency mismatch.
 */
export function moneyToDecimal(
  value: Money,
  currency?: string,
  what: string | ValidationSubject = billingRules.subject('money'),
): Decimal {
  const parsed = parseInput(MoneySchema, value, what);
  if (currency !== undefined && parsed.currency !== currency) {
    throw new ValidationError({
      details: {
        ...subjectOf(what),
        issues: [
          billingRules.validationIssue(['currency'], 'wrong_currency', {
            value: parsed.currency,
            item: currency,
          }),
        ],
      },
    });
  }
  return new BillingDecimal(parsed.amount);
}

/**
 * Adds up money values of one currency, exactly.
 *
 * @example
 * ```ts
 * sumMoney([money('0.1', 'CNY'), money('0.2', 'CNY')], 'CNY'); // { amount: '0.3', currency: 'CNY' }
 * ```
 */
export function sumMoney(values: readonly Money[], currency: string): Money {
  let total = new BillingDecimal(0);
  values.forEach((value, i) => {
    total = total.plus(moneyToDecimal(value, currency, billingRules.subject('money_at_index', { count: i })));
  });
  return money(total, currency);
}
