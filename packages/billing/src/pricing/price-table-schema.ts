import { NameSchema } from '@hpckit/core';
import { z } from 'zod';
import { AmountSchema } from './amount-schema.js';
import { ChargingRulesSchema, NonNegativeDecimalStringSchema } from './charging-rules-schema.js';
import { InstantSchema } from './instant-schema.js';
import { billingRules } from '../errors/billing-rules.js';

/**
 * One immutable price: what a job in `cluster`/`partition` (optionally one QoS, account type,
 * tenant or account) pays per unit-hour from `effectiveFrom` on. A price change is a new item.
 */
export const PriceItemSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,199}$/, { error: billingRules.error('price_item_id') })
    .describe('Unique, stable id: audits and charges refer to it'),
  cluster: NameSchema.describe('Cluster the price applies to'),
  partition: NameSchema.describe('Partition the price applies to'),
  qos: NameSchema.optional().describe("Only jobs in this QoS (the job's own QoS); any QoS if absent"),
  accountType: NameSchema.optional().describe('Only accounts of this type, e.g. "internal"; any if absent'),
  tenant: NameSchema.optional().describe("Only this tenant's accounts; any if absent"),
  account: NameSchema.optional().describe('Only this account; any if absent'),
  rate: NonNegativeDecimalStringSchema.describe('Price of one unit for one hour, as a decimal string'),
  amount: AmountSchema,
  unit: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .describe("Unit name shown in breakdowns; the strategy's own if absent"),
  effectiveFrom: InstantSchema.describe('When the price takes effect'),
  effectiveUntil: InstantSchema.optional().describe(
    'When it stops (exclusive), falling back to less specific items',
  ),
  description: z.string().max(500).optional().describe('Free text for people'),
});

/** Price table selectors, most specific first: the lookup order's tie-break. */
export const SELECTORS = ['account', 'tenant', 'accountType', 'qos'] as const;

/** One of {@link SELECTORS}. */
export type Selector = (typeof SELECTORS)[number];

/**
 * A site's price table: currency, charging rules and append-only price items. Plain data, so a
 * site can keep it as JSON or YAML in its repository and load it with any parser.
 *
 * @example
 * ```ts
 * const table: PriceTableInput = {
 *   currency: 'CNY',
 *   accountTypes: ['internal', 'external'],
 *   items: [
 *     { id: 'gpu-int-2025', cluster: 'hpc', partition: 'gpu', accountType: 'internal',
 *       rate: '9.00', amount: 'gpus', effectiveFrom: '2025-01-01T00:00:00+08:00' },
 *   ],
 * };
 * ```
 */
export const PriceTableSchema = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, { error: billingRules.error('not_a_currency') }),
    accountTypes: z
      .array(NameSchema)
      .min(1)
      .optional()
      .describe('Account types the site uses; items and pricing contexts must name one of them'),
    rules: ChargingRulesSchema.prefault({}),
    items: z.array(PriceItemSchema).min(1, { error: billingRules.error('at_least_one_item') }),
  })
  .superRefine((table, ctx) => {
    const ids = new Map<string, number>();
    const versions = new Map<string, number>();
    table.items.forEach((item, i) => {
      const seen = ids.get(item.id);
      if (seen !== undefined) {
        ctx.addIssue({
          ...billingRules.issue('repeated_item_id', { count: seen }),
          path: ['items', i, 'id'],
        });
      } else ids.set(item.id, i);
      // zod runs this refinement even when an item's own fields failed; skip what is not parsed.
      if (!(item.effectiveFrom instanceof Date)) return;
      const version = `${selectorKey(item)}@${item.effectiveFrom.getTime()}`;
      const same = versions.get(version);
      if (same !== undefined) {
        ctx.addIssue({
          ...billingRules.issue('same_version', { count: same }),
          path: ['items', i, 'effectiveFrom'],
        });
      } else versions.set(version, i);
      if (item.effectiveUntil instanceof Date && item.effectiveUntil <= item.effectiveFrom) {
        ctx.addIssue({ ...billingRules.issue('until_before_from'), path: ['items', i, 'effectiveUntil'] });
      }
      if (
        table.accountTypes &&
        item.accountType !== undefined &&
        !table.accountTypes.includes(item.accountType)
      ) {
        ctx.addIssue({
          ...billingRules.issue('unknown_account_type', {
            value: item.accountType,
            names: table.accountTypes,
          }),
          path: ['items', i, 'accountType'],
        });
      }
    });
  });

/** Identifies the selectors of an item: items with the same key are versions of one price. */
export function selectorKey(item: Pick<PriceItem, 'cluster' | 'partition' | Selector>): string {
  return [
    item.cluster,
    item.partition,
    item.qos ?? '*',
    item.accountType ?? '*',
    item.tenant ?? '*',
    item.account ?? '*',
  ].join('\u0000');
}

/** A validated price item. */
export type PriceItem = z.output<typeof PriceItemSchema>;
/** A price item as a site writes it. */
export type PriceItemInput = z.input<typeof PriceItemSchema>;
/** A validated price table. */
export type PriceTable = z.output<typeof PriceTableSchema>;
/** A price table as a site writes it (JSON, YAML or code). */
export type PriceTableInput = z.input<typeof PriceTableSchema>;
