import { isHpckitError } from '@hpckit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingRules } from '../errors/billing-rules.js';
import { checkLedgerRange, MAX_LEDGER_AMOUNT, withinLedgerRange } from './amount-codec.js';

const MAX_MICROS = BigInt(MAX_LEDGER_AMOUNT) * 1_000_000n;

/** |amount| ≤ max, decided on integers so no decimal library is involved. */
function withinByBigInt(amount: string): boolean {
  const [integer = '0', fraction = ''] = amount.replace(/^-/, '').split('.');
  const scaled = BigInt(integer) * 1_000_000n;
  const micros = BigInt((fraction.slice(0, 6) || '0').padEnd(6, '0'));
  const rest = /[1-9]/.test(fraction.slice(6));
  return scaled + micros < MAX_MICROS || (scaled + micros === MAX_MICROS && !rest);
}

describe('withinLedgerRange', () => {
  it('agrees with an integer comparison for any decimal string, whatever its length', () => {
    const digits = (max: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });
    const amount = fc
      .tuple(fc.boolean(), digits(60), fc.option(digits(12), { nil: undefined }))
      .map(
        ([negative, integer, fraction]) =>
          `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`,
      );
    const near = fc
      .bigInt({ min: MAX_MICROS - 10n, max: MAX_MICROS + 10n })
      .map((m) => `${m / 1_000_000n}.${String(m % 1_000_000n).padStart(6, '0')}`);
    fc.assert(
      fc.property(fc.oneof(amount, near), (a) => {
        expect(withinLedgerRange(a)).toBe(withinByBigInt(a));
      }),
    );
  });

  it('takes the maximum and refuses the smallest step beyond it, both signs', () => {
    expect(withinLedgerRange(MAX_LEDGER_AMOUNT)).toBe(true);
    expect(withinLedgerRange(`-${MAX_LEDGER_AMOUNT}.000000`)).toBe(true);
    expect(withinLedgerRange(`${MAX_LEDGER_AMOUNT}.000001`)).toBe(false);
    expect(withinLedgerRange(`-${MAX_LEDGER_AMOUNT}.000001`)).toBe(false);
    expect(withinLedgerRange(`0000000000000000000${MAX_LEDGER_AMOUNT}`)).toBe(true);
  });
});

describe('checkLedgerRange', () => {
  it('names the amount, the value (cut short) and the maximum', () => {
    let caught: unknown;
    try {
      checkLedgerRange(`9${'0'.repeat(100)}`, billingRules.subject('account_balance', { value: 'chem' }));
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'VALIDATION')).toBe(true);
    expect((caught as Error).message).toContain(
      `Invalid balance of account "chem": would be 9${'0'.repeat(39)}…, beyond ${MAX_LEDGER_AMOUNT}, the largest amount a ledger keeps exactly`,
    );
  });
});
