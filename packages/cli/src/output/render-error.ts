import { formatError, isHpckitError, type Locale } from '@hpckit/core';
import { formatConfigError } from '@hpckit/site';
import { EXIT_CODES, type ExitKind } from './exit-codes.js';

/**
 * An error as a person reads it, in their language: a config file's issues one per line, each
 * prefixed with `file:line:column`, like a compiler's; anything else as `formatError` words it.
 */
export function renderError(err: unknown, locale: Locale, file?: string): string {
  return formatConfigError(err, { locale, ...(file ? { file } : {}) }) ?? `${formatError(err, { locale })}\n`;
}

/** An error as `--json` prints it (`ErrorJsonSchema`). */
export function errorJson(err: unknown, kind: ExitKind, message: string) {
  const code = isHpckitError(err) ? err.code : kind === 'usage' ? 'USAGE' : 'INTERNAL';
  return { error: { code, kind, exitCode: EXIT_CODES[kind], message: message.trimEnd() } };
}
