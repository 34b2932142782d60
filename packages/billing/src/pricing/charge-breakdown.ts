import type { JobReference, Money } from '@hpckit/core';
import { decimalString } from '../money/decimal.js';
import type { RoundingMode } from '../money/rounding-mode.js';
import type { ChargingRules } from './charging-rules-schema.js';
import type { ChargeComputation } from './compute-charge.js';
import type { IndexedItem } from './price-index.js';
import type { ResourceSource } from './usage-facts.js';

/** The selectors of the price item a charge used. */
export interface MatchedSelectors {
  readonly cluster: string;
  readonly partition: string;
  readonly qos?: string;
  readonly accountType?: string;
  readonly tenant?: string;
  readonly account?: string;
}

/** The resource counts a charge was computed from. */
export interface ChargedResources {
  nodes: number;
  cores: number;
  gpus: number;
  memoryMiB?: number;
  from: ResourceSource;
}

/**
 * How a charge was computed, step by step, for a user to read and an admin to audit. Every amount
 * is a decimal string; `rate` and `charge` carry the currency.
 */
export interface ChargeBreakdown {
  /** Id of the price item used. */
  itemId: string;
  /** That item's selectors (what made it the most specific match); frozen. */
  readonly matched: MatchedSelectors;
  /** When the item took effect. */
  effectiveFrom: Date;
  /** The moment whose prices applied (job end or start, or the quote time). */
  pricedAt: Date;
  /** Amount strategy: `cores`, `gpus`, `max-cores-memory`, `max-gpus-cores`, `billing-tres` or `custom:<name>`. */
  strategy: string;
  /** Unit billed, e.g. `core` or `GPU`. */
  unit: string;
  /** Price of one unit for one hour; frozen. */
  readonly rate: Readonly<Money>;
  /** Units billed per hour. */
  quantity: string;
  resources: ChargedResources;
  /** Elapsed seconds (a price) or the time limit (a quote). */
  seconds: number;
  /** Seconds after the granularity step. */
  billedSeconds: number;
  /**
   * quantity × billed hours as rounded by `quantityPrecision`; present only when the rules round
   * resource-hours (otherwise the charge is computed from exact usage, and this is simply
   * quantity × billedSeconds ÷ 3600).
   */
  unitHours?: string;
  /** rate × unit-hours before rounding the charge. */
  exactCharge: string;
  /** Decimal places the charge was rounded to. */
  precision: number;
  rounding: RoundingMode;
  minimumCharge: string;
  /** Whether the charge was raised to the minimum charge. */
  minimumApplied: boolean;
  charge: Money;
}

/** The charge of one ended job, with its breakdown. */
export interface PricedJob {
  /** The job, identified by `(cluster, jobId, submitTime)`. */
  job: JobReference;
  charge: Money;
  breakdown: ChargeBreakdown;
}

/**
 * Assembles a {@link ChargeBreakdown} from the matched item and the computation. `matched` and
 * `rate` are the item's own frozen objects, shared by every charge it prices.
 */
export function buildBreakdown(
  indexed: IndexedItem,
  computation: ChargeComputation,
  rules: ChargingRules,
  facts: { currency: string; pricedAt: Date; seconds: number; resources: ChargedResources; minimum: string },
): ChargeBreakdown {
  const { item } = indexed;
  const q = computation.quantity;
  const breakdown: ChargeBreakdown = {
    itemId: item.id,
    matched: indexed.matched,
    effectiveFrom: item.effectiveFrom,
    pricedAt: facts.pricedAt,
    strategy: indexed.strategy.name,
    unit: indexed.strategy.unit,
    rate: indexed.rateMoney,
    quantity: typeof q === 'number' ? String(q) : decimalString(q),
    resources: facts.resources,
    seconds: facts.seconds,
    billedSeconds: computation.billedSeconds,
    exactCharge: computation.exact,
    precision: rules.precision,
    rounding: rules.rounding,
    minimumCharge: facts.minimum,
    minimumApplied: computation.minimumApplied,
    charge: { amount: computation.charge, currency: facts.currency },
  };
  if (computation.unitHours !== undefined) breakdown.unitHours = decimalString(computation.unitHours);
  return breakdown;
}
