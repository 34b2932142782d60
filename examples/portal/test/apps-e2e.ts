import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Options of {@link appSessionSteps}: which app, its form, and what its server's page shows. */
export interface AppSessionStepsOptions {
  /** The app to launch. @default 'jupyter-lab' */
  appId?: string;
  /** Form fields to set, by name (a select is chosen, an input filled); the rest keep their values. */
  form?: Record<string, string>;
  /** A selector the server's own page shows once loaded through the proxy. */
  serverPage: string;
  /** How long the session may take to be ready (scheduler and server start). @default 15000 */
  readyTimeoutMs?: number;
  /** Saves a screenshot (`app-session`, `app-proxied`, then `apps` listing the session). */
  shot?: (name: string) => Promise<unknown>;
}

/** Reloads until `selector` is on the page. */
async function reloadUntil(page: Page, selector: string, timeout: number) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator(selector).count();
      },
      { timeout, interval: 250 },
    )
    .toBeGreaterThan(0);
}

/**
 * The interactive-apps steps of the portal as a signed-in user, for the mock run and the cluster
 * run alike: launch the app from its form, wait until the session page offers to connect, open the
 * server's page through the proxy, find the session in the list, cancel it.
 *
 * @returns the session's id
 */
export async function appSessionSteps(page: Page, baseUrl: string, options: AppSessionStepsOptions) {
  const appId = options.appId ?? 'jupyter-lab';
  const readyTimeout = options.readyTimeoutMs ?? 15_000;
  await page.goto(`${baseUrl}/apps`);
  await page.click(`[data-launch="${appId}"]`);
  await page.waitForURL(new RegExp(`/apps/new/${appId}$`));
  for (const [name, value] of Object.entries(options.form ?? {})) {
    const field = page.locator(`#app-form [name="${name}"]`);
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.click('#launch');
  await page.waitForURL(/\/apps\/[0-9a-f]{16}$/);
  const id = page.url().split('/').pop()!;

  await reloadUntil(page, '#connect', readyTimeout);
  await expect(page.locator('#session-state').textContent()).resolves.toMatch(/running/);
  await options.shot?.('app-session');
  const href = await page.locator('#connect').getAttribute('href');
  expect(href).toMatch(new RegExp(`^/apps/${id}/proxy/`));
  expect(href).not.toContain('token');

  // The server's own page, through the portal: its links stay under the session's proxy path.
  await page.click('#connect');
  await page.waitForSelector(options.serverPage, { timeout: readyTimeout });
  expect(new URL(page.url()).pathname.startsWith(`/apps/${id}/proxy/`)).toBe(true);
  await options.shot?.('app-proxied');

  await page.goto(`${baseUrl}/apps`);
  await expect(
    page.locator('#sessions tbody tr', { hasText: id }).locator('td').nth(2).textContent(),
  ).resolves.toMatch(/running/);
  await options.shot?.('apps');
  await page.click(`[data-session="${id}"]`);
  await page.click('#cancel-session');
  await reloadUntil(page, '#session-ended', readyTimeout);
  await expect(page.locator('#session-state').textContent()).resolves.toMatch(/cancelled/);
  return id;
}
