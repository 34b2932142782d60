import { z } from 'zod';
import { MoneySchema } from './money.js';

/** The scheduler job a charge is for: `(cluster, jobId, submitTime)` identifies it. */
export const JobReferenceSchema = z.object({
  cluster: z.string(),
  jobId: z.string(),
  submitTime: z.date(),
});

/**
 * A charge against an account: for a job, entered by hand, or the reversal of another charge.
 * Its `amount` and `currency` are a {@link MoneySchema | Money} written flat; the amount is
 * positive, and a reversal gives back what it reverses. This is the model the billing ledger and
 * its stores keep (`@hpckit/billing/ledger`, whose charge records add the price breakdown).
 */
export const ChargeSchema = z.object({
  id: z.string(),
  account: z.string(),
  /** The user whose job or action it was, if any. */
  user: z.string().optional(),
  kind: z.enum(['job', 'manual', 'reversal']),
  /** Site-defined charge type, e.g. `job`, `storage`, `correction`. */
  type: z.string(),
  ...MoneySchema.shape,
  /** For job charges: which job. */
  job: JobReferenceSchema.optional(),
  /** For reversals: the charge being reversed. */
  reverses: z.string().optional(),
  time: z.date(),
  comment: z.string().optional(),
  /** Who entered it (for manual charges and reversals). */
  operator: z.string().optional(),
});

/**
 * A payment into an account: a recharge, the bonus it earned, or the reversal of either. Its
 * `amount` and `currency` are a {@link MoneySchema | Money} written flat; the amount is positive,
 * except the bonus adjustment written when a payment is reversed (it takes bonus back).
 */
export const PaymentSchema = z.object({
  id: z.string(),
  account: z.string(),
  kind: z.enum(['payment', 'bonus', 'reversal']),
  /** Site-defined payment type, e.g. `bank transfer`, `grant`, `bonus`. */
  type: z.string(),
  ...MoneySchema.shape,
  /** For bonuses: the payment that earned it. For reversals: the entry being reversed. */
  linkedTo: z.string().optional(),
  time: z.date(),
  comment: z.string().optional(),
  operator: z.string(),
});

/** The scheduler job a charge is for. */
export type JobReference = z.output<typeof JobReferenceSchema>;
/** A charge against an account. */
export type Charge = z.output<typeof ChargeSchema>;
/** A payment into an account. */
export type Payment = z.output<typeof PaymentSchema>;
