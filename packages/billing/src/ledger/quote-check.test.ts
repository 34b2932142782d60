import { formatError, isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../stores/memory/memory-store.js';
import { FINANCE, ledgerHarness, ROOT } from '../testing/ledger-harness.js';

async function setup() {
  const h = ledgerHarness(createMemoryStore());
  const root = h.ledger.as(ROOT);
  await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
  await h.ledger.as({ user: 'alice' }).addMember('chem', { user: 'bob' });
  await h.ledger.as(FINANCE).recordPayment('chem', { amount: '100', type: 'bank' });
  await h.ledger.as({ user: 'alice' }).setSpendingLimit('chem', 'bob', { amount: '30' });
  return h;
}

const cny = (amount: string) => ({ maximum: { amount, currency: 'CNY' } });

describe('checking a quote before submitting', () => {
  it('passes a quote within both the balance and the limit', async () => {
    const h = await setup();
    const quote = h.engine.quote(
      { partition: 'cpu', coresPerNode: 4, timeLimit: '2h', command: 'run' },
      { cluster: 'c1', accountType: 'internal' },
    );
    const check = await h.ledger.as({ user: 'bob' }).checkQuote('chem', quote);
    expect(check).toMatchObject({
      ok: true,
      required: quote.maximum.amount,
      balance: { available: '100.00', exceeded: false },
      limit: { available: '30.00', exceeded: false },
      errors: [],
    });
  });

  it('says which would be exceeded and by how much, in English and Chinese', async () => {
    const h = await setup();
    const check = await h.ledger.as({ user: 'bob' }).checkQuote('chem', cny('120'));
    expect(check.ok).toBe(false);
    expect(check.balance).toEqual({
      available: '100.00',
      exceeded: true,
      shortfall: '20.00',
      whitelisted: false,
    });
    expect(check.limit).toEqual({ available: '30.00', exceeded: true, shortfall: '90.00' });
    expect(check.errors.map((e) => e.details.reason)).toEqual([
      'insufficient_balance',
      'spending_limit_exceeded',
    ]);
    const [balance, limit] = check.errors;
    expect(balance?.message).toContain('more than the 100.00 CNY available to account "chem"');
    expect(limit?.message).toContain(
      'more than the 30.00 CNY left of user "bob"\'s spending limit in account "chem"',
    );
    expect(formatError(limit!, { locale: 'zh-CN' })).toContain('超过了用户“bob”在账户“chem”的消费限额剩余的');
    expect(formatError(balance!, { locale: 'zh-CN' })).toContain('该作业最多可能花费');
    // Only the limit: the balance covers 50, bob's limit does not.
    const half = await h.ledger.as({ user: 'bob' }).checkQuote('chem', cny('50'));
    expect(half.errors.map((e) => e.details.reason)).toEqual(['spending_limit_exceeded']);
    expect(half.limit?.shortfall).toBe('20.00');
    // alice has no limit: only the balance counts.
    const owner = await h.ledger.as({ user: 'alice' }).checkQuote('chem', cny('50'));
    expect(owner).toMatchObject({ ok: true, user: 'alice' });
    expect(owner.limit).toBeUndefined();
  });

  it("agrees with the dashboard's balances on what is left of the limit", async () => {
    const h = await setup();
    const bob = h.ledger.as({ user: 'bob' });
    const [line] = await bob.balances();
    expect(line).toMatchObject({ account: 'chem', balance: '100.00', used: '0.00', remaining: '30.00' });
    const check = await bob.checkQuote('chem', cny('1'));
    expect(check.limit?.available).toBe(line?.remaining);
    // alice, without a limit, has no remaining figure at all (not zero: nothing limits her).
    const [owner] = await h.ledger.as({ user: 'alice' }).balances();
    expect(owner?.remaining).toBeUndefined();
    expect(owner?.limit).toBeUndefined();
  });

  it('reports a blocked account, and never exceeds the balance of a whitelisted one', async () => {
    const h = await setup();
    const root = h.ledger.as(ROOT);
    await root.whitelistAccount('chem', { comment: 'grant pending' });
    const white = await h.ledger.as({ user: 'alice' }).checkQuote('chem', cny('500'));
    expect(white).toMatchObject({ ok: true, balance: { exceeded: false, whitelisted: true } });
    await root.dewhitelistAccount('chem');
    await root.blockAccount('chem');
    const blocked = await h.ledger.as({ user: 'alice' }).checkQuote('chem', cny('1'));
    expect(blocked.errors.map((e) => e.details.reason)).toEqual(['account_blocked']);
  });

  it("refuses another user's check to a plain member, and a quote in another currency", async () => {
    const h = await setup();
    expect((await h.ledger.as({ user: 'alice' }).checkQuote('chem', cny('1'), 'bob')).user).toBe('bob');
    const denied = await h.ledger
      .as({ user: 'bob' })
      .checkQuote('chem', cny('1'), 'alice')
      .catch((e) => e);
    expect(isHpckitError(denied, 'PERMISSION_DENIED')).toBe(true);
    const usd = await h.ledger
      .as({ user: 'bob' })
      .checkQuote('chem', { maximum: { amount: '1', currency: 'USD' } })
      .catch((e) => e);
    expect(isHpckitError(usd, 'VALIDATION')).toBe(true);
  });
});
