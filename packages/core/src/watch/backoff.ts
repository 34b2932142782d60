import { z } from 'zod';

/** How the shared poller paces itself; parses a {@link PollingOptionsInput}. All times in ms. */
export const PollingOptionsSchema = z.strictObject({
  minIntervalMs: z.number().positive().default(1_000),
  maxIntervalMs: z.number().positive().default(30_000),
  backoffFactor: z.number().min(1).default(1.5),
  latencyFactor: z.number().nonnegative().default(2),
  jitter: z.number().min(0).max(1).default(0.1),
  missingGraceMs: z.number().nonnegative().default(120_000),
  recentJobMaxIntervalMs: z.number().positive().default(5_000),
  recentJobWindowMs: z.number().nonnegative().default(3_600_000),
  youngJobIntervalMs: z.number().positive().default(250),
  youngJobWindowMs: z.number().nonnegative().default(60_000),
});

/**
 * How the shared poller paces itself, as given (every field optional). All times in milliseconds.
 *
 * @example
 * ```ts
 * const polling: PollingOptionsInput = { minIntervalMs: 500, maxIntervalMs: 10_000 };
 * ```
 */
export interface PollingOptionsInput {
  /**
   * Shortest interval between two polls, in milliseconds (while a watched job is young, the
   * shorter {@link PollingOptionsInput.youngJobIntervalMs} applies).
   *
   * @defaultValue 1000
   */
  minIntervalMs?: number;
  /**
   * Longest interval between two polls while jobs are watched, in milliseconds.
   *
   * @defaultValue 30000
   */
  maxIntervalMs?: number;
  /**
   * Growth of the interval after each quiet poll (no state changed); at least 1.
   *
   * @defaultValue 1.5
   */
  backoffFactor?: number;
  /**
   * The interval (from the start of one poll to the start of the next) is at least this many times
   * the last poll's latency, so a slow scheduler is asked less often: at 2 the poller keeps it busy
   * at most half the time, as a shell loop of `squeue; sleep 1` does on a slow controller. Raise it
   * where many acting users each have a poller.
   *
   * @defaultValue 2
   */
  latencyFactor?: number;
  /**
   * Random spread of each interval, as a fraction from 0 to 1 (0.1 = ±10 %).
   *
   * @defaultValue 0.1
   */
  jitter?: number;
  /**
   * How long, in milliseconds, a watched job may be missing from both the queue and accounting
   * before it is declared ended with outcome `unknown` (it must also be missing for 3 polls in a
   * row).
   *
   * @defaultValue 120000
   */
  missingGraceMs?: number;
  /**
   * Longest interval, in milliseconds, while some watched job is in its first
   * {@link PollingOptionsInput.recentJobWindowMs} (since it started, or since it was first watched
   * if it has not), when most jobs that end early do: an end then waits at most this long to be
   * noticed.
   *
   * @defaultValue 5000
   */
  recentJobMaxIntervalMs?: number;
  /**
   * How long, in milliseconds, a job counts as recent (see
   * {@link PollingOptionsInput.recentJobMaxIntervalMs}).
   *
   * @defaultValue 3600000
   */
  recentJobWindowMs?: number;
  /**
   * Interval, in milliseconds, while some watched job is in its first
   * {@link PollingOptionsInput.youngJobWindowMs} (since it started, or since it was first watched
   * if it has not): short jobs end then, and an end is noticed within about this long after the
   * scheduler records it. It may be shorter than `minIntervalMs`, never than `latencyFactor` × the
   * last poll's latency, so a slow scheduler is still left idle between polls.
   *
   * @defaultValue 250
   */
  youngJobIntervalMs?: number;
  /**
   * How long, in milliseconds, a job counts as young (see
   * {@link PollingOptionsInput.youngJobIntervalMs}); 0 turns the faster pace off.
   *
   * @defaultValue 60000
   */
  youngJobWindowMs?: number;
}

/** Polling options with defaults filled: the fields of {@link PollingOptionsInput}, all present. */
export type PollingOptions = Required<PollingOptionsInput>;

/** What happened in the last poll, from which the poller paces the next one. */
export interface PollOutcome {
  /** Interval used before this poll. */
  previousMs: number;
  /** Whether some watched job changed state (or a job was newly watched). */
  activity: boolean;
  /** Whether the poll failed. */
  failed: boolean;
  /** How long the scheduler took to answer. */
  latencyMs: number;
}

/**
 * The interval before the next poll: back to the minimum after activity, growing by the backoff
 * factor while quiet, doubling after a failure, never below `latencyFactor` × latency, capped at
 * the maximum, with jitter. `random` is injectable for tests.
 */
export function nextPollInterval(
  options: PollingOptions,
  last: PollOutcome,
  random: () => number = Math.random,
): number {
  let base: number;
  if (last.failed) base = last.previousMs * 2;
  else if (last.activity) base = options.minIntervalMs;
  else base = last.previousMs * options.backoffFactor;
  base = Math.max(options.minIntervalMs, base, last.latencyMs * options.latencyFactor);
  // A slow scheduler may push past the cap: asking it more often would only slow it further.
  const capped = Math.min(base, Math.max(options.maxIntervalMs, last.latencyMs * options.latencyFactor));
  const spread = 1 + options.jitter * (2 * random() - 1);
  return Math.max(1, Math.round(capped * spread));
}

/** What the poller knows about one watched job that has not ended, for pacing. */
export interface PacedJob {
  /** Whether it runs now, so its time limit is counting down. */
  running: boolean;
  /** Time since it started (running) or since it was first watched (not started yet). */
  ageMs: number;
  /** Time left until its time limit runs out (running jobs with a limit); negative once past it. */
  remainingMs?: number;
}

/** Look this long after a time limit runs out, when the scheduler has usually ended the job. */
export const TIME_LIMIT_SLACK_MS = 500;
/**
 * How long after its time limit a still-running job is polled at the minimum interval: the
 * scheduler ends it on its next periodic limit check (Slurm: every 30 s) plus the kill wait.
 */
export const OVERDUE_WINDOW_MS = 120_000;

/**
 * Caps an interval by what the watched jobs' clocks say: the next poll comes no later than the
 * earliest time limit (plus {@link TIME_LIMIT_SLACK_MS}) among running jobs, at the minimum
 * interval while a job is past its limit but not yet ended (up to {@link OVERDUE_WINDOW_MS}),
 * every `youngJobIntervalMs` while any job is in its first `youngJobWindowMs`, and within
 * `recentJobMaxIntervalMs` while any job is in its first `recentJobWindowMs`. These caps win over
 * `latencyFactor`, but never ask sooner than the minimum interval (the young-job interval, while a
 * job is young) or twice the last poll's latency, so a slow scheduler is still idle half the time.
 */
export function capForJobs(
  options: PollingOptions,
  intervalMs: number,
  jobs: Iterable<PacedJob>,
  latencyMs = 0,
): number {
  let cap = Number.POSITIVE_INFINITY;
  let shortest = options.minIntervalMs;
  for (const job of jobs) {
    if (job.ageMs < options.youngJobWindowMs) {
      cap = Math.min(cap, options.youngJobIntervalMs);
      shortest = Math.min(shortest, options.youngJobIntervalMs);
    }
    if (job.ageMs < options.recentJobWindowMs) cap = Math.min(cap, options.recentJobMaxIntervalMs);
    if (!job.running || job.remainingMs === undefined) continue;
    if (job.remainingMs > 0) cap = Math.min(cap, job.remainingMs + TIME_LIMIT_SLACK_MS);
    else if (-job.remainingMs < OVERDUE_WINDOW_MS) cap = Math.min(cap, options.minIntervalMs);
  }
  const floor = Math.max(shortest, 2 * latencyMs);
  return Math.max(1, Math.round(Math.min(intervalMs, Math.max(floor, cap))));
}
