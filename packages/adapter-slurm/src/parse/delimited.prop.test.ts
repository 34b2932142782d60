import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshDelimiter, splitRecords } from './delimited.js';

// Free text as users write it, including the ASCII separators, newlines, quotes and non-ASCII.
const freeText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('|', '\x1f', '\x1e', '\n', '\r\n', '"', "'", '名前', 'ü', ','),
    ),
  )
  .map((parts) => parts.join('').replace(/\0/g, ''));

describe('splitRecords', () => {
  it('recovers every field of every record, whatever the free-text fields hold', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), freeText, freeText, fc.nat()), { maxLength: 8 }), (rows) => {
        const d = freshDelimiter();
        const records = rows.map(([id, name, comment, n]) => [String(id), name, comment, String(n)]);
        // What Slurm prints: each field followed by the delimiter, each record by a newline.
        const output = records.map((r) => `${r.map((f) => `${f}${d}`).join('')}\n`).join('');
        expect(splitRecords(output, d, 4, 'test')).toEqual(records);
      }),
    );
  });

  it('skips a banner before the first record (squeue -M prints "CLUSTER: name")', () => {
    const d = '\x1fX\x1f';
    expect(splitRecords(`CLUSTER: big\n1${d}a${d}\n2${d}b${d}\n`, d, 2, 'squeue')).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ]);
  });

  it('refuses output that is not whole records', () => {
    const d = '\x1fX\x1f';
    expect(() => splitRecords(`1${d}a${d}b${d}\n`, d, 2, 'squeue')).toThrow(/not a whole number/);
  });

  it('makes a different delimiter for every call', () => {
    expect(freshDelimiter()).not.toBe(freshDelimiter());
  });
});
