import { isHpckitError, type ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { makeJob } from '../../test/make-job.js';
import { ikkemPreset } from '../presets/ikkem.js';
import type { PriceTableInput } from './price-table-schema.js';
import { createPricingEngine } from './pricing-engine.js';

const GiB = 1024;
const ikkem = createPricingEngine({ table: ikkemPreset().priceTable });

function validationPaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (isHpckitError(err, 'VALIDATION'))
      return (err as ValidationError).details.issues.map((i) => i.path.join('.'));
    throw err;
  }
  return [];
}

describe('worked examples from the site rules (CNY, rounded half-up to 2 places once)', () => {
  it('site-rules §1: 1 GPU, 8 cores, 128 GB, 3,177 s on an internal account costs 7.94', () => {
    const job = makeJob({ partition: 'gpu', cores: 8, gpus: 1, memoryMiB: 128 * GiB, elapsedSeconds: 3177 });
    const { charge, breakdown } = ikkem.price(job, { accountType: 'internal' });
    expect(charge).toEqual({ amount: '7.94', currency: 'CNY' });
    expect(breakdown).toMatchObject({
      itemId: 'ikkem-gpu-internal',
      matched: { cluster: 'ikkem', partition: 'gpu', accountType: 'internal' },
      strategy: 'gpus',
      unit: 'GPU',
      rate: { amount: '9.00', currency: 'CNY' },
      quantity: '1',
      seconds: 3177,
      billedSeconds: 3177,
      exactCharge: '7.9425',
      precision: 2,
      rounding: 'half-up',
      minimumApplied: false,
    });
  });

  it.each([
    // partition, cores, gpus, seconds, account type, exact, charge
    ['gpu', 8, 1, 3177, 'external', '10.59', '10.59'], // 12 × 3177 / 3600
    ['cpu', 64, 0, 7200, 'internal', '7.68', '7.68'], // 0.06 × 64 × 2
    ['cpu', 64, 0, 7200, 'external', '10.24', '10.24'], // 0.08 × 64 × 2
    ['fat', 16, 0, 1800, 'internal', '1.6', '1.60'], // 0.20 × 16 × 0.5
    ['fat', 16, 0, 1800, 'external', '2.4', '2.40'], // 0.30 × 16 × 0.5
    ['gpu', 64, 8, 172800, 'internal', '3456', '3456.00'], // 9 × 8 × 48
    ['cpu', 1, 0, 299, 'internal', '0.004983333333333333333333333333333333333333', '0.00'],
    ['cpu', 1, 0, 300, 'internal', '0.005', '0.01'], // the half-up boundary
    ['cpu', 1, 0, 1, 'internal', '0.00001666666666666666666666666666666666666667', '0.00'],
  ] as const)(
    '%s: %i cores, %i GPUs, %i s, %s → %s → %s',
    (partition, cores, gpus, seconds, accountType, exact, charge) => {
      const job = makeJob({ partition, cores, gpus, elapsedSeconds: seconds });
      const { breakdown } = ikkem.price(job, { accountType });
      expect(breakdown.exactCharge).toBe(exact);
      expect(breakdown.charge.amount).toBe(charge);
    },
  );

  it('bills run time only: queue time is free', () => {
    const quick = makeJob({ partition: 'gpu', gpus: 1, elapsedSeconds: 3177 });
    const queued = { ...quick, submitTime: new Date(quick.submitTime.getTime() - 2670_000) };
    expect(ikkem.price(queued, { accountType: 'internal' }).charge).toEqual(
      ikkem.price(quick, { accountType: 'internal' }).charge,
    );
  });

  it('charges a job that never started 0.00, still naming the item', () => {
    const cancelled = makeJob({
      elapsedSeconds: 0,
      allocated: undefined,
      startTime: undefined,
      state: { phase: 'ended', outcome: 'cancelled', raw: 'CANCELLED' },
    });
    expect(ikkem.price(cancelled, { accountType: 'external' }).breakdown).toMatchObject({
      itemId: 'ikkem-cpu-external',
      charge: { amount: '0.00' },
      resources: { from: 'requested' },
    });
  });

  it('identifies the job by cluster, id and submit time', () => {
    const job = makeJob();
    expect(ikkem.price(job, { accountType: 'internal' }).job).toEqual({
      cluster: 'ikkem',
      jobId: '1001',
      submitTime: job.submitTime,
    });
  });
});

describe('which item prices a job', () => {
  const table: PriceTableInput = {
    currency: 'CNY',
    rules: { priceAt: 'end' },
    items: [
      {
        id: 'old',
        cluster: 'ikkem',
        partition: 'gpu',
        rate: '9',
        amount: 'gpus',
        effectiveFrom: '2020-01-01T00:00:00+08:00',
      },
      {
        id: 'new',
        cluster: 'ikkem',
        partition: 'gpu',
        rate: '10',
        amount: 'gpus',
        effectiveFrom: '2025-03-01T00:00:00+08:00',
      },
      {
        id: 'long',
        cluster: 'ikkem',
        partition: 'gpu',
        qos: 'long',
        rate: '20',
        amount: 'gpus',
        effectiveFrom: '2020-01-01T00:00:00+08:00',
      },
      {
        id: 'vip',
        cluster: 'ikkem',
        partition: 'gpu',
        account: 'vip',
        rate: '1',
        amount: 'gpus',
        effectiveFrom: '2020-01-01T00:00:00+08:00',
      },
    ],
  };
  // Ran across the price change: started under "old", ended under "new".
  const job = makeJob({
    partition: 'gpu',
    gpus: 1,
    elapsedSeconds: 3600,
    endTime: new Date('2025-03-01T00:30:00+08:00'),
  });

  it('uses the price in force when the job ended, by default', () => {
    expect(createPricingEngine({ table }).price(job).breakdown).toMatchObject({
      itemId: 'new',
      charge: { amount: '10.00' },
    });
  });

  it('uses the price in force when it started, if the site chooses so', () => {
    const atStart = createPricingEngine({ table: { ...table, rules: { priceAt: 'start' } } });
    expect(atStart.price(job).breakdown).toMatchObject({ itemId: 'old', charge: { amount: '9.00' } });
  });

  it("prices by the job's own QoS", () => {
    expect(createPricingEngine({ table }).price({ ...job, qos: 'long' }).breakdown.itemId).toBe('long');
  });

  it("uses the context's account over the job's", () => {
    const engine = createPricingEngine({ table });
    expect(engine.price({ ...job, account: 'vip' }).breakdown.itemId).toBe('vip');
    expect(engine.price(job, { account: 'vip' }).breakdown.itemId).toBe('vip');
  });
});

describe('refusals', () => {
  it('refuses a job that has not ended, pointing to quote()', () => {
    const running = makeJob({ state: { phase: 'running', raw: 'RUNNING' }, endTime: undefined });
    expect(() => ikkem.price(running, { accountType: 'internal' })).toThrow(
      /state\.phase.*"running".*use quote\(\)/,
    );
  });

  it('refuses a job without a partition or end time', () => {
    expect(
      validationPaths(() => ikkem.price(makeJob({ partition: undefined }), { accountType: 'internal' })),
    ).toEqual(['partition']);
    expect(
      validationPaths(() => ikkem.price(makeJob({ endTime: undefined }), { accountType: 'internal' })),
    ).toEqual(['endTime']);
  });

  it('reports every malformed field of a job through zod', () => {
    const bad = { ...makeJob(), elapsedSeconds: -1, requested: { nodes: 1, cores: 1.5, gpus: 0 } };
    expect(validationPaths(() => ikkem.price(bad, { accountType: 'internal' }))).toEqual([
      'requested.cores',
      'elapsedSeconds',
    ]);
  });

  it('refuses an account type the table does not declare', () => {
    expect(() => ikkem.price(makeJob(), { accountType: 'staff' })).toThrow(
      /"staff" is not an account type.*"internal", "external"/,
    );
  });

  it('re-validates a reused context object after it was changed', () => {
    const context = { accountType: 'internal' };
    expect(ikkem.price(makeJob(), context).breakdown.itemId).toBe('ikkem-cpu-internal');
    context.accountType = 'external';
    expect(ikkem.price(makeJob(), context).breakdown.itemId).toBe('ikkem-cpu-external');
    (context as Record<string, unknown>).accountTyp = 'internal';
    expect(() => ikkem.price(makeJob(), context)).toThrow(/pricing context/);
  });

  it('throws NotFoundError for an uncovered job instead of charging nothing', () => {
    let caught: unknown;
    try {
      ikkem.price(makeJob({ partition: 'gpu2', qos: 'long' }), { accountType: 'internal' });
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'NOT_FOUND')).toBe(true);
    expect((caught as Error).message).toMatch(
      /cluster "ikkem", partition "gpu2", QoS "long" for account type "internal"/,
    );
  });

  it('throws NotFoundError when no account type is given and only typed items exist', () => {
    expect(() => ikkem.price(makeJob())).toThrow(
      /for no account type.*exist only for account type "internal"; account type "external"/,
    );
  });
});

describe('itemFor', () => {
  it('names the item price() uses, without pricing', () => {
    const job = makeJob({ partition: 'fat', cores: 4 });
    expect(ikkem.itemFor(job, { accountType: 'external' })).toMatchObject({
      id: 'ikkem-fat-external',
      rate: '0.30',
    });
    expect(ikkem.itemFor(job, { accountType: 'external' }).id).toBe(
      ikkem.price(job, { accountType: 'external' }).breakdown.itemId,
    );
    expect(() => ikkem.itemFor(makeJob({ partition: 'nope' }), { accountType: 'external' })).toThrow(
      /partition "nope"/,
    );
  });
});
