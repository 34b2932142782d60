import { describe, expect, it } from 'vitest';
import { BillingDecimal } from './decimal.js';
import { ROUNDING_MODES, type RoundingMode, roundDecimal } from './rounding-mode.js';

// Expected results for 2.345, -2.345, 2.355 and 2.3449 rounded to 2 places.
const TABLE: Record<RoundingMode, [string, string, string, string]> = {
  'half-up': ['2.35', '-2.35', '2.36', '2.34'],
  'half-even': ['2.34', '-2.34', '2.36', '2.34'],
  'half-down': ['2.34', '-2.34', '2.35', '2.34'],
  'half-ceil': ['2.35', '-2.34', '2.36', '2.34'],
  up: ['2.35', '-2.35', '2.36', '2.35'],
  down: ['2.34', '-2.34', '2.35', '2.34'],
  ceil: ['2.35', '-2.34', '2.36', '2.35'],
  floor: ['2.34', '-2.35', '2.35', '2.34'],
};

describe('roundDecimal', () => {
  it('covers every mode', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ROUNDING_MODES].sort());
  });

  it.each(Object.entries(TABLE))('rounds with %s', (mode, expected) => {
    const got = ['2.345', '-2.345', '2.355', '2.3449'].map((v) =>
      roundDecimal(new BillingDecimal(v), 2, mode as RoundingMode).toFixed(2),
    );
    expect(got).toEqual(expected);
  });
});
