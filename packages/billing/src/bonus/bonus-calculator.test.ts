import type { Money } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { ikkemPreset } from '../presets/ikkem.js';
import { createBonusCalculator } from './bonus-calculator.js';

const bonus = createBonusCalculator(ikkemPreset().bonusRules);
const cny = (amount: string): Money => ({ amount, currency: 'CNY' });

describe('the reference site tiers (cumulative in a calendar year, boundaries exact)', () => {
  it.each([
    ['1000', '0.00', '0'],
    ['49000', '0.00', '0'],
    ['49000.00', '0.00', '0'],
    ['49000.01', '4900.00', '0.10'], // 10 % × 49,000.01 = 4,900.001
    ['99000', '9900.00', '0.10'],
    ['99000.01', '24750.00', '0.25'], // 25 % × 99,000.01 = 24,750.0025
    ['199000', '49750.00', '0.25'],
    ['199000.01', '99500.01', '0.50'], // 50 % × 199,000.01 = 99,500.005, half-up
    ['499000', '249500.00', '0.50'],
    ['499000.01', '499000.01', '1.00'],
  ])('a first payment of %s earns %s (rate %s)', (paid, expected, rate) => {
    const grant = bonus.bonusFor(cny(paid), []);
    expect(grant.bonus).toEqual(cny(expected));
    expect(grant.rateAfter).toBe(rate);
  });

  it('grants only the difference when a later payment reaches a higher tier', () => {
    const first = bonus.bonusFor(cny('40000'), []);
    expect(first.bonus).toEqual(cny('0.00'));
    // 50,000 in the year: 10 % of 50,000 = 5,000, none granted before
    const second = bonus.bonusFor(cny('10000'), [cny('40000')]);
    expect(second).toEqual({
      bonus: cny('5000.00'),
      yearTotalBefore: cny('40000'),
      yearTotalAfter: cny('50000'),
      rateBefore: '0',
      rateAfter: '0.10',
      owedBefore: cny('0.00'),
      owedAfter: cny('5000.00'),
    });
    // 100,000 in the year: 25 % of 100,000 = 25,000, of which 5,000 were granted
    expect(bonus.bonusFor(cny('50000'), [cny('40000'), cny('10000')]).bonus).toEqual(cny('20000.00'));
    // within the same tier, a payment earns its tier rate
    expect(bonus.bonusFor(cny('1000'), [cny('100000')]).bonus).toEqual(cny('250.00'));
  });

  it('takes back what the reduced year total no longer earns when a payment is reversed', () => {
    // 60,000 earned 6,000; back to 50,000 it earns 5,000; back to 40,000 it earns nothing
    expect(bonus.bonusFor(cny('-10000'), [cny('60000')]).bonus).toEqual(cny('-1000.00'));
    expect(bonus.bonusFor(cny('-20000'), [cny('60000')]).bonus).toEqual(cny('-6000.00'));
  });

  it('refuses another currency and malformed amounts', () => {
    expect(() => bonus.bonusFor({ amount: '100', currency: 'USD' }, [])).toThrow(
      /payment.*is USD but CNY was expected/,
    );
    expect(() => bonus.bonusFor(cny('100'), [{ amount: 100 as unknown as string, currency: 'CNY' }])).toThrow(
      /prior payment at index 0/,
    );
  });

  it('names the calendar year in China Standard Time', () => {
    expect(bonus.calendarYear(new Date('2024-12-31T16:00:00Z'))).toBe(2025);
    expect(bonus.yearBounds(2025)).toEqual({
      start: new Date('2024-12-31T16:00:00Z'),
      end: new Date('2025-12-31T16:00:00Z'),
    });
    expect(bonus.rateFor(cny('150000'))).toBe('0.25');
  });
});

describe('bonus rule validation', () => {
  it('refuses unordered tiers, falling rates and unknown time zones, at their paths', () => {
    expect(() =>
      createBonusCalculator({
        currency: 'CNY',
        timeZone: 'Mars/Olympus',
        tiers: [
          { above: '100', rate: '0.2' },
          { above: '50', rate: '0.1' },
        ],
      }),
    ).toThrow(/timeZone.*IANA time zone.*tiers\.1\.above.*ascending order.*tiers\.1\.rate.*take bonus back/);
    expect(() =>
      createBonusCalculator({
        currency: 'CNY',
        timeZone: 'UTC',
        tiers: [{ above: 100, rate: '0.1' } as never],
      }),
    ).toThrow(/tiers\.0\.above.*decimal string/);
  });
});
