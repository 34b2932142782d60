import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeJob } from '../../test/make-job.js';
import { BillingDecimal } from '../money/decimal.js';
import { ROUNDING_MODES, type RoundingMode } from '../money/rounding-mode.js';
import type { AmountInput } from './amount-schema.js';
import { ChargingRulesSchema } from './charging-rules-schema.js';
import { computeCharge } from './compute-charge.js';
import { createPricingEngine, type PricingEngine } from './pricing-engine.js';

const GiB = 1024;

/** Rates as a site writes them: up to 4 decimals, 0 to 1000. */
const rateArb = fc
  .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 4 }))
  .map(([whole, frac, places]) =>
    places === 0 ? String(whole) : `${whole}.${String(frac).padStart(4, '0').slice(0, places)}`,
  );
const modeArb = fc.constantFrom(...ROUNDING_MODES);

/** The charge computed with integers only: round(rate × quantity × seconds / 3600) to `places`. */
function oracle(rate: string, quantity: number, seconds: number, places: number, mode: RoundingMode): string {
  const [whole = '0', frac = ''] = rate.split('.');
  const scaledRate = BigInt(whole + frac);
  const denominator = 3600n * 10n ** BigInt(frac.length);
  const numerator = scaledRate * BigInt(quantity) * BigInt(seconds) * 10n ** BigInt(places);
  let q = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  const rest = numerator % denominator;
  const up =
    mode === 'up' || mode === 'ceil'
      ? rest > 0n
      : mode === 'half-up' || mode === 'half-ceil'
        ? twice >= denominator
        : mode === 'half-down'
          ? twice > denominator
          : mode === 'half-even'
            ? twice > denominator || (twice === denominator && q % 2n === 1n)
            : false;
  if (up) q += 1n;
  const digits = q.toString().padStart(places + 1, '0');
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

describe('exactness: no JS float touches money', () => {
  it('matches integer arithmetic for any rate, quantity, duration, precision and rounding mode', () => {
    fc.assert(
      fc.property(
        rateArb,
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        modeArb,
        (rate, quantity, seconds, precision, rounding) => {
          const rules = ChargingRulesSchema.parse({ precision, rounding });
          const got = computeCharge(
            new BillingDecimal(rate),
            quantity,
            seconds,
            rules,
            new BillingDecimal(0),
          );
          expect(got.charge).toBe(oracle(rate, quantity, seconds, precision, rounding));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('adds 0.1 and 0.2 to 0.3 exactly: charges at rates 0.1 and 0.2 sum to the charge at 0.3', () => {
    const engineAt = (rate: string) =>
      createPricingEngine({
        table: {
          currency: 'CNY',
          rules: { precision: 8 },
          items: [
            {
              id: 'r',
              cluster: 'ikkem',
              partition: 'cpu',
              rate,
              amount: 'cores',
              effectiveFrom: '2020-01-01T00:00:00Z',
            },
          ],
        },
      });
    const [a, b, c] = ['0.1', '0.2', '0.3'].map(engineAt) as [PricingEngine, PricingEngine, PricingEngine];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 1000 }), (cores, hours) => {
        const job = makeJob({ cores, elapsedSeconds: hours * 3600 });
        const sum = new BillingDecimal(a.price(job).charge.amount).plus(b.price(job).charge.amount);
        expect(sum.eq(c.price(job).charge.amount)).toBe(true);
        expect(c.price(job).charge.amount).toBe(new BillingDecimal('0.3').times(cores * hours).toFixed(8));
      }),
    );
    // The same sum in binary floating point is not exact, which is why money never becomes a number.
    expect(0.1 + 0.2).not.toBe(0.3);
  });
});

const AMOUNTS: Record<string, AmountInput> = {
  cpu: 'cores',
  gpu: 'gpus',
  mem: { kind: 'max-cores-memory', memoryPerCore: '4G' },
  mix: { kind: 'max-gpus-cores', coresPerGpu: 8 },
};

function engineWith(
  precision: number,
  rounding: RoundingMode,
  minimumCharge: string,
  granularitySeconds: number,
) {
  return createPricingEngine({
    table: {
      currency: 'CNY',
      rules: { precision, rounding, minimumCharge, granularitySeconds },
      items: Object.entries(AMOUNTS).map(([partition, amount]) => ({
        id: partition,
        cluster: 'ikkem',
        partition,
        rate: '0.37',
        amount,
        effectiveFrom: '2020-01-01T00:00:00Z',
      })),
    },
  });
}

const rulesArb = fc.record({
  precision: fc.integer({ min: 0, max: 4 }),
  rounding: modeArb,
  minimum: fc.constantFrom('0', '1'),
  granularity: fc.constantFrom(1, 60, 3600),
});
const resourcesArb = fc.record({
  cores: fc.integer({ min: 0, max: 512 }),
  gpus: fc.integer({ min: 0, max: 64 }),
  memoryGiB: fc.integer({ min: 0, max: 4096 }),
  seconds: fc.integer({ min: 0, max: 2_000_000 }),
  partition: fc.constantFrom(...Object.keys(AMOUNTS)),
});
type Resources = { cores: number; gpus: number; memoryGiB: number; seconds: number; partition: string };

const charge = (engine: PricingEngine, r: Resources) =>
  new BillingDecimal(
    engine.price(
      makeJob({
        partition: r.partition,
        cores: r.cores,
        gpus: r.gpus,
        memoryMiB: r.memoryGiB * GiB,
        elapsedSeconds: r.seconds,
      }),
    ).charge.amount,
  );

describe('price properties', () => {
  it('is never negative and never below the minimum once positive', () => {
    fc.assert(
      fc.property(rulesArb, resourcesArb, (rules, r) => {
        const engine = engineWith(rules.precision, rules.rounding, rules.minimum, rules.granularity);
        const c = charge(engine, r);
        expect(c.isNegative() && !c.isZero()).toBe(false);
        if (!c.isZero()) expect(c.gte(rules.minimum)).toBe(true);
      }),
    );
  });

  it('is monotone in elapsed time', () => {
    fc.assert(
      fc.property(rulesArb, resourcesArb, fc.integer({ min: 0, max: 100_000 }), (rules, r, extra) => {
        const engine = engineWith(rules.precision, rules.rounding, rules.minimum, rules.granularity);
        expect(charge(engine, r).lte(charge(engine, { ...r, seconds: r.seconds + extra }))).toBe(true);
      }),
    );
  });

  it('is monotone in cores, GPUs and memory', () => {
    fc.assert(
      fc.property(
        rulesArb,
        resourcesArb,
        fc.record({ cores: fc.nat(64), gpus: fc.nat(8), memoryGiB: fc.nat(1024) }),
        (rules, r, more) => {
          const engine = engineWith(rules.precision, rules.rounding, rules.minimum, rules.granularity);
          const bigger = {
            ...r,
            cores: r.cores + more.cores,
            gpus: r.gpus + more.gpus,
            memoryGiB: r.memoryGiB + more.memoryGiB,
          };
          expect(charge(engine, r).lte(charge(engine, bigger))).toBe(true);
        },
      ),
    );
  });

  it('is invariant, within rounding bounds, to splitting a total across equal jobs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        modeArb,
        fc.constantFrom('cpu', 'gpu'),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 32 }),
        fc.boolean(),
        (precision, rounding, partition, units, seconds, parts, splitTime) => {
          const engine = engineWith(precision, rounding, '0', 1);
          const whole = {
            partition,
            cores: units * parts,
            gpus: units * parts,
            memoryGiB: 0,
            seconds: seconds * parts,
          };
          // The same total as `parts` equal jobs: split either the time or the resources.
          const piece = splitTime
            ? { ...whole, seconds }
            : { ...whole, cores: units, gpus: units, seconds: seconds * parts };
          const single = engine.price(
            makeJob({
              partition,
              cores: whole.cores,
              gpus: whole.gpus,
              elapsedSeconds: splitTime ? whole.seconds : piece.seconds,
            }),
          );
          const each = engine.price(
            makeJob({ partition, cores: piece.cores, gpus: piece.gpus, elapsedSeconds: piece.seconds }),
          );
          const singleExact = new BillingDecimal(single.breakdown.exactCharge);
          const totalExact = new BillingDecimal(each.breakdown.exactCharge).times(parts);
          // Exact charges agree to the 40 significant digits they are carried at.
          expect(singleExact.minus(totalExact).abs().lte(singleExact.times('1e-38').plus('1e-38'))).toBe(
            true,
          );
          // Each rounding moves a charge by less than one unit of the last place (half a unit for "half" modes).
          const unit = new BillingDecimal(10).pow(-precision);
          const bound = unit.times(rounding.startsWith('half') ? '0.5' : '1').times(parts + 1);
          const total = new BillingDecimal(each.charge.amount).times(parts);
          expect(total.minus(single.charge.amount).abs().lte(bound)).toBe(true);
        },
      ),
    );
  });

  it('carries every money value as a decimal string', () => {
    fc.assert(
      fc.property(rulesArb, resourcesArb, (rules, r) => {
        const engine = engineWith(rules.precision, rules.rounding, rules.minimum, rules.granularity);
        const { breakdown } = engine.price(
          makeJob({
            partition: r.partition,
            cores: r.cores,
            gpus: r.gpus,
            memoryMiB: r.memoryGiB * GiB,
            elapsedSeconds: r.seconds,
          }),
        );
        for (const value of [
          breakdown.rate.amount,
          breakdown.exactCharge,
          breakdown.charge.amount,
          breakdown.quantity,
        ]) {
          expect(value).toMatch(/^\d+(\.\d+)?$/);
        }
        expect(breakdown.rate.amount).toBe('0.37');
        expect(breakdown.charge.amount.split('.')[1]?.length ?? 0).toBe(rules.precision);
      }),
    );
  });
});
