import type { Job, ResourceCounts } from './job.js';
import type { JobOutcome, JobPhase, JobState } from './job-state.js';

// The array shows its "most active" task: anything running makes the array running.
const PHASE_PRECEDENCE: readonly JobPhase[] = [
  'running',
  'completing',
  'suspended',
  'queued',
  'held',
  'ended',
];
// When every task has ended, the worst outcome wins; `completed` only if all completed.
const OUTCOME_PRECEDENCE: readonly JobOutcome[] = [
  'unknown',
  'node_fail',
  'boot_fail',
  'out_of_memory',
  'failed',
  'timeout',
  'deadline',
  'preempted',
  'cancelled',
  'completed',
];

/**
 * The state of a job array as a whole, from its tasks' states: the most active phase while any task
 * is alive; once all have ended, the worst outcome (so an array is `completed` only if every task
 * completed).
 */
export function aggregateArrayState(states: readonly JobState[]): JobState {
  if (states.length === 0) return { phase: 'ended', outcome: 'unknown', raw: 'NO_TASKS' };
  const phase = PHASE_PRECEDENCE.find((p) => states.some((s) => s.phase === p)) ?? 'ended';
  const counts = new Map<string, number>();
  for (const s of states) {
    const key = s.phase === 'ended' ? (s.outcome ?? 'unknown') : s.phase;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const raw = [...counts].map(([k, n]) => `${k}:${n}`).join(',');
  if (phase !== 'ended') return { phase, raw };
  const outcome = OUTCOME_PRECEDENCE.find((o) => states.some((s) => s.outcome === o)) ?? 'unknown';
  const worst = states.find((s) => s.outcome === outcome);
  return { phase, outcome, raw, reason: worst?.reason, exitCode: worst?.exitCode, signal: worst?.signal };
}

/**
 * One record standing for a whole job array, built from its tasks: aggregated state, summed
 * resources, earliest submit and start, latest end. Adapters return this from `jobs.get(arrayId)`.
 */
export function aggregateArrayJob(arrayJobId: string, tasks: readonly Job[]): Job {
  const first = tasks[0];
  if (!first) throw new RangeError(`array ${arrayJobId} has no tasks`);
  const state = aggregateArrayState(tasks.map((t) => t.state));
  const min = (dates: (Date | undefined)[]) => pick(dates, (a, b) => a < b);
  const max = (dates: (Date | undefined)[]) => pick(dates, (a, b) => a > b);
  const allocatedTasks = tasks.filter((t) => t.allocated);
  return {
    ...first,
    id: arrayJobId,
    arrayJobId,
    arrayTaskId: undefined,
    state,
    requested: sum(tasks.map((t) => t.requested)),
    allocated: allocatedTasks.length ? sum(allocatedTasks.map((t) => t.allocated!)) : undefined,
    submitTime: min(tasks.map((t) => t.submitTime)) ?? first.submitTime,
    startTime: min(tasks.map((t) => t.startTime)),
    endTime: state.phase === 'ended' ? max(tasks.map((t) => t.endTime)) : undefined,
    elapsedSeconds: tasks.reduce((acc, t) => Math.max(acc, t.elapsedSeconds), 0),
    nodeList: [...new Set(tasks.flatMap((t) => t.nodeList))],
  };
}

function pick(dates: (Date | undefined)[], better: (a: Date, b: Date) => boolean): Date | undefined {
  let best: Date | undefined;
  for (const d of dates) if (d && (!best || better(d, best))) best = d;
  return best;
}

function sum(counts: ResourceCounts[]): ResourceCounts {
  const memory = counts.every((c) => c.memoryMiB !== undefined)
    ? counts.reduce((a, c) => a + (c.memoryMiB ?? 0), 0)
    : undefined;
  return {
    nodes: counts.reduce((a, c) => a + c.nodes, 0),
    cores: counts.reduce((a, c) => a + c.cores, 0),
    gpus: counts.reduce((a, c) => a + c.gpus, 0),
    memoryMiB: memory,
  };
}
