import { z } from 'zod';
import { parseInput, ruleIssue, type ValidationSubject } from '../errors/validation.js';

/** Options that take a timeout: `timeoutMs`, or `timeout`, its deprecated spelling. */
export interface TimeoutOptions {
  /** Give up after this many milliseconds with a `TIMEOUT` error. */
  timeoutMs?: number;
  /** @deprecated Use `timeoutMs`, the one spelling of a duration option; giving both is a `VALIDATION` error. */
  timeout?: number;
}

// Only the spelling is checked: the values never were, and tightening them is not a rename.
const TimeoutSpellingSchema = z
  .object({ timeoutMs: z.unknown().optional(), timeout: z.unknown().optional() })
  .superRefine((o, ctx) => {
    if (o.timeoutMs !== undefined && o.timeout !== undefined) {
      ctx.addIssue({ ...ruleIssue('timeout_deprecated_spelling'), path: ['timeout'] });
    }
  });

/**
 * The timeout in milliseconds that `options` give, from `timeoutMs` or its deprecated spelling
 * `timeout`, for packages whose options take a timeout as core's do.
 *
 * @param subject - What the options are of, for the error (e.g. `'wait options'`).
 * @throws `VALIDATION` at `options.timeout` if both spellings are given.
 * @example
 * ```ts
 * timeoutMsOf({ timeoutMs: 5_000 }, 'wait options'); // 5000
 * ```
 */
export function timeoutMsOf(
  options: TimeoutOptions | undefined,
  subject: string | ValidationSubject,
): number | undefined {
  if (options === undefined) return undefined;
  parseInput(TimeoutSpellingSchema, options, subject, ['options']);
  return options.timeoutMs ?? options.timeout;
}
