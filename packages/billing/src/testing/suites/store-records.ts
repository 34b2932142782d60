import { isHpckitError } from '@hpckit/core';
import { expect } from 'vitest';
import { accountFixture, memberFixture, T0 } from '../fixtures.js';
import type { StoreTest } from '../store-target.js';

async function rejects(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isHpckitError(err, code as never), `expected ${code}, got ${String(err)}`).toBe(true);
}

/** Accounts, members, rollback and exact amounts. */
export const storeRecordTests: StoreTest[] = [
  {
    title: 'accounts: insert, read back every field, list by name, update',
    async run({ store }) {
      const full = accountFixture({
        name: 'zeta',
        tenant: 'ikkem',
        balance: '-12.345678',
        blockThreshold: '-500.00',
        state: 'frozen',
        whitelist: { until: new Date(T0.getTime() + 1000), comment: 'grant', operator: 'root', time: T0 },
      });
      await store.transaction(async (tx) => {
        await tx.insertAccount(full);
        await tx.insertAccount(accountFixture({ name: 'alpha' }));
      });
      const [one, listed, some] = await store.transaction(async (tx) =>
        Promise.all([tx.getAccount('zeta'), tx.listAccounts(), tx.listAccounts(['zeta', 'missing'])]),
      );
      expect(one).toEqual(full);
      expect(listed.map((a) => a.name)).toEqual(['alpha', 'zeta']);
      expect(some.map((a) => a.name)).toEqual(['zeta']);
      const { whitelist: _w, ...rest } = full;
      await store.transaction((tx) => tx.updateAccount({ ...rest, balance: '1.50', state: 'normal' }));
      const after = await store.transaction((tx) => tx.getAccount('zeta'));
      expect(after).toEqual({ ...rest, balance: '1.50', state: 'normal' });
    },
  },
  {
    title: 'accounts: a second account with the same name is ALREADY_EXISTS',
    async run({ store }) {
      await store.transaction((tx) => tx.insertAccount(accountFixture()));
      await rejects(
        store.transaction((tx) => tx.insertAccount(accountFixture())),
        'ALREADY_EXISTS',
      );
    },
  },
  {
    title: 'members: insert, read, list by account and by user, update, delete',
    async run({ store }) {
      await store.transaction(async (tx) => {
        await tx.insertAccount(accountFixture());
        await tx.insertAccount(accountFixture({ name: 'bio' }));
        await tx.insertMember(memberFixture({ role: 'owner' }));
        await tx.insertMember(
          memberFixture({
            user: 'bob',
            limit: { amount: '5000.00', period: 'month' },
            used: '12.50',
            periodStart: T0,
          }),
        );
        await tx.insertMember(memberFixture({ account: 'bio', user: 'bob' }));
      });
      await rejects(
        store.transaction((tx) => tx.insertMember(memberFixture())),
        'ALREADY_EXISTS',
      );
      const bob = await store.transaction((tx) => tx.getMember('chem', 'bob'));
      expect(bob).toEqual(
        memberFixture({
          user: 'bob',
          limit: { amount: '5000.00', period: 'month' },
          used: '12.50',
          periodStart: T0,
        }),
      );
      const inChem = await store.transaction((tx) => tx.listMembers({ account: 'chem' }));
      expect(inChem.map((m) => m.user)).toEqual(['alice', 'bob']);
      const ofBob = await store.transaction((tx) => tx.listMembers({ user: 'bob' }));
      expect(ofBob.map((m) => m.account)).toEqual(['bio', 'chem']);
      await store.transaction((tx) =>
        tx.updateMember({ ...bob!, limit: undefined, used: '0.00', state: 'blocked' }),
      );
      const updated = await store.transaction((tx) => tx.getMember('chem', 'bob'));
      expect(updated?.limit).toBeUndefined();
      expect(updated?.state).toBe('blocked');
      await store.transaction((tx) => tx.deleteMember('chem', 'bob'));
      expect(await store.transaction((tx) => tx.getMember('chem', 'bob'))).toBeUndefined();
    },
  },
  {
    title: 'transactions: a failing transaction leaves no trace',
    async run({ store }) {
      await store.transaction((tx) => tx.insertAccount(accountFixture()));
      const boom = new Error('boom');
      await expect(
        store.transaction(async (tx) => {
          await tx.updateAccount(accountFixture({ balance: '99.00' }));
          await tx.insertAccount(accountFixture({ name: 'other' }));
          await tx.insertMember(memberFixture());
          await tx.setCursor('c1', T0);
          await tx.appendOutbox([{ type: 'x', payload: '{}' }]);
          throw boom;
        }),
      ).rejects.toBe(boom);
      const state = await store.transaction(async (tx) => ({
        account: await tx.getAccount('chem'),
        accounts: await tx.listAccounts(),
        member: await tx.getMember('chem', 'alice'),
        cursor: await tx.getCursor('c1'),
        outbox: await tx.claimOutbox(10),
      }));
      expect(state.account?.balance).toBe('0.00');
      expect(state.accounts).toHaveLength(1);
      expect(state.member).toBeUndefined();
      expect(state.cursor).toBeUndefined();
      expect(state.outbox).toEqual([]);
    },
  },
  {
    title: 'amounts: stored and summed exactly, never through a float',
    async run({ store }) {
      const big = '123456789012.345678';
      await store.transaction(async (tx) => {
        await tx.insertAccount(accountFixture({ balance: big, blockThreshold: '0.000001' }));
        const base = {
          account: 'chem',
          kind: 'payment' as const,
          type: 't',
          currency: 'CNY',
          operator: 'fin',
        };
        await tx.insertPayment({ ...base, id: 'p1', amount: '0.10', time: T0 });
        await tx.insertPayment({ ...base, id: 'p2', amount: '0.20', time: T0 });
        await tx.insertPayment({ ...base, id: 'p3', amount: big, time: T0 });
      });
      const account = await store.transaction((tx) => tx.getAccount('chem'));
      expect(account?.balance).toBe(big);
      expect(account?.blockThreshold).toBe('0.000001');
      const page = await store.transaction((tx) =>
        tx.queryPayments({ from: T0, to: new Date(T0.getTime() + 1), accounts: ['chem'] }),
      );
      expect(page.sum).toBe('123456789012.645678');
      const small = await store.transaction((tx) =>
        tx.queryPayments({ from: T0, to: new Date(T0.getTime() + 1), types: ['t'], limit: 2, order: 'asc' }),
      );
      expect(small.items.map((p) => p.amount)).toEqual(['0.10', '0.20']);
    },
  },
];
