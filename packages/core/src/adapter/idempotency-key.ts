import { z } from 'zod';

/**
 * An idempotency key: 1–128 characters from `A–Z a–z 0–9 . _ : @ / + = -`. Adapters store the key
 * with the job (Slurm: in the job comment, where a space ends it) and search for it again, so a
 * key must survive any scheduler's text fields unchanged: no whitespace, no quotes, no shell or
 * separator characters. UUIDs, `form-1234` and base64 digests all fit.
 */
export const IdempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(
    /^[A-Za-z0-9._:@/+=-]+$/,
    'may contain only letters, digits and "._:@/+=-" (no spaces); a UUID or "form-1234" fits',
  );

/**
 * A fresh idempotency key (a UUID) for a submission the caller gave none. From the Web Crypto
 * global (Node ≥ 19 and browsers), never `node:crypto`: core must load in a browser bundle.
 */
export function freshIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
