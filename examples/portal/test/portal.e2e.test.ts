import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseChargesCsv, parsePaymentsCsv } from '@hpckit/billing/ledger';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSessionSteps } from './apps-e2e.js';
import { startPortal } from './start-portal.js';

// Debian's Chromium, installed by scripts/portal/up.sh (which scripts/test.sh runs).
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, 'artifacts');

let portal: Awaited<ReturnType<typeof startPortal>>;
let context: BrowserContext;
let page: Page;
let profile: string;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

async function signIn(name: string) {
  await page.goto(`${portal.url}/signin`);
  await page.fill('input[name=name]', name);
  await page.click('#signin');
  await page.waitForURL(/\/dashboard$/);
}

/** Clicks a download link and returns the file's text. */
async function downloaded(link: string) {
  const download = page.waitForEvent('download');
  await page.click(link);
  return readFileSync(await (await download).path(), 'utf8');
}

/** Reloads the job's page until it says the job completed. */
async function jobCompleted() {
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator('#job-state').textContent();
      },
      { timeout: 15_000 },
    )
    .toMatch(/completed/);
}

async function signOut() {
  await page.click('nav button[type=submit]');
  await page.waitForURL(/\/signin$/);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run scripts/portal/up.sh (as root) to install Debian's Chromium`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  portal = await startPortal({ syncEveryMs: 300 });
  profile = mkdtempSync(join(tmpdir(), 'hpckit-portal-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
}, 60_000);

afterAll(async () => {
  await context?.close();
  await portal?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  expect(portal?.syncErrors ?? []).toEqual([]);
});

describe('the portal in Chromium', () => {
  it('as a user: dashboard, job form with a live quote, submit, watch it end, its cost in the history', async () => {
    await signIn('alice');
    const balances = await page.locator('#balances tbody tr').allInnerTexts();
    expect(balances.map((r) => r.split('\t')[0]).sort()).toEqual(['alice-lab', 'catalysis']);
    await expect.poll(() => page.locator('#unfinished tbody tr').count()).toBe(1);
    await shot('dashboard');

    // Chinese, then a value the site's policy refuses: its message appears before submitting.
    await page.click('#lang');
    await page.goto(`${portal.url}/jobs/new`);
    await expect.poll(() => page.locator('#quote-amount').textContent()).toMatch(/CNY/);
    await page.fill('input[name=coresPerNode]', '100');
    await expect.poll(() => page.locator('#quote .problems').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await shot('job-form-policy-zh');

    await page.fill('input[name=coresPerNode]', '4');
    await page.fill('input[name=name]', 'e2e-relax');
    await page.selectOption('select[name=account]', 'alice-lab');
    await expect.poll(() => page.locator('#quote .problems').count()).toBe(0);
    await expect.poll(() => page.locator('#quote-amount').count()).toBe(1);
    const quoted = await page.locator('#quote-amount').textContent();
    expect(quoted).toMatch(/^\d+\.\d{2} CNY$/);
    await shot('job-form-quote');
    await page.click('#submit');
    await page.waitForURL(/\/jobs\/[^/]+$/);
    const jobId = decodeURIComponent(page.url().split('/').pop()!);

    // The mock's clock runs ten virtual minutes a second: the 10-minute job ends within seconds.
    await jobCompleted();
    await shot('job-ended');

    await expect
      .poll(
        async () => {
          await page.goto(`${portal.url}/history`);
          return page.locator('#history tbody tr', { hasText: jobId }).textContent();
        },
        { timeout: 10_000 },
      )
      .toMatch(/\d+\.\d{2} CNY/);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText keeps the cells apart.
    const row = await page.locator('#history tbody tr', { hasText: jobId }).innerText();
    const cost = Number(/(\d+\.\d{2}) CNY/.exec(row)![1]);
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeLessThanOrEqual(Number.parseFloat(quoted!));
    await expect(page.locator('#totals').textContent()).resolves.toMatch(/\d+\.\d{2} CNY/);
    await shot('history');

    // Her unfinished job: a shorter time limit, then cancelled.
    await page.goto(`${portal.url}/jobs`);
    await shot('jobs');
    await page.locator('#jobs tbody tr', { hasText: 'seed-4c-40h' }).locator('a').click();
    await page.fill('input[name=timeLimit]', '30h');
    await page.click('#change-limit');
    await expect.poll(() => page.locator('#job-limit').textContent()).toBe('1d 6h');
    await shot('job');
    await page.click('#cancel');
    await expect.poll(() => page.locator('#job-state').textContent()).toMatch(/cancelled/);
    await page.click('#lang');
    await signOut();
  });

  it('as a user: upload a script, preview it, submit it, read its output; rename, download, delete', async () => {
    const started = performance.now();
    await signIn('alice');
    await page.click('nav a[href="/files"]');
    const script = '#!/bin/bash\n#SBATCH --time=10\n#SBATCH --account=alice-lab\nsleep 5m\necho relaxed 42\n';
    await page.setInputFiles('#upload-file', {
      name: 'relax.sh',
      mimeType: 'text/x-shellscript',
      buffer: Buffer.from(script),
    });
    await page.click('#upload');
    await page.waitForURL(/\/files\?path=\.$/);
    await page.locator('#files a', { hasText: 'relax.sh' }).click();
    await expect.poll(() => page.locator('#preview').textContent()).toBe(script);
    await shot('file-preview');

    // No account chosen: the script's own #SBATCH --account applies.
    await page.click('#submit-script');
    await page.waitForURL(/\/jobs\/[^/]+$/);
    await jobCompleted();
    await expect(page.locator('#stdout').textContent()).resolves.toBe('relaxed 42\n');
    await expect(page.locator('#job').textContent()).resolves.toContain('alice-lab');
    const outFile = (await page.locator('#stdout-path').textContent())!.split('/').pop()!;
    await shot('job-output');

    // The job's directory is her home: the script and its output file are listed there.
    await page.click('#job-dir');
    await expect.poll(() => page.locator('#files a', { hasText: outFile }).count()).toBe(1);
    await shot('files');
    await page.locator('#files a', { hasText: 'relax.sh' }).click();
    expect(await downloaded('#download')).toBe(script);

    await page.fill('input[name=to]', 'relax-v2.sh');
    await page.click('#rename');
    await page.waitForURL(/relax-v2\.sh$/);
    await page.click('#delete');
    await page.waitForURL(/\/files\?path=\.$/);
    const names = await page.locator('#files tbody tr td:first-child').allTextContents();
    expect(names.some((n) => n.startsWith('relax'))).toBe(false);
    expect(names).toContain(outFile);
    await signOut();
    process.stdout.write(`portal e2e: files and output took ${Math.round(performance.now() - started)} ms\n`);
  });

  it('as a user: launch JupyterLab from its form, wait, open it through the proxy, list it, cancel it', async () => {
    const started = performance.now();
    await signIn('alice');
    await appSessionSteps(page, portal.url, {
      appId: 'jupyter-lab',
      form: { account: 'alice-lab', cores: '4', hours: '2' },
      serverPage: '#simulated-app',
      shot,
    });
    await signOut();
    process.stdout.write(`portal e2e: apps took ${Math.round(performance.now() - started)} ms\n`);
  });

  it('as an account admin: set a limit, see the member blocked, export the charges', async () => {
    await signIn('dave');
    await page.click('a[href="/accounts/catalysis"]');
    const carolUsed = await page
      .locator('#members tbody tr', { hasText: 'carol' })
      .locator('td')
      .nth(3)
      .textContent();
    expect(Number(carolUsed)).toBeGreaterThan(0);
    await expect(page.locator('[data-state=carol]').textContent()).resolves.not.toMatch(/blocked/);

    // A limit at what carol has used already: she has reached it.
    await page.fill('input[aria-label="Limit carol"]', carolUsed ?? '');
    await page.click('button[data-set-limit=carol]');
    await page.waitForURL(/\/accounts\/catalysis$/);
    await expect(page.locator('[data-state=carol]').textContent()).resolves.toMatch(
      /blocked \(limit_reached\)/,
    );
    await shot('account-admin');

    const charges = parseChargesCsv(await downloaded('#export'));
    expect(charges).toHaveLength(await page.locator('#charges tbody tr').count());
    expect(new Set(charges.map((r) => r.user))).toEqual(new Set(['alice', 'carol']));
    expect(charges.every((r) => r.account === 'catalysis' && r.kind === 'job')).toBe(true);
    const payments = parsePaymentsCsv(await downloaded('#export-payments'));
    expect(payments).toHaveLength(await page.locator('#payments tbody tr').count());
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
    await signOut();

    // carol sees it too, on her dashboard.
    await signIn('carol');
    await expect(page.locator('#balances tbody tr', { hasText: 'catalysis' }).textContent()).resolves.toMatch(
      /blocked/,
    );
    await shot('dashboard-blocked');
  });
});
