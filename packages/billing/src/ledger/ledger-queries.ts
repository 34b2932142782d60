import { billingRules } from '../errors/billing-rules.js';
import {
  ChargeSchema,
  JobIdSchema,
  NameSchema,
  parseInput,
  type Payment,
  PaymentSchema,
  validationSubject,
} from '@hpckit/core';
import { z } from 'zod';
import type { EntryPage } from '../stores/ledger-store.js';
import type { AccountRecord, ChargeRecord, MemberRecord } from '../stores/records.js';
import type { Actor } from './actor.js';
import {
  type AccountBlockState,
  accountBlockState,
  type MemberBlockState,
  memberBlockState,
} from './block-state.js';
import type { LedgerContext } from './ledger-context.js';
import { effectiveUsed, remainingLimit } from './limit-period.js';
import { requireAccount } from './lookups.js';
import { requireRole } from './roles.js';
import { visibleUsers } from './visible-users.js';

const DAY = 86_400_000;

/** Which payments to list. Times: both ends inclusive, like core's job queries. */
export const PaymentQuerySchema = z.strictObject({
  account: NameSchema.optional(),
  /** @default one year before `to` */
  from: z.date().optional(),
  /** @default now */
  to: z.date().optional(),
  types: z.array(z.string()).optional(),
  kinds: z.array(PaymentSchema.shape.kind).optional(),
  /** @default 50 */
  limit: z.number().int().positive().max(10_000).default(50),
  /** @default 0 */
  offset: z.number().int().nonnegative().default(0),
  /** @default 'desc' */
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** Which charges to list. Times: both ends inclusive, like core's job queries. */
export const ChargeQuerySchema = z.strictObject({
  account: NameSchema.optional(),
  users: z.array(NameSchema).optional(),
  /** @default 7 days before `to` */
  from: z.date().optional(),
  /** @default now */
  to: z.date().optional(),
  kinds: z.array(ChargeSchema.shape.kind).optional(),
  types: z.array(z.string()).optional(),
  /** One job's charge and its reversal: the cluster (as in `job.cluster`) and the job id. */
  job: z.strictObject({ cluster: NameSchema, jobId: JobIdSchema }).optional(),
  /** @default 50 */
  limit: z.number().int().positive().max(10_000).default(50),
  /** @default 0 */
  offset: z.number().int().nonnegative().default(0),
  /** @default 'desc' */
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** A payment query, as callers pass it. */
export type PaymentQueryInput = z.input<typeof PaymentQuerySchema>;
/** A charge query, as callers pass it. */
export type ChargeQueryInput = z.input<typeof ChargeQuerySchema>;

/** An account with its block state, as the ledger reports it. */
export interface AccountView extends AccountRecord {
  block: AccountBlockState;
}

/** One line of a user's dashboard: an account they may use, its balance and their standing in it. */
export interface BalanceLine {
  account: string;
  type: string;
  balance: string;
  currency: string;
  role: MemberRecord['role'];
  accountBlock: AccountBlockState;
  memberBlock: MemberBlockState;
  limit?: MemberRecord['limit'];
  /** Used against the limit in the current period. */
  used?: string;
  /**
   * What is left of the limit this period (`limit.amount` less `used`, never below zero), the same
   * figure `checkQuote` compares a quote with; absent without a limit.
   */
  remaining?: string;
}

/** A page of entries with the time range it covers (after defaults). */
export interface EntryPageResult<T> extends EntryPage<T> {
  from: Date;
  to: Date;
}

/** Read-side operations of a ledger acting for an actor (`ledger.as(actor)`). */
export interface LedgerQueryOperations {
  /** An account with its block state (its members, finance or platform admin). @throws `NOT_FOUND`, `PERMISSION_DENIED` */
  getAccount(account: string): Promise<AccountView>;
  /** Every account (finance or platform admin). */
  listAccounts(): Promise<AccountView[]>;
  /** Members of an account (its owner and admins, finance or platform admin). */
  listMembers(account: string): Promise<MemberRecord[]>;
  /** Balances of every account `user` may use (default: the actor; another user needs finance or platform admin). */
  balances(user?: string): Promise<BalanceLine[]>;
  /** Payments, newest first by default, over the last year by default (account owners and admins, finance, platform admin). */
  payments(query?: PaymentQueryInput): Promise<EntryPageResult<Payment>>;
  /**
   * Charges, newest first by default, over the last 7 days by default. Account owners and admins
   * see their account's charges; plain members only their own; finance and platform admins all.
   */
  charges(query?: ChargeQueryInput): Promise<EntryPageResult<ChargeRecord>>;
}

const FINANCE = ['platform-admin', 'finance'] as const;

/** Builds the read-side operations of a ledger acting for `actor` (already validated). */
export function createLedgerQueries(ctx: LedgerContext, actor: Actor): LedgerQueryOperations {
  const view = (a: AccountRecord): AccountView => ({ ...a, block: accountBlockState(a, ctx.now()) });

  return {
    getAccount(account) {
      return ctx.read(async (tx) => {
        const a = await requireAccount(
          tx,
          parseInput(NameSchema, account, validationSubject('account_name'), ['account']),
        );
        requireRole(
          actor,
          [...FINANCE, 'member'],
          `view account "${a.name}"`,
          await tx.getMember(a.name, actor.user),
        );
        return view(a);
      });
    },
    listAccounts() {
      requireRole(actor, FINANCE, 'list every account');
      return ctx.read(async (tx) => (await tx.listAccounts()).map(view));
    },
    listMembers(account) {
      return ctx.read(async (tx) => {
        const a = await requireAccount(
          tx,
          parseInput(NameSchema, account, validationSubject('account_name'), ['account']),
        );
        const roles = [...FINANCE, 'account-owner', 'account-admin'] as const;
        requireRole(
          actor,
          roles,
          `list the members of account "${a.name}"`,
          await tx.getMember(a.name, actor.user),
        );
        return tx.listMembers({ account: a.name });
      });
    },
    balances(userInput) {
      const user =
        userInput === undefined
          ? actor.user
          : parseInput(NameSchema, userInput, validationSubject('user_name'), ['user']);
      if (user !== actor.user) requireRole(actor, FINANCE, `view the balances of user "${user}"`);
      return ctx.read(async (tx) => {
        const now = ctx.now();
        const members = await tx.listMembers({ user });
        const accounts = new Map(
          (await tx.listAccounts(members.map((m) => m.account))).map((a) => [a.name, a]),
        );
        return members.flatMap((m): BalanceLine[] => {
          const a = accounts.get(m.account);
          if (!a) return [];
          const line: BalanceLine = {
            account: a.name,
            type: a.type,
            balance: a.balance,
            currency: a.currency,
            role: m.role,
            accountBlock: accountBlockState(a, now),
            memberBlock: memberBlockState(m, now, ctx.timeZone),
          };
          if (m.limit) {
            line.limit = m.limit;
            line.used = effectiveUsed(m, now, ctx.timeZone);
            line.remaining = remainingLimit(m, now, ctx.timeZone);
          }
          return [line];
        });
      });
    },
    payments(queryInput = {}) {
      const q = parseInput(PaymentQuerySchema, queryInput, billingRules.subject('payment_query'), ['query']);
      const to = q.to ?? ctx.now();
      const from = q.from ?? new Date(to.getTime() - 365 * DAY);
      return ctx.read(async (tx) => {
        if (q.account === undefined) requireRole(actor, FINANCE, 'view the payments of every account');
        else {
          const roles = [...FINANCE, 'account-owner', 'account-admin'] as const;
          requireRole(
            actor,
            roles,
            `view the payments of account "${q.account}"`,
            await tx.getMember(q.account, actor.user),
          );
        }
        const page = await tx.queryPayments({
          from,
          to: new Date(to.getTime() + 1),
          accounts: q.account === undefined ? undefined : [q.account],
          kinds: q.kinds,
          types: q.types,
          limit: q.limit,
          offset: q.offset,
          order: q.order,
        });
        return { ...page, from, to };
      });
    },
    charges(queryInput = {}) {
      const q = parseInput(ChargeQuerySchema, queryInput, billingRules.subject('charge_query'), ['query']);
      const to = q.to ?? ctx.now();
      const from = q.from ?? new Date(to.getTime() - 7 * DAY);
      return ctx.read(async (tx) => {
        const users = await visibleUsers(tx, actor, q.account, q.users, "view other users' charges");
        const page = await tx.queryCharges({
          from,
          to: new Date(to.getTime() + 1),
          accounts: q.account === undefined ? undefined : [q.account],
          users,
          kinds: q.kinds,
          types: q.types,
          job: q.job,
          limit: q.limit,
          offset: q.offset,
          order: q.order,
        });
        return { ...page, from, to };
      });
    },
  };
}
