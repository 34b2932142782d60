/**
 * A portal's job-history page on the mock scheduler: alice checks a quote against her account's
 * balance and her spending limit, submits, and once the job-charge sync has run she sees each job
 * with what it cost (its price breakdown, a reversal) and the totals over the range, page by page;
 * a job still running is `pending`, never free. The history exports to CSV for Excel.
 *
 * Run it with `npx tsx --conditions=@hpckit/source examples/history-with-cost.ts`. The ledger
 * lives in an SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mockAdapter } from '@hpckit/adapter-mock';
import { createPricingEngine, ikkemPreset } from '@hpckit/billing';
import {
  chargesToCsv,
  createJobSync,
  createLedger,
  type JobCost,
  type JobCostPage,
  type QuoteCheck,
} from '@hpckit/billing/ledger';
import { createSqliteStore } from '@hpckit/billing/stores/sqlite';
import { createClient, formatError } from '@hpckit/core';

/** What the scenario saw, for a reader (or a test) to check. */
export interface HistoryOutcome {
  /** The quote check before the first submission, and the one that was too big. */
  quoteOk: QuoteCheck;
  quoteTooBig: QuoteCheck;
  /** Every job of the history, page after page. */
  jobs: JobCost[];
  /** The first page (its totals cover every page). */
  firstPage: JobCostPage;
  /** The detail of the job still running when the history was read. */
  running: JobCost;
  /** The history's charges as CSV for Excel (BOM, chosen columns). */
  csv: string;
}

/** Runs the scenario, printing each step with `print`. */
export async function historyWithCostScenario(
  print: (line: string) => void = console.log,
): Promise<HistoryOutcome> {
  const scheduler = mockAdapter({ clock: { start: new Date('2026-03-02T00:00:00+08:00') } });
  // The client's key for the cluster is "hpc"; every job it returns says so in `job.cluster`.
  const client = createClient({ clusters: { hpc: { adapter: scheduler } } });
  const site = ikkemPreset({ cluster: 'hpc' });
  const pricing = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
  const dir = mkdtempSync(join(tmpdir(), 'hpckit-history-'));
  const store = await createSqliteStore({ path: join(dir, 'ledger.db') });
  const ledger = createLedger({
    store,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    now: () => scheduler.clock.now(),
  });
  const sync = createJobSync({ ledger, source: client, clusters: ['hpc'], pricer: pricing.price });

  try {
    const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
    const finance = ledger.as({ user: 'fin', roles: ['finance'] });
    await root.createAccount({ name: 'electroplating', type: 'internal', owner: 'bob' });
    await ledger.as({ user: 'bob' }).addMember('electroplating', { user: 'alice' });
    await ledger.as({ user: 'bob' }).setSpendingLimit('electroplating', 'alice', { amount: '500' });
    await finance.recordPayment('electroplating', { amount: '1000', type: 'bank transfer' });

    // Before submitting: does the quote fit the balance and alice's limit?
    const job = (hours: number) => ({
      account: 'electroplating',
      partition: 'cpu',
      coresPerNode: 16,
      timeLimit: `${hours + 1}h`,
      command: `sleep ${hours}h`,
    });
    const context = { cluster: 'hpc', accountType: 'internal' };
    const alice = ledger.as({ user: 'alice' });
    const quoteOk = await alice.checkQuote('electroplating', pricing.quote(job(2), context));
    print(`quote for 16 cores × 3 h: up to ${quoteOk.required} CNY, ok: ${quoteOk.ok}`);
    const quoteTooBig = await alice.checkQuote('electroplating', pricing.quote(job(600), context));
    for (const err of quoteTooBig.errors)
      print(`  refused before submitting: ${formatError(err, { locale: 'zh-CN' })}`);

    // alice runs three short jobs and one long one.
    const users = client.as('alice');
    const handles = [];
    for (const hours of [1, 2, 3]) handles.push(await users.jobs.submit(job(hours)));
    const long = await users.jobs.submit(job(20));
    scheduler.clock.advance('4h');
    await Promise.all(handles.map((h) => h.wait()));
    const [report] = await sync.run();
    print(`sync: ${report!.charged} jobs charged, ${report!.amount} CNY`);

    // Finance reverses the charge of the first job (a node failure).
    const [first] = (await finance.charges({ job: { cluster: 'hpc', jobId: handles[0]!.id } })).items;
    await finance.reverseCharge(first!.id, { comment: 'node failure' });

    // The history page: two jobs a page, newest first, with the totals of the whole range.
    const jobs: JobCost[] = [];
    let firstPage: JobCostPage | undefined;
    let cursor: string | undefined;
    do {
      const page = await alice.jobCosts({ account: 'electroplating', limit: 2, cursor });
      firstPage ??= page;
      jobs.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    print(`alice's jobs: ${firstPage!.total}, total ${firstPage!.totals.CNY} CNY`);
    for (const j of jobs) {
      const b = j.charge?.breakdown;
      const how = b
        ? `${b.quantity} ${b.unit} × ${b.billedSeconds / 3600} h × ${b.rate.amount}`
        : j.pendingStatus;
      print(
        `  job ${j.jobId} ${j.job?.state.outcome}: ${j.pricing} ${j.cost ?? '—'} (${how})${j.reversal ? ' reversed' : ''}`,
      );
    }

    // The detail page of the running job: `job.cluster` goes straight back into the ledger.
    const running = await alice.jobCost({ cluster: long.job.cluster, jobId: long.id });
    print(`job ${long.id} on ${long.job.cluster}: ${running.pricing} (${running.pendingStatus})`);

    // The charges as CSV for Excel on Chinese Windows: a BOM, and the columns the office reads.
    const charges = await finance.charges({ account: 'electroplating', order: 'asc' });
    const csv = chargesToCsv(charges.items, {
      bom: true,
      timeZone: 'Asia/Shanghai',
      columns: ['time', 'user', 'job_id', 'kind', 'amount', 'currency', 'comment'],
    });
    print(csv.slice(1));
    return { quoteOk, quoteTooBig, jobs, firstPage: firstPage!, running, csv };
  } finally {
    await client.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await historyWithCostScenario();
}
