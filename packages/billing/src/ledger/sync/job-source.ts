import type { HpckitClient, Job } from '@hpckit/core';

/** Where the sync reads ended jobs from: a cluster's accounting, through its adapter. */
export interface EndedJobSource {
  /** Ended jobs of a cluster whose end time is within `[from, to]`, one page, in a stable order. */
  endedJobs(
    cluster: string,
    window: { from: Date; to: Date },
    page: { limit: number; offset: number },
  ): Promise<{ jobs: Job[]; total: number }>;
  /** Jobs by id (to re-read rows accounting had not settled), any that are still known. */
  jobsById(cluster: string, ids: readonly string[]): Promise<Job[]>;
}

/**
 * Reads ended jobs through an hpckit client (`client.jobs.list` with an end-time window, which
 * the adapters answer from accounting history).
 *
 * @example
 * ```ts
 * const sync = createJobSync({ ledger, source: clientJobSource(client), clusters: ['hpc'], pricer });
 * ```
 */
export function clientJobSource(client: Pick<HpckitClient, 'jobs'>): EndedJobSource {
  return {
    async endedJobs(cluster, window, page) {
      const result = await client.jobs.list(
        {
          states: ['ended'],
          endTime: { from: window.from, to: window.to },
          limit: page.limit,
          offset: page.offset,
        },
        { cluster },
      );
      return { jobs: result.jobs, total: result.total };
    },
    async jobsById(cluster, ids) {
      if (ids.length === 0) return [];
      const result = await client.jobs.list({ jobIds: [...ids], states: ['ended'] }, { cluster });
      return result.jobs;
    },
  };
}
