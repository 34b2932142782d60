import type { ClusterConfig } from '@hpckit/core';
import { ClusterConfigSchema, NotFoundError, parseInput, validationSubject } from '@hpckit/core';
import type { EngineState } from './engine-state.js';

/** A combination of partition, QoS and account type that no price item covers. */
export interface CoverageGap {
  cluster: string;
  partition: string;
  /** Absent when the partition allows no QoS. */
  qos?: string;
  /** Absent when the table declares no account types. */
  accountType?: string;
}

/** A price item that can never match a job of the cluster checked. */
export interface UnmatchedItem {
  id: string;
  /** Why, in English (for logs). */
  reason: string;
  /** Why, in each language hpckit speaks. */
  message: { en: string; 'zh-CN': string };
}

/** Result of `PricingEngine.checkCoverage`. */
export interface CoverageReport {
  /** Whether every combination is covered. */
  complete: boolean;
  gaps: CoverageGap[];
  /** Items naming a partition or QoS the cluster does not have (often a typo). */
  unmatchedItems: UnmatchedItem[];
}

/** Options of `PricingEngine.checkCoverage`. */
export interface CoverageOptions {
  /** Moment to check. @default the engine's clock */
  at?: Date;
}

/**
 * Checks a price table against a cluster's config: every partition × allowed QoS × declared
 * account type must resolve to an item at `at` (site-wide prices, without tenant or account
 * overrides). A partition lists its allowed QoS, or allows all of the cluster's; with no QoS at
 * all, jobs without a QoS are checked.
 */
export function checkCoverage(
  state: EngineState,
  input: ClusterConfig,
  options: CoverageOptions = {},
): CoverageReport {
  const cluster = parseInput(ClusterConfigSchema, input, validationSubject('cluster_config'));
  const atMs = (options.at ?? state.now()).getTime();
  const accountTypes: (string | undefined)[] = state.accountTypes ? [...state.accountTypes] : [undefined];
  const clusterQos = cluster.qos.map((q) => q.name);
  const gaps: CoverageGap[] = [];
  for (const partition of cluster.partitions) {
    const qosList: (string | undefined)[] = partition.qos ?? clusterQos;
    for (const qos of qosList.length ? qosList : [undefined]) {
      for (const accountType of accountTypes) {
        if (state.index.lookup({ cluster: cluster.name, partition: partition.name, qos, accountType, atMs }))
          continue;
        const gap: CoverageGap = { cluster: cluster.name, partition: partition.name };
        if (qos !== undefined) gap.qos = qos;
        if (accountType !== undefined) gap.accountType = accountType;
        gaps.push(gap);
      }
    }
  }
  const unmatchedItems: UnmatchedItem[] = [];
  for (const item of state.table.items) {
    if (item.cluster !== cluster.name) continue;
    const partition = cluster.partitions.find((p) => p.name === item.partition);
    if (!partition)
      unmatchedItems.push(
        unmatched(
          item.id,
          `cluster "${cluster.name}" has no partition "${item.partition}"`,
          `集群“${cluster.name}”没有分区“${item.partition}”`,
        ),
      );
    else if (item.qos !== undefined && !(partition.qos ?? clusterQos).includes(item.qos)) {
      unmatchedItems.push(
        unmatched(
          item.id,
          `partition "${item.partition}" does not allow QoS "${item.qos}"`,
          `分区“${item.partition}”不允许 QoS“${item.qos}”`,
        ),
      );
    }
  }
  return { complete: gaps.length === 0, gaps, unmatchedItems };
}

const unmatched = (id: string, en: string, zh: string): UnmatchedItem => ({
  id,
  reason: en,
  message: { en, 'zh-CN': zh },
});

/**
 * Like {@link checkCoverage}, but throws when anything is uncovered, naming every gap.
 *
 * @throws `NotFoundError` (kind `price item`) listing the gaps and how to fill them.
 */
export function assertCoverage(
  state: EngineState,
  input: ClusterConfig,
  options: CoverageOptions = {},
): void {
  const { gaps } = checkCoverage(state, input, options);
  if (gaps.length === 0) return;
  const list = gaps.map((g) => describeGap(g, 'en')).join('; ');
  const listZh = gaps.map((g) => describeGap(g, 'zh-CN')).join('；');
  const first = gaps[0]!;
  throw new NotFoundError({
    details: {
      kind: 'price item',
      id: [first.cluster, first.partition, first.qos].filter(Boolean).join('/'),
    },
    message: `The price table does not cover ${gaps.length} combination(s) of cluster "${first.cluster}": ${list}.`,
    hint: 'Add a price item for each (a partition-wide item covers every QoS of its partition), then check again.',
    translations: {
      'zh-CN': `价格表未覆盖集群“${first.cluster}”的 ${gaps.length} 种组合：${listZh}。请为每种组合添加价格项（覆盖整个分区的价格项适用于该分区的所有 QoS），然后重新检查。`,
    },
  });
}

function describeGap(gap: CoverageGap, locale: 'en' | 'zh-CN'): string {
  const zh = locale === 'zh-CN';
  return [
    zh ? `分区“${gap.partition}”` : `partition "${gap.partition}"`,
    gap.qos !== undefined ? (zh ? `QoS“${gap.qos}”` : `QoS "${gap.qos}"`) : undefined,
    gap.accountType !== undefined
      ? zh
        ? `账户类型“${gap.accountType}”`
        : `account type "${gap.accountType}"`
      : undefined,
  ]
    .filter(Boolean)
    .join(zh ? '、' : ', ');
}
