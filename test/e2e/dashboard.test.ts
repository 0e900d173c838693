/**
 * The dashboard in headless Chromium (Debian's `chromium`, driven by playwright-core) against the
 * real app served on 127.0.0.1 over DynamoDB Local, after the scripted month. Each test saves a
 * screenshot under test-output/e2e/. Without Chromium these tests fail: `.ci/run` installs it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, signInAs as signInThrough, type BrowserRun } from '../support/browser.js';
import { cast, MONTH_NOW, scriptMonth } from '../support/dashboard-month.js';
import { sonLa } from '../support/people.js';


let t: TestApp;
let run: BrowserRun;
let base: string;
let browser: BrowserContext;

beforeAll(async () => {
  // The pages' business time is the end of the scripted month.
  t = await createTestApp({ clock: () => new Date(MONTH_NOW) });
  await scriptMonth(t);
  run = await openBrowser(t.app.fetch, { width: 1280, height: 900 });
  ({ base, browser } = run);
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.dispose();
});

const signInAs = (page: Page, name: string, path = '/dashboard') => signInThrough(page, base, name, path);

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

describe('the dashboard in a browser', () => {
  it('the director signs in and sees all seven units', async () => {
    const page = await browser.newPage();
    await signInAs(page, cast.director.name);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Theo dõi trách nhiệm thực hiện quy chế');
    const rows = page.locator('table.figures tbody tr th[scope="row"]');
    expect(await rows.allTextContents()).toEqual(sonLa.units.map((u) => u.name.vi));
    expect(await page.locator('svg.chart.bars text.bar-label').count()).toBe(7);
    await shot(page, 'director-overview');
    await page.close();
  });

  it('a head signs in and sees only their unit', async () => {
    const page = await browser.newPage();
    await signInAs(page, cast.itHead.name);
    expect(new URL(page.url()).pathname).toBe('/dashboard/units/it');
    expect(await page.locator('h1').textContent()).toBe('Phòng Công nghệ thông tin');
    const people = await page.locator('table.figures tbody tr th[scope="row"] a').allTextContents();
    expect(people).toEqual(sonLa.staff.filter((s) => s.unitId === 'it').map((s) => s.name));
    const unitLinks = await page.locator('a[href^="/dashboard/units/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split('?')[0]));
    expect(new Set(unitLinks)).toEqual(new Set(['/dashboard/units/it']));
    const response = await page.goto(`${base}/dashboard/units/press`);
    expect(response?.status()).toBe(404);
    await page.goBack();
    await shot(page, 'head-unit');
    await page.close();
  });

  it('a click on a figure lands on its records, and on to one assignment’s history', async () => {
    const page = await browser.newPage();
    await signInAs(page, cast.director.name);
    await page.locator('a.figure[href*="figure=assignments.overdue&unitId=press"]').click();
    await page.waitForURL(/\/dashboard\/records\?/);
    expect(await page.locator('h1').textContent()).toBe('Nhiệm vụ: Quá hạn — Phòng Thông tin – Báo chí – Xuất bản');
    const titles = await page.locator('table.records tbody th a').allTextContents();
    expect(titles).toEqual(['Tổng hợp báo chí tuần']);
    await shot(page, 'figure-records');
    await page.getByRole('link', { name: 'Tổng hợp báo chí tuần' }).click();
    await page.waitForURL(/\/dashboard\/assignments\//);
    expect(await page.locator('table.history tbody th').allTextContents()).toEqual(['Giao nhiệm vụ']);
    await shot(page, 'assignment-history');
    await page.close();
  });

  it('switches to English and back, keeping the page', async () => {
    const page = await browser.newPage();
    await signInAs(page, cast.director.name, '/dashboard/findings?period=2026-11');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Findings');
    expect(await page.locator('table.records tbody td').filter({ hasText: 'Điều 9.2.4' }).count()).toBeGreaterThan(0);
    await shot(page, 'findings-english');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.waitForURL((url) => !url.search.includes('lang=en'));
    expect(await page.locator('h1').textContent()).toBe('Kết quả kiểm tra quy chế');
    await page.close();
  });

  it('works at phone width and with the keyboard', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, cast.itSpecialist.name);
    expect(new URL(page.url()).pathname).toBe(`/dashboard/people/${cast.itSpecialist.id}`);
    // Nothing wider than the screen: wide tables scroll inside their own region.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    // The period picker: choose last month by keyboard and submit.
    await page.locator('#period').focus();
    await page.locator('#period').selectOption('2026-10');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/period=2026-10/);
    expect(await page.locator('.subtitle').textContent()).toMatch(/^Tháng 10\/2026/);
    await shot(page, 'specialist-phone');
    // In English too: the period picker's longest option does not widen the page.
    await page.goto(`${page.url()}&lang=en`);
    expect(await page.locator('.subtitle').textContent()).toMatch(/^October 2026/);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'English at 390 px').toBeLessThanOrEqual(390);
    await page.close();
  });
});
