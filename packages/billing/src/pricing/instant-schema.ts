import { z } from 'zod';

/**
 * A moment in time: a `Date`, or an ISO 8601 timestamp with an explicit offset
 * (`"2025-01-01T00:00:00+08:00"`), so a price table in a site's repository never depends on the
 * time zone of the machine that reads it.
 */
export const InstantSchema = z
  .union([
    z.date(),
    z.iso.datetime({
      offset: true,
      error: 'must be an ISO 8601 timestamp with an offset, such as "2025-01-01T00:00:00+08:00" or "…Z"',
    }),
  ])
  .transform((value, ctx) => {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid moment in time' });
      return z.NEVER;
    }
    return date;
  });
