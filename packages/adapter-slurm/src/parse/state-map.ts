import type { JobOutcome, JobPhase, JobState } from '@hpckit/core';
import { optionalText, parseExitCode } from './slurm-values.js';

type Mapping = { phase: Exclude<JobPhase, 'ended'> } | { phase: 'ended'; outcome: JobOutcome };

/**
 * Every Slurm job state (long names and squeue's compact codes) mapped to core's phase and outcome.
 * Terminal states each keep their own outcome; nothing that left the queue is assumed completed.
 */
export const SLURM_STATES: Readonly<Record<string, Mapping>> = {
  PENDING: { phase: 'queued' },
  PD: { phase: 'queued' },
  REQUEUED: { phase: 'queued' },
  RQ: { phase: 'queued' },
  REQUEUE_FED: { phase: 'queued' },
  RF: { phase: 'queued' },
  REQUEUE_HOLD: { phase: 'held' },
  RH: { phase: 'held' },
  RESV_DEL_HOLD: { phase: 'held' },
  RD: { phase: 'held' },
  // Nodes are being readied for the job: allocated but not yet running.
  CONFIGURING: { phase: 'queued' },
  CF: { phase: 'queued' },
  RUNNING: { phase: 'running' },
  R: { phase: 'running' },
  RESIZING: { phase: 'running' },
  RS: { phase: 'running' },
  SIGNALING: { phase: 'running' },
  SI: { phase: 'running' },
  SUSPENDED: { phase: 'suspended' },
  S: { phase: 'suspended' },
  STOPPED: { phase: 'suspended' },
  ST: { phase: 'suspended' },
  COMPLETING: { phase: 'completing' },
  CG: { phase: 'completing' },
  STAGE_OUT: { phase: 'completing' },
  SO: { phase: 'completing' },
  COMPLETED: { phase: 'ended', outcome: 'completed' },
  CD: { phase: 'ended', outcome: 'completed' },
  FAILED: { phase: 'ended', outcome: 'failed' },
  F: { phase: 'ended', outcome: 'failed' },
  SPECIAL_EXIT: { phase: 'ended', outcome: 'failed' },
  SE: { phase: 'ended', outcome: 'failed' },
  CANCELLED: { phase: 'ended', outcome: 'cancelled' },
  CA: { phase: 'ended', outcome: 'cancelled' },
  TIMEOUT: { phase: 'ended', outcome: 'timeout' },
  TO: { phase: 'ended', outcome: 'timeout' },
  OUT_OF_MEMORY: { phase: 'ended', outcome: 'out_of_memory' },
  OOM: { phase: 'ended', outcome: 'out_of_memory' },
  NODE_FAIL: { phase: 'ended', outcome: 'node_fail' },
  NF: { phase: 'ended', outcome: 'node_fail' },
  PREEMPTED: { phase: 'ended', outcome: 'preempted' },
  PR: { phase: 'ended', outcome: 'preempted' },
  BOOT_FAIL: { phase: 'ended', outcome: 'boot_fail' },
  BF: { phase: 'ended', outcome: 'boot_fail' },
  DEADLINE: { phase: 'ended', outcome: 'deadline' },
  DL: { phase: 'ended', outcome: 'deadline' },
  // A federation sibling removed because another cluster started the job: it ended here, but how
  // it ended is known only to the other cluster.
  REVOKED: { phase: 'ended', outcome: 'unknown' },
  RV: { phase: 'ended', outcome: 'unknown' },
};

// Pending reasons that mean "held until released", not "waiting for resources".
const HELD_REASONS = new Set(['JobHeldUser', 'JobHeldAdmin', 'held']);

/** What a state line said, before normalising. */
export interface RawState {
  /** State text, e.g. `PENDING`, `CANCELLED by 2001`, `COMPLETED`. */
  state: string;
  /** Pending or failure reason (`JobHeldUser`, `Dependency`, `None`). */
  reason?: string;
  /** `exit:signal` as sacct prints it, or a bare exit status. */
  exitCode?: string;
}

/**
 * Normalises a Slurm state to core's `JobState`. Unknown state names (a newer Slurm) become
 * `ended`/`unknown` with the raw text kept, never an exception and never `completed`.
 */
export function mapSlurmState(raw: RawState): JobState {
  const text = raw.state.trim();
  // sacct prints "CANCELLED by 2001"; squeue may suffix flags such as "+" or "*".
  const name = text
    .split(/\s+/)[0]!
    .replace(/[+*]+$/, '')
    .toUpperCase();
  const mapping = SLURM_STATES[name] ?? { phase: 'ended', outcome: 'unknown' };
  const reason = raw.reason === undefined ? undefined : optionalText(raw.reason);
  const exit = raw.exitCode === undefined ? {} : parseExitCode(raw.exitCode);
  if (mapping.phase !== 'ended') {
    const held = mapping.phase === 'queued' && reason !== undefined && HELD_REASONS.has(reason);
    return { phase: held ? 'held' : mapping.phase, raw: text, reason };
  }
  return {
    phase: 'ended',
    outcome: mapping.outcome,
    raw: text,
    reason,
    exitCode: exit.exitCode,
    signal: exit.signal,
  };
}
