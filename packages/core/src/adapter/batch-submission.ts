import { z } from 'zod';
import { ruleError } from '../errors/validation.js';
import type { HpckitError } from '../errors/hpckit-error.js';
import type { JobSpec, JobSpecInput } from '../model/job-spec.js';
import type { CallContext, SubmitResult } from './scheduler-adapter.js';

/** One job of a batch submission, as the adapter's `jobs.submitMany` receives it (validated). */
export interface BatchSubmission {
  spec: JobSpec;
  /** The job's idempotency key; core makes one for a job given none. */
  idempotencyKey: string;
  /**
   * As `SubmitContext.freshKey`: `true` when the key has never been sent, so no job can carry it
   * and the adapter submits without looking for one.
   */
  freshKey: boolean;
}

/** What a caller passes for one job of a batch to the runtime's `jobs.submitMany`. */
export interface BatchSubmissionInput {
  spec: JobSpecInput;
  /** A key unique to this job (see `SubmitContext.idempotencyKey`); generated if omitted. */
  idempotencyKey?: string;
  /** See {@link BatchSubmission.freshKey}; `true` for a generated key, else `false` unless given. */
  freshKey?: boolean;
}

/** Context of a batch submission. */
export interface BatchSubmitContext extends CallContext {
  /**
   * Stop at the first job that fails: the jobs after it are not submitted and come back
   * `skipped`. Otherwise every job is tried whatever happened to the others. @default false
   */
  stopOnError?: boolean;
}

/**
 * What became of one job of a batch, at the job's index: submitted (with what a single submit
 * returns), failed (with the error a single submit would have thrown), or skipped (`stopOnError`
 * after an earlier failure).
 */
export type SubmitOutcome =
  | { status: 'submitted'; result: SubmitResult }
  | { status: 'failed'; error: HpckitError }
  | { status: 'skipped' };

/** Most jobs one batch may hold; a larger sweep is several batches. */
export const MAX_BATCH_SUBMISSIONS = 10_000;

/** The list of a batch: an array of 1 to {@link MAX_BATCH_SUBMISSIONS} objects. */
export const BatchListSchema = z
  .array(z.object({ spec: z.unknown() }).loose(), { error: ruleError('batch_list_shape') })
  .min(1, { error: ruleError('batch_at_least_one_job') })
  .max(MAX_BATCH_SUBMISSIONS, {
    error: ruleError('batch_too_many_jobs', { maximum: MAX_BATCH_SUBMISSIONS }),
  });
