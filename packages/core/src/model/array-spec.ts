import { z } from 'zod';
import { arrayProblemEn } from '../errors/messages/en-issues.js';
import { type RuleFacts, ruleError, ruleIssue } from '../errors/validation.js';
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
  const parsed = arraySpecOf(text);
  return 'problem' in parsed ? arrayProblemEn(parsed.facts) : parsed;
}

/** What is wrong with an array spec, as the facts its message is worded from in every locale. */
type ArrayProblem = { problem: true; facts: RuleFacts };

const problem = (text: string, item?: string, maximum?: number): ArrayProblem => ({
  problem: true,
  facts: { text, ...(item !== undefined && { item }), ...(maximum !== undefined && { maximum }) },
});

function arraySpecOf(text: string): ArraySpec | ArrayProblem {
  const trimmed = text.replace(/\s+/g, '');
  if (trimmed.length > MAX_ARRAY_SPEC_LENGTH) {
    return problem('too_long', undefined, MAX_ARRAY_SPEC_LENGTH);
  }
  const [list = '', throttleText, extra] = trimmed.split('%');
  if (extra !== undefined) return problem('two_throttles');
  let throttle: number | undefined;
  if (throttleText !== undefined) {
    if (!/^\d+$/.test(throttleText) || Number(throttleText) < 1) return problem('bad_throttle');
    throttle = Number(throttleText);
    if (throttle > MAX_ARRAY_TASKS)
      return problem('throttle_too_big', shorten(throttleText), MAX_ARRAY_TASKS);
  }
  const runs: IndexRun[] = [];
  for (const item of list.split(',')) {
    const m = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(item);
    if (!m) return problem('bad_item', shorten(item));
    for (const digits of [m[1]!, m[2]]) {
      if (digits !== undefined && Number(digits) > MAX_ARRAY_INDEX) {
        return problem('index_too_big', shorten(digits), MAX_ARRAY_INDEX);
      }
    }
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    // A step beyond the range's span names only its start; capping it keeps the arithmetic exact.
    const step = m[3] === undefined ? 1 : Math.min(Number(m[3]), MAX_ARRAY_INDEX + 1);
    if (end < start) return problem('range_backwards', item);
    if (step < 1) return problem('range_step', item);
    runs.push({ start, end: start + Math.floor((end - start) / step) * step, step });
  }
  const indices = distinctIndices(runs, MAX_ARRAY_TASKS);
  if (indices === undefined) {
    return problem('too_many_tasks', undefined, MAX_ARRAY_TASKS);
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
        .max(MAX_ARRAY_TASKS, { error: ruleError('array_throttle_too_big', { maximum: MAX_ARRAY_TASKS }) })
        .optional()
        .describe('At most this many tasks run at once'),
    }),
  ])
  .transform((value, ctx): ArraySpec => {
    const text =
      typeof value === 'string' ? value : `${value.indices}${value.throttle ? `%${value.throttle}` : ''}`;
    const parsed = arraySpecOf(text);
    if ('problem' in parsed) {
      const quoted = text.length > 60 ? `${text.slice(0, 60)}…` : text;
      ctx.addIssue(ruleIssue('array_spec', { ...parsed.facts, value: quoted }));
      return z.NEVER;
    }
    return parsed;
  });
