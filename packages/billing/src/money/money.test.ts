import { describe, expect, it } from 'vitest';
import { formatMoney } from './format-money.js';
import { money, moneyToDecimal, sumMoney } from './money.js';

describe('money', () => {
  it('builds Money from decimal strings', () => {
    expect(money('7.940', 'CNY')).toEqual({ amount: '7.94', currency: 'CNY' });
  });

  it('refuses a currency that is not an ISO code', () => {
    expect(() => money('1', 'yuan')).toThrow(/"yuan" is not an ISO 4217 code/);
  });

  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(sumMoney([money('0.1', 'CNY'), money('0.2', 'CNY')], 'CNY')).toEqual({
      amount: '0.3',
      currency: 'CNY',
    });
  });

  it('refuses to add different currencies, saying which', () => {
    expect(() => sumMoney([money('1', 'CNY'), money('1', 'USD')], 'CNY')).toThrow(
      /index 1.*is USD but CNY was expected/,
    );
  });

  it('refuses money whose amount is a number', () => {
    expect(() => moneyToDecimal({ amount: 1 as unknown as string, currency: 'CNY' })).toThrow(/amount/);
  });
});

describe('formatMoney', () => {
  it.each([
    ['49000', {}, '49,000.00 CNY'],
    ['7.9425', {}, '7.94 CNY'],
    ['7.945', {}, '7.95 CNY'],
    ['-1234567.891', { places: 1 }, '-1,234,567.9 CNY'],
    ['1234.5', { grouping: false }, '1234.50 CNY'],
    ['-0.001', {}, '0.00 CNY'],
    ['5', { places: 0 }, '5 CNY'],
  ] as const)('formats %s with %j as %s', (amount, options, expected) => {
    expect(formatMoney({ amount, currency: 'CNY' }, options)).toBe(expected);
  });
});
