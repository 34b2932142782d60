import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BillingDecimal } from '../money/decimal.js';
import { ikkemPreset } from '../presets/ikkem.js';
import { createBonusCalculator } from './bonus-calculator.js';

const bonus = createBonusCalculator(ikkemPreset().bonusRules);
const amountArb = fc
  .tuple(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 99 }))
  .map(([yuan, fen]) => `${yuan}.${String(fen).padStart(2, '0')}`);

describe('recharge bonus properties', () => {
  it("makes a year's bonuses add up to exactly tier(total) × total, whatever the payments", () => {
    fc.assert(
      fc.property(fc.array(amountArb, { minLength: 1, maxLength: 12 }), (payments) => {
        let granted = new BillingDecimal(0);
        const prior: { amount: string; currency: string }[] = [];
        for (const amount of payments) {
          const grant = bonus.bonusFor({ amount, currency: 'CNY' }, prior);
          expect(new BillingDecimal(grant.bonus.amount).isNegative()).toBe(false);
          granted = granted.plus(grant.bonus.amount);
          prior.push({ amount, currency: 'CNY' });
        }
        const total = prior.reduce((sum, p) => sum.plus(p.amount), new BillingDecimal(0));
        const rate = bonus.rateFor({ amount: total.toFixed(), currency: 'CNY' });
        expect(granted.toFixed(2)).toBe(
          total.times(rate).toDecimalPlaces(2, BillingDecimal.ROUND_HALF_UP).toFixed(2),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the payments', () => {
    fc.assert(
      fc.property(fc.array(amountArb, { minLength: 2, maxLength: 6 }), (payments) => {
        const total = (list: string[]) =>
          list.reduce(
            (acc, amount, i) =>
              acc.plus(
                bonus.bonusFor(
                  { amount, currency: 'CNY' },
                  list.slice(0, i).map((a) => ({ amount: a, currency: 'CNY' })),
                ).bonus.amount,
              ),
            new BillingDecimal(0),
          );
        expect(total(payments).eq(total([...payments].reverse()))).toBe(true);
      }),
    );
  });
});
