import type { ErrorCode } from './codes.js';
import { type HpckitError, isHpckitError } from './hpckit-error.js';

/**
 * The HTTP status a web service (a portal, a REST gateway) answers with for each error code: 4xx
 * when the request was wrong or not allowed (the user can fix it or must not retry), 5xx when the
 * scheduler, the connection or the SDK failed (worth retrying later, and worth logging).
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  PERMISSION_DENIED: 403,
  // Worded like an unknown id for what a user may not see, so as not to reveal that it exists.
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  // A site's or the scheduler's rule: the request is well formed but conflicts with the state.
  POLICY_VIOLATION: 409,
  UNSUPPORTED: 501,
  TRANSPORT: 502,
  // The scheduler answered something the SDK could not read: a bad upstream answer.
  PARSE: 502,
  SCHEDULER_UNAVAILABLE: 503,
  TIMEOUT: 504,
  INTERNAL: 500,
};

/**
 * The HTTP status to answer a failed call with: {@link HTTP_STATUS} of a typed error's code, 500
 * for anything else (a bug: log it, and show the user no more than "Internal error").
 *
 * @example
 * ```ts
 * import { formatError, httpStatusOf, isHpckitError, NotFoundError } from '@hpckit/core';
 * const err = new NotFoundError({ details: { kind: 'file', id: '/home/alice/gone.txt' } });
 * httpStatusOf(err); // 404
 * httpStatusOf(new Error('bug')); // 500
 * ```
 */
export function httpStatusOf(error: unknown): number {
  return isHpckitError(error) ? HTTP_STATUS[(error as HpckitError).code] : 500;
}
