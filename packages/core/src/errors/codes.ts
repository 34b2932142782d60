/**
 * Stable error codes. A code never changes meaning once published; new failure families get new
 * codes. Callers branch on these, never on message text.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'POLICY_VIOLATION',
  'SCHEDULER_UNAVAILABLE',
  'TRANSPORT',
  'PARSE',
  'UNSUPPORTED',
  'TIMEOUT',
  'INTERNAL',
] as const;

/** One of the stable {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Why a scheduler refused a request on policy grounds. Adapters map their native reason codes
 * (Slurm's `AssocMaxSubmitJobLimit`, `QOSMaxWallDurationPerJobLimit`…) onto this vocabulary so a
 * portal can react the same way whatever the scheduler.
 */
export const POLICY_REASONS = [
  'invalid_account',
  'invalid_partition',
  'invalid_qos',
  'qos_not_allowed',
  'time_limit_exceeds_qos',
  'time_limit_exceeds_partition',
  'resources_unavailable',
  'invalid_array',
  'account_blocked',
  'user_blocked',
  'submit_limit',
  'insufficient_balance',
  'spending_limit_exceeded',
  'not_permitted',
  'member_has_jobs',
  'other',
] as const;

/** One of the {@link POLICY_REASONS}. */
export type PolicyReason = (typeof POLICY_REASONS)[number];
