import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slurmCount, slurmNumber, slurmTime } from './values.js';

const count = fc.integer({ min: 0, max: 2 ** 31 });

describe('slurmrestd numbers', () => {
  it('a wrapped number reads as the bare number it wraps (v0.0.39+ against v0.0.36-38)', () => {
    fc.assert(
      fc.property(count, (n) => {
        expect(slurmNumber({ set: true, infinite: false, number: n })).toBe(slurmNumber(n));
      }),
    );
  });

  it('an unset wrapper is no value and an infinite one is "infinite", whatever number it carries', () => {
    fc.assert(
      fc.property(count, fc.boolean(), (n, set) => {
        expect(slurmNumber({ set: false, infinite: false, number: n })).toBeUndefined();
        expect(slurmNumber({ set, infinite: true, number: n })).toBe('infinite');
        expect(slurmCount({ set, infinite: true, number: n })).toBeUndefined();
      }),
    );
  });

  it('the NO_VAL and INFINITE sentinels of bare numbers are never read as counts', () => {
    for (const sentinel of [0xfffffffe, 0xffffffff, 2 ** 64]) expect(slurmCount(sentinel)).toBeUndefined();
  });

  it('an epoch time reads the same bare or wrapped, and 0 is no time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4_000_000_000 }), (s) => {
        expect(slurmTime(s)?.getTime()).toBe(s * 1000);
        expect(slurmTime({ set: true, infinite: false, number: s })?.getTime()).toBe(s * 1000);
      }),
    );
    expect(slurmTime(0)).toBeUndefined();
  });
});
