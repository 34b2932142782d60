import type { MockPartition } from '../cluster/mock-cluster-schema.js';
import type { SimJob } from '../jobs/sim-job.js';
import { createNodePool, type NodePool } from '../resources/node-pool.js';
import { createRunQueue, type RunQueue } from './run-queue.js';

/** Where the last scheduling pass stopped looking: jobs queued behind it cannot change its result. */
export interface StopPoint {
  priority: number;
  seq: number;
}

/** One partition while the simulation runs: its nodes, its queue and its running jobs. */
export interface PartitionRuntime {
  readonly def: MockPartition;
  readonly pool: NodePool;
  /** A second pool of the same shape, overwritten when planning reservations. */
  readonly scratch: NodePool;
  readonly queue: RunQueue<SimJob>;
  /** Running jobs, sorted by the time their limit runs out. */
  readonly running: SimJob[];
  /** Node names, by node index (`cpu01`, `cpu02`…). */
  readonly nodeNames: readonly string[];
  /** Something changed since the last scheduling pass. */
  dirty: boolean;
  /** Scheduling passes run so far. */
  passes: number;
  /** The highest-priority job that did not fit in the last pass (pending reason `Resources`). */
  topBlocked: SimJob | undefined;
  /** Where the last pass stopped (depth reached or nothing free); undefined if it saw the whole queue. */
  stopPoint: StopPoint | undefined;
}

/** Creates the runtime state of a partition, all nodes free. */
export function createPartitionRuntime(def: MockPartition): PartitionRuntime {
  const width = Math.max(2, String(def.nodes).length);
  const pool = createNodePool(
    { cores: def.node.cores, memoryMiB: def.node.memory, gpus: def.node.gpus },
    def.nodes,
  );
  return {
    def,
    pool,
    scratch: pool.clone(),
    queue: createRunQueue<SimJob>(),
    running: [],
    nodeNames: Array.from(
      { length: def.nodes },
      (_, i) => `${def.name}${String(i + 1).padStart(width, '0')}`,
    ),
    dirty: false,
    passes: 0,
    topBlocked: undefined,
    stopPoint: undefined,
  };
}

/** Whether a job newly queued in `p` could change what the last pass decided. */
export function mattersToLastPass(p: PartitionRuntime, job: SimJob): boolean {
  const stop = p.stopPoint;
  return !stop || job.priority > stop.priority || (job.priority === stop.priority && job.seq < stop.seq);
}

/** Adds a job to the running list at its place by `expectedEnd`. */
export function addRunning(p: PartitionRuntime, job: SimJob): void {
  const list = p.running;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.expectedEnd <= job.expectedEnd) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, job);
}

/** Takes a job out of the running list. */
export function removeRunning(p: PartitionRuntime, job: SimJob): void {
  const i = p.running.indexOf(job);
  if (i !== -1) p.running.splice(i, 1);
}
