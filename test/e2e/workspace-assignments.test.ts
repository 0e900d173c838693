/**
 * The workspace's assignment pages in headless Chromium (issue #16), against the real app on
 * DynamoDB Local. Each journey works the pages as its role would, then asserts what the records
 * hold through the API. Screenshots of each page at 1366 and 390 px go to test-output/e2e/.
 */
import type { ServerType } from '@hono/node-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocally } from '../../scripts/lib/serve-locally.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, signInAs as signInThrough, type BrowserRun } from '../support/browser.js';
import { person } from '../support/people.js';

/** The business "now" of every request (the app's clock). */
const NOW = '2026-12-03T09:00:00+07:00';

const director = person('director');
const head = person('head', 'it');
const specialist = person('specialist', 'it');
const ictHead = person('head', 'ict-centre');

let t: TestApp;
let run: BrowserRun;
let attacker: ServerType;
let base: string;
let attackerBase: string;
let browser: BrowserContext;
const ids: Record<string, string> = {};

interface Asg {
  id: string;
  percent: number;
  dueDate: string;
  unitId: string;
  responsibleId: string;
  assigneeId: string | null;
  lastProgressNote?: string;
  awaitingAcceptance?: boolean;
  acceptedBy?: string;
  extensionRequests: { status: string; newDueDate: string; reason: string }[];
  history: { action: string; actorId: string }[];
}
const api = async (path: string, as = director.id) => (await t.as(as, path)).json() as Promise<Asg>;

async function assign(title: string, dueDate: string, clock = NOW): Promise<string> {
  const res = await t.as(head.id, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title, assigneeId: specialist.id, dueDate }), clock });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(NOW) });
  ids.overdue = await assign('Rà soát an toàn thông tin tháng 10', '2026-10-20', '2026-10-01T09:00:00+07:00');
  ids.main = await assign('Triển khai chữ ký số cho các phòng', '2026-12-10');
  ids.toAccept = await assign('Cập nhật danh mục dịch vụ công', '2026-12-15');
  ids.twoTabs = await assign('Soạn báo cáo chuyển đổi số', '2026-12-18');
  const done = await t.as(specialist.id, `/v1/assignments/${ids.toAccept}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Đã cập nhật 45 dịch vụ' }) });
  expect(done.status).toBe(200);
  run = await openBrowser(t.app.fetch);
  ({ base, browser } = run);
  // Another origin with a page that posts a form to the tracker (a forged request).
  ({ server: attacker, base: attackerBase } = await serveLocally((req) => {
    const target = new URL(req.url).searchParams.get('target') ?? '';
    return new Response(
      `<!DOCTYPE html><html><body><form id="f" method="post" action="${target}"><input name="percent" value="99"><input name="note" value="forged"><button type="submit">Go</button></form></body></html>`,
      { headers: { 'content-type': 'text/html' } },
    );
  }));
}, 180_000);

afterAll(async () => {
  await run?.close();
  await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(undefined)));
  await t?.dispose();
});

/** Signs in through the local sign-in page, from the site's root: everyone lands on "Việc của tôi". */
async function signInAs(page: Page, name: string): Promise<void> {
  await signInThrough(page, base, name, '/');
  expect(new URL(page.url()).pathname).toBe('/my-work');
}

/** Full-page screenshots at 1366 and 390 px; at 390 nothing is wider than the screen. */
async function shots(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: `${SCREENSHOTS}/workspace-${name}-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} at 390 px`).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SCREENSHOTS}/workspace-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
}

const form = (page: Page, action: string) => page.locator(`form[data-action="${action}"]`);

describe('the workspace in a browser', () => {
  it('a specialist lands on "Việc của tôi", records progress and asks for an extension', async () => {
    const page = await browser.newPage();
    await signInAs(page, specialist.name);
    const overdue = page.locator('.work-group.overdue .work-item');
    expect(await overdue.count()).toBe(1);
    expect(await overdue.first().textContent()).toContain('Rà soát an toàn thông tin tháng 10');
    expect(await overdue.first().textContent()).toMatch(/Quá hạn 32 ngày làm việc/);
    expect(await page.locator('.work-group.awaiting-acceptance .work-item').count()).toBe(1);
    await shots(page, 'my-work-specialist');

    await page.getByRole('link', { name: 'Triển khai chữ ký số cho các phòng' }).click();
    await page.waitForURL(new RegExp(`/assignments/${ids.main}$`));
    const progress = form(page, 'assignment.progress');
    await progress.getByLabel('Phần trăm hoàn thành').fill('60');
    await progress.getByLabel('Ghi chú').fill('Đã cài đặt cho 4/7 phòng');
    await progress.locator('button[type=submit]').click();
    await page.waitForURL(/ok=assignment\.progress/);
    expect(await page.locator('.notice').textContent()).toBe('Đã ghi nhận tiến độ.');

    const extension = form(page, 'assignment.extension-request');
    await extension.getByLabel('Hạn mới đề nghị').fill('2026-12-17');
    await extension.getByLabel('Lý do').fill('Chờ nhà cung cấp cấp thêm chứng thư số');
    await extension.locator('button[type=submit]').click();
    await page.waitForURL(/ok=assignment\.extension-request/);
    await shots(page, 'assignment-specialist');

    const stored = await api(`/v1/assignments/${ids.main}`);
    expect(stored.percent).toBe(60);
    expect(stored.lastProgressNote).toBe('Đã cài đặt cho 4/7 phòng');
    expect(stored.extensionRequests).toEqual([expect.objectContaining({ status: 'pending', newDueDate: '2026-12-17', reason: 'Chờ nhà cung cấp cấp thêm chứng thư số' })]);
    await page.close();
  });

  it('the head decides the extension and accepts a completion, by keyboard and at phone width', async () => {
    const page = await browser.newPage();
    await signInAs(page, head.name);
    await page.goto(`${base}/assignments/${ids.main}`);
    const decision = form(page, 'assignment.extension-decision');
    expect(await page.locator('form[data-action="assignment.progress"]').count()).toBe(0);
    await decision.getByLabel('Đồng ý gia hạn').check();
    await decision.getByLabel('Lý do, ý kiến').fill('Đồng ý, lý do chính đáng');
    await decision.locator('button[type=submit]').click();
    await page.waitForURL(/ok=assignment\.extension-decision/);
    const decided = await api(`/v1/assignments/${ids.main}`);
    expect(decided.dueDate).toBe('2026-12-17');
    expect(decided.extensionRequests[0]!.status).toBe('approved');
    expect(decided.history.at(-1)).toMatchObject({ action: 'extension-approved', actorId: head.id });

    // Acceptance at phone width, with the keyboard only.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/assignments/${ids.toAccept}`);
    await shots(page, 'assignment-head-accept');
    await page.setViewportSize({ width: 390, height: 844 });
    await form(page, 'assignment.accept').getByLabel('Nhận xét').focus();
    await page.keyboard.type('Đạt yêu cầu');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.closest("form")?.dataset.action + ":" + document.activeElement.type')).toBe('assignment.accept:submit');
    await page.keyboard.press('Enter');
    await page.waitForURL(/ok=assignment\.accept/);
    expect(await page.locator('.notice').textContent()).toBe('Đã nghiệm thu nhiệm vụ.');
    const accepted = await api(`/v1/assignments/${ids.toAccept}`);
    expect(accepted.awaitingAcceptance).toBe(false);
    expect(accepted.acceptedBy).toBe(head.id);
    await page.close();
  });

  it('the director assigns work to a unit', async () => {
    const page = await browser.newPage();
    await signInAs(page, director.name);
    await shots(page, 'my-work-director');
    await page.getByRole('link', { name: 'Giao việc mới' }).click();
    await page.waitForURL(/\/assignments\/new$/);
    const create = form(page, 'assignment.create');
    await create.getByLabel('Tên nhiệm vụ').fill('Xây dựng kế hoạch chuyển đổi số năm 2027');
    await create.getByLabel('Nội dung').fill('Dự thảo trình Ban Giám đốc trước 20/12.');
    await create.getByLabel('Hoặc giao cho đơn vị').selectOption('ict-centre');
    await create.getByLabel('Hạn xử lý').fill('2026-12-20');
    await create.getByLabel('Độ ưu tiên').selectOption('high');
    await create.getByLabel('Nguồn giao việc').selectOption('meeting');
    await shots(page, 'assignment-new');
    await create.locator('button[type=submit]').click();
    await page.waitForURL(/\/assignments\/[^/]+\?ok=assignment\.create$/);
    expect(await page.locator('.notice').textContent()).toBe('Đã giao nhiệm vụ.');
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const created = await api(`/v1/assignments/${id}`);
    expect(created).toMatchObject({ unitId: 'ict-centre', assigneeId: null, responsibleId: ictHead.id, dueDate: '2026-12-20', priority: 'high' });
    expect(created.history).toEqual([expect.objectContaining({ action: 'created', actorId: director.id })]);
    await page.close();
  });

  it('a forged post from another site, without the CSRF token, is refused and writes nothing', async () => {
    const page = await browser.newPage();
    await signInAs(page, specialist.name);
    const before = await t.countItems();
    await page.goto(`${attackerBase}/?target=${encodeURIComponent(`${base}/assignments/${ids.twoTabs}/progress`)}`);
    await page.locator('button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Yêu cầu bị từ chối');
    expect(await t.countItems()).toBe(before);
    const after = await api(`/v1/assignments/${ids.twoTabs}`);
    expect(after.percent).toBe(0);
    expect(after.history.map((e) => e.action)).toEqual(['created']);
    await page.close();
  });

  it('two tabs editing one task: the second gets the conflict message, nothing is overwritten', async () => {
    const one = await browser.newPage();
    await signInAs(one, specialist.name);
    const two = await browser.newPage();
    await one.goto(`${base}/assignments/${ids.twoTabs}`);
    await two.goto(`${base}/assignments/${ids.twoTabs}`);
    for (const [tab, percent, note] of [
      [one, '30', 'Tab một: đã có dàn ý'],
      [two, '70', 'Tab hai: gần xong'],
    ] as const) {
      const f = form(tab, 'assignment.progress');
      await f.getByLabel('Phần trăm hoàn thành').fill(percent);
      await f.getByLabel('Ghi chú').fill(note);
    }
    await form(one, 'assignment.progress').locator('button[type=submit]').click();
    await one.waitForURL(/ok=assignment\.progress/);
    const response = two.waitForResponse((r) => r.request().method() === 'POST');
    await form(two, 'assignment.progress').locator('button[type=submit]').click();
    expect((await response).status()).toBe(412);
    await two.waitForLoadState();
    expect(await two.locator('.form-message.conflict').textContent()).toContain('Đã có người khác thay đổi hồ sơ này');
    expect(await form(two, 'assignment.progress').getByLabel('Ghi chú').inputValue()).toBe('Tab hai: gần xong');
    await shots(two, 'assignment-conflict');
    const stored = await api(`/v1/assignments/${ids.twoTabs}`);
    expect(stored.percent).toBe(30);
    expect(stored.lastProgressNote).toBe('Tab một: đã có dàn ý');
    await one.close();
    await two.close();
  });
});
