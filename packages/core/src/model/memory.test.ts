import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMemorySize, MAX_MEMORY_MIB, MemorySizeSchema, parseMemorySize } from './memory.js';

describe('parseMemorySize', () => {
  it.each([
    ['4G', 4_096],
    ['4GB', 4_096],
    ['4 GiB', 4_096],
    ['512M', 512],
    ['512mb', 512],
    ['1.5T', 1_572_864],
    ['1536K', 2],
    ['251G', 257_024],
  ])('reads %s as %i MiB', (text, mib) => {
    expect(parseMemorySize(text)).toBe(mib);
  });

  it.each(['4', '', 'G', '4X', '-4G', '4 G B'])('refuses %j', (text) => {
    expect(parseMemorySize(text)).toBeUndefined();
  });

  it('round-trips through formatMemorySize', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 * 1024 * 1024 }), (mib) => {
        expect(parseMemorySize(formatMemorySize(mib))).toBe(mib);
      }),
    );
  });

  it('tells the user to give a unit', () => {
    const result = MemorySizeSchema.safeParse('64');
    expect(result.error?.issues[0]?.message).toContain(
      'give a positive number with a unit, such as "4G" or "512M"',
    );
  });
});

describe('memory size limits', () => {
  const tooLarge = 'is too large: a memory size must be at most 1048576T (2^40 MiB)';

  it.each([
    ['400 nines of G', `${'9'.repeat(400)}G`],
    ['99999999999999999999T', '99999999999999999999T'],
    ['1048577T', '1048577T'],
    ['400 nines and a half of K', `${'9'.repeat(400)}.5K`],
  ])('refuses %s as too large instead of reading Infinity', (_, text) => {
    expect(parseMemorySize(text)).toBeUndefined();
    const result = MemorySizeSchema.safeParse(text);
    expect(result.error?.issues.map((i) => i.message)).toEqual([expect.stringContaining(tooLarge)]);
    expect(result.error?.issues[0]?.message.length).toBeLessThan(200);
  });

  it('accepts the largest size exactly', () => {
    expect(MemorySizeSchema.parse('1048576T')).toBe(MAX_MEMORY_MIB);
    expect(parseMemorySize(formatMemorySize(MAX_MEMORY_MIB))).toBe(MAX_MEMORY_MIB);
  });

  it('reads any number of digits with a unit as a safe whole number of MiB within the limit, or refuses it', () => {
    const digits = fc.bigInt({ min: 1n, max: 10n ** 400n }).map(String);
    fc.assert(
      fc.property(digits, fc.constantFrom('K', 'M', 'G', 'T', 'GiB'), (n, unit) => {
        const mib = parseMemorySize(`${n}${unit}`);
        const result = MemorySizeSchema.safeParse(`${n}${unit}`);
        if (mib === undefined) {
          expect(result.error?.issues[0]?.message).toContain(tooLarge);
          return;
        }
        expect(Number.isSafeInteger(mib)).toBe(true);
        expect(mib).toBeLessThanOrEqual(MAX_MEMORY_MIB);
        expect(result.data).toBe(mib);
      }),
    );
  });
});
