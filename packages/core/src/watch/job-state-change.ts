import type { JobState } from '../model/job-state.js';

/** Whether two states differ in anything a watcher reports (phase, outcome, raw state, reason, exit). */
export function stateChanged(a: JobState, b: JobState): boolean {
  return (
    a.phase !== b.phase ||
    a.outcome !== b.outcome ||
    a.raw !== b.raw ||
    a.reason !== b.reason ||
    a.exitCode !== b.exitCode ||
    a.signal !== b.signal
  );
}
