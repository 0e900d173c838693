/**
 * Evidence files on reports, meetings and the Office's preparation (issue #22) in headless
 * Chromium, against the real app on DynamoDB Local and a local S3-compatible server whose CORS
 * allows only the app's origin. A person picks a file in the form, the browser uploads it straight
 * to storage, the form keeps it, and the record's page lists it with its SHA-256. Screenshots at
 * 1366 and 390 px go to test-output/e2e/.
 */
import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_S3_CREDENTIALS, startS3Local, type S3Local } from '../../scripts/lib/s3-local.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, screenshotsAt, signInAs, type BrowserRun } from '../support/browser.js';
import { person } from '../support/people.js';

const BUCKET = 'e2e-record-files';
let clock = '2026-11-25T15:00:00+07:00';

const director = person('director');
const chiefOfOffice = person('chief-of-office');
const pressSpecialist2 = person('specialist', 'press', 1);
const itHead = person('head', 'it');

let t: TestApp | undefined;
let run: BrowserRun;
let s3: S3Local;
let base: string;
let browser: BrowserContext;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n${'0'.repeat(200_000)}\n%%EOF\n`);

beforeAll(async () => {
  run = await openBrowser((req) => t!.app.fetch(req));
  ({ base, browser } = run);
  s3 = await startS3Local({ buckets: [BUCKET], allowedOrigins: [base] });
  t = await createTestApp({ clock: () => new Date(clock), files: { bucket: BUCKET, endpoint: s3.endpoint, credentials: LOCAL_S3_CREDENTIALS } });
}, 180_000);

afterAll(async () => {
  await run?.close();
  await s3?.stop();
  await t?.dispose();
});

const shots = (page: Page, name: string) => screenshotsAt(page, `record-files-${name}`);

const form = (page: Page, action: string) => page.locator(`form[data-action="${action}"]`);

/** Picks one file in the form's field and waits until the browser has uploaded it. */
async function attach(page: Page, action: string, name: string, buffer: Buffer): Promise<void> {
  const f = form(page, action);
  const before = await f.locator('li.file-row').count();
  await f.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer });
  const row = f.locator('li.file-row').nth(before);
  await row.locator('xpath=self::*[@data-state="done" or @data-state="failed"]').waitFor({ timeout: 60_000 });
  expect(await row.getAttribute('data-state')).toBe('done');
}

/** The file as the record's page lists it: its name links to /files/{id}, its full SHA-256 shown on demand. */
async function expectListed(page: Page, name: string, bytes: Buffer): Promise<void> {
  const item = page.locator('.file-item', { hasText: name });
  expect(await item.count()).toBe(1);
  expect(await item.locator('a.file-link').getAttribute('href')).toMatch(/^\/files\/[0-9A-Z]{26}/);
  expect(await item.locator('code.file-hash').textContent()).toBe(sha256(bytes));
}

describe('files on reports, meetings and the Office’s preparation, in the browser', () => {
  it('a specialist attaches the signed weekly report; the report’s page lists it for the head, who downloads the same bytes', async () => {
    clock = '2026-11-25T15:00:00+07:00';
    const page = await browser.newPage();
    await signInAs(page, base, pressSpecialist2.name, '/reports/new?obligationId=r3-staff-report&period=2026-W48');
    const signed = pdf('Báo cáo tuần 48 — bản có chữ ký');
    const name = 'Báo cáo tuần 48 - bản ký.pdf';
    await attach(page, 'report.submit', name, signed);
    await form(page, 'report.submit').getByLabel('Nội dung báo cáo').fill('Kết quả công tác tuần 48: hoàn thành số hóa 120 hồ sơ.');
    await shots(page, 'report-form');
    await form(page, 'report.submit').locator('button[type=submit]').click();
    await page.waitForURL(/\/reports\/rep-/);
    const reportPath = new URL(page.url()).pathname;
    await expectListed(page, name, signed);
    await page.close();

    const head = await browser.newPage();
    await signInAs(head, base, person('head', 'press').name, reportPath);
    await expectListed(head, name, signed);
    const href = await head.locator('.file-item a.file-link').getAttribute('href');
    const got = await head.request.get(`${base}${href}`);
    expect(got.status()).toBe(200);
    expect(sha256(await got.body())).toBe(sha256(signed));
    await shots(head, 'report-page');
    await head.close();
  }, 120_000);

  it('the Office records a briefing with its scanned minutes; the meeting page lists them, in Vietnamese and English', async () => {
    clock = '2026-11-20T16:00:00+07:00';
    const page = await browser.newPage();
    await signInAs(page, base, chiefOfOffice.name, '/meetings');
    const f = form(page, 'meeting.create');
    await f.getByLabel('Loại cuộc họp').selectOption('weekly-briefing');
    await f.getByLabel('Ngày họp').fill('2026-11-20');
    await f.getByLabel('Chủ trì').selectOption(director.id);
    await f.getByLabel('Thành phần tham dự').selectOption([director.id, itHead.id]);
    const scan = pdf('Biên bản họp giao ban 20/11/2026');
    const name = 'Biên bản giao ban 20-11-2026.pdf';
    await attach(page, 'meeting.create', name, scan);
    await shots(page, 'meeting-form');
    await f.locator('button[type=submit]').click();
    await page.waitForURL(/\/conclusions/);
    const meetingPath = new URL(page.url()).pathname.replace(/\/conclusions$/, '');
    await page.goto(`${base}${meetingPath}`);
    await expectListed(page, name, scan);
    await shots(page, 'meeting-page');
    await page.goto(`${base}${meetingPath}?lang=en`);
    expect(await page.locator('.file-list-heading').first().textContent()).toBe('Minutes files');
    await shots(page, 'meeting-page-en');
    await page.close();
  }, 120_000);

  it('the Office adds the scanned minutes to its preparation of week 49; the page lists them under the minutes', async () => {
    clock = '2026-12-04T17:00:00+07:00';
    const page = await browser.newPage();
    await signInAs(page, base, chiefOfOffice.name, '/meetings/preparations/mprep.m1-weekly-briefing.2026-W49');
    const p = form(page, 'meeting.programme');
    await p.getByLabel('Thành phần').selectOption([director.id, itHead.id]);
    await p.locator('button[type=submit]').click();
    await page.waitForURL(/ok=meeting\.programme/);
    const scan = pdf('Biên bản giao ban tuần 49 (bản scan)');
    const name = 'Biên bản giao ban tuần 49.pdf';
    const m = form(page, 'meeting.minutes');
    await m.getByLabel('Nội dung biên bản').fill('Biên bản họp giao ban tuần 49: thống nhất kế hoạch tháng 12.');
    await attach(page, 'meeting.minutes', name, scan);
    await shots(page, 'preparation-form');
    await m.locator('button[type=submit]').click();
    await page.waitForURL(/ok=meeting\.minutes/);
    await expectListed(page, name, scan);
    await shots(page, 'preparation-page');
    await page.close();
  }, 120_000);
});
