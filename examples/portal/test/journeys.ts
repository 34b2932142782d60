/**
 * The portal's journeys in a browser, shared by the end-to-end runs on the mock
 * (portal.e2e.test.ts) and on the Slurm test cluster (portal.cluster.e2e.test.ts): each takes the
 * page, the portal's base URL and what differs between the sites (accounts, users, the job).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChargesCsv, parsePaymentsCsv } from '@hpckit/billing/ledger';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What every journey needs besides the page and the URL: where its screenshots go. */
export interface JourneyOptions {
  /** Directory of the screenshots. */
  artifacts: string;
  /** How long a job may take to end, and its charge to reach the history, in ms. */
  jobTimeoutMs?: number;
}

const shot = (page: Page, o: JourneyOptions, name: string) =>
  page.screenshot({ path: join(o.artifacts, `${name}.png`), fullPage: true });

export async function signIn(page: Page, baseUrl: string, name: string) {
  await page.goto(`${baseUrl}/signin`);
  await page.fill('input[name=name]', name);
  await page.click('#signin');
  await page.waitForURL(/\/dashboard$/);
}

export async function signOut(page: Page) {
  await page.click('nav button[type=submit]');
  await page.waitForURL(/\/signin$/);
}

/** Clicks a download link and returns the file's text. */
async function downloaded(page: Page, link: string) {
  const download = page.waitForEvent('download');
  await page.click(link);
  return readFileSync(await (await download).path(), 'utf8');
}

/** Reloads the job's page until it says the job completed. */
async function jobCompleted(page: Page, o: JourneyOptions) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator('#job-state').textContent();
      },
      { timeout: o.jobTimeoutMs ?? 15_000 },
    )
    .toMatch(/completed/);
}

/** Chinese, then a value the site's policy refuses: its message appears before submitting. */
export async function policyInChinese(page: Page, baseUrl: string, o: JourneyOptions) {
  await page.click('#lang');
  await page.goto(`${baseUrl}/jobs/new`);
  await expect.poll(() => page.locator('#quote-amount').textContent()).toMatch(/CNY/);
  await page.fill('input[name=coresPerNode]', '100');
  await expect.poll(() => page.locator('#quote .problems').textContent()).toMatch(/[\u4e00-\u9fff]/);
  await shot(page, o, 'job-form-policy-zh');
}

/** Options of {@link submitFromForm}: the form's values to change (by field name) and the account. */
export interface SubmitOptions extends JourneyOptions {
  account: string;
  fields: Readonly<Record<string, string>>;
}

/**
 * Fills the job form (on the page it is on), checks the live quote, submits, and watches the job
 * end: its id and the quote.
 */
export async function submitFromForm(page: Page, o: SubmitOptions) {
  for (const [name, value] of Object.entries(o.fields)) {
    const field = page.locator(`[name="${name}"]`);
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.selectOption('select[name=account]', o.account);
  // The quote of the form as filled, not of an earlier state of it.
  await page.waitForSelector('#quote[aria-busy=false]');
  await expect.poll(() => page.locator('#quote .problems').count()).toBe(0);
  await expect.poll(() => page.locator('#quote-amount').count()).toBe(1);
  const quoted = await page.locator('#quote-amount').textContent();
  expect(quoted).toMatch(/^\d+\.\d{2} CNY$/);
  await shot(page, o, 'job-form-quote');
  // The job's page, or the form again (at /jobs) with the scheduler's refusal: then say what it was.
  await Promise.all([page.waitForURL((url) => url.pathname !== '/jobs/new'), page.click('#submit')]);
  if (!/\/jobs\/[^/]+$/.test(page.url()))
    throw new Error(`not submitted: ${await page.locator('main').textContent()}`);
  const jobId = decodeURIComponent(page.url().split('/').pop()!);
  await jobCompleted(page, o);
  await shot(page, o, 'job-ended');
  return { jobId, quoted: quoted! };
}

/** The job's cost in the history, once the sync charged it: above zero, never above the quote. */
export async function costInHistory(
  page: Page,
  baseUrl: string,
  jobId: string,
  quoted: string,
  o: JourneyOptions,
) {
  await expect
    .poll(
      async () => {
        await page.goto(`${baseUrl}/history`);
        return page.locator('#history tbody tr', { hasText: jobId }).textContent();
      },
      { timeout: o.jobTimeoutMs ?? 10_000 },
    )
    .toMatch(/\d+\.\d{2} CNY/);
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText keeps the cells apart.
  const row = await page.locator('#history tbody tr', { hasText: jobId }).innerText();
  const cost = Number(/(\d+\.\d{2}) CNY/.exec(row)![1]);
  expect(cost).toBeGreaterThan(0);
  expect(cost).toBeLessThanOrEqual(Number.parseFloat(quoted));
  await expect(page.locator('#totals').textContent()).resolves.toMatch(/\d+\.\d{2} CNY/);
  await shot(page, o, 'history');
  return cost;
}

/** An unfinished job of the user, by name: a shorter time limit, then cancelled. */
export async function changeLimitAndCancel(page: Page, baseUrl: string, jobName: string, o: JourneyOptions) {
  await page.goto(`${baseUrl}/jobs`);
  await shot(page, o, 'jobs');
  await page.locator('#jobs tbody tr', { hasText: jobName }).locator('a').click();
  await page.fill('input[name=timeLimit]', '30h');
  await page.click('#change-limit');
  await expect.poll(() => page.locator('#job-limit').textContent()).toBe('1d 6h');
  await shot(page, o, 'job');
  await page.click('#cancel');
  await expect.poll(() => page.locator('#job-state').textContent()).toMatch(/cancelled/);
}

/** Options of {@link scriptFileRoundTrip}. */
export interface ScriptOptions extends JourneyOptions {
  /** The account of the script's `#SBATCH --account`. */
  account: string;
  /** How long the script sleeps (`sleep`'s argument). */
  sleep: string;
  /** The directory of the home the files go to (it exists). @default '.' */
  dir?: string;
}

/**
 * Upload a script, preview it, submit it, read its output on the job page, find the output file
 * in the job's directory; download, rename and delete the script. Signed in already.
 */
export async function scriptFileRoundTrip(page: Page, baseUrl: string, o: ScriptOptions) {
  const dir = o.dir ?? '.';
  await page.goto(`${baseUrl}/files?path=${encodeURIComponent(dir)}`);
  const script = `#!/bin/bash\n#SBATCH --time=10\n#SBATCH --account=${o.account}\nsleep ${o.sleep}\necho relaxed 42\n`;
  await page.setInputFiles('#upload-file', {
    name: 'relax.sh',
    mimeType: 'text/x-shellscript',
    buffer: Buffer.from(script),
  });
  await page.click('#upload');
  await page.waitForURL(/\/files\?path=/);
  await page.locator('#files a', { hasText: 'relax.sh' }).click();
  await expect.poll(() => page.locator('#preview').textContent()).toBe(script);
  await shot(page, o, 'file-preview');

  // No account chosen: the script's own #SBATCH --account applies.
  await page.click('#submit-script');
  await page.waitForURL(/\/jobs\/[^/]+$/);
  await jobCompleted(page, o);
  await expect.poll(() => page.locator('#stdout').textContent()).toBe('relaxed 42\n');
  await expect(page.locator('#job').textContent()).resolves.toContain(o.account);
  const outFile = (await page.locator('#stdout-path').textContent())!.split('/').pop()!;
  await shot(page, o, 'job-output');

  // The job's directory is the script's: the script and its output file are listed there.
  await page.click('#job-dir');
  await expect.poll(() => page.locator('#files a', { hasText: outFile }).count()).toBe(1);
  await shot(page, o, 'files');
  await page.locator('#files a', { hasText: 'relax.sh' }).click();
  expect(await downloaded(page, '#download')).toBe(script);

  await page.fill('input[name=to]', 'relax-v2.sh');
  await page.click('#rename');
  await page.waitForURL(/relax-v2\.sh$/);
  await page.click('#delete');
  await page.waitForURL(/\/files\?path=/);
  const names = await page.locator('#files tbody tr td:first-child').allTextContents();
  expect(names.some((n) => n.startsWith('relax'))).toBe(false);
  expect(names).toContain(outFile);
  return { outFile };
}

/** Options of {@link limitBlocksMember}. */
export interface AdminOptions extends JourneyOptions {
  account: string;
  /** The member whose limit is set at what they used. */
  member: string;
  /** Who the account's charges are of. */
  chargedUsers: readonly string[];
}

/**
 * As an account admin (signed in): a member's limit set at what they used blocks them; the
 * charges and payments exported as CSV match the page.
 */
export async function limitBlocksMember(page: Page, o: AdminOptions) {
  await page.click(`a[href="/accounts/${o.account}"]`);
  const used = await page
    .locator('#members tbody tr', { hasText: o.member })
    .locator('td')
    .nth(3)
    .textContent();
  expect(Number(used)).toBeGreaterThan(0);
  await expect(page.locator(`[data-state=${o.member}]`).textContent()).resolves.not.toMatch(/blocked/);

  // A limit at what the member has used already: they have reached it.
  await page.fill(`input[aria-label="Limit ${o.member}"]`, used ?? '');
  await page.click(`button[data-set-limit=${o.member}]`);
  await page.waitForURL(new RegExp(`/accounts/${o.account}$`));
  await expect(page.locator(`[data-state=${o.member}]`).textContent()).resolves.toMatch(
    /blocked \(limit_reached\)/,
  );
  await shot(page, o, 'account-admin');

  const charges = parseChargesCsv(await downloaded(page, '#export'));
  expect(charges).toHaveLength(await page.locator('#charges tbody tr').count());
  expect(new Set(charges.map((r) => r.user))).toEqual(new Set(o.chargedUsers));
  expect(charges.every((r) => r.account === o.account && r.kind === 'job')).toBe(true);
  const payments = parsePaymentsCsv(await downloaded(page, '#export-payments'));
  expect(payments).toHaveLength(await page.locator('#payments tbody tr').count());
  return { payments };
}

/** The member sees the block on their dashboard. */
export async function memberSeesBlock(
  page: Page,
  baseUrl: string,
  member: string,
  account: string,
  o: JourneyOptions,
) {
  await signIn(page, baseUrl, member);
  await expect(page.locator('#balances tbody tr', { hasText: account }).textContent()).resolves.toMatch(
    /blocked/,
  );
  await shot(page, o, 'dashboard-blocked');
}
