import { z } from 'zod';
import { ruleError } from '../errors/validation.js';
import type { JobField } from './job.js';
import { JOB_STATE_FILTERS, type JobStateFilter } from './job-state.js';
import { JobIdSchema, JobNameSchema, NameSchema } from './names.js';

/**
 * The most values a list filter of a job query may hold. Lists become scheduler arguments and
 * per-job comparisons, so an unbounded list would be unbounded work for one call.
 */
export const MAX_QUERY_LIST_LENGTH = 10_000;

const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_QUERY_LIST_LENGTH, {
    error: ruleError('query_list_too_long', { maximum: MAX_QUERY_LIST_LENGTH }),
  });

const TimeRangeSchema = z
  .strictObject({
    from: z.date().optional().describe('Inclusive lower bound'),
    to: z.date().optional().describe('Inclusive upper bound'),
  })
  .refine((r) => !(r.from && r.to && r.from > r.to), { error: ruleError('from_after_to'), path: ['from'] });

/** Every field name of a job, for projections. */
export const JOB_FIELDS = [
  'cluster',
  'id',
  'arrayJobId',
  'arrayTaskId',
  'name',
  'user',
  'account',
  'partition',
  'qos',
  'state',
  'requested',
  'allocated',
  'submitTime',
  'startTime',
  'endTime',
  'elapsedSeconds',
  'timeLimitSeconds',
  'workingDirectory',
  'stdoutPath',
  'stderrPath',
  'nodeList',
  'comment',
] as const;

/**
 * Which jobs to list. Filters are AND-ed; a list inside a filter is OR-ed. Time ranges include
 * both ends. A `jobIds` filter consults both the live queue and accounting history, so a job that
 * has left the queue is still found.
 */
export const JobQuerySchema = z.strictObject({
  users: list(NameSchema).optional(),
  accounts: list(NameSchema).optional(),
  states: list(z.enum(JOB_STATE_FILTERS)).optional(),
  partitions: list(NameSchema).optional(),
  jobIds: list(JobIdSchema).optional(),
  name: JobNameSchema.optional(),
  submitTime: TimeRangeSchema.optional(),
  endTime: TimeRangeSchema.optional(),
  limit: z.number().int().positive().optional(),
  offset: z.number().int().nonnegative().default(0),
  fields: list(z.enum(JOB_FIELDS)).optional(),
});

/** A time range of a job query; both ends are included and both are optional. */
export interface TimeRange {
  /** Inclusive lower bound */
  from?: Date;
  /** Inclusive upper bound */
  to?: Date;
}

/**
 * Which jobs to list, as given. Filters are AND-ed; a list inside a filter is OR-ed; each list
 * holds at most {@link MAX_QUERY_LIST_LENGTH} values. Time ranges include both ends.
 *
 * @example
 * ```ts
 * const query: JobQueryInput = { accounts: ['electroplating'], states: ['running', 'failed'], limit: 50 };
 * const page = await client.jobs.list(query);
 * ```
 */
export interface JobQueryInput {
  /** Only jobs of these users (login names). */
  users?: string[];
  /** Only jobs charged to these accounts. */
  accounts?: string[];
  /**
   * Only jobs in these phases and/or with these outcomes, e.g. `['running', 'failed']`; see
   * {@link JobStateFilter}.
   */
  states?: JobStateFilter[];
  /** Only jobs in these partitions. */
  partitions?: string[];
  /**
   * Only these jobs, e.g. `['1234', '1235_7']`. Consults both the live queue and accounting
   * history, so a job that has left the queue is still found.
   */
  jobIds?: string[];
  /** Only jobs with exactly this name. */
  name?: string;
  /** Only jobs submitted in this range. */
  submitTime?: TimeRange;
  /** Only jobs that ended in this range. */
  endTime?: TimeRange;
  /** Page size: at most this many jobs; all if omitted. */
  limit?: number;
  /**
   * Jobs to skip before the page starts.
   *
   * @defaultValue 0
   */
  offset?: number;
  /** Fields to return; `cluster`, `id` and `state` are always included. All fields if omitted. */
  fields?: JobField[];
}

/** A validated job query: a {@link JobQueryInput} with `offset` filled. */
export interface JobQuery extends Omit<JobQueryInput, 'offset'> {
  /** Jobs to skip before the page starts. */
  offset: number;
}

/** One page of a job listing. */
export interface JobPage<J> {
  jobs: J[];
  /** Jobs matching the filters, over all pages. */
  total: number;
}
