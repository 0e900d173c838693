/**
 * The evaluation cycle on the pages in headless Chromium (issue #23; E2–E6, Điều 24, Điều 3.2,
 * Điều 3.3.2), against the real app on DynamoDB Local after the scripted November: Lê Đình Khôi
 * (Phòng CNTT) assesses himself; his head Hoàng Văn Nam comments; the director decides a level
 * other than the proposal (first without a reason: the page names the field and nothing is
 * written) and publishes; only then Khôi sees the decision. A head's dossier has the board's
 * review, taken by a board member. Who may not see a dossier gets the 404 page; each list shows
 * what its reader may see. A replayed or double-clicked form records one step; a stale page says
 * so. Screenshots at 1366 and 390 px (vi and en): test-output/e2e/evaluation-*.png.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rulebook } from '../../shared/rulebook/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, screenshotsAt, signInAs as signInThrough, type BrowserRun } from '../support/browser.js';
import { cast, scriptMonth } from '../support/dashboard-month.js';
import { sonLa } from '../support/people.js';

/** Thresholds a department might set (Sơn La's own are unset until it reads the decree), so the pages suggest a level. */
const withThresholds: Rulebook = {
  ...sonLa,
  evaluation: {
    ...sonLa.evaluation!,
    criteria: sonLa.evaluation!.criteria.map((c) =>
      c.measure.kind === 'on-time-share'
        ? { ...c, measure: { ...c.measure, threshold: ({ 'tasks-excellent': 1, 'tasks-good': 0.9, 'unit-good': 0.8, 'tasks-completed': 0.5, 'unit-completed': 0.5, 'tasks-not-completed': 0.5 } as Record<string, number>)[c.id]! } }
        : c,
    ),
  },
};

/** Tuesday 1 December 2026, after November: its evaluation is open. */
const DEC1 = '2026-12-01T09:00:00+07:00';
const { director, itHead, itSpecialist: khoi, itSpecialist2: duyen } = cast;
const itDeputyDirector = sonLa.staff.find((s) => s.id === sonLa.units.find((u) => u.id === 'it')!.overseenBy)!;
const otherDeputy = sonLa.staff.find((s) => s.roles.includes('deputy-director') && s.id !== itDeputyDirector.id)!;

let t: TestApp;
let run: BrowserRun;
let base: string;
let browser: BrowserContext;

beforeAll(async () => {
  t = await createTestApp({ rulebooks: [withThresholds], clock: () => new Date(DEC1) });
  await scriptMonth(t);
  run = await openBrowser(t.app.fetch);
  ({ base, browser } = run);
}, 240_000);
afterAll(async () => {
  await run?.close();
  await t?.dispose();
});

const api = async (path: string, as = director.id) => (await (await t.as(as, path, { clock: DEC1 })).json()) as any;
const dossierPath = (staffId: string, period = '2026-11') => `/evaluations/${staffId}/${period}`;
const stored = (staffId: string) => api(`/v1/evaluations/${staffId}/2026-11`);
const actions = async (staffId: string) => ((await api(`/v1/audit?entityId=eval.2026-11.${staffId}`)).items as any[]).map((e) => e.action);

async function signInAs(page: Page, name: string, path: string): Promise<void> {
  await signInThrough(page, base, name, path);
  expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
}

const form = (page: Page, step: string) => page.locator(`form[data-action="evaluation.${step}"]`);
const offered = async (page: Page) => page.locator('form[data-action^="evaluation."]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
const stepItem = (page: Page, step: string) => page.locator(`.step-item[data-step="${step}"]`);

/** Both widths, in Vietnamese and English: nothing scrolls sideways at 390 px, and what one taps there is at least 44 px high. */
async function photograph(page: Page, name: string): Promise<void> {
  const url = page.url();
  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=en`);
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} (${lang}) at 1366 px`).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: `${SCREENSHOTS}/evaluation-${name}-${lang}-1366.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} (${lang}) scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
    const small = await page
      .locator('main a.row-link, main a.figure, main a.button-link, main button, main select, main textarea, main summary')
      .evaluateAll((els) => els.map((el) => [el.textContent?.trim().slice(0, 30) ?? el.tagName, Math.round(el.getBoundingClientRect().height)] as const).filter(([, h]) => h > 0 && h < 44));
    expect(small, `${name} (${lang}): tap targets under 44 px at 390 px`).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/evaluation-${name}-${lang}-390.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(url);
}

describe('who sees what (E1, Điều 24): the board all, a head the unit, anyone else themselves; a dossier not theirs is the 404 page', () => {
  it('Khôi’s list is himself, Nam’s his unit, the director’s everyone rated; Duyên opening Khôi’s dossier gets the 404 page', async () => {
    const page = await browser.newPage();
    await signInAs(page, khoi.name, '/evaluations');
    // The last month by default.
    expect(await page.locator('.page-heading .subtitle').textContent()).toBe('Tháng 11/2026');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Đánh giá, xếp loại');
    expect(await page.locator('.evaluation-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-staff-id')))).toEqual([khoi.id]);
    await photograph(page, 'list-specialist');

    await signInAs(page, itHead.name, '/evaluations?period=2026-11');
    const unit = await page.locator('.evaluation-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-staff-id')));
    expect(unit.sort()).toEqual(sonLa.staff.filter((s) => s.unitId === 'it').map((s) => s.id).sort());
    expect(await page.getByRole('link', { name: /Tổng kết năm/ }).count()).toBe(0);

    await signInAs(page, director.name, '/evaluations');
    const all = await page.locator('.evaluation-item').count();
    expect(all).toBe((await api('/v1/evaluations?period=2026-11')).items.length);
    expect(all).toBe(sonLa.staff.filter((s) => sonLa.units.find((u) => u.id === s.unitId)!.kind !== 'board').length);
    expect(await page.getByRole('link', { name: /Tổng kết năm/ }).count()).toBe(0);
    await photograph(page, 'list-director');
    // The year: "Năm 2026", and for the board the link to the year-end summary.
    await page.locator('#period').selectOption('2026');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.waitForURL(/period=2026$/);
    expect(await page.locator('.page-heading .subtitle').textContent()).toBe('Năm 2026');
    expect(await page.getByRole('link', { name: /Tổng kết năm/ }).getAttribute('href')).toBe('/evaluations/year/2026');

    await signInAs(page, duyen.name, '/evaluations');
    const res = await page.goto(`${base}${dossierPath(khoi.id)}`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy, hoặc bạn không có quyền xem.');
    expect(await page.locator('body').innerText()).not.toContain(khoi.name);
    await page.close();
  }, 120_000);
});

describe('the cycle of a specialist (E2, E3, E5, E6) in the browser', () => {
  it('Khôi assesses himself from his list; the same form sent again records one step', async () => {
    const page = await browser.newPage();
    await signInAs(page, khoi.name, '/evaluations');
    const listed = await page.locator('.evaluation-item .suggested').textContent();
    await page.getByRole('link', { name: khoi.name }).click();
    await page.waitForURL(new RegExp(`${dossierPath(khoi.id)}$`));
    // The list suggests what the dossier suggests.
    expect(await page.locator('.suggestion-level strong').textContent()).toBe(listed);
    expect(listed).toBe('Không hoàn thành nhiệm vụ');
    expect(await offered(page)).toEqual(['evaluation.self-assessment']);
    // The figures open the dashboard's records.
    expect(await page.locator('a.figure').first().getAttribute('href')).toMatch(new RegExp(`^/dashboard/records\\?period=2026-11&figure=assignments\\.completedOnTime&staffId=${khoi.id}$`));
    expect(await page.locator('.step-item[data-step="board-review"]').count()).toBe(0);
    await photograph(page, 'dossier-specialist-before');

    const f = form(page, 'self-assessment');
    await f.getByLabel('Nội dung tự đánh giá').fill('Hoàn thành các nhiệm vụ được giao; một việc trễ hạn do chờ nhà cung cấp.');
    await f.getByLabel('Mức tự đề xuất').selectOption('good');
    // What the browser is about to send: the same fields, the same key and version.
    const sent = await f.evaluate((el: any) => ({ action: el.action as string, body: new URLSearchParams(new (globalThis as any).FormData(el)).toString() }));
    await f.locator('button[type=submit]').click();
    await page.waitForURL(/ok=evaluation\.self-assessment/);
    expect(await page.locator('.confirmation').textContent()).toContain('Đã ghi nhận tự đánh giá.');
    // The same form again (a replay: same key, same version): the first answer, nothing new.
    const replay = await page.evaluate(
      async ({ action, body }) => {
        const r = await fetch(action, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        return { status: r.status, url: r.url };
      },
      sent,
    );
    expect(replay.status).toBe(200);
    expect(replay.url).toContain('ok=evaluation.self-assessment');
    expect(await actions(khoi.id)).toEqual(['self-assessment']);
    expect((await stored(khoi.id)).evaluation).toMatchObject({ version: 1, selfAssessment: { level: 'good', by: khoi.id } });
    expect(await offered(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('Nam comments (a double click records one comment), with the suggestion beside Khôi’s proposal', async () => {
    const page = await browser.newPage();
    await signInAs(page, itHead.name, dossierPath(khoi.id));
    expect(await offered(page)).toEqual(['evaluation.head-comment']);
    expect(await stepItem(page, 'self-assessment').innerText()).toMatch(/Mức: Hoàn thành tốt nhiệm vụ[\s\S]*Mức gợi ý khi ghi nhận: /);
    const f = form(page, 'head-comment');
    await f.getByLabel('Nhận xét').fill('Có một việc trễ hạn; đề nghị mức hoàn thành nhiệm vụ.');
    await f.getByLabel('Mức đề xuất').selectOption('completed');
    await f.locator('button[type=submit]').dblclick();
    await page.waitForURL(/ok=evaluation\.head-comment|head-comment$/);
    await page.waitForLoadState('load');
    expect(await actions(khoi.id)).toEqual(['self-assessment', 'head-comment']);
    expect((await stored(khoi.id)).evaluation).toMatchObject({ version: 2, headComment: { level: 'completed', by: itHead.id } });
    await page.close();
  }, 60_000);

  it('the director decides another level: without a reason the page names the field and nothing is written; with one it is decided, then published', async () => {
    const page = await browser.newPage();
    await signInAs(page, director.name, dossierPath(khoi.id));
    expect(await offered(page)).toEqual(['evaluation.director-decision']);
    const f = form(page, 'director-decision');
    // The browser marks the reason required while the level differs from the proposal (Hoàn thành nhiệm vụ)...
    await f.getByLabel('Mức xếp loại').selectOption('completed');
    expect(await f.locator('textarea[name=reason]').evaluate((el: any) => el.required)).toBe(false);
    await f.getByLabel('Mức xếp loại').selectOption('good');
    expect(await f.locator('textarea[name=reason]').evaluate((el: any) => el.required)).toBe(true);
    // ...but the server decides: without the browser's check, its answer names the field.
    await f.evaluate((el: any) => (el.noValidate = true));
    await f.locator('button[type=submit]').click();
    await page.waitForLoadState('load');
    const alert = await form(page, 'director-decision').locator('[role=alert]').innerText();
    expect(alert).toContain('Lý do: bắt buộc nhập');
    expect(alert).toContain('Hoàn thành nhiệm vụ');
    expect(await form(page, 'director-decision').locator('textarea[name=reason]').getAttribute('aria-invalid')).toBe('true');
    expect(await actions(khoi.id)).toEqual(['self-assessment', 'head-comment']);
    expect((await stored(khoi.id)).evaluation.decision).toBeUndefined();
    // The page answering the post, as it is (it has no address to reload in English).
    await screenshotsAt(page, 'evaluation-dossier-decision-refused-vi');

    const again = form(page, 'director-decision');
    expect(await again.getByLabel('Mức xếp loại').inputValue()).toBe('good');
    await again.getByLabel('Lý do').fill('Việc trễ hạn do nhà cung cấp; kết quả chung tốt.');
    await again.locator('button[type=submit]').click();
    await page.waitForURL(/ok=evaluation\.director-decision/);
    expect(await stepItem(page, 'director-decision').innerText()).toMatch(/Hoàn thành tốt nhiệm vụ[\s\S]*Lý do: Việc trễ hạn do nhà cung cấp[\s\S]*Mức gợi ý khi ghi nhận/);
    expect(await offered(page)).toEqual(['evaluation.publication']);

    // Before publication Khôi sees his steps but not the decision (E6).
    await signInAs(page, khoi.name, dossierPath(khoi.id));
    expect(await stepItem(page, 'director-decision').innerText()).toContain('Quyết định xếp loại sẽ hiển thị khi được công bố.');
    expect(await page.locator('body').innerText()).not.toContain('Việc trễ hạn do nhà cung cấp');
    await page.goto(`${base}/evaluations`);
    expect(await page.locator('.evaluation-item .decided').textContent()).toBe('—');

    await signInAs(page, director.name, dossierPath(khoi.id));
    await form(page, 'publication').locator('button[type=submit]').click();
    await page.waitForURL(/ok=evaluation\.publication/);
    expect(await page.locator('.confirmation').textContent()).toContain('Đã công bố kết quả xếp loại.');
    expect(await actions(khoi.id)).toEqual(['self-assessment', 'head-comment', 'director-decision', 'publication']);
    expect(await offered(page)).toEqual([]);
    await photograph(page, 'dossier-specialist-published');

    await signInAs(page, khoi.name, dossierPath(khoi.id));
    expect(await stepItem(page, 'director-decision').innerText()).toMatch(/Hoàn thành tốt nhiệm vụ[\s\S]*Lý do: Việc trễ hạn do nhà cung cấp/);
    await page.goto(`${base}/evaluations`);
    expect(await page.locator('.evaluation-item .decided').textContent()).toBe('Hoàn thành tốt nhiệm vụ');
    await photograph(page, 'list-specialist-published');
    await page.close();
  }, 90_000);
});

describe('the cycle of a head: the board’s collective review (E4, Điều 3.2)', () => {
  it('Nam assesses himself; after the overseeing deputy’s comment the board review appears and a board member takes it; a stale page says so', async () => {
    const page = await browser.newPage();
    await signInAs(page, itHead.name, dossierPath(itHead.id));
    expect(await stepItem(page, 'board-review').count()).toBe(1);
    expect(await page.locator('.unit-share').count()).toBe(1);
    const f = form(page, 'self-assessment');
    await f.getByLabel('Nội dung tự đánh giá').fill('Phòng hoàn thành kế hoạch tháng.');
    await f.getByLabel('Mức tự đề xuất').selectOption('good');
    await f.locator('button[type=submit]').click();
    await page.waitForURL(/ok=evaluation\.self-assessment/);
    const comment = await t.as(itDeputyDirector.id, `/v1/evaluations/${itHead.id}/2026-11/head-comment`, { method: 'POST', body: JSON.stringify({ text: 'Đồng ý.', level: 'good' }), clock: DEC1 });
    expect(comment.status).toBe(200);

    // A board member opens the page in two tabs; the review is recorded from the first.
    await signInAs(page, otherDeputy.name, dossierPath(itHead.id));
    expect(await offered(page)).toEqual(['evaluation.board-review']);
    const board = await browser.newPage();
    await board.goto(`${base}${dossierPath(itHead.id)}`);
    const mine = form(page, 'board-review');
    await mine.getByLabel('Kết luận của Ban Giám đốc').fill('Ban Giám đốc thống nhất đề xuất.');
    await mine.getByLabel('Mức đề xuất').selectOption('good');
    await mine.locator('button[type=submit]').click();
    await page.waitForURL(/ok=evaluation\.board-review/);
    // The other tab is stale: a clear message, nothing overwritten.
    const stale = form(board, 'board-review');
    await stale.getByLabel('Kết luận của Ban Giám đốc').fill('Đề nghị xem xét thêm.');
    await stale.getByLabel('Mức đề xuất').selectOption('excellent');
    await stale.locator('button[type=submit]').click();
    await board.waitForLoadState('load');
    expect(await board.locator('.form-message.conflict').innerText()).toContain('Đã có người khác thay đổi hồ sơ này');
    expect(await actions(itHead.id)).toEqual(['self-assessment', 'head-comment', 'board-review']);
    expect((await stored(itHead.id)).evaluation.boardReview).toMatchObject({ by: otherDeputy.id, level: 'good' });
    await board.goto(`${base}${dossierPath(itHead.id)}`);
    expect(await stepItem(board, 'board-review').innerText()).toContain('Ban Giám đốc thống nhất đề xuất.');
    await photograph(board, 'dossier-head');
    await board.close();
    await page.close();
  }, 90_000);
});
