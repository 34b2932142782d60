/**
 * A child process of the sync tests: syncs a fixed set of ended jobs into a ledger in small
 * batches, the way one portal instance would. The crash test kills it (SIGKILL) at a random
 * moment; the two-instance test runs two of them on one PostgreSQL schema at once.
 * Usage: sync-child.js <sqlite:PATH | postgres:SCHEMA> <jobs revealed so far> [start at, epoch ms]
 */
import type { LedgerStore } from '../../src/stores/ledger-store.js';
import { createJobSync } from '../../src/ledger/sync/job-sync.js';
import { createPostgresStore } from '../../src/stores/postgres/postgres-store.js';
import { createSqliteStore } from '../../src/stores/sqlite/sqlite-store.js';
import { ledgerHarness } from '../../src/testing/ledger-harness.js';
import { crashJobs, crashNow } from './crash-jobs.js';
import { pgUrl } from './pg-url.js';

const [where, count, startAt] = process.argv.slice(2);
const [kind, target] = [where!.slice(0, where!.indexOf(':')), where!.slice(where!.indexOf(':') + 1)];
const store: LedgerStore =
  kind === 'postgres'
    ? await createPostgresStore({ connectionString: pgUrl(), schema: target, maxConnections: 2 })
    : await createSqliteStore({ path: target, synchronous: 'full' });
const h = ledgerHarness(store);
h.clock.now = crashNow;
const source = {
  // Jobs reach accounting late and out of order: each round reveals more of the same fixed set.
  jobs: crashJobs(Number(count)),
  async endedJobs(_c: string, w: { from: Date; to: Date }, p: { limit: number; offset: number }) {
    const inWindow = this.jobs.filter(
      (j) => j.endTime!.getTime() >= w.from.getTime() && j.endTime!.getTime() <= w.to.getTime(),
    );
    return { jobs: inWindow.slice(p.offset, p.offset + p.limit), total: inWindow.length };
  },
  async jobsById() {
    return [];
  },
};
const sync = createJobSync({
  ledger: h.ledger,
  source,
  clusters: ['c1'],
  pricer: h.engine.price,
  batchSize: 20,
  lookbackSeconds: 30 * 86_400,
});
process.stdout.write('ready\n');
// Children started together begin syncing at the same instant, so their batches really race.
if (startAt) await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const report = await sync.run();
await store.close();
process.stdout.write(`done ${JSON.stringify(report)}\n`);
