import { billingRules } from '../errors/billing-rules.js';
import {
  type Money,
  MoneySchema,
  NameSchema,
  parseInput,
  PolicyError,
  validationSubject,
} from '@hpckit/core';
import { z } from 'zod';
import { BillingDecimal } from '../money/decimal.js';
import { moneyToDecimal } from '../money/money.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { Actor } from './actor.js';
import {
  type AccountBlockState,
  accountBlockState,
  type MemberBlockState,
  memberBlockState,
} from './block-state.js';
import type { LedgerContext } from './ledger-context.js';
import { remainingLimit } from './limit-period.js';
import { requireAccount, requireMember } from './lookups.js';
import { requireRole } from './roles.js';

/** What {@link LedgerQuoteOperations.checkQuote} needs of a quote: its maximum (a `Quote` of the pricing engine fits). */
export const QuotedMaximumSchema = z.object({ maximum: MoneySchema }).loose();

/** How a quote compares with one amount that limits spending. */
export interface QuoteBound {
  /** What may still be spent: the balance above the block threshold, or what is left of the limit. */
  available: string;
  /** Whether the quote's maximum is more than `available`. */
  exceeded: boolean;
  /** By how much it is more (present when `exceeded`). */
  shortfall?: string;
}

/** A quote checked against an account's balance and a member's spending limit, before submitting. */
export interface QuoteCheck {
  /** True when the job may be submitted: nothing would be exceeded and nothing is blocked. */
  ok: boolean;
  account: string;
  user: string;
  /** The quote's maximum, in the ledger's currency. */
  required: string;
  currency: string;
  /**
   * The account's balance above its block threshold. A whitelisted account is never exceeded
   * (it is not blocked for its balance).
   */
  balance: QuoteBound & { whitelisted: boolean };
  /** What is left of the member's spending limit this period; absent without a limit. */
  limit?: QuoteBound;
  accountBlock: AccountBlockState;
  memberBlock: MemberBlockState;
  /**
   * Why the submission would be refused, one typed error per cause (`insufficient_balance`,
   * `spending_limit_exceeded`, `account_blocked`, `user_blocked`), each worded in English and
   * Chinese (`formatError(error, { locale: 'zh-CN' })`). Empty when `ok`.
   */
  errors: PolicyError[];
}

/** Checking a quote against the ledger, for a ledger acting for an actor (`ledger.as(actor)`). */
export interface LedgerQuoteOperations {
  /**
   * Checks a quote (`engine.quote(spec, context)`) against the account's balance and the member's
   * remaining spending limit before submitting: which would be exceeded, and by how much. `user`
   * defaults to the actor; another user's check needs the account's owner or admin, finance or a
   * platform admin.
   *
   * @throws `VALIDATION` (a quote in another currency), `NOT_FOUND` (account, member), `PERMISSION_DENIED`
   */
  checkQuote(account: string, quote: { maximum: Money }, user?: string): Promise<QuoteCheck>;
}

function bound(required: BillingDecimal, available: BillingDecimal, exempt = false): QuoteBound {
  const exceeded = !exempt && required.gt(available);
  const out: QuoteBound = { available: canonicalAmount(available), exceeded };
  if (exceeded) out.shortfall = canonicalAmount(required.minus(available));
  return out;
}

/** Builds the quote check of a ledger acting for `actor` (already validated). */
export function createQuoteOperations(ctx: LedgerContext, actor: Actor): LedgerQuoteOperations {
  return {
    checkQuote(accountInput, quoteInput, userInput) {
      const accountName = parseInput(NameSchema, accountInput, validationSubject('account_name'), [
        'account',
      ]);
      const quote = parseInput(QuotedMaximumSchema, quoteInput, billingRules.subject('quote'), ['quote']);
      const user =
        userInput === undefined
          ? actor.user
          : parseInput(NameSchema, userInput, validationSubject('user_name'), ['user']);
      const required = moneyToDecimal(quote.maximum, ctx.currency, billingRules.subject('quote_maximum'));
      return ctx.read(async (tx) => {
        const account = await requireAccount(tx, accountName);
        if (user !== actor.user) {
          const roles = ['platform-admin', 'finance', 'account-owner', 'account-admin'] as const;
          requireRole(
            actor,
            roles,
            `check a quote for user "${user}"`,
            await tx.getMember(accountName, actor.user),
          );
        }
        const member = await requireMember(tx, accountName, user);
        const now = ctx.now();
        const accountBlock = accountBlockState(account, now);
        const memberBlock = memberBlockState(member, now, ctx.timeZone);
        const available = new BillingDecimal(account.balance).minus(account.blockThreshold);
        const check: QuoteCheck = {
          ok: true,
          account: accountName,
          user,
          required: canonicalAmount(required),
          currency: ctx.currency,
          balance: {
            ...bound(required, available, accountBlock.whitelisted),
            whitelisted: accountBlock.whitelisted,
          },
          accountBlock,
          memberBlock,
          errors: [],
        };
        const unit = ctx.currency;
        const left = remainingLimit(member, now, ctx.timeZone);
        if (left !== undefined) check.limit = bound(required, new BillingDecimal(left));
        if (accountBlock.blocked) {
          check.errors.push(
            new PolicyError({ details: { reason: 'account_blocked', subject: accountName } }),
          );
        }
        if (memberBlock.blocked) {
          check.errors.push(
            new PolicyError({ details: { reason: 'user_blocked', subject: accountName, user } }),
          );
        }
        if (check.balance.exceeded) {
          check.errors.push(
            new PolicyError({
              details: {
                reason: 'insufficient_balance',
                subject: accountName,
                limit: check.balance.available,
                requested: check.required,
                unit,
              },
            }),
          );
        }
        if (check.limit?.exceeded) {
          check.errors.push(
            new PolicyError({
              details: {
                reason: 'spending_limit_exceeded',
                subject: accountName,
                user,
                limit: check.limit.available,
                requested: check.required,
                unit,
              },
            }),
          );
        }
        check.ok = check.errors.length === 0;
        return check;
      });
    },
  };
}
