/**
 * The decision pages in headless Chromium (issue #16), against the real app on 127.0.0.1 over
 * DynamoDB Local: the accountant records the payroll; a specialist submits the weekly report and
 * the head acknowledges it; the director sees "Chờ quyết định" with its count and resolves a
 * finding. Each journey checks what the records hold afterwards through the API. Every page is
 * photographed at 1366 and 390 px under test-output/e2e/, and at 390 px nothing scrolls sideways.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, signInAs as signInThrough, type BrowserRun } from '../support/browser.js';
import { person } from '../support/people.js';

// Tuesday of week 51: the payroll is due by the 14th, November's income-expense report was due on the 30th.
const NOW = '2026-12-15T09:00:00+07:00';

const director = person('director');
const accountant = person('accountant');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');

let t: TestApp;
let run: BrowserRun;
let base: string;
let browser: BrowserContext;
let findingId: string;

const api = async (as: string, path: string, body?: unknown) => {
  const res = await t.as(as, path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, `${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as any;
};

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(NOW) });
  // November's income-expense report was never filed: an F1 finding on the accountant, for the director.
  const checked = await api(director.id, '/v1/checks/run', { rule: 'F1', at: '2026-12-15T00:05:00+07:00' });
  findingId = checked.findings.find((f: { rule: string }) => f.rule === 'F1').id;
  run = await openBrowser(t.app.fetch);
  ({ base, browser } = run);
}, 180_000);

afterAll(async () => {
  await run?.close();
  await t?.dispose();
});

async function signInAs(page: Page, name: string, path: string): Promise<void> {
  await signInThrough(page, base, name, path);
  expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
}

/** Both widths: a screenshot each, and at 390 px no horizontal scrolling and the submit buttons within the screen's width. */
async function photograph(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
  const buttons = await page.locator('form[data-action] button[type=submit]').evaluateAll((els) => els.map((b) => b.getBoundingClientRect().right));
  for (const right of buttons) expect(right).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
}

describe('the decision pages in a browser', () => {
  it('the accountant records the payroll', async () => {
    const page = await browser.newPage();
    await signInAs(page, accountant.name, '/finance');
    await photograph(page, 'finance');
    const form = page.locator('form[data-action="finance.payroll"]');
    await form.getByLabel('Tháng lương').fill('2026-12');
    await form.getByLabel('Ngày chi trả').fill('2026-12-14');
    await form.locator('button[type=submit]').click();
    await page.waitForURL(/\/finance\?ok=finance\.payroll/);
    expect(await page.locator('.confirmation').textContent()).toBe('Đã ghi nhận chi trả lương.');
    const payroll = await api(accountant.id, '/v1/finance/payroll/2026-12');
    expect(payroll).toMatchObject({ month: '2026-12', paidOn: '2026-12-14', onTime: true, recordedBy: accountant.id });
    await page.close();
  });

  it('a specialist submits the weekly report and the head acknowledges it', async () => {
    const page = await browser.newPage();
    await signInAs(page, itSpecialist.name, '/reports');
    await photograph(page, 'reports-owed');
    const weekly = page.locator('li[data-obligation="r3-staff-report"][data-period="2026-W51"]');
    await weekly.getByRole('link', { name: /Nộp báo cáo/ }).click();
    await page.waitForURL(/\/reports\/new\?/);
    await photograph(page, 'report-submit');
    const form = page.locator('form[data-action="report.submit"]');
    // Submitting without content (the browser's own check switched off) shows the server's error next to the field.
    await form.evaluate((f) => f.setAttribute("novalidate", ""));
    await form.getByLabel('Đường dẫn tài liệu đính kèm (http/https) 1').fill('https://vanban.sonla.gov.vn/tuan51.pdf');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('#submit-content-error').textContent()).toBe('Bắt buộc nhập.');
    expect(await form.getByLabel('Đường dẫn tài liệu đính kèm (http/https) 1').inputValue()).toBe('https://vanban.sonla.gov.vn/tuan51.pdf');
    await form.getByLabel('Nội dung báo cáo').fill('Tuần 51: hoàn thành rà soát hạ tầng; tuần 52: triển khai sao lưu.');
    await form.locator('button[type=submit]').click();
    await page.waitForURL(/\/reports\/rep-[^?]+\?ok=report\.submit/);
    const reportId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.locator('.confirmation').textContent()).toBe('Đã nộp báo cáo.');
    const submitted = await api(itSpecialist.id, `/v1/reports/${reportId}`);
    expect(submitted).toMatchObject({ obligationId: 'r3-staff-report', period: '2026-W51', staffId: itSpecialist.id, reviewStatus: 'submitted', revision: 1 });
    expect(submitted.revisions[0].attachments).toEqual([{ url: 'https://vanban.sonla.gov.vn/tuan51.pdf' }]);
    // The specialist has nothing to decide on it.
    expect(await page.locator('form[data-action="report.acknowledge"]').count()).toBe(0);

    await signInAs(page, itHead.name, '/decisions');
    expect(await page.locator('h1 .count-badge').textContent()).toBe('1');
    await photograph(page, 'decisions-head');
    await page.locator(`li.decision[data-id="${reportId}"] a.button-link`).click();
    await page.waitForURL(new RegExp(`/reports/${reportId}$`));
    await photograph(page, 'report-review');
    const ack = page.locator('form[data-action="report.acknowledge"]');
    await ack.getByLabel('Ý kiến').fill('Đã xem, tốt.');
    await ack.locator('button[type=submit]').click();
    await page.waitForURL(/\?ok=report\.acknowledge/);
    expect(await page.locator('.confirmation').textContent()).toBe('Đã tiếp nhận báo cáo.');
    const acknowledged = await api(itHead.id, `/v1/reports/${reportId}`);
    expect(acknowledged).toMatchObject({ reviewStatus: 'acknowledged', lastReview: { action: 'acknowledged', by: itHead.id, comment: 'Đã xem, tốt.' } });
    // Nothing left to decide: the navigation says 0.
    await page.goto(`${base}/decisions`);
    expect(await page.locator('h1 .count-badge').textContent()).toBe('0');
    await page.close();
  });

  it('the director sees Chờ quyết định with its count and resolves a finding', async () => {
    const page = await browser.newPage();
    await signInAs(page, director.name, '/decisions');
    const count = Number(await page.locator('h1 .count-badge').textContent());
    expect(count).toBeGreaterThanOrEqual(1);
    expect(await page.locator('li.decision').count()).toBe(count);
    expect(await page.locator('.site-nav a[href="/decisions"]').textContent()).toContain(String(count));
    await photograph(page, 'decisions-director');
    await page.locator(`li.decision[data-id="${findingId}"] a.button-link`).click();
    await page.waitForURL(new RegExp(`/findings/${findingId}$`));
    await photograph(page, 'finding');
    const form = page.locator('form[data-action="finding.resolve"]');
    expect(await form.locator('button[type=submit]').count()).toBe(1);
    await form.getByLabel('Nội dung xử lý').fill('Kế toán đã nộp báo cáo tháng 11 bằng văn bản; nhắc nhở.');
    await form.locator('button[type=submit]').click();
    await page.waitForURL(/\?ok=finding\.resolve/);
    expect(await page.locator('.confirmation').textContent()).toBe('Đã ghi nhận việc xử lý.');
    const finding = await api(director.id, `/v1/findings/${findingId}`);
    expect(finding).toMatchObject({ resolution: 'resolved', resolvedBy: director.id, resolutionNote: 'Kế toán đã nộp báo cáo tháng 11 bằng văn bản; nhắc nhở.' });
    expect(await page.locator('.site-nav a[href="/decisions"]').textContent()).toContain(String(count - 1));
    await page.close();
  });
  it('the other decision pages: leave asked and decided, a meeting recorded, a reception schedule — each at both widths', async () => {
    const page = await browser.newPage();
    await signInAs(page, itSpecialist.name, '/leave');
    await photograph(page, 'leave');
    const ask = page.locator('form[data-action="leave.request"]');
    await ask.getByLabel('Loại nghỉ').selectOption('personal');
    await ask.getByLabel('Từ ngày').fill('2026-12-21');
    await ask.getByLabel('Kết thúc vào').selectOption('morning');
    await ask.getByLabel('Lý do xin nghỉ').fill('Việc gia đình');
    await ask.locator('button[type=submit]').click();
    await page.waitForURL(/\/leave\/[^?]+\?ok=leave\.request/);
    const leaveId = new URL(page.url()).pathname.split('/').pop()!;
    await signInAs(page, itHead.name, `/leave/${leaveId}`);
    await photograph(page, 'leave-decision');
    const decide = page.locator('form[data-action="leave.decision"]');
    await decide.getByLabel('Đồng ý', { exact: true }).check();
    await decide.locator('button[type=submit]').click();
    await page.waitForURL(/\?ok=leave\.decision/);
    expect(await api(itHead.id, `/v1/leave-requests/${leaveId}`)).toMatchObject({ status: 'approved', decidedBy: itHead.id, days: 0.5 });

    await api(person('chief-inspector').id, '/v1/reception-schedules', { month: '2027-01', sessions: [{ date: '2027-01-12', start: '08:00', end: '11:00', hostId: director.id, location: 'Phòng tiếp công dân' }] });
    await signInAs(page, director.name, '/decisions/reception/2027-01');
    await photograph(page, 'reception-decision');
    await page.goto(`${base}/meetings`);
    await photograph(page, 'meeting-new');
    const meeting = page.locator('form[data-action="meeting.create"]');
    await meeting.getByLabel('Loại cuộc họp').selectOption('weekly-briefing');
    await meeting.getByLabel('Ngày họp').fill('2026-12-11');
    await meeting.getByLabel('Thành phần tham dự').selectOption([itHead.id]);
    await meeting.locator('button[type=submit]').click();
    await page.waitForURL(/\/conclusions\?ok=meeting\.create/);
    await photograph(page, 'meeting-conclusions');
    await page.close();
  });
});
