import { type JobSpec, type ResourceCounts, requestedShape } from '@hpckit/core';
import type { MockPartition } from '../cluster/mock-cluster-schema.js';
import type { NodeDemand } from './node-pool.js';

/** What a job takes on each node, and the totals it reports as requested. */
export interface JobDemand {
  demand: NodeDemand;
  requested: ResourceCounts;
}

/**
 * Works out what a spec takes on each node of `partition`: its cores and GPUs per node, and its
 * memory per node (as asked per node, per core or per GPU; else the partition's default per core;
 * else the whole node, as Slurm does without `DefMemPerCPU`).
 */
export function jobDemandOf(spec: JobSpec, partition: MockPartition): JobDemand {
  const shape = requestedShape(spec);
  let perNode: number;
  let total: number;
  if (spec.memory) {
    const m = spec.memory;
    perNode =
      m.per === 'node'
        ? m.mebibytes
        : m.per === 'core'
          ? m.mebibytes * shape.coresPerNode
          : m.mebibytes * shape.gpusPerNode;
    total = shape.memoryMiB!;
  } else if (partition.defaultMemoryPerCore !== undefined) {
    perNode = partition.defaultMemoryPerCore * shape.coresPerNode;
    total = partition.defaultMemoryPerCore * shape.cores;
  } else {
    perNode = partition.node.memory;
    total = perNode * shape.nodes;
  }
  return {
    demand: {
      nodes: shape.nodes,
      coresPerNode: shape.coresPerNode,
      memoryPerNodeMiB: perNode,
      gpusPerNode: shape.gpusPerNode,
    },
    requested: { nodes: shape.nodes, cores: shape.cores, gpus: shape.gpus, memoryMiB: total },
  };
}
