/**
 * Files on the finance page and the leave pages (issue #22) in headless Chromium, on DynamoDB Local
 * and a local S3 server whose CORS allows only the app's origin: the accountant records a dossier
 * with its scan, the applicant asks for sick leave with a medical certificate; each page lists the
 * file with its SHA-256; a colleague gets the 404 page. Screenshots at 1366 and 390 px.
 */
import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_S3_CREDENTIALS, startS3Local, type S3Local } from '../../scripts/lib/s3-local.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, screenshotsAt, signInAs, type BrowserRun } from '../support/browser.js';
import { person } from '../support/people.js';

const NOW = '2026-12-03T09:00:00+07:00';
const BUCKET = 'e2e-finance-leave-files';
const accountant = person('accountant');
const applicant = person('specialist', 'it');
const colleague = person('specialist', 'it', 1);

let t: TestApp | undefined;
let run: BrowserRun;
let s3: S3Local;
let base: string;
let browser: BrowserContext;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const SCAN = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200 * 1024, 7)]);
const CERT = Buffer.concat([Buffer.from('%PDF-1.4\n% giay ra vien\n'), Buffer.alloc(50 * 1024, 3)]);

beforeAll(async () => {
  run = await openBrowser((req) => t!.app.fetch(req));
  ({ base, browser } = run);
  s3 = await startS3Local({ buckets: [BUCKET], allowedOrigins: [base] });
  t = await createTestApp({ clock: () => new Date(NOW), files: { bucket: BUCKET, endpoint: s3.endpoint, credentials: LOCAL_S3_CREDENTIALS } });
}, 180_000);

afterAll(async () => {
  await run?.close();
  await s3?.stop();
  await t?.dispose();
});

const shots = (page: Page, name: string) => screenshotsAt(page, `files-${name}`);

async function attach(page: Page, action: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const f = page.locator(`form[data-action="${action}"]`).first();
  await f.locator('input[type=file]').setInputFiles(file);
  const row = f.locator('li.file-row').last();
  await row.locator('xpath=self::*[@data-state="done" or @data-state="failed"]').waitFor({ timeout: 60_000 });
  expect(await row.getAttribute('data-state')).toBe('done');
}

describe('files on the finance and leave pages', () => {
  it('the accountant records a dossier with its scan; the open settlement lists it with its SHA-256', async () => {
    const page = await browser.newPage();
    await signInAs(page, base, accountant.name, '/finance');
    const form = page.locator('form[data-action="finance.settlement"]');
    await form.locator('input[name=dossierRef]').fill('HS-2026-131');
    await form.locator('input[name=completeOn]').fill('2026-12-01');
    await attach(page, 'finance.settlement', { name: 'ho-so-HS-2026-131.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await form.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/finance' && u.searchParams.has('ok'));
    const item = page.locator('li.decision', { hasText: 'HS-2026-131' });
    expect(await item.locator('a.file-link').textContent()).toBe('ho-so-HS-2026-131.pdf');
    expect(await item.textContent()).toContain(sha256(SCAN).slice(0, 12));
    await shots(page, 'finance-settlement');
    await page.close();
  });

  it('the applicant asks for sick leave with a medical certificate; the request lists it; a colleague gets 404', async () => {
    const page = await browser.newPage();
    await signInAs(page, base, applicant.name, '/leave');
    const form = page.locator('form[data-action="leave.request"]');
    await form.locator('select[name=kind]').selectOption('sick');
    await form.locator('input[name=startDate]').fill('2026-12-03');
    await form.locator('textarea[name=reason]').fill('Ốm, điều trị tại Bệnh viện Đa khoa tỉnh');
    await attach(page, 'leave.request', { name: 'giay-ra-vien.pdf', mimeType: 'application/pdf', buffer: CERT });
    await form.locator('button[type=submit]').click();
    await page.waitForURL((u) => /^\/leave\/[0-9A-Z]{26}$/.test(u.pathname));
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.locator('.leave-files a.file-link').textContent()).toBe('giay-ra-vien.pdf');
    expect(await page.locator('.leave-files').textContent()).toContain(sha256(CERT).slice(0, 12));
    await shots(page, 'leave-certificate');
    const stored = (await (await t!.as(applicant.id, `/v1/leave-requests/${id}`)).json()) as any;
    expect(stored.files[0].sha256).toBe(sha256(CERT));
    // The download link works for the applicant and gives the same bytes.
    const href = await page.locator('.leave-files a.file-link').getAttribute('href');
    const bytes = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())), href!);
    expect(sha256(Buffer.from(bytes))).toBe(sha256(CERT));
    const other = await browser.newPage();
    await signInAs(other, base, colleague.name, '/my-work');
    expect((await other.goto(`${base}/leave/${id}`))!.status()).toBe(404);
    expect((await other.goto(`${base}${href}`))!.status()).toBe(404);
    await other.close();
    await page.close();
  });
});
