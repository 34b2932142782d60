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
