import type { ClusterConfig } from '@hpckit/core';
import type { BonusRulesInput } from '../bonus/bonus-rules-schema.js';
import type { ResourcePolicyInput } from '../policy/resource-policy-schema.js';
import type { PriceItemInput, PriceTableInput } from '../pricing/price-table-schema.js';

/** Everything a site configures for billing, as plain data. */
export interface SitePreset {
  /** The site's name, used in item ids. */
  name: string;
  priceTable: PriceTableInput;
  resourcePolicy: ResourcePolicyInput;
  bonusRules: BonusRulesInput;
  /** The site's cluster as core describes it: partitions, node shapes, QoS and defaults. */
  cluster: ClusterConfig;
}

/** Options of {@link ikkemPreset}. */
export interface IkkemPresetOptions {
  /** Name of the cluster as the scheduler reports it (jobs are priced by cluster). @default 'ikkem' */
  cluster?: string;
  /**
   * When the published rates took effect. The centre publishes no date, so the default reaches
   * back far enough to price any job. @default '2020-01-01T00:00:00+08:00'
   */
  effectiveFrom?: string;
}

const GiB = 1024;
const HOURS = 3600;

/** Published rates per account type: per core-hour on cpu and fat, per GPU-hour on gpu. */
const RATES = {
  internal: { cpu: '0.06', gpu: '9.00', fat: '0.20' },
  external: { cpu: '0.08', gpu: '12.00', fat: '0.30' },
} as const;

/**
 * The reference site's published rules (IKKEM computing centre, CNY): rates for internal and
 * external accounts on the `cpu`, `gpu` and `fat` partitions, the per-node resource binding rules,
 * the `normal`/`long` QoS limits, and the recharge bonus tiers.
 *
 * Choices the centre does not publish, made here and documented in the pricing guide: charges
 * are rounded half-up to 2 places (the fen) once, on exact elapsed seconds, with no minimum
 * charge; a job is priced by the rates in force when it ended; bonuses round half-up to the fen;
 * the calendar year is China Standard Time's.
 *
 * @example
 * ```ts
 * const site = ikkemPreset({ cluster: 'hpc1' });
 * const pricing = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
 * const policy = createResourcePolicy(site.resourcePolicy);
 * const bonus = createBonusCalculator(site.bonusRules);
 * ```
 */
export function ikkemPreset(options: IkkemPresetOptions = {}): SitePreset {
  const cluster = options.cluster ?? 'ikkem';
  const effectiveFrom = options.effectiveFrom ?? '2020-01-01T00:00:00+08:00';
  const items: PriceItemInput[] = [];
  for (const accountType of ['internal', 'external'] as const) {
    for (const partition of ['cpu', 'gpu', 'fat'] as const) {
      items.push({
        id: `ikkem-${partition}-${accountType}`,
        cluster,
        partition,
        accountType,
        rate: RATES[accountType][partition],
        amount: partition === 'gpu' ? 'gpus' : 'cores',
        effectiveFrom,
        description: `${accountType} accounts, ${partition} partition, per ${partition === 'gpu' ? 'GPU' : 'core'}-hour`,
      });
    }
  }
  return {
    name: 'ikkem',
    priceTable: {
      currency: 'CNY',
      accountTypes: ['internal', 'external'],
      rules: { precision: 2, rounding: 'half-up', minimumCharge: '0', granularitySeconds: 1, priceAt: 'end' },
      items,
    },
    resourcePolicy: {
      defaultPartition: 'cpu',
      defaultQos: 'normal',
      partitions: [
        {
          name: 'cpu',
          defaultMemoryPerCore: '1G',
          maxMemoryPerCore: '4G',
          maxMemoryPerNode: '251G',
          maxCoresPerNode: 64,
          maxGpusPerNode: 0,
        },
        {
          name: 'gpu',
          defaultMemoryPerCore: '16G',
          maxMemoryPerCore: '24G',
          maxMemoryPerNode: '1500G',
          maxCoresPerNode: 64,
          maxGpusPerNode: 8,
          gpusRequired: true,
          maxCoresPerGpu: 8,
          maxMemoryPerGpu: '192G',
        },
        {
          name: 'fat',
          defaultMemoryPerCore: '8G',
          maxMemoryPerCore: '32G',
          maxMemoryPerNode: '2000G',
          maxCoresPerNode: 64,
          maxGpusPerNode: 0,
        },
      ],
      qos: [
        { name: 'normal', maxWallTime: '48h' },
        { name: 'long', maxWallTime: '96h' },
      ],
    },
    bonusRules: {
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      tiers: [
        { above: '49000', rate: '0.10' },
        { above: '99000', rate: '0.25' },
        { above: '199000', rate: '0.50' },
        { above: '499000', rate: '1.00' },
      ],
      precision: 2,
      rounding: 'half-up',
    },
    cluster: {
      name: cluster,
      // Node counts are not published; 0 means unknown here. Use the live config for capacity.
      partitions: [
        partitionConfig('cpu', true, 64, 251 * GiB, 0, 1 * GiB),
        partitionConfig('gpu', false, 64, 1500 * GiB, 8, 16 * GiB),
        partitionConfig('fat', false, 64, 2000 * GiB, 0, 8 * GiB),
      ],
      qos: [
        { name: 'normal', priority: 50, maxWallSeconds: 48 * HOURS },
        { name: 'long', priority: 25, maxWallSeconds: 96 * HOURS },
      ],
      defaultQos: 'normal',
    },
  };
}

function partitionConfig(
  name: string,
  isDefault: boolean,
  cores: number,
  memoryMiB: number,
  gpus: number,
  defaultMemoryPerCoreMiB: number,
): ClusterConfig['partitions'][number] {
  return {
    name,
    isDefault,
    nodes: 0,
    node: { cores, memoryMiB, gpus },
    defaultMemoryPerCoreMiB,
    qos: ['normal', 'long'],
    up: true,
  };
}
