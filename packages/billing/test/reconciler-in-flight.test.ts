/**
 * A reconciler run placed exactly inside the window of a membership change (a hook in the ledger's
 * own cluster write, or before the run lists the cluster) must not undo the change: the
 * interleavings the reference portal saw on Slurm (alice's association added, blocked, deleted and
 * added again within seconds of addMember), made deterministic on the mock.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createLedger } from '../src/ledger/create-ledger.js';
import { createReconciler } from '../src/ledger/reconcile/reconciler.js';
import type { ReconcileReport } from '../src/ledger/reconcile/report.js';
import { createMemoryStore } from '../src/stores/memory/memory-store.js';

const ROOT = { user: 'root', roles: ['platform-admin' as const] };
type Hook = (() => Promise<unknown>) | undefined;

async function setup() {
  const scheduler = mockAdapter();
  const client = createClient({ clusters: { ikkem: { adapter: scheduler } } });
  type Member = Parameters<typeof client.users.add>[0];
  type Options = Parameters<typeof client.users.add>[1];

  // Run inside the ledger's own cluster writes, after the write: the window before its ledger write.
  const inside: { add?: Hook; remove?: Hook } = {};
  const ledgerClient = {
    ...client,
    users: {
      ...client.users,
      add: async (m: Member, o?: Options) => {
        await client.users.add(m, o);
        await inside.add?.();
      },
      remove: async (m: Member, o?: Options) => {
        await client.users.remove(m, o);
        await inside.remove?.();
      },
    },
  };

  // The reconciler's writes, and a hook run once before its next listing of the cluster.
  const writes: string[] = [];
  const before: { list?: Hook } = {};
  const recorded =
    <A extends unknown[]>(name: string, call: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      const [target] = args as unknown[];
      writes.push(
        `${name} ${typeof target === 'string' ? target : `${(target as Member).account}/${(target as Member).user}`}`,
      );
      await call(...args);
    };
  const reconcilerClient = {
    ...client,
    accounts: {
      ...client.accounts,
      list: async (...args: Parameters<typeof client.accounts.list>) => {
        const hook = before.list;
        before.list = undefined;
        await hook?.();
        return client.accounts.list(...args);
      },
      block: recorded('block', client.accounts.block),
      unblock: recorded('unblock', client.accounts.unblock),
    },
    users: {
      ...client.users,
      add: recorded('add', client.users.add),
      remove: recorded('remove', client.users.remove),
      block: recorded('block', client.users.block),
      unblock: recorded('unblock', client.users.unblock),
    },
  };

  const ledger = createLedger({
    store: createMemoryStore(),
    currency: 'CNY',
    now: () => scheduler.clock.now(),
    scheduler: { client: ledgerClient },
  });
  const root = ledger.as(ROOT);
  await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice', blockThreshold: '-1000' });
  const reconciler = createReconciler({ ledger, client: reconcilerClient, retryDelayMs: 1 });
  const members = async () =>
    Object.fromEntries(
      ((await client.accounts.list()).find((a) => a.name === 'chem')?.members ?? []).map((m) => [
        m.user,
        m.blocked ? 'blocked' : 'normal',
      ]),
    );
  return {
    scheduler,
    client,
    ledger,
    root,
    alice: ledger.as({ user: 'alice' }),
    reconciler,
    inside,
    before,
    writes,
    members,
  };
}

describe('a reconciler run inside a membership change', () => {
  it('addMember: a run between the cluster add and the ledger insert leaves the new member alone', async () => {
    const { alice, reconciler, inside, writes, members } = await setup();
    let report: ReconcileReport | undefined;
    inside.add = async () => {
      inside.add = undefined;
      report = await reconciler.run();
    };
    await alice.addMember('chem', { user: 'bob' });
    expect(writes).toEqual([]);
    expect(report).toMatchObject({
      changes: [],
      failures: [],
      deferred: [{ cluster: 'ikkem', account: 'chem', user: 'bob' }],
    });
    expect(await members()).toEqual({ alice: 'normal', bob: 'normal' });
    expect((await reconciler.run()).changes).toEqual([]);
  });

  it('addMember: a run that read the ledger before the insert and lists the cluster after it removes nobody', async () => {
    const { alice, reconciler, before, writes, members } = await setup();
    before.list = () => alice.addMember('chem', { user: 'bob' });
    const report = await reconciler.run();
    expect(writes).toEqual([]);
    expect(report).toMatchObject({ changes: [], failures: [], deferred: [] });
    expect(await members()).toEqual({ alice: 'normal', bob: 'normal' });
  });

  it('removeMember: a run between the cluster remove and the ledger delete does not add the member back', async () => {
    const { alice, reconciler, inside, writes, members } = await setup();
    await alice.addMember('chem', { user: 'bob' });
    let report: ReconcileReport | undefined;
    inside.remove = async () => {
      inside.remove = undefined;
      report = await reconciler.run();
    };
    await alice.removeMember('chem', 'bob');
    expect(writes).toEqual([]);
    expect(report).toMatchObject({ changes: [], failures: [], deferred: [{ account: 'chem', user: 'bob' }] });
    expect(await members()).toEqual({ alice: 'normal' });
  });

  it('removeMember: a run that read the ledger before the removal and lists the cluster after it adds nobody', async () => {
    const { alice, reconciler, before, writes, members } = await setup();
    await alice.addMember('chem', { user: 'bob' });
    before.list = () => alice.removeMember('chem', 'bob');
    const report = await reconciler.run();
    expect(writes).toEqual([]);
    expect(report).toMatchObject({ changes: [], failures: [] });
    expect(await members()).toEqual({ alice: 'normal' });
  });

  it('a member blocked while the run was under way stays blocked (a refused removal)', async () => {
    const { client, alice, reconciler, before, writes, members } = await setup();
    await alice.addMember('chem', { user: 'bob' });
    await client
      .as('bob')
      .jobs.submit({ account: 'chem', partition: 'cpu', command: 'sleep 1h', timeLimit: '2h' });
    // removeMember blocks bob in the ledger, then on the cluster, and refuses: his job runs.
    before.list = () =>
      alice.removeMember('chem', 'bob').then(
        () => expect.unreachable('bob has a running job'),
        (err: unknown) =>
          expect(isHpckitError(err, 'POLICY_VIOLATION') && err.details.reason).toBe('member_has_jobs'),
      );
    const report = await reconciler.run();
    expect(writes).toEqual([]);
    expect(report).toMatchObject({ changes: [], failures: [] });
    expect(await members()).toEqual({ alice: 'normal', bob: 'blocked' });
  });

  it('an account blocked while the run was under way stays blocked', async () => {
    const { client, root, reconciler, before, writes } = await setup();
    before.list = async () => {
      await root.blockAccount('chem');
      await client.accounts.block('chem'); // as another run, or the next one, pushes it
    };
    const report = await reconciler.run();
    expect(writes).toEqual([]);
    expect(report).toMatchObject({ changes: [], failures: [] });
    expect(await client.accounts.status('chem')).toEqual({ blocked: true });
  });

  it('attached, it runs again once a change it left alone ends, even one refused after its cluster write', async () => {
    const { ledger, alice, reconciler, inside, members } = await setup();
    const reports: ReconcileReport[] = [];
    const detach = reconciler.attach((r) => reports.push(r));
    inside.add = async () => {
      inside.add = undefined;
      // A run starts in the window (any event brings one) and leaves bob alone…
      await ledger.as(ROOT).blockAccount('chem');
      await expect.poll(() => reports.length).toBe(1);
      // …then alice stops being the owner, so the ledger refuses her addMember: no event follows.
      await ledger.context.mutate(async (tx) => {
        const owner = (await tx.getMember('chem', 'alice'))!;
        await tx.updateMember({ ...owner, role: 'member' });
      });
    };
    const refused = await alice.addMember('chem', { user: 'bob' }).catch((e: unknown) => e);
    expect(isHpckitError(refused, 'PERMISSION_DENIED')).toBe(true);
    await reconciler.idle();
    detach();
    expect(reports[0]?.deferred).toEqual([{ cluster: 'ikkem', account: 'chem', user: 'bob' }]);
    expect(reports.flatMap((r) => r.changes).filter((c) => c.user === 'bob')).toEqual([
      { cluster: 'ikkem', action: 'remove-member', account: 'chem', user: 'bob' },
    ]);
    expect(await members()).toEqual({ alice: 'normal' });
  });
});
