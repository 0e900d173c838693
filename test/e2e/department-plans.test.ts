/**
 * P1 (Điều 10) in headless Chromium, against the real app over DynamoDB Local: on Friday
 * 04/12/2026 the chief of office sees next week's programme among the reports he owes this week;
 * once he submits it the director finds it in "Chờ quyết định"; once approved a specialist of
 * another division reads it. Each page is photographed at 1366 and 390 px under test-output/e2e/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, signInAs, type BrowserRun } from '../support/browser.js';
import { person } from '../support/people.js';

const NOW = '2026-12-04T09:00:00+07:00';
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const pressSpecialist = person('specialist', 'press');

let t: TestApp;
let run: BrowserRun;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(NOW) });
  run = await openBrowser(t.app.fetch);
}, 180_000);
afterAll(async () => {
  await run?.close();
  await t?.dispose();
});

async function photograph(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-390.png`, fullPage: true });
}

describe('the weekly work programme in the browser (P1, Điều 10)', () => {
  it('P1 (Điều 10): owed by the chief of office on the Friday before, decided by the director, read by everybody once approved', async () => {
    const page = await run.browser.newPage();
    await signInAs(page, run.base, chiefOfOffice.name, '/my-work');
    await page.getByText('Chương trình công tác tuần của Sở (lịch công tác tuần)').first().waitFor({ state: 'visible', timeout: 5000 });
    await photograph(page, 'p1-my-work');

    const submitted = await t.as(chiefOfOffice.id, '/v1/plans', {
      method: 'POST',
      body: JSON.stringify({ period: '2026-W50', obligationId: 'p1-weekly-programme', content: 'Thứ Hai 07/12: họp triển khai; Thứ Sáu 11/12: giao ban.' }),
    });
    expect(submitted.status).toBe(201);
    const plan = (await submitted.json()) as { id: string };

    await signInAs(page, run.base, director.name, '/decisions');
    await page.locator(`a[href*="${plan.id}"]`).first().waitFor({ state: 'visible', timeout: 5000 });
    await photograph(page, 'p1-decisions');
    expect((await t.as(director.id, `/v1/plans/${plan.id}/approve`, { method: 'POST', body: '{}' })).status).toBe(200);

    await signInAs(page, run.base, pressSpecialist.name, `/reports/${plan.id}`);
    await page.getByText('Thứ Hai 07/12: họp triển khai').first().waitFor({ state: 'visible', timeout: 5000 });
    await photograph(page, 'p1-plan-read-by-staff');
    await page.close();
  }, 120_000);
});
