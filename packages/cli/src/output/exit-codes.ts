import { type ErrorCode, isHpckitError } from '@hpckit/core';

/**
 * The exit codes of `hpckit`, one per way a command can end, so a script branches on the code:
 * `refused` (the input, a policy or a permission said no: fix the request), `notFound`,
 * `unavailable` (the scheduler, transport or database is down or slow: retry later) and `failed`
 * (the job itself failed, `jobs wait`).
 */
export const EXIT_CODES = {
  ok: 0,
  failed: 1,
  usage: 2,
  refused: 3,
  notFound: 4,
  unavailable: 5,
  internal: 70,
} as const;

/** How a command ended: a key of {@link EXIT_CODES}. */
export type ExitKind = keyof typeof EXIT_CODES;

const KIND_OF_CODE: Record<ErrorCode, ExitKind> = {
  VALIDATION: 'refused',
  POLICY_VIOLATION: 'refused',
  PERMISSION_DENIED: 'refused',
  ALREADY_EXISTS: 'refused',
  UNSUPPORTED: 'refused',
  NOT_FOUND: 'notFound',
  SCHEDULER_UNAVAILABLE: 'unavailable',
  TRANSPORT: 'unavailable',
  TIMEOUT: 'unavailable',
  PARSE: 'internal',
  INTERNAL: 'internal',
};

/** How an error ends the command: from its hpckit error code; anything else is `internal`. */
export function exitKindOf(err: unknown): ExitKind {
  return isHpckitError(err) ? KIND_OF_CODE[err.code] : 'internal';
}
