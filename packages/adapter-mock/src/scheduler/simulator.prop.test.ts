import { DEPENDENCY_TYPES } from '@hpckit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simHarness } from '../../test/support/sim-harness.js';
import type { DependencyTerm, SimJob } from '../jobs/sim-job.js';

const NODES = 3;
const CORES = 8;
const MEMORY_MIB = 16 * 1024;
const GPUS = 2;

const jobArb = fc.record({
  nodes: fc.integer({ min: 1, max: NODES }),
  cores: fc.integer({ min: 1, max: CORES }),
  memoryMiB: fc.integer({ min: 1, max: MEMORY_MIB }),
  gpus: fc.integer({ min: 0, max: GPUS }),
  runtime: fc.integer({ min: 0, max: 500 }),
  limit: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
  priority: fc.constantFrom(0, 25, 50),
  exitCode: fc.constantFrom(0, 0, 0, 1),
  held: fc.boolean(),
  submitAt: fc.integer({ min: 0, max: 300 }),
  dependsOn: fc.array(
    fc.record({ type: fc.constantFrom(...DEPENDENCY_TYPES), on: fc.nat(), whole: fc.boolean() }),
    { maxLength: 2 },
  ),
  arrayOf: fc.option(
    fc.record({
      count: fc.integer({ min: 2, max: 5 }),
      throttle: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    }),
    {
      nil: undefined,
      freq: 4,
    },
  ),
});

describe('simulator properties', () => {
  it('never over-commits a node, ends every job exactly once, and never starts a job before its dependencies allow', () => {
    fc.assert(
      fc.property(
        fc.array(jobArb, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 5 }),
        (specs, depth) => {
          const starts = new Map<SimJob, number>();
          const ends = new Map<SimJob, number>();
          const problems: string[] = [];
          const h = simHarness({
            nodes: NODES,
            cores: CORES,
            memoryGiB: MEMORY_MIB / 1024,
            gpus: GPUS,
            backfillDepth: depth,
            observer: {
              started(job) {
                starts.set(job, (starts.get(job) ?? 0) + 1);
                checkPool(h, problems);
                const verdict = dependencyVerdict(job.dependencies);
                if (verdict !== 'satisfied') problems.push(`${job.id} started with dependencies ${verdict}`);
                if (job.held) problems.push(`${job.id} started while held`);
              },
              ended(job) {
                ends.set(job, (ends.get(job) ?? 0) + 1);
                checkPool(h, problems);
              },
            },
          });
          const all: SimJob[] = [];
          const heldJobs: SimJob[] = [];
          const ordered = [...specs].sort((a, b) => a.submitAt - b.submitAt);
          for (const s of ordered) {
            h.at(s.submitAt);
            const dependencies: DependencyTerm[] = all.length
              ? s.dependsOn.map((d) => {
                  const target = all[d.on % all.length]!;
                  return { type: d.type, targets: [d.whole && target.group ? target.group : target] };
                })
              : [];
            const options = { ...s, limit: s.limit ?? null, dependencies };
            const jobs = s.arrayOf
              ? h.array(s.arrayOf.count, s.arrayOf.throttle, options).tasks
              : [h.job(options)];
            h.submit(...jobs);
            all.push(...jobs);
            if (s.held) heldJobs.push(...jobs);
          }
          h.sim.runUntilIdle(Number.POSITIVE_INFINITY);
          // Whatever was held or depends on something that can never happen: release, then cancel the rest.
          for (const job of heldJobs) h.sim.release(job);
          h.sim.runUntilIdle(Number.POSITIVE_INFINITY);
          for (const job of all) if (job.phase === 'pending') h.sim.cancel(job, 0);
          expect(h.sim.runUntilIdle(Number.POSITIVE_INFINITY)).toBe('idle');

          expect(problems).toEqual([]);
          for (const job of all) {
            expect(ends.get(job), `${job.id} ends`).toBe(1);
            expect(starts.get(job) ?? 0, `${job.id} starts`).toBeLessThanOrEqual(1);
            if (job.startTime !== undefined) {
              expect(job.endTime! - job.startTime).toBeLessThanOrEqual(
                job.timeLimitSeconds === undefined ? Number.POSITIVE_INFINITY : job.timeLimitSeconds * 1000,
              );
            }
          }
          const pool = h.partition.pool;
          for (let i = 0; i < NODES; i++) {
            expect([pool.freeCores(i), pool.freeMemory(i), pool.freeGpus(i)]).toEqual([
              CORES,
              MEMORY_MIB,
              GPUS,
            ]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

function checkPool(h: ReturnType<typeof simHarness>, problems: string[]): void {
  const pool = h.partition.pool;
  for (let i = 0; i < pool.size; i++) {
    const cores = pool.freeCores(i);
    const memory = pool.freeMemory(i);
    const gpus = pool.freeGpus(i);
    if (cores < 0 || cores > CORES || memory < 0 || memory > MEMORY_MIB || gpus < 0 || gpus > GPUS) {
      problems.push(`node ${i} at ${h.sim.now}: cores ${cores}, memory ${memory}, gpus ${gpus}`);
    }
  }
  // Independently of the pool's own bookkeeping: what running jobs hold fits in every node.
  const used = Array.from({ length: pool.size }, () => ({ cores: 0, memory: 0, gpus: 0 }));
  for (const job of h.partition.running) {
    for (const n of job.nodes!) {
      used[n]!.cores += job.demand.coresPerNode;
      used[n]!.memory += job.demand.memoryPerNodeMiB;
      used[n]!.gpus += job.demand.gpusPerNode;
    }
  }
  used.forEach((u, i) => {
    if (u.cores > CORES || u.memory > MEMORY_MIB || u.gpus > GPUS)
      problems.push(`node ${i} over-committed: ${JSON.stringify(u)}`);
    if (u.cores + pool.freeCores(i) !== CORES)
      problems.push(`node ${i}: pool and running jobs disagree on cores`);
  });
}

/** Dependency state recomputed from the targets alone, independently of the simulator's own tracking. */
function dependencyVerdict(terms: readonly DependencyTerm[]): 'satisfied' | 'unsatisfied' {
  for (const term of terms) {
    for (const target of term.targets) {
      const jobs = target.kind === 'array' ? target.tasks : [target];
      const ok = jobs.every((j) => {
        if (term.type === 'after') return j.phase !== 'pending';
        if (j.phase !== 'ended') return false;
        if (term.type === 'afterany') return true;
        return term.type === 'afterok' ? j.outcome === 'completed' : true;
      });
      const notOkNeeded = term.type === 'afternotok' && !jobs.some((j) => j.outcome !== 'completed');
      if (!ok || notOkNeeded) return 'unsatisfied';
    }
  }
  return 'satisfied';
}
