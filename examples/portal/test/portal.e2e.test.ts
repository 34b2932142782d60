import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSessionSteps } from './apps-e2e.js';
import { shellSteps } from './shell-steps.js';
import { launchChromium } from './chromium.js';
import {
  changeLimitAndCancel,
  costInHistory,
  limitBlocksMember,
  memberSeesBlock,
  policyInChinese,
  scriptFileRoundTrip,
  signIn,
  signOut,
  submitFromForm,
} from './journeys.js';
import { startPortal } from './start-portal.js';

const ARTIFACTS = join(import.meta.dirname, 'artifacts');
const o = { artifacts: ARTIFACTS };

let portal: Awaited<ReturnType<typeof startPortal>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  portal = await startPortal({ syncEveryMs: 300 });
  browser = await launchChromium();
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  expect(portal?.syncErrors ?? []).toEqual([]);
});

describe('the portal in Chromium', () => {
  it('as a user: dashboard, job form with a live quote, submit, watch it end, its cost in the history', async () => {
    await signIn(page, portal.url, 'alice');
    const balances = await page.locator('#balances tbody tr').allInnerTexts();
    expect(balances.map((r) => r.split('\t')[0]).sort()).toEqual(['alice-lab', 'catalysis']);
    await expect.poll(() => page.locator('#unfinished tbody tr').count()).toBe(1);
    await shot('dashboard');

    await policyInChinese(page, portal.url, o);
    // The mock's clock runs ten virtual minutes a second: the 10-minute job ends within seconds.
    const { jobId, quoted } = await submitFromForm(page, {
      ...o,
      account: 'alice-lab',
      fields: { coresPerNode: '4', name: 'e2e-relax' },
    });
    await costInHistory(page, portal.url, jobId, quoted, o);

    // Her unfinished job: a shorter time limit, then cancelled.
    await changeLimitAndCancel(page, portal.url, 'seed-4c-40h', o);
    await page.click('#lang');
    await signOut(page);
  });

  it('as a user: upload a script, preview it, submit it, read its output; rename, download, delete', async () => {
    const started = performance.now();
    await signIn(page, portal.url, 'alice');
    await page.click('nav a[href="/files"]');
    await scriptFileRoundTrip(page, portal.url, { ...o, account: 'alice-lab', sleep: '5m' });
    await signOut(page);
    process.stdout.write(`portal e2e: files and output took ${Math.round(performance.now() - started)} ms\n`);
  });

  it('as a user: open a shell, run a command, resize the window, exit', async () => {
    await signIn(page, portal.url, 'alice');
    const ms = await shellSteps(page, portal.url, ARTIFACTS);
    await signOut(page);
    process.stdout.write(`portal e2e: the shell took ${Math.round(ms)} ms\n`);
  });

  it('as a user: launch JupyterLab from its form, wait, open it through the proxy, list it, cancel it', async () => {
    const started = performance.now();
    await signIn(page, portal.url, 'alice');
    await appSessionSteps(page, portal.url, {
      appId: 'jupyter-lab',
      form: { account: 'alice-lab', cores: '4', hours: '2' },
      serverPage: '#simulated-app',
      shot,
    });
    await signOut(page);
    process.stdout.write(`portal e2e: apps took ${Math.round(performance.now() - started)} ms\n`);
  });

  it('as an account admin: set a limit, see the member blocked, export the charges', async () => {
    await signIn(page, portal.url, 'dave');
    const { payments } = await limitBlocksMember(page, {
      ...o,
      account: 'catalysis',
      member: 'carol',
      chargedUsers: ['alice', 'carol'],
    });
    expect(payments.find((p) => p.kind === 'payment')?.amount).toBe('60000.00');

    // A new member, made an admin: the members table says so.
    await page.fill('input[aria-label=User]', 'erin');
    await page.click('#add-member');
    await page.waitForURL(/\/accounts\/catalysis$/);
    await page.selectOption('select[aria-label="Role erin"]', 'admin');
    await page.click('button[data-set-role=erin]');
    await page.waitForURL(/\/accounts\/catalysis$/);
    await expect(
      page.locator('#members tbody tr', { hasText: 'erin' }).locator('td').nth(1).textContent(),
    ).resolves.toBe('admin');
    await shot('account-admin-members');
    await signOut(page);

    // carol sees it too, on her dashboard.
    await memberSeesBlock(page, portal.url, 'carol', 'catalysis', o);
  });
});
