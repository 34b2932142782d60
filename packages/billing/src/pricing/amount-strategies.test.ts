import type { ClusterConfig } from '@hpckit/core';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { makeJob } from '../../test/make-job.js';
import type { AmountInput } from './amount-schema.js';
import type { CustomAmountStrategy } from './amount-strategies.js';
import { createPricingEngine } from './pricing-engine.js';

const GiB = 1024;

function priceWith(
  amount: AmountInput,
  job = makeJob(),
  strategies: Record<string, CustomAmountStrategy> = {},
  billingTres?: number,
) {
  const engine = createPricingEngine({
    table: {
      currency: 'CNY',
      rules: { precision: 4 },
      items: [
        {
          id: 'x',
          cluster: 'ikkem',
          partition: 'cpu',
          rate: '1',
          amount,
          effectiveFrom: '2020-01-01T00:00:00Z',
        },
      ],
    },
    strategies,
  });
  return engine.price(job, billingTres === undefined ? {} : { billingTres }).breakdown;
}

describe('built-in amount strategies', () => {
  const job = makeJob({ cores: 4, gpus: 2, memoryMiB: 40 * GiB, elapsedSeconds: 3600 });

  it.each([
    ['cores', 'cores', '4', 'core'],
    ['gpus', 'gpus', '2', 'GPU'],
    [{ kind: 'max-cores-memory', memoryPerCore: '4G' }, 'max-cores-memory', '10', 'core'],
    [{ kind: 'max-cores-memory', memoryPerCore: '16G' }, 'max-cores-memory', '4', 'core'],
    [
      { kind: 'max-cores-memory', memoryPerCore: '12G' },
      'max-cores-memory',
      expect.stringMatching(/^4$/),
      'core',
    ],
    [
      { kind: 'max-cores-memory', memoryPerCore: '3G' },
      'max-cores-memory',
      expect.stringMatching(/^13\.3333/),
      'core',
    ],
    [
      { kind: 'max-cores-memory', memoryPerCore: '3G', equivalents: 'ceil' },
      'max-cores-memory',
      '14',
      'core',
    ],
    [{ kind: 'max-gpus-cores', coresPerGpu: 8 }, 'max-gpus-cores', '2', 'GPU'],
    [{ kind: 'max-gpus-cores', coresPerGpu: 1 }, 'max-gpus-cores', '4', 'GPU'],
    [{ kind: 'max-gpus-cores', coresPerGpu: 3 }, 'max-gpus-cores', expect.stringMatching(/^2$/), 'GPU'],
  ] as const)('%j bills %s', (amount, strategy, quantity, unit) => {
    expect(priceWith(amount as AmountInput, job)).toMatchObject({ strategy, quantity, unit });
  });

  it('bills fractional GPU equivalents exactly: 20 cores at 8 per GPU with 1 GPU is 2.5 GPUs', () => {
    const b = priceWith({ kind: 'max-gpus-cores', coresPerGpu: 8 }, makeJob({ cores: 20, gpus: 1 }));
    expect(b).toMatchObject({ quantity: '2.5', exactCharge: '2.5', charge: { amount: '2.5000' } });
  });

  it('uses allocated resources, falling back to the request when no allocation was reported', () => {
    const allocated = makeJob({ requested: { nodes: 1, cores: 8, gpus: 0 }, cores: 4 });
    expect(priceWith('cores', allocated)).toMatchObject({
      quantity: '4',
      resources: { cores: 4, from: 'allocated' },
    });
    const unreported = makeJob({ requested: { nodes: 1, cores: 8, gpus: 0 }, allocated: undefined });
    expect(priceWith('cores', unreported)).toMatchObject({
      quantity: '8',
      resources: { cores: 8, from: 'requested' },
    });
  });

  it('refuses to ignore memory it cannot see', () => {
    expect(() => priceWith({ kind: 'max-cores-memory', memoryPerCore: '4G' }, makeJob({ cores: 4 }))).toThrow(
      /memoryMiB.*is unknown, but price item "x" bills max\(cores, memory\)/,
    );
  });

  it("bills Slurm's billing TRES from the context, and says where to get it when missing", () => {
    expect(priceWith('billing-tres', makeJob(), {}, 17)).toMatchObject({
      quantity: '17',
      unit: 'billing unit',
    });
    expect(() => priceWith('billing-tres', makeJob())).toThrow(/billingTres.*sacct AllocTRES "billing=N"/);
  });
});

describe('custom amount strategies', () => {
  it('passes the facts and the item, and accepts whole numbers, decimal strings and decimals', () => {
    const seen: unknown[] = [];
    const nodeHours: CustomAmountStrategy = (facts, item) => {
      seen.push([facts.nodes, facts.seconds, facts.partition, facts.job?.id, item.id]);
      return facts.nodes;
    };
    const job = makeJob({ nodes: 3, cores: 96 });
    expect(priceWith({ kind: 'custom', name: 'nodes' }, job, { nodes: nodeHours })).toMatchObject({
      strategy: 'custom:nodes',
      quantity: '3',
      unit: 'unit',
    });
    expect(seen).toEqual([[3, 3600, 'cpu', '1001', 'x']]);
    expect(priceWith({ kind: 'custom', name: 's' }, job, { s: () => '1.5' }).quantity).toBe('1.5');
    expect(priceWith({ kind: 'custom', name: 'd' }, job, { d: () => new Decimal('0.25') }).quantity).toBe(
      '0.25',
    );
  });

  it.each([0.5, -1, Number.NaN, '-2', '1e3'])('refuses a result of %j', (bad) => {
    const strategies = { bad: (() => bad) as CustomAmountStrategy };
    expect(() => priceWith({ kind: 'custom', name: 'bad' }, makeJob(), strategies)).toThrow(
      /amount strategy "custom:bad".*is not a non-negative quantity/,
    );
  });
});

describe('quotes use the cluster default memory for memory-based strategies', () => {
  it('fills memory from the partition default per core', () => {
    const cluster: ClusterConfig = {
      name: 'ikkem',
      partitions: [
        {
          name: 'cpu',
          isDefault: true,
          nodes: 1,
          node: { cores: 64, memoryMiB: 256 * GiB, gpus: 0 },
          defaultMemoryPerCoreMiB: 8 * GiB,
          up: true,
        },
      ],
      qos: [],
    };
    const engine = createPricingEngine({
      table: {
        currency: 'CNY',
        items: [
          {
            id: 'x',
            cluster: 'ikkem',
            partition: 'cpu',
            rate: '1',
            amount: { kind: 'max-cores-memory', memoryPerCore: '4G' },
            effectiveFrom: '2020-01-01T00:00:00Z',
          },
        ],
      },
      clusters: [cluster],
    });
    const quote = engine.quote({ command: 'x', coresPerNode: 2, timeLimit: '1h' }, { cluster: 'ikkem' });
    expect(quote.breakdown).toMatchObject({ quantity: '4', resources: { memoryMiB: 16 * GiB } });
  });
});
