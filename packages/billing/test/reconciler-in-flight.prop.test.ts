/**
 * Random interleavings of membership changes and reconciler runs: fast-check's scheduler releases
 * every cluster call (the ledger's and the reconciler's) in an order of its choosing. Whatever the
 * order, a member the ledger holds for good (their addMember returned, no removeMember under way)
 * is never removed from the cluster, a member removed for good is never added back, and once all
 * is quiet the attached reconciler has made the cluster equal the ledger.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, type HpckitClient, isHpckitError } from '@hpckit/core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { memberBlockState } from '../src/ledger/block-state.js';
import { createLedger } from '../src/ledger/create-ledger.js';
import { createReconciler } from '../src/ledger/reconcile/reconciler.js';
import { createMemoryStore } from '../src/stores/memory/memory-store.js';

const USERS = ['bob', 'carol'] as const;
type User = (typeof USERS)[number];
const op = fc.oneof(
  fc.record({
    kind: fc.constantFrom('add' as const, 'remove' as const, 'block' as const, 'unblock' as const),
    user: fc.constantFrom(...USERS),
  }),
  fc.constant({ kind: 'run' as const }),
);

type Member = { user: string; account: string };

/**
 * The client with every account, user and job call released by the scheduler once `live()`, and
 * `check` run just before each add or remove.
 */
function scheduled(
  client: HpckitClient,
  s: fc.Scheduler,
  live: () => boolean,
  check: (call: 'add' | 'remove', m: Member) => void,
): HpckitClient {
  const gate =
    <A extends unknown[], R>(label: string, call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      (live() ? s.schedule(Promise.resolve(), label) : Promise.resolve()).then(() => {
        if (label === 'users.add' || label === 'users.remove') {
          check(label === 'users.add' ? 'add' : 'remove', args[0] as Member);
        }
        return call(...args);
      });
  const { accounts, users, jobs } = client;
  return {
    ...client,
    clusters: client.clusters,
    accounts: {
      ...accounts,
      list: gate('accounts.list', accounts.list),
      create: gate('accounts.create', accounts.create),
      block: gate('accounts.block', accounts.block),
      unblock: gate('accounts.unblock', accounts.unblock),
    },
    users: {
      ...users,
      add: gate('users.add', users.add),
      remove: gate('users.remove', users.remove),
      block: gate('users.block', users.block),
      unblock: gate('users.unblock', users.unblock),
    },
    jobs: { ...jobs, list: gate('jobs.list', jobs.list) },
  };
}

it('no interleaving of membership changes and reconciler runs undoes a change, and the cluster ends equal to the ledger', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.scheduler(),
      fc.array(op, { minLength: 1, maxLength: 8 }),
      fc.subarray([...USERS]),
      async (s, ops, initial) => {
        const client = createClient({ clusters: { ikkem: { adapter: mockAdapter() } } });
        // What the test knows for sure at each moment, from the calls that returned.
        const held = new Set<string>(); // addMember returned, no removeMember returned since
        const gone = new Set<string>(USERS); // removeMember returned (or never a member), no addMember since
        const adding = new Map<string, number>();
        const removing = new Map<string, number>();
        const violations: string[] = [];
        let live = false; // the setup's calls are not scheduled, nor checked
        const check = (call: 'add' | 'remove', m: Member) => {
          if (!live || m.account !== 'chem') return;
          if (call === 'remove' && held.has(m.user) && !removing.get(m.user)) {
            violations.push(`${m.user} removed from the cluster while the ledger held them`);
          }
          if (call === 'add' && gone.has(m.user) && !adding.get(m.user)) {
            violations.push(`${m.user} added to the cluster after their removal`);
          }
        };
        const gated = scheduled(client, s, () => live, check);
        const ledger = createLedger({
          store: createMemoryStore(),
          currency: 'CNY',
          scheduler: { client: gated },
        });
        const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
        await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice', blockThreshold: '-1000' });
        for (const user of initial) {
          await root.addMember('chem', { user });
          held.add(user);
          gone.delete(user);
        }
        live = true;

        const reconciler = createReconciler({ ledger, client: gated, retryDelayMs: 0 });
        const detach = reconciler.attach();
        const count = (m: Map<string, number>, user: User, by: number) =>
          m.set(user, (m.get(user) ?? 0) + by);
        const expected = (err: unknown) => {
          if (!isHpckitError(err, 'ALREADY_EXISTS') && !isHpckitError(err, 'NOT_FOUND')) {
            violations.push(`unexpected ${String(err)}`);
          }
        };
        async function perform(o: (typeof ops)[number]) {
          if (o.kind === 'run') return void (await reconciler.run());
          const { user } = o;
          if (o.kind === 'add') {
            count(adding, user, 1);
            await root.addMember('chem', { user }).then(() => {
              held.add(user);
              gone.delete(user);
            }, expected);
            count(adding, user, -1);
          } else if (o.kind === 'remove') {
            count(removing, user, 1);
            await root.removeMember('chem', user).then(() => {
              held.delete(user);
              gone.add(user);
            }, expected);
            count(removing, user, -1);
          } else {
            await (o.kind === 'block'
              ? root.blockMember('chem', user)
              : root.unblockMember('chem', user)
            ).catch(expected);
          }
        }
        const running = ops.map((o) =>
          s.schedule(Promise.resolve(), `start ${JSON.stringify(o)}`).then(() => perform(o)),
        );
        await s.waitFor(Promise.all(running));
        await s.waitFor(reconciler.idle());
        detach();

        expect(violations).toEqual([]);
        const cluster = (await client.accounts.list()).find((a) => a.name === 'chem')!;
        const ledgerMembers = await ledger.context.read((tx) => tx.listMembers({ account: 'chem' }));
        const now = ledger.now();
        expect(Object.fromEntries(cluster.members.map((m) => [m.user, m.blocked]))).toEqual(
          Object.fromEntries(ledgerMembers.map((m) => [m.user, memberBlockState(m, now, 'UTC').blocked])),
        );
      },
    ),
    { numRuns: 200 },
  );
});
