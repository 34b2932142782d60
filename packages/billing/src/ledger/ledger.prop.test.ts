import type { Job } from '@hpckit/core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { BillingDecimal } from '../money/decimal.js';
import { createMemoryStore } from '../stores/memory/memory-store.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import { arraySource, endedJob, T0 } from '../testing/fixtures.js';
import { FINANCE, ledgerHarness, ROOT } from '../testing/ledger-harness.js';
import { accountBlockState, memberBlockState } from './block-state.js';
import { createJobSync } from './sync/job-sync.js';

const USERS = ['alice', 'bob', 'carol'] as const;
const cents = (n: number) => canonicalAmount(new BillingDecimal(n).div(100));

const op = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), cents: fc.integer({ min: 1, max: 8_000_000 }) }),
  fc.record({
    kind: fc.constant('charge' as const),
    cents: fc.integer({ min: 1, max: 500_000 }),
    user: fc.constantFrom(...USERS),
  }),
  fc.record({ kind: fc.constant('reversePayment' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reverseCharge' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('limit' as const),
    user: fc.constantFrom(...USERS),
    cents: fc.integer({ min: 1, max: 2000 }),
  }),
  fc.record({ kind: fc.constant('cancelLimit' as const), user: fc.constantFrom(...USERS) }),
  fc.record({ kind: fc.constant('blockMember' as const), user: fc.constantFrom(...USERS), on: fc.boolean() }),
  fc.record({ kind: fc.constant('threshold' as const), cents: fc.integer({ min: -100_000, max: 100_000 }) }),
  fc.record({ kind: fc.constant('whitelist' as const), on: fc.boolean() }),
  fc.record({
    kind: fc.constant('sync' as const),
    jobs: fc.array(
      fc.record({
        user: fc.constantFrom(...USERS),
        cores: fc.integer({ min: 1, max: 64 }),
        minutes: fc.integer({ min: 0, max: 600 }),
      }),
      { maxLength: 6 },
    ),
    resync: fc.boolean(),
  }),
);

it('ledger invariants hold after every step of random payments, charges, reversals, limits and syncs', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
      const h = ledgerHarness(createMemoryStore());
      const { ledger } = h;
      await ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
      await ledger.addMember({ user: 'alice' }, 'chem', { user: 'bob' });
      await ledger.addMember({ user: 'alice' }, 'chem', { user: 'carol' });
      // Block states as the events told them, to compare with the pure functions of the data.
      const seen = new Map<string, boolean>([['chem', true]]);
      for (const u of USERS) seen.set(`chem/${u}`, false);
      ledger.on('account:blocked', (e) => seen.set(e.account, true));
      ledger.on('account:unblocked', (e) => seen.set(e.account, false));
      ledger.on('member:blocked', (e) => seen.set(`${e.account}/${e.user}`, true));
      ledger.on('member:unblocked', (e) => seen.set(`${e.account}/${e.user}`, false));
      const payments: string[] = [];
      const charges: string[] = [];
      const jobs: Job[] = [];
      const source = arraySource(jobs);
      let nextJob = 1;
      const swallow = (p: Promise<unknown>) => p.catch(() => undefined);

      for (const o of ops) {
        h.clock.now = new Date(h.clock.now.getTime() + 60_000);
        if (o.kind === 'pay') {
          const r = await ledger.recordPayment(FINANCE, 'chem', { amount: cents(o.cents), type: 'bank' });
          payments.push(r.payment.id);
          if (r.bonus) payments.push(r.bonus.id);
        } else if (o.kind === 'charge') {
          charges.push(
            (await ledger.chargeManually(FINANCE, 'chem', { amount: cents(o.cents), user: o.user })).charge
              .id,
          );
        } else if (o.kind === 'reversePayment' && payments.length > 0) {
          await swallow(ledger.reversePayment(FINANCE, payments[o.pick % payments.length]!));
        } else if (o.kind === 'reverseCharge' && charges.length > 0) {
          await swallow(ledger.reverseCharge(FINANCE, charges[o.pick % charges.length]!));
        } else if (o.kind === 'limit') {
          await ledger.setSpendingLimit({ user: 'alice' }, 'chem', o.user, { amount: cents(o.cents) });
        } else if (o.kind === 'cancelLimit') {
          await ledger.cancelSpendingLimit({ user: 'alice' }, 'chem', o.user);
        } else if (o.kind === 'blockMember') {
          await (o.on ? ledger.blockMember : ledger.unblockMember)({ user: 'alice' }, 'chem', o.user);
        } else if (o.kind === 'threshold') {
          await ledger.setBlockThreshold(ROOT, 'chem', cents(o.cents));
        } else if (o.kind === 'whitelist') {
          await (o.on ? ledger.whitelistAccount(ROOT, 'chem') : ledger.dewhitelistAccount(ROOT, 'chem'));
        } else if (o.kind === 'sync') {
          for (const j of o.jobs) {
            const end = new Date(h.clock.now.getTime() - 1000);
            jobs.push(
              endedJob(nextJob++, {
                user: j.user,
                seconds: j.minutes * 60,
                endOffsetSeconds: (end.getTime() - T0.getTime()) / 1000,
                allocated: { nodes: 1, cores: j.cores, gpus: 0 },
                ...(j.minutes === 0 ? { startTime: undefined } : {}),
              }),
            );
          }
          const lookbackSeconds = o.resync ? 86_400 : 900;
          const sync = createJobSync({
            ledger,
            source,
            clusters: ['c1'],
            pricer: h.engine.price,
            lookbackSeconds,
            batchSize: 4,
          });
          await sync.run();
        }

        // balance = payments + bonuses − charges − reversals (net sums over all time)
        const all = { from: new Date(0), to: new Date(h.clock.now.getTime() + 1), limit: 10_000 };
        const tx = await h.ledger.store.transaction(async (t) => ({
          paid: await t.queryPayments(all),
          charged: await t.queryCharges(all),
          account: (await t.getAccount('chem'))!,
          members: await t.listMembers({ account: 'chem' }),
        }));
        expect(tx.account.balance).toBe(
          canonicalAmount(new BillingDecimal(tx.paid.sum).minus(tx.charged.sum)),
        );
        // No job charged twice.
        const jobCharges = tx.charged.items.filter((c) => c.kind === 'job');
        expect(new Set(jobCharges.map((c) => `${c.job!.jobId}`)).size).toBe(jobCharges.length);
        // Every synced job is charged, or recorded free.
        const records = await h.ledger.store.transaction((t) =>
          t.getJobRecords(
            'c1',
            jobs.map((j) => j.id),
          ),
        );
        expect(records.every((r) => r.status === 'charged' || r.status === 'free')).toBe(true);
        // Block states always equal the pure functions of the data, and the events followed them.
        expect(seen.get('chem')).toBe(accountBlockState(tx.account, h.clock.now).blocked);
        for (const m of tx.members) {
          expect(seen.get(`chem/${m.user}`)).toBe(memberBlockState(m, h.clock.now, ledger.timeZone).blocked);
          expect(new BillingDecimal(m.used).gte(0)).toBe(true);
        }
      }
    }),
    { numRuns: 40 },
  );
}, 60_000);
