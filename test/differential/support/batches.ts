/**
 * Packs cases into batches that fit the test cluster's one node together, so no case waits for
 * another's resources: on Slurm the three partitions share that node, in the mock each has its own
 * (a documented difference), and only an uncontended batch makes the two comparable.
 */
import type { MockClusterInput } from '@hpckit/adapter-mock';
import { parseArraySpec, parseMemorySize } from '@hpckit/core';
import type { DiffCase } from './cases.js';

/** Cases per batch at most, whatever they ask for. */
const MAX_CASES = 30;
/** Share of the node a batch may use. */
const FILL = 0.9;
/** Cores a script case may ask for at most (its generator writes `-c 1`–`-c 3`). */
const SCRIPT_CORES = 3;

interface Demand {
  cores: number;
  gpus: number;
  memoryMiB: number;
}

const mib = (text: string | number | undefined) =>
  typeof text === 'number' ? text : text === undefined ? undefined : parseMemorySize(text);

/** An upper bound of what a case holds at once; zero for what no node can hold (it is refused). */
function demandOf(c: DiffCase, cluster: MockClusterInput): Demand {
  const s = c.spec;
  const node = cluster.partitions[0]!.node;
  const partition =
    cluster.partitions.find((p) => p.name === s.partition) ?? cluster.partitions.find((p) => p.default);
  const array = s.array === undefined ? undefined : parseArraySpec(String(s.array));
  const tasks = typeof array === 'object' ? Math.min(array.indices.length, array.throttle ?? Infinity) : 1;
  const perTask = s.script
    ? SCRIPT_CORES
    : (s.coresPerNode ?? 0) * (s.nodes ?? 1) || (s.tasks ?? 1) * (s.cpusPerTask ?? 1);
  const gpus = s.script?.includes('gpu') ? 1 : Number(s.gpusPerNode ?? 0);
  const m = s.memory as { perNode?: string; perCore?: string; perGpu?: string } | undefined;
  const perNode =
    mib(m?.perNode) ??
    (m?.perCore ? mib(m.perCore)! * perTask : undefined) ??
    (m?.perGpu ? mib(m.perGpu)! * gpus : undefined) ??
    (mib(partition?.defaultMemoryPerCore) ?? 1024) * perTask;
  if (perTask > node.cores || gpus > (node.gpus ?? 0) || perNode > mib(node.memory)!) {
    return { cores: 0, gpus: 0, memoryMiB: 0 };
  }
  const parent = c.parent ? 1 : 0;
  return { cores: perTask * tasks + parent, gpus: gpus * tasks, memoryMiB: perNode * tasks + 256 * parent };
}

/** The cases in order, cut into batches whose jobs fit the node at the same time. */
export function packBatches(cases: readonly DiffCase[], cluster: MockClusterInput): DiffCase[][] {
  const node = cluster.partitions[0]!.node;
  const limit = { cores: node.cores * FILL, gpus: node.gpus ?? 0, memoryMiB: mib(node.memory)! * FILL };
  const batches: DiffCase[][] = [];
  let current: DiffCase[] = [];
  let used: Demand = { cores: 0, gpus: 0, memoryMiB: 0 };
  for (const c of cases) {
    const d = demandOf(c, cluster);
    const fits =
      current.length < MAX_CASES &&
      used.cores + d.cores <= limit.cores &&
      used.gpus + d.gpus <= limit.gpus &&
      used.memoryMiB + d.memoryMiB <= limit.memoryMiB;
    if (!fits && current.length > 0) {
      batches.push(current);
      current = [];
      used = { cores: 0, gpus: 0, memoryMiB: 0 };
    }
    current.push(c);
    used = { cores: used.cores + d.cores, gpus: used.gpus + d.gpus, memoryMiB: used.memoryMiB + d.memoryMiB };
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
