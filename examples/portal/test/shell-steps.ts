import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The terminal's text as xterm.js renders it (its DOM rows), non-breaking spaces as spaces. */
const screenOf = async (page: Page) =>
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's rows on their own lines.
  (await page.locator('#terminal .xterm-rows').innerText()).replaceAll('\u00a0', ' ');

/**
 * The shell screen in a browser, for a signed-in user, on any site (the mock's shell of built-in
 * commands or a login shell over SSH): opens `/shell`, types a command and sees its output, makes
 * the window narrower and sees the terminal's columns follow (and the shell agree, `stty size`),
 * saves `shell.png` to `artifacts`, then exits and sees the screen say so. Returns its duration.
 */
export async function shellSteps(page: Page, baseUrl: string, artifacts?: string): Promise<number> {
  const started = performance.now();
  const viewport = page.viewportSize();
  await page.goto(`${baseUrl}/shell`);
  await expect.poll(() => page.locator('#shell-status').getAttribute('data-state')).toBe('open');
  // The prompt is up once the terminal shows anything.
  await expect.poll(async () => (await screenOf(page)).trim().length).toBeGreaterThan(0);
  await page.locator('#terminal').click();
  // Both shells print "hpckit shell"; the typed line shows it quoted differently.
  await page.keyboard.type("echo 'hpckit'' shell'");
  await page.keyboard.press('Enter');
  await expect.poll(() => screenOf(page)).toMatch(/^hpckit shell\s*$/m);
  // Readable, not only in the DOM: xterm.js's own styles applied (a CSP blocking them leaves
  // black text on the black box).
  const [text, box] = await page.locator('#terminal .xterm-rows').evaluate((rows) => {
    const style = (el: typeof rows) => rows.ownerDocument.defaultView!.getComputedStyle(el);
    return [style(rows).color, style(rows.closest('#terminal')!).backgroundColor];
  });
  expect(text).not.toBe(box);

  const before = (await page.locator('#terminal').getAttribute('data-size'))!;
  await page.setViewportSize({ width: 640, height: viewport?.height ?? 720 });
  await expect.poll(() => page.locator('#terminal').getAttribute('data-size')).not.toBe(before);
  const [rows, cols] = (await page.locator('#terminal').getAttribute('data-size'))!.split('x').map(Number);
  expect(cols).toBeLessThan(Number(before.split('x')[1]));
  await page.keyboard.type('stty size');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenOf(page)).toMatch(new RegExp(`^${rows} ${cols}\\s*$`, 'm'));
  if (artifacts) await page.screenshot({ path: join(artifacts, 'shell.png'), fullPage: true });

  await page.keyboard.type('exit');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#shell-status').getAttribute('data-state')).toBe('exited');
  await expect(page.locator('#shell-again').isVisible()).resolves.toBe(true);
  if (viewport) await page.setViewportSize(viewport);
  return performance.now() - started;
}
