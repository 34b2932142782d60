/**
 * Stable codes of resource-policy violations. A code never changes meaning; portals may branch on
 * it and translate it.
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

/** A message in every language hpckit ships. */
export interface LocalizedMessage {
  en: string;
  'zh-CN': string;
}

/** Units of violation limits: memory in GB (binary, as Slurm's G), time in seconds. */
export type ViolationUnit = 'GB' | 'cores' | 'GPUs' | 's';

/**
 * One rule a job spec breaks: which, the limit and the requested value in `unit`, and a message
 * telling the user how to fix it.
 */
export interface Violation {
  code: ViolationCode;
  /** Partition the rule belongs to, when it is a partition rule. */
  partition?: string;
  /** QoS the rule belongs to, when it is a QoS rule. */
  qos?: string;
  /** The limit, in `unit` (absent for naming rules such as an unknown partition). */
  limit?: number;
  /** The requested value, in `unit`; the requested name for naming rules. */
  requested?: number | string;
  unit?: ViolationUnit;
  /** For naming rules: the names that would be accepted (options, for `directive_not_allowed`). */
  allowed?: string[];
  message: LocalizedMessage;
}

/** Result of checking a job spec against a resource policy. */
export interface PolicyCheck {
  /** Whether the spec breaks no rule. */
  ok: boolean;
  /** Every rule broken, in a stable order (partition, GPUs, cores, memory, time). */
  violations: Violation[];
  /** Partition checked (the spec's or the default), if known. */
  partition?: string;
  /** QoS checked (the spec's or the default), if known. */
  qos?: string;
}
