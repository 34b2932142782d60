import { ChargeSchema, isHpckitError, type Payment, PaymentSchema } from '@hpckit/core';
import { expect } from 'vitest';
import type { ChargeRecord } from '../../stores/records.js';
import { accountFixture, T0 } from '../fixtures.js';
import type { StoreTest } from '../store-target.js';

const at = (s: number) => new Date(T0.getTime() + s * 1000);

function payment(id: string, s: number, overrides: Partial<Payment> = {}): Payment {
  return {
    id,
    account: 'chem',
    kind: 'payment',
    type: 'bank',
    amount: '10.00',
    currency: 'CNY',
    time: at(s),
    operator: 'fin',
    ...overrides,
  };
}

function charge(id: string, s: number, overrides: Partial<ChargeRecord> = {}): ChargeRecord {
  return {
    id,
    account: 'chem',
    kind: 'manual',
    type: 'manual',
    amount: '1.00',
    currency: 'CNY',
    time: at(s),
    ...overrides,
  };
}

/**
 * Entries read back are core's `Payment` and `Charge` models exactly: valid, and with no field
 * the model lacks (a charge adds only its price breakdown).
 */
function expectModels(payments: readonly Payment[], charges: readonly ChargeRecord[]): void {
  for (const p of payments) expect(PaymentSchema.parse(p)).toEqual(p);
  for (const { breakdown: _breakdown, ...c } of charges) expect(ChargeSchema.parse(c)).toEqual(c);
}

/** Payments and charges: uniqueness, reversals, filters, paging, order and net sums. */
export const storeEntryTests: StoreTest[] = [
  {
    title: 'payments: read back, one reversal per entry, net sum, filters and paging',
    async run({ store }) {
      await store.transaction(async (tx) => {
        await tx.insertAccount(accountFixture());
        await tx.insertAccount(accountFixture({ name: 'bio' }));
        await tx.insertPayment(payment('p1', 1, { comment: 'first, "quoted"' }));
        await tx.insertPayment(
          payment('b1', 1, { kind: 'bonus', type: 'bonus', amount: '1.00', linkedTo: 'p1' }),
        );
        await tx.insertPayment(payment('p2', 2, { type: 'grant', amount: '5.50' }));
        await tx.insertPayment(payment('r1', 3, { kind: 'reversal', linkedTo: 'p1' }));
        await tx.insertPayment(payment('p3', 4, { account: 'bio' }));
      });
      const err = await store
        .transaction((tx) => tx.insertPayment(payment('r2', 5, { kind: 'reversal', linkedTo: 'p1' })))
        .catch((e: unknown) => e);
      expect(isHpckitError(err, 'ALREADY_EXISTS')).toBe(true);
      const [p1, reversal] = await store.transaction(async (tx) => [
        await tx.getPayment('p1'),
        await tx.paymentReversalOf('p1'),
      ]);
      expect(p1).toEqual(payment('p1', 1, { comment: 'first, "quoted"' }));
      expect(reversal?.id).toBe('r1');
      const all = await store.transaction((tx) =>
        tx.queryPayments({ from: at(0), to: at(10), accounts: ['chem'] }),
      );
      expect(all.items.map((p) => p.id)).toEqual(['r1', 'p2', 'b1', 'p1']);
      expect(all.total).toBe(4);
      expect(all.sum).toBe('6.50');
      const page = await store.transaction((tx) =>
        tx.queryPayments({ from: at(0), to: at(10), order: 'asc', limit: 2, offset: 1 }),
      );
      expect(page.items.map((p) => p.id)).toEqual(['b1', 'p2']);
      expect(page.total).toBe(5);
      const grants = await store.transaction((tx) =>
        tx.queryPayments({ from: at(0), to: at(10), types: ['grant'] }),
      );
      expect(grants.items.map((p) => p.id)).toEqual(['p2']);
      const window = await store.transaction((tx) =>
        tx.queryPayments({ from: at(2), to: at(4), kinds: ['payment', 'reversal'] }),
      );
      expect(window.items.map((p) => p.id)).toEqual(['r1', 'p2']);
      expectModels(all.items, []);
    },
  },
  {
    title: 'charges: one charge per job key, one reversal per charge, user filter, net sum',
    async run({ store }) {
      const job = { cluster: 'c1', jobId: '7', submitTime: at(0) };
      await store.transaction(async (tx) => {
        await tx.insertAccount(accountFixture());
        await tx.insertCharges([
          charge('c1', 1, { kind: 'job', type: 'job', user: 'alice', job, amount: '3.25' }),
          charge('c2', 2, { user: 'bob', comment: 'storage' }),
          charge('c3', 3, { kind: 'job', type: 'job', user: 'bob', job: { ...job, submitTime: at(1) } }),
        ]);
        await tx.insertCharges([
          charge('r1', 4, { kind: 'reversal', reverses: 'c1', user: 'alice', amount: '3.25' }),
        ]);
      });
      for (const dup of [
        charge('c4', 5, { kind: 'job', type: 'job', job }),
        charge('r2', 5, { kind: 'reversal', reverses: 'c1' }),
      ]) {
        const err = await store.transaction((tx) => tx.insertCharges([dup])).catch((e: unknown) => e);
        expect(isHpckitError(err, 'ALREADY_EXISTS'), String(err)).toBe(true);
      }
      const c1 = await store.transaction((tx) => tx.getCharge('c1'));
      expect(c1).toEqual(charge('c1', 1, { kind: 'job', type: 'job', user: 'alice', job, amount: '3.25' }));
      expect((await store.transaction((tx) => tx.chargeReversalOf('c1')))?.id).toBe('r1');
      const alice = await store.transaction((tx) =>
        tx.queryCharges({ from: at(0), to: at(10), users: ['alice'] }),
      );
      expect(alice.items.map((c) => c.id)).toEqual(['r1', 'c1']);
      expect(alice.sum).toBe('0.00');
      const all = await store.transaction((tx) =>
        tx.queryCharges({ from: at(0), to: at(10), kinds: ['job', 'manual'] }),
      );
      expect(all.sum).toBe('5.25');
      expect(all.total).toBe(3);
      expectModels([], [...alice.items, ...all.items]);
      const none = await store.transaction((tx) => tx.queryCharges({ from: at(0), to: at(10), users: [] }));
      expect(none.total).toBe(0);
      expect(none.sum).toBe('0.00');
    },
  },
];
