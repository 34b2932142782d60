import { z } from 'zod';
import { BillingDecimal, DECIMAL_PATTERN } from '../money/decimal.js';
import { ROUNDING_MODES } from '../money/rounding-mode.js';
import { NonNegativeDecimalStringSchema } from '../pricing/charging-rules-schema.js';
import { isTimeZone } from './calendar-year.js';
import { billingRules } from '../errors/billing-rules.js';

/** One bonus tier: a year's recharges strictly above `above` earn `rate` × the year's total. */
export const BonusTierSchema = z.strictObject({
  above: NonNegativeDecimalStringSchema.describe(
    'The tier applies when the year total is strictly above this',
  ),
  rate: NonNegativeDecimalStringSchema.describe('Bonus as a share of the amount paid, e.g. "0.10" for 10 %'),
});

/**
 * Recharge bonus rules: tiers on the year's cumulative recharges, the time zone whose calendar
 * year counts, and how bonuses are rounded.
 *
 * @example
 * ```ts
 * const rules: BonusRulesInput = {
 *   currency: 'CNY',
 *   timeZone: 'Asia/Shanghai',
 *   tiers: [{ above: '49000', rate: '0.10' }, { above: '99000', rate: '0.25' }],
 * };
 * ```
 */
export const BonusRulesSchema = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, { error: billingRules.error('not_a_currency') }),
    timeZone: z
      .string()
      .refine(isTimeZone, { error: billingRules.error('not_a_time_zone') })
      .describe('Time zone whose calendar year the tiers accumulate in'),
    tiers: z.array(BonusTierSchema).min(1),
    /**
     * Decimal places of a bonus.
     * @default 2
     */
    precision: z.number().int().min(0).max(8).default(2),
    /**
     * Rounding of the bonus owed on a year's total.
     * @default 'half-up'
     */
    rounding: z.enum(ROUNDING_MODES).default('half-up'),
  })
  .superRefine((rules, ctx) => {
    const valid = (v: unknown) => typeof v === 'string' && DECIMAL_PATTERN.test(v);
    rules.tiers.forEach((tier, i) => {
      const prev = rules.tiers[i - 1];
      // zod runs this refinement even when a tier failed its own checks; compare only parsed ones.
      if (!prev || ![tier.above, tier.rate, prev.above, prev.rate].every(valid)) return;
      if (!new BillingDecimal(tier.above).gt(prev.above)) {
        ctx.addIssue({ ...billingRules.issue('tiers_ascending'), path: ['tiers', i, 'above'] });
      }
      if (new BillingDecimal(tier.rate).lt(prev.rate)) {
        ctx.addIssue({ ...billingRules.issue('tier_rate_lower'), path: ['tiers', i, 'rate'] });
      }
    });
  });

/** Validated bonus rules. */
export type BonusRules = z.output<typeof BonusRulesSchema>;
/** Bonus rules as a site writes them. */
export type BonusRulesInput = z.input<typeof BonusRulesSchema>;
