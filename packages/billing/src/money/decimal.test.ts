import { isHpckitError } from '@hpckit/core';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BillingDecimal, decimalString, toDecimal } from './decimal.js';

describe('toDecimal', () => {
  it('accepts decimal strings and decimal.js values', () => {
    expect(toDecimal('0.06', 'rate').toFixed()).toBe('0.06');
    expect(toDecimal('-12.50', 'amount').toFixed()).toBe('-12.5');
    expect(toDecimal(new Decimal('3.3'), 'amount').toFixed()).toBe('3.3');
  });

  it('refuses a JS number, naming the value and the fix', () => {
    let caught: unknown;
    try {
      toDecimal(0.1 as unknown as string, 'rate of item x');
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'VALIDATION')).toBe(true);
    expect((caught as Error).message).toContain('rate of item x');
    expect((caught as Error).message).toContain('write it as a string such as "0.1"');
  });

  it.each(['1e3', '.5', '5.', '', ' 1', '0x10', 'NaN', 'Infinity'])('refuses %j', (text) => {
    expect(() => toDecimal(text, 'amount')).toThrow(/must be a decimal string/);
  });

  it('refuses non-finite decimal.js values', () => {
    expect(() => toDecimal(new Decimal(Number.NaN), 'amount')).toThrow(/must be a decimal string/);
  });
});

describe('decimalString', () => {
  it('never uses exponent notation', () => {
    expect(decimalString(new BillingDecimal('1e-30'))).toBe(`0.${'0'.repeat(29)}1`);
    expect(decimalString(new BillingDecimal('1e+30'))).toBe(`1${'0'.repeat(30)}`);
  });

  it('writes negative zero as "0"', () => {
    expect(decimalString(new BillingDecimal('-0'))).toBe('0');
    expect(decimalString(new BillingDecimal('0.5').minus('0.5').negated())).toBe('0');
  });

  it('is not affected by changes to decimal.js global settings', () => {
    const saved = Decimal.precision;
    Decimal.set({ precision: 5 });
    try {
      expect(new BillingDecimal(1).div(3).toFixed().length).toBe(42);
    } finally {
      Decimal.set({ precision: saved });
    }
  });
});
