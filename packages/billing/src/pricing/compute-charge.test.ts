import { describe, expect, it } from 'vitest';
import { BillingDecimal } from '../money/decimal.js';
import { type ChargingRules, type ChargingRulesInput, ChargingRulesSchema } from './charging-rules-schema.js';
import { computeCharge } from './compute-charge.js';

const rules = (over: ChargingRulesInput = {}): ChargingRules => ChargingRulesSchema.parse(over);
const d = (v: string) => new BillingDecimal(v);
const run = (rate: string, quantity: number | string, seconds: number, over: ChargingRulesInput = {}) => {
  const r = rules(over);
  const c = computeCharge(
    d(rate),
    typeof quantity === 'number' ? quantity : d(quantity),
    seconds,
    r,
    d(r.minimumCharge),
  );
  return {
    billedSeconds: c.billedSeconds,
    unitHours: c.unitHours?.toFixed(),
    exact: c.exact,
    charge: c.charge,
    minimumApplied: c.minimumApplied,
  };
};

describe('order of operations', () => {
  it('prices exact usage and rounds once: site-rules §1 GPU example, 9.00 × 1 GPU × 3177 s = 7.9425 → 7.94', () => {
    expect(run('9.00', 1, 3177)).toEqual({
      billedSeconds: 3177,
      unitHours: undefined,
      exact: '7.9425',
      charge: '7.94',
      minimumApplied: false,
    });
  });

  it('keeps a non-terminating quotient until the single rounding', () => {
    // 0.06 × 7 cores × 100 s / 3600 = 0.011666…
    const r = run('0.06', 7, 100);
    expect(r.exact).toBe(`0.011${'6'.repeat(37)}7`); // 40 significant digits
    expect(r.charge).toBe('0.01');
  });

  it('rounds an exact tie by the configured mode', () => {
    // 9 × 3178 / 3600 = 7.945 exactly
    expect(run('9', 1, 3178).charge).toBe('7.95');
    expect(run('9', 1, 3178, { rounding: 'half-even' }).charge).toBe('7.94');
    expect(run('9', 1, 3178, { rounding: 'down' }).charge).toBe('7.94');
  });

  it('applies the granularity before pricing', () => {
    expect(run('0.60', 1, 61, { granularitySeconds: 60 })).toMatchObject({
      billedSeconds: 120,
      exact: '0.02',
      charge: '0.02',
    });
  });

  it('raises a small positive charge to the minimum, and leaves a zero charge at zero', () => {
    expect(run('0.10', 1, 30, { minimumCharge: '0.01' })).toMatchObject({
      exact: expect.stringMatching(/^0\.00083/),
      charge: '0.01',
      minimumApplied: true,
    });
    expect(run('0.10', 1, 0, { minimumCharge: '0.01' })).toMatchObject({
      charge: '0.00',
      minimumApplied: false,
    });
    expect(run('0', 8, 3600, { minimumCharge: '0.01' })).toMatchObject({
      charge: '0.00',
      minimumApplied: false,
    });
  });

  it('reproduces the incumbent portal when resource-hours are truncated first (quantityPrecision)', () => {
    // incumbent-portal §4.3: 8 core-equivalents × 1.5 h = 12.00 → × 0.10 = 1.20
    expect(run('0.10', 8, 5400, { quantityPrecision: 2 })).toMatchObject({ unitHours: '12', charge: '1.20' });
    // 1 core × 30 s truncates to 0.00 core-hours: nothing is charged (the incumbent charged its minimum)
    expect(run('0.10', 1, 30, { quantityPrecision: 2, minimumCharge: '0.01' })).toMatchObject({
      unitHours: '0',
      charge: '0.00',
      minimumApplied: false,
    });
    // with exact usage the same job costs 0.000833…, which is rounded to 0.00 (no minimum configured)
    expect(run('0.10', 1, 30).charge).toBe('0.00');
  });

  it('multiplies fractional quantities exactly', () => {
    expect(run('0.06', '1.220703125', 3600, { precision: 8 })).toMatchObject({
      exact: '0.0732421875',
      charge: '0.07324219',
    });
  });

  it('handles very large integer usage without losing digits', () => {
    // 1,000,000 cores for a year at 12.00: 1e6 × 31,536,000 s overflows a safe integer product
    expect(run('12.00', 1_000_000_000, 31_536_000)).toMatchObject({ charge: '105120000000000.00' });
  });
});
