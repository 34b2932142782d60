import { posix } from 'node:path';
import { isHpckitError } from '@hpckit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithin, resolvePath, resolveWithin } from './resolve-path.js';

// Names a user might really have: spaces, quotes, shell metacharacters, newlines, non-ASCII,
// leading dashes and tildes; never "", ".", ".." or containing "/" or NUL (not names at all).
const oddChar = fc.constantFrom(
  ' ',
  "'",
  '"',
  '\n',
  '\t',
  '$',
  '`',
  '*',
  '?',
  ';',
  '|',
  '&',
  '\\',
  '~',
  '-',
  'é',
  '日',
  '🚀',
  '%',
);
const name = fc
  .array(fc.oneof(oddChar, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(''))
  .filter((n) => n !== '.' && n !== '..' && !n.includes('/') && !n.includes('\0'));
const segments = fc.array(name, { minLength: 1, maxLength: 5 });
const home = fc.constantFrom('/home/alice', '/home/bob smith', '/', '/data/用户');

describe('resolvePath', () => {
  it('keeps every name of a relative path byte for byte, under the home', () => {
    fc.assert(
      fc.property(home, segments, (h, parts) => {
        const resolved = resolvePath(h, parts.join('/'));
        expect(isWithin(h, resolved)).toBe(true);
        // Names beginning with "~" are literal unless the whole first segment is "~".
        const expected = parts[0] === '~' ? posix.join(h, ...parts.slice(1)) : posix.join(h, ...parts);
        expect(resolved).toBe(expected.length > 1 ? expected.replace(/\/$/, '') : expected);
      }),
    );
  });

  it('never lets a relative path climb above the home, whatever ".." it holds', () => {
    const step = fc.oneof(name, fc.constant('..'), fc.constant('.'));
    fc.assert(
      fc.property(home, fc.array(step, { minLength: 1, maxLength: 8 }), (h, parts) => {
        let resolved: string | undefined;
        try {
          resolved = resolvePath(h, parts.join('/'));
        } catch (err) {
          expect(isHpckitError(err, 'VALIDATION')).toBe(true);
          return;
        }
        expect(isWithin(h, resolved)).toBe(true);
      }),
    );
  });

  it('takes absolute paths as given, normalised, whatever the home', () => {
    fc.assert(
      fc.property(home, segments, (h, parts) => {
        const absolute = `/${parts.join('/')}`;
        expect(resolvePath(h, absolute)).toBe(posix.normalize(absolute));
      }),
    );
  });

  it('confines resolveWithin to its root, relative or absolute', () => {
    const step = fc.oneof(name, fc.constant('..'));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), fc.boolean(), (parts, absolute) => {
        const root = '/home/alice/job 1';
        const input = (absolute ? '/home/alice/' : '') + (parts.join('/') || '.');
        try {
          expect(isWithin(root, resolveWithin(root, input))).toBe(true);
        } catch (err) {
          expect(isHpckitError(err, 'VALIDATION')).toBe(true);
        }
      }),
    );
  });

  it('refuses empty paths and NUL bytes with a ValidationError naming the path', () => {
    expect(() => resolvePath('/home/alice', '')).toThrow(/non-empty/);
    expect(() => resolvePath('/home/alice', 'a\0b')).toThrow(/NUL/);
    expect(() => resolvePath('/home/alice', '../bob')).toThrow(/climbs above the home directory/);
  });

  it('maps "~" and "~/x" to the home and leaves "~bob" literal', () => {
    expect(resolvePath('/home/alice', '~')).toBe('/home/alice');
    expect(resolvePath('/home/alice', '~/x')).toBe('/home/alice/x');
    expect(resolvePath('/home/alice', '~bob')).toBe('/home/alice/~bob');
  });
});
