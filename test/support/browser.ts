/**
 * The browser tests' one way to run the app in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): the app served on 127.0.0.1, a fresh profile, and sign-in through the local
 * sign-in page. As root the background-networking flags keep Chromium off this machine's closed network.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { serveLocally } from '../../scripts/lib/serve-locally.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = 'test-output/e2e';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserRun {
  /** Where the app answers, e.g. http://127.0.0.1:41234. */
  readonly base: string;
  readonly browser: BrowserContext;
  close(): Promise<void>;
}

/** Serves `fetch` on a free loopback port and opens Chromium with a new, empty profile. */
export async function openBrowser(fetch: (request: Request) => Response | Promise<Response>, viewport = { width: 1366, height: 900 }): Promise<BrowserRun> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { server, base } = await serveLocally(fetch);
  const profile = mkdtempSync(join(tmpdir(), 'tracker-e2e-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in as `name` through the local sign-in page: opens `path` signed out, which must send the
 * browser to sign in, picks the person, and waits until the sign-in pages are left.
 */
export async function signInAs(page: Page, base: string, name: string, path: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${base}${path}`);
  expect(new URL(page.url()).pathname).toBe('/auth/sign-in');
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  await page.waitForURL((url) => !['/auth/sign-in', '/dev/sign-in'].includes(url.pathname));
}

/**
 * Screenshots of the page at a desktop (1366 px) and a phone (390 px) width, each first checked
 * not to scroll sideways: `${SCREENSHOTS}/${name}-1366.png` and `-390.png`. Leaves it at 1366 px.
 */
export async function screenshotsAt(page: Page, name: string): Promise<void> {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} at ${width} px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}
