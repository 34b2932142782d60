import { z } from 'zod';
import { billingRules } from '../errors/billing-rules.js';

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
      error: billingRules.error('not_an_instant'),
    }),
  ])
  .transform((value, ctx) => {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue(billingRules.issue('invalid_instant'));
      return z.NEVER;
    }
    return date;
  });
