import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Delimited } from './delimited.js';

/** Splits `data` at the given cut points (any order, any repeats). */
function chunks(data: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const to of [...at, data.length]) {
    if (to > from) out.push(data.subarray(from, to));
    from = Math.max(from, to);
  }
  return out;
}

const bytes = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));
// Small alphabets make near-misses of the token (its prefixes, overlaps) common.
const nearToken = fc.uint8Array({ minLength: 1, maxLength: 6, min: 97, max: 99 }).map((a) => Buffer.from(a));

describe('Delimited', () => {
  it('hands each cut exactly the bytes before its token, however the stream is chunked', () => {
    fc.assert(
      fc.property(
        nearToken,
        fc.array(
          fc.uint8Array({ maxLength: 40, min: 97, max: 100 }).map((a) => Buffer.from(a)),
          {
            maxLength: 6,
          },
        ),
        bytes,
        fc.array(fc.nat(), { maxLength: 30 }),
        (token, rawParts, trailer, cuts) => {
          // A part cannot hold the token, nor end with a prefix the token completes across the join.
          const parts = rawParts.filter(
            (p) =>
              !Buffer.concat([p, token])
                .subarray(0, p.length + token.length - 1)
                .includes(token),
          );
          const stream = Buffer.concat([...parts.flatMap((p) => [p, token]), trailer]);
          const d = new Delimited();
          const got: Buffer[][] = parts.map(() => []);
          let cutsDone = 0;
          for (const i of parts.keys()) {
            d.until(
              token,
              (data) => got[i]!.push(Buffer.from(data)),
              () => {
                cutsDone++;
              },
            );
          }
          for (const chunk of chunks(stream, cuts)) d.feed(chunk);
          expect(cutsDone).toBe(parts.length);
          expect(got.map((g) => Buffer.concat(g).toString('latin1'))).toEqual(
            parts.map((p) => p.toString('latin1')),
          );
          // What follows the last token waits for the next cut.
          expect(d.pendingBytes).toBe(trailer.length);
        },
      ),
    );
  });

  it('passes bytes on as they arrive, holding back only a possible start of the token', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 20 }), (data, cuts) => {
        const token = Buffer.from('\x00TOKEN\x00');
        fc.pre(!data.includes(token));
        const d = new Delimited();
        let passed = 0;
        let cut = false;
        d.until(
          token,
          (b) => {
            passed += b.length;
          },
          () => {
            cut = true;
          },
        );
        for (const chunk of chunks(data, cuts)) d.feed(chunk);
        expect(cut).toBe(false);
        expect(passed + d.pendingBytes).toBe(data.length);
        expect(d.pendingBytes).toBeLessThan(token.length);
      }),
    );
  });

  it('cuts later tokens only after earlier ones, and refuses an empty token', () => {
    const d = new Delimited();
    const seen: string[] = [];
    d.feed(Buffer.from('x\ny END z\n'));
    d.until(
      'END',
      (b) => seen.push(`a:${b}`),
      () => seen.push('a!'),
    );
    d.until(
      '\n',
      (b) => seen.push(`b:${b}`),
      () => seen.push('b!'),
    );
    expect(seen).toEqual(['a:x\ny ', 'a!', 'b: z', 'b!']);
    expect(() =>
      d.until(
        '',
        () => undefined,
        () => undefined,
      ),
    ).toThrow(RangeError);
  });
});
