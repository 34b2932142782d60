import { describe, expect, it } from 'vitest';
import { checkAppendOnly } from './append-only.js';
import type { PriceItemInput, PriceTableInput } from './price-table-schema.js';

const item: PriceItemInput = {
  id: 'cpu-2025',
  cluster: 'hpc',
  partition: 'cpu',
  rate: '0.06',
  amount: 'cores',
  effectiveFrom: '2025-01-01T00:00:00+08:00',
};
const previous: PriceTableInput = { currency: 'CNY', items: [item] };
const now = new Date('2025-06-01T00:00:00Z');

describe('checkAppendOnly', () => {
  it('accepts a new item, even written differently (same instant, same shorthand)', () => {
    const next: PriceTableInput = {
      currency: 'CNY',
      rules: { precision: 2 },
      items: [
        { ...item, effectiveFrom: '2024-12-31T16:00:00Z', amount: { kind: 'cores' } },
        { ...item, id: 'cpu-2026', rate: '0.07', effectiveFrom: '2026-01-01T00:00:00+08:00' },
      ],
    };
    expect(checkAppendOnly(previous, next, { now })).toEqual({
      ok: true,
      problems: [],
      added: ['cpu-2026'],
      closed: [],
    });
  });

  it('refuses edits, removals, and changes to currency or rules', () => {
    const report = checkAppendOnly(
      { currency: 'CNY', items: [item, { ...item, id: 'gone', qos: 'long' }] },
      { currency: 'USD', rules: { rounding: 'half-even' }, items: [{ ...item, rate: '0.05' }] },
      { now },
    );
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      'the currency changed from CNY to USD',
      'the charging rules changed, which would re-price past jobs; keep them, or start a new table',
      'item "cpu-2025" was edited; items are immutable, so add a new item with a later effectiveFrom (only a future effectiveUntil may be added)',
      'item "gone" was removed; close it with a future effectiveUntil or supersede it with a new item',
    ]);
  });

  it('allows closing an open item in the future, not in the past', () => {
    const closeAt = (iso: string) =>
      checkAppendOnly(previous, { currency: 'CNY', items: [{ ...item, effectiveUntil: iso }] }, { now });
    expect(closeAt('2025-07-01T00:00:00Z')).toMatchObject({ ok: true, closed: ['cpu-2025'] });
    expect(closeAt('2025-05-01T00:00:00Z')).toMatchObject({ ok: false, closed: [] });
  });
});
