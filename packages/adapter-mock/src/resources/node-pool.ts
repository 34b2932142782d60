import type { NodeShape } from '@hpckit/core';

/** What a job needs on each of its nodes. */
export interface NodeDemand {
  nodes: number;
  coresPerNode: number;
  memoryPerNodeMiB: number;
  gpusPerNode: number;
}

/**
 * The free cores, memory and GPUs of each node of one partition: resources are taken when a job
 * starts and given back when it ends, so what is in use can never exceed what the nodes have.
 */
export interface NodePool {
  /** Number of nodes. */
  readonly size: number;
  /** Hardware of every node. */
  readonly shape: NodeShape;
  /** Free cores summed over all nodes (a quick upper bound before scanning nodes). */
  readonly freeCoresTotal: number;
  /** Free cores of node `i`. */
  freeCores(i: number): number;
  /** Free memory (MiB) of node `i`. */
  freeMemory(i: number): number;
  /** Free GPUs of node `i`. */
  freeGpus(i: number): number;
  /** Whether enough nodes have room for `demand` right now. */
  fits(demand: NodeDemand): boolean;
  /** Takes `demand` from the first nodes with room; returns their indices. Throws if it does not fit. */
  allocate(demand: NodeDemand): number[];
  /** Gives back what {@link NodePool.allocate} took. */
  release(nodes: readonly number[], demand: NodeDemand): void;
  /** An independent copy, for what-if planning (backfill reservations). */
  clone(): NodePool;
  /** Makes this pool's free resources equal to `source`'s (same shape and size). */
  copyFrom(source: NodePool): void;
}

/** Creates a pool of `size` identical, fully free nodes. */
export function createNodePool(shape: NodeShape, size: number): NodePool {
  return poolFrom(
    shape,
    new Int32Array(size).fill(shape.cores),
    new Float64Array(size).fill(shape.memoryMiB),
    new Int32Array(size).fill(shape.gpus),
  );
}

function poolFrom(shape: NodeShape, cores: Int32Array, memory: Float64Array, gpus: Int32Array): NodePool {
  const size = cores.length;
  let freeCoresTotal = cores.reduce((a, c) => a + c, 0);

  const roomOn = (i: number, d: NodeDemand) =>
    cores[i]! >= d.coresPerNode && memory[i]! >= d.memoryPerNodeMiB && gpus[i]! >= d.gpusPerNode;

  function fits(d: NodeDemand): boolean {
    if (d.nodes > size || d.coresPerNode * d.nodes > freeCoresTotal) return false;
    let found = 0;
    for (let i = 0; i < size; i++) if (roomOn(i, d) && ++found === d.nodes) return true;
    return false;
  }

  return {
    size,
    shape,
    get freeCoresTotal() {
      return freeCoresTotal;
    },
    freeCores: (i) => cores[i]!,
    freeMemory: (i) => memory[i]!,
    freeGpus: (i) => gpus[i]!,
    fits,
    allocate(d) {
      const chosen: number[] = [];
      for (let i = 0; i < size && chosen.length < d.nodes; i++) if (roomOn(i, d)) chosen.push(i);
      if (chosen.length < d.nodes) throw new RangeError(`allocation of ${d.nodes} node(s) does not fit`);
      for (const i of chosen) {
        cores[i]! -= d.coresPerNode;
        memory[i]! -= d.memoryPerNodeMiB;
        gpus[i]! -= d.gpusPerNode;
      }
      freeCoresTotal -= d.coresPerNode * d.nodes;
      return chosen;
    },
    release(nodes, d) {
      for (const i of nodes) {
        cores[i]! += d.coresPerNode;
        memory[i]! += d.memoryPerNodeMiB;
        gpus[i]! += d.gpusPerNode;
      }
      freeCoresTotal += d.coresPerNode * nodes.length;
    },
    clone: () => poolFrom(shape, cores.slice(), memory.slice(), gpus.slice()),
    copyFrom(source) {
      for (let i = 0; i < size; i++) {
        cores[i] = source.freeCores(i);
        memory[i] = source.freeMemory(i);
        gpus[i] = source.freeGpus(i);
      }
      freeCoresTotal = source.freeCoresTotal;
    },
  };
}
