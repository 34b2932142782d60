import { z } from 'zod';
import { DurationSchema, parseDuration } from '../time/duration.js';
import type { TimeLimitChange } from './scheduler-adapter.js';

const SignedDurationSchema = z
  .union([z.number().int('a change in seconds must be a whole number'), z.string()], {
    error: 'must be a signed duration such as "+30m" or "-1h", or a whole number of seconds',
  })
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const m = /^\s*([+-])\s*(.+)$/.exec(value);
    const seconds = m ? parseDuration(m[2]!) : undefined;
    if (!m || seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a signed duration: write "+30m" or "-1h"` });
      return z.NEVER;
    }
    return m[1] === '-' ? -seconds : seconds;
  });

/**
 * A time-limit change: `{ set: '4h' }` for a new limit, or `{ delta: '+30m' }` / `{ delta: -1800 }`
 * to extend or shorten the current one. Parses to seconds.
 */
export const TimeLimitChangeSchema = z
  .strictObject({
    set: DurationSchema.optional().describe('The new time limit'),
    delta: SignedDurationSchema.optional().describe('A change of the current limit, e.g. "+30m"'),
  })
  .superRefine((c, ctx) => {
    if ((c.set === undefined) === (c.delta === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of "set" (a new limit) or "delta" (a change such as "+30m")',
      });
    } else if (c.set === 0) {
      ctx.addIssue({ code: 'custom', path: ['set'], message: 'a time limit must be longer than zero' });
    } else if (c.delta === 0) {
      ctx.addIssue({ code: 'custom', path: ['delta'], message: 'a change of zero changes nothing' });
    }
  })
  .transform((c): TimeLimitChange => (c.set !== undefined ? { set: c.set } : { delta: c.delta! }));

/** What callers may pass as a time-limit change. */
export type TimeLimitChangeInput = z.input<typeof TimeLimitChangeSchema>;
