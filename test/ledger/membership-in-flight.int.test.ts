/**
 * The reference portal's pattern on the real Slurm cluster: a ledger with `scheduler` and a
 * reconciler both attached to its events and run periodically, so runs are under way while
 * membership changes reach sacctmgr. Watched with sacctmgr itself every 200 ms, an added member's
 * association appears and is never deleted or blocked (a job submitted at once is accepted), and a
 * removed member's never comes back. It works in an account of its own, deleted afterwards.
 */
import { execFileSync } from 'node:child_process';
import {
  createLedger,
  createMemoryStore,
  createReconciler,
  type ReconcileReport,
} from '@hpckit/billing/ledger';
import { delay } from '@hpckit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type Association, assertClusterUp, associations } from '../support/test-cluster.js';
import { clusterClient } from './real-cluster.js';

assertClusterUp();

const ACCOUNT = `inflight${process.pid}`;
const client = clusterClient();
const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY', scheduler: { client } });
const reconciler = createReconciler({ ledger, client, retryDelayMs: 100 });
const reports: ReconcileReport[] = [];
const errors: unknown[] = [];
const detach = reconciler.attach(
  (r) => reports.push(r),
  (e) => errors.push(e),
);
// As often as a run takes: one is nearly always under way.
const stop = reconciler.start(
  200,
  (r) => reports.push(r),
  (e) => errors.push(e),
);
const submitted: string[] = [];

afterAll(async () => {
  stop();
  detach();
  await reconciler.idle();
  for (const id of submitted) await client.jobs.cancel(id).catch(() => undefined);
  await client.close();
  // The account and every association in it go; alice and bob keep electroplating and ai4ec.
  execFileSync('sacctmgr', ['-i', 'delete', 'account', `name=${ACCOUNT}`], { stdio: 'pipe' });
}, 60_000);

/**
 * alice's association in the account every `everyMs` while `change` runs and for `afterMs` after it
 * ended: each sample with its time, and when the change ended.
 */
async function watchAlice(change: () => Promise<unknown>, afterMs: number, everyMs = 200) {
  const samples: { at: number; seen: Association[] }[] = [];
  let endedAt = Number.POSITIVE_INFINITY;
  const changing = change().finally(() => {
    endedAt = Date.now();
  });
  while (Date.now() < endedAt + afterMs) {
    const at = Date.now();
    samples.push({ at, seen: await associations(ACCOUNT, 'alice') });
    await delay(Math.max(0, at + everyMs - Date.now()));
  }
  await changing;
  return { samples, after: samples.filter((s) => s.at >= endedAt) };
}

describe('membership changes with a reconciler running, on real Slurm', { timeout: 120_000 }, () => {
  it("an added member's association appears and stays; a removed one's does not come back", async () => {
    const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
    const bob = ledger.as({ user: 'bob' });
    await root.createAccount({ name: ACCOUNT, type: 'external', owner: 'bob' });
    await ledger.as({ user: 'fin', roles: ['finance'] }).recordPayment(ACCOUNT, {
      amount: '1000',
      type: 'bank transfer',
    });

    const present = [{ user: 'alice', blocked: false }];
    const added = await watchAlice(async () => {
      await bob.addMember(ACCOUNT, { user: 'alice' });
      // At once, as a portal user would: Slurm takes it (before the fix, "invalid account" at times).
      const job = await client.as('alice').jobs.submit({
        account: ACCOUNT,
        command: 'sleep 60',
        timeLimit: '5m',
        hold: true,
        memory: { perNode: '64M' },
        stdout: '/dev/null',
      });
      submitted.push(job.id);
      await client.jobs.cancel(job.id);
      await job.wait(); // ended: removeMember refuses a member with jobs that may still run
    }, 5_000);
    const first = added.samples.findIndex((s) => s.seen.length > 0);
    expect(first).toBeGreaterThanOrEqual(0);
    // From its first sighting on, every sample shows it, never blocked.
    const odd = added.samples.slice(first).filter((s) => JSON.stringify(s.seen) !== JSON.stringify(present));
    expect(odd).toEqual([]);
    expect(added.after.length).toBeGreaterThan(10);

    const removed = await watchAlice(() => bob.removeMember(ACCOUNT, 'alice'), 3_000);
    expect(removed.after.length).toBeGreaterThan(5);
    expect(removed.after.filter((s) => s.seen.length > 0)).toEqual([]);

    stop(); // else a run is nearly always queued, and idle() would wait for ever
    await reconciler.idle();
    expect(errors).toEqual([]);
    const aliceChanges = reports.flatMap((r) => r.changes).filter((c) => c.user === 'alice');
    expect(aliceChanges).toEqual([]);
    process.stdout.write(
      `[membership in flight] ${reports.length} reconciler runs over ${added.samples.length + removed.samples.length} sacctmgr samples; ` +
        `${reports.reduce((n, r) => n + r.deferred.length, 0)} left a change in flight alone\n`,
    );
  });
});
