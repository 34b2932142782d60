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

/** The scheduler job a charge is for: `(cluster, jobId, submitTime)` identifies it. */
export interface JobReference {
  /** The cluster the job ran on. */
  cluster: string;
  /** The scheduler's job id (`1234`, `1234_7`). */
  jobId: string;
  /** When the job was submitted: with the id, it tells apart jobs of a reused id. */
  submitTime: Date;
}

/**
 * A charge against an account: for a job, entered by hand, or the reversal of another charge.
 * The amount is a positive decimal string in `currency`; a reversal gives back what it reverses.
 */
export interface Charge {
  /** The charge's id, unique in its ledger. */
  id: string;
  /** The account charged. */
  account: string;
  /** The user whose job or action it was, if any. */
  user?: string;
  /** `job` (from a job-charge sync), `manual`, or `reversal` of another charge. */
  kind: 'job' | 'manual' | 'reversal';
  /** Site-defined charge type, e.g. `job`, `storage`, `correction`. */
  type: string;
  /** The amount, a decimal string such as `"12.50"` (never a JS number). */
  amount: string;
  /** ISO 4217 currency code of `amount`, e.g. `CNY`. */
  currency: string;
  /** For job charges: which job. */
  job?: JobReference;
  /** For reversals: the charge being reversed. */
  reverses?: string;
  /** When it was recorded. */
  time: Date;
  /** Free text kept with the charge. */
  comment?: string;
  /** Who entered it (for manual charges and reversals). */
  operator?: string;
}

/**
 * A payment into an account: a recharge, the bonus it earned, or the reversal of either. The
 * amount is positive, except the bonus adjustment written when a payment is reversed.
 */
export interface Payment {
  /** The payment's id, unique in its ledger. */
  id: string;
  /** The account paid into. */
  account: string;
  /** `payment` (a recharge), `bonus` (what a recharge earned), or `reversal` of either. */
  kind: 'payment' | 'bonus' | 'reversal';
  /** Site-defined payment type, e.g. `bank transfer`, `grant`, `bonus`. */
  type: string;
  /** The amount, a decimal string such as `"1000.00"` (never a JS number). */
  amount: string;
  /** ISO 4217 currency code of `amount`, e.g. `CNY`. */
  currency: string;
  /** For bonuses: the payment that earned it. For reversals: the entry being reversed. */
  linkedTo?: string;
  /** When it was recorded. */
  time: Date;
  /** Free text kept with the payment. */
  comment?: string;
  /** Who recorded it. */
  operator: string;
}
