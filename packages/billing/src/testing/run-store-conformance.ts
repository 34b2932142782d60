import { afterEach, beforeEach, describe, it } from 'vitest';
import type { StoreConformanceOptions, StoreTarget, StoreTest } from './store-target.js';
import { jobHistoryTests } from './suites/job-history.js';
import { ledgerFlowTests } from './suites/ledger-flows.js';
import { ledgerRoleTests } from './suites/ledger-roles.js';
import { storeAmountRangeTests } from './suites/store-amount-range.js';
import { storeEntryTests } from './suites/store-entries.js';
import { storeJobTests } from './suites/store-jobs.js';
import { storeRecordTests } from './suites/store-records.js';
import { syncTests } from './suites/sync-exactly-once.js';

/** Every conformance test, in the order they run. */
export const STORE_CONFORMANCE_TESTS: readonly StoreTest[] = [
  ...storeRecordTests,
  ...storeEntryTests,
  ...storeAmountRangeTests,
  ...storeJobTests,
  ...ledgerFlowTests,
  ...ledgerRoleTests,
  ...syncTests,
  ...jobHistoryTests,
];

/**
 * Runs the shared ledger-store conformance suite with vitest: records and uniqueness, rollback,
 * exact amounts up to the one maximum and refused beyond it, filters and net sums, job records
 * and cursors, the outbox, and the ledger (with who may manage whose membership) and job-charge
 * sync on top of the store (including two concurrent syncs), and the job history with costs. Every store — memory,
 * SQLite, PostgreSQL, or your own — must pass it unchanged.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 *
 * runStoreConformance({
 *   name: 'sqlite',
 *   async setup() {
 *     const path = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.db');
 *     return { store: await createSqliteStore({ path }), openAnother: () => createSqliteStore({ path }) };
 *   },
 * });
 * ```
 */
export function runStoreConformance(options: StoreConformanceOptions): void {
  describe(`ledger store conformance: ${options.name}`, () => {
    let target: StoreTarget;
    beforeEach(async () => {
      target = await options.setup();
    });
    afterEach(async () => {
      await target.store.close();
      await target.cleanup?.();
    });
    for (const test of STORE_CONFORMANCE_TESTS) {
      it(test.title, () => test.run(target), options.timeoutMs ?? 20_000);
    }
  });
}
