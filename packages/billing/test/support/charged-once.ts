import { expect } from 'vitest';
import { BillingDecimal } from '../../src/money/decimal.js';
import { canonicalAmount } from '../../src/stores/amount-codec.js';
import type { LedgerStore } from '../../src/stores/ledger-store.js';
import { ledgerHarness, ROOT } from '../../src/testing/ledger-harness.js';
import { crashNow } from './crash-jobs.js';

/**
 * Asserts the end state of the sync tests: each of the first `jobs` crash jobs charged exactly
 * once to `chem`, the balance equal to payments minus charges, and no job left waiting.
 */
export async function expectEveryJobChargedOnce(store: LedgerStore, jobs: number): Promise<void> {
  const h = ledgerHarness(store);
  h.clock.now = crashNow;
  const charges = await h.ledger.charges(ROOT, { from: new Date(0), to: crashNow, limit: 10_000 });
  expect(charges.total).toBe(jobs);
  expect(new Set(charges.items.map((c) => c.job!.jobId)).size).toBe(jobs);
  const account = await h.ledger.getAccount(ROOT, 'chem');
  const paid = await h.ledger.payments(ROOT, { account: 'chem', to: crashNow });
  expect(account.balance).toBe(canonicalAmount(new BillingDecimal(paid.sum).minus(charges.sum)));
  const waiting = await store.transaction((tx) =>
    tx.listJobRecords({ statuses: ['unpriced', 'unsettled', 'unknown_account'] }),
  );
  expect(waiting).toEqual([]);
}
