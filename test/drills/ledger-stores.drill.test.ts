/**
 * Drill: the ledger's database fails in the middle of a job-charge sync. PostgreSQL is restarted
 * while a sync transaction is open; SQLite runs out of disk (a small tmpfs) part-way through.
 * Each time the sync must fail with a typed error, leave nothing charged twice, and the next sync
 * (server back, disk grown) must complete with every job charged exactly once and the balance
 * equal to payments minus charges.
 *
 * PostgreSQL here is a private server started with the project's scripts/postgres on its own port
 * and state directory, so restarting it does not disturb the shared server other tests use.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createJobSync, type JobSync } from '@hpckit/billing/ledger';
import { createPostgresStore } from '@hpckit/billing/stores/postgres';
import { createSqliteStore } from '@hpckit/billing/stores/sqlite';
import { arraySource, endedJob, FINANCE, ledgerHarness, ROOT, T0 } from '@hpckit/billing/testing';
import { isHpckitError, type Job } from '@hpckit/core';
import { afterAll, expect, it } from 'vitest';
import { cpuMsSince, printTable, RESTORE_TIMEOUT_MS, rssSampler } from './support/drill-kit.js';

const JOBS = 3000;
const NOW = new Date(T0.getTime() + 86_400_000);
const SCRIPTS = join(import.meta.dirname, '../../scripts/postgres');
const PG_STATE = `/tmp/hpckit-drill-pg-${process.pid}`;
const PG_PORT = '5447';
const pgEnv = { ...process.env, HPCKIT_PG_STATE: PG_STATE, HPCKIT_PG_PORT: PG_PORT };
const MOUNT = `/tmp/hpckit-drill-full-${process.pid}`;
let mounted = false;

afterAll(() => {
  try {
    execFileSync(join(SCRIPTS, 'down.sh'), ['--purge'], { env: pgEnv, stdio: 'ignore' });
  } finally {
    if (mounted) execFileSync('umount', ['--lazy', MOUNT], { stdio: 'ignore' });
    rmSync(MOUNT, { recursive: true, force: true });
  }
}, RESTORE_TIMEOUT_MS);

/** `n` ended jobs of alice on account chem, 8 cores for 1–60 minutes each (never free). */
function jobs(n: number): Job[] {
  return Array.from({ length: n }, (_, i) =>
    endedJob(i + 1, { seconds: 60 * (1 + (i % 60)), allocated: { nodes: 1, cores: 8, gpus: 0 } }),
  );
}

type Store = Awaited<ReturnType<typeof createSqliteStore>>;

async function fund(store: Store) {
  const h = ledgerHarness(store);
  await h.ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
  await h.ledger.recordPayment(FINANCE, 'chem', { amount: '10000000', type: 'bank' });
}

/** A sync over `store` whose pricer calls `during` once, after pricing job `at`. */
function syncOf(store: Store, at: number, during: () => void): JobSync {
  const h = ledgerHarness(store);
  h.clock.now = NOW;
  let priced = 0;
  return createJobSync({
    ledger: h.ledger,
    source: arraySource(jobs(JOBS)),
    clusters: ['c1'],
    batchSize: 200,
    lookbackSeconds: 30 * 86_400,
    pricer: (job, ctx) => {
      if (++priced === at) during();
      return h.engine.price(job, ctx);
    },
  });
}

/** Charges of the ledger: how many, how many distinct jobs, and whether the balance adds up. */
async function chargesOf(store: Store) {
  const h = ledgerHarness(store);
  h.clock.now = NOW;
  const charges = await h.ledger.charges(ROOT, { from: new Date(0), to: NOW, limit: 10_000 });
  const jobsCharged = new Set(charges.items.map((c) => c.job?.jobId)).size;
  const account = await h.ledger.getAccount(ROOT, 'chem');
  const paid = await h.ledger.payments(ROOT, { account: 'chem', to: NOW });
  const balanceOk = Number(account.balance) === Number(paid.sum) - Number(charges.sum);
  return { charges: charges.total, jobsCharged, balanceOk };
}

function errorName(err: unknown): string {
  if (isHpckitError(err)) {
    const { reason } = err.details as { reason?: string };
    return `${err.code}${reason ? `/${reason}` : ''}`;
  }
  return `untyped ${(err as Error)?.constructor?.name}: ${String((err as Error)?.message ?? err).slice(0, 80)}`;
}

it('PostgreSQL restarted during a sync: a typed error, nothing charged twice, the next sync completes', async () => {
  const cpu0 = process.cpuUsage();
  const rss = rssSampler();
  const url = execFileSync(join(SCRIPTS, 'up.sh'), { env: pgEnv, encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1)!
    .replace(/^HPCKIT_PG_URL=/, '');
  const open = () => createPostgresStore({ connectionString: url, schema: 'drill', maxConnections: 4 });
  const setup = await open();
  await fund(setup);
  await setup.close();

  const store = await open();
  let restartMs = 0;
  const first = syncOf(store, Math.round(JOBS / 2), () => {
    const t = Date.now();
    execFileSync(join(SCRIPTS, 'down.sh'), { env: pgEnv, stdio: 'ignore' });
    execFileSync(join(SCRIPTS, 'up.sh'), { env: pgEnv, stdio: 'ignore' });
    restartMs = Date.now() - t;
  });
  const failed = await first.run().then(
    () => undefined,
    (err: unknown) => err,
  );
  const afterFailure = await chargesOf(store);
  const t = Date.now();
  const second = await syncOf(store, -1, () => {}).run();
  const nextSyncMs = Date.now() - t;
  const end = await chargesOf(store);
  await store.close();

  printTable('PostgreSQL restarted during a job-charge sync', {
    jobs: JOBS,
    'restart took (s)': restartMs / 1000,
    'error of the interrupted sync': failed === undefined ? 'none' : errorName(failed),
    retryable: isHpckitError(failed) ? failed.retryable : '-',
    'charged after the failure': afterFailure.charges,
    'distinct jobs then': afterFailure.jobsCharged,
    'next sync: jobs charged': second.reduce((n, r) => n + r.charged, 0),
    'next sync (s)': nextSyncMs / 1000,
    'charges at the end': end.charges,
    'distinct jobs charged': end.jobsCharged,
    'charged twice': end.charges - end.jobsCharged,
    'balance = payments - charges': end.balanceOk,
    'CPU (ms)': cpuMsSince(cpu0),
    'peak RSS (MiB)': rss.stop(),
  });

  expect(failed).toBeDefined();
  expect(errorName(failed)).not.toMatch(/^untyped/);
  expect(afterFailure.charges).toBe(afterFailure.jobsCharged);
  expect(afterFailure.charges).toBeLessThan(JOBS);
  expect(end.charges).toBe(JOBS);
  expect(end.jobsCharged).toBe(JOBS);
  expect(end.balanceOk).toBe(true);
}, 240_000);

it('SQLite on a full disk: a typed error, nothing charged twice, the next sync completes once there is room', async () => {
  const cpu0 = process.cpuUsage();
  const rss = rssSampler();
  mkdirSync(MOUNT, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', MOUNT]);
  mounted = true;
  const path = join(MOUNT, 'ledger.db');
  const store = await createSqliteStore({ path });
  await fund(store);

  const first = syncOf(store, -1, () => {});
  const failed = await first.run().then(
    () => undefined,
    (err: unknown) => err,
  );
  const afterFailure = await chargesOf(store);
  execFileSync('mount', ['-o', 'remount,size=64m', MOUNT]);
  const t = Date.now();
  const second = await syncOf(store, -1, () => {}).run();
  const nextSyncMs = Date.now() - t;
  const end = await chargesOf(store);
  await store.close();

  printTable('SQLite ledger on a full disk (1 MiB tmpfs, then grown to 64 MiB)', {
    jobs: JOBS,
    'error of the sync on the full disk': failed === undefined ? 'none' : errorName(failed),
    retryable: isHpckitError(failed) ? failed.retryable : '-',
    'charged before the disk filled': afterFailure.charges,
    'distinct jobs then': afterFailure.jobsCharged,
    'next sync: jobs charged': second.reduce((n, r) => n + r.charged, 0),
    'next sync (s)': nextSyncMs / 1000,
    'charges at the end': end.charges,
    'distinct jobs charged': end.jobsCharged,
    'charged twice': end.charges - end.jobsCharged,
    'balance = payments - charges': end.balanceOk,
    'CPU (ms)': cpuMsSince(cpu0),
    'peak RSS (MiB)': rss.stop(),
  });

  expect(failed).toBeDefined();
  expect(errorName(failed)).not.toMatch(/^untyped/);
  expect(afterFailure.charges).toBe(afterFailure.jobsCharged);
  expect(afterFailure.charges).toBeLessThan(JOBS);
  expect(end.charges).toBe(JOBS);
  expect(end.jobsCharged).toBe(JOBS);
  expect(end.balanceOk).toBe(true);
}, 120_000);
