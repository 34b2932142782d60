import { z } from 'zod';
import { ruleError } from '../errors/validation.js';
import { JOB_STATE_FILTERS } from './job-state.js';
import { JobIdSchema, JobNameSchema, NameSchema } from './names.js';

/**
 * The most values a list filter of a job query may hold. Lists become scheduler arguments and
 * per-job comparisons, so an unbounded list would be unbounded work for one call.
 */
export const MAX_QUERY_LIST_LENGTH = 10_000;

const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_QUERY_LIST_LENGTH, `must hold at most ${MAX_QUERY_LIST_LENGTH} values`);

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
  /** Phases and/or outcomes; see `JobStateFilter`. */
  states: list(z.enum(JOB_STATE_FILTERS)).optional(),
  partitions: list(NameSchema).optional(),
  jobIds: list(JobIdSchema).optional(),
  /** Exact job name. */
  name: JobNameSchema.optional(),
  submitTime: TimeRangeSchema.optional(),
  endTime: TimeRangeSchema.optional(),
  /** Page size. */
  limit: z.number().int().positive().optional(),
  /** Jobs to skip before the page starts. */
  offset: z.number().int().nonnegative().default(0),
  /** Fields to return; `cluster`, `id` and `state` are always included. */
  fields: list(z.enum(JOB_FIELDS)).optional(),
});

/** A validated job query. */
export type JobQuery = z.output<typeof JobQuerySchema>;
/** What callers may pass as a job query. */
export type JobQueryInput = z.input<typeof JobQuerySchema>;

/** One page of a job listing. */
export interface JobPage<J> {
  jobs: J[];
  /** Jobs matching the filters, over all pages. */
  total: number;
}
