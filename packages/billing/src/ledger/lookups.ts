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
    hint: 'Create it with ledger.createAccount() first, or check the spelling.',
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
    message: `User "${user}" is not a member of account "${account}".`,
    hint: 'Add them with ledger.addMember() first.',
    translations: { 'zh-CN': `用户“${user}”不是账户“${account}”的成员。请先用 ledger.addMember() 添加。` },
  });
}
