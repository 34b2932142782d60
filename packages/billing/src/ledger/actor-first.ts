import type { LedgerAccountOperations } from './account-operations.js';
import type { ActorInput } from './actor.js';
import { asyncOnly } from './async-only.js';
import type { LedgerChargeOperations } from './charge-operations.js';
import type { LedgerQueryOperations } from './ledger-queries.js';
import type { LedgerOperations, LedgerView } from './ledger-view.js';
import type { LedgerMemberOperations } from './member-operations.js';
import type { LedgerPaymentOperations } from './payment-operations.js';

/**
 * The ledger's first form of its operations, kept for one minor version: the actor as first
 * argument of every call, validated on every call. `ledger.as(actor)` replaces it, the way
 * `client.as(user)` acts for a user.
 */

/** An operation `F` of a {@link LedgerView}, taking the actor as its first argument. */
export type ActorFirst<F> = F extends (...args: infer A) => infer R
  ? (actor: ActorInput, ...args: A) => R
  : never;

/**
 * Every ledger operation with the actor as first argument, each deprecated on its own so that
 * editors strike through every call still using it.
 */
export interface ActorFirstLedgerOperations {
  /** @deprecated Use `ledger.as(actor).createAccount(input)`. */
  createAccount: ActorFirst<LedgerAccountOperations['createAccount']>;
  /** @deprecated Use `ledger.as(actor).setAccountType(account, type)`. */
  setAccountType: ActorFirst<LedgerAccountOperations['setAccountType']>;
  /** @deprecated Use `ledger.as(actor).setBlockThreshold(account, threshold)`. */
  setBlockThreshold: ActorFirst<LedgerAccountOperations['setBlockThreshold']>;
  /** @deprecated Use `ledger.as(actor).blockAccount(account)`. */
  blockAccount: ActorFirst<LedgerAccountOperations['blockAccount']>;
  /** @deprecated Use `ledger.as(actor).unblockAccount(account)`. */
  unblockAccount: ActorFirst<LedgerAccountOperations['unblockAccount']>;
  /** @deprecated Use `ledger.as(actor).freezeAccount(account)`. */
  freezeAccount: ActorFirst<LedgerAccountOperations['freezeAccount']>;
  /** @deprecated Use `ledger.as(actor).unfreezeAccount(account)`. */
  unfreezeAccount: ActorFirst<LedgerAccountOperations['unfreezeAccount']>;
  /** @deprecated Use `ledger.as(actor).whitelistAccount(account, input)`. */
  whitelistAccount: ActorFirst<LedgerAccountOperations['whitelistAccount']>;
  /** @deprecated Use `ledger.as(actor).dewhitelistAccount(account)`. */
  dewhitelistAccount: ActorFirst<LedgerAccountOperations['dewhitelistAccount']>;
  /** @deprecated Use `ledger.as(actor).addMember(account, input)`. */
  addMember: ActorFirst<LedgerMemberOperations['addMember']>;
  /** @deprecated Use `ledger.as(actor).removeMember(account, user)`. */
  removeMember: ActorFirst<LedgerMemberOperations['removeMember']>;
  /** @deprecated Use `ledger.as(actor).setMemberRole(account, user, role)`. */
  setMemberRole: ActorFirst<LedgerMemberOperations['setMemberRole']>;
  /** @deprecated Use `ledger.as(actor).blockMember(account, user)`. */
  blockMember: ActorFirst<LedgerMemberOperations['blockMember']>;
  /** @deprecated Use `ledger.as(actor).unblockMember(account, user)`. */
  unblockMember: ActorFirst<LedgerMemberOperations['unblockMember']>;
  /** @deprecated Use `ledger.as(actor).setSpendingLimit(account, user, input)`. */
  setSpendingLimit: ActorFirst<LedgerMemberOperations['setSpendingLimit']>;
  /** @deprecated Use `ledger.as(actor).cancelSpendingLimit(account, user)`. */
  cancelSpendingLimit: ActorFirst<LedgerMemberOperations['cancelSpendingLimit']>;
  /** @deprecated Use `ledger.as(actor).recordPayment(account, input)`. */
  recordPayment: ActorFirst<LedgerPaymentOperations['recordPayment']>;
  /** @deprecated Use `ledger.as(actor).reversePayment(paymentId, input)`. */
  reversePayment: ActorFirst<LedgerPaymentOperations['reversePayment']>;
  /** @deprecated Use `ledger.as(actor).chargeManually(account, input)`. */
  chargeManually: ActorFirst<LedgerChargeOperations['chargeManually']>;
  /** @deprecated Use `ledger.as(actor).reverseCharge(chargeId, input)`. */
  reverseCharge: ActorFirst<LedgerChargeOperations['reverseCharge']>;
  /** @deprecated Use `ledger.as(actor).getAccount(account)`. */
  getAccount: ActorFirst<LedgerQueryOperations['getAccount']>;
  /** @deprecated Use `ledger.as(actor).listAccounts()`. */
  listAccounts: ActorFirst<LedgerQueryOperations['listAccounts']>;
  /** @deprecated Use `ledger.as(actor).listMembers(account)`. */
  listMembers: ActorFirst<LedgerQueryOperations['listMembers']>;
  /** @deprecated Use `ledger.as(actor).balances(user)`. */
  balances: ActorFirst<LedgerQueryOperations['balances']>;
  /** @deprecated Use `ledger.as(actor).payments(query)`. */
  payments: ActorFirst<LedgerQueryOperations['payments']>;
  /** @deprecated Use `ledger.as(actor).charges(query)`. */
  charges: ActorFirst<LedgerQueryOperations['charges']>;
}

/** @deprecated Use {@link LedgerAccountOperations}, the operations of `ledger.as(actor)`. */
export type AccountOperations = Pick<ActorFirstLedgerOperations, keyof LedgerAccountOperations>;
/** @deprecated Use {@link LedgerMemberOperations}, the operations of `ledger.as(actor)`. */
export type MemberOperations = Pick<ActorFirstLedgerOperations, keyof LedgerMemberOperations>;
/** @deprecated Use {@link LedgerPaymentOperations}, the operations of `ledger.as(actor)`. */
export type PaymentOperations = Pick<ActorFirstLedgerOperations, keyof LedgerPaymentOperations>;
/** @deprecated Use {@link LedgerChargeOperations}, the operations of `ledger.as(actor)`. */
export type ChargeOperations = Pick<ActorFirstLedgerOperations, keyof LedgerChargeOperations>;
/** @deprecated Use {@link LedgerQueryOperations}, the operations of `ledger.as(actor)`. */
export type LedgerQueries = Pick<ActorFirstLedgerOperations, keyof LedgerQueryOperations>;

/**
 * The actor-first operations named `names`, each doing exactly what `as(actor)` then the
 * operation does, so both forms check the same roles and refuse with the same errors. A malformed
 * actor is a rejected promise here, as it always was, where `as` throws at once.
 */
export function actorFirstOperations(
  as: (actor: ActorInput) => LedgerView,
  names: readonly (keyof LedgerOperations)[],
): ActorFirstLedgerOperations {
  const out: Record<string, (actor: ActorInput, ...args: unknown[]) => unknown> = {};
  for (const name of names) {
    out[name] = (actor, ...args) => (as(actor)[name] as (...a: unknown[]) => unknown)(...args);
  }
  return asyncOnly(out) as unknown as ActorFirstLedgerOperations;
}
