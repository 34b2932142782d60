import { aggregateArrayJob, type Job, type JobPage, type JobQuery, type ListedJob } from '@hpckit/core';
import { isVisible, jobsNamed, type MockContext, viewOf } from '../operations/mock-context.js';
import { listJobs } from './list-jobs.js';

/**
 * One job, from the live queue or accounting; an array job id gives the aggregated array.
 *
 * @throws `NOT_FOUND` if the id names nothing visible.
 */
export function getJob(ctx: MockContext, id: string): Job {
  const { jobs, array } = jobsNamed(ctx, id, {
    command: ['scontrol', 'show', 'job', id],
    stderr: 'slurm_load_jobs error: Invalid job id specified',
  });
  const views = jobs.map((job) => viewOf(ctx, job));
  return array ? aggregateArrayJob(id, views) : views[0]!;
}

/** Jobs matching a query (see {@link listJobs}). */
export function listJobsOf(ctx: MockContext, query: JobQuery): JobPage<ListedJob> {
  return listJobs(query, {
    store: ctx.store,
    now: ctx.sim.now,
    visible: (job) => isVisible(ctx, job),
    view: (job) => viewOf(ctx, job),
  });
}
