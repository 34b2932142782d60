import { z } from 'zod';
import { BillingDecimal, DECIMAL_PATTERN } from '../money/decimal.js';
import { ROUNDING_MODES } from '../money/rounding-mode.js';
import { NonNegativeDecimalStringSchema } from '../pricing/charging-rules-schema.js';
import { isTimeZone } from './calendar-year.js';

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
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "CNY"'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as "Asia/Shanghai" or "UTC"')
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
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'above'],
          message: 'must be greater than the previous tier\'s "above"; list tiers in ascending order',
        });
      }
      if (new BillingDecimal(tier.rate).lt(prev.rate)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'rate'],
          message:
            "is below the previous tier's rate; a higher total earning a lower rate would take bonus back from a payment",
        });
      }
    });
  });

/** Validated bonus rules. */
export type BonusRules = z.output<typeof BonusRulesSchema>;
/** Bonus rules as a site writes them. */
export type BonusRulesInput = z.input<typeof BonusRulesSchema>;
