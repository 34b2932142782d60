import { billingRules } from '../errors/billing-rules.js';
import { NameSchema, parseInput, PolicyError, validationSubject } from '@hpckit/core';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { AccountRecord, AccountState } from '../stores/records.js';
import type { Actor } from './actor.js';
import type { LedgerContext } from './ledger-context.js';
import {
  type CreateAccountInput,
  CreateAccountSchema,
  SignedAmountSchema,
  type WhitelistInput,
  WhitelistSchema,
} from './ledger-inputs.js';
import { requireAccount } from './lookups.js';
import { requireRole } from './roles.js';

/**
 * Account administration of a ledger acting for an actor (`ledger.as(actor)`): creation, type,
 * threshold, manual block, freeze and whitelist.
 */
export interface LedgerAccountOperations {
  /**
   * Creates an account with a zero balance and its owner as first member (platform admin only).
   *
   * @throws `PERMISSION_DENIED`, `VALIDATION`, `ALREADY_EXISTS`
   */
  createAccount(input: CreateAccountInput): Promise<AccountRecord>;
  /** Changes the account type, which selects price items for jobs priced from now on (platform admin). */
  setAccountType(account: string, type: string): Promise<AccountRecord>;
  /** Sets the balance at or below which the account is blocked; negative values are a credit line (platform admin). */
  setBlockThreshold(account: string, threshold: string): Promise<AccountRecord>;
  /** Blocks the account by hand, whatever its balance (platform admin). Running jobs keep running. */
  blockAccount(account: string): Promise<AccountRecord>;
  /** Lifts a manual block; the account stays blocked if its balance is at or below the threshold (platform admin). */
  unblockAccount(account: string): Promise<AccountRecord>;
  /** Freezes the account: blocked even when whitelisted (platform admin). */
  freezeAccount(account: string): Promise<AccountRecord>;
  /** Lifts a freeze (platform admin). */
  unfreezeAccount(account: string): Promise<AccountRecord>;
  /** Exempts the account from balance and manual blocking, optionally until a moment (platform admin). */
  whitelistAccount(account: string, input?: WhitelistInput): Promise<AccountRecord>;
  /** Removes the exemption (platform admin). */
  dewhitelistAccount(account: string): Promise<AccountRecord>;
}

/** Builds the account operations of a ledger acting for `actor` (already validated). */
export function createAccountOperations(ctx: LedgerContext, actor: Actor): LedgerAccountOperations {
  const admin = ['platform-admin'] as const;

  /** Loads, checks the role, applies `change` and records block-state events. */
  function update(
    accountName: string,
    action: string,
    change: (a: AccountRecord) => AccountRecord,
  ): Promise<AccountRecord> {
    const name = parseInput(NameSchema, accountName, validationSubject('account_name'), ['account']);
    requireRole(actor, admin, action);
    return ctx.mutate(async (tx, events) => {
      const before = await requireAccount(tx, name);
      const after = change(structuredClone(before));
      await tx.updateAccount(after);
      events.accountChanged(before, after);
      return after;
    });
  }

  const setState =
    (from: AccountState[], to: AccountState, action: string) =>
    (account: string): Promise<AccountRecord> =>
      update(account, action, (a) => {
        if (!from.includes(a.state)) {
          throw new PolicyError({
            details: { reason: 'not_permitted', subject: a.name },
            ...billingRules.errorText('state_change_refused', { item: action, value: a.name, text: a.state }),
          });
        }
        return { ...a, state: to };
      });

  return {
    createAccount(input) {
      const data = parseInput(CreateAccountSchema, input, validationSubject('account'), ['input']);
      requireRole(actor, admin, 'create an account');
      const cluster = ctx.scheduler;
      if (cluster) {
        // The clusters first, as for a member: a ledger account nobody can submit to is worse
        // than an association the ledger does not know yet (the next call or a reconciler adds it).
        return ctx
          .read((tx) => tx.getAccount(data.name))
          .then(async (existing) => {
            if (existing === undefined) await cluster.ensureAccount(data.name, data.owner);
            return insert();
          });
      }
      return insert();

      function insert() {
        return ctx.mutate(async (tx, events) => {
          const now = ctx.now();
          const account: AccountRecord = {
            name: data.name,
            type: data.type,
            owner: data.owner,
            currency: ctx.currency,
            balance: '0.00',
            blockThreshold: canonicalAmount(data.blockThreshold),
            state: 'normal',
            createdAt: now,
          };
          if (data.tenant !== undefined) account.tenant = data.tenant;
          await tx.insertAccount(account);
          const owner = {
            account: data.name,
            user: data.owner,
            role: 'owner' as const,
            state: 'normal' as const,
          };
          await tx.insertMember({ ...owner, used: '0.00', createdAt: now });
          events.emit('account:created', { account: data.name, owner: data.owner, type: data.type });
          events.emit('member:added', { account: data.name, user: data.owner, role: 'owner' });
          events.accountChanged(undefined, account);
          return account;
        });
      }
    },
    setAccountType: (account, type) =>
      update(account, 'change an account type', (a) => ({
        ...a,
        type: parseInput(NameSchema, type, billingRules.subject('account_type'), ['type']),
      })),
    setBlockThreshold: (account, threshold) =>
      update(account, 'change a block threshold', (a) => ({
        ...a,
        blockThreshold: canonicalAmount(
          parseInput(SignedAmountSchema, threshold, billingRules.subject('block_threshold'), ['threshold']),
        ),
      })),
    blockAccount: setState(['normal'], 'blocked', 'block'),
    unblockAccount: setState(['blocked'], 'normal', 'unblock'),
    freezeAccount: setState(['normal', 'blocked'], 'frozen', 'freeze'),
    unfreezeAccount: setState(['frozen'], 'normal', 'unfreeze'),
    whitelistAccount(account, input = {}) {
      const data = parseInput(WhitelistSchema, input, billingRules.subject('whitelist'), ['input']);
      return update(account, 'whitelist an account', (a) => {
        const whitelist: NonNullable<AccountRecord['whitelist']> = { operator: actor.user, time: ctx.now() };
        if (data.until) whitelist.until = data.until;
        if (data.comment !== undefined) whitelist.comment = data.comment;
        return { ...a, whitelist };
      });
    },
    dewhitelistAccount: (account) =>
      update(account, 'remove an account from the whitelist', (a) => {
        const { whitelist: _removed, ...rest } = a;
        return rest;
      }),
  };
}
