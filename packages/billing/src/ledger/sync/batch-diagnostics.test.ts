import { type LedgerBatchMessage, subscribeDiagnostics } from '@hpckit/core';
import { afterEach, expect, it } from 'vitest';
import { createMemoryStore } from '../../stores/memory/memory-store.js';
import { arraySource, endedJob, T0 } from '../../testing/fixtures.js';
import { FINANCE, ledgerHarness, ROOT } from '../../testing/ledger-harness.js';
import { createJobSync } from './job-sync.js';

let stop = () => {};
afterEach(() => stop());

async function syncOnce(jobs: ReturnType<typeof endedJob>[]) {
  const h = ledgerHarness(createMemoryStore());
  await h.ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
  await h.ledger.recordPayment(FINANCE, 'chem', { amount: '1000', type: 'bank' });
  h.clock.now = new Date(T0.getTime() + 86_400_000);
  const sync = createJobSync({
    ledger: h.ledger,
    source: arraySource(jobs),
    clusters: ['c1'],
    pricer: h.engine.price,
    lookbackSeconds: 30 * 86_400,
  });
  const [report] = await sync.run();
  return { report: report!, h, sync };
}

it('publishes each committed batch on hpckit:ledger:batch: counts, totals per currency, duration', async () => {
  const messages: LedgerBatchMessage[] = [];
  stop = subscribeDiagnostics('hpckit:ledger:batch', (m) => messages.push(m));
  const jobs = [
    endedJob(1, { allocated: { nodes: 1, cores: 8, gpus: 0 } }),
    endedJob(2, { allocated: { nodes: 1, cores: 4, gpus: 0 } }),
    endedJob(3, { account: 'nobody' }),
  ];
  const { report } = await syncOnce(jobs);

  expect(messages).toHaveLength(1);
  const [batch] = messages as [LedgerBatchMessage];
  expect(batch).toMatchObject({ cluster: 'c1', seen: 3, charged: 2, parked: 1, skipped: 0, outcome: 'ok' });
  // The total is the ledger's own decimal string, the sum the report gives.
  expect(batch.totals).toEqual({ CNY: report.amount });
  expect(Number(report.amount)).toBeGreaterThan(0);
  expect(typeof batch.totals.CNY).toBe('string');
  expect(batch.durationMs).toBeGreaterThanOrEqual(0);
  expect(batch.errorCode).toBeUndefined();
});

it('publishes nothing once the subscriber left', async () => {
  const messages: LedgerBatchMessage[] = [];
  subscribeDiagnostics('hpckit:ledger:batch', (m) => messages.push(m))();
  await syncOnce([endedJob(1)]);
  expect(messages).toEqual([]);
});

it('publishes a batch that failed and was rolled back as an error', async () => {
  const messages: LedgerBatchMessage[] = [];
  stop = subscribeDiagnostics('hpckit:ledger:batch', (m) => messages.push(m));
  const h = ledgerHarness(createMemoryStore());
  await h.ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
  h.clock.now = new Date(T0.getTime() + 86_400_000);
  const sync = createJobSync({
    ledger: h.ledger,
    source: arraySource([endedJob(1), endedJob(2)]),
    clusters: ['c1'],
    pricer: () => {
      throw new Error('price service down');
    },
    lookbackSeconds: 30 * 86_400,
  });
  await expect(sync.run()).rejects.toThrow('price service down');
  expect(messages).toEqual([
    expect.objectContaining({
      cluster: 'c1',
      seen: 2,
      charged: 0,
      totals: {},
      outcome: 'error',
      errorCode: 'UNKNOWN',
    }),
  ]);
});
