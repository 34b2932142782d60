import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createLedger } from '../src/ledger/create-ledger.js';
import { createReconciler } from '../src/ledger/reconcile/reconciler.js';
import { createMemoryStore } from '../src/stores/memory/memory-store.js';
import { FINANCE, ROOT } from '../src/testing/ledger-harness.js';

async function setup() {
  const scheduler = mockAdapter();
  const client = createClient({ clusters: { ikkem: { adapter: scheduler } } });
  const ledger = createLedger({
    store: createMemoryStore(),
    currency: 'CNY',
    now: () => scheduler.clock.now(),
  });
  await ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
  await ledger.addMember({ user: 'alice' }, 'chem', { user: 'bob' });
  return { scheduler, client, ledger };
}

describe('block-state reconciler', () => {
  it('creates what the cluster lacks, pushes block states, and verifies them', async () => {
    const { client, ledger } = await setup();
    const reconciler = createReconciler({ ledger, client, retryDelayMs: 1 });
    const first = await reconciler.run();
    expect(first.failures).toEqual([]);
    expect(first.changes.map((c) => c.action).sort()).toEqual([
      'add-member',
      'block-account',
      'create-account',
    ]);
    expect(await client.accounts.status('chem')).toEqual({ blocked: true });
    await ledger.recordPayment(FINANCE, 'chem', { amount: '10', type: 'bank' });
    await ledger.blockMember({ user: 'alice' }, 'chem', 'bob');
    const second = await reconciler.run();
    expect(second.changes.map((c) => c.action).sort()).toEqual(['block-member', 'unblock-account']);
    expect(await client.users.status({ user: 'bob', account: 'chem' })).toEqual({ blocked: true });
    expect((await reconciler.run()).changes).toEqual([]);
  });

  it('repairs drift made behind its back, and retries writes the scheduler failed', async () => {
    const { scheduler, client, ledger } = await setup();
    const reconciler = createReconciler({ ledger, client, retryDelayMs: 1 });
    await reconciler.run();
    await client.accounts.unblock('chem');
    scheduler.faults.unavailable(4, { operations: ['accounts.block'] });
    const report = await reconciler.run();
    expect(report.failures).toEqual([]);
    expect(await client.accounts.status('chem')).toEqual({ blocked: true });
  });

  it('reports what stays different after every attempt', async () => {
    const { scheduler, client, ledger } = await setup();
    const reconciler = createReconciler({ ledger, client, attempts: 2, retryDelayMs: 1 });
    await reconciler.run();
    await client.accounts.unblock('chem');
    scheduler.faults.unavailable(100, { operations: ['accounts.block'] });
    const report = await reconciler.run();
    expect(report.failures).toMatchObject([{ cluster: 'ikkem', account: 'chem', wanted: 'blocked' }]);
    expect(report.failures[0]?.error).toMatch(/did not answer/);
  });

  it('follows ledger events when attached', async () => {
    const { client, ledger } = await setup();
    const reconciler = createReconciler({ ledger, client, retryDelayMs: 1 });
    await reconciler.run();
    const detach = reconciler.attach();
    await ledger.recordPayment(FINANCE, 'chem', { amount: '10', type: 'bank' });
    await reconciler.idle();
    expect(await client.accounts.status('chem')).toEqual({ blocked: false });
    detach();
  });
});
