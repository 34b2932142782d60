import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArraySpecSchema,
  MAX_ARRAY_INDEX,
  MAX_ARRAY_SPEC_LENGTH,
  MAX_ARRAY_TASKS,
  parseArraySpec,
} from './array-spec.js';

const range = fc
  .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 7 }))
  .map(([start, length, step]) => ({ start, end: start + length, step }));

/** Parses and reports how long it took, so a test can tell "settled" from "looped". */
function timed(text: string): { result: ReturnType<typeof parseArraySpec>; ms: number } {
  const started = performance.now();
  const result = parseArraySpec(text);
  return { result, ms: performance.now() - started };
}

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

  it('counts overlapping ranges of any steps once, near the task limit too', () => {
    // Ranges around the limit, so both the arithmetic count and the bitmap fallback are exercised.
    const wide = fc
      .tuple(
        fc.integer({ min: 0, max: 400_000 }),
        fc.integer({ min: 0, max: 700_000 }),
        fc.integer({ min: 1, max: 4 }),
      )
      .map(([start, length, step]) => ({ start, end: start + length, step }));
    fc.assert(
      fc.property(fc.array(wide, { minLength: 1, maxLength: 4 }), (ranges) => {
        const expected = new Uint8Array(1_200_001);
        let count = 0;
        for (const r of ranges) {
          for (let i = r.start; i <= r.end; i += r.step) {
            if (!expected[i]) count++;
            expected[i] = 1;
          }
        }
        const parsed = parseArraySpec(ranges.map((r) => `${r.start}-${r.end}:${r.step}`).join(','));
        if (count > MAX_ARRAY_TASKS) {
          expect(parsed).toContain(`expands to more than ${MAX_ARRAY_TASKS} tasks`);
          return;
        }
        if (typeof parsed === 'string') throw new Error(parsed);
        expect(parsed.indices).toHaveLength(count);
        expect(
          parsed.indices.every((i, n) => expected[i] === 1 && (n === 0 || parsed.indices[n - 1]! < i)),
        ).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('settles quickly on any text, with an ArraySpec or a message', () => {
    const piece = fc.oneof(
      fc.constantFrom('-', ':', ',', '%', ' ', '0'),
      fc.integer({ min: 0, max: 5_000_000 }).map(String),
      fc.bigInt({ min: 0n, max: 2n ** 80n }).map(String),
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const { result, ms } = timed(t);
        // Generous, for loaded machines: the slowest accepted spec lists a million indices in well
        // under a second, and the bug this guards against never returned at all.
        expect(ms).toBeLessThan(10_000);
        if (typeof result === 'string') {
          expect(result.length).toBeGreaterThan(0);
          return;
        }
        expect(result.indices.length).toBeGreaterThan(0);
        expect(result.indices.length).toBeLessThanOrEqual(MAX_ARRAY_TASKS);
        expect(result.indices.at(-1)).toBeLessThanOrEqual(MAX_ARRAY_INDEX);
        expect(
          result.indices.every((i, n) => Number.isSafeInteger(i) && (n === 0 || result.indices[n - 1]! < i)),
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every index above the largest Slurm allows, wherever it is, without listing', () => {
    const huge = fc.bigInt({ min: BigInt(MAX_ARRAY_INDEX) + 1n, max: 10n ** 30n }).map(String);
    const spec = fc.oneof(
      huge,
      huge.map((n) => `0-${n}`),
      huge.map((n) => `${n}-${n}`),
      huge.map((n) => `1,2,0-${n}:3%4`),
    );
    fc.assert(
      fc.property(spec, (text) => {
        const { result, ms } = timed(text);
        expect(result).toContain(`above ${MAX_ARRAY_INDEX}`);
        expect(ms).toBeLessThan(10_000);
      }),
    );
  });

  it.each([
    ['9007199254740993'],
    ['99999999999999999999'],
    ['0-9007199254740993'],
    [`0-${MAX_ARRAY_INDEX + 1}`],
  ])('refuses %s at once instead of looping forever', (text) => {
    expect(parseArraySpec(text)).toContain(
      `above ${MAX_ARRAY_INDEX}, the largest index Slurm allows (its MaxArraySize is at most 4000001): use smaller indices`,
    );
  });

  it.each([['0-9%9007199254740993'], ['0-9%99999999999999999999'], [`0-9%${MAX_ARRAY_TASKS + 1}`]])(
    'refuses the throttle of %s',
    (text) => {
      expect(parseArraySpec(text)).toContain(`above ${MAX_ARRAY_TASKS}, the most tasks an array may have`);
    },
  );

  it.each([
    ['0-999999,0-999999', MAX_ARRAY_TASKS],
    ['0-1999999:2,0-999999:4', MAX_ARRAY_TASKS],
    [`${MAX_ARRAY_INDEX}`, 1],
    [`0-${MAX_ARRAY_INDEX}:${MAX_ARRAY_INDEX}`, 2],
    ['5-5:99999999999999999999', 1],
  ])('counts %s as %i tasks', (text, count) => {
    const parsed = parseArraySpec(text);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.indices).toHaveLength(count);
  });

  it.each([
    ['0-999999,1000000'],
    ['0-1999998:2,1-1999999:2'],
    ['0-1999999:2,1-999999:4,3-999999:4'],
    [`0-${MAX_ARRAY_INDEX}`],
  ])('refuses %s, which names more than the task limit', (text) => {
    expect(parseArraySpec(text)).toContain(`expands to more than ${MAX_ARRAY_TASKS} tasks`);
  });

  it('settles on the costliest mix of steps a spec of the longest length can hold', () => {
    // Every residue of every step up to k, each run a million indices wide: the bitmap fallback's
    // worst case, as long as the length limit allows.
    const items: string[] = [];
    for (let step = 1; items.join(',').length < MAX_ARRAY_SPEC_LENGTH - 40; step++) {
      for (let r = 0; r < step && items.join(',').length < MAX_ARRAY_SPEC_LENGTH - 40; r++) {
        items.push(`${r}-${999_999}:${step}`);
      }
    }
    const { result, ms } = timed(items.join(','));
    if (typeof result === 'string') throw new Error(result);
    expect(result.indices).toHaveLength(MAX_ARRAY_TASKS);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  it('refuses text longer than the length limit unread', () => {
    expect(parseArraySpec('1,'.repeat(MAX_ARRAY_SPEC_LENGTH))).toContain(
      `is longer than ${MAX_ARRAY_SPEC_LENGTH} characters`,
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
    ['0-9999999', 'above 4000000'],
    ['0-3999999', 'expands to more than 1000000 tasks'],
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

  it('reports a huge spec at its path with what is wrong, quoting only its start', () => {
    const result = ArraySpecSchema.safeParse(`0-${'9'.repeat(400)}`);
    expect(result.success).toBe(false);
    const message = result.error?.issues[0]?.message ?? '';
    expect(message).toContain(`above ${MAX_ARRAY_INDEX}`);
    expect(message.length).toBeLessThan(300);
  });

  it('refuses an object-form throttle beyond the task limit', () => {
    const result = ArraySpecSchema.safeParse({ indices: '0-3', throttle: Number.MAX_VALUE });
    expect(result.error?.issues.map((i) => i.message)).toContain(
      `must be at most ${MAX_ARRAY_TASKS}, the most tasks an array may have`,
    );
  });
});
