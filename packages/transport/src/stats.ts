import type { TransportStats } from './transport.js';

/** A mutable stats record with helpers to time one call. */
export interface StatsRecorder {
  /** A copy of the counters now, for `Transport.stats()`. */
  snapshot(): TransportStats;
  /** Marks a call as started; the returned function marks it finished (only its first call counts). */
  begin(program: string): (failed: boolean) => void;
  /** Counts a connection opened. */
  connectionOpened(): void;
  /** Counts a channel open that the server refused and that was retried. */
  channelRetried(): void;
}

/**
 * Creates an empty {@link StatsRecorder}: the counters behind `stats()` of the built-in transports,
 * for a transport of your own (a test double, a site's runner) to report the same way.
 *
 * @example
 * ```ts
 * const stats = createStats();
 * const transport: Transport = {
 *   kind: 'scripted',
 *   canActAsUser: false,
 *   stats: stats.snapshot,
 *   async close() {},
 *   async exec(request) {
 *     const finish = stats.begin(request.argv[0] ?? '');
 *     finish(false);
 *     return { stdout: '', stderr: '', exitCode: 0 };
 *   },
 * };
 * ```
 */
export function createStats(): StatsRecorder {
  const stats: TransportStats = {
    calls: 0,
    failures: 0,
    totalMs: 0,
    maxMs: 0,
    inFlight: 0,
    maxInFlight: 0,
    connections: 0,
    channelRetries: 0,
    byProgram: {},
  };
  return {
    snapshot: () => ({ ...stats, byProgram: { ...stats.byProgram } }),
    connectionOpened: () => {
      stats.connections++;
    },
    channelRetried: () => {
      stats.channelRetries++;
    },
    begin(program) {
      const started = performance.now();
      stats.calls++;
      stats.byProgram[program] = (stats.byProgram[program] ?? 0) + 1;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      let done = false;
      return (failed) => {
        if (done) return;
        done = true;
        const ms = performance.now() - started;
        stats.inFlight--;
        stats.totalMs += ms;
        stats.maxMs = Math.max(stats.maxMs, ms);
        if (failed) stats.failures++;
      };
    },
  };
}
