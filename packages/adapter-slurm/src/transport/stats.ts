import type { TransportStats } from './transport.js';

/** A mutable stats record with helpers to time one call. */
export interface StatsRecorder {
  snapshot(): TransportStats;
  /** Marks a call as started; the returned function marks it finished. */
  begin(program: string): (failed: boolean) => void;
  connectionOpened(): void;
  channelRetried(): void;
}

/** Creates an empty {@link StatsRecorder}. */
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
