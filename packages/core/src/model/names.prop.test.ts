import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInput } from '../errors/validation.js';
import { UserNameSchema } from './names.js';

const PORTABLE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-';

/** The rule of UserNameSchema written out character by character, as an independent oracle. */
function isLoginName(s: string): boolean {
  if (s.length < 1 || s.length > 32) return false;
  if (![...s].every((c) => PORTABLE.includes(c))) return false;
  if (s[0] === '-' || s[0] === '.') return false;
  return ![...s].every((c) => c >= '0' && c <= '9');
}

// Strings mostly made of name characters, with the characters that make a name dangerous mixed in.
const candidate = fc.string({
  unit: fc.constantFrom(...PORTABLE, '-', '.', '#', ' ', '\t', '\n', '\0', '/', ':', ',', '=', '$', 'é', '0'),
  maxLength: 40,
});

describe('UserNameSchema', () => {
  it('accepts exactly the portable login names that no tool reads as an option, a uid or a path', () => {
    fc.assert(
      fc.property(candidate, (s) => {
        expect(UserNameSchema.safeParse(s).success).toBe(isLoginName(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts a name su or sudo could read as an option or sudo as a uid', () => {
    fc.assert(
      fc.property(candidate, (s) => {
        if (UserNameSchema.safeParse(s).success) {
          expect(s.startsWith('-')).toBe(false);
          expect(s.includes('#')).toBe(false);
          expect(/^\d+$/.test(s)).toBe(false);
        }
      }),
    );
  });

  it.each([
    '-m',
    '-p',
    '--login',
    '-',
    '#2001',
    '#0',
    '0',
    '2001',
    'a b',
    'alice\n',
    'a/b',
    'a:b',
    'a,b',
    'x=1',
    '.ssh',
    'ma$',
    'é',
    '',
    'a'.repeat(33),
  ])('refuses %j with a VALIDATION error at the path given', (name) => {
    expect(() => parseInput(UserNameSchema, name, 'call context', ['user'])).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        details: expect.objectContaining({ subject: 'call context' }),
      }),
    );
    const issues = UserNameSchema.safeParse(name).error?.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
  });

  it.each(['alice', 'bob', 'root', 'portal.svc', 'Alice_01', '_apt', 'a-b', '1alice', 'a'.repeat(32)])(
    'accepts %j',
    (name) => {
      expect(UserNameSchema.parse(name)).toBe(name);
    },
  );

  it('says what a bad name is and how to write one', () => {
    const err = (() => {
      try {
        parseInput(UserNameSchema, '-m', 'user name');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toMatch(/do not start with "-"/);
    expect(UserNameSchema.safeParse('2001').error?.issues[0]?.message).toMatch(/uid/);
  });
});
