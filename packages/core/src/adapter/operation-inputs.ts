import { freshIdempotencyKey } from './idempotency-key.js';
import { z } from 'zod';
import { parseInput, ruleError, validationSubject } from '../errors/validation.js';
import { type JobQueryInput, JobQuerySchema } from '../model/job-query.js';
import { type JobSpecInput, JobSpecSchema } from '../model/job-spec.js';
import { JobIdSchema, NameSchema, UserNameSchema } from '../model/names.js';
import { type BatchSubmission, type BatchSubmissionInput, BatchListSchema } from './batch-submission.js';
import { IdempotencyKeySchema } from './idempotency-key.js';
import type { Membership } from './scheduler-adapter.js';
import { type TimeLimitChangeInput, TimeLimitChangeSchema } from './time-limit-change.js';

// How core validates each input of an operation before an adapter sees it. Each parser takes what a
// caller may pass and returns what the adapter receives, or throws a VALIDATION error naming it.

const MembershipSchema = z.strictObject({ user: UserNameSchema, account: NameSchema });
const AccountCreateSchema = z.strictObject({ name: NameSchema, owner: UserNameSchema.optional() });
const AccountFilterSchema = z.strictObject({ user: UserNameSchema.optional() });
const NodeQuerySchema = z.strictObject({
  names: z.array(NameSchema).min(1, { error: ruleError('at_least_one_node') }),
});

/** A job spec, normalised (durations in seconds, memory in MiB). */
export const jobSpec = (spec: JobSpecInput) => parseInput(JobSpecSchema, spec, validationSubject('job_spec'));

/**
 * The jobs of a batch, every one valid (the runtime's `jobs.submitMany` validates each job on its
 * own instead, so one bad spec fails only its own outcome).
 */
export const batchSubmissions = (items: readonly BatchSubmissionInput[]): BatchSubmission[] =>
  parseInput(BatchListSchema, items, validationSubject('batch_submission')).map((item, i) =>
    batchItem(item as never, i),
  );

/** One job of a batch, validated; a generated key is fresh. */
export function batchItem(item: BatchSubmissionInput, index: number): BatchSubmission {
  const spec = parseInput(JobSpecSchema, item.spec, validationSubject('job_spec'), [index, 'spec']);
  if (item.idempotencyKey === undefined)
    return { spec, idempotencyKey: freshIdempotencyKey(), freshKey: true };
  const idempotencyKey = parseInput(
    IdempotencyKeySchema,
    item.idempotencyKey,
    validationSubject('batch_submission'),
    [index, 'idempotencyKey'],
  );
  return { spec, idempotencyKey, freshKey: item.freshKey === true };
}

/** A job id. */
export const jobId = (id: string) => parseInput(JobIdSchema, id, validationSubject('job_id'));

/** A job query; none means every job the caller may see. */
export const jobQuery = (query?: JobQueryInput) =>
  parseInput(JobQuerySchema, query ?? {}, validationSubject('job_query'));

/** A time-limit change, in seconds. */
export const timeLimitChange = (change: TimeLimitChangeInput) =>
  parseInput(TimeLimitChangeSchema, change, validationSubject('time_limit_change'));

/** A new account and its owner. */
export const newAccount = (account: { name: string; owner?: string }) =>
  parseInput(AccountCreateSchema, account, validationSubject('account'));

/** A filter of accounts; none means every account. */
export const accountFilter = (filter?: { user?: string }) =>
  parseInput(AccountFilterSchema, filter ?? {}, validationSubject('account_filter'));

/** An account name. */
export const accountName = (name: string) => parseInput(NameSchema, name, validationSubject('account_name'));

/** A user in an account. */
export const membership = (m: Membership) => parseInput(MembershipSchema, m, validationSubject('membership'));

/** The names of nodes, at least one. */
export const nodeQuery = (query: { names: string[] }) =>
  parseInput(NodeQuerySchema, query, validationSubject('node_query'));
