import { z } from 'zod';
import { ROUNDING_MODES } from '../money/rounding-mode.js';
import { billingRules } from '../errors/billing-rules.js';

const NON_NEGATIVE_DECIMAL = /^\d+(\.\d+)?$/;

/** A non-negative decimal written as a string (`"0.06"`); JS numbers are refused with a fix. */
export const NonNegativeDecimalStringSchema = z.custom<string>(
  (v) => typeof v === 'string' && NON_NEGATIVE_DECIMAL.test(v),
  {
    error: (issue) =>
      typeof issue.input === 'number'
        ? `must be a decimal string such as "${String(issue.input)}", not the number ${String(issue.input)} (numbers are binary floats and cannot carry money exactly)`
        : 'must be a non-negative decimal string such as "0.06"',
  },
);

/**
 * How a site turns usage into a charge: precision, rounding, minimum charge and time granularity.
 *
 * Order of operations (see the pricing guide): billed seconds = elapsed seconds rounded to the
 * granularity; exact charge = rate × quantity × billed seconds ÷ 3600 with no intermediate
 * rounding (unless `quantityPrecision` is set); the exact charge is rounded once to `precision`
 * places; a positive charge below `minimumCharge` is raised to it.
 */
export const ChargingRulesSchema = z
  .strictObject({
    /**
     * Decimal places of a charge.
     * @default 2
     */
    precision: z.number().int().min(0).max(8).default(2).describe('Decimal places of a charge'),
    /**
     * How the exact charge is rounded to `precision` places.
     * @default 'half-up'
     */
    rounding: z.enum(ROUNDING_MODES).default('half-up').describe('Rounding of the exact charge'),
    /**
     * Smallest charge for a job whose exact charge is positive; jobs costing exactly 0 stay 0.
     * @default "0"
     */
    minimumCharge: NonNegativeDecimalStringSchema.default('0').describe('Smallest positive charge'),
    /**
     * Billed time is a whole number of these seconds.
     * @default 1
     */
    granularitySeconds: z.number().int().positive().default(1).describe('Billing time step in seconds'),
    /**
     * How elapsed time is rounded to the granularity.
     * @default 'up'
     */
    granularityRounding: z.enum(['up', 'down', 'nearest']).default('up').describe('Rounding of billed time'),
    /**
     * If set, resource-hours are rounded to this many places (with `quantityRounding`) before the
     * rate is applied: the incumbent portal's order. Unset means exact usage, rounded once.
     */
    quantityPrecision: z
      .number()
      .int()
      .min(0)
      .max(8)
      .optional()
      .describe('Places of resource-hours, if rounded'),
    /**
     * Rounding of resource-hours when `quantityPrecision` is set.
     * @default 'down'
     */
    quantityRounding: z.enum(ROUNDING_MODES).default('down').describe('Rounding of resource-hours'),
    /**
     * Which price is in force for a job: the one in force when it ended, or when it started.
     * @default 'end'
     */
    priceAt: z.enum(['end', 'start']).default('end').describe('Moment whose prices apply to a job'),
  })
  .superRefine((rules, ctx) => {
    if (typeof rules.minimumCharge !== 'string') return;
    const places = rules.minimumCharge.split('.')[1]?.length ?? 0;
    if (places > rules.precision) {
      ctx.addIssue({
        ...billingRules.issue('minimum_charge_places', { count: places, maximum: rules.precision }),
        path: ['minimumCharge'],
      });
    }
  });

/** Validated charging rules with defaults filled. */
export type ChargingRules = z.output<typeof ChargingRulesSchema>;
/** Charging rules as a site writes them. */
export type ChargingRulesInput = z.input<typeof ChargingRulesSchema>;
