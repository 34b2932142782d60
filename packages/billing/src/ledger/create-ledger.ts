import { parseInput } from '@hpckit/core';
import { z } from 'zod';
import { type BonusCalculator, createBonusCalculator } from '../bonus/bonus-calculator.js';
import type { BonusRulesInput } from '../bonus/bonus-rules-schema.js';
import type { LedgerStore } from '../stores/ledger-store.js';
import { type AccountOperations, createAccountOperations } from './account-operations.js';
import { type ChargeOperations, createChargeOperations } from './charge-operations.js';
import { createLedgerContext, type LedgerContext } from './ledger-context.js';
import type { LedgerEventName, LedgerEvents } from './ledger-events.js';
import { createLedgerQueries, type LedgerQueries } from './ledger-queries.js';
import { createMemberOperations, type MemberOperations } from './member-operations.js';
import { createPaymentOperations, type PaymentOperations } from './payment-operations.js';
import { isTimeZone } from '../time/zoned-time.js';

const isObject = (v: unknown) => typeof v === 'object' && v !== null;

/** Options of {@link createLedger}. */
export const LedgerOptionsSchema = z.strictObject({
  /** Where the ledger lives: `createMemoryStore()`, `createSqliteStore()` or `createPostgresStore()`. */
  store: z.custom<LedgerStore>((v) => isObject(v) && typeof (v as LedgerStore).transaction === 'function', {
    message: 'must be a ledger store, e.g. createMemoryStore() or await createSqliteStore({ path })',
  }),
  /** The ledger's currency (ISO 4217). */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "CNY"'),
  /**
   * Recharge bonus: tier rules or a calculator from `createBonusCalculator`. Absent: no bonus.
   * @default undefined
   */
  bonus: z.unknown().optional(),
  /** Time zone of periodic spending limits (month and day boundaries). @default 'UTC' */
  timeZone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as "Asia/Shanghai" or "UTC"')
    .default('UTC'),
  /** The clock. @default () => new Date() */
  now: z.custom<() => Date>((v) => typeof v === 'function', 'must be a function returning a Date').optional(),
});

/** Options of {@link createLedger}, as given. */
export interface LedgerOptions {
  store: LedgerStore;
  currency: string;
  /** Recharge bonus rules or calculator. @default undefined (no bonus) */
  bonus?: BonusRulesInput | BonusCalculator;
  /** Time zone of periodic spending limits. @default 'UTC' */
  timeZone?: string;
  /** The clock. @default () => new Date() */
  now?: () => Date;
}

/**
 * The ledger of an HPC portal: accounts, members and spending limits, payments with bonuses,
 * charges, reversals and block states, with a role check on every call and events delivered
 * after commit.
 */
export interface Ledger
  extends AccountOperations,
    MemberOperations,
    PaymentOperations,
    ChargeOperations,
    LedgerQueries {
  readonly currency: string;
  readonly timeZone: string;
  readonly store: LedgerStore;
  /** The ledger's clock. */
  now(): Date;
  /** Subscribes to an event; returns the unsubscribe function. Events arrive only after their transaction commits. */
  on<E extends LedgerEventName>(event: E, listener: (...args: LedgerEvents[E]) => void): () => void;
  /** Delivers events still in the outbox (written by a process that stopped before delivering them). */
  deliverEvents(): Promise<number>;
  /** @internal Shared context, for the job-charge sync. */
  readonly context: LedgerContext;
}

/**
 * Creates a ledger over a store.
 *
 * @example
 * ```ts
 * const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY', bonus: ikkemPreset().bonusRules });
 * const root = { user: 'root', roles: ['platform-admin'] };
 * await ledger.createAccount(root, { name: 'chem', type: 'internal', owner: 'alice' });
 * await ledger.recordPayment({ user: 'fin', roles: ['finance'] }, 'chem', { amount: '50000', type: 'bank transfer' });
 * await ledger.setSpendingLimit({ user: 'alice' }, 'chem', 'bob', { amount: '5000' });
 * ```
 * @throws `ValidationError` on malformed options.
 */
export function createLedger(options: LedgerOptions): Ledger {
  const o = parseInput(LedgerOptionsSchema, options, 'ledger options', ['options']);
  let bonus: BonusCalculator | undefined;
  if (o.bonus !== undefined) {
    bonus =
      isObject(o.bonus) && typeof (o.bonus as BonusCalculator).bonusFor === 'function'
        ? (o.bonus as BonusCalculator)
        : createBonusCalculator(o.bonus as BonusRulesInput);
  }
  const ctx = createLedgerContext({
    store: o.store,
    currency: o.currency,
    timeZone: o.timeZone,
    now: o.now ?? (() => new Date()),
    bonus,
  });
  const operations = asyncOnly({
    ...createAccountOperations(ctx),
    ...createMemberOperations(ctx),
    ...createPaymentOperations(ctx),
    ...createChargeOperations(ctx),
    ...createLedgerQueries(ctx),
  });
  return {
    currency: ctx.currency,
    timeZone: ctx.timeZone,
    store: ctx.store,
    now: () => ctx.now(),
    ...operations,
    on(event, listener) {
      ctx.emitter.on(event, listener as never);
      return () => ctx.emitter.off(event, listener as never);
    },
    deliverEvents: () => ctx.deliver(),
    context: ctx,
  };
}

/**
 * Makes every operation report bad input and refused permissions as a rejected promise, never a
 * synchronous throw, so `await`-less callers (`.catch`) see every failure the same way.
 */
function asyncOnly<T extends object>(ops: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(ops)) {
    out[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((fn as (...a: unknown[]) => unknown)(...args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return out as T;
}
