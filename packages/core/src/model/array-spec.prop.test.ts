import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArraySpecSchema, parseArraySpec } from './array-spec.js';

const range = fc
  .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 7 }))
  .map(([start, length, step]) => ({ start, end: start + length, step }));

describe('parseArraySpec', () => {
  it('expands any list of ranges to exactly the indices they name, sorted and unique', () => {
    fc.assert(
      fc.property(
        fc.array(range, { minLength: 1, maxLength: 6 }),
        fc.option(fc.integer({ min: 1, max: 64 })),
        (ranges, throttle) => {
          const text =
            ranges.map((r) => `${r.start}-${r.end}:${r.step}`).join(',') + (throttle ? `%${throttle}` : '');
          const expected = new Set<number>();
          for (const r of ranges) for (let i = r.start; i <= r.end; i += r.step) expected.add(i);
          const parsed = parseArraySpec(text);
          if (typeof parsed === 'string') throw new Error(parsed);
          expect(parsed.indices).toEqual([...expected].sort((a, b) => a - b));
          expect(parsed.throttle).toBe(throttle ?? undefined);
        },
      ),
    );
  });

  it.each([
    ['0-9', 10, undefined],
    ['1,3,5-11:2', 6, undefined],
    ['0-999%50', 1_000, 50],
    ['7', 1, undefined],
  ])('reads %s', (text, count, throttle) => {
    const parsed = parseArraySpec(text);
    expect(typeof parsed).toBe('object');
    if (typeof parsed === 'string') return;
    expect(parsed.indices).toHaveLength(count);
    expect(parsed.throttle).toBe(throttle);
  });

  it.each([
    ['5-1', 'whose end is below its start'],
    ['0-9%0', 'throttle ("%N") that is not a positive integer'],
    ['a-b', 'neither an index'],
    ['0-9%2%3', 'more than one "%"'],
    ['0-9999999', 'expands to more than 1000000 tasks'],
  ])('explains what is wrong with %s', (text, message) => {
    expect(parseArraySpec(text)).toContain(message);
  });

  it('accepts the object form in a schema', () => {
    expect(ArraySpecSchema.parse({ indices: '0-3', throttle: 2 })).toEqual({
      indices: [0, 1, 2, 3],
      throttle: 2,
      expression: '0-3%2',
    });
  });
});
