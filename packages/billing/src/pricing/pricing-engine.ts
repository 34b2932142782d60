import { billingRules } from '../errors/billing-rules.js';
import type { ClusterConfig, Job, JobSpecInput } from '@hpckit/core';
import { ClusterConfigSchema, NameSchema, parseInput, validationSubject } from '@hpckit/core';
import { z } from 'zod';
import { BillingDecimal } from '../money/decimal.js';
import type { CustomAmountStrategy } from './amount-strategies.js';
import type { PricedJob } from './charge-breakdown.js';
import type { ChargingRules } from './charging-rules-schema.js';
import {
  assertCoverage,
  type CoverageOptions,
  type CoverageReport,
  checkCoverage,
} from './check-coverage.js';
import { priceNotFound } from './coverage-error.js';
import type { EngineState } from './engine-state.js';
import { buildPriceIndex } from './price-index.js';
import { locateJob, priceJob } from './price-job.js';
import {
  type PriceItem,
  type PriceTable,
  type PriceTableInput,
  PriceTableSchema,
} from './price-table-schema.js';
import type { PricingContextInput, QuoteContextInput } from './pricing-context.js';
import { type Quote, quoteSpec } from './quote-spec.js';

/** Options of {@link createPricingEngine}. */
export interface PricingEngineOptions {
  /** The price table (validated once, here). */
  table: PriceTableInput;
  /** Custom amount strategies by the name items use in `{ kind: 'custom', name }`. @default {} */
  strategies?: Readonly<Record<string, CustomAmountStrategy>>;
  /**
   * Cluster configs, used by quotes for a spec's defaults (default partition and QoS, default
   * time limit, default memory per core). @default []
   */
  clusters?: readonly ClusterConfig[];
  /** Clock for quotes and coverage checks that name no moment. @default () => new Date() */
  now?: () => Date;
  /**
   * sbatch options that change resources beyond a spec's fields (`exclusive`, `constraint`…) and
   * that quotes may still price from the fields alone; a quote of a spec with any other such
   * option is refused, as it would understate the cost. @default []
   */
  allowedDirectives?: readonly string[];
}

/** Where and for whom to look a price up, and when. */
export const PriceLookupSchema = z.strictObject({
  cluster: NameSchema,
  partition: NameSchema,
  qos: NameSchema.optional(),
  accountType: NameSchema.optional(),
  tenant: NameSchema.optional(),
  account: NameSchema.optional(),
  at: z.date(),
});

/** Where and for whom to look a price up, and when. */
export type PriceLookup = z.input<typeof PriceLookupSchema>;

/** Prices ended jobs, quotes job specs and checks a price table's coverage. */
export interface PricingEngine {
  /** The validated table, defaults filled. */
  readonly table: PriceTable;
  /** The table's charging rules. */
  readonly rules: ChargingRules;
  /** The table's currency. */
  readonly currency: string;
  /**
   * The charge of an ended job, with its breakdown.
   *
   * @throws `ValidationError` when the job has not ended or lacks what pricing needs.
   * @throws `NotFoundError` (kind `price item`) when no item covers the job.
   */
  price(job: Job, context?: PricingContextInput): PricedJob;
  /**
   * The maximum cost of a job spec: its time limit × the rate for what it requests.
   *
   * @throws `ValidationError` when the spec is invalid or its partition or time limit cannot be known.
   * @throws `NotFoundError` (kind `price item`) when no item covers the spec.
   */
  quote(spec: JobSpecInput, context: QuoteContextInput): Quote;
  /**
   * The item that prices an ended job (what `price` would use), without computing the charge.
   *
   * @throws `ValidationError` when the job has not ended or lacks what pricing needs.
   * @throws `NotFoundError` (kind `price item`) when no item covers the job.
   */
  itemFor(job: Job, context?: PricingContextInput): PriceItem;
  /**
   * The item in force for a lookup (the most specific match).
   *
   * @throws `NotFoundError` (kind `price item`) when none covers it.
   */
  lookup(query: PriceLookup): PriceItem;
  /** Which partition × QoS × account type combinations of a cluster no item covers. */
  checkCoverage(cluster: ClusterConfig, options?: CoverageOptions): CoverageReport;
  /**
   * Throws unless every combination of the cluster is covered.
   *
   * @throws `NotFoundError` (kind `price item`) naming every gap.
   */
  assertCoverage(cluster: ClusterConfig, options?: CoverageOptions): void;
}

/**
 * Builds a pricing engine from a price table. The table is validated and indexed once, so
 * pricing a job is a lookup and a handful of decimal operations.
 *
 * Lookup order, most specific first (the first candidate with an item in force wins): an item
 * naming the account beats one naming the tenant, which beats one naming the account type, which
 * beats a site-wide item; at each of those levels an item naming the job's QoS beats a
 * partition-wide one. Among versions of the same selectors, the latest `effectiveFrom` at or
 * before the pricing moment wins.
 *
 * @example
 * ```ts
 * const engine = createPricingEngine({ table: ikkemPreset().priceTable });
 * const { charge, breakdown } = engine.price(job, { accountType: 'internal' });
 * console.log(charge.amount, describeCharge(breakdown));
 * ```
 * @throws `ValidationError` when the table is invalid or names an unregistered strategy.
 */
export function createPricingEngine(options: PricingEngineOptions): PricingEngine {
  const table = parseInput(PriceTableSchema, options.table, billingRules.subject('price_table'));
  const clusters = (options.clusters ?? []).map((c, i) =>
    parseInput(ClusterConfigSchema, c, validationSubject('cluster_config'), [i]),
  );
  const state: EngineState = {
    table,
    rules: table.rules,
    currency: table.currency,
    minimum: new BillingDecimal(table.rules.minimumCharge),
    minimumString: table.rules.minimumCharge,
    index: buildPriceIndex(table, options.strategies ?? {}),
    accountTypes: table.accountTypes ? new Set(table.accountTypes) : undefined,
    clusters: new Map(clusters.map((c) => [c.name, c])),
    now: options.now ?? (() => new Date()),
    allowedDirectives: new Set(options.allowedDirectives ?? []),
  };
  return {
    table,
    rules: table.rules,
    currency: table.currency,
    price: (job, context = {}) => priceJob(state, job, context),
    quote: (spec, context) => quoteSpec(state, spec, context),
    itemFor: (job, context = {}) => locateJob(state, job, context).indexed.item,
    lookup(input) {
      const { at, ...rest } = parseInput(PriceLookupSchema, input, billingRules.subject('price_lookup'));
      const query = { ...rest, atMs: at.getTime() };
      const found = state.index.lookup(query);
      if (!found) throw priceNotFound(state.index, query);
      return found.item;
    },
    checkCoverage: (cluster, coverageOptions) => checkCoverage(state, cluster, coverageOptions),
    assertCoverage: (cluster, coverageOptions) => assertCoverage(state, cluster, coverageOptions),
  };
}
