import { z } from 'zod';
import { distinctIndices, type IndexRun } from './array-indices.js';

/** The largest number of tasks an array spec may expand to; beyond it the spec is refused. */
export const MAX_ARRAY_TASKS = 1_000_000;

/**
 * The largest task index an array spec may name. Slurm's MaxArraySize is at most 4000001, which
 * allows indices up to 4000000, so a larger index could never run; refusing it here also keeps
 * every number in a spec far below 2^53, where JS integers stop being exact.
 */
export const MAX_ARRAY_INDEX = 4_000_000;

/** The longest array spec text accepted (spaces removed); longer lists are refused unread. */
export const MAX_ARRAY_SPEC_LENGTH = 10_000;

/** A parsed job-array request. */
export interface ArraySpec {
  /** The task indices, ascending and without duplicates. */
  indices: number[];
  /** At most this many tasks run at once (Slurm's `%N`). */
  throttle?: number;
  /** The canonical text form, e.g. `0-9:2,15%3`. */
  expression: string;
}

/**
 * Parses Slurm-style array syntax: comma-separated indices and ranges with an optional step, and an
 * optional `%N` throttle (`0-99`, `1,3,5-11:2`, `0-999%50`). Returns an error message instead of
 * throwing, so schemas can report it at the right path.
 *
 * Indices go up to {@link MAX_ARRAY_INDEX}, a spec names at most {@link MAX_ARRAY_TASKS} distinct
 * tasks (an index named twice counts once) and the throttle is at most {@link MAX_ARRAY_TASKS}.
 * Ranges are counted, not listed, before a spec is refused, so any text settles quickly.
 *
 * @example
 * ```ts
 * parseArraySpec('0-6:2,3%2'); // { indices: [0, 2, 3, 4, 6], throttle: 2, expression: '0-6:2,3%2' }
 * parseArraySpec('0-99999999'); // 'has the index 99999999, above 4000000, …'
 * ```
 */
export function parseArraySpec(text: string): ArraySpec | string {
  const trimmed = text.replace(/\s+/g, '');
  if (trimmed.length > MAX_ARRAY_SPEC_LENGTH) {
    return `is longer than ${MAX_ARRAY_SPEC_LENGTH} characters: use ranges ("0-99", "0-99:3") instead of listing every index`;
  }
  const [list = '', throttleText, extra] = trimmed.split('%');
  if (extra !== undefined) return 'has more than one "%"';
  let throttle: number | undefined;
  if (throttleText !== undefined) {
    if (!/^\d+$/.test(throttleText) || Number(throttleText) < 1)
      return 'has a throttle ("%N") that is not a positive integer';
    throttle = Number(throttleText);
    if (throttle > MAX_ARRAY_TASKS)
      return `has the throttle %${shorten(throttleText)}, above ${MAX_ARRAY_TASKS}, the most tasks an array may have: lower it or leave it out`;
  }
  const runs: IndexRun[] = [];
  for (const item of list.split(',')) {
    const m = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(item);
    if (!m) return `has "${shorten(item)}", which is neither an index ("7") nor a range ("0-9" or "0-9:2")`;
    for (const digits of [m[1]!, m[2]]) {
      if (digits !== undefined && Number(digits) > MAX_ARRAY_INDEX) {
        return `has the index ${shorten(digits)}, above ${MAX_ARRAY_INDEX}, the largest index Slurm allows (its MaxArraySize is at most 4000001): use smaller indices`;
      }
    }
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    // A step beyond the range's span names only its start; capping it keeps the arithmetic exact.
    const step = m[3] === undefined ? 1 : Math.min(Number(m[3]), MAX_ARRAY_INDEX + 1);
    if (end < start) return `has the range "${item}", whose end is below its start`;
    if (step < 1) return `has the range "${item}", whose step is not positive`;
    runs.push({ start, end: start + Math.floor((end - start) / step) * step, step });
  }
  const indices = distinctIndices(runs, MAX_ARRAY_TASKS);
  if (indices === undefined) {
    return `expands to more than ${MAX_ARRAY_TASKS} tasks: split it into several arrays`;
  }
  return { indices, throttle, expression: `${list}${throttle === undefined ? '' : `%${throttle}`}` };
}

// A hostile spec may carry thousands of characters; the message needs only enough to find them.
function shorten(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

/** An array request as text (`"0-99%10"`) or as `{ indices, throttle }`; parses to {@link ArraySpec}. */
export const ArraySpecSchema = z
  .union([
    z.string(),
    z.object({
      indices: z.string().describe('Indices and ranges, e.g. "0-99" or "1,3,5-11:2"'),
      throttle: z
        .number()
        .int()
        .positive()
        .max(MAX_ARRAY_TASKS, `must be at most ${MAX_ARRAY_TASKS}, the most tasks an array may have`)
        .optional()
        .describe('At most this many tasks run at once'),
    }),
  ])
  .transform((value, ctx): ArraySpec => {
    const text =
      typeof value === 'string' ? value : `${value.indices}${value.throttle ? `%${value.throttle}` : ''}`;
    const parsed = parseArraySpec(text);
    if (typeof parsed === 'string') {
      const quoted = text.length > 60 ? `${text.slice(0, 60)}…` : text;
      ctx.addIssue({ code: 'custom', message: `array spec "${quoted}" ${parsed}` });
      return z.NEVER;
    }
    return parsed;
  });
