import type { ViolationCode } from '@hpckit/core';

/**
 * Stable codes of resource-policy violations. A code never changes meaning; portals may branch on
 * it and translate it. Core's catalogue words each one (the same list as `@hpckit/core`'s).
 */
export { VIOLATION_CODES } from '@hpckit/core';
export type { ViolationCode } from '@hpckit/core';

/** A message in every language hpckit ships. */
export interface LocalizedMessage {
  en: string;
  'zh-CN': string;
}

/** Units of violation limits: memory in GB (binary, as Slurm's G), time in seconds. */
export type ViolationUnit = 'GB' | 'cores' | 'GPUs' | 's';

/**
 * One rule a job spec breaks: which, the limit and the requested value in `unit`, and a message
 * telling the user how to fix it (written by core's catalogue, as `formatViolation` words it).
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
  /** The per-unit limit the total derives from (GB per core, GB per GPU, cores per GPU). */
  perUnit?: number;
  /** GPUs per node the job asks for, for the rules a limit per GPU derives from. */
  gpusPerNode?: number;
  /** Cores per node the job asks for, for `memory_per_core`. */
  coresPerNode?: number;
  /** Why an option escapes the rules (`directive_not_allowed`), in English. */
  directiveReason?: string;
  /**
   * What is wrong and how to fix it: `formatViolation(violation, { locale })` of core gives the
   * same words from the fields above.
   */
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
