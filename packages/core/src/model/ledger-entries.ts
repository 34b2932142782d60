import { z } from 'zod';
import { MoneySchema } from './money.js';

/** The scheduler job a charge is for: `(cluster, jobId, submitTime)` identifies it. */
export const JobReferenceSchema = z.object({
  cluster: z.string(),
  jobId: z.string(),
  submitTime: z.date(),
});

/** A charge against an account: for a job, or entered by hand. Amounts are positive. */
export const ChargeSchema = z.object({
  id: z.string(),
  account: z.string(),
  /** The user whose job or action it was, if any. */
  user: z.string().optional(),
  kind: z.enum(['job', 'manual', 'reversal']),
  amount: MoneySchema,
  /** For job charges: which job. */
  job: JobReferenceSchema.optional(),
  /** For reversals: the charge being reversed. */
  reverses: z.string().optional(),
  time: z.date(),
  comment: z.string().optional(),
  /** Who entered it (for manual charges and reversals). */
  operator: z.string().optional(),
});

/** A payment into an account: a recharge, the bonus it earned, or a reversal. */
export const PaymentSchema = z.object({
  id: z.string(),
  account: z.string(),
  kind: z.enum(['payment', 'bonus', 'reversal']),
  /** Site-defined payment type, e.g. "bank transfer" or "grant". */
  type: z.string(),
  amount: MoneySchema,
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
