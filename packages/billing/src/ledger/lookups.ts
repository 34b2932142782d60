import { billingRules } from '../errors/billing-rules.js';
import { NotFoundError } from '@hpckit/core';
import type { LedgerTx } from '../stores/ledger-store.js';
import type { AccountRecord, MemberRecord } from '../stores/records.js';

/**
 * An account, locked for the transaction.
 *
 * @throws `NotFoundError` (kind `account`).
 */
export async function requireAccount(tx: LedgerTx, name: string): Promise<AccountRecord> {
  const account = await tx.getAccount(name);
  if (account) return account;
  throw new NotFoundError({
    details: { kind: 'account', id: name },
    ...billingRules.errorText('no_ledger_account', { value: name }),
  });
}

/**
 * A membership, locked for the transaction.
 *
 * @throws `NotFoundError` (kind `member`).
 */
export async function requireMember(tx: LedgerTx, account: string, user: string): Promise<MemberRecord> {
  const member = await tx.getMember(account, user);
  if (member) return member;
  throw new NotFoundError({
    details: { kind: 'member', id: `${user} in ${account}` },
    ...billingRules.errorText('not_a_member', { value: user, item: account }),
  });
}
