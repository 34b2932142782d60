import { z } from 'zod';
import { ruleError } from '../errors/validation.js';

/**
 * Where a job is in its life. Ordered: a job moves forward through this list, except that
 * `held`/`queued` and `running`/`suspended` alternate, and a requeued job goes back to `queued`.
 */
export const JOB_PHASES = ['queued', 'held', 'running', 'suspended', 'completing', 'ended'] as const;
/** One of {@link JOB_PHASES}. */
export type JobPhase = (typeof JOB_PHASES)[number];

/**
 * How an ended job ended. `unknown` means the outcome could not be confirmed (for instance the job
 * left the queue and accounting has no record): it is never reported as `completed`.
 */
export const JOB_OUTCOMES = [
  'completed',
  'failed',
  'cancelled',
  'timeout',
  'out_of_memory',
  'node_fail',
  'preempted',
  'boot_fail',
  'deadline',
  'unknown',
] as const;
/** One of {@link JOB_OUTCOMES}. */
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

/** A job's normalised state plus what the scheduler said; parses to a {@link JobState}. */
export const JobStateSchema = z
  .object({
    phase: z.enum(JOB_PHASES),
    outcome: z.enum(JOB_OUTCOMES).optional(),
    raw: z.string(),
    reason: z.string().optional(),
    exitCode: z.number().int().optional(),
    signal: z.number().int().optional(),
  })
  .refine((s) => (s.phase === 'ended') === (s.outcome !== undefined), {
    error: ruleError('outcome_when_ended'),
    path: ['outcome'],
  });

/**
 * A job's normalised state plus what the scheduler said.
 *
 * @example
 * ```ts
 * const state: JobState = { phase: 'ended', outcome: 'timeout', raw: 'TIMEOUT', exitCode: 0, signal: 15 };
 * ```
 */
export interface JobState {
  /** Where the job is in its life: one of {@link JOB_PHASES}. */
  phase: JobPhase;
  /** How the job ended: one of {@link JOB_OUTCOMES}. Present exactly when `phase` is `ended`. */
  outcome?: JobOutcome;
  /** The scheduler's own state text, e.g. `CANCELLED by 2001` or `PENDING`. */
  raw: string;
  /** Why the job is in this state (pending reason, failure reason), e.g. `Priority` or `NonZeroExitCode`. */
  reason?: string;
  /** Exit code of the job script, once ended. */
  exitCode?: number;
  /** Signal that ended the job, if any (`9` for SIGKILL). */
  signal?: number;
}

/**
 * A state filter: a phase or an outcome. A job matches when its phase or its outcome is listed,
 * so `['running', 'failed']` selects running jobs and jobs that failed.
 */
export type JobStateFilter = JobPhase | JobOutcome;

/** All values a {@link JobStateFilter} may take. */
export const JOB_STATE_FILTERS = [...JOB_PHASES, ...JOB_OUTCOMES] as const;

/** Whether `state` matches any of `filters`. */
export function matchesStateFilter(state: JobState, filters: readonly JobStateFilter[]): boolean {
  return filters.includes(state.phase) || (state.outcome !== undefined && filters.includes(state.outcome));
}

/** Whether the job has ended (its state will not change again). */
export function isEnded(state: Pick<JobState, 'phase'>): boolean {
  return state.phase === 'ended';
}

const PROGRESS: Record<JobPhase, number> = {
  queued: 0,
  held: 0,
  running: 1,
  suspended: 1,
  completing: 2,
  ended: 3,
};

/**
 * How far along a phase is: queued/held 0, running/suspended 1, completing 2, ended 3. Waiting
 * "until running" is satisfied by any phase at least as far along.
 */
export function phaseProgress(phase: JobPhase): number {
  return PROGRESS[phase];
}
