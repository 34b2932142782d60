import { describe, expect, it } from 'vitest';
import { earliestStart } from './earliest-start.js';
import { createNodePool, type NodeDemand } from './node-pool.js';

const demand = (nodes: number, coresPerNode: number, memoryPerNodeMiB = 0, gpusPerNode = 0): NodeDemand => ({
  nodes,
  coresPerNode,
  memoryPerNodeMiB,
  gpusPerNode,
});

describe('node pool', () => {
  it('allocates on nodes with room and gives everything back on release', () => {
    const pool = createNodePool({ cores: 4, memoryMiB: 1000, gpus: 1 }, 3);
    const a = pool.allocate(demand(2, 3, 500, 1));
    expect(a).toEqual([0, 1]);
    expect(pool.freeCoresTotal).toBe(6);
    expect(pool.fits(demand(2, 2))).toBe(false); // only node 2 has 2 free cores
    expect(pool.fits(demand(1, 1, 0, 1))).toBe(true);
    expect(pool.fits(demand(2, 1, 0, 1))).toBe(false); // GPUs left only on node 2
    pool.release(a, demand(2, 3, 500, 1));
    expect([pool.freeCoresTotal, pool.freeMemory(0), pool.freeGpus(1)]).toEqual([12, 1000, 1]);
  });

  it('refuses an allocation that does not fit', () => {
    const pool = createNodePool({ cores: 2, memoryMiB: 100, gpus: 0 }, 1);
    expect(() => pool.allocate(demand(1, 1, 101))).toThrow(RangeError);
    expect(pool.freeMemory(0)).toBe(100);
  });

  it('clones and copies independently', () => {
    const pool = createNodePool({ cores: 2, memoryMiB: 100, gpus: 0 }, 2);
    const copy = pool.clone();
    pool.allocate(demand(1, 2));
    expect([pool.freeCoresTotal, copy.freeCoresTotal]).toEqual([2, 4]);
    copy.copyFrom(pool);
    expect([copy.freeCores(0), copy.freeCoresTotal]).toEqual([0, 2]);
  });
});

describe('earliest start', () => {
  it('is now when it fits, else the first limit after which it fits', () => {
    const pool = createNodePool({ cores: 4, memoryMiB: 100, gpus: 0 }, 1);
    const scratch = pool.clone();
    const a = { expectedEnd: 500, nodes: pool.allocate(demand(1, 2)), demand: demand(1, 2) };
    const b = { expectedEnd: 900, nodes: pool.allocate(demand(1, 2)), demand: demand(1, 2) };
    expect(earliestStart(pool, scratch, [a, b], demand(1, 2), 100)).toBe(500);
    expect(earliestStart(pool, scratch, [a, b], demand(1, 4), 100)).toBe(900);
    expect(earliestStart(pool, scratch, [a, b], demand(1, 5), 100)).toBe(Number.POSITIVE_INFINITY);
    expect(pool.freeCoresTotal).toBe(0); // planning never touches the real pool
  });

  it('never plans past an unlimited job', () => {
    const pool = createNodePool({ cores: 1, memoryMiB: 100, gpus: 0 }, 1);
    const forever = {
      expectedEnd: Number.POSITIVE_INFINITY,
      nodes: pool.allocate(demand(1, 1)),
      demand: demand(1, 1),
    };
    expect(earliestStart(pool, pool.clone(), [forever], demand(1, 1), 0)).toBe(Number.POSITIVE_INFINITY);
  });
});
