import type { PolicyReason } from '@hpckit/core';
import { PolicyError } from '@hpckit/core';
import type { PolicyCheck, ViolationCode } from './violation.js';

const REASONS: Partial<Record<ViolationCode, PolicyReason>> = {
  partition_required: 'invalid_partition',
  unknown_partition: 'invalid_partition',
  unknown_qos: 'invalid_qos',
  qos_not_allowed: 'qos_not_allowed',
  qos_wall_time: 'time_limit_exceeds_qos',
  partition_wall_time: 'time_limit_exceeds_partition',
};

/**
 * Turns a failed check into core's `PolicyError`, for callers who prefer throwing. The error's
 * details describe the first violation (reason mapped from its code, `nativeReason` the code
 * itself, limit, requested value and unit) and list them all in `violations`; core's catalogue
 * words its message from them, listing every violation, in English and (through `formatError`)
 * in Simplified Chinese.
 * Returns `undefined` for a check that passed.
 *
 * @example
 * ```ts
 * const error = toPolicyError(policy.check(spec));
 * if (error) throw error;
 * ```
 */
export function toPolicyError(check: PolicyCheck): PolicyError | undefined {
  const first = check.violations[0];
  if (!first) return undefined;
  return new PolicyError({
    details: {
      reason: REASONS[first.code] ?? 'resources_unavailable',
      nativeReason: first.code,
      subject:
        first.partition ?? first.qos ?? (typeof first.requested === 'string' ? first.requested : undefined),
      limit: first.limit,
      requested: first.requested,
      unit: first.unit,
      violations: check.violations.map((v) => ({
        code: v.code,
        limit: v.limit,
        requested: v.requested,
        unit: v.unit,
        message: v.message,
      })),
    },
  });
}
