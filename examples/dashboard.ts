/**
 * A portal's dashboard on the mock scheduler: once alice has signed in, she sees every account
 * she belongs to with its balance and what is left of her spending limit in it, and her jobs that
 * have not finished yet. Two calls make the page: `ledger.as(user).balances()` and
 * `client.as(user).jobs.list(...)`.
 *
 * Run it with `npx tsx --conditions=@hpckit/source examples/dashboard.ts`. The ledger lives in an
 * SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mockAdapter } from '@hpckit/adapter-mock';
import { createPricingEngine, ikkemPreset } from '@hpckit/billing';
import { type BalanceLine, createJobSync, createLedger } from '@hpckit/billing/ledger';
import { createSqliteStore } from '@hpckit/billing/stores/sqlite';
import { createClient, formatDuration, type Job } from '@hpckit/core';

/** What the dashboard showed, for a reader (or a test) to check. */
export interface DashboardOutcome {
  /** The balance lines of alice's accounts, as the ledger gave them. */
  accounts: BalanceLine[];
  /** Her jobs that have not ended, as the scheduler gave them. */
  unfinished: Job[];
  /** The printed table, one string per line. */
  table: string[];
}

/** Lays out rows as columns, each as wide as its widest cell. */
function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

/** Runs the scenario, printing the dashboard with `print`. */
export async function dashboardScenario(
  print: (line: string) => void = console.log,
): Promise<DashboardOutcome> {
  const scheduler = mockAdapter({ clock: { start: new Date('2026-03-02T08:00:00+08:00') } });
  const client = createClient({ clusters: { hpc: { adapter: scheduler } } });
  const site = ikkemPreset({ cluster: 'hpc' });
  const pricing = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
  const dir = mkdtempSync(join(tmpdir(), 'hpckit-dashboard-'));
  const store = await createSqliteStore({ path: join(dir, 'ledger.db') });
  const ledger = createLedger({
    store,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    now: () => scheduler.clock.now(),
    // Accounts and members the ledger creates reach the cluster.
    scheduler: { client },
  });
  const sync = createJobSync({ ledger, source: client, clusters: ['hpc'], pricer: pricing.price });

  try {
    // What the platform set up before alice signed in: two accounts, a limit in one of them.
    const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
    const finance = ledger.as({ user: 'fin', roles: ['finance'] });
    await root.createAccount({ name: 'catalysis', type: 'internal', owner: 'bob' });
    await root.createAccount({ name: 'alice-lab', type: 'internal', owner: 'alice' });
    await ledger.as({ user: 'bob' }).addMember('catalysis', { user: 'alice' });
    await ledger.as({ user: 'bob' }).setSpendingLimit('catalysis', 'alice', { amount: '200' });
    await finance.recordPayment('catalysis', { amount: '3000', type: 'bank transfer' });
    await finance.recordPayment('alice-lab', { amount: '500', type: 'bank transfer' });

    // Her work so far: two jobs ended and were charged; one runs, one waits for a whole node.
    const users = client.as('alice');
    const job = (account: string, cores: number, hours: number) => ({
      name: `relax-${cores}c`,
      account,
      partition: 'cpu',
      coresPerNode: cores,
      timeLimit: `${hours + 1}h`,
      command: `sleep ${hours}h`,
    });
    const done = [
      await users.jobs.submit(job('catalysis', 32, 3)),
      await users.jobs.submit(job('alice-lab', 8, 2)),
    ];
    scheduler.clock.advance('3h');
    await Promise.all(done.map((h) => h.wait()));
    await sync.run();
    await users.jobs.submit(job('catalysis', 16, 10));
    await users.jobs.submit({ ...job('alice-lab', 64, 5), nodes: 8 });
    scheduler.clock.advance('30m');

    // The dashboard: her accounts, then her unfinished jobs.
    const accounts = await ledger.as({ user: 'alice' }).balances();
    const page = await users.jobs.list({
      users: ['alice'],
      states: ['queued', 'held', 'running', 'suspended', 'completing'],
    });
    const unfinished = page.jobs;
    const table = [
      'Accounts',
      ...columns([
        ['account', 'role', 'balance', 'limit', 'used', 'limit left', 'state'],
        ...accounts.map((a) => [
          a.account,
          a.role,
          `${a.balance} ${a.currency}`,
          a.limit ? `${a.limit.amount}` : 'none',
          a.used ?? '—',
          a.remaining ?? '—',
          a.accountBlock.blocked || a.memberBlock.blocked ? 'blocked' : 'ok',
        ]),
      ]),
      '',
      'Unfinished jobs',
      ...columns([
        ['job', 'name', 'account', 'state', 'cores', 'elapsed'],
        ...unfinished.map((j) => [
          j.id,
          j.name,
          j.account ?? '',
          j.state.phase,
          String(j.requested.cores ?? ''),
          formatDuration(j.elapsedSeconds),
        ]),
      ]),
    ];
    for (const line of table) print(line);
    return { accounts, unfinished, table };
  } finally {
    await client.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await dashboardScenario();
}
