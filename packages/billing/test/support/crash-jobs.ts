import type { Job } from '@hpckit/core';
import { endedJob, T0 } from '../../src/testing/fixtures.js';

/** The clock of the crash test: a day after the jobs. */
export const crashNow = new Date(T0.getTime() + 86_400_000);

/** `n` ended jobs, each 8 cores for 1–60 minutes (never free), half of them alice's, half bob's. */
export function crashJobs(n: number): Job[] {
  return Array.from({ length: n }, (_, i) =>
    endedJob(i + 1, {
      user: i % 2 === 0 ? 'alice' : 'bob',
      seconds: 60 * (1 + (i % 60)),
      endOffsetSeconds: i + 1,
      allocated: { nodes: 1, cores: 8, gpus: 0 },
    }),
  );
}
