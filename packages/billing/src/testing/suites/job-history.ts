import { isHpckitError } from '@hpckit/core';
import { expect } from 'vitest';
import { createJobSync } from '../../ledger/sync/job-sync.js';
import { arraySource, endedJob, T0 } from '../fixtures.js';
import { FINANCE, type LedgerHarness, ledgerHarness, ROOT } from '../ledger-harness.js';
import type { StoreTest } from '../store-target.js';

const HOUR = 3600_000;

/**
 * chem (alice owns, bob a member) and bio (carol owns); jobs 1–2 alice's and 3 bob's in chem, 4
 * carol's in bio, 5 bob's unpriced (a partition no price covers), 6 alice's free (it never ran), 7
 * alice's failed; all synced, and job 2's charge reversed.
 */
async function history(h: LedgerHarness) {
  const root = h.ledger.as(ROOT);
  await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
  await root.createAccount({ name: 'bio', type: 'external', owner: 'carol' });
  await h.ledger.as({ user: 'alice' }).addMember('chem', { user: 'bob' });
  await h.ledger.as(FINANCE).recordPayment('chem', { amount: '100', type: 'bank' });
  const jobs = [
    endedJob(1),
    endedJob(2, { seconds: 1800 }),
    endedJob(3, { user: 'bob' }),
    endedJob(4, { user: 'carol', account: 'bio' }),
    endedJob(5, { user: 'bob', partition: 'new' }),
    endedJob(6, { startTime: undefined, elapsedSeconds: 0, seconds: 0 }),
    endedJob(7, { state: { phase: 'ended', outcome: 'failed', raw: 'FAILED', exitCode: 1 } }),
  ];
  h.clock.now = new Date(T0.getTime() + HOUR);
  const sync = createJobSync({
    ledger: h.ledger,
    source: arraySource(jobs),
    clusters: ['c1'],
    pricer: h.engine.price,
    startAt: T0,
  });
  await sync.run();
  const [charge2] = (await root.charges({ job: { cluster: 'c1', jobId: '2' }, from: T0 })).items;
  await h.ledger.as(FINANCE).reverseCharge(charge2!.id, { comment: 'node failure' });
  return { root };
}

/** The job history with costs: one query for the history page, one for a job's detail. */
export const jobHistoryTests: StoreTest[] = [
  {
    title: 'history: each job with its cost and breakdown, pending never free, totals net of reversals',
    async run({ store }) {
      const h = ledgerHarness(store);
      const { root } = await history(h);
      const page = await root.jobCosts({ from: T0 });
      expect(page.total).toBe(7);
      expect(page.nextCursor).toBeUndefined();
      // Newest first: the fixtures end one second apart, job 7 last.
      expect(page.items.map((j) => [j.jobId, j.pricing, j.cost])).toEqual([
        ['7', 'charged', '0.06'],
        ['6', 'free', '0.00'],
        ['5', 'pending', undefined],
        ['4', 'charged', '0.08'],
        ['3', 'charged', '0.06'],
        ['2', 'charged', '0.00'],
        ['1', 'charged', '0.06'],
      ]);
      expect(page.totals).toEqual({ CNY: '0.26' });
      const [, , pending, , , reversed, first] = page.items;
      expect(pending).toMatchObject({ pendingStatus: 'unpriced', user: 'bob', account: 'chem' });
      expect(pending?.pendingReason).toMatch(/^No price item covers cluster "c1", partition "new"/);
      expect(pending?.charge).toBeUndefined();
      expect(reversed?.charge?.amount).toBe('0.03');
      expect(reversed?.reversal).toMatchObject({ kind: 'reversal', amount: '0.03', comment: 'node failure' });
      expect(first?.charge?.breakdown?.itemId).toMatch(/^ikkem-cpu-/);
      expect(first?.job?.endTime).toEqual(new Date(T0.getTime() + 1000));
      expect(first?.job?.allocated?.cores).toBe(1);
    },
  },
  {
    title: 'history: filters by user, account, cluster, outcome, pricing and end time; pages by cursor',
    async run({ store }) {
      const h = ledgerHarness(store);
      const { root } = await history(h);
      const ids = async (q: Parameters<typeof root.jobCosts>[0]) =>
        (await root.jobCosts({ from: T0, ...q })).items.map((j) => j.jobId);
      expect(await ids({ users: ['bob'] })).toEqual(['5', '3']);
      expect(await ids({ account: 'bio' })).toEqual(['4']);
      expect(await ids({ clusters: ['other'] })).toEqual([]);
      expect(await ids({ outcomes: ['failed'] })).toEqual(['7']);
      expect(await ids({ pricing: ['pending', 'free'] })).toEqual(['6', '5']);
      // Both ends inclusive, on the end time: jobs 2, 3 and 4 ended at T0+2s, +3s, +4s.
      expect(await ids({ from: new Date(T0.getTime() + 2000), to: new Date(T0.getTime() + 4000) })).toEqual([
        '4',
        '3',
        '2',
      ]);
      const filtered = await root.jobCosts({ from: T0, account: 'chem', users: ['alice'] });
      expect(filtered.totals).toEqual({ CNY: '0.12' });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await root.jobCosts({ from: T0, limit: 3, cursor });
        expect(page.total).toBe(7);
        expect(page.totals).toEqual({ CNY: '0.26' });
        seen.push(...page.items.map((j) => j.jobId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined);
      expect(pages).toBe(3);
      expect(seen).toEqual(['7', '6', '5', '4', '3', '2', '1']);
      const bad = await root.jobCosts({ cursor: 'not-a-cursor' }).catch((e: unknown) => e);
      expect(isHpckitError(bad, 'VALIDATION')).toBe(true);
      expect((bad as Error).message).toContain('query.cursor');
    },
  },
  {
    title: 'history: plain members see their own jobs, account owners their account, others are refused',
    async run({ store }) {
      const h = ledgerHarness(store);
      await history(h);
      const bob = h.ledger.as({ user: 'bob' });
      expect((await bob.jobCosts({ from: T0 })).items.map((j) => j.jobId)).toEqual(['5', '3']);
      expect((await bob.jobCosts({ from: T0, account: 'chem' })).items.map((j) => j.jobId)).toEqual([
        '5',
        '3',
      ]);
      const refused = await bob.jobCosts({ from: T0, users: ['alice'] }).catch((e: unknown) => e);
      expect(isHpckitError(refused, 'PERMISSION_DENIED')).toBe(true);
      const alice = h.ledger.as({ user: 'alice' });
      expect((await alice.jobCosts({ from: T0, account: 'chem' })).total).toBe(6);
      expect((await alice.jobCost({ cluster: 'c1', jobId: '3' })).user).toBe('bob');
      const carol = h.ledger.as({ user: 'carol' });
      const denied = await carol.jobCost({ cluster: 'c1', jobId: '3' }).catch((e: unknown) => e);
      expect(isHpckitError(denied, 'PERMISSION_DENIED')).toBe(true);
    },
  },
  {
    title: "history: one job's detail with its breakdown; a job not synced yet is pending, never free",
    async run({ store }) {
      const h = ledgerHarness(store);
      const { root } = await history(h);
      const one = await root.jobCost({ cluster: 'c1', jobId: '1' });
      expect(one).toMatchObject({ pricing: 'charged', cost: '0.06', currency: 'CNY', user: 'alice' });
      expect(one.charge?.breakdown?.billedSeconds).toBe(3600);
      const same = await root.jobCost({ cluster: 'c1', jobId: '1', submitTime: one.submitTime });
      expect(same.charge?.id).toBe(one.charge?.id);
      const unseen = await root.jobCost({ cluster: 'c1', jobId: '99' });
      expect(unseen).toMatchObject({ pricing: 'pending', pendingStatus: 'not_synced' });
      expect(unseen.cost).toBeUndefined();
      // Charges filter by job: job 2's charge and its reversal, nothing else.
      const charges = await root.charges({ job: { cluster: 'c1', jobId: '2' }, from: T0 });
      expect(charges.items.map((c) => c.kind).sort()).toEqual(['job', 'reversal']);
      expect(charges.sum).toBe('0.00');
    },
  },
];
