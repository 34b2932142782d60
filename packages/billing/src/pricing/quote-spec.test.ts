import { describe, expect, it } from 'vitest';
import { formatError } from '@hpckit/core';
import { makeJob } from '../../test/make-job.js';
import { ikkemPreset } from '../presets/ikkem.js';
import { BillingDecimal } from '../money/decimal.js';
import { assertAffordable, isAffordable } from './affordability.js';
import { createPricingEngine } from './pricing-engine.js';

const site = ikkemPreset();
const engine = createPricingEngine({
  table: site.priceTable,
  clusters: [site.cluster],
  now: () => new Date('2025-06-01T00:00:00Z'),
});

describe('quote', () => {
  it('is the time limit × the rate for the requested resources', () => {
    const quote = engine.quote(
      { command: 'python train.py', partition: 'gpu', gpusPerNode: 2, coresPerNode: 16, timeLimit: '10h' },
      { cluster: 'ikkem', accountType: 'external' },
    );
    // 12.00 × 2 GPUs × 10 h
    expect(quote).toMatchObject({
      maximum: { amount: '240.00', currency: 'CNY' },
      perTask: { amount: '240.00', currency: 'CNY' },
      tasks: 1,
      partition: 'gpu',
      qos: 'normal',
      timeLimitSeconds: 36_000,
      timeLimitFrom: 'spec',
      breakdown: {
        itemId: 'ikkem-gpu-external',
        quantity: '2',
        resources: { from: 'requested', gpus: 2, cores: 16 },
      },
    });
  });

  it('multiplies by the number of array tasks', () => {
    const quote = engine.quote(
      { command: 'x', partition: 'gpu', gpusPerNode: 2, timeLimit: '10h', array: '0-9' },
      { cluster: 'ikkem', accountType: 'external' },
    );
    expect(quote).toMatchObject({ tasks: 10, perTask: { amount: '240.00' }, maximum: { amount: '2400.00' } });
  });

  it("fills the cluster's default partition and bounds the run time by the QoS maximum", () => {
    // cpu (default), QoS normal (default, 48 h): 0.06 × 4 cores × 48 h
    const quote = engine.quote(
      { command: 'x', coresPerNode: 4 },
      { cluster: 'ikkem', accountType: 'internal' },
    );
    expect(quote).toMatchObject({
      partition: 'cpu',
      qos: 'normal',
      timeLimitSeconds: 172_800,
      timeLimitFrom: 'qos-maximum',
      maximum: { amount: '11.52' },
    });
    const long = engine.quote(
      { command: 'x', coresPerNode: 4, qos: 'long' },
      { cluster: 'ikkem', accountType: 'internal' },
    );
    expect(long).toMatchObject({ timeLimitSeconds: 345_600, maximum: { amount: '23.04' } });
  });

  it('prices at the moment given, or at the engine clock', () => {
    const spec = { command: 'x', timeLimit: '1h' };
    const table = {
      currency: 'CNY',
      items: [
        {
          id: 'a',
          cluster: 'c',
          partition: 'p',
          rate: '1',
          amount: 'cores' as const,
          effectiveFrom: '2025-01-01T00:00:00Z',
        },
        {
          id: 'b',
          cluster: 'c',
          partition: 'p',
          rate: '2',
          amount: 'cores' as const,
          effectiveFrom: '2025-07-01T00:00:00Z',
        },
      ],
    };
    const clocked = createPricingEngine({ table, now: () => new Date('2025-06-01T00:00:00Z') });
    expect(clocked.quote({ ...spec, partition: 'p' }, { cluster: 'c' }).maximum.amount).toBe('1.00');
    expect(
      clocked.quote({ ...spec, partition: 'p' }, { cluster: 'c', at: new Date('2025-07-02T00:00:00Z') })
        .maximum.amount,
    ).toBe('2.00');
  });

  it('is never below the price of a job that ran within the time limit', () => {
    const spec = { command: 'x', partition: 'fat', coresPerNode: 16, timeLimit: '2h' };
    const quote = engine.quote(spec, { cluster: 'ikkem', accountType: 'internal' });
    for (const seconds of [1, 3599, 7199, 7200]) {
      const job = makeJob({ partition: 'fat', cores: 16, elapsedSeconds: seconds });
      const price = engine.price(job, { accountType: 'internal' });
      expect(new BillingDecimal(price.charge.amount).lte(quote.maximum.amount)).toBe(true);
    }
    expect(quote.maximum.amount).toBe('6.40');
  });

  it('refuses a spec whose partition or time limit cannot be known', () => {
    const bare = createPricingEngine({ table: site.priceTable });
    expect(() =>
      bare.quote({ command: 'x', timeLimit: '1h' }, { cluster: 'ikkem', accountType: 'internal' }),
    ).toThrow(/partition.*is missing; name a partition, or give the engine cluster "ikkem"'s config/);
    expect(() =>
      bare.quote({ command: 'x', partition: 'cpu' }, { cluster: 'ikkem', accountType: 'internal' }),
    ).toThrow(/timeLimit.*so the cost has no maximum; give a time limit such as "12h"/);
    expect(() =>
      bare.quote(
        { command: 'x', partition: 'cpu', timeLimit: { seconds: 0 } },
        { cluster: 'ikkem', accountType: 'internal' },
      ),
    ).toThrow(/timeLimit/);
  });

  it('refuses an invalid spec with every issue', () => {
    expect(() => engine.quote({ partition: 'cpu', nodes: 0 } as never, { cluster: 'ikkem' })).toThrow(
      /Invalid job spec.*nodes.*command/,
    );
  });
});

describe('affordability', () => {
  const quote = engine.quote(
    { command: 'x', partition: 'gpu', gpusPerNode: 1, timeLimit: '1h' },
    { cluster: 'ikkem', accountType: 'internal' },
  );

  it('compares the maximum with what is available, exactly', () => {
    expect(isAffordable(quote, { amount: '9.00', currency: 'CNY' })).toBe(true);
    expect(isAffordable(quote, { amount: '8.99', currency: 'CNY' })).toBe(false);
    expect(() => isAffordable(quote, { amount: '100', currency: 'USD' })).toThrow(
      /is USD but CNY was expected/,
    );
  });

  it('throws a PolicyError with both amounts', () => {
    expect(() => assertAffordable(quote, { amount: '9', currency: 'CNY' })).not.toThrow();
    try {
      assertAffordable(quote, { amount: '5.5', currency: 'CNY' }, { account: 'chem' });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({
        code: 'POLICY_VIOLATION',
        details: {
          reason: 'insufficient_balance',
          limit: '5.5',
          requested: '9.00',
          unit: 'CNY',
        },
      });
      expect((err as Error).message).toContain(
        'may cost up to 9.00 CNY, more than the 5.5 CNY available to account "chem"',
      );
      expect(formatError(err, { locale: 'zh-CN', hint: false })).toBe(
        '该作业最多可能花费 9.00 CNY，超过了账户“chem”可用的 5.5 CNY。请缩短运行时间上限、减少申请的资源，或先为账户充值。',
      );
    }
  });
});

describe('quoting the job as Slurm will run it', () => {
  const context = { cluster: 'ikkem', accountType: 'external' } as const;

  it("prices what the script's #SBATCH lines ask for, as the same request in fields", () => {
    const fromScript = engine.quote(
      { script: '#!/bin/bash\n#SBATCH -p gpu --gres=gpu:2 -c 16 -t 10:00:00\npython train.py\n' },
      context,
    );
    const fromFields = engine.quote(
      { command: 'python train.py', partition: 'gpu', gpusPerNode: 2, coresPerNode: 16, timeLimit: '10h' },
      context,
    );
    expect(fromScript.maximum).toEqual({ amount: '240.00', currency: 'CNY' });
    expect(fromScript.maximum).toEqual(fromFields.maximum);
    expect(fromScript.timeLimitFrom).toBe('spec');
  });

  it('refuses to quote an option that adds resources beyond the fields, unless the engine allows it', () => {
    const spec = { script: '#!/bin/bash\n#SBATCH -p gpu --gres=gpu:1 -t 1:00:00 --exclusive\nx\n' };
    expect(() => engine.quote(spec, context)).toThrow(
      /cannot be quoted: --exclusive changes what the job is allocated/,
    );
    const lenient = createPricingEngine({
      table: site.priceTable,
      clusters: [site.cluster],
      now: () => new Date('2025-06-01T00:00:00Z'),
      allowedDirectives: ['exclusive'],
    });
    expect(lenient.quote(spec, context).maximum).toEqual({ amount: '12.00', currency: 'CNY' });
  });
});
