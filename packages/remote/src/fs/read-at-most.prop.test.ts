import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAtMost } from './read-at-most.js';

const chunks = fc.array(fc.uint8Array({ minLength: 1, maxLength: 64 }), { maxLength: 20 });

describe('readAtMost', () => {
  it('returns the first bytes up to the limit, and says whether there were more', async () => {
    await fc.assert(
      fc.asyncProperty(chunks, fc.integer({ min: 1, max: 600 }), async (parts, limit) => {
        const all = Buffer.concat(parts);
        const read = await readAtMost(Readable.from(parts.map((p) => Buffer.from(p))), limit);
        expect(read.content.equals(all.subarray(0, limit))).toBe(true);
        expect(read.more).toBe(all.length > limit);
        expect(read.seen).toBeGreaterThanOrEqual(read.content.length);
      }),
    );
  });

  it('cuts a source that never ends (/dev/zero, a file growing forever) and stops reading it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 512 }),
        async (limit, size) => {
          let stopped = false;
          async function* endless() {
            try {
              for (;;) yield Buffer.alloc(size);
            } finally {
              stopped = true;
            }
          }
          const read = await readAtMost(Readable.from(endless()), limit);
          expect(read.content.length).toBe(limit);
          expect(read.more).toBe(true);
          expect(read.seen).toBeLessThanOrEqual(limit + size);
          await new Promise((resolve) => setImmediate(resolve));
          expect(stopped).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});
