import { z } from 'zod';
import { ruleError } from '../errors/validation.js';

/**
 * An idempotency key: 1–128 characters from `A–Z a–z 0–9 . _ : @ / + = -`. Adapters store the key
 * with the job (Slurm: in the job comment, where a space ends it) and search for it again, so a
 * key must survive any scheduler's text fields unchanged: no whitespace, no quotes, no shell or
 * separator characters. UUIDs, `form-1234` and base64 digests all fit.
 */
export const IdempotencyKeySchema = z
  .string()
  .min(1, { error: ruleError('not_empty') })
  .max(128, { error: ruleError('at_most_characters', { maximum: 128 }) })
  .regex(/^[A-Za-z0-9._:@/+=-]+$/, { error: ruleError('idempotency_key_characters') });

/**
 * A fresh idempotency key (a UUID) for a submission the caller gave none. From the Web Crypto
 * global (Node ≥ 19 and browsers), never `node:crypto`: core must load in a browser bundle.
 */
export function freshIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
