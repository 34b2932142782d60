import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BillingDecimal, decimalString } from '../money/decimal.js';
import { ROUNDING_MODES, roundToString } from '../money/rounding-mode.js';
import { exactChargeString, roundedChargeString, roundPlainString } from './exact-charge.js';

// Rates as sites write them (up to 6 places, up to 100,000 per unit-hour), zero included.
const rate = fc
  .tuple(
    fc.integer({ min: 0, max: 100_000 }),
    fc.integer({ min: 0, max: 999_999 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([whole, fraction, places]) =>
    places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(6, '0').slice(0, places)}`,
  );
// Usage in unit-seconds: up to a safe integer, with small values and exact hours well covered.
const usage = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }),
  fc.integer({ min: 0, max: 1_000 }).map((h) => h * 3600),
  fc.maxSafeInteger().map((n) => Math.abs(n)),
);

describe('exactChargeString', () => {
  it('gives the digits decimal.js gives for rate × usage ÷ 3600 (40 significant, half-up)', () => {
    fc.assert(
      fc.property(rate, usage, (r, u) => {
        const decimal = new BillingDecimal(r);
        const expected = decimalString(decimal.times(new BillingDecimal(u)).div(3600));
        expect(exactChargeString(decimal, u)).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('roundPlainString', () => {
  it('rounds as roundToString does, for every mode and number of places', () => {
    const plain = fc.oneof(
      fc.tuple(rate, usage).map(([r, u]) => exactChargeString(new BillingDecimal(r), u)),
      fc
        .tuple(fc.nat(999), fc.stringMatching(/^[0-9]{0,12}$/))
        .map(([w, f]) => decimalString(new BillingDecimal(f ? `${w}.${f}` : String(w)))),
      fc.constantFrom('0', '0.5', '0.05', '0.005', '1.5', '2.5', '0.0149999', '9.995', '99.5', '0.125'),
    );
    fc.assert(
      fc.property(
        plain,
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...ROUNDING_MODES),
        (text, places, mode) => {
          expect(roundPlainString(text, places, mode)).toBe(
            roundToString(new BillingDecimal(text), places, mode),
          );
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('roundedChargeString', () => {
  it('rounds rate × usage ÷ 3600 as decimal.js and roundToString do, or leaves it to them', () => {
    fc.assert(
      fc.property(
        rate,
        usage,
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...ROUNDING_MODES),
        (r, u, places, mode) => {
          const decimal = new BillingDecimal(r);
          const rounded = roundedChargeString(decimal, u, places, mode);
          const expected = roundToString(decimal.times(new BillingDecimal(u)).div(3600), places, mode);
          // Undefined only where the integers would leave 2^53 (the caller then rounds the string).
          if (rounded === undefined)
            expect(Number(r.replace('.', '')) * u * 10 ** places).toBeGreaterThan(2 ** 53);
          else expect(rounded).toBe(expected);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
