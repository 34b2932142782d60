import type { Money } from '@hpckit/core';
import type { Decimal } from 'decimal.js';
import { BillingDecimal } from '../money/decimal.js';
import { type CustomAmountStrategy, type ResolvedStrategy, resolveStrategy } from './amount-strategies.js';
import type { MatchedSelectors } from './charge-breakdown.js';
import { type PriceItem, type PriceTable, type Selector, selectorKey } from './price-table-schema.js';

/** A price item prepared for pricing: its rate as a decimal, its time window and its strategy. */
export interface IndexedItem {
  readonly item: PriceItem;
  readonly rate: Decimal;
  /** The rate as money, frozen: every breakdown of this item shares it. */
  readonly rateMoney: Readonly<Money>;
  /** The item's selectors, frozen: every breakdown of this item shares them. */
  readonly matched: MatchedSelectors;
  readonly fromMs: number;
  /** End of the window (exclusive); `Infinity` when open. */
  readonly untilMs: number;
  readonly strategy: ResolvedStrategy;
}

/** What a lookup matches on: where the job ran, who pays, and when. */
export interface LookupQuery {
  cluster: string;
  partition: string;
  qos?: string | undefined;
  accountType?: string | undefined;
  tenant?: string | undefined;
  account?: string | undefined;
  /** The moment whose prices apply, in epoch milliseconds. */
  atMs: number;
}

/** All versions of one price (same selectors), oldest first. */
export interface PriceCandidate {
  readonly qos: string | undefined;
  readonly accountType: string | undefined;
  readonly tenant: string | undefined;
  readonly account: string | undefined;
  /** Higher is more specific: account 8, tenant 4, account type 2, QoS 1. */
  readonly specificity: number;
  readonly versions: readonly IndexedItem[];
}

/** Price items grouped by cluster and partition, candidates most specific first. */
export interface PriceIndex {
  /** The item in force for `query`, or `undefined` when nothing covers it. */
  lookup(query: LookupQuery): IndexedItem | undefined;
  /** The candidates of one partition, most specific first (empty when there are none). */
  candidates(cluster: string, partition: string): readonly PriceCandidate[];
}

const WEIGHT: Record<Selector, number> = { account: 8, tenant: 4, accountType: 2, qos: 1 };

/** Candidates of one partition that name the same selectors, keyed by the values they name. */
interface Level {
  readonly specificity: number;
  readonly byValues: Map<string, PriceCandidate>;
}

/** The key of a query at one level, or `undefined` when the query lacks a value the level names. */
function levelKey(specificity: number, q: Pick<LookupQuery, Selector>): string | undefined {
  let key = '';
  for (const selector of ['account', 'tenant', 'accountType', 'qos'] as const) {
    if ((specificity & WEIGHT[selector]) === 0) continue;
    const value = q[selector];
    if (value === undefined) return undefined;
    key += `${value}\u0000`;
  }
  return key;
}

/**
 * Builds the lookup structure once per table: cluster → partition → specificity levels (most
 * specific first) → candidates keyed by the selector values they name → versions by start time.
 * A lookup tries at most one candidate per level, so it stays fast with thousands of tenant or
 * account overrides.
 */
export function buildPriceIndex(
  table: PriceTable,
  strategies: Readonly<Record<string, CustomAmountStrategy>>,
): PriceIndex {
  const byKey = new Map<string, { candidate: Omit<PriceCandidate, 'versions'>; versions: IndexedItem[] }>();
  table.items.forEach((item, i) => {
    const key = selectorKey(item);
    let group = byKey.get(key);
    if (!group) {
      const specificity =
        (item.account !== undefined ? WEIGHT.account : 0) +
        (item.tenant !== undefined ? WEIGHT.tenant : 0) +
        (item.accountType !== undefined ? WEIGHT.accountType : 0) +
        (item.qos !== undefined ? WEIGHT.qos : 0);
      group = {
        candidate: {
          qos: item.qos,
          accountType: item.accountType,
          tenant: item.tenant,
          account: item.account,
          specificity,
        },
        versions: [],
      };
      byKey.set(key, group);
    }
    group.versions.push({
      item,
      rate: new BillingDecimal(item.rate),
      rateMoney: Object.freeze({ amount: item.rate, currency: table.currency }),
      matched: matchedSelectors(item),
      fromMs: item.effectiveFrom.getTime(),
      untilMs: item.effectiveUntil?.getTime() ?? Number.POSITIVE_INFINITY,
      strategy: resolveStrategy(item, i, strategies),
    });
  });

  const clusters = new Map<string, Map<string, Level[]>>();
  for (const { candidate, versions } of byKey.values()) {
    const item = versions[0]!.item;
    let partitions = clusters.get(item.cluster);
    if (!partitions) {
      partitions = new Map();
      clusters.set(item.cluster, partitions);
    }
    let levels = partitions.get(item.partition);
    if (!levels) {
      levels = [];
      partitions.set(item.partition, levels);
    }
    let level = levels.find((l) => l.specificity === candidate.specificity);
    if (!level) {
      level = { specificity: candidate.specificity, byValues: new Map() };
      levels.push(level);
    }
    versions.sort((a, b) => a.fromMs - b.fromMs);
    level.byValues.set(levelKey(candidate.specificity, candidate)!, { ...candidate, versions });
  }
  for (const partitions of clusters.values()) {
    for (const levels of partitions.values()) levels.sort((a, b) => b.specificity - a.specificity);
  }

  return {
    lookup(query) {
      const levels = clusters.get(query.cluster)?.get(query.partition);
      if (!levels) return undefined;
      for (const level of levels) {
        const key = levelKey(level.specificity, query);
        if (key === undefined) continue;
        const candidate = level.byValues.get(key);
        if (!candidate) continue;
        const version = versionAt(candidate.versions, query.atMs);
        if (version) return version;
      }
      return undefined;
    },
    candidates(cluster, partition) {
      return (clusters.get(cluster)?.get(partition) ?? []).flatMap((level) => [...level.byValues.values()]);
    },
  };
}

function matchedSelectors(item: PriceItem): MatchedSelectors {
  const matched: { -readonly [K in keyof MatchedSelectors]: MatchedSelectors[K] } = {
    cluster: item.cluster,
    partition: item.partition,
  };
  if (item.qos !== undefined) matched.qos = item.qos;
  if (item.accountType !== undefined) matched.accountType = item.accountType;
  if (item.tenant !== undefined) matched.tenant = item.tenant;
  if (item.account !== undefined) matched.account = item.account;
  return Object.freeze(matched);
}

/**
 * The version in force at `atMs`: the latest one started by then, unless it has already ended
 * (an ended price falls back to less specific items rather than to its own older versions).
 */
function versionAt(versions: readonly IndexedItem[], atMs: number): IndexedItem | undefined {
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]!;
    if (v.fromMs <= atMs) return atMs < v.untilMs ? v : undefined;
  }
  return undefined;
}
