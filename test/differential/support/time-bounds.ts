/**
 * How long the runner waits for a case's jobs before it gives up on them: what the jobs themselves
 * take (their `sleep`s, one array wave after another, a parent before its child), what the runner
 * waits before it releases or cancels them, and per job a scheduler latency measured in this run
 * (how long the scheduler took to start a job that was free to start, and how long until a look
 * saw a job that had ended as ended). A loaded scheduler is given the time it measurably needs; a
 * job that never runs where the other scheduler ran it is still cut off, and compared.
 */
import { parseArraySpec } from '@hpckit/core';
import type { DiffCase } from './cases.js';

/** A parent's run time comes from its command like any job's. */
const SLEEP = /\bsleep\s+(\d+)/g;

/** Seconds of `sleep` in a command or script: what the job takes to run, beside its start. */
function sleepMs(text: string | undefined): number {
  let total = 0;
  for (const m of (text ?? '').matchAll(SLEEP)) total += Number(m[1]) * 1000;
  return total;
}

/** Array tasks run one wave after another when a throttle (`%n`) caps how many run at once. */
function waves(array: DiffCase['spec']['array']): number {
  // The cases write arrays as text (`0-3%2`); a structured one runs in one wave.
  if (typeof array !== 'string') return 1;
  const parsed = parseArraySpec(array);
  if (typeof parsed !== 'object') return 1;
  const throttle = parsed.throttle ?? parsed.indices.length;
  return Math.max(1, Math.ceil(parsed.indices.length / Math.max(1, throttle)));
}

/** What the runner waits itself before it acts on a case (see observe.ts). */
export interface RunnerWaits {
  /** A held job to be released is released this long after submission. */
  releaseAfterMs: number;
  /** A job that cannot run by itself is cancelled this long after submission. */
  cancelAfterMs: number;
  /** Time between two looks: an event is seen at most this late. */
  lookMs: number;
}

/** Whether a case may wait for the runner to cancel it (held for good, or on a parent). */
function mayBeCancelled(c: DiffCase): boolean {
  const heldInScript = /^#SBATCH\b.*(\s-H\b|--hold)/m.test(c.spec.script ?? '');
  return c.parent !== undefined || (!c.release && (c.spec.hold === true || heldInScript));
}

/**
 * How long after its submission a case's jobs may take to end on a scheduler whose latency is
 * `latencyMs`: the runner's own wait, then for the parent and for each array wave the job's run
 * time plus two latencies (start, and the end seen) and a look.
 */
export function caseBoundMs(c: DiffCase, latencyMs: number, w: RunnerWaits): number {
  const step = (runMs: number) => runMs + 2 * latencyMs + w.lookMs;
  const wait = mayBeCancelled(c) ? w.cancelAfterMs : c.release ? w.releaseAfterMs : 0;
  const parent = c.parent ? step(sleepMs(c.parent.command)) : 0;
  const own = waves(c.spec.array) * step(sleepMs(c.spec.command ?? c.spec.script));
  return wait + parent + own + w.lookMs;
}

/**
 * The scheduler latency of one side, measured as the run goes: the longest start or end latency
 * seen so far, and before any job has started, the longest the scheduler took to answer a look.
 */
export interface LatencyMeter {
  /** A job free to start since `eligibleAt` (ms) started at `startTime` (whole seconds). */
  started(eligibleAt: number, startTime: Date): void;
  /** A job that ended at `endTime` (whole seconds) was first seen ended at `seenAt` (ms). */
  ended(endTime: Date, seenAt: number): void;
  /** A look at the scheduler took `ms`. */
  answered(ms: number): void;
  /** The latency to allow per step, in ms. */
  current(): number;
  /** How many start and end latencies it has measured. */
  samples(): number;
}

/** A {@link LatencyMeter} for one side; keep it across batches so later ones know the latency. */
export function latencyMeter(): LatencyMeter {
  let measured = 0;
  let count = 0;
  let slowestAnswer = 0;
  // Slurm's times have whole seconds: a second is added so a sample never undercounts.
  const sample = (ms: number) => {
    measured = Math.max(measured, ms);
    count++;
  };
  return {
    started: (eligibleAt, startTime) => sample(Math.max(0, startTime.getTime() + 1000 - eligibleAt)),
    ended: (endTime, seenAt) => sample(Math.max(0, seenAt - endTime.getTime())),
    answered: (ms) => {
      slowestAnswer = Math.max(slowestAnswer, ms);
    },
    current: () => Math.max(measured, slowestAnswer),
    samples: () => count,
  };
}
