/**
 * Stable codes of resource-policy violations (the rules `@hpckit/billing` checks a job spec
 * against). A code never changes meaning; portals may branch on it. Core's catalogue words each
 * one in every locale, so a violation reads the same wherever it is shown.
 */
export const VIOLATION_CODES = [
  'partition_required',
  'unknown_partition',
  'unknown_qos',
  'qos_not_allowed',
  'gpu_required',
  'gpus_per_node',
  'cores_per_node',
  'gpu_cores_per_node',
  'memory_per_core',
  'gpu_memory_per_node',
  'node_memory',
  'qos_wall_time',
  'partition_wall_time',
  'directive_not_allowed',
] as const;

/** One of {@link VIOLATION_CODES}. */
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/** Whether `code` is one of {@link VIOLATION_CODES}. */
export function isViolationCode(code: string): code is ViolationCode {
  return (VIOLATION_CODES as readonly string[]).includes(code);
}
