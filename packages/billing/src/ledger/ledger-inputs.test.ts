import { isHpckitError, type ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../stores/memory/memory-store.js';
import { FINANCE, ROOT } from '../testing/ledger-harness.js';
import { createLedger } from './create-ledger.js';
import {
  ManualChargeSchema,
  PaymentInputSchema,
  PositiveAmountSchema,
  SignedAmountSchema,
  WhitelistSchema,
} from './ledger-inputs.js';

const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('ledger input limits', () => {
  it('refuses amounts beyond the maximum, at any length, and takes the maximum', () => {
    for (const amount of ['1000000000000.000001', '1'.padEnd(5000, '0')]) {
      expect(messages(PositiveAmountSchema.safeParse(amount))).toEqual([
        ['', 'must be at most 1000000000000, the largest amount a ledger keeps exactly'],
      ]);
    }
    expect(messages(SignedAmountSchema.safeParse('-1000000000000.01'))).toEqual([
      ['', 'must lie between -1000000000000 and 1000000000000, the largest amount a ledger keeps exactly'],
    ]);
    expect(PositiveAmountSchema.parse('1000000000000.000000')).toBe('1000000000000.000000');
    expect(SignedAmountSchema.parse('-1000000000000')).toBe('-1000000000000');
  });

  it.each([['+010000-01-01T00:00:00.000Z'], ['+275760-09-13T00:00:00.000Z'], ['0000-12-31T23:59:59.999Z']])(
    'refuses the time %s where it enters',
    (iso) => {
      const time = new Date(iso);
      const expected = [['time', 'must lie between 0001-01-01 and 9999-12-31 (UTC)']];
      expect(messages(PaymentInputSchema.safeParse({ amount: '1', type: 'bank', time }))).toEqual(expected);
      expect(messages(ManualChargeSchema.safeParse({ amount: '1', time }))).toEqual(expected);
      expect(messages(WhitelistSchema.safeParse({ until: time }))).toEqual([
        ['until', 'must lie between 0001-01-01 and 9999-12-31 (UTC)'],
      ]);
    },
  );

  it('takes the first and last instants of years 1 to 9999', () => {
    for (const iso of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      expect(
        PaymentInputSchema.parse({ amount: '1', type: 'bank', time: new Date(iso) }).time?.toISOString(),
      ).toBe(iso);
    }
  });

  it('a ledger with bonus rules refuses a payment dated past year 9999 as VALIDATION at its path', async () => {
    const ledger = createLedger({
      store: createMemoryStore(),
      currency: 'CNY',
      bonus: { currency: 'CNY', timeZone: 'Asia/Shanghai', tiers: [{ above: '0', rate: '0.10' }] },
    });
    await ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
    const err = await ledger
      .recordPayment(FINANCE, 'chem', { amount: '1', type: 'bank', time: new Date(8.64e15) })
      .catch((e: unknown) => e);
    expect(isHpckitError(err, 'VALIDATION')).toBe(true);
    expect((err as ValidationError).details.issues.map((i) => i.path)).toEqual([['input', 'time']]);
  });
});

describe('amounts that are not decimals', () => {
  it.each(['', '-', '1e3', 'abc', ' 1'])(
    'reports %j as a bad amount instead of throwing from the decimal parser',
    (text) => {
      for (const schema of [PositiveAmountSchema, SignedAmountSchema]) {
        const parsed = schema.safeParse(text);
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues.length).toBeGreaterThan(0);
      }
    },
  );
});
