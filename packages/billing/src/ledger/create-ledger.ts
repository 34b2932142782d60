import { parseInput, ruleError } from '@hpckit/core';
import { z } from 'zod';
import { type BonusCalculator, createBonusCalculator } from '../bonus/bonus-calculator.js';
import type { BonusRulesInput } from '../bonus/bonus-rules-schema.js';
import type { LedgerStore } from '../stores/ledger-store.js';
import { isTimeZone } from '../time/zoned-time.js';
import { type ActorFirstLedgerOperations, actorFirstOperations } from './actor-first.js';
import { type ActorInput, ActorSchema, SYSTEM_ACTOR } from './actor.js';
import { createLedgerContext, type LedgerContext } from './ledger-context.js';
import type { LedgerEventName, LedgerEvents } from './ledger-events.js';
import { clusterMembership, type LedgerSchedulerOptions } from './membership/cluster-membership.js';
import { createLedgerView, type LedgerOperations, type LedgerView, ledgerOperations } from './ledger-view.js';
import { billingRules } from '../errors/billing-rules.js';

const isObject = (v: unknown) => typeof v === 'object' && v !== null;

/** Options of {@link createLedger}. */
export const LedgerOptionsSchema = z.strictObject({
  /** Where the ledger lives: `createMemoryStore()`, `createSqliteStore()` or `createPostgresStore()`. */
  store: z.custom<LedgerStore>((v) => isObject(v) && typeof (v as LedgerStore).transaction === 'function', {
    error: billingRules.error('not_a_store'),
  }),
  /** The ledger's currency (ISO 4217). */
  currency: z.string().regex(/^[A-Z]{3}$/, { error: billingRules.error('not_a_currency') }),
  /**
   * Recharge bonus: tier rules or a calculator from `createBonusCalculator`. Absent: no bonus.
   * @default undefined
   */
  bonus: z.unknown().optional(),
  /** Time zone of periodic spending limits (month and day boundaries). @default 'UTC' */
  timeZone: z
    .string()
    .refine(isTimeZone, { error: billingRules.error('not_a_time_zone') })
    .default('UTC'),
  /** The clock. @default () => new Date() */
  now: z
    .custom<() => Date>((v) => typeof v === 'function', { error: billingRules.error('not_a_clock') })
    .optional(),
  /**
   * The clusters that account and membership changes reach. Absent: the ledger changes only
   * itself, and a reconciler brings the clusters in line. @default undefined
   */
  scheduler: z
    .strictObject({
      client: z.custom<LedgerSchedulerOptions['client']>(
        (v) => isObject(v) && isObject((v as { users?: unknown }).users),
        { error: billingRules.error('not_a_client') },
      ),
      clusters: z
        .array(z.string().min(1))
        .min(1, { error: ruleError('at_least_one_cluster') })
        .optional(),
    })
    .optional(),
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
  /**
   * The clusters that account and membership changes reach: `createAccount` creates the account
   * there, `addMember` the association, and `removeMember` blocks the member, refuses while they
   * have unfinished jobs on the account, then removes the association everywhere.
   * @default undefined (the ledger changes only itself)
   */
  scheduler?: LedgerSchedulerOptions;
}

/**
 * The ledger of an HPC portal: accounts, members and spending limits, payments with bonuses,
 * charges, reversals and block states, with a role check on every call and events delivered
 * after commit. Its operations act for an actor: `ledger.as(actor)` gives them all, the way
 * `client.as(user)` acts for a user. The same operations taking the actor as first argument
 * (`ledger.createAccount(actor, input)`) are deprecated and go in the next minor version.
 */
export interface Ledger extends ActorFirstLedgerOperations {
  readonly currency: string;
  readonly timeZone: string;
  readonly store: LedgerStore;
  /** The ledger's clock. */
  now(): Date;
  /**
   * The ledger acting for `actor` (`{ user, roles }`, `roles` ⊆ `platform-admin`, `finance`):
   * every operation, without the actor argument. The actor is validated here, once; the roles an
   * operation needs are checked on each call, against the memberships of that moment.
   *
   * @throws `VALIDATION` (at `actor`) for a malformed actor, at once, like `client.as(user)`.
   * @example
   * ```ts
   * await ledger.as({ user: 'fin', roles: ['finance'] }).recordPayment('chem', { amount: '50000', type: 'bank transfer' });
   * const lines = await ledger.as({ user: 'alice' }).balances(); // alice's dashboard
   * ```
   */
  as(actor: ActorInput): LedgerView;
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
 * await ledger.as({ user: 'root', roles: ['platform-admin'] }).createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
 * await ledger.as({ user: 'fin', roles: ['finance'] }).recordPayment('chem', { amount: '50000', type: 'bank transfer' });
 * await ledger.as({ user: 'alice' }).setSpendingLimit('chem', 'bob', { amount: '5000' });
 * ```
 * @throws `ValidationError` on malformed options.
 */
export function createLedger(options: LedgerOptions): Ledger {
  const o = parseInput(LedgerOptionsSchema, options, billingRules.subject('ledger_options'), ['options']);
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
    ...(o.scheduler ? { scheduler: clusterMembership(o.scheduler as LedgerSchedulerOptions) } : {}),
  });
  const as = (actor: ActorInput): LedgerView =>
    createLedgerView(ctx, parseInput(ActorSchema, actor, billingRules.subject('actor'), ['actor']));
  // Building operations runs none of them: their names are the keys of any actor's set.
  const names = Object.keys(ledgerOperations(ctx, SYSTEM_ACTOR)) as (keyof LedgerOperations)[];
  return {
    currency: ctx.currency,
    timeZone: ctx.timeZone,
    store: ctx.store,
    now: () => ctx.now(),
    as,
    ...actorFirstOperations(as, names),
    on(event, listener) {
      ctx.emitter.on(event, listener as never);
      return () => ctx.emitter.off(event, listener as never);
    },
    deliverEvents: () => ctx.deliver(),
    context: ctx,
  };
}
