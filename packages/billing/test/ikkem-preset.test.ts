import { ClusterConfigSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import {
  assertAffordable,
  createBonusCalculator,
  createPricingEngine,
  createResourcePolicy,
  describeCharge,
  ikkemPreset,
} from '../src/index.js';
import { makeJob } from './make-job.js';

const site = ikkemPreset();
const pricing = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
const policy = createResourcePolicy(site.resourcePolicy);
const bonus = createBonusCalculator(site.bonusRules);

describe('the ikkem preset', () => {
  it('publishes the site-rules §1 rate table', () => {
    const rate = (partition: string, accountType: string) =>
      pricing.lookup({ cluster: 'ikkem', partition, accountType, at: new Date('2025-01-01T00:00:00Z') }).rate;
    expect(['cpu', 'gpu', 'fat'].map((p) => [rate(p, 'internal'), rate(p, 'external')])).toEqual([
      ['0.06', '0.08'],
      ['9.00', '12.00'],
      ['0.20', '0.30'],
    ]);
  });

  it('ships a valid cluster config that the price table covers completely', () => {
    expect(ClusterConfigSchema.safeParse(site.cluster).success).toBe(true);
    expect(pricing.checkCoverage(site.cluster, { at: new Date() }).complete).toBe(true);
  });

  it('names the cluster as the caller says', () => {
    const other = createPricingEngine({ table: ikkemPreset({ cluster: 'hpc1' }).priceTable });
    expect(other.price(makeJob({ cluster: 'hpc1' }), { accountType: 'internal' }).charge.amount).toBe('0.06');
    expect(() => other.price(makeJob(), { accountType: 'internal' })).toThrow(/cluster "ikkem"/);
  });

  it('runs a portal flow: defaults, check, quote, balance, price, describe', () => {
    const spec = policy.applyDefaults({
      command: 'python train.py',
      partition: 'gpu',
      gpusPerNode: 1,
      coresPerNode: 8,
      timeLimit: '2h',
    });
    expect(spec.memory).toEqual({ perCore: '16G' });
    expect(policy.check(spec).ok).toBe(true);

    const quote = pricing.quote(spec, { cluster: 'ikkem', accountType: 'internal' });
    expect(quote.maximum).toEqual({ amount: '18.00', currency: 'CNY' });
    expect(() => assertAffordable(quote, { amount: '17.99', currency: 'CNY' })).toThrow(
      /may cost up to 18.00 CNY/,
    );

    const ended = makeJob({
      partition: 'gpu',
      gpus: 1,
      cores: 8,
      memoryMiB: 128 * 1024,
      elapsedSeconds: 3177,
    });
    const priced = pricing.price(ended, { accountType: 'internal' });
    expect(priced.charge).toEqual({ amount: '7.94', currency: 'CNY' });
    expect(describeCharge(priced.breakdown)).toContain('= 7.9425 → 7.94 CNY');
  });

  it('grants the recharge bonus tiers of site-rules §2', () => {
    expect(bonus.bonusFor({ amount: '49000.00', currency: 'CNY' }, []).bonus.amount).toBe('0.00');
    expect(
      bonus.bonusFor({ amount: '0.01', currency: 'CNY' }, [{ amount: '49000.00', currency: 'CNY' }]).bonus
        .amount,
    ).toBe('4900.00');
  });
});
