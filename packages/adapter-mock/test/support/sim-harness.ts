/**
 * Builds a bare simulator over one partition, with a terse job factory, for unit and property
 * tests of scheduling without the adapter around it.
 */
import type { JobSpec } from '@hpckit/core';
import { MockPartitionSchema } from '../../src/cluster/mock-cluster-schema.js';
import type { BehaviorOutcome } from '../../src/jobs/job-behavior.js';
import {
  type ArrayGroup,
  createArrayGroup,
  createSimJob,
  type DependencyTerm,
  type SimJob,
} from '../../src/jobs/sim-job.js';
import { createPartitionRuntime, type PartitionRuntime } from '../../src/scheduler/partition-runtime.js';
import { createSimulator, type Simulator, type SimulatorObserver } from '../../src/scheduler/simulator.js';

export interface HarnessOptions {
  nodes?: number;
  cores?: number;
  memoryGiB?: number;
  gpus?: number;
  backfillDepth?: number;
  observer?: SimulatorObserver;
}

export interface JobOptions {
  id?: string;
  nodes?: number;
  cores?: number;
  memoryMiB?: number;
  gpus?: number;
  /** Seconds. */
  runtime?: number;
  /** Seconds; undefined = unlimited. */
  limit?: number | null;
  priority?: number;
  held?: boolean;
  beginAt?: number;
  outcome?: BehaviorOutcome;
  exitCode?: number;
  dependencies?: DependencyTerm[];
  group?: ArrayGroup;
  arrayTaskId?: number;
}

export interface Harness {
  sim: Simulator;
  partition: PartitionRuntime;
  job(options?: JobOptions): SimJob;
  array(count: number, throttle: number | undefined, options?: JobOptions): ArrayGroup;
  submit(...jobs: SimJob[]): void;
  /** Runs to `seconds` of virtual time. */
  at(seconds: number): void;
}

export function simHarness(options: HarnessOptions = {}): Harness {
  const def = MockPartitionSchema.parse({
    name: 'p',
    nodes: options.nodes ?? 2,
    node: { cores: options.cores ?? 4, memory: `${options.memoryGiB ?? 16}G`, gpus: options.gpus ?? 0 },
  });
  const partition = createPartitionRuntime(def);
  const sim = createSimulator({
    startMs: 0,
    partitions: [partition],
    backfillDepth: options.backfillDepth ?? 100,
    settle: (end) => ({ liveUntil: end + 300_000, accountedAt: end }),
    observer: options.observer,
  });
  let seq = 0;

  function job(o: JobOptions = {}): SimJob {
    const id = o.id ?? String(1000 + seq);
    const nodes = o.nodes ?? 1;
    const cores = o.cores ?? 1;
    const gpus = o.gpus ?? 0;
    const memory = o.memoryMiB ?? 1024;
    const record = createSimJob({
      seq: seq++,
      id,
      group: o.group,
      arrayTaskId: o.arrayTaskId,
      spec: {
        nodes,
        command: 'true',
        hold: false,
        inheritEnvironment: false,
        offset: 0,
      } as unknown as JobSpec,
      name: id,
      user: 'alice',
      account: 'lab',
      partition,
      qos: undefined,
      priority: o.priority ?? 0,
      demand: { nodes, coresPerNode: cores, memoryPerNodeMiB: memory, gpusPerNode: gpus },
      requested: { nodes, cores: cores * nodes, gpus: gpus * nodes, memoryMiB: memory * nodes },
      timeLimitSeconds: o.limit === null ? undefined : (o.limit ?? 3600),
      submitTime: sim.now,
      beginAt: o.beginAt,
      workingDirectory: '/home/alice',
      stdoutPath: '/home/alice/out',
      stderrPath: '/home/alice/out',
      comment: undefined,
      dependencies: o.dependencies ?? [],
      held: o.held ?? false,
    });
    const outcome = o.outcome ?? (o.exitCode ? 'failed' : 'completed');
    record.behavior = {
      runtimeMs: (o.runtime ?? 60) * 1000,
      exitCode: o.exitCode ?? (outcome === 'failed' ? 1 : 0),
      outcome,
    };
    return record;
  }

  function array(count: number, throttle: number | undefined, o: JobOptions = {}): ArrayGroup {
    const group = createArrayGroup(o.id ?? String(1000 + seq), throttle);
    for (let i = 0; i < count; i++)
      group.tasks.push(job({ ...o, id: `${group.id}_${i}`, group, arrayTaskId: i }));
    group.notStarted = count;
    return group;
  }

  return {
    sim,
    partition,
    job,
    array,
    submit: (...jobs) => sim.admit(jobs),
    at: (seconds) => sim.advanceTo(seconds * 1000),
  };
}
