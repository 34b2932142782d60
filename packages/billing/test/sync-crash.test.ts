import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJobSync } from '../src/ledger/sync/job-sync.js';
import { createSqliteStore } from '../src/stores/sqlite/sqlite-store.js';
import { arraySource } from '../src/testing/fixtures.js';
import { FINANCE, ledgerHarness, ROOT } from '../src/testing/ledger-harness.js';
import { expectEveryJobChargedOnce } from './support/charged-once.js';
import { crashJobs, crashNow } from './support/crash-jobs.js';
import { buildSyncChild, runSyncChild } from './support/sync-child-process.js';

const JOBS = 1200;
const ROUNDS = 24;
let dir: string;
let child: ReturnType<typeof buildSyncChild>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hpckit-crash-'));
  child = buildSyncChild();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  child.remove();
});

it('crash safety: SIGKILL at random points of a sync, then a restart, charges every job exactly once', async () => {
  const path = join(dir, 'ledger.db');
  const setup = await createSqliteStore({ path });
  const h = ledgerHarness(setup);
  await h.ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
  await h.ledger.recordPayment(FINANCE, 'chem', { amount: '100000', type: 'bank' });
  await setup.close();

  let killed = 0;
  const progress: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const revealed = Math.round((JOBS * round) / ROUNDS);
    const outcome = await runSyncChild(child.path, `sqlite:${path}`, revealed, {
      killAfterMs: Math.floor(Math.random() * 40),
    });
    if (outcome.ended === 'killed') killed++;
    const peek = await createSqliteStore({ path });
    progress.push(
      (await peek.transaction((tx) => tx.queryCharges({ from: new Date(0), to: crashNow, limit: 1 }))).total,
    );
    await peek.close();
  }
  // Between kills the ledger only moves forward and never charges more jobs than have been revealed.
  for (const [i, n] of progress.entries())
    expect(n).toBeLessThanOrEqual(Math.round((JOBS * (i + 1)) / ROUNDS));
  expect(progress.at(-1)).toBeGreaterThan(0);

  const store = await createSqliteStore({ path });
  const after = ledgerHarness(store);
  after.clock.now = crashNow;
  const sync = createJobSync({
    ledger: after.ledger,
    source: arraySource(crashJobs(JOBS)),
    clusters: ['c1'],
    pricer: after.engine.price,
    lookbackSeconds: 30 * 86_400,
  });
  await sync.run();
  await expectEveryJobChargedOnce(store, JOBS);
  await store.close();
  // At least 20 kills landed while a child was syncing (a child may finish before its kill).
  expect(killed).toBeGreaterThanOrEqual(20);
}, 60_000);
