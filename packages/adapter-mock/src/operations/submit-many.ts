import {
  type BatchSubmission,
  type BatchSubmitContext,
  isHpckitError,
  type SubmitOutcome,
} from '@hpckit/core';
import type { MockContext } from './mock-context.js';
import { submitJob } from './submit-job.js';

/**
 * Submits each job of a batch as {@link submitJob} would, in order, each with its own key: a
 * refusal is that job's outcome, and with `stopOnError` the jobs after it are skipped, as the
 * Slurm adapter's batch does. Anything but an hpckit error is a bug and propagates.
 */
export function submitMany(
  ctx: MockContext,
  submissions: readonly BatchSubmission[],
  call: BatchSubmitContext,
): SubmitOutcome[] {
  const outcomes: SubmitOutcome[] = [];
  let stopped = false;
  for (const { spec, idempotencyKey, freshKey } of submissions) {
    if (stopped) {
      outcomes.push({ status: 'skipped' });
      continue;
    }
    try {
      const result = submitJob(ctx, spec, { user: call.user, signal: call.signal, idempotencyKey, freshKey });
      outcomes.push({ status: 'submitted', result });
    } catch (err) {
      if (!isHpckitError(err)) throw err;
      outcomes.push({ status: 'failed', error: err });
      stopped = call.stopOnError === true;
    }
  }
  return outcomes;
}
