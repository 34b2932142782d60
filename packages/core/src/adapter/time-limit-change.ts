import { z } from 'zod';
import { ruleIssue } from '../errors/validation.js';
import {
  bareNumberError,
  parseDuration,
  SignedDurationObjectSchema,
  TimeLimitSchema,
  toSeconds,
} from '../time/duration.js';
import type { TimeLimitChange } from './scheduler-adapter.js';

// A change is signed text ("+30m", "-1h") or an object of units, negative to shorten; a bare
// number is refused for the reason a bare time limit is.
const SignedDurationSchema = z
  .union([z.string(), SignedDurationObjectSchema], {
    error: (issue) =>
      bareNumberError(issue, 'signed_duration_shape', (n) => [
        `'+${n}m'`,
        `'-${n}m'`,
        `{ minutes: ${n} }`,
        `{ minutes: -${n} }`,
      ]),
  })
  .transform((value, ctx) => {
    if (typeof value !== 'string') return toSeconds(value, ctx);
    const m = /^\s*([+-])\s*(.+)$/.exec(value);
    const seconds = m ? parseDuration(m[2]!) : undefined;
    if (!m || seconds === undefined) {
      ctx.addIssue(ruleIssue('not_a_signed_duration', { value: JSON.stringify(value.slice(0, 40)) }));
      return z.NEVER;
    }
    return m[1] === '-' ? -seconds : seconds;
  });

/**
 * A time-limit change: `{ set: '4h' }` for a new limit, or `{ delta: '+30m' }` /
 * `{ delta: { minutes: -30 } }` to extend or shorten the current one. Parses to seconds. Neither
 * takes a bare number: write the unit.
 */
export const TimeLimitChangeSchema = z
  .strictObject({
    set: TimeLimitSchema.optional().describe('The new time limit, e.g. "4h" or { hours: 4 }'),
    delta: SignedDurationSchema.optional().describe(
      'A change of the current limit, e.g. "+30m" or { minutes: -30 }',
    ),
  })
  .superRefine((c, ctx) => {
    if ((c.set === undefined) === (c.delta === undefined)) {
      ctx.addIssue(ruleIssue('set_or_delta'));
    } else if (c.set === 0) {
      ctx.addIssue({ ...ruleIssue('time_limit_positive'), path: ['set'] });
    } else if (c.delta === 0) {
      ctx.addIssue({ ...ruleIssue('zero_change'), path: ['delta'] });
    }
  })
  .transform((c): TimeLimitChange => (c.set !== undefined ? { set: c.set } : { delta: c.delta! }));

/** What callers may pass as a time-limit change. */
export type TimeLimitChangeInput = z.input<typeof TimeLimitChangeSchema>;
