import { isHpckitError, type ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import type { PriceItemInput, PriceTableInput } from './price-table-schema.js';
import { createPricingEngine } from './pricing-engine.js';

const item = (over: Partial<PriceItemInput> = {}): PriceItemInput => ({
  id: 'cpu-2025',
  cluster: 'hpc',
  partition: 'cpu',
  rate: '0.06',
  amount: 'cores',
  effectiveFrom: '2025-01-01T00:00:00+08:00',
  ...over,
});

function issues(table: PriceTableInput): { path: string; message: string }[] {
  try {
    createPricingEngine({ table });
  } catch (err) {
    if (!isHpckitError(err, 'VALIDATION')) throw err;
    return (err as ValidationError).details.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.message,
    }));
  }
  return [];
}

describe('price table validation', () => {
  it('accepts a minimal table and fills the charging rules', () => {
    const engine = createPricingEngine({ table: { currency: 'CNY', items: [item()] } });
    expect(engine.rules).toEqual({
      precision: 2,
      rounding: 'half-up',
      minimumCharge: '0',
      granularitySeconds: 1,
      granularityRounding: 'up',
      quantityRounding: 'down',
      priceAt: 'end',
    });
    expect(engine.table.items[0]!.effectiveFrom.toISOString()).toBe('2024-12-31T16:00:00.000Z');
  });

  it('refuses a rate written as a JS number, with the fix', () => {
    const found = issues({ currency: 'CNY', items: [item({ rate: 0.06 as unknown as string })] });
    expect(found).toEqual([
      { path: 'items.0.rate', message: expect.stringContaining('must be a decimal string such as "0.06"') },
    ]);
  });

  it('refuses a timestamp without an offset', () => {
    const found = issues({ currency: 'CNY', items: [item({ effectiveFrom: '2025-01-01T00:00:00' })] });
    expect(found[0]).toEqual({
      path: 'items.0.effectiveFrom',
      message: expect.stringContaining('with an offset'),
    });
  });

  it('reports every problem at once', () => {
    const found = issues({
      currency: 'CNY',
      accountTypes: ['internal'],
      rules: { precision: 2, minimumCharge: '0.001' },
      items: [
        item(),
        item({ rate: '0.07' }),
        item({ id: 'b', accountType: 'external' }),
        item({ id: 'c', effectiveUntil: '2024-01-01T00:00:00Z' }),
        item({ id: 'd', qos: 'long', effectiveFrom: '2025-02-01T00:00:00Z' }),
        item({ id: 'e', qos: 'long', effectiveFrom: '2025-02-01T00:00:00Z' }),
      ],
    });
    expect(found.map((f) => f.path)).toEqual([
      'rules.minimumCharge',
      'items.1.id',
      'items.1.effectiveFrom',
      'items.2.accountType',
      'items.3.effectiveFrom',
      'items.3.effectiveUntil',
      'items.5.effectiveFrom',
    ]);
    expect(found[0]!.message).toMatch(/3 decimal places but charges have 2/);
    expect(found[3]!.message).toMatch(/"external" is not one of the table's accountTypes \(internal\)/);
  });

  it('refuses an unregistered custom strategy, listing the registered ones', () => {
    expect(() =>
      createPricingEngine({
        table: { currency: 'CNY', items: [item({ amount: { kind: 'custom', name: 'node-hours' } })] },
        strategies: { 'gpu-memory': () => 1 },
      }),
    ).toThrow(/custom strategy "node-hours", which is not registered.*\(registered: gpu-memory\)/);
  });

  it('refuses unknown fields (a typo must not be ignored)', () => {
    const found = issues({ currency: 'CNY', items: [{ ...item(), partiton: 'gpu' } as PriceItemInput] });
    expect(found[0]!.path).toBe('items.0');
  });
});
