/** The clock and timers the poller uses; injectable so tests and simulations control time. */
export interface Timers {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Schedules `callback` after `ms`; returns a handle for clearTimeout. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a scheduled callback. */
  clearTimeout(handle: unknown): void;
}

/** Real time. */
export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
