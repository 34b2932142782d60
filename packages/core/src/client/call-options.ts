/** Options of every client call. */
export interface CallOptions {
  /** Which cluster; the client's default if omitted. */
  cluster?: string;
  signal?: AbortSignal;
}

/** Options of a submission. */
export interface SubmitOptions extends CallOptions {
  /**
   * A token unique to this submission; generated if omitted. Resubmitting with the same token
   * returns the job already created instead of creating a second one. 1–128 characters from
   * `A–Z a–z 0–9 . _ : @ / + = -` ({@link IdempotencyKeySchema}); others are refused with
   * `VALIDATION` at `idempotencyKey`.
   */
  idempotencyKey?: string;
}

/** Options of a batch submission (`client.jobs.submitMany`). */
export interface SubmitManyOptions extends CallOptions {
  /**
   * One key per spec, in the same order (see {@link SubmitOptions.idempotencyKey}); each is
   * generated if omitted. Resubmitting a sweep with the same keys returns the jobs already
   * created instead of creating them again.
   */
  idempotencyKeys?: readonly string[];
  /**
   * Stop at the first spec that fails (invalid, or refused by the scheduler), as a shell loop
   * with `set -e` would: the specs after it are not submitted and come back `skipped`. By
   * default every spec is tried. @default false
   */
  stopOnError?: boolean;
}
