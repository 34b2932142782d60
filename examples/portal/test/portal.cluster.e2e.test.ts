/**
 * The portal opened from its example config (portal.cluster.yaml) on the Slurm test cluster and
 * PostgreSQL, driven in Chromium with the mock run's journeys (journeys.ts): alice submits a GPU
 * job from the form, watches it end, reads its output and sees its cost once the sync charged it;
 * uploads a script into a directory of her own, runs it and reads its output; opens a login shell
 * over SSH in the browser; starts a Jupyter session and opens it through the portal's proxy; bob, the account's
 * owner, sets her limit at what she used, sees her blocked (the reconciler's block reaches
 * sacctmgr), exports the charges, and lifts the limit again. Runs with HPCKIT_SLURM=1 under the
 * cluster lock; everything it creates (the Slurm account, the ledger's schema, alice's files)
 * goes afterwards.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertClusterUp, associations } from '../../../test/support/test-cluster.js';
import { type ListeningPortal, listenPortal } from '../src/listen.js';
import { type ConfigSite, openFromConfig } from '../src/open-config.js';
import { launchChromium } from './chromium.js';
import {
  costInHistory,
  limitBlocksMember,
  memberSeesBlock,
  policyInChinese,
  scriptFileRoundTrip,
  signIn,
  signOut,
  submitFromForm,
} from './journeys.js';
import { shellSteps } from './shell-steps.js';
import { appSessionSteps } from './apps-e2e.js';

const CONFIG = join(import.meta.dirname, '..', 'portal.cluster.yaml');
const SCHEMA = 'portal_e2e'; // the config's ledger.schema
const ACCOUNT = `portal${process.pid}`;
const DIR = `portal-e2e-${process.pid}`;
const ARTIFACTS = join(import.meta.dirname, 'artifacts', 'cluster');
// Real jobs: sacct settles a few seconds after a job ends, then the sync charges it.
const o = { artifacts: ARTIFACTS, jobTimeoutMs: 90_000 };

const PG_URL = process.env.HPCKIT_PG_URL ?? 'postgres://hpckit:hpckit@127.0.0.1:5433/hpckit_test';
const dropSchema = async () => {
  const db = new pg.Client({ connectionString: PG_URL });
  await db.connect();
  await db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await db.end();
};

/** alice's association in the test's account, as sacctmgr shows it. */
const aliceInSlurm = () => associations(ACCOUNT, 'alice');

let site: ConfigSite;
/** How many of alice's jobs in the account the sync has priced (pending ones not counted). */
const pricedJobs = async () =>
  (await site.services.ledger.as({ user: 'alice' }).jobCosts({ account: ACCOUNT })).items.filter(
    (j) => j.pricing !== 'pending',
  ).length;
let portal: ListeningPortal;
let url: string;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const syncErrors: unknown[] = [];
const outputs: string[] = [];
const started = performance.now();

beforeAll(async () => {
  assertClusterUp();
  mkdirSync(ARTIFACTS, { recursive: true });
  await dropSchema();
  site = await openFromConfig(CONFIG, {
    env: {
      ...process.env,
      HPCKIT_PG_URL: PG_URL,
      HPCKIT_PORTAL_SECRET: randomBytes(32).toString('base64url'),
    },
    onSyncError: (err) => syncErrors.push(err),
    // The cluster holds every earlier test's jobs: charge only this run's.
    syncFrom: new Date(Date.now() - 60_000),
  });
  // The account, its owner bob and its member alice reach sacctmgr through the ledger.
  const { ledger } = site.services;
  await ledger.as({ user: 'root', roles: ['platform-admin'] }).createAccount({
    name: ACCOUNT,
    type: 'external',
    owner: 'bob',
  });
  await ledger
    .as({ user: 'fin', roles: ['finance'] })
    .recordPayment(ACCOUNT, { amount: '1000', type: 'bank transfer' });
  await ledger.as({ user: 'bob' }).addMember(ACCOUNT, { user: 'alice' });
  // A member's used amount counts under a limit: 5,000 now, lowered to what she used later.
  await ledger.as({ user: 'bob' }).setSpendingLimit(ACCOUNT, 'alice', { amount: '5000' });
  await site.services.files('alice').mkdir(DIR);
  // addMember returned once alice's association exists, and the reconciler never undoes a
  // membership change in flight. The account's own association waits for the reconciler: blocked
  // at its zero balance when created, unblocked once it sees the payment (the ledger's event).
  await vi.waitFor(
    async () =>
      expect(await associations(ACCOUNT)).toEqual([
        { user: '', blocked: false },
        { user: 'alice', blocked: false },
        { user: 'bob', blocked: false },
      ]),
    { timeout: 60_000, interval: 500 },
  );
  portal = await listenPortal(site.services);
  url = portal.url;
  browser = await launchChromium();
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  if (site) {
    const files = site.services.files('alice');
    await files.delete(DIR, { recursive: true }).catch(() => undefined);
    for (const out of outputs) await files.delete(out).catch(() => undefined);
    await site.close();
  }
  // The account and every association in it go; alice and bob keep electroplating and ai4ec.
  execFileSync('sacctmgr', ['-i', 'delete', 'account', `name=${ACCOUNT}`], { stdio: 'pipe' });
  await dropSchema();
  expect(syncErrors).toEqual([]);
  process.stdout.write(`portal cluster e2e: ${Math.round((performance.now() - started) / 1000)} s\n`);
}, 120_000);

describe('the portal on the Slurm test cluster and PostgreSQL, in Chromium', { timeout: 240_000 }, () => {
  it('as alice: a GPU job from the form ends, its output on its page, its cost in the history', async () => {
    await signIn(page, url, 'alice');
    const balances = await page.locator('#balances tbody tr').allInnerTexts();
    expect(balances.map((r) => r.split('\t')[0])).toEqual([ACCOUNT]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await policyInChinese(page, url, o);
    await page.click('#lang');
    await page.goto(`${url}/jobs/new`);
    const { jobId, quoted } = await submitFromForm(page, {
      ...o,
      account: ACCOUNT,
      fields: {
        name: 'e2e-cluster',
        partition: 'gpu',
        coresPerNode: '8',
        gpusPerNode: '8',
        'memory.perNode': '1G',
        timeLimit: '5m',
        command: 'echo hello-from-the-portal; sleep 3',
      },
    });
    // Its output file is in her home (sbatch's working directory over her own SSH login).
    await expect
      .poll(() => page.locator('#stdout').textContent(), { timeout: 30_000 })
      .toBe('hello-from-the-portal\n');
    outputs.push((await page.locator('#stdout-path').textContent())!);
    await costInHistory(page, url, jobId, quoted, o);
    await signOut(page);
  });

  it('as alice: a script uploaded into a directory of hers runs there; its output, download, rename, delete', async () => {
    await signIn(page, url, 'alice');
    await scriptFileRoundTrip(page, url, { ...o, account: ACCOUNT, sleep: '2', dir: DIR });
    // Both jobs priced (the script's seconds on one core may round to free) before the admin
    // reads what alice used.
    await expect.poll(pricedJobs, { timeout: 90_000, interval: 1000 }).toBe(2);
    await signOut(page);
  });

  it('as alice: a login shell over SSH in the browser runs a command and follows the window', async () => {
    await signIn(page, url, 'alice');
    await shellSteps(page, url, ARTIFACTS);
    await signOut(page);
  });

  it("as alice: a Jupyter session from its form, on the cluster's Jupyter, opened through the proxy, cancelled", async () => {
    await signIn(page, url, 'alice');
    await appSessionSteps(page, url, {
      appId: 'jupyter-notebook', // the test cluster has Debian's Notebook, not JupyterLab
      form: { account: ACCOUNT, partition: 'cpu', cores: '1', hours: '1' },
      serverPage: '#notebook_list',
      readyTimeoutMs: 120_000,
      shot: (name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }),
    });
    await signOut(page);
    // Its job charged too, before the admin reads what alice used.
    await expect.poll(pricedJobs, { timeout: 90_000, interval: 1000 }).toBe(3);
  });

  it('as bob, the owner: a limit at what alice used blocks her in Slurm; the charges export; the limit lifted', async () => {
    await signIn(page, url, 'bob');
    await limitBlocksMember(page, { ...o, account: ACCOUNT, member: 'alice', chargedUsers: ['alice'] });
    await expect
      .poll(aliceInSlurm, { timeout: 30_000, interval: 500 })
      .toEqual([{ user: 'alice', blocked: true }]);
    await signOut(page);
    await memberSeesBlock(page, url, 'alice', ACCOUNT, o);
    await signOut(page);

    await site.services.ledger.as({ user: 'bob' }).cancelSpendingLimit(ACCOUNT, 'alice');
    await expect
      .poll(aliceInSlurm, { timeout: 30_000, interval: 500 })
      .toEqual([{ user: 'alice', blocked: false }]);
  });
});
