import { BillingDecimal } from '../money/decimal.js';
import type { AccountRecord, MemberRecord } from '../stores/records.js';
import { effectiveUsed } from './limit-period.js';

/** Why an account is blocked. */
export type AccountBlockReason = 'frozen' | 'blocked_by_admin' | 'below_threshold';

/** Whether an account may run new jobs, and why not. */
export interface AccountBlockState {
  blocked: boolean;
  reason?: AccountBlockReason;
  /** Whitelisted now (exempt from balance and manual blocking, not from freezing). */
  whitelisted: boolean;
}

/** Why a member is blocked in an account. */
export type MemberBlockReason = 'blocked_by_admin' | 'limit_reached';

/** Whether a member may run new jobs on an account, and why not. */
export interface MemberBlockState {
  blocked: boolean;
  reason?: MemberBlockReason;
}

/** Whether a whitelist entry is in force at `now` (no expiry, or expiry still ahead). */
export function isWhitelisted(account: Pick<AccountRecord, 'whitelist'>, now: Date): boolean {
  const w = account.whitelist;
  return w !== undefined && (w.until === undefined || now.getTime() < w.until.getTime());
}

/**
 * The block state of an account, a pure function of its data and the time: frozen, then
 * whitelisted (never blocked), then blocked by an administrator, then balance at or below the
 * threshold (a negative threshold is a credit line), else not blocked.
 *
 * @example
 * ```ts
 * accountBlockState({ state: 'normal', balance: '0.00', blockThreshold: '0.00' }, new Date()); // { blocked: true, reason: 'below_threshold', … }
 * ```
 */
export function accountBlockState(
  account: Pick<AccountRecord, 'state' | 'balance' | 'blockThreshold' | 'whitelist'>,
  now: Date,
): AccountBlockState {
  const whitelisted = isWhitelisted(account, now);
  if (account.state === 'frozen') return { blocked: true, reason: 'frozen', whitelisted };
  if (whitelisted) return { blocked: false, whitelisted };
  if (account.state === 'blocked') return { blocked: true, reason: 'blocked_by_admin', whitelisted };
  if (new BillingDecimal(account.balance).lte(account.blockThreshold)) {
    return { blocked: true, reason: 'below_threshold', whitelisted };
  }
  return { blocked: false, whitelisted };
}

/**
 * The block state of a member in an account, a pure function of its data and the time: blocked
 * by an administrator, then spending limit reached (used in the current period ≥ limit), else not
 * blocked. Raising or cancelling the limit unblocks, unless an administrator blocked the member.
 */
export function memberBlockState(
  member: Pick<MemberRecord, 'state' | 'limit' | 'used' | 'periodStart'>,
  now: Date,
  timeZone: string,
): MemberBlockState {
  if (member.state === 'blocked') return { blocked: true, reason: 'blocked_by_admin' };
  if (member.limit && new BillingDecimal(effectiveUsed(member, now, timeZone)).gte(member.limit.amount)) {
    return { blocked: true, reason: 'limit_reached' };
  }
  return { blocked: false };
}
