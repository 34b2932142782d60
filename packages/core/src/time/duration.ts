import { z } from 'zod';
import { type RawIssue, ruleError, ruleIssue } from '../errors/validation.js';

const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
// Spaces may follow a unit letter only: with `\s*` between optional groups the regex backtracks
// cubically on hostile text such as "1d" followed by thousands of spaces.
const COMPOUND = /^(?:(\d+)d\s*)?(?:(\d+)h\s*)?(?:(\d+)m(?:in)?\s*)?(?:(\d+)s)?$/i;
const CLOCK = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/;

/**
 * The longest duration accepted, in seconds: 36500 days (100 years). Far beyond any job's time
 * limit or history window, below Slurm's own ceiling (4294967294 minutes), and small enough that
 * milliseconds stay exact JS integers; a longer "duration" is a mistake or an attack, and would
 * otherwise reach scripts and quotes as `Infinity` or an inexact number.
 */
export const MAX_DURATION_SECONDS = 36_500 * 86_400;

/**
 * Parses a duration into whole seconds, or returns `undefined` if the text is not one or is longer
 * than {@link MAX_DURATION_SECONDS}.
 *
 * Accepted forms:
 * - unit form: `90s`, `30m`, `2h`, `1d`, and compounds such as `1d12h` or `1h 30m`;
 * - Slurm's clock forms: `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM`, `D-HH:MM:SS`.
 *
 * A bare number is refused: `"30"` means minutes to Slurm and seconds to most people, so the unit
 * must be explicit.
 *
 * @example
 * ```ts
 * parseDuration('1d12h'); // 129600
 * parseDuration('1-00:30:00'); // 88200
 * parseDuration('99999999999999999999h'); // undefined: longer than MAX_DURATION_SECONDS
 * ```
 */
export function parseDuration(text: string): number | undefined {
  const seconds = secondsOf(text);
  return seconds !== undefined && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

// Whole seconds of a duration text, however large (possibly Infinity), or undefined if not one.
function secondsOf(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const compound = COMPOUND.exec(s);
  if (compound && /[a-z]/i.test(s)) {
    const [, d, h, m, sec] = compound;
    return (
      Number(d ?? 0) * UNIT_SECONDS.d +
      Number(h ?? 0) * UNIT_SECONDS.h +
      Number(m ?? 0) * UNIT_SECONDS.m +
      Number(sec ?? 0)
    );
  }
  const clock = CLOCK.exec(s);
  if (!clock || (!s.includes(':') && !s.includes('-'))) return undefined;
  const [, days, a, b, c] = clock;
  const parts = [a, b, c].filter((p): p is string => p !== undefined).map(Number);
  let seconds: number;
  if (days !== undefined) {
    // D-HH, D-HH:MM, D-HH:MM:SS
    const [hh = 0, mm = 0, ss = 0] = parts;
    if (mm > 59 || ss > 59) return undefined;
    seconds = Number(days) * 86_400 + hh * 3_600 + mm * 60 + ss;
  } else if (parts.length === 2) {
    const [mm = 0, ss = 0] = parts;
    if (ss > 59) return undefined;
    seconds = mm * 60 + ss;
  } else {
    const [hh = 0, mm = 0, ss = 0] = parts;
    if (mm > 59 || ss > 59) return undefined;
    seconds = hh * 3_600 + mm * 60 + ss;
  }
  return seconds;
}

/**
 * Formats whole seconds for people: `2d 4h`, `1h 30m`, `45s`, `0s`.
 */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join(' ');
}

/** Message units per language, largest first: symbols in English, characters in Chinese. */
const MESSAGE_UNITS = {
  en: [
    [86_400, ' d'],
    [3_600, ' h'],
    [60, ' min'],
    [1, ' s'],
  ],
  'zh-CN': [
    [86_400, '天'],
    [3_600, '小时'],
    [60, '分钟'],
    [1, '秒'],
  ],
} as const;

/**
 * Formats whole seconds for messages in the largest unit that holds them whole (`4 d`, `100 h`,
 * `90 min`, `45 s`; in Chinese `4天`, `100小时`, `90分钟`), so a limit reads as it was configured.
 *
 * @example
 * ```ts
 * durationForMessage(360_000); // "100 h"
 * durationForMessage(345_600, 'zh-CN'); // "4天"
 * ```
 */
export function durationForMessage(seconds: number, locale: 'en' | 'zh-CN' = 'en'): string {
  for (const [size, unit] of MESSAGE_UNITS[locale]) {
    if (seconds % size === 0 && (seconds >= size || size === 1)) return `${seconds / size}${unit}`;
  }
  return `${seconds}${MESSAGE_UNITS[locale][3][1]}`;
}

/** The units of a duration written as an object, and their seconds. */
const OBJECT_UNITS = { days: 86_400, hours: 3_600, minutes: 60, seconds: 1 } as const;

const Amount = z
  .number()
  .finite()
  .nonnegative({ error: ruleError('not_negative') });

const unitsOf = <A extends z.ZodType>(amount: A) =>
  z.strictObject({
    days: amount.optional().describe('Days'),
    hours: amount.optional().describe('Hours'),
    minutes: amount.optional().describe('Minutes'),
    seconds: amount.optional().describe('Seconds'),
  });

/**
 * A duration as an object of units (`{ minutes: 90 }`, `{ hours: 1, minutes: 30 }`): the form for
 * computed values, which says its unit where a bare number could not.
 */
const DurationObjectSchema = unitsOf(Amount);

/** A change of a duration as an object of units, negative to shorten (`{ minutes: -30 }`). */
export const SignedDurationObjectSchema = unitsOf(z.number().finite());

/** A duration written as an object of units; see {@link TimeLimitSchema}. */
export type DurationObject = z.input<typeof DurationObjectSchema>;

/** Whole seconds of a parsed duration value, or an issue saying why it is not one. */
export function toSeconds(value: number | string | DurationObject, ctx: z.core.$RefinementCtx): number {
  let seconds: number | undefined;
  let shown: string;
  if (typeof value === 'number') {
    seconds = value;
    shown = String(value);
  } else if (typeof value === 'string') {
    seconds = secondsOf(value);
    shown = quote(value);
    if (seconds === undefined) {
      ctx.addIssue(ruleIssue('not_a_duration', { value: shown }));
      return z.NEVER;
    }
  } else {
    const given = Object.entries(value).filter(([, n]) => n !== undefined) as [
      keyof DurationObject,
      number,
    ][];
    if (given.length === 0) {
      ctx.addIssue(ruleIssue('duration_object_empty'));
      return z.NEVER;
    }
    seconds = given.reduce((sum, [unit, n]) => sum + n * OBJECT_UNITS[unit], 0);
    shown = `{ ${given.map(([unit, n]) => `${unit}: ${n}`).join(', ')} }`;
    if (!Number.isInteger(seconds) && Math.abs(seconds) <= MAX_DURATION_SECONDS) {
      ctx.addIssue(ruleIssue('duration_not_whole_seconds', { value: shown }));
      return z.NEVER;
    }
  }
  if (Math.abs(seconds) > MAX_DURATION_SECONDS) {
    ctx.addIssue(ruleIssue('duration_too_long', { value: shown, maximum: MAX_DURATION_SECONDS }));
    return z.NEVER;
  }
  return seconds;
}

/**
 * A duration given as text (`"2h"`, `"1-12:00:00"`), as an object of units (`{ minutes: 90 }`) or
 * as a whole number of seconds; parses to whole seconds, at most {@link MAX_DURATION_SECONDS}.
 * For options that are not a job's time limit (windows, delays); a job's time is
 * {@link TimeLimitSchema}, which refuses bare numbers.
 */
export const DurationSchema = z
  .union(
    [
      z
        .number()
        // zod's integer check also refuses numbers past 2^53; those are simply too long.
        .int({
          error: (issue) =>
            issue.code === 'too_big'
              ? ruleError('duration_too_long', { value: String(issue.input), maximum: MAX_DURATION_SECONDS })(
                  issue,
                )
              : ruleError('whole_number')(issue),
        })
        .nonnegative({ error: ruleError('not_negative') }),
      z.string(),
      DurationObjectSchema,
    ],
    { error: ruleError('duration_shape') },
  )
  // Parsing happens after the union so that its message reaches the caller instead of zod's
  // generic "Invalid input" for a union.
  .transform(toSeconds);

/** What a caller may pass where a duration is expected. */
export type DurationInput = z.input<typeof DurationSchema>;

/**
 * A job's time limit: text with a unit (`"90m"`, `"2h"`, `"1d12h"`), Slurm's clock forms
 * (`"1-00:00:00"`), or an object of units for computed values (`{ minutes: 90 }`,
 * `{ seconds: 5400 }`); parses to whole seconds.
 *
 * A bare number is refused, by the types and at run time: sbatch's `--time=90` means 90 minutes,
 * while a number in code reads as seconds to most people, so the unit must be written.
 *
 * @example
 * ```ts
 * TimeLimitSchema.parse('90m'); // 5400
 * TimeLimitSchema.parse({ hours: 1, minutes: 30 }); // 5400
 * TimeLimitSchema.safeParse(90).success; // false: write '90m', '90s' or { minutes: 90 }
 * ```
 */
export const TimeLimitSchema = z
  .union([z.string(), DurationObjectSchema], { error: timeLimitShapeError })
  .transform(toSeconds);

/** What a caller may pass as a job's time limit: never a bare number. */
export type TimeLimitInput = z.input<typeof TimeLimitSchema>;

// A bare number gets the ways to write it with its unit, with the caller's own number when it is
// a plain one; anything else gets the forms a time limit takes.
function timeLimitShapeError(issue: RawIssue): string {
  return bareNumberError(issue, 'time_limit_shape', (n) => [
    `'${n}m'`,
    `'${n}s'`,
    `{ minutes: ${n} }`,
    `{ seconds: ${n} }`,
  ]);
}

/**
 * The error of a union of time forms that a bare number does not belong to: the number gets the
 * ways to write it with its unit (`examples` of the caller's own number when it is a plain one),
 * anything else the rule `otherwise`.
 */
export function bareNumberError(
  issue: RawIssue,
  otherwise: 'time_limit_shape' | 'signed_duration_shape',
  examples: (n: number) => string[],
): string {
  const input = issue.input;
  if (typeof input !== 'number') return ruleError(otherwise)(issue);
  const n = Number.isInteger(input) && Math.abs(input) > 0 && Math.abs(input) < 1e7 ? Math.abs(input) : 90;
  return ruleError('bare_number_time_limit', {
    value: String(Number.isFinite(input) ? input : 'NaN'),
    examples: examples(n),
  })(issue);
}

// Echoes the caller's text in a message, cut short: it may be megabytes of hostile input.
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
