import { type HpckitError, type InternalError, isHpckitError } from '../errors/hpckit-error.js';
import { parseInput, validationSubject } from '../errors/validation.js';
import { delay } from '../time/abort.js';
import {
  BatchListSchema,
  type BatchSubmission,
  type BatchSubmissionInput,
  type BatchSubmitContext,
  type SubmitOutcome,
} from './batch-submission.js';
import type { RetryPolicy } from './runtime-adapter.js';
import type { CallContext, SubmitResult } from './scheduler-adapter.js';

/** What the runtime lends {@link submitMany}: its checks and its two ways of reaching the adapter. */
export interface SubmitManySteps {
  /** Refuses the whole call (undeclared capability, a user the adapter cannot act for). */
  admit(ctx: CallContext): void;
  /** One job validated as a single submit validates it (guard, spec, key); throws for that job. */
  validate(item: BatchSubmissionInput, index: number, ctx: CallContext): Promise<BatchSubmission>;
  /** The adapter's batch call. */
  send(submissions: BatchSubmission[], ctx: BatchSubmitContext): Promise<SubmitOutcome[]>;
  /** One job alone through the keyed single submit (its key looked up first), with its retries. */
  resubmit(submission: BatchSubmission, ctx: CallContext): Promise<SubmitResult>;
  retry: RetryPolicy;
  internal(reason: 'batch_mismatch', facts: { jobs: number; outcomes: number }): InternalError;
}

/**
 * The runtime's `jobs.submitMany`: every job is validated on its own (a bad spec fails its own
 * outcome, before the adapter sees any job), the valid ones go to the adapter in one call, and
 * each job whose answer was lost (a retryable failure, the whole call's included) is retried
 * alone with its key, so it is found rather than submitted twice. With `stopOnError`, the first
 * failure in order ends the batch: later jobs are `skipped`, even valid ones after a bad spec.
 */
export async function submitMany(
  items: readonly BatchSubmissionInput[],
  ctx: BatchSubmitContext,
  steps: SubmitManySteps,
): Promise<SubmitOutcome[]> {
  steps.admit(ctx);
  const list = parseInput(
    BatchListSchema,
    items,
    validationSubject('batch_submission'),
  ) as BatchSubmissionInput[];
  const outcomes: SubmitOutcome[] = list.map(() => ({ status: 'skipped' }));
  const valid: { index: number; submission: BatchSubmission }[] = [];
  for (const [index, item] of list.entries()) {
    try {
      valid.push({ index, submission: await steps.validate(item, index, ctx) });
    } catch (err) {
      if (!isHpckitError(err)) throw err;
      outcomes[index] = { status: 'failed', error: err };
      if (ctx.stopOnError) break;
    }
  }
  if (valid.length === 0) return outcomes;
  const answers = await sendAll(
    valid.map((v) => v.submission),
    ctx,
    steps,
  );
  valid.forEach(({ index }, i) => {
    outcomes[index] = answers[i]!;
  });
  for (const { index, submission } of valid) {
    const outcome = outcomes[index]!;
    if (outcome.status !== 'failed' || !outcome.error.retryable || steps.retry.retries === 0) continue;
    await delay(steps.retry.baseDelayMs, ctx.signal);
    try {
      outcomes[index] = { status: 'submitted', result: await steps.resubmit(submission, ctx) };
    } catch (err) {
      if (!isHpckitError(err)) throw err;
      outcomes[index] = { status: 'failed', error: err };
    }
  }
  return outcomes;
}

/**
 * The adapter's answers, one per job. A retryable failure of the whole call (the connection
 * dropped before any answer) is every job's failure; anything else it throws is the caller's.
 */
async function sendAll(
  submissions: BatchSubmission[],
  ctx: BatchSubmitContext,
  steps: SubmitManySteps,
): Promise<SubmitOutcome[]> {
  let answers: SubmitOutcome[];
  try {
    answers = await steps.send(submissions, ctx);
  } catch (err) {
    if (ctx.signal?.aborted || !isHpckitError(err) || !err.retryable) throw err;
    const error: HpckitError = err;
    return submissions.map(() => ({ status: 'failed', error }));
  }
  if (!Array.isArray(answers) || answers.length !== submissions.length) {
    throw steps.internal('batch_mismatch', {
      jobs: submissions.length,
      outcomes: Array.isArray(answers) ? answers.length : 0,
    });
  }
  return answers;
}
