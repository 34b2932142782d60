import type { Job, JobSpec } from '@hpckit/core';
import { z } from 'zod';
import { mockRules } from '../errors/mock-rules.js';

/** Outcomes a job can end with by itself (timeouts and cancellations come from the scheduler). */
export const BEHAVIOR_OUTCOMES = [
  'completed',
  'failed',
  'out_of_memory',
  'node_fail',
  'boot_fail',
  'preempted',
  'deadline',
] as const;

/** One of {@link BEHAVIOR_OUTCOMES}. */
export type BehaviorOutcome = (typeof BEHAVIOR_OUTCOMES)[number];

/** How one job behaves once it runs. */
export interface JobBehaviorResult {
  /** Seconds the job runs if nothing stops it; past its time limit it ends `timeout`. */
  runtime: number;
  /** Exit code of the script. @default 0, or 1 when the outcome is `failed` */
  exitCode?: number;
  /** How it ends. @default `completed` for exit code 0 and no signal, else `failed` */
  outcome?: BehaviorOutcome;
  /**
   * Signal that kills the script (`kill -9 $$`): the job ends `failed` with exit code 0 and this
   * signal, as Slurm reports it (`ExitCode 0:9`).
   */
  signal?: number;
  /** What the job prints on standard output, written to its output file when the mock has `files`. @default '' */
  stdout?: string;
  /** What the job prints on standard error (into the output file too unless the job splits them). @default '' */
  stderr?: string;
}

/**
 * Decides how a job behaves: called once per job (once per array task) when it is submitted, with
 * the validated spec and the job as first recorded (pending, with its id and array index).
 *
 * @example
 * ```ts
 * const flaky: JobBehavior = (spec, job) =>
 *   job.arrayTaskId === 3 ? { runtime: 60, outcome: 'node_fail' } : defaultJobBehavior(spec, job);
 * ```
 */
export type JobBehavior = (spec: JobSpec, job: Job) => JobBehaviorResult;

/** Validates what a {@link JobBehavior} returns. */
export const JobBehaviorResultSchema = z.strictObject({
  // zod refuses Infinity and NaN as not numbers, so the rule words the type check itself.
  runtime: z
    .number({ error: mockRules.error('finite_seconds') })
    .nonnegative({ error: mockRules.error('not_negative') }),
  exitCode: z
    .number()
    .int({ error: mockRules.error('whole_number') })
    .min(0)
    .max(255)
    .optional(),
  outcome: z.enum(BEHAVIOR_OUTCOMES).optional(),
  signal: z
    .number()
    .int({ error: mockRules.error('whole_number') })
    .min(1)
    .max(64)
    .optional(),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
});

/** A behaviour with its defaults applied, in the simulator's units. */
export interface ResolvedBehavior {
  runtimeMs: number;
  exitCode: number;
  outcome: BehaviorOutcome;
  signal?: number;
  stdout?: string;
  stderr?: string;
}

/** Applies the defaults of {@link JobBehaviorResult}: outcome from exit code and back. */
export function resolveBehavior(result: z.output<typeof JobBehaviorResultSchema>): ResolvedBehavior {
  const { signal } = result;
  const outcome = result.outcome ?? (result.exitCode || signal !== undefined ? 'failed' : 'completed');
  const exitCode = result.exitCode ?? (outcome === 'failed' && signal === undefined ? 1 : 0);
  const resolved: ResolvedBehavior = { runtimeMs: Math.round(result.runtime * 1000), exitCode, outcome };
  if (signal !== undefined) resolved.signal = signal;
  if (result.stdout) resolved.stdout = result.stdout;
  if (result.stderr) resolved.stderr = result.stderr;
  return resolved;
}
