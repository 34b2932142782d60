import type { JobOutcome } from '@hpckit/core';

const RAW: Record<JobOutcome, string> = {
  completed: 'COMPLETED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
  timeout: 'TIMEOUT',
  out_of_memory: 'OUT_OF_MEMORY',
  node_fail: 'NODE_FAIL',
  preempted: 'PREEMPTED',
  boot_fail: 'BOOT_FAIL',
  deadline: 'DEADLINE',
  unknown: 'UNKNOWN',
};

// Slurm's reason codes for how a job ended (FAIL_EXIT_CODE, WAIT_TIME_LIMIT, FAIL_OOM…).
const REASON: Partial<Record<JobOutcome, string>> = {
  failed: 'NonZeroExitCode',
  timeout: 'TimeLimit',
  out_of_memory: 'OutOfMemory',
  node_fail: 'NodeDown',
  boot_fail: 'BootFail',
  deadline: 'DeadLine',
};

/** Slurm's state text for an outcome (`TIMEOUT`, `OUT_OF_MEMORY`); cancellations add `by <uid>`. */
export function rawStateOf(outcome: JobOutcome): string {
  return RAW[outcome];
}

/** Slurm's reason for an outcome, if it gives one. */
export function endReasonOf(outcome: JobOutcome): string | undefined {
  return REASON[outcome];
}
