import { isHpckitError, type ValidationError, type Payment } from '@hpckit/core';
import { expect } from 'vitest';
import { createLedger } from '../../ledger/create-ledger.js';
import { MAX_LEDGER_AMOUNT } from '../../stores/amount-codec.js';
import type { LedgerTx } from '../../stores/ledger-store.js';
import { accountFixture, memberFixture, T0 } from '../fixtures.js';
import { FINANCE, ROOT } from '../ledger-harness.js';
import type { StoreTest } from '../store-target.js';

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

function payment(id: string, amount: string): Payment {
  return {
    id,
    account: 'chem',
    kind: 'payment',
    type: 't',
    amount,
    currency: 'CNY',
    time: T0,
    operator: 'fin',
  };
}

const MAX = `${MAX_LEDGER_AMOUNT}.00`;
/** Just past the maximum at the ledger's scale, and far past every store's exact range. */
const BEYOND = ['1000000000000.000001', '-1000000000000.01', '10000000000000000000000', `1${'0'.repeat(40)}`];

/** The one maximum amount: kept exactly by every store, refused (typed) beyond, never rounded. */
export const storeAmountRangeTests: StoreTest[] = [
  {
    title: 'amounts: the largest amount is kept exactly on every column; beyond it every write is VALIDATION',
    async run({ store }) {
      await store.transaction(async (tx) => {
        await tx.insertAccount(accountFixture({ balance: MAX, blockThreshold: `-${MAX}` }));
        await tx.insertMember(memberFixture({ used: MAX, limit: { amount: MAX, period: 'none' } }));
        await tx.insertPayment(payment('p1', '999999999999.999999'));
        await tx.insertCharges([
          { id: 'c1', account: 'chem', kind: 'manual', type: 't', amount: MAX, currency: 'CNY', time: T0 },
        ]);
      });
      const before = await store.transaction(async (tx) => ({
        account: await tx.getAccount('chem'),
        member: await tx.getMember('chem', 'alice'),
        payment: await tx.getPayment('p1'),
        charge: await tx.getCharge('c1'),
      }));
      expect(before.account?.balance).toBe(MAX);
      expect(before.account?.blockThreshold).toBe(`-${MAX}`);
      expect(before.member?.used).toBe(MAX);
      expect(before.member?.limit?.amount).toBe(MAX);
      expect(before.payment?.amount).toBe('999999999999.999999');
      expect(before.charge?.amount).toBe(MAX);

      for (const amount of BEYOND) {
        const writes: [string, (tx: LedgerTx) => Promise<unknown>][] = [
          ['insertAccount', (tx) => tx.insertAccount(accountFixture({ name: 'bio', balance: amount }))],
          ['updateAccount balance', (tx) => tx.updateAccount({ ...before.account!, balance: amount })],
          [
            'updateAccount threshold',
            (tx) => tx.updateAccount({ ...before.account!, blockThreshold: amount }),
          ],
          ['insertMember', (tx) => tx.insertMember(memberFixture({ user: 'bob', used: amount }))],
          [
            'updateMember limit',
            (tx) => tx.updateMember({ ...before.member!, limit: { amount, period: 'month' } }),
          ],
          ['insertPayment', (tx) => tx.insertPayment(payment('p2', amount))],
          [
            'insertCharges',
            (tx) =>
              tx.insertCharges([
                { id: 'c2', account: 'chem', kind: 'manual', type: 't', amount, currency: 'CNY', time: T0 },
              ]),
          ],
        ];
        for (const [what, write] of writes) {
          const err = await failure(store.transaction(write));
          expect(isHpckitError(err, 'VALIDATION'), `${what} of ${amount}: ${String(err)}`).toBe(true);
          expect((err as ValidationError).message).toContain(
            `beyond ${MAX_LEDGER_AMOUNT}, the largest amount a ledger keeps exactly`,
          );
        }
      }
      const after = await store.transaction(async (tx) => ({
        account: await tx.getAccount('chem'),
        member: await tx.getMember('chem', 'alice'),
        payment: await tx.getPayment('p1'),
        charge: await tx.getCharge('c1'),
        others: [await tx.getAccount('bio'), await tx.getPayment('p2'), await tx.getCharge('c2')],
      }));
      expect(after).toEqual({ ...before, others: [undefined, undefined, undefined] });
    },
  },
  {
    title: 'amounts: net sums of many maximum amounts stay exact',
    async run({ store }) {
      await store.transaction(async (tx) => {
        await tx.insertAccount(accountFixture());
        for (let i = 0; i < 25; i++) await tx.insertPayment(payment(`p${i}`, '999999999999.999999'));
        await tx.insertPayment({ ...payment('r0', '999999999999.999999'), kind: 'reversal', linkedTo: 'p0' });
      });
      const page = await store.transaction((tx) =>
        tx.queryPayments({ from: T0, to: new Date(T0.getTime() + 1), limit: 1 }),
      );
      expect(page.total).toBe(26);
      expect(page.sum).toBe('23999999999999.999976');
      const payments = await store.transaction((tx) =>
        tx.queryPayments({ from: T0, to: new Date(T0.getTime() + 1), kinds: ['payment'], limit: 0 }),
      );
      expect(payments.sum).toBe('24999999999999.999975');
    },
  },
  {
    title:
      'ledger: amounts beyond the maximum are VALIDATION at their path; a payment past it on the balance is refused whole',
    async run({ store }) {
      const ledger = createLedger({ store, currency: 'CNY', timeZone: 'UTC', now: () => T0 });
      await ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
      await ledger.addMember(ROOT, 'chem', { user: 'bob' });
      // Each refusal is caught as it is made: a rejection left waiting for its turn would be unhandled.
      const refusals: [string[], Promise<unknown>][] = [
        [
          ['input', 'amount'],
          failure(ledger.recordPayment(FINANCE, 'chem', { amount: BEYOND[0]!, type: 'bank' })),
        ],
        [['input', 'amount'], failure(ledger.chargeManually(FINANCE, 'chem', { amount: BEYOND[2]! }))],
        [['input', 'amount'], failure(ledger.setSpendingLimit(ROOT, 'chem', 'bob', { amount: BEYOND[3]! }))],
        [['threshold'], failure(ledger.setBlockThreshold(ROOT, 'chem', BEYOND[1]!))],
        [
          ['input', 'blockThreshold'],
          failure(
            ledger.createAccount(ROOT, {
              name: 'bio',
              type: 'internal',
              owner: 'alice',
              blockThreshold: BEYOND[1]!,
            }),
          ),
        ],
      ];
      for (const [path, refused] of refusals) {
        const err = await refused;
        expect(isHpckitError(err, 'VALIDATION'), String(err)).toBe(true);
        const issues = (err as ValidationError).details.issues;
        expect(issues.map((i) => i.path)).toEqual([path]);
        expect(issues[0]?.message).toContain(
          `${MAX_LEDGER_AMOUNT}, the largest amount a ledger keeps exactly`,
        );
      }

      const full = await ledger.recordPayment(FINANCE, 'chem', { amount: MAX_LEDGER_AMOUNT, type: 'bank' });
      expect(full.account.balance).toBe(MAX);
      const over = await failure(ledger.recordPayment(FINANCE, 'chem', { amount: '0.01', type: 'bank' }));
      expect(isHpckitError(over, 'VALIDATION'), String(over)).toBe(true);
      expect((over as ValidationError).message).toContain(
        `balance of account "chem": would be 1000000000000.01, beyond ${MAX_LEDGER_AMOUNT}, the largest amount a ledger keeps exactly`,
      );
      const page = await ledger.payments(ROOT, { account: 'chem' });
      expect(page.items.map((p) => p.amount)).toEqual([MAX]);
      expect((await store.transaction((tx) => tx.getAccount('chem')))?.balance).toBe(MAX);
    },
  },
];
