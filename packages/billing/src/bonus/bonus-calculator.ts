import { billingRules } from '../errors/billing-rules.js';
import type { Money } from '@hpckit/core';
import { parseInput } from '@hpckit/core';
import type { Decimal } from 'decimal.js';
import { BillingDecimal, decimalString } from '../money/decimal.js';
import { moneyToDecimal } from '../money/money.js';
import { roundDecimal } from '../money/rounding-mode.js';
import { type BonusRules, type BonusRulesInput, BonusRulesSchema } from './bonus-rules-schema.js';
import { calendarYear, startOfYear } from './calendar-year.js';

/** The bonus one payment earns, with the year totals it was computed from. */
export interface BonusGrant {
  /** Bonus owed by this payment (0 when it reaches no new tier; negative for a reversal). */
  bonus: Money;
  /** The year's recharges before and after this payment. */
  yearTotalBefore: Money;
  yearTotalAfter: Money;
  /** Tier rates of those totals, as decimal strings (`"0.10"`). */
  rateBefore: string;
  rateAfter: string;
  /** Bonus owed for the whole year before and after: `bonus` is their difference. */
  owedBefore: Money;
  owedAfter: Money;
}

/** Computes recharge bonuses so that a year's bonuses always add up to tier(total) × total. */
export interface BonusCalculator {
  /** The validated rules. */
  readonly rules: BonusRules;
  /**
   * The bonus owed by `payment`, given the recharges already made this calendar year.
   *
   * It is `owed(prior + payment) − owed(prior)` with `owed(t) = round(rate(t) × t)`, so the bonuses
   * of a year telescope to exactly `owed(year total)` whatever the order and size of payments.
   *
   * @throws `ValidationError` on malformed money or a currency other than the rules'.
   */
  bonusFor(payment: Money, priorPaymentsThisYear: readonly Money[]): BonusGrant;
  /** The tier rate for a year total, as a decimal string. */
  rateFor(yearTotal: Money): string;
  /** The calendar year of an instant, in the rules' time zone. */
  calendarYear(time: Date): number;
  /** First instant of the year and first instant of the next, in the rules' time zone. */
  yearBounds(year: number): { start: Date; end: Date };
}

/**
 * Builds a bonus calculator from tier rules (validated once, here).
 *
 * @example
 * ```ts
 * const bonus = createBonusCalculator(ikkemPreset().bonusRules);
 * bonus.bonusFor({ amount: '50000', currency: 'CNY' }, []).bonus; // { amount: '5000.00', currency: 'CNY' }
 * ```
 * @throws `ValidationError` when the rules are invalid.
 */
export function createBonusCalculator(input: BonusRulesInput): BonusCalculator {
  const rules = parseInput(BonusRulesSchema, input, billingRules.subject('bonus_rules'));
  const zero = new BillingDecimal(0);
  const tiers = [
    { above: undefined, rate: zero, text: '0' },
    ...rules.tiers.map((t) => ({
      above: new BillingDecimal(t.above),
      rate: new BillingDecimal(t.rate),
      text: t.rate,
    })),
  ];
  // Boundaries are exact: a total equal to a tier's "above" stays in the tier below.
  const tierOf = (total: Decimal) => {
    let found = tiers[0]!;
    for (const tier of tiers) if (tier.above === undefined || total.gt(tier.above)) found = tier;
    return found;
  };
  const rateOf = (total: Decimal): Decimal => tierOf(total).rate;
  const owed = (total: Decimal): Decimal =>
    total.isPositive() && !total.isZero()
      ? roundDecimal(rateOf(total).times(total), rules.precision, rules.rounding)
      : zero;
  const m = (d: Decimal): Money => ({ amount: decimalString(d), currency: rules.currency });
  const fixed = (d: Decimal): Money => ({ amount: d.toFixed(rules.precision), currency: rules.currency });

  return {
    rules,
    bonusFor(payment, prior) {
      const paid = moneyToDecimal(payment, rules.currency, billingRules.subject('payment'));
      let before = zero;
      prior.forEach((p, i) => {
        before = before.plus(
          moneyToDecimal(p, rules.currency, billingRules.subject('prior_payment_at_index', { count: i })),
        );
      });
      const after = before.plus(paid);
      const owedBefore = owed(before);
      const owedAfter = owed(after);
      return {
        bonus: fixed(owedAfter.minus(owedBefore)),
        yearTotalBefore: m(before),
        yearTotalAfter: m(after),
        rateBefore: tierOf(before).text,
        rateAfter: tierOf(after).text,
        owedBefore: fixed(owedBefore),
        owedAfter: fixed(owedAfter),
      };
    },
    rateFor: (total) =>
      tierOf(moneyToDecimal(total, rules.currency, billingRules.subject('year_total'))).text,
    calendarYear: (time) => calendarYear(time, rules.timeZone),
    yearBounds: (year) => ({
      start: startOfYear(year, rules.timeZone),
      end: startOfYear(year + 1, rules.timeZone),
    }),
  };
}
