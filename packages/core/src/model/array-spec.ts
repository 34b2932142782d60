import { z } from 'zod';

/** The largest number of tasks an array spec may expand to; beyond it the spec is refused. */
export const MAX_ARRAY_TASKS = 1_000_000;

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
 */
export function parseArraySpec(text: string): ArraySpec | string {
  const trimmed = text.replace(/\s+/g, '');
  const [list = '', throttleText, extra] = trimmed.split('%');
  if (extra !== undefined) return 'has more than one "%"';
  let throttle: number | undefined;
  if (throttleText !== undefined) {
    if (!/^\d+$/.test(throttleText) || Number(throttleText) < 1)
      return 'has a throttle ("%N") that is not a positive integer';
    throttle = Number(throttleText);
  }
  const seen = new Set<number>();
  for (const item of list.split(',')) {
    const m = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(item);
    if (!m) return `has "${item}", which is neither an index ("7") nor a range ("0-9" or "0-9:2")`;
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (end < start) return `has the range "${item}", whose end is below its start`;
    if (step < 1) return `has the range "${item}", whose step is not positive`;
    if ((end - start) / step + seen.size >= MAX_ARRAY_TASKS)
      return `expands to more than ${MAX_ARRAY_TASKS} tasks`;
    for (let i = start; i <= end; i += step) seen.add(i);
  }
  const indices = [...seen].sort((a, b) => a - b);
  return { indices, throttle, expression: `${list}${throttle === undefined ? '' : `%${throttle}`}` };
}

/** An array request as text (`"0-99%10"`) or as `{ indices, throttle }`; parses to {@link ArraySpec}. */
export const ArraySpecSchema = z
  .union([
    z.string(),
    z.object({
      indices: z.string().describe('Indices and ranges, e.g. "0-99" or "1,3,5-11:2"'),
      throttle: z.number().int().positive().optional().describe('At most this many tasks run at once'),
    }),
  ])
  .transform((value, ctx): ArraySpec => {
    const text =
      typeof value === 'string' ? value : `${value.indices}${value.throttle ? `%${value.throttle}` : ''}`;
    const parsed = parseArraySpec(text);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: `array spec "${text}" ${parsed}` });
      return z.NEVER;
    }
    return parsed;
  });
