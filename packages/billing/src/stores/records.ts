import type { Charge, JobReference, Payment } from '@hpckit/core';
import type { ChargeBreakdown } from '../pricing/charge-breakdown.js';

/**
 * Records as a ledger store keeps them. Every amount is a canonical decimal string (see
 * `canonicalAmount`): stores never hand out a JS number for money.
 */

/** Manual account state, set by an administrator; the block decision also looks at balance and whitelist. */
export type AccountState = 'normal' | 'blocked' | 'frozen';

/** An account exempt from balance blocking, until an optional moment. */
export interface WhitelistRecord {
  /** When the exemption ends; absent means permanent. */
  until?: Date;
  comment?: string;
  operator: string;
  time: Date;
}

/** An account: who owns it, what it pays, its balance and its block settings. */
export interface AccountRecord {
  name: string;
  /** Account type, which selects the price items (e.g. `internal`, `external`). */
  type: string;
  owner: string;
  tenant?: string;
  currency: string;
  balance: string;
  /** Balance at or below which the account is blocked; negative values act as a credit line. */
  blockThreshold: string;
  state: AccountState;
  whitelist?: WhitelistRecord;
  createdAt: Date;
}

/** A member's role in an account. */
export type MemberRole = 'owner' | 'admin' | 'member';

/** How often a member's spending limit starts afresh. */
export type LimitPeriod = 'none' | 'day' | 'month' | 'year';

/** The ways a member's used amount is counted against a limit. */
export interface SpendingLimit {
  amount: string;
  period: LimitPeriod;
}

/** A user's membership of an account. */
export interface MemberRecord {
  account: string;
  user: string;
  role: MemberRole;
  /** Manual state: `blocked` when an administrator blocked the member. */
  state: 'normal' | 'blocked';
  limit?: SpendingLimit;
  /** Job charges counted against the limit since `periodStart` (0 without a limit). */
  used: string;
  /** Start of the period `used` counts in (for periodic limits). */
  periodStart?: Date;
  createdAt: Date;
}

/** Kind of a payment entry: a recharge, the bonus it earned, or a reversal of either. */
export type PaymentKind = Payment['kind'];

/** @deprecated Use `Payment` of `@hpckit/core`: the one model of a payment, which the ledger keeps as is. */
export type PaymentRecord = Payment;

/** Kind of a charge entry. */
export type ChargeKind = Charge['kind'];

/** @deprecated Use `JobReference` of `@hpckit/core`: `(cluster, jobId, submitTime)` identifies a job. */
export type JobKey = JobReference;

/**
 * A charge as the ledger keeps it: core's `Charge` model, and for job charges how the price was
 * computed (a billing type, so it is added here rather than in core's model).
 */
export interface ChargeRecord extends Charge {
  /** For job charges: how the price was computed. */
  breakdown?: ChargeBreakdown;
}

/** Where an ended job the sync has seen stands. */
/**
 * What the sync did with an ended job: `charged`, `free` (priced at zero), `before_cutover` (ended
 * before the sync's cut-over instant: recorded, never charged), or still waiting (`unpriced`,
 * `unsettled`, `unknown_account`).
 */
export type SyncedJobStatus =
  | 'charged'
  | 'free'
  | 'before_cutover'
  | 'unpriced'
  | 'unsettled'
  | 'unknown_account';

/** @deprecated Use {@link SyncedJobStatus}. */
export type JobRecordStatus = SyncedJobStatus;

/**
 * An ended job the sync has seen, charged or waiting for a retry. (Core's listed job is
 * `ListedJob`; this is the ledger's record of a job it charges.)
 */
export interface SyncedJob extends JobReference {
  status: SyncedJobStatus;
  account?: string;
  user: string;
  endTime?: Date;
  /** The job as the adapter reported it (JSON), kept to retry pricing without the adapter. */
  job: string;
  /** Why it is not charged yet. */
  reason?: string;
  attempts: number;
  chargeId?: string;
  updatedAt: Date;
}

/** @deprecated Use {@link SyncedJob}: `JobRecord` is core's former name for a listed job. */
export type JobRecord = SyncedJob;

/** An event written in a transaction and delivered after it commits. */
export interface OutboxRecord {
  seq: number;
  type: string;
  /** JSON payload. */
  payload: string;
  time: Date;
}
