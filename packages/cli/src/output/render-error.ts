import { formatError, isHpckitError, type Locale, ValidationError } from '@hpckit/core';
import { configIssueLocations } from '@hpckit/site';
import { EXIT_CODES, type ExitKind } from './exit-codes.js';

/**
 * An error as a person reads it, in their language: a config file's issues one per line, each
 * prefixed with `file:line:column`, like a compiler's; anything else as `formatError` words it.
 */
export function renderError(err: unknown, locale: Locale, file?: string): string {
  const where = err instanceof ValidationError ? configIssueLocations(err) : undefined;
  if (where && err instanceof ValidationError) {
    return err.details.issues
      .map((issue, i) => {
        const at = where[i];
        const prefix = `${file ?? err.details.subject}${at ? `:${at.line}:${at.column}` : ''}: `;
        const one = new ValidationError({ details: { subject: err.details.subject, issues: [issue] } });
        return `${prefix}${formatError(one, { locale })}\n`;
      })
      .join('');
  }
  return `${formatError(err, { locale })}\n`;
}

/** An error as `--json` prints it (`ErrorJsonSchema`). */
export function errorJson(err: unknown, kind: ExitKind, message: string) {
  const code = isHpckitError(err) ? err.code : kind === 'usage' ? 'USAGE' : 'INTERNAL';
  return { error: { code, kind, exitCode: EXIT_CODES[kind], message: message.trimEnd() } };
}
