/**
 * The child process of the crash-safety test: syncs a fixed set of ended jobs into an SQLite
 * ledger in small batches, and is killed (SIGKILL) by the parent at a random moment.
 * Usage: crash-child.ts <database path> <jobs revealed so far>
 */
import { createJobSync } from '../../src/ledger/sync/job-sync.js';
import { createSqliteStore } from '../../src/stores/sqlite/sqlite-store.js';
import { ledgerHarness } from '../../src/testing/ledger-harness.js';
import { crashJobs, crashNow } from './crash-jobs.js';

const [path, count] = process.argv.slice(2);
const store = await createSqliteStore({ path: path!, synchronous: 'full' });
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
await sync.run();
await store.close();
process.stdout.write('done\n');
