import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  EnvironmentValueSchema,
  JobIdSchema,
  JobNameSchema,
  keyedRecord,
  LineSchema,
  MAX_ENVIRONMENT_VALUE_LENGTH,
  MAX_JOB_NAME_LENGTH,
  MAX_LINE_LENGTH,
  MAX_PATH_LENGTH,
  MAX_RECORD_ENTRIES,
  MAX_RECORD_KEY_LENGTH,
  MAX_TEXT_LENGTH,
  PathSchema,
  TextSchema,
} from './names.js';

const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('length caps of the shared string schemas', () => {
  it.each([
    ['TextSchema', TextSchema, MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`],
    ['LineSchema', LineSchema, MAX_LINE_LENGTH, `must be at most ${MAX_LINE_LENGTH} characters`],
    ['PathSchema', PathSchema, MAX_PATH_LENGTH, `must be at most ${MAX_PATH_LENGTH} characters (PATH_MAX)`],
    [
      'EnvironmentValueSchema',
      EnvironmentValueSchema,
      MAX_ENVIRONMENT_VALUE_LENGTH,
      `must be at most ${MAX_ENVIRONMENT_VALUE_LENGTH} characters (Linux refuses longer variables); pass bigger data in a file`,
    ],
    [
      'JobNameSchema',
      JobNameSchema,
      MAX_JOB_NAME_LENGTH,
      `must be at most ${MAX_JOB_NAME_LENGTH} characters`,
    ],
    ['JobIdSchema', JobIdSchema, 128, 'must be at most 128 characters'],
  ] as const)('%s takes %i characters and refuses one more, saying so once', (_, schema, max, message) => {
    expect(schema.safeParse('1'.repeat(max)).success).toBe(true);
    expect(messages(schema, '1'.repeat(max + 1))).toEqual([message]);
  });

  it('keeps the other rules: paths are not empty, text carries no NUL, lines no line break', () => {
    expect(messages(PathSchema, '')).toEqual(['must not be empty']);
    expect(messages(PathSchema, 'a\0b')).toEqual(['must not contain a NUL character']);
    expect(messages(TextSchema, 'a\0b')).toEqual(['must not contain a NUL character']);
    expect(messages(LineSchema, 'a\nb')).toEqual([
      'must be a single line (no line breaks or NUL characters)',
    ]);
  });

  it('accepts exactly the strings within each cap', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: MAX_PATH_LENGTH + 8 }), (text) => {
        const path = text.length >= 1 && text.length <= MAX_PATH_LENGTH && !text.includes('\0');
        expect(PathSchema.safeParse(text).success).toBe(path);
        const line = text.length <= MAX_LINE_LENGTH && !/[\0\r\n]/.test(text);
        expect(LineSchema.safeParse(text).success).toBe(line);
      }),
      { numRuns: 200 },
    );
  });
});

describe('keyedRecord', () => {
  const Env = keyedRecord(/^[A-Z_][A-Z0-9_]*$/, 'environment_name', z.string());

  it(`refuses more than ${MAX_RECORD_ENTRIES} entries in one message`, () => {
    const many = Object.fromEntries(Array.from({ length: MAX_RECORD_ENTRIES + 1 }, (_, i) => [`V${i}`, 'x']));
    expect(messages(Env, many)).toEqual([
      `has ${MAX_RECORD_ENTRIES + 1} entries; at most ${MAX_RECORD_ENTRIES} are allowed`,
    ]);
    const enough = Object.fromEntries(Array.from({ length: MAX_RECORD_ENTRIES }, (_, i) => [`V${i}`, 'x']));
    expect(Env.safeParse(enough).success).toBe(true);
  });

  it('refuses an overlong key at a short path', () => {
    const key = 'A'.repeat(MAX_RECORD_KEY_LENGTH + 1);
    const issues = Env.safeParse({ [key]: 'x' }).error?.issues ?? [];
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [
        [key.slice(0, 40)],
        `is a name of ${key.length} characters; at most ${MAX_RECORD_KEY_LENGTH} are allowed`,
      ],
    ]);
    expect(Env.safeParse({ ['A'.repeat(MAX_RECORD_KEY_LENGTH)]: 'x' }).success).toBe(true);
  });
});
