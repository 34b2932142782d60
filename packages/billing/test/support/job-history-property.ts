import type { JobOutcome } from '@hpckit/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import { createJobSync } from '../../src/ledger/sync/job-sync.js';
import { BillingDecimal } from '../../src/money/decimal.js';
import type { LedgerStore } from '../../src/stores/ledger-store.js';
import { arraySource, endedJob, FINANCE, ledgerHarness, ROOT, T0 } from '../../src/testing/index.js';

const outcomes: JobOutcome[] = ['completed', 'failed', 'timeout'];

/** One generated job: who, where, how long, when it ended (ties are likely), how it ended. */
const jobArb = fc.record({
  user: fc.constantFrom('alice', 'bob'),
  account: fc.constantFrom('chem', 'bio', 'gone'),
  seconds: fc.integer({ min: 0, max: 40_000 }),
  cores: fc.integer({ min: 1, max: 64 }),
  endOffsetSeconds: fc.integer({ min: 1, max: 6 }),
  outcome: fc.constantFrom(...outcomes),
  unpriced: fc.boolean(),
  reversed: fc.boolean(),
});

/**
 * Over any synced history: paging by cursor, at any page size, lists every matching job exactly
 * once, and the totals equal the decimal sum of the listed jobs' charges (less reversals).
 */
export async function checkHistoryProperty(open: () => Promise<LedgerStore>, numRuns: number) {
  await fc.assert(
    fc.asyncProperty(
      fc.array(jobArb, { minLength: 0, maxLength: 14 }),
      fc.integer({ min: 1, max: 5 }),
      fc.option(fc.constantFrom<JobOutcome>(...outcomes), { nil: undefined }),
      async (specs, limit, outcome) => {
        const store = await open();
        try {
          const h = ledgerHarness(store);
          const root = h.ledger.as(ROOT);
          await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
          await root.createAccount({ name: 'bio', type: 'external', owner: 'bob' });
          const jobs = specs.map((s, i) =>
            endedJob(i + 1, {
              user: s.user,
              account: s.account,
              seconds: s.seconds,
              endOffsetSeconds: s.endOffsetSeconds,
              allocated: { nodes: 1, cores: s.cores, gpus: 0 },
              partition: s.unpriced ? 'new' : 'cpu',
              state: { phase: 'ended', outcome: s.outcome, raw: s.outcome.toUpperCase() },
            }),
          );
          h.clock.now = new Date(T0.getTime() + 3600_000);
          const source = arraySource(jobs);
          await createJobSync({
            ledger: h.ledger,
            source,
            clusters: ['c1'],
            pricer: h.engine.price,
            startAt: T0,
          }).run();
          for (const [i, s] of specs.entries()) {
            if (!s.reversed) continue;
            const [charge] = (await root.charges({ job: { cluster: 'c1', jobId: String(i + 1) }, from: T0 }))
              .items;
            if (charge) await h.ledger.as(FINANCE).reverseCharge(charge.id);
          }
          const query = { from: T0, limit, ...(outcome && { outcomes: [outcome] }) };
          const listed: string[] = [];
          const sums = new Map<string, BillingDecimal>();
          let totals: Record<string, string> | undefined;
          let cursor: string | undefined;
          do {
            const page = await root.jobCosts({ ...query, cursor });
            totals ??= page.totals;
            expect(page.totals).toEqual(totals);
            expect(page.items.length).toBeLessThanOrEqual(limit);
            for (const item of page.items) {
              listed.push(item.jobId);
              if (item.pricing === 'pending') expect(item.cost).toBeUndefined();
              for (const c of [item.charge, item.reversal]) {
                if (!c) continue;
                const signed = new BillingDecimal(c.amount).times(c.kind === 'reversal' ? -1 : 1);
                sums.set(c.currency, (sums.get(c.currency) ?? new BillingDecimal(0)).plus(signed));
              }
            }
            cursor = page.nextCursor;
          } while (cursor !== undefined);
          const expected = jobs.filter((j) => outcome === undefined || j.state.outcome === outcome);
          expect(new Set(listed).size).toBe(listed.length);
          expect([...listed].sort()).toEqual(expected.map((j) => j.id).sort());
          for (const [currency, amount] of Object.entries(totals ?? {})) {
            expect(new BillingDecimal(amount).equals(sums.get(currency) ?? 0)).toBe(true);
          }
          for (const [currency, sum] of sums) expect(sum.equals(totals?.[currency] ?? 0)).toBe(true);
        } finally {
          await store.close();
        }
      },
    ),
    { numRuns },
  );
}
