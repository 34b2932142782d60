import { parseDuration, ValidationError } from '@hpckit/core';
import { cliRules } from '../config/cli-rules.js';

/**
 * An instant from a flag: an ISO 8601 date or date-time, or a time span back from `now` (`7d`:
 * a week ago), which is what "last week's charges" means at a terminal.
 */
export function instantOf(flag: string, value: string | undefined, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const back = /^\d/.test(value) && !/^\d{4}-/.test(value) ? parseDuration(value) : undefined;
  if (back !== undefined) return new Date(now.getTime() - back * 1000);
  const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : undefined;
  if (date && !Number.isNaN(date.getTime())) return date;
  throw new ValidationError({
    details: { subject: 'options', issues: [cliRules.validationIssue([flag], 'not_a_date', { value })] },
  });
}
