import { type Job, isHpckitError } from '@hpckit/core';
import type { PricedJob } from '../../pricing/charge-breakdown.js';
import type { PricingContextInput } from '../../pricing/pricing-context.js';
import type { AccountRecord, SyncedJobStatus } from '../../stores/records.js';

/**
 * Prices an ended job for an account: the narrow view of the pricing engine the sync needs
 * (`engine.price` fits). Throws `NOT_FOUND` when no price item covers the job and
 * `VALIDATION` when the job lacks what pricing needs.
 */
export type Pricer = (job: Job, context: PricingContextInput) => PricedJob;

/**
 * Whether an accounting row is final. Slurm reports an empty partition (and sometimes an unknown
 * QoS) for a few seconds after a job ends; such rows are kept and read again, never charged as is.
 * Returns true, or the reason the row is not settled.
 */
export type SettledCheck = (job: Job) => true | string;

/** The default {@link SettledCheck}: the row names its partition and its end time. */
export const defaultSettledCheck: SettledCheck = (job) => {
  if (!job.partition) return 'accounting reports no partition yet';
  if (!job.endTime) return 'accounting reports no end time yet';
  return true;
};

/** What the sync does with one job. */
export type Classification =
  | { status: 'charged' | 'free'; priced: PricedJob; account: AccountRecord }
  | { status: Exclude<SyncedJobStatus, 'charged' | 'free'>; reason: string };

/** Whether a job ended before the cut-over instant (history of the platform the ledger replaced). */
function endedBeforeCutover(job: Job, cutover: Date | undefined): boolean {
  return cutover !== undefined && job.endTime !== undefined && job.endTime.getTime() < cutover.getTime();
}

/**
 * Decides what to do with an ended job: charge it to its own account (as recorded by the
 * scheduler, not the user's current membership), record it free, or keep it for a retry because
 * its account is unknown to the ledger, accounting has not settled, or no price item covers it.
 */
export function classifyJob(
  job: Job,
  accounts: ReadonlyMap<string, AccountRecord>,
  pricer: Pricer,
  settled: SettledCheck,
  cutover?: Date,
): Classification {
  if (endedBeforeCutover(job, cutover)) {
    return {
      status: 'before_cutover',
      reason: `ended at ${job.endTime!.toISOString()}, before the cut-over at ${cutover!.toISOString()}: recorded, never charged`,
    };
  }
  if (!job.account)
    return { status: 'unknown_account', reason: 'the scheduler reported no account for the job' };
  const account = accounts.get(job.account);
  if (!account) return { status: 'unknown_account', reason: `account "${job.account}" is not in the ledger` };
  const check = settled(job);
  if (check !== true) return { status: 'unsettled', reason: check };
  try {
    const context: PricingContextInput = { accountType: account.type, account: account.name };
    if (account.tenant !== undefined) context.tenant = account.tenant;
    const priced = pricer(job, context);
    const free = /^-?0*(\.0*)?$/.test(priced.charge.amount);
    return { status: free ? 'free' : 'charged', priced, account };
  } catch (err) {
    if (isHpckitError(err, 'NOT_FOUND')) return { status: 'unpriced', reason: err.reason };
    if (isHpckitError(err, 'VALIDATION')) return { status: 'unsettled', reason: err.reason };
    throw err;
  }
}
