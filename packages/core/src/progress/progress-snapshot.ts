import type { Job } from '../model/job.js';
import { JOB_PHASES, type JobOutcome, type JobPhase } from '../model/job-state.js';

/** How an ETA was estimated. */
export type EtaBasis =
  /** From the durations of the jobs of the same set that completed. */
  | 'history'
  /** From time limits: the job ends by then at the latest. */
  | 'limit';

/** One job of a {@link ProgressSnapshot}. */
export interface ProgressRow {
  id: string;
  name: string;
  phase: JobPhase;
  /** How it ended, once it has. */
  outcome?: JobOutcome;
  /** Why it waits, as the scheduler says (Slurm's reason), while queued or held. */
  reason?: string;
  /** Seconds it has run, as the scheduler counts them. */
  elapsedSeconds: number;
  timeLimitSeconds?: number;
  /** Seconds until it ends, where one can be known (0 once ended). */
  etaSeconds?: number;
  etaBasis?: EtaBasis;
}

/**
 * Where a set of jobs stands: counts per phase and per outcome, each job's row, the wall time
 * since watching started and an ETA where one can be known. Plain data: render it with
 * {@link renderProgressText}, {@link renderProgressLine} or {@link renderProgressHtml}.
 */
export interface ProgressSnapshot {
  total: number;
  /** Jobs per phase (every phase present, 0 when none). */
  phases: Record<JobPhase, number>;
  /** Ended jobs per outcome (only outcomes that occur). */
  outcomes: Partial<Record<JobOutcome, number>>;
  /** Wall-clock milliseconds since watching started. */
  elapsedMs: number;
  /**
   * Seconds until the last job ends: the largest of the unfinished jobs' ETAs, known only when
   * each of them has one (a queued job's wait is never known); 0 once all have ended.
   */
  etaSeconds?: number;
  /** `limit` if any job's ETA rests on its time limit only (an upper bound), else `history`. */
  etaBasis?: EtaBasis;
  /** One row per job, in the order given. */
  rows: ProgressRow[];
}

const RUNNING_PHASES: readonly JobPhase[] = ['running', 'suspended', 'completing'];

/** The mean run time of the completed jobs, in seconds, if any completed. */
function typicalDuration(jobs: readonly Job[]): number | undefined {
  const done = jobs.filter((j) => j.state.outcome === 'completed');
  if (done.length === 0) return undefined;
  return done.reduce((sum, j) => sum + j.elapsedSeconds, 0) / done.length;
}

function rowOf(job: Job, typical: number | undefined): ProgressRow {
  const { phase, outcome, reason } = job.state;
  const row: ProgressRow = { id: job.id, name: job.name, phase, elapsedSeconds: job.elapsedSeconds };
  if (outcome !== undefined) row.outcome = outcome;
  if (reason !== undefined && (phase === 'queued' || phase === 'held')) row.reason = reason;
  if (job.timeLimitSeconds !== undefined) row.timeLimitSeconds = job.timeLimitSeconds;
  if (phase === 'ended') {
    row.etaSeconds = 0;
    row.etaBasis = 'history';
  } else if (RUNNING_PHASES.includes(phase)) {
    // A job's time limit bounds it; its finished siblings say what to expect within that bound.
    const limitLeft =
      job.timeLimitSeconds === undefined ? undefined : Math.max(0, job.timeLimitSeconds - job.elapsedSeconds);
    const typicalLeft = typical === undefined ? undefined : Math.max(0, typical - job.elapsedSeconds);
    if (typicalLeft !== undefined) {
      row.etaSeconds = limitLeft === undefined ? typicalLeft : Math.min(typicalLeft, limitLeft);
      row.etaBasis = 'history';
    } else if (limitLeft !== undefined) {
      row.etaSeconds = limitLeft;
      row.etaBasis = 'limit';
    }
  }
  return row;
}

/**
 * Summarises jobs for a progress display. Elapsed times and ETAs are the scheduler's seconds (a
 * mock's virtual clock included); `elapsedMs` is the caller's wall time.
 *
 * @example
 * ```ts
 * const snapshot = progressSnapshot(handles.map((h) => h.job), { elapsedMs: 0 });
 * console.log(renderProgressText(snapshot));
 * ```
 */
export function progressSnapshot(jobs: readonly Job[], options: { elapsedMs: number }): ProgressSnapshot {
  const typical = typicalDuration(jobs);
  const phases = Object.fromEntries(JOB_PHASES.map((p) => [p, 0])) as Record<JobPhase, number>;
  const outcomes: Partial<Record<JobOutcome, number>> = {};
  const rows = jobs.map((job) => {
    phases[job.state.phase] += 1;
    if (job.state.outcome) outcomes[job.state.outcome] = (outcomes[job.state.outcome] ?? 0) + 1;
    return rowOf(job, typical);
  });
  const snapshot: ProgressSnapshot = {
    total: jobs.length,
    phases,
    outcomes,
    elapsedMs: options.elapsedMs,
    rows,
  };
  const open = rows.filter((r) => r.phase !== 'ended');
  if (open.every((r) => r.etaSeconds !== undefined)) {
    snapshot.etaSeconds = Math.max(0, ...open.map((r) => r.etaSeconds ?? 0));
    snapshot.etaBasis = open.some((r) => r.etaBasis === 'limit') ? 'limit' : 'history';
  }
  return snapshot;
}
