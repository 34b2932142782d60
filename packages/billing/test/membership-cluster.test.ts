import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, formatError, isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createLedger } from '../src/ledger/create-ledger.js';
import { createReconciler } from '../src/ledger/reconcile/reconciler.js';
import { createMemoryStore } from '../src/stores/memory/memory-store.js';

const ROOT = { user: 'root', roles: ['platform-admin' as const] };

async function setup(withScheduler = true) {
  const scheduler = mockAdapter();
  const client = createClient({ clusters: { ikkem: { adapter: scheduler } } });
  const ledger = createLedger({
    store: createMemoryStore(),
    currency: 'CNY',
    now: () => scheduler.clock.now(),
    ...(withScheduler ? { scheduler: { client } } : {}),
  });
  await ledger
    .as(ROOT)
    .createAccount({ name: 'chem', type: 'internal', owner: 'alice', blockThreshold: '-1000' });
  return { scheduler, client, ledger, alice: ledger.as({ user: 'alice' }) };
}

const members = async (client: ReturnType<typeof createClient>, account: string) =>
  (await client.accounts.list())
    .find((a) => a.name === account)
    ?.members.map((m) => m.user)
    .sort();

const job = { account: 'chem', partition: 'cpu', command: 'sleep 1h', timeLimit: '2h' };

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('membership that reaches the cluster (ledger scheduler option)', () => {
  it('createAccount creates the account, addMember the association', async () => {
    const { client, alice } = await setup();
    expect(await members(client, 'chem')).toEqual(['alice']);
    await alice.addMember('chem', { user: 'bob' });
    expect(await members(client, 'chem')).toEqual(['alice', 'bob']);
    // An association made behind the ledger's back is no obstacle.
    await client.users.add({ user: 'carol', account: 'chem' });
    await alice.addMember('chem', { user: 'carol' });
    expect(await members(client, 'chem')).toEqual(['alice', 'bob', 'carol']);
  });

  it('a refused caller creates no association', async () => {
    const { client, ledger } = await setup();
    const err = await caught(ledger.as({ user: 'mallory' }).addMember('chem', { user: 'eve' }));
    expect(isHpckitError(err, 'PERMISSION_DENIED')).toBe(true);
    expect(await members(client, 'chem')).toEqual(['alice']);
  });

  it('never removes the owner', async () => {
    const { client, alice } = await setup();
    const err = await caught(alice.removeMember('chem', 'alice'));
    expect(isHpckitError(err, 'POLICY_VIOLATION') && err.details.reason).toBe('not_permitted');
    expect(await members(client, 'chem')).toEqual(['alice']);
  });

  it('blocks first, refuses while the member has jobs (they stay blocked), then removes everywhere', async () => {
    const { scheduler, client, alice } = await setup();
    await alice.addMember('chem', { user: 'bob' });
    const running = await client.as('bob').jobs.submit(job);

    const err = await caught(alice.removeMember('chem', 'bob'));
    expect(isHpckitError(err, 'POLICY_VIOLATION')).toBe(true);
    if (!isHpckitError(err, 'POLICY_VIOLATION')) return;
    expect(err.details).toMatchObject({
      reason: 'member_has_jobs',
      subject: 'chem',
      user: 'bob',
      jobIds: [running.id],
    });
    expect(err.message).toContain(`job ${running.id}`);
    expect(err.message).toMatch(/blocked/);
    expect(formatError(err, { locale: 'zh-CN' })).toContain(`仍有排队中或运行中的作业（${running.id}）`);
    // Blocked in the ledger and on the cluster: no new job, but still a member.
    expect((await alice.listMembers('chem')).find((m) => m.user === 'bob')?.state).toBe('blocked');
    expect(await client.users.status({ user: 'bob', account: 'chem' })).toEqual({ blocked: true });
    const refused = await caught(client.as('bob').jobs.submit(job));
    expect(isHpckitError(refused, 'POLICY_VIOLATION') && refused.details.reason).toBe('user_blocked');

    scheduler.clock.advance('2h');
    await alice.removeMember('chem', 'bob');
    expect(await members(client, 'chem')).toEqual(['alice']);
    expect((await alice.listMembers('chem')).map((m) => m.user)).toEqual(['alice']);
  });

  it('an association already gone from a cluster counts as removed', async () => {
    const { client, alice } = await setup();
    await alice.addMember('chem', { user: 'bob' });
    await client.users.remove({ user: 'bob', account: 'chem' });
    await alice.removeMember('chem', 'bob');
    expect((await alice.listMembers('chem')).map((m) => m.user)).toEqual(['alice']);
  });
});

describe('the reconciler converges memberships', () => {
  it('adds ledger members the cluster lacks and removes those the ledger removed', async () => {
    const { client, ledger } = await setup(false);
    const alice = ledger.as({ user: 'alice' });
    await alice.addMember('chem', { user: 'bob' });
    await alice.addMember('chem', { user: 'carol' });
    const reconciler = createReconciler({ ledger, client, retryDelayMs: 1 });
    expect((await reconciler.run()).failures).toEqual([]);
    expect(await members(client, 'chem')).toEqual(['alice', 'bob', 'carol']);

    await alice.removeMember('chem', 'carol');
    await client.users.add({ user: 'eve', account: 'chem' }); // behind the ledger's back
    const report = await reconciler.run();
    expect(report.failures).toEqual([]);
    expect(
      report.changes
        .filter((c) => c.action === 'remove-member')
        .map((c) => c.user)
        .sort(),
    ).toEqual(['carol', 'eve']);
    expect(await members(client, 'chem')).toEqual(['alice', 'bob']);
    expect((await reconciler.run()).changes).toEqual([]);
  });

  it('keeps a removed member with a running job blocked, reports it, and removes them once it ended', async () => {
    const { scheduler, client, ledger } = await setup(false);
    const alice = ledger.as({ user: 'alice' });
    await alice.addMember('chem', { user: 'bob' });
    const reconciler = createReconciler({ ledger, client, retryDelayMs: 1 });
    await reconciler.run();
    await client.as('bob').jobs.submit(job);
    await alice.removeMember('chem', 'bob');

    const report = await reconciler.run();
    expect(report.failures).toMatchObject([{ account: 'chem', user: 'bob', wanted: 'absent' }]);
    expect(report.failures[0]?.error).toMatch(/pending or running/);
    expect(await client.users.status({ user: 'bob', account: 'chem' })).toEqual({ blocked: true });

    scheduler.clock.advance('2h');
    expect((await reconciler.run()).failures).toEqual([]);
    expect(await members(client, 'chem')).toEqual(['alice']);
  });

  it('leaves extra members alone with removeExtra: false, and accounts the ledger does not know', async () => {
    const { client, ledger } = await setup(false);
    await client.accounts.create({ name: 'other', owner: 'zed' });
    const reconciler = createReconciler({ ledger, client, retryDelayMs: 1, removeExtra: false });
    await reconciler.run();
    await client.users.add({ user: 'eve', account: 'chem' });
    expect((await reconciler.run()).changes).toEqual([]);
    expect(await members(client, 'chem')).toEqual(['alice', 'eve']);
    expect(await members(client, 'other')).toEqual(['zed']);
  });
});
