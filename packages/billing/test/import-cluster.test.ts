import { ikkemMockCluster, mockAdapter } from '@hpckit/adapter-mock';
import { createClient } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createLedger } from '../src/ledger/create-ledger.js';
import { importFromScheduler } from '../src/ledger/import/import-cluster.js';
import { createJobSync } from '../src/ledger/sync/job-sync.js';
import { createPricingEngine } from '../src/pricing/pricing-engine.js';
import { ikkemPreset } from '../src/presets/ikkem.js';
import { createMemoryStore } from '../src/stores/memory/memory-store.js';

function existingCluster(bobCoordinates = false) {
  const scheduler = mockAdapter({
    clock: { start: new Date('2024-10-10T00:00:00Z') },
    cluster: ikkemMockCluster({
      accounts: [
        {
          name: 'chem',
          members: [
            { user: 'alice', coordinator: true },
            { user: 'bob', coordinator: bobCoordinates },
            { user: 'carol', blocked: true },
          ],
        },
        { name: 'solo', blocked: true, members: ['dave'] },
        { name: 'crowd', members: ['erin', 'frank'] },
      ],
      users: [],
    }),
  });
  const client = createClient({ clusters: { ikkem: { adapter: scheduler } } });
  const ledger = createLedger({
    store: createMemoryStore(),
    currency: 'CNY',
    now: () => scheduler.clock.now(),
  });
  return { scheduler, client, ledger };
}

describe('importing an existing cluster', () => {
  it('reports in a dry run, changes nothing, then imports the same, and is idempotent', async () => {
    const { client, ledger } = existingCluster();
    const plan = await importFromScheduler({ ledger, client, accountType: 'internal', dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.changes).toEqual([
      { action: 'create-account', account: 'chem', user: 'alice', role: 'owner' },
      { action: 'add-member', account: 'chem', user: 'bob', role: 'member' },
      { action: 'add-member', account: 'chem', user: 'carol', role: 'member' },
      { action: 'block-member', account: 'chem', user: 'carol' },
      { action: 'create-account', account: 'solo', user: 'dave', role: 'owner' },
      { action: 'block-account', account: 'solo' },
    ]);
    expect(plan.skipped).toEqual([
      {
        account: 'crowd',
        reason: expect.stringMatching(/ownerOf/),
        message: {
          en: expect.stringMatching(/^no owner: .*ownerOf/),
          'zh-CN': expect.stringMatching(/^没有所有者：.*ownerOf/),
        },
      },
    ]);
    expect(await ledger.as({ user: 'root', roles: ['platform-admin'] }).listAccounts()).toEqual([]);

    const done = await importFromScheduler({ ledger, client, accountType: 'internal' });
    expect(done.changes).toEqual(plan.changes);
    const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
    const chem = await root.listMembers('chem');
    expect(chem.map((m) => [m.user, m.role, m.state])).toEqual([
      ['alice', 'owner', 'normal'],
      ['bob', 'member', 'normal'],
      ['carol', 'member', 'blocked'],
    ]);
    expect((await root.getAccount('solo')).state).toBe('blocked');

    const again = await importFromScheduler({ ledger, client, accountType: 'internal' });
    expect(again.changes).toEqual([]);
  });

  it('takes an owner from ownerOf, makes later coordinators admins, and whitelists on request', async () => {
    const { client, ledger } = existingCluster();
    await importFromScheduler({
      ledger,
      client,
      accountType: 'external',
      ownerOf: (a) => a.members[0]?.user,
      whitelist: true,
    });
    const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
    const crowd = await root.getAccount('crowd');
    expect(crowd).toMatchObject({ owner: 'erin', type: 'external' });
    expect(crowd.whitelist).toMatchObject({ operator: 'import' });
    expect((await root.listMembers('chem')).find((m) => m.user === 'bob')?.role).toBe('member');

    // bob becomes a coordinator in Slurm later: the next import makes him an admin.
    const later = existingCluster(true).client;
    const report = await importFromScheduler({ ledger, client: later, accountType: 'external' });
    expect(report.changes).toEqual([{ action: 'make-admin', account: 'chem', user: 'bob', role: 'admin' }]);
    expect((await root.listMembers('chem')).find((m) => m.user === 'bob')?.role).toBe('admin');
  });
});

describe('the cut-over instant of the job-charge sync', () => {
  it('records jobs that ended before it and never charges them; charges those after', async () => {
    const { scheduler, client, ledger } = existingCluster();
    await importFromScheduler({ ledger, client, accountType: 'internal', whitelist: true });
    const site = ikkemPreset({ cluster: 'ikkem' });
    const engine = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
    const cutover = new Date('2024-10-17T00:00:00Z');
    const spec = { account: 'chem', partition: 'cpu', coresPerNode: 4, command: 'sleep 2h', timeLimit: '3h' };

    const old = await client.as('bob').jobs.submit(spec); // ends 2024-10-10T02:00Z, before the cut-over
    scheduler.clock.advance('7d');
    const fresh = await client.as('bob').jobs.submit(spec); // ends after it
    scheduler.clock.advance('3h');

    const sync = createJobSync({
      ledger,
      source: client,
      clusters: ['ikkem'],
      pricer: engine.price,
      cutover,
    });
    const [report] = await sync.run();
    expect(report).toMatchObject({ seen: 2, charged: 1, beforeCutover: 1, waiting: 0 });
    const records = await ledger.context.read((tx) => tx.getJobRecords('ikkem', [old.id, fresh.id]));
    const status = Object.fromEntries(records.map((r) => [r.jobId, r.status]));
    expect(status).toEqual({ [old.id]: 'before_cutover', [fresh.id]: 'charged' });
    const charges = await ledger.as({ user: 'root', roles: ['platform-admin'] }).charges({ account: 'chem' });
    // 4 cores × 2 h × 0.06 = 0.48 for the job after the cut-over; nothing for the one before.
    expect(charges.items.map((c) => [c.job?.jobId, c.amount])).toEqual([[fresh.id, '0.48']]);

    // Re-reading the window changes nothing: the old job stays recorded, uncharged.
    const [second] = await sync.run();
    expect(second).toMatchObject({ charged: 0, beforeCutover: 0 });
  });
});
