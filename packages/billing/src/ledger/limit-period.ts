import { BillingDecimal } from '../money/decimal.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { LimitPeriod, MemberRecord } from '../stores/records.js';
import { startOfLocalDay, wallClock } from '../time/zoned-time.js';

/** The first instant of the limit period `at` falls in, in `timeZone`; undefined for `none`. */
export function periodStartOf(period: LimitPeriod, at: Date, timeZone: string): Date | undefined {
  if (period === 'none') return undefined;
  const w = wallClock(at, timeZone);
  if (period === 'day') return startOfLocalDay(w.year, w.month, w.day, timeZone);
  if (period === 'month') return startOfLocalDay(w.year, w.month, 1, timeZone);
  return startOfLocalDay(w.year, 1, 1, timeZone);
}

/**
 * The amount a member has used against their limit as of `now`: what was recorded, unless the
 * period it was recorded in is over (a periodic limit starts afresh without anyone writing).
 */
export function effectiveUsed(
  member: Pick<MemberRecord, 'limit' | 'used' | 'periodStart'>,
  now: Date,
  timeZone: string,
): string {
  const { limit } = member;
  if (!limit) return '0.00';
  if (limit.period === 'none') return member.used;
  const current = periodStartOf(limit.period, now, timeZone)!;
  return member.periodStart && member.periodStart.getTime() >= current.getTime() ? member.used : '0.00';
}

/**
 * What is left of a member's spending limit this period (never below zero: charges may overshoot
 * it); undefined without a limit. The dashboard and the quote check must agree on this figure.
 */
export function remainingLimit(
  member: Pick<MemberRecord, 'limit' | 'used' | 'periodStart'>,
  now: Date,
  timeZone: string,
): string | undefined {
  if (!member.limit) return undefined;
  const left = new BillingDecimal(member.limit.amount).minus(effectiveUsed(member, now, timeZone));
  return canonicalAmount(BillingDecimal.max(0, left));
}
