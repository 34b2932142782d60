import type { JobDependency, JobOutcome, JobSpec, ResourceCounts } from '@hpckit/core';
import type { NodeDemand } from '../resources/node-pool.js';
import type { PartitionRuntime } from '../scheduler/partition-runtime.js';
import type { QueueEntry } from '../scheduler/run-queue.js';
import type { ResolvedBehavior } from './job-behavior.js';

/** Where a simulated job is: held jobs are `pending` with `held` set. */
export type SimPhase = 'pending' | 'running' | 'ended';

/** Whether a job's dependencies let it run: `none` left to wait for, still `waiting`, or `never`. */
export type DependencyState = 'none' | 'waiting' | 'never';

/** One dependency of a job, resolved to the jobs (or whole arrays) it names. */
export interface DependencyTerm {
  type: JobDependency['type'];
  targets: (SimJob | ArrayGroup)[];
}

/** The tasks of one job array, with the counters that dependencies and the `%N` throttle need. */
export interface ArrayGroup {
  readonly kind: 'array';
  /** The array job id (`1234` for tasks `1234_0`, `1234_1`…). */
  readonly id: string;
  readonly tasks: SimJob[];
  /** At most this many tasks queued or running at once. */
  readonly throttle: number | undefined;
  /** Tasks holding a throttle slot (queued or running). */
  admitted: number;
  /** Tasks waiting for a slot, oldest first from `waitingHead`. */
  waiting: SimJob[];
  waitingHead: number;
  notStarted: number;
  ended: number;
  completed: number;
  /** Jobs that depend on the whole array. */
  dependents: SimJob[];
}

/**
 * The simulator's mutable record of one job (or array task). Readers never see it: they get a
 * core `Job` built from it at the current virtual time.
 */
export interface SimJob {
  readonly kind: 'job';
  /** Submission order, unique and increasing: orders equal-priority jobs and listings. */
  readonly seq: number;
  readonly id: string;
  readonly group: ArrayGroup | undefined;
  readonly arrayTaskId: number | undefined;
  readonly spec: JobSpec;
  readonly name: string;
  readonly user: string;
  readonly account: string;
  readonly partition: PartitionRuntime;
  readonly qos: string | undefined;
  readonly priority: number;
  readonly demand: NodeDemand;
  readonly requested: ResourceCounts;
  timeLimitSeconds: number | undefined;
  /** Virtual ms. */
  readonly submitTime: number;
  /** Not eligible before this virtual ms (`--begin`). */
  readonly beginAt: number | undefined;
  behavior: ResolvedBehavior;
  readonly workingDirectory: string;
  readonly stdoutPath: string;
  readonly stderrPath: string;
  readonly comment: string | undefined;
  readonly dependencies: DependencyTerm[];
  /** Jobs that depend on this one. */
  dependents: SimJob[];

  phase: SimPhase;
  held: boolean;
  depState: DependencyState;
  /** Place in the partition's run queue while eligible. */
  entry: QueueEntry<SimJob> | undefined;
  /** Holds a slot of its array's throttle. */
  admitted: boolean;
  /** Waits for a slot of its array's throttle. */
  throttled: boolean;
  /** The partition's pass count when the job was queued (a later pass has looked at it). */
  enqueuedPass: number;
  startTime: number | undefined;
  endTime: number | undefined;
  /** Node indices in the partition while running and after. */
  nodes: number[] | undefined;
  /** When the time limit runs out (start + limit; `Infinity` if unlimited or not started), in ms. */
  expectedEnd: number;
  /** Whether the planned end is the time limit. */
  timedOut: boolean;
  /** Bumped whenever the planned end moves, so stale end events are ignored. */
  endVersion: number;
  outcome: JobOutcome | undefined;
  raw: string | undefined;
  exitCode: number | undefined;
  /** Signal that ended the script, if one did. */
  signal: number | undefined;
  endReason: string | undefined;
  /** Virtual ms until which an ended job stays in the live queue. */
  liveUntil: number;
  /** Virtual ms from which an ended job is in accounting (`Infinity`: never). */
  accountedAt: number;
}

/** The fixed facts of a new job; everything else starts out pending. */
export type SimJobInit = Pick<
  SimJob,
  | 'seq'
  | 'id'
  | 'group'
  | 'arrayTaskId'
  | 'spec'
  | 'name'
  | 'user'
  | 'account'
  | 'partition'
  | 'qos'
  | 'priority'
  | 'demand'
  | 'requested'
  | 'timeLimitSeconds'
  | 'submitTime'
  | 'beginAt'
  | 'workingDirectory'
  | 'stdoutPath'
  | 'stderrPath'
  | 'comment'
  | 'dependencies'
  | 'held'
>;

const PLACEHOLDER_BEHAVIOR: ResolvedBehavior = { runtimeMs: 1000, exitCode: 0, outcome: 'completed' };

/** Creates a pending job record (its behaviour is set once the job exists). */
export function createSimJob(init: SimJobInit): SimJob {
  // Spelled out rather than spread: one object shape for every record keeps the hot paths fast.
  return {
    kind: 'job',
    seq: init.seq,
    id: init.id,
    group: init.group,
    arrayTaskId: init.arrayTaskId,
    spec: init.spec,
    name: init.name,
    user: init.user,
    account: init.account,
    partition: init.partition,
    qos: init.qos,
    priority: init.priority,
    demand: init.demand,
    requested: init.requested,
    timeLimitSeconds: init.timeLimitSeconds,
    submitTime: init.submitTime,
    beginAt: init.beginAt,
    behavior: PLACEHOLDER_BEHAVIOR,
    workingDirectory: init.workingDirectory,
    stdoutPath: init.stdoutPath,
    stderrPath: init.stderrPath,
    comment: init.comment,
    dependencies: init.dependencies,
    dependents: [],
    phase: 'pending',
    held: init.held,
    depState: 'none',
    entry: undefined,
    admitted: false,
    throttled: false,
    enqueuedPass: 0,
    startTime: undefined,
    endTime: undefined,
    nodes: undefined,
    expectedEnd: Number.POSITIVE_INFINITY,
    timedOut: false,
    endVersion: 0,
    outcome: undefined,
    raw: undefined,
    exitCode: undefined,
    signal: undefined,
    endReason: undefined,
    liveUntil: Number.POSITIVE_INFINITY,
    accountedAt: Number.POSITIVE_INFINITY,
  };
}

/** Creates the record of a job array, before its tasks are added. */
export function createArrayGroup(id: string, throttle: number | undefined): ArrayGroup {
  return {
    kind: 'array',
    id,
    tasks: [],
    throttle,
    admitted: 0,
    waiting: [],
    waitingHead: 0,
    notStarted: 0,
    ended: 0,
    completed: 0,
    dependents: [],
  };
}
