import { formatError, type Locale, ValidationError } from '@hpckit/core';
import { configIssueLocations } from './load-config.js';

/**
 * A config file's error as a person reads it, in their language: one issue a line, each prefixed
 * with `file:line:column` like a compiler's; undefined for any other error (word it with
 * `formatError`).
 */
export function formatConfigError(
  err: unknown,
  options: { locale?: Locale; file?: string } = {},
): string | undefined {
  const where = err instanceof ValidationError ? configIssueLocations(err) : undefined;
  if (!where || !(err instanceof ValidationError)) return undefined;
  return err.details.issues
    .map((issue, i) => {
      const at = where[i];
      const prefix = `${options.file ?? err.details.subject}${at ? `:${at.line}:${at.column}` : ''}: `;
      const one = new ValidationError({ details: { subject: err.details.subject, issues: [issue] } });
      return `${prefix}${formatError(one, options.locale ? { locale: options.locale } : {})}\n`;
    })
    .join('');
}
