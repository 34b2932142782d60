import { ALWAYS_LISTED_FIELDS, type Job, type JobPage, type JobQuery, type ListedJob } from '@hpckit/core';
import type { JobStore } from '../jobs/job-store.js';
import type { SimJob } from '../jobs/sim-job.js';
import { jobFilterOf } from './job-filter.js';

/** What a listing needs besides the query. */
export interface ListingContext {
  store: JobStore;
  now: number;
  /** Whether a job is in the live queue or accounting right now. */
  visible(job: SimJob): boolean;
  view(job: SimJob): Job;
}

/**
 * Lists jobs as `squeue` plus `sacct` would: every visible job matching the query, ordered by
 * submit time then id, one page of it, projected to the requested fields. A `jobIds` query goes
 * through the id index (an array job id stands for all its tasks), so a watcher's 10,000-id poll
 * never scans the whole history.
 */
export function listJobs(query: JobQuery, ctx: ListingContext): JobPage<ListedJob> {
  const matches = jobFilterOf(query, ctx.now);
  const candidates = query.jobIds ? byIds(query.jobIds, ctx.store) : ctx.store.records;
  const matched: SimJob[] = [];
  for (const job of candidates) if (ctx.visible(job) && matches(job)) matched.push(job);
  const end = query.limit === undefined ? undefined : query.offset + query.limit;
  const page = matched.slice(query.offset, end).map(ctx.view);
  const jobs = query.fields ? page.map((job) => project(job, query.fields!)) : page;
  return { jobs, total: matched.length };
}

function byIds(ids: readonly string[], store: JobStore): SimJob[] {
  const found = new Set<SimJob>();
  for (const id of ids) {
    const job = store.job(id);
    if (job) found.add(job);
    const group = store.group(id);
    if (group) for (const task of group.tasks) found.add(task);
  }
  return [...found].sort((a, b) => a.seq - b.seq);
}

function project(job: Job, fields: readonly (keyof Job)[]): ListedJob {
  const out: Record<string, unknown> = {};
  for (const field of ALWAYS_LISTED_FIELDS) out[field] = job[field];
  for (const field of fields) if (job[field] !== undefined) out[field] = job[field];
  return out as ListedJob;
}
