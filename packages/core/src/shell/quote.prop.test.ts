import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellJoin, shellQuote } from './quote.js';

// Any string without NUL, biased towards the characters shells treat specially.
const hostile = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        "'",
        '"',
        '$(id)',
        '`id`',
        '\\',
        '\n',
        ';',
        '&&',
        '|',
        '*',
        '~',
        '!',
        ' ',
        '\t',
        '%',
        '名前',
      ),
    ),
  )
  .map((parts) => parts.join('').replace(/\0/g, ''));

describe('shellQuote', () => {
  it('makes sh read back exactly the original string, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (words) => {
        // printf '%s\0' prints each argument the shell parsed, NUL-terminated.
        const out = spawnSync('/bin/sh', ['-c', `printf '%s\\0' ${shellJoin(words)}`], { encoding: 'utf8' });
        expect(out.stdout.split('\0').slice(0, -1)).toEqual(words);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves plain words readable and quotes the rest', () => {
    expect(shellQuote('--partition=cpu')).toBe('--partition=cpu');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
  });

  it('refuses NUL, which no shell word can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });
});
