import { DecimalStringSchema, LineSchema, NameSchema, UserNameSchema, ruleError } from '@hpckit/core';
import { z } from 'zod';
import { DECIMAL_PATTERN } from '../money/decimal.js';
import { LEDGER_SCALE, MAX_LEDGER_AMOUNT, withinLedgerRange } from '../stores/amount-codec.js';
import { billingRules } from '../errors/billing-rules.js';

const scale = (s: string) => (s.split('.')[1]?.length ?? 0) <= LEDGER_SCALE;
// zod runs every refinement even after the format check failed: a non-decimal is that check's to
// report, and must not reach the decimal parser (which throws a bare DecimalError on it).
const inRange = (s: string) => !DECIMAL_PATTERN.test(s) || withinLedgerRange(s);
const SCALE_MESSAGE = { error: billingRules.error('too_many_places', { maximum: LEDGER_SCALE }) };

/**
 * A positive amount as a decimal string (`"5000"`, `"12.50"`), at most `MAX_LEDGER_AMOUNT`, with at
 * most `LEDGER_SCALE` decimal places.
 */
export const PositiveAmountSchema = DecimalStringSchema.refine(scale, SCALE_MESSAGE)
  .refine((s) => !s.startsWith('-') && /[1-9]/.test(s), { error: billingRules.error('positive_amount') })
  .refine(inRange, { error: billingRules.error('amount_too_large', { maximum: MAX_LEDGER_AMOUNT }) });

/**
 * A signed amount as a decimal string (a block threshold may be negative: a credit line), within
 * ±`MAX_LEDGER_AMOUNT`, with at most `LEDGER_SCALE` decimal places.
 */
export const SignedAmountSchema = DecimalStringSchema.refine(scale, SCALE_MESSAGE).refine(inRange, {
  error: billingRules.error('amount_out_of_range', { maximum: MAX_LEDGER_AMOUNT }),
});

const EARLIEST = new Date('0001-01-01T00:00:00.000Z');
const LATEST = new Date('9999-12-31T23:59:59.999Z');
const TIME_RANGE_MESSAGE = { error: billingRules.error('time_out_of_range') };

/**
 * A time an entry or exemption carries, in the years 1 to 9999: calendar years, bonus years and
 * exports of such times stay within what dates, SQL and ISO 8601's four-digit years represent.
 */
export const LedgerTimeSchema = z.date().min(EARLIEST, TIME_RANGE_MESSAGE).max(LATEST, TIME_RANGE_MESSAGE);

/** A free-text comment on one line. */
const CommentSchema = LineSchema.max(1000, {
  error: ruleError('at_most_characters', { maximum: 1000 }),
});

/** Input of `createAccount`. */
export const CreateAccountSchema = z.strictObject({
  name: NameSchema,
  /** Account type, selecting the price items (e.g. `internal`, `external`). */
  type: NameSchema,
  /** The owner, a member like any other: a login name, since members become cluster users. */
  owner: UserNameSchema,
  tenant: NameSchema.optional(),
  /** @default '0' */
  blockThreshold: SignedAmountSchema.default('0'),
  comment: CommentSchema.optional(),
});

/** Input of `whitelistAccount`. */
export const WhitelistSchema = z.strictObject({
  /** When the exemption ends; absent means permanent. */
  until: LedgerTimeSchema.optional(),
  comment: CommentSchema.optional(),
});

/** Input of `addMember`. */
export const AddMemberSchema = z.strictObject({
  /** A login name: the reconciler adds members to the clusters' accounts as users. */
  user: UserNameSchema,
  /** @default 'member' */
  role: z.enum(['admin', 'member']).default('member'),
});

/** Input of `setSpendingLimit`. */
export const SpendingLimitSchema = z.strictObject({
  amount: PositiveAmountSchema,
  /** How often the used amount starts afresh. @default 'none' */
  period: z.enum(['none', 'day', 'month', 'year']).default('none'),
});

/** Input of `recordPayment`. */
export const PaymentInputSchema = z.strictObject({
  amount: PositiveAmountSchema,
  /** Site-defined payment type, e.g. `bank transfer`. */
  type: LineSchema.min(1, { error: billingRules.error('no_payment_type') }).max(100),
  comment: CommentSchema.optional(),
  /** When the money was received. @default now */
  time: LedgerTimeSchema.optional(),
});

/** Input of `chargeManually`. */
export const ManualChargeSchema = z.strictObject({
  amount: PositiveAmountSchema,
  /** Site-defined charge type. @default 'manual' */
  type: LineSchema.min(1).max(100).default('manual'),
  /** The user the charge is about, if any. */
  user: NameSchema.optional(),
  comment: CommentSchema.optional(),
  /** @default now */
  time: LedgerTimeSchema.optional(),
});

/** Input of the reversal operations. */
export const ReversalSchema = z.strictObject({
  comment: CommentSchema.optional(),
});

/** Values of the enums above, for callers building forms. */
export type CreateAccountInput = z.input<typeof CreateAccountSchema>;
/** Input of `whitelistAccount`, as callers pass it. */
export type WhitelistInput = z.input<typeof WhitelistSchema>;
/** Input of `addMember`, as callers pass it. */
export type AddMemberInput = z.input<typeof AddMemberSchema>;
/** Input of `setSpendingLimit`, as callers pass it. */
export type SpendingLimitInput = z.input<typeof SpendingLimitSchema>;
/** Input of `recordPayment`, as callers pass it. */
export type PaymentInput = z.input<typeof PaymentInputSchema>;
/** Input of `chargeManually`, as callers pass it. */
export type ManualChargeInput = z.input<typeof ManualChargeSchema>;
/** Input of the reversal operations, as callers pass it. */
export type ReversalInput = z.input<typeof ReversalSchema>;
