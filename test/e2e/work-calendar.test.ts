/**
 * The weekly work calendar in headless Chromium: a specialist reaches it from the site navigation,
 * goes back a week to the briefing, reads it in Vietnamese and English at 1366 and 390 px
 * (test-output/e2e; on a phone as a list), and prints it: on paper the table and the
 * department's name, without the site's frame or the week's links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, screenshotsAt, signInAs, type BrowserRun } from '../support/browser.js';
import { person } from '../support/people.js';

const MONDAY = '2026-12-07T08:30:00+07:00';
const director = person('director');
const itHead = person('head', 'it');
const specialist = person('specialist', 'it');
let t: TestApp;
let run: BrowserRun;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(MONDAY) });
  const briefing = await t.as(director.id, '/v1/meetings', {
    method: 'POST',
    clock: '2026-12-04T11:30:00+07:00',
    body: JSON.stringify({ kind: 'weekly-briefing', heldOn: '2026-12-04', chairId: director.id, participantIds: [itHead.id] }),
  });
  expect(briefing.status).toBe(201);
  run = await openBrowser(t.app.fetch, { width: 1366, height: 900 });
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.dispose();
});

describe('the weekly work calendar in the browser', () => {
  it('is in the site navigation; a week back shows the briefing; no sideways scroll at 390 px, in Vietnamese and English', async () => {
    const page = await run.browser.newPage();
    await signInAs(page, run.base, specialist.name, '/my-work');
    await page.locator('.site-nav').getByRole('link', { name: 'Lịch công tác' }).click();
    await page.waitForURL((u) => u.pathname === '/calendar');
    expect(await page.locator('h1').textContent()).toContain('Lịch công tác tuần — Tuần 50/2026 (07/12–13/12)');
    expect(await page.locator('.site-nav a[aria-current="page"]').textContent()).toBe('Lịch công tác');

    await page.getByRole('link', { name: '← Tuần trước' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Tuần 49/2026 (30/11–06/12)');
    const friday = page.locator('tbody').nth(4);
    expect(await friday.textContent()).toContain('Họp giao ban hàng tuần');
    expect(await friday.textContent()).toContain('04/12/2026');
    // Its status a badge beside the title, not run into it.
    expect(await friday.locator('.badge').textContent()).toBe('đã họp');
    expect(await friday.textContent()).toContain('Họp giao ban hàng tuần đã họp');
    await screenshotsAt(page, 'work-calendar-vi');
    // On a phone the week is a list: each event's cells are lines, who is there labelled.
    await page.setViewportSize({ width: 390, height: 844 });
    const people = friday.locator('td[data-label]').first();
    // Still a table to a screen reader: the cell keeps its role and its column header.
    expect(await page.getByRole('columnheader', { name: 'Chủ trì, thành phần' }).count()).toBe(1);
    expect(await friday.getByRole('cell', { name: `${director.name}, ${itHead.name}` }).count()).toBe(1);
    // Runs in the page (this project's TypeScript has no DOM types).
    type Css = { getComputedStyle(e: unknown, pseudo?: string): { display: string; content: string } };
    const style = (td: unknown) => [(globalThis as unknown as Css).getComputedStyle(td).display, (globalThis as unknown as Css).getComputedStyle(td, '::before').content];
    expect(await people.evaluate(style)).toEqual(['block', '"Chủ trì, thành phần: "']);
    expect(await people.textContent()).toBe(`${director.name}, ${itHead.name}`);
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(await people.evaluate(style)).toEqual(['table-cell', 'none']);

    await page.locator('.site-header').getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Weekly work calendar — Week 49, 2026');
    expect(new URL(page.url()).searchParams.get('week')).toBe('2026-W49');
    expect(await page.locator('tbody').nth(4).textContent()).toContain('Weekly briefing');
    await screenshotsAt(page, 'work-calendar-en');
    await page.close();
  });

  it('prints the table and the department’s name, without the site’s frame or the week’s links', async () => {
    const page = await run.browser.newPage();
    await signInAs(page, run.base, specialist.name, '/calendar?week=2026-W49');
    expect(await page.locator('.site-header').isVisible()).toBe(true);
    expect(await page.locator('.work-calendar .org').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.calendar-nav').isVisible()).toBe(false);
    expect(await page.locator('.work-calendar .org').textContent()).toBe('Sở TT&TT Sơn La');
    expect(await page.locator('.work-calendar .org').isVisible()).toBe(true);
    expect(await page.locator('table.week').isVisible()).toBe(true);
    await page.close();
  });
});
