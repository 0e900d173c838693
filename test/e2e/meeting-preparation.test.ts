/**
 * M6 (Điều 11.1.a) in headless Chromium: the chief of office opens the preparation page of the
 * briefing of week 49, records the minutes through the form, and the meeting page shows the
 * preparation. Screenshots at 1366 and 390 px, Vietnamese and English (test-output/e2e).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, signInAs, type BrowserRun } from '../support/browser.js';
import { person } from '../support/people.js';

const NOW = '2026-12-07T17:30:00+07:00';
const W49 = 'mprep.m1-weekly-briefing.2026-W49';
const director = person('director');
const chief = person('chief-of-office');
const itHead = person('head', 'it');
let t: TestApp;
let run: BrowserRun;
let meetingId: string;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(NOW) });
  const put = await t.as(chief.id, `/v1/meetings/preparations/${W49}/programme`, {
    method: 'PUT',
    clock: '2026-12-03T16:45:00+07:00',
    body: JSON.stringify({ meetingOn: '2026-12-04', startTime: '08:00', endTime: '11:00', location: 'Phòng họp tầng 2', participantIds: [director.id, itHead.id], documents: [{ url: 'https://vpdt.sonla.gov.vn/tai-lieu/1', title: 'Báo cáo tuần 49' }] }),
  });
  expect(put.status).toBe(200);
  const rec = await t.as(director.id, '/v1/meetings', {
    method: 'POST',
    clock: '2026-12-04T11:30:00+07:00',
    body: JSON.stringify({ kind: 'weekly-briefing', heldOn: '2026-12-04', chairId: director.id, participantIds: [itHead.id] }),
  });
  expect(rec.status).toBe(201);
  meetingId = ((await rec.json()) as { id: string }).id;
  run = await openBrowser(t.app.fetch, { width: 1366, height: 900 });
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.dispose();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

describe('M6 (Điều 11.1.a): the Office prepares the briefing in the browser', () => {
  it('M6 (Điều 11.1.a): the chief of office records the minutes through the form; the programme shows late, the minutes late, on both pages, in Vietnamese and English', async () => {
    const page = await run.browser.newPage();
    await signInAs(page, run.base, chief.name, `/meetings/preparations/${W49}`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Họp giao ban hàng tuần — Tuần 49/2026');
    expect(await page.locator('body').textContent()).toContain('03/12/2026 16:45 — ');
    await page.locator('textarea[name="text"]').fill('Biên bản họp giao ban tuần 49: các phòng báo cáo tiến độ.');
    await page.getByRole('button', { name: 'Ghi biên bản' }).click();
    await page.waitForURL((u) => u.searchParams.get('ok') === 'meeting.minutes');
    expect(await page.locator('[role="status"]').textContent()).toContain('Đã ghi biên bản.');
    await shot(page, 'meeting-preparation-1366-vi');
    await page.goto(`${run.base}/meetings/preparations/${W49}?lang=en`);
    expect(await page.locator('h1').textContent()).toContain('Weekly briefing — Week 49, 2026');
    await shot(page, 'meeting-preparation-1366-en');
    await page.goto(`${run.base}/meetings/${meetingId}`);
    const section = page.locator('section[aria-labelledby="h-preparation"]');
    expect(await section.textContent()).toContain('Phòng họp tầng 2');
    expect(await section.textContent()).toContain('chậm');
    await shot(page, 'meeting-page-prep-1366-vi');
    await page.goto(`${run.base}/meetings/${meetingId}?lang=en`);
    await shot(page, 'meeting-page-prep-1366-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${run.base}/meetings/preparations/${W49}`);
    await shot(page, 'meeting-preparation-390-vi');
    await page.goto(`${run.base}/meetings/preparations/${W49}?lang=en`);
    await shot(page, 'meeting-preparation-390-en');
    await page.goto(`${run.base}/meetings/${meetingId}`);
    await shot(page, 'meeting-page-prep-390-vi');
    await page.goto(`${run.base}/meetings/${meetingId}?lang=en`);
    await shot(page, 'meeting-page-prep-390-en');
    await page.close();
  }, 120_000);
});
