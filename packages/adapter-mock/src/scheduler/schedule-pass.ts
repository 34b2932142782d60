import type { SimJob } from '../jobs/sim-job.js';
import { earliestStart } from '../resources/earliest-start.js';
import type { PartitionRuntime } from './partition-runtime.js';

/**
 * One scheduling pass over a partition's run queue, in priority order, with EASY backfill: jobs
 * start while they fit; the first that does not fit gets a reservation at the earliest time it
 * could start; after it, a lower-priority job starts only if it fits now and its time limit ends
 * by that reservation (so it can never delay the blocked job). At most `depth` jobs are examined
 * after the blocked one (Slurm's `bf_max_job_test`), which keeps a pass cheap with 100,000 queued.
 * Records where it stopped, so that jobs queued later behind that point need no new pass.
 */
export function schedulePass(
  p: PartitionRuntime,
  now: number,
  depth: number,
  start: (job: SimJob) => void,
): void {
  p.passes++;
  p.topBlocked = undefined;
  p.stopPoint = undefined;
  let top: SimJob | undefined;
  let reservation: number | undefined;
  let examined = 0;
  const stopAt = (job: SimJob) => {
    p.stopPoint = { priority: job.priority, seq: job.seq };
    return false;
  };
  p.queue.scan((job) => {
    if (!top) {
      if (p.pool.fits(job.demand)) {
        start(job);
        return true;
      }
      top = job;
      p.topBlocked = job;
      return p.pool.freeCoresTotal > 0 || stopAt(job);
    }
    if (++examined > depth || p.pool.freeCoresTotal === 0) return stopAt(job);
    const limit = job.timeLimitSeconds;
    if (limit === undefined || !p.pool.fits(job.demand)) return true;
    reservation ??= earliestStart(p.pool, p.scratch, p.running, top.demand, now);
    if (now + limit * 1000 <= reservation) start(job);
    return true;
  });
}
