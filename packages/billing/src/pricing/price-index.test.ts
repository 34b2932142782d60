import { formatError, isHpckitError, type NotFoundError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import type { PriceItemInput } from './price-table-schema.js';
import { createPricingEngine } from './pricing-engine.js';

const base = {
  cluster: 'hpc',
  partition: 'gpu',
  amount: 'gpus' as const,
  effectiveFrom: '2025-01-01T00:00:00Z',
};
const items: PriceItemInput[] = [
  { ...base, id: 'site', rate: '10' },
  { ...base, id: 'site-long', qos: 'long', rate: '11' },
  { ...base, id: 'internal', accountType: 'internal', rate: '8' },
  { ...base, id: 'internal-long', accountType: 'internal', qos: 'long', rate: '8.5' },
  { ...base, id: 'tenant', tenant: 'chem-dept', rate: '7' },
  { ...base, id: 'tenant-long', tenant: 'chem-dept', qos: 'long', rate: '7.5' },
  { ...base, id: 'account', account: 'vip', rate: '5' },
  { ...base, id: 'account-internal', account: 'vip', accountType: 'internal', rate: '4' },
];
const engine = createPricingEngine({
  table: { currency: 'CNY', accountTypes: ['internal', 'external'], items },
});
const at = new Date('2025-06-01T00:00:00Z');
const find = (q: Record<string, string>) => engine.lookup({ cluster: 'hpc', partition: 'gpu', at, ...q }).id;

describe('lookup order', () => {
  it.each([
    [{}, 'site'],
    [{ qos: 'normal' }, 'site'],
    [{ qos: 'long' }, 'site-long'],
    [{ accountType: 'external', qos: 'long' }, 'site-long'],
    [{ accountType: 'internal' }, 'internal'],
    [{ accountType: 'internal', qos: 'long' }, 'internal-long'],
    // A tenant item beats an account-type item even when only the latter names the QoS.
    [{ accountType: 'internal', tenant: 'chem-dept', qos: 'long' }, 'tenant-long'],
    [{ accountType: 'internal', tenant: 'chem-dept' }, 'tenant'],
    [{ tenant: 'chem-dept', qos: 'long', account: 'vip' }, 'account'],
    [{ tenant: 'chem-dept', account: 'vip', accountType: 'internal' }, 'account-internal'],
    [{ account: 'vip', accountType: 'external' }, 'account'],
  ])('%j resolves to %s', (query, expected) => {
    expect(find(query)).toBe(expected);
  });
});

describe('effective time', () => {
  const versions = createPricingEngine({
    table: {
      currency: 'CNY',
      items: [
        { ...base, id: 'v1', rate: '10' },
        { ...base, id: 'v2', rate: '12', effectiveFrom: '2025-07-01T00:00:00Z' },
        {
          ...base,
          id: 'promo',
          qos: 'long',
          rate: '6',
          effectiveFrom: '2025-03-01T00:00:00Z',
          effectiveUntil: '2025-04-01T00:00:00Z',
        },
      ],
    },
  });
  const lookup = (iso: string, qos?: string) =>
    versions.lookup({ cluster: 'hpc', partition: 'gpu', qos, at: new Date(iso) }).id;

  it('uses the latest version started by then, the new one from its first millisecond', () => {
    expect(lookup('2025-06-30T23:59:59.999Z')).toBe('v1');
    expect(lookup('2025-07-01T00:00:00.000Z')).toBe('v2');
  });

  it('falls back to less specific items outside an item window (end exclusive)', () => {
    expect(lookup('2025-02-28T23:59:59.999Z', 'long')).toBe('v1');
    expect(lookup('2025-03-01T00:00:00Z', 'long')).toBe('promo');
    expect(lookup('2025-03-31T23:59:59.999Z', 'long')).toBe('promo');
    expect(lookup('2025-04-01T00:00:00Z', 'long')).toBe('v1');
  });

  it('throws NotFoundError before any item takes effect, saying when one does', () => {
    let caught: unknown;
    try {
      lookup('2024-12-31T23:59:59Z', 'long');
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'NOT_FOUND')).toBe(true);
    const err = caught as NotFoundError;
    expect(err.details).toEqual({ kind: 'price item', id: 'hpc/gpu/long' });
    expect(err.message).toContain('cluster "hpc", partition "gpu", QoS "long"');
    expect(err.message).toContain(
      'the earliest matching item ("v1") takes effect only at 2025-01-01T00:00:00.000Z',
    );
    expect(err.message).toContain('Add a price item for cluster "hpc" and partition "gpu"');
    const zh = formatError(err, { locale: 'zh-CN' });
    expect(zh).toContain('没有价格项覆盖集群“hpc”、分区“gpu”、QoS“long”');
    expect(zh).toContain('最早匹配的价格项（“v1”）要到 2025-01-01T00:00:00.000Z 才生效');
  });
});

describe('missing coverage', () => {
  it('names a partition the table does not price at all', () => {
    expect(() => engine.lookup({ cluster: 'hpc', partition: 'fat', at })).toThrow(
      /No price item covers cluster "hpc", partition "fat", no QoS for no account type at .*: the table has no item for this cluster and partition\./,
    );
  });

  it('says which selectors exist when none matches', () => {
    const only = createPricingEngine({
      table: { currency: 'CNY', items: [{ ...base, id: 'x', accountType: 'internal', rate: '1' }] },
    });
    expect(() => only.lookup({ cluster: 'hpc', partition: 'gpu', accountType: 'external', at })).toThrow(
      /items for this partition exist only for account type "internal"/,
    );
  });

  it('keeps clusters apart', () => {
    expect(() => engine.lookup({ cluster: 'other', partition: 'gpu', at })).toThrow(/cluster "other"/);
  });
});

describe('large tables', () => {
  it('finds account and tenant overrides among thousands, and the site price for everyone else', () => {
    const overrides: PriceItemInput[] = [{ ...base, id: 'site', rate: '10' }];
    for (let i = 0; i < 2000; i++)
      overrides.push({ ...base, id: `acct-${i}`, account: `acct${i}`, rate: `${i}.5` });
    for (let i = 0; i < 200; i++)
      overrides.push({ ...base, id: `tenant-${i}`, tenant: `t${i}`, qos: 'long', rate: '3' });
    const big = createPricingEngine({ table: { currency: 'CNY', items: overrides } });
    const look = (q: Record<string, string>) => big.lookup({ cluster: 'hpc', partition: 'gpu', at, ...q }).id;
    expect(look({ account: 'acct1234' })).toBe('acct-1234');
    expect(look({ account: 'someone', tenant: 't7', qos: 'long' })).toBe('tenant-7');
    expect(look({ account: 'someone', tenant: 't7', qos: 'normal' })).toBe('site');
    expect(look({ account: 'acct5', tenant: 't7', qos: 'long' })).toBe('acct-5');
  });
});
