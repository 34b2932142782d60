import type { MockAdapter } from '@hpckit/adapter-mock';
import type { JobSync, Ledger, Reconciler } from '@hpckit/billing/ledger';
import type { HpckitClient } from '@hpckit/core';

/** Portal name → cluster user of the seeded people, for the development authenticator. */
export const SEEDED_USERS = { alice: 'alice', carol: 'carol', dave: 'dave' } as const;

/**
 * The embedded site's first state: `catalysis` (administered by dave; alice and carol members,
 * carol limited to 5,000) and `alice-lab` (alice's own), both paid, with a few ended and charged
 * jobs and one of alice's still running.
 */
export async function seed(
  ledger: Ledger,
  client: HpckitClient,
  mock: MockAdapter,
  sync: JobSync,
  reconciler: Reconciler,
) {
  const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
  const finance = ledger.as({ user: 'fin', roles: ['finance'] });
  await root.createAccount({ name: 'catalysis', type: 'internal', owner: 'dave' });
  await root.createAccount({ name: 'alice-lab', type: 'internal', owner: 'alice' });
  const dave = ledger.as({ user: 'dave' });
  await dave.addMember('catalysis', { user: 'alice' });
  await dave.addMember('catalysis', { user: 'carol' });
  await dave.setSpendingLimit('catalysis', 'carol', { amount: '5000' });
  await finance.recordPayment('catalysis', { amount: '60000', type: 'bank transfer' });
  await finance.recordPayment('alice-lab', { amount: '5000', type: 'bank transfer' });
  // A new account is blocked on the cluster until paid: wait for the reconciler to unblock it.
  await reconciler.idle();

  // [user, account, cores, hours of work]: the history, then one job still running.
  const ended: [string, string, number, number][] = [
    ['alice', 'catalysis', 16, 2],
    ['carol', 'catalysis', 32, 3],
    ['alice', 'alice-lab', 8, 1],
  ];
  const submit = ([user, account, cores, hours]: [string, string, number, number]) =>
    client.as(user).jobs.submit({
      name: `seed-${cores}c-${hours}h`,
      account,
      coresPerNode: cores,
      timeLimit: `${hours + 1}h`,
      command: `sleep ${hours}h`,
    });
  const done = [];
  for (const row of ended) done.push(await submit(row));
  mock.clock.advance('4h');
  await Promise.all(done.map((h) => h.wait()));
  await sync.run();
  await reconciler.idle();
  await submit(['alice', 'alice-lab', 4, 40]);
}
