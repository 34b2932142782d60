/**
 * Importing the real cluster's sacctmgr state into a ledger, and the sync's cut-over on real
 * sacct rows. It sets up an account of its own with sacctmgr (a coordinator, a member, a block)
 * and deletes it afterwards, so the cluster's accounts and associations are as before.
 */
import { execFileSync } from 'node:child_process';
import { createJobSync, createLedger, createMemoryStore, importFromScheduler } from '@hpckit/billing/ledger';
import { afterAll, describe, expect, it } from 'vitest';
import { assertClusterUp } from '../support/test-cluster.js';
import { clusterClient, sitePricing } from './real-cluster.js';

assertClusterUp();

const ACCOUNT = `imp${process.pid}`;
const sacctmgr = (...args: string[]) => execFileSync('sacctmgr', ['-i', ...args], { stdio: 'pipe' });
const client = clusterClient();

afterAll(async () => {
  await client.close();
  sacctmgr('delete', 'account', `name=${ACCOUNT}`);
}, 30_000);

describe('importing the real cluster', { timeout: 90_000 }, () => {
  it('imports accounts, coordinators as admins, members and blocks; dry run first; idempotent', async () => {
    sacctmgr('add', 'account', `name=${ACCOUNT}`);
    sacctmgr('add', 'user', 'name=alice', `account=${ACCOUNT}`);
    sacctmgr('add', 'user', 'name=bob', `account=${ACCOUNT}`);
    sacctmgr('add', 'coordinator', `account=${ACCOUNT}`, 'names=alice');
    sacctmgr('modify', 'user', 'where', 'name=bob', `account=${ACCOUNT}`, 'set', 'MaxSubmitJobs=0');

    const listed = (await client.accounts.list()).find((a) => a.name === ACCOUNT);
    expect(listed?.members).toEqual([
      { user: 'alice', blocked: false, coordinator: true },
      { user: 'bob', blocked: true },
    ]);

    const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY' });
    const mine = (changes: { account: string }[]) => changes.filter((c) => c.account === ACCOUNT);
    const plan = await importFromScheduler({
      ledger,
      client,
      accountType: 'internal',
      dryRun: true,
      whitelist: true,
    });
    expect(mine(plan.changes)).toEqual([
      { action: 'create-account', account: ACCOUNT, user: 'alice', role: 'owner' },
      { action: 'whitelist-account', account: ACCOUNT },
      { action: 'add-member', account: ACCOUNT, user: 'bob', role: 'member' },
      { action: 'block-member', account: ACCOUNT, user: 'bob' },
    ]);
    const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
    expect(await root.listAccounts()).toEqual([]);

    const done = await importFromScheduler({ ledger, client, accountType: 'internal', whitelist: true });
    expect(mine(done.changes)).toEqual(mine(plan.changes));
    expect((await root.listMembers(ACCOUNT)).map((m) => [m.user, m.role, m.state])).toEqual([
      ['alice', 'owner', 'normal'],
      ['bob', 'member', 'blocked'],
    ]);

    // Blocked in Slurm later: the next import records it, and only that.
    sacctmgr('modify', 'account', 'where', `name=${ACCOUNT}`, 'set', 'GrpSubmitJobs=0');
    const again = await importFromScheduler({ ledger, client, accountType: 'internal', whitelist: true });
    expect(mine(again.changes)).toEqual([{ action: 'block-account', account: ACCOUNT }]);
    expect((await root.getAccount(ACCOUNT)).state).toBe('blocked');
    sacctmgr('modify', 'account', 'where', `name=${ACCOUNT}`, 'set', 'GrpSubmitJobs=-1');

    // A real job that ended before the cut-over is recorded and never charged.
    const job = await client.as('alice').jobs.submit({
      account: ACCOUNT,
      command: 'sleep 1',
      timeLimit: '5m',
      memory: { perNode: '64M' },
      stdout: '/dev/null',
    });
    await job.wait();
    const cutover = new Date(Date.now() + 1000);
    const engine = sitePricing();
    const sync = createJobSync({
      ledger,
      source: client,
      clusters: ['hpc'],
      pricer: engine.price,
      startAt: new Date(Date.now() - 120_000),
      cutover,
    });
    let status: string | undefined;
    for (let i = 0; i < 40 && status !== 'before_cutover'; i++) {
      await sync.run();
      const [record] = await ledger.context.read((tx) => tx.getJobRecords('hpc', [job.id]));
      status = record?.status;
      if (status !== 'before_cutover') await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe('before_cutover');
    expect((await root.charges({ account: ACCOUNT })).items).toEqual([]);
  });
});
