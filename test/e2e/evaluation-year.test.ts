/**
 * "Tổng kết năm" (issue #23; E1, Điều 24) in headless Chromium over DynamoDB Local: the director
 * sees the unit ratings and the emulation list and downloads the PDF; the chief of office sees the
 * emulation list only; a specialist gets the 404 page. Photographed at 1366 and 390 px, vi and en,
 * under test-output/e2e/; at 390 px nothing scrolls sideways.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/services/organisation-service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, signInAs, type BrowserRun } from '../support/browser.js';
import { cast } from '../support/dashboard-month.js';
import { sonLa } from '../support/people.js';

const NOW = '2026-12-21T09:00:00+07:00';
const { director, chiefOfOffice, itHead, itSpecialist } = cast;
let t: TestApp;
let run: BrowserRun;
let browser: BrowserContext;

const actor = (s: (typeof sonLa.staff)[number]): Actor => ({ orgId: t.orgId, staffId: s.id, name: s.name, unitId: s.unitId, roles: s.roles });

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(NOW) });
  const s = t.services.evaluations;
  const now = new Date(NOW);
  await s.takeStep(actor(itSpecialist), itSpecialist.id, '2026', 'self-assessment', { text: 'Hoàn thành xuất sắc.', level: 'excellent' }, now);
  await s.takeStep(actor(itHead), itSpecialist.id, '2026', 'head-comment', { text: 'Đồng ý.', level: 'excellent' }, now);
  await s.takeStep(actor(director), itSpecialist.id, '2026', 'director-decision', { level: 'excellent' }, now);
  await s.takeStep(actor(director), itSpecialist.id, '2026', 'publication', {}, now);
  run = await openBrowser(t.app.fetch);
  browser = run.browser;
}, 180_000);
afterAll(async () => {
  await run?.close();
  await t?.dispose();
});

async function photograph(page: Page, name: string): Promise<void> {
  const url = page.url();
  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=en`);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} (${lang}) at ${width} px`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-${lang}-${width}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(url);
}

describe('Tổng kết năm 2026 in a browser', () => {
  it('the director: the unit ratings and the emulation list, and the PDF from its button', async () => {
    const page = await browser.newPage();
    await signInAs(page, run.base, director.name, '/evaluations/year/2026');
    expect(await page.locator('h1').textContent()).toBe('Tổng kết năm 2026');
    expect(await page.locator('#h-units').textContent()).toBe('Xếp loại các đơn vị');
    expect(await page.locator('section[aria-labelledby="h-title-chien-si-thi-dua-co-so"]').textContent()).toContain(itSpecialist.name);
    await photograph(page, 'evaluation-year-director');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải về PDF (A4)' }).click()]);
    expect(download.suggestedFilename()).toBe(`de-nghi-thi-dua_2026_${t.orgId}.pdf`);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.close();
  });

  it('the chief of office: the emulation list only; a specialist: the 404 page, the files too', async () => {
    const page = await browser.newPage();
    await signInAs(page, run.base, chiefOfOffice.name, '/evaluations/year/2026');
    expect(await page.locator('#h-units').count()).toBe(0);
    expect(await page.locator('#h-emulation').textContent()).toBe('Danh sách đề nghị danh hiệu thi đua');
    await photograph(page, 'evaluation-year-chief-of-office');
    await signInAs(page, run.base, itSpecialist.name, '/evaluations/year/2026');
    const res = await page.goto(`${run.base}/evaluations/year/2026`);
    expect(res!.status()).toBe(404);
    expect((await page.request.get(`${run.base}/evaluations/year/2026/emulation.pdf`)).status()).toBe(404);
    await page.close();
  });
});
