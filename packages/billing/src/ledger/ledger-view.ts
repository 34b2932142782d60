import { createAccountOperations, type LedgerAccountOperations } from './account-operations.js';
import type { Actor } from './actor.js';
import { asyncOnly } from './async-only.js';
import { createChargeOperations, type LedgerChargeOperations } from './charge-operations.js';
import type { LedgerContext } from './ledger-context.js';
import { createJobHistoryOperations, type LedgerJobHistoryOperations } from './job-history.js';
import { createLedgerQueries, type LedgerQueryOperations } from './ledger-queries.js';
import { createMemberOperations, type LedgerMemberOperations } from './member-operations.js';
import { createPaymentOperations, type LedgerPaymentOperations } from './payment-operations.js';
import { createQuoteOperations, type LedgerQuoteOperations } from './quote-check.js';

/**
 * A ledger acting for one actor, from `ledger.as(actor)`: every operation of the ledger, without
 * an actor argument. The actor is validated once, when the view is made; the roles it needs are
 * checked on every call, against the memberships of that moment. Views are cheap: make one per
 * request.
 *
 * @example
 * ```ts
 * const dave = ledger.as({ user: 'dave' });
 * await dave.addMember('chem', { user: 'carol' });
 * await dave.setSpendingLimit('chem', 'carol', { amount: '5000', period: 'month' });
 * const { items } = await dave.charges({ account: 'chem' });
 * ```
 */
export interface LedgerView
  extends LedgerAccountOperations,
    LedgerMemberOperations,
    LedgerPaymentOperations,
    LedgerChargeOperations,
    LedgerQueryOperations,
    LedgerJobHistoryOperations,
    LedgerQuoteOperations {
  /** Who the view acts for, as validated (`roles` defaults to none); frozen. */
  readonly actor: Actor;
}

/**
 * The operations of a ledger acting for one actor that also have the deprecated actor-first form
 * (`ledger.createAccount(actor, input)`); operations added since (the job history, the quote check) have only
 * `ledger.as(actor)`.
 */
export type LedgerOperations = Omit<
  LedgerView,
  'actor' | keyof LedgerJobHistoryOperations | keyof LedgerQuoteOperations
>;

/** The operations of a ledger acting for `actor` (already validated), as they are built. */
export function ledgerOperations(ctx: LedgerContext, actor: Actor): LedgerOperations {
  return {
    ...createAccountOperations(ctx, actor),
    ...createMemberOperations(ctx, actor),
    ...createPaymentOperations(ctx, actor),
    ...createChargeOperations(ctx, actor),
    ...createLedgerQueries(ctx, actor),
  };
}

/** Builds the view of a ledger acting for `actor` (already validated). */
export function createLedgerView(ctx: LedgerContext, actor: Actor): LedgerView {
  // Frozen: every operation of the view reads this one object, so nobody may change it under them.
  const frozen = Object.freeze({ ...actor, roles: Object.freeze([...actor.roles]) as Actor['roles'] });
  return {
    actor: frozen,
    ...asyncOnly({
      ...ledgerOperations(ctx, frozen),
      ...createJobHistoryOperations(ctx, frozen),
      ...createQuoteOperations(ctx, frozen),
    }),
  };
}
