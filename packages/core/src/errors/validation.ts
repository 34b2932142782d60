import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from './hpckit-error.js';

/**
 * Parses `input` with `schema`, turning zod's issues into a {@link ValidationError} whose message
 * names every offending path. `subject` says what was being validated ("job spec", "options").
 *
 * @throws {@link ValidationError} (`VALIDATION`) listing every issue, not just the first.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
  pathPrefix: (string | number)[] = [],
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: [...pathPrefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
    code: issue.code,
  }));
  throw new ValidationError({ details: { subject, issues } });
}
