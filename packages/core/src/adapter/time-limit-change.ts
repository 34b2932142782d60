import { z } from 'zod';
import { DurationSchema, parseDuration } from '../time/duration.js';

const SignedDurationSchema = z.union([
  z.number().int('a change in seconds must be a whole number'),
  z.string().transform((text, ctx) => {
    const m = /^\s*([+-])\s*(.+)$/.exec(text);
    const seconds = m ? parseDuration(m[2]!) : undefined;
    if (!m || seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a signed duration: write "+30m" or "-1h"` });
      return z.NEVER;
    }
    return m[1] === '-' ? -seconds : seconds;
  }),
]);

/**
 * A time-limit change: `{ set: '4h' }` for a new limit, or `{ delta: '+30m' }` / `{ delta: -1800 }`
 * to extend or shorten the current one. Parses to seconds.
 */
export const TimeLimitChangeSchema = z.union([
  z.strictObject({ set: DurationSchema.refine((s) => s > 0, 'a time limit must be longer than zero') }),
  z.strictObject({ delta: SignedDurationSchema.refine((s) => s !== 0, 'a change of zero changes nothing') }),
]);

/** What callers may pass as a time-limit change. */
export type TimeLimitChangeInput = z.input<typeof TimeLimitChangeSchema>;
