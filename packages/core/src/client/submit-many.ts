import { freshIdempotencyKey } from '../adapter/idempotency-key.js';
import type { BatchSubmissionInput, SubmitOutcome } from '../adapter/batch-submission.js';
import { type HpckitError, isHpckitError, ValidationError } from '../errors/hpckit-error.js';
import { ruleValidationIssue, validationSubject } from '../errors/validation.js';
import type { JobSpecInput } from '../model/job-spec.js';
import type { SubmitManyOptions } from './call-options.js';
import type { ClusterRuntime } from './cluster-runtime.js';

/**
 * What became of one spec of `client.jobs.submitMany`, at the spec's index: a live handle, the
 * error a single `submit` would have thrown, or `skipped` (after an earlier failure, with
 * `stopOnError`).
 */
export type SubmittedItem<H> =
  | { status: 'submitted'; handle: H }
  | { status: 'failed'; error: HpckitError }
  | { status: 'skipped' };

/**
 * Submits every spec, in one adapter call when the adapter declares `jobs.submitMany` (the Slurm
 * adapter runs every sbatch through one connection), else one submit after another with the same
 * per-spec outcomes. Keys the client generates are fresh: no lookup before submitting.
 */
export async function submitManyOn(
  rt: ClusterRuntime,
  specs: readonly JobSpecInput[],
  user: string | undefined,
  options: SubmitManyOptions | undefined,
): Promise<SubmitOutcome[]> {
  const keys = options?.idempotencyKeys;
  if (keys !== undefined && keys.length !== specs.length) throw keyCountMismatch(keys.length, specs.length);
  const items: BatchSubmissionInput[] = specs.map((spec, i) => {
    const given = keys?.[i];
    return { spec, idempotencyKey: given ?? freshIdempotencyKey(), freshKey: given === undefined };
  });
  const ctx = { user, signal: options?.signal, stopOnError: options?.stopOnError === true };
  if (rt.adapter.capabilities['jobs.submitMany'])
    return rt.call((a) => a.jobs.submitMany(items, ctx), options?.signal);
  const outcomes: SubmitOutcome[] = items.map(() => ({ status: 'skipped' }));
  for (const [i, item] of items.entries()) {
    try {
      const result = await rt.call(
        (a) =>
          a.jobs.submit(item.spec, { ...ctx, idempotencyKey: item.idempotencyKey, freshKey: item.freshKey }),
        options?.signal,
      );
      outcomes[i] = { status: 'submitted', result };
    } catch (err) {
      if (!isHpckitError(err)) throw err;
      outcomes[i] = { status: 'failed', error: err };
      if (ctx.stopOnError) break;
    }
  }
  return outcomes;
}

function keyCountMismatch(keys: number, specs: number): ValidationError {
  return new ValidationError({
    details: {
      ...validationSubject('submit_options'),
      issues: [ruleValidationIssue(['idempotencyKeys'], 'keys_per_spec', { count: keys, maximum: specs })],
    },
  });
}
