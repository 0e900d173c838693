/**
 * Outgoing documents on the pages in headless Chromium (D4 Điều 9.1.8, D5 Điều 13.1; Điều 9.1.1,
 * 9.1.3), against the real app on DynamoDB Local: an IT specialist drafts; the head vets and
 * proposes the IT deputy's "KT. GIÁM ĐỐC" signature; the Office checks the form; the deputy signs
 * from "Chờ quyết định"; the clerk numbers, seals, sends and files it from the register. Then a
 * document the director returns for errors goes back to the head who proposed it (D5). Each
 * journey checks the records through the API. Screenshots at 1366 and 390 px (vi and en) go to
 * test-output/e2e/outgoing-*.png; at 390 px nothing scrolls sideways.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, signInAs as signInThrough, type BrowserRun } from '../support/browser.js';
import { person, sonLa } from '../support/people.js';

/** Thursday 3 December 2026. */
const NOW = '2026-12-03T09:00:00+07:00';
const director = person('director');
const itDeputyId = sonLa.leaders.filter((l) => l.staffId !== director.id)[1]!.staffId;
const itDeputy = sonLa.staff.find((s) => s.id === itDeputyId)!;
const clerk = person('clerk');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');

let t: TestApp;
let run: BrowserRun;
let base: string;
let browser: BrowserContext;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(NOW) });
  run = await openBrowser(t.app.fetch);
  ({ base, browser } = run);
}, 180_000);
afterAll(async () => {
  await run?.close();
  await t?.dispose();
});

const doc = async (id: string) => (await (await t.as(director.id, `/v1/outgoing-documents/${id}`)).json()) as any;

async function signInAs(page: Page, name: string, path: string): Promise<void> {
  await signInThrough(page, base, name, path);
  expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
}

/** Both widths, in Vietnamese and English: at 390 px nothing scrolls sideways. */
async function photograph(page: Page, name: string): Promise<void> {
  const url = page.url();
  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=en`);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: `${SCREENSHOTS}/outgoing-${name}-${lang}-1366.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} (${lang}) scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/outgoing-${name}-${lang}-390.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(url);
}

const form = (page: Page, action: string) => page.locator(`form[data-action="outgoing.${action}"]`);
const offered = async (page: Page) => (await page.locator('form[data-action^="outgoing."]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).sort();

/** Takes one step on the open document page and waits for its confirmation. */
async function take(page: Page, action: string, fill?: (f: ReturnType<typeof form>) => Promise<unknown>): Promise<void> {
  const f = form(page, action);
  if (fill) await fill(f);
  await f.locator('button[type=submit]').click();
  await page.waitForURL(new RegExp(`ok=outgoing\\.${action}`));
  expect(await page.locator('.notice').count()).toBe(1);
}

async function openFromDesk(page: Page, title: string, section = '.outgoing-mine'): Promise<void> {
  await page.goto(`${base}/outgoing`);
  await page.locator(section).getByRole('link', { name: title }).click();
  await page.waitForURL(/\/outgoing\/[0-9A-Z]{26}$/);
}

describe('outgoing documents in a browser (D4, D5)', () => {
  it('D5 (Điều 13.1, 9.1.1, 9.1.3): specialist drafts → head vets and proposes → Office checks the form → deputy signs KT. GIÁM ĐỐC → clerk numbers, seals, sends, files', async () => {
    const title = 'Công văn hướng dẫn bảo đảm an toàn thông tin mạng dịp Tết 2027';
    const page = await browser.newPage();

    // The specialist drafts from the navigation's "Văn bản đi".
    await signInAs(page, itSpecialist.name, '/my-work');
    await page.locator('.site-nav').getByRole('link', { name: 'Văn bản đi' }).click();
    await page.waitForURL(/\/outgoing$/);
    const draft = page.locator('form[data-action="outgoing.draft"]');
    await draft.getByLabel('Trích yếu').fill(title);
    await draft.getByLabel('Loại văn bản').selectOption('official-letter');
    await draft.getByLabel('Phạm vi').selectOption('department');
    await draft.getByLabel('Lĩnh vực').selectOption('cybersecurity');
    await draft.locator('button[type=submit]').click();
    await page.waitForURL(/ok=outgoing\.draft/);
    const id = /\/outgoing\/([0-9A-Z]{26})/.exec(page.url())![1]!;
    expect(await page.locator('.notice').textContent()).toBe('Đã lưu dự thảo; trưởng phòng thẩm định tiếp theo.');
    expect(await offered(page)).toEqual([]);
    // Its current step, owner and deadline: vetting by the head, end of Monday 07/12/2026.
    const waiting = page.locator('li[data-step="waiting"]');
    expect(await waiting.textContent()).toContain('Thẩm định');
    expect(await waiting.textContent()).toContain(itHead.name);
    expect(await waiting.textContent()).toContain('07/12/2026 23:59');
    await photograph(page, 'document-drafted');
    await page.goto(`${base}/outgoing`);
    expect(await page.locator(`.outgoing-drafted [data-id="${id}"]`).textContent()).toContain(itHead.name);
    await photograph(page, 'desk-specialist');

    // The head vets it and proposes the IT deputy's KT signature (cybersecurity is in his fields).
    // "Việc của tôi" says one outgoing document waits for him and leads to it.
    await signInAs(page, itHead.name, '/my-work');
    expect(await page.locator('.outgoing-waiting').textContent()).toBe('1 văn bản đi chờ anh/chị xử lý');
    await page.locator('.outgoing-waiting a').click();
    await page.waitForURL(/\/outgoing$/);
    await photograph(page, 'desk-head');
    await page.locator('.outgoing-mine').getByRole('link', { name: title }).click();
    await page.waitForURL(/\/outgoing\/[0-9A-Z]{26}$/);
    expect(await offered(page)).toEqual(['outgoing.vet']);
    await take(page, 'vet', (f) => f.getByLabel('Ý kiến').fill('Nội dung đã rà soát, đúng quy định'));
    expect(await offered(page)).toEqual(['outgoing.return', 'outgoing.submit']);
    await take(page, 'submit', (f) => f.getByLabel('Người ký').selectOption(`${itDeputy.id}|kt`));
    expect(await offered(page)).toEqual([]);

    // The Office checks the form (thể thức).
    await signInAs(page, clerk.name, '/outgoing');
    await openFromDesk(page, title);
    expect(await offered(page)).toEqual(['outgoing.check-form', 'outgoing.return']);
    await take(page, 'check-form');

    // The deputy finds it on "Chờ quyết định" and signs.
    await signInAs(page, itDeputy.name, '/decisions');
    const card = page.locator(`li[data-kind="outgoing-signature"][data-id="${id}"]`);
    expect(await card.textContent()).toContain('KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC');
    await photograph(page, 'decisions-deputy');
    await card.locator('h3 a').click();
    await page.waitForURL(new RegExp(`/outgoing/${id}$`));
    expect(await offered(page)).toEqual(['outgoing.return', 'outgoing.sign']);
    await photograph(page, 'document-to-sign');
    await take(page, 'sign');
    expect((await doc(id)).signature).toMatchObject({ signerId: itDeputy.id, form: 'kt' });

    // The clerk numbers and seals it from the register's row (each lands on the document), then sends and files it.
    await signInAs(page, clerk.name, '/outgoing/register');
    const row = () => page.locator(`.outgoing-register [data-id="${id}"]`);
    expect(await row().locator('form[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['outgoing.number']);
    await photograph(page, 'register-to-number');
    await take(page, 'number');
    expect(new URL(page.url()).pathname).toBe(`/outgoing/${id}`);
    await page.goto(`${base}/outgoing/register`);
    expect(await row().textContent()).toMatch(/\d+\/2026 — /);
    await row().locator('form[data-action="outgoing.seal"] button[type=submit]').click();
    await page.waitForURL(/ok=outgoing\.seal/);
    await take(page, 'send', (f) => f.getByLabel('Nơi nhận (mỗi dòng một nơi)').fill('UBND tỉnh Sơn La\nCác phòng, đơn vị thuộc Sở'));
    await take(page, 'file', (f) => f.getByLabel('Nơi lưu bản gốc (hộp, cặp hồ sơ)').fill('Hộp lưu 12/2026'));
    expect(await offered(page)).toEqual([]);
    const filed = await doc(id);
    expect(filed).toMatchObject({ status: 'filed', recipients: ['UBND tỉnh Sơn La', 'Các phòng, đơn vị thuộc Sở'], originalRef: 'Hộp lưu 12/2026' });
    expect(filed.history.map((e: any) => e.action)).toEqual(['drafted', 'vet', 'submit', 'check-form', 'sign', 'number', 'seal', 'send', 'file']);
    // Every step in the table, with who took it.
    expect(await page.locator('.outgoing-steps li').count()).toBe(9);
    expect(await page.locator('li[data-step="sign"]').textContent()).toContain(itDeputy.name);
    await photograph(page, 'document-filed');

    // The register, filtered to what was filed this month.
    await page.goto(`${base}/outgoing/register`);
    await page.getByLabel('Tình trạng').selectOption('filed');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/status=filed/);
    expect(await row().textContent()).toContain(`${filed.number} — ${title}`);
    expect(await row().textContent()).toContain('03/12/2026');
    await photograph(page, 'register');
    await page.close();
  }, 240_000);

  it('D5 (Điều 13.1): the director returns a document for errors; it goes back to the head who proposed it, who corrects and proposes again', async () => {
    const title = 'Báo cáo kết quả chuyển đổi số năm 2026';
    const created = await t.as(itSpecialist.id, '/v1/outgoing-documents', { method: 'POST', body: JSON.stringify({ title, kind: 'report', scope: 'department' }) });
    const id = ((await created.json()) as any).id as string;
    for (const [as, body] of [
      [itHead.id, { action: 'vet' }],
      [itHead.id, { action: 'submit', signerId: director.id, form: 'director' }],
      [clerk.id, { action: 'check-form' }],
    ] as const) {
      expect((await t.as(as, `/v1/outgoing-documents/${id}/steps`, { method: 'POST', body: JSON.stringify(body) })).status).toBe(200);
    }
    const page = await browser.newPage();
    await signInAs(page, director.name, '/decisions');
    await page.locator(`li[data-kind="outgoing-signature"][data-id="${id}"] h3 a`).click();
    await page.waitForURL(new RegExp(`/outgoing/${id}$`));
    // A return without its reason: the error beside the field, in Vietnamese, nothing written.
    await form(page, 'return').locator('textarea[name=reason]').evaluate((e) => e.removeAttribute('required'));
    await form(page, 'return').locator('button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('#step-return-reason-error').textContent()).toBe('Bắt buộc nhập.');
    expect((await doc(id)).status).toBe('form-checked');
    await take(page, 'return', (f) => f.getByLabel('Lý do trả lại (lỗi cần sửa)').fill('Sai số liệu mục II, thiếu nơi nhận'));
    const returned = await doc(id);
    expect(returned).toMatchObject({ status: 'returned', ownerId: itHead.id });
    expect(returned.returns[0]).toMatchObject({ byId: director.id, from: 'form-checked', reason: 'Sai số liệu mục II, thiếu nơi nhận' });

    // The head who proposed it finds it waiting, with the reason, and proposes it again.
    await signInAs(page, itHead.name, '/outgoing');
    expect(await page.locator(`.outgoing-mine [data-id="${id}"]`).textContent()).toContain('Bị trả lại');
    await openFromDesk(page, title);
    expect(await page.locator('.outgoing-returns').textContent()).toContain('Sai số liệu mục II, thiếu nơi nhận');
    expect(await offered(page)).toEqual(['outgoing.submit']);
    await photograph(page, 'document-returned');
    await take(page, 'submit', (f) => f.getByLabel('Người ký').selectOption(`${director.id}|director`));
    expect(await doc(id)).toMatchObject({ status: 'submitted', ownerId: clerk.id });
    await page.close();
  }, 180_000);
});
