import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMemorySize, MemorySizeSchema, parseMemorySize } from './memory.js';

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
