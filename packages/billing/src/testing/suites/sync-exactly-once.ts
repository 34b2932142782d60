import { ChargeSchema } from '@hpckit/core';
import { expect } from 'vitest';
import { createJobSync } from '../../ledger/sync/job-sync.js';
import { arraySource, endedJob, T0 } from '../fixtures.js';
import { FINANCE, ledgerHarness, ROOT } from '../ledger-harness.js';
import type { StoreTest } from '../store-target.js';

/** The job-charge sync over the store: exactly once, retries, member limits, concurrency. */
export const syncTests: StoreTest[] = [
  {
    title: 'sync: charges each ended job once to its own account; re-syncing any window is a no-op',
    async run({ store }) {
      const h = ledgerHarness(store);
      const { ledger } = h;
      const root = ledger.as(ROOT);
      const finance = ledger.as(FINANCE);
      await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
      await root.createAccount({ name: 'bio', type: 'external', owner: 'bob' });
      await finance.recordPayment('chem', { amount: '100', type: 'bank' });
      // Job 3 was charged to "bio" by the scheduler even though alice is not a member there.
      const jobs = [endedJob(1), endedJob(2, { seconds: 1800 }), endedJob(3, { account: 'bio' })];
      const source = arraySource(jobs);
      h.clock.now = new Date(T0.getTime() + 3600_000);
      const sync = createJobSync({
        ledger,
        source,
        clusters: ['c1'],
        pricer: h.engine.price,
        batchSize: 2,
        startAt: T0,
      });
      const [first] = await sync.run();
      expect(first).toMatchObject({ charged: 3, amount: '0.17', batches: 2 });
      // The cursor has moved past the jobs; a sync that looks back further reads them all again.
      const rereader = createJobSync({
        ledger,
        source,
        clusters: ['c1'],
        pricer: h.engine.price,
        lookbackSeconds: 86_400,
      });
      const again = await rereader.syncCluster('c1');
      expect(again.charged).toBe(0);
      expect(again.skipped).toBe(3);
      const charges = await root.charges({ from: T0, to: h.clock.now });
      expect(charges.items.map((c) => [c.job?.jobId, c.account, c.amount]).sort()).toEqual([
        ['1', 'chem', '0.06'],
        ['2', 'chem', '0.03'],
        ['3', 'bio', '0.08'],
      ]);
      expect((await root.getAccount('chem')).balance).toBe('99.91');
      expect((await root.getAccount('bio')).balance).toBe('-0.08');
      const charged = h.events.filter((e) => e.type === 'jobs:charged');
      expect(charged).toHaveLength(2);
      expect(charges.items[0]?.breakdown?.itemId).toMatch(/^ikkem-cpu-/);
      // A job charge is core's Charge model plus its price breakdown.
      for (const { breakdown: _breakdown, ...charge } of charges.items) {
        expect(ChargeSchema.parse(charge)).toEqual(charge);
      }
    },
  },
  {
    title: 'sync: unpriced, unsettled and unknown-account jobs wait and are charged later, never skipped',
    async run({ store }) {
      const h = ledgerHarness(store);
      const { ledger } = h;
      const root = ledger.as(ROOT);
      await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
      const jobs = [
        endedJob(1, { partition: 'new' }),
        endedJob(2, { partition: undefined }),
        endedJob(3, { account: 'later' }),
        endedJob(4, { startTime: undefined, elapsedSeconds: 0, seconds: 0 }),
      ];
      const source = arraySource(jobs);
      h.clock.now = new Date(T0.getTime() + 3600_000);
      let pricer = h.engine.price;
      const sync = createJobSync({
        ledger,
        source,
        clusters: ['c1'],
        pricer: (j, c) => pricer(j, c),
        startAt: T0,
      });
      const first = await sync.syncCluster('c1');
      expect(first).toMatchObject({ charged: 0, waiting: 3, free: 1 });
      const waiting = h.events.find((e) => e.type === 'jobs:waiting')?.payload as {
        jobs: { status: string }[];
      };
      expect(waiting.jobs.map((j) => j.status).sort()).toEqual(['unknown_account', 'unpriced', 'unsettled']);
      // Accounting settles, a price item and the account appear; the cursor has moved on meanwhile.
      jobs[1] = endedJob(2);
      await root.createAccount({ name: 'later', type: 'internal', owner: 'carol' });
      pricer = (job, ctx) =>
        h.engine.price(job.partition === 'new' ? { ...job, partition: 'cpu' } : job, ctx);
      h.clock.now = new Date(T0.getTime() + 30 * 86_400_000);
      const second = await sync.syncCluster('c1');
      expect(second.charged).toBe(3);
      const third = await sync.syncCluster('c1');
      expect(third.charged).toBe(0);
      const all = await root.charges({ from: T0, to: h.clock.now });
      expect(all.items.map((c) => c.job?.jobId).sort()).toEqual(['1', '2', '3']);
    },
  },
  {
    title: 'sync: member limits are charged, block at the limit, and unblock when raised',
    async run({ store }) {
      const h = ledgerHarness(store);
      const { ledger } = h;
      const root = ledger.as(ROOT);
      const finance = ledger.as(FINANCE);
      await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
      await finance.recordPayment('chem', { amount: '1000', type: 'bank' });
      await ledger.as({ user: 'alice' }).addMember('chem', { user: 'bob' });
      await ledger.as({ user: 'alice' }).setSpendingLimit('chem', 'bob', { amount: '1.00' });
      // 64 cores for 10 minutes at 0.06 per core-hour: 0.64 each.
      const big = (id: number) =>
        endedJob(id, {
          user: 'bob',
          seconds: 600,
          endOffsetSeconds: id * 3600,
          allocated: { nodes: 1, cores: 64, gpus: 0 },
        });
      const source = arraySource([big(1)]);
      h.clock.now = new Date(T0.getTime() + 3600_000);
      const sync = createJobSync({ ledger, source, clusters: ['c1'], pricer: h.engine.price, startAt: T0 });
      await sync.run();
      let [line] = (await ledger.as({ user: 'bob' }).balances()).filter((l) => l.account === 'chem');
      expect(line).toMatchObject({ used: '0.64', memberBlock: { blocked: false } });
      source.jobs.push(big(2));
      h.clock.now = new Date(T0.getTime() + 3 * 3600_000);
      await sync.run();
      [line] = (await ledger.as({ user: 'bob' }).balances()).filter((l) => l.account === 'chem');
      expect(line).toMatchObject({ used: '1.28', memberBlock: { blocked: true, reason: 'limit_reached' } });
      expect(h.events.map((e) => e.type)).toContain('member:limit-reached');
      await ledger.as({ user: 'alice' }).setSpendingLimit('chem', 'bob', { amount: '100' });
      [line] = (await ledger.as({ user: 'bob' }).balances()).filter((l) => l.account === 'chem');
      expect(line).toMatchObject({ used: '1.28', memberBlock: { blocked: false } });
      expect(h.events.at(-1)?.type).toBe('member:unblocked');
    },
  },
  {
    title: 'sync: two syncs of one cluster at once through two connections never double-charge',
    async run({ store, openAnother }) {
      const h = ledgerHarness(store);
      const root = h.ledger.as(ROOT);
      await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
      const other = await openAnother();
      const h2 = ledgerHarness(other);
      const cores = { nodes: 1, cores: 64, gpus: 0 };
      const jobs = Array.from({ length: 300 }, (_, i) =>
        endedJob(i + 1, { seconds: 60 * (1 + (i % 7)), allocated: cores }),
      );
      const source = arraySource(jobs);
      for (const x of [h, h2]) x.clock.now = new Date(T0.getTime() + 3600_000);
      const make = (x: typeof h) =>
        createJobSync({
          ledger: x.ledger,
          source,
          clusters: ['c1'],
          pricer: x.engine.price,
          batchSize: 25,
          startAt: T0,
        });
      const reports = await Promise.all([make(h).run(), make(h2).run(), make(h).run()]);
      const charged = reports.flat().reduce((n, r) => n + r.charged, 0);
      expect(charged).toBe(300);
      const all = await root.charges({ from: T0, to: h.clock.now, limit: 1000 });
      expect(all.total).toBe(300);
      expect(new Set(all.items.map((c) => c.job?.jobId)).size).toBe(300);
      const account = await root.getAccount('chem');
      expect(account.balance).toBe(`-${all.sum}`);
      if (other !== store) await other.close();
    },
  },
];
