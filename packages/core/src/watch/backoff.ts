import { z } from 'zod';

/** How the shared poller paces itself; parses a {@link PollingOptionsInput}. All times in ms. */
export const PollingOptionsSchema = z.strictObject({
  minIntervalMs: z.number().positive().default(1_000),
  maxIntervalMs: z.number().positive().default(30_000),
  backoffFactor: z.number().min(1).default(1.5),
  latencyFactor: z.number().nonnegative().default(10),
  jitter: z.number().min(0).max(1).default(0.1),
  missingGraceMs: z.number().nonnegative().default(120_000),
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
   * Shortest interval between two polls, in milliseconds.
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
   * The interval is at least this many times the last poll's latency, so a slow scheduler is asked
   * less often.
   *
   * @defaultValue 10
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
