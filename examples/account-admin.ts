/**
 * Account administration on the mock scheduler: an account admin adds two users and gives one a
 * spending limit of 5,000; that user's jobs are charged until the limit blocks new submissions;
 * the admin raises the limit to 100,000 and the user can submit again; the admin lists the
 * account's payments and exports them and last week's charges to CSV (a full file that reads
 * back, and files for Excel on Chinese Windows with a BOM and chosen columns); finally the admin removes a user, which is refused (and the user
 * blocked) while their job runs, and done on the cluster once it ended.
 *
 * Run it with `npx tsx --conditions=@hpckit/source examples/account-admin.ts`. The ledger lives in
 * an SQLite file; membership changes reach the cluster directly (the ledger's `scheduler`
 * option), and the job-charge sync and the block-state reconciler connect the rest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mockAdapter } from '@hpckit/adapter-mock';
import { createPricingEngine, ikkemPreset } from '@hpckit/billing';
import {
  createJobSync,
  createLedger,
  createReconciler,
  exportChargesCsv,
  exportPaymentsCsv,
  type Ledger,
  parseChargesCsv,
  parsePaymentsCsv,
} from '@hpckit/billing/ledger';
import { createSqliteStore } from '@hpckit/billing/stores/sqlite';
import { createClient, isHpckitError } from '@hpckit/core';

/** What the scenario saw, for a reader (or a test) to check. */
export interface AccountAdminOutcome {
  /** Carol's jobs charged before her limit blocked her. */
  jobsBeforeBlock: number;
  /** Why the next submission was refused. */
  refusal: string;
  /** Whether she could submit again once the limit was raised. */
  submittedAfterRaise: boolean;
  /** The exported charges, every column (reads back with `parseChargesCsv`). */
  csv: string;
  /** The account's payments as the admin lists them, newest first. */
  payments: { kind: string; amount: string; type: string }[];
  /** The payments exported for Excel: BOM, chosen columns. */
  paymentsCsv: string;
  /** The charges exported for Excel: BOM, chosen columns. */
  chargesForExcel: string;
  /** Carol's used amount when she was blocked. */
  usedAtBlock: string;
  /** The jobs named when erin's removal was refused. */
  removalRefusedFor: string[];
  /** The members of the account on the cluster at the end. */
  clusterMembers: string[];
}

/** Runs the scenario, printing each step with `print`. */
export async function accountAdminScenario(
  print: (line: string) => void = console.log,
): Promise<AccountAdminOutcome> {
  const scheduler = mockAdapter({ clock: { start: new Date('2026-03-02T00:00:00+08:00') } });
  const client = createClient({ clusters: { ikkem: { adapter: scheduler } } });
  const site = ikkemPreset({ cluster: 'ikkem' });
  const pricing = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });

  const dir = mkdtempSync(join(tmpdir(), 'hpckit-ledger-'));
  const store = await createSqliteStore({ path: join(dir, 'ledger.db') });
  const ledger = createLedger({
    store,
    currency: 'CNY',
    bonus: site.bonusRules,
    timeZone: 'Asia/Shanghai',
    now: () => scheduler.clock.now(),
    scheduler: { client },
  });
  const sync = createJobSync({ ledger, source: client, clusters: ['ikkem'], pricer: pricing.price });
  const reconciler = createReconciler({ ledger, client });
  const detach = reconciler.attach();
  ledger.on('member:limit-reached', (e) =>
    print(`  event: ${e.user} reached the limit of ${e.limit} on ${e.account} (used ${e.used})`),
  );

  try {
    // The platform opens the account and finance records the first recharge (with its bonus).
    // Each actor gets a view of the ledger acting for them, as client.as(user) does for the cluster.
    const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
    await root.createAccount({ name: 'catalysis', type: 'internal', owner: 'alice' });
    const finance = ledger.as({ user: 'fin', roles: ['finance'] });
    const paid = await finance.recordPayment('catalysis', { amount: '60000', type: 'bank transfer' });
    print(`recharged 60000.00 CNY, bonus ${paid.bonus?.amount ?? '0.00'}: balance ${paid.account.balance}`);

    // The owner appoints an admin; the admin adds two users and limits one of them to 5,000.
    const alice = ledger.as({ user: 'alice' });
    const dave = ledger.as({ user: 'dave' });
    await alice.addMember('catalysis', { user: 'dave', role: 'admin' });
    await dave.addMember('catalysis', { user: 'carol' });
    await dave.addMember('catalysis', { user: 'erin' });
    await dave.setSpendingLimit('catalysis', 'carol', { amount: '5000' });
    await reconciler.idle();
    print('dave added carol (limit 5000.00) and erin; the cluster now knows them');

    // Carol runs 8-GPU jobs of 30 hours (8 × 30 × 9.00 = 2160.00 each) until she is blocked.
    const carol = client.as('carol');
    const gpuJob = {
      account: 'catalysis',
      partition: 'gpu',
      gpusPerNode: 8,
      coresPerNode: 64,
      memory: { perNode: '1000G' },
      timeLimit: '31h',
      command: 'python train.py\nsleep 30h',
    };
    let jobsBeforeBlock = 0;
    let refusal = '';
    for (;;) {
      try {
        await carol.jobs.submit(gpuJob);
      } catch (err) {
        if (!isHpckitError(err, 'POLICY_VIOLATION')) throw err;
        refusal = err.details.reason;
        print(`carol's submission refused: ${err.reason}`);
        break;
      }
      scheduler.clock.advance('31h');
      const [report] = await sync.run();
      jobsBeforeBlock += report!.charged;
      await reconciler.idle();
      print(
        `  job charged ${report!.amount}; carol is ${(await balanceOf(ledger, 'carol')).memberBlock.blocked ? 'blocked' : 'free to submit'}`,
      );
    }
    const usedAtBlock = (await balanceOf(ledger, 'carol')).used ?? '0.00';

    // The admin raises the limit; the reconciler unblocks carol on the cluster and she submits again.
    await dave.setSpendingLimit('catalysis', 'carol', { amount: '100000' });
    await reconciler.idle();
    const again = await carol.jobs.submit(gpuJob);
    print(`limit raised to 100000.00: carol submitted job ${again.id}`);

    // Last week's charges, as CSV in China Standard Time.
    scheduler.clock.advance('31h');
    await sync.run();
    const csv = await exportChargesCsv(
      ledger,
      dave.actor,
      { account: 'catalysis' },
      { timeZone: 'Asia/Shanghai' },
    );
    print(`exported ${parseChargesCsv(csv).length} charges:\n${csv}`);

    // The account's payments (the recharge and its bonus), listed and exported; then both files
    // for the finance office's Excel on Chinese Windows: a BOM, and only the columns it reads.
    const payments = (await dave.payments({ account: 'catalysis' })).items;
    for (const p of payments) print(`  payment: ${p.kind} ${p.amount} ${p.currency} (${p.type})`);
    const fullPayments = await exportPaymentsCsv(ledger, dave.actor, { account: 'catalysis' });
    print(`exported ${parsePaymentsCsv(fullPayments).length} payments`);
    const paymentsCsv = await exportPaymentsCsv(
      ledger,
      dave.actor,
      { account: 'catalysis' },
      { timeZone: 'Asia/Shanghai', bom: true, columns: ['time', 'kind', 'type', 'amount', 'currency'] },
    );
    const chargesForExcel = await exportChargesCsv(
      ledger,
      dave.actor,
      { account: 'catalysis' },
      { timeZone: 'Asia/Shanghai', bom: true, columns: ['time', 'user', 'job_id', 'amount', 'currency'] },
    );
    print(`for Excel:\n${paymentsCsv.slice(1)}${chargesForExcel.slice(1)}`);

    // Erin leaves the project while a job of hers runs: the removal blocks her and waits for it.
    const erinJob = await client
      .as('erin')
      .jobs.submit({ ...gpuJob, gpusPerNode: 1, coresPerNode: 8, memory: { perNode: '128G' } });
    let removalRefusedFor: string[] = [];
    try {
      await dave.removeMember('catalysis', 'erin');
    } catch (err) {
      if (!isHpckitError(err, 'POLICY_VIOLATION') || err.details.reason !== 'member_has_jobs') throw err;
      removalRefusedFor = err.details.jobIds ?? [];
      print(`removing erin refused: ${err.message}`);
    }
    scheduler.clock.advance('31h');
    await erinJob.wait();
    await dave.removeMember('catalysis', 'erin');
    const clusterMembers = (await client.accounts.list())
      .find((a) => a.name === 'catalysis')!
      .members.map((m) => m.user)
      .sort();
    print(`job ${erinJob.id} ended; erin removed: the cluster's members are ${clusterMembers.join(', ')}`);
    return {
      jobsBeforeBlock,
      refusal,
      submittedAfterRaise: true,
      csv,
      payments: payments.map((p) => ({ kind: p.kind, amount: p.amount, type: p.type })),
      paymentsCsv,
      chargesForExcel,
      usedAtBlock,
      removalRefusedFor: [...removalRefusedFor],
      clusterMembers,
    };
  } finally {
    detach();
    await reconciler.idle();
    await client.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function balanceOf(ledger: Ledger, user: string) {
  const lines = await ledger.as({ user }).balances();
  return lines.find((l) => l.account === 'catalysis')!;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await accountAdminScenario();
}
