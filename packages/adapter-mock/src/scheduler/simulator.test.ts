import { describe, expect, it } from 'vitest';
import { simHarness } from '../../test/support/sim-harness.js';

const started = (job: { startTime: number | undefined }) =>
  job.startTime === undefined ? undefined : job.startTime / 1000;
const ended = (job: { endTime: number | undefined }) =>
  job.endTime === undefined ? undefined : job.endTime / 1000;

describe('simulator: resources', () => {
  it('starts jobs while cores are free, queues the rest, and starts them when resources are freed', () => {
    const h = simHarness({ nodes: 1, cores: 4 });
    const a = h.job({ cores: 3, runtime: 100 });
    const b = h.job({ cores: 2, runtime: 50 });
    h.submit(a, b);
    h.at(0);
    expect([a.phase, b.phase]).toEqual(['running', 'pending']);
    expect(h.partition.pool.freeCores(0)).toBe(1);
    h.at(100);
    expect([a.phase, started(b)]).toEqual(['ended', 100]);
    expect(ended(a)).toBe(100);
    h.at(150);
    expect(ended(b)).toBe(150);
    expect(h.partition.pool.freeCores(0)).toBe(4);
  });

  it('accounts memory and GPUs per node, not only cores', () => {
    const h = simHarness({ nodes: 2, cores: 8, memoryGiB: 8, gpus: 2 });
    const big = h.job({ cores: 1, memoryMiB: 6 * 1024, runtime: 10 });
    const big2 = h.job({ cores: 1, memoryMiB: 6 * 1024, runtime: 10 });
    const third = h.job({ cores: 1, memoryMiB: 6 * 1024, runtime: 10 });
    const gpu = h.job({ cores: 1, memoryMiB: 1024, gpus: 2, runtime: 10 });
    h.submit(big, big2, third, gpu);
    h.at(0);
    // Two 6 GiB jobs fill both nodes' memory; the third waits although cores are free.
    expect([big.phase, big2.phase, third.phase]).toEqual(['running', 'running', 'pending']);
    expect(big.nodes).not.toEqual(big2.nodes);
    expect(gpu.phase).toBe('running');
    h.at(10);
    expect(third.phase).toBe('running');
  });

  it('allocates a multi-node job on distinct nodes', () => {
    const h = simHarness({ nodes: 3, cores: 4 });
    const wide = h.job({ nodes: 3, cores: 4 });
    h.submit(wide);
    h.at(0);
    expect(wide.nodes).toEqual([0, 1, 2]);
    expect(h.partition.pool.freeCoresTotal).toBe(0);
  });
});

describe('simulator: priority and backfill', () => {
  it('starts higher priority first, then submission order', () => {
    const h = simHarness({ nodes: 1, cores: 1 });
    const blocker = h.job({ runtime: 10 });
    h.submit(blocker);
    h.at(0);
    const low1 = h.job({ priority: 25, runtime: 10 });
    const low2 = h.job({ priority: 25, runtime: 10 });
    const high = h.job({ priority: 50, runtime: 10 });
    h.submit(low1, low2, high);
    h.at(40);
    expect([started(high), started(low1), started(low2)]).toEqual([10, 20, 30]);
  });

  it('backfills a short job that ends before the blocked job could start, but not a long one', () => {
    const h = simHarness({ nodes: 1, cores: 4 });
    const running = h.job({ cores: 3, runtime: 100, limit: 100 });
    h.submit(running);
    h.at(0);
    const wide = h.job({ cores: 4, runtime: 10, limit: 100 }); // blocked until 100
    const long = h.job({ cores: 1, runtime: 10, limit: 200 }); // would end after 100: must wait
    const short = h.job({ cores: 1, runtime: 10, limit: 50 }); // ends by 100: backfills now
    h.submit(wide, long, short);
    h.at(1);
    expect([wide.phase, long.phase, short.phase]).toEqual(['pending', 'pending', 'running']);
    expect(h.partition.topBlocked).toBe(wide);
    h.at(100);
    expect(started(wide)).toBe(100);
    h.at(110);
    expect(started(long)).toBe(110);
  });

  it('plans the reservation on time limits, not on actual run times', () => {
    const h = simHarness({ nodes: 1, cores: 2 });
    const a = h.job({ cores: 2, runtime: 10, limit: 1000 });
    h.submit(a);
    h.at(0);
    const wide = h.job({ cores: 2, limit: 100 });
    const tiny = h.job({ cores: 1, limit: 500 });
    h.submit(wide, tiny);
    h.at(5);
    expect(tiny.phase).toBe('pending');
    h.at(10);
    expect([started(wide), started(tiny)]).toEqual([10, undefined]);
  });

  it('examines at most backfillDepth jobs behind the blocked one', () => {
    const h = simHarness({ nodes: 1, cores: 2, backfillDepth: 2 });
    const running = h.job({ cores: 1, runtime: 100, limit: 100 });
    h.submit(running);
    h.at(0);
    const wide = h.job({ cores: 2 });
    const tooLong = [h.job({ limit: 500 }), h.job({ limit: 500 })];
    const fits = h.job({ limit: 50 });
    h.submit(wide, ...tooLong, fits);
    h.at(1);
    expect(fits.phase).toBe('pending');
  });
});

describe('simulator: time limits', () => {
  it('ends a job that runs past its limit as timeout at the limit', () => {
    const h = simHarness();
    const job = h.job({ runtime: 600, limit: 60 });
    h.submit(job);
    h.at(1000);
    expect([job.outcome, job.raw, ended(job), job.exitCode]).toEqual(['timeout', 'TIMEOUT', 60, 0]);
  });

  it('lowering the limit of a running job below its elapsed time ends it now', () => {
    const h = simHarness();
    const job = h.job({ runtime: 600, limit: 3600 });
    h.submit(job);
    h.at(120);
    h.sim.setTimeLimit(job, 60);
    h.at(120);
    expect([job.outcome, ended(job)]).toEqual(['timeout', 120]);
  });

  it('raising the limit of a running job lets it finish', () => {
    const h = simHarness();
    const job = h.job({ runtime: 600, limit: 300 });
    h.submit(job);
    h.at(100);
    h.sim.setTimeLimit(job, 900);
    h.at(1000);
    expect([job.outcome, ended(job)]).toEqual(['completed', 600]);
  });
});

describe('simulator: holds and begin times', () => {
  it('does not start a held job until it is released', () => {
    const h = simHarness();
    const job = h.job({ held: true });
    h.submit(job);
    h.at(50);
    expect(job.phase).toBe('pending');
    h.sim.release(job);
    h.at(60);
    expect(started(job)).toBe(50);
  });

  it('starts a job at its begin time', () => {
    const h = simHarness();
    const job = h.job({ beginAt: 90_000 });
    h.submit(job);
    h.at(89);
    expect(job.phase).toBe('pending');
    h.at(95);
    expect(started(job)).toBe(90);
  });

  it('reports stuck when only held jobs remain', () => {
    const h = simHarness();
    h.submit(h.job({ held: true }), h.job({ runtime: 5 }));
    expect(h.sim.runUntilIdle(Number.POSITIVE_INFINITY)).toBe('stuck');
    expect(h.sim.now).toBe(5000);
  });

  it('stops at the deadline with work left', () => {
    const h = simHarness();
    h.submit(h.job({ runtime: 500 }));
    expect(h.sim.runUntilIdle(100_000)).toBe('deadline');
    expect(h.sim.now).toBe(100_000);
  });
});

describe('simulator: cancel', () => {
  it('frees a cancelled running job and records who cancelled it', () => {
    const h = simHarness({ nodes: 1, cores: 1 });
    const a = h.job({ runtime: 100 });
    const b = h.job({ runtime: 100 });
    h.submit(a, b);
    h.at(10);
    h.sim.cancel(a, 2001);
    h.at(10);
    expect([a.outcome, a.raw, ended(a), started(b)]).toEqual(['cancelled', 'CANCELLED by 2001', 10, 10]);
  });

  it('cancels a pending job without it ever starting', () => {
    const h = simHarness({ nodes: 1, cores: 1 });
    const a = h.job({ runtime: 100 });
    const b = h.job({ runtime: 100 });
    h.submit(a, b);
    h.at(1);
    h.sim.cancel(b, 0);
    h.at(500);
    expect([b.outcome, b.startTime, b.raw]).toEqual(['cancelled', undefined, 'CANCELLED by 0']);
    expect(h.sim.pending + h.sim.running).toBe(0);
  });
});
