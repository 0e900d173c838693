/**
 * The board's matters (A5, Điều 3.2) and a deputy's report back (A3, Điều 4.1.2) in headless
 * Chromium, against the real app on 127.0.0.1 over DynamoDB Local: the director records a matter
 * and circulates a draft, a deputy director comments from "Chờ quyết định", the director decides;
 * a deputy sends the report back he owes from "Việc của tôi". Each journey checks the records
 * through the API. Every page is photographed at 1366 and 390 px (vi and en) under
 * test-output/e2e/, and at 390 px nothing scrolls sideways.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, signInAs as signInThrough, type BrowserRun } from '../support/browser.js';
import { deputyDirectors, person } from '../support/people.js';

// Tuesday 15/12/2026: a draft circulated today stays open for two working days, until Thursday 17/12.
const NOW = '2026-12-15T09:00:00+07:00';
const director = person('director');
const [deputyA, deputyB] = deputyDirectors() as [ReturnType<typeof person>, ReturnType<typeof person>];

let t: TestApp;
let run: BrowserRun;
let base: string;
let browser: BrowserContext;
let delegationId: string;

const api = async (as: string, path: string, body?: unknown, clock?: string) => {
  const res = await t.as(as, path, { ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }), ...(clock ? { clock } : {}) });
  expect(res.status, `${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as any;
};

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(NOW) });
  // Deputy A held the director's authority Thursday 10/12 – Monday 14/12: he owes the report back by Thursday 17/12.
  delegationId = (await api(director.id, '/v1/delegations', { delegateId: deputyA.id, from: '2026-12-10', to: '2026-12-14' }, '2026-12-01T09:00:00+07:00')).id;
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

/** Both widths, in Vietnamese and in English: a screenshot each, and at 390 px no sideways scrolling and the submit buttons on screen. */
async function photograph(page: Page, name: string): Promise<void> {
  const url = page.url();
  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=en`);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${lang}-1366.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} (${lang}) scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
    const buttons = await page.locator('form[data-action] button[type=submit]').evaluateAll((els) => els.map((b) => b.getBoundingClientRect().right));
    for (const right of buttons) expect(right).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${lang}-390.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(url);
}

describe('A5 (Điều 3.2) and A3 (Điều 4.1.2) in a browser', () => {
  it('A5 (Điều 3.2): the director records a matter and circulates a draft, a deputy comments, the director decides once every member has answered', async () => {
    const page = await browser.newPage();
    await signInAs(page, director.name, '/board-matters');
    await photograph(page, 'board-matters-list');
    const raise = page.locator('form[data-action="board-matter.raise"]');
    await raise.getByLabel('Nhóm việc').selectOption('work-plan');
    await raise.getByLabel('Nội dung').fill('Kế hoạch công tác năm 2027 của Sở');
    await raise.locator('button[type=submit]').click();
    await page.waitForURL(/\/board-matters\/bm-[^?]+\?ok=board-matter\.raise/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.locator('.confirmation').textContent()).toBe('Đã ghi nhận việc cần Ban Giám đốc bàn bạc.');
    expect(await page.locator('#missing-evidence').textContent()).toContain('Ban Giám đốc chưa bàn bạc vấn đề này');
    await photograph(page, 'board-matter-new');

    // Deciding now is refused with the reason, and nothing is decided.
    const decide = page.locator('form[data-action="board-matter.decide"]');
    await decide.getByLabel('Nội dung quyết định').fill('Thông qua kế hoạch');
    await decide.locator('button[type=submit]').click();
    expect(await page.locator('form[data-action="board-matter.decide"] .form-message').textContent()).toContain('chưa có cuộc họp Ban Giám đốc hay dự thảo gửi xin ý kiến nào được ghi nhận');
    expect((await api(director.id, `/v1/board-matters/${id}`)).decision).toBeUndefined();
    await page.goto(`${base}/board-matters/${id}`);

    const circulate = page.locator('form[data-action="board-matter.circulate"]');
    expect(await circulate.getByLabel('Hạn cho ý kiến (hết ngày)').inputValue()).toBe('2026-12-17');
    await circulate.getByLabel('Dự thảo').fill('Mục tiêu: 100% hồ sơ công việc trên môi trường mạng.');
    await circulate.locator('button[type=submit]').click();
    await page.waitForURL(/\?ok=board-matter\.circulate/);
    expect(await page.locator('#missing-evidence').textContent()).toContain(`${deputyA.name}, ${deputyB.name}`);

    // Deputy A comments from "Chờ quyết định" (the one browser profile signs in as him).
    const dPage = page;
    await signInAs(dPage, deputyA.name, '/decisions');
    const card = dPage.locator(`li[data-kind="board-matter"][data-id="${id}"]`);
    expect(await card.textContent()).toContain('Chờ ý kiến của anh/chị');
    await photograph(dPage, 'board-matter-inbox-deputy');
    await card.locator('a.button-link').click();
    await dPage.waitForURL(new RegExp(`/board-matters/${id}`));
    await photograph(dPage, 'board-matter-opinion');
    const opinion = dPage.locator('form[data-action="board-matter.opinion"]');
    await opinion.getByLabel('Ý kiến của tôi').fill('Nhất trí; đề nghị bổ sung chỉ tiêu chuyển đổi số cấp xã.');
    await opinion.locator('button[type=submit]').click();
    await dPage.waitForURL(/\?ok=board-matter\.opinion/);
    expect(await dPage.locator('#opinions').textContent()).toContain('đề nghị bổ sung chỉ tiêu chuyển đổi số cấp xã');
    // Deputy B answers through the API: the draft has every opinion.
    await api(deputyB.id, `/v1/board-matters/${id}/opinions`, { opinion: 'Đồng ý' });

    await signInAs(page, director.name, `/board-matters/${id}`);
    expect(await page.locator('#missing-evidence').count()).toBe(0);
    const decideNow = page.locator('form[data-action="board-matter.decide"]');
    await decideNow.getByLabel('Nội dung quyết định').fill('Thông qua Kế hoạch công tác năm 2027, bổ sung chỉ tiêu cấp xã.');
    await decideNow.locator('button[type=submit]').click();
    await page.waitForURL(/\?ok=board-matter\.decide/);
    expect(await page.locator('.confirmation').textContent()).toBe('Đã ghi nhận quyết định.');
    expect(await page.locator('#h-decision + dl').textContent()).toContain('Dự thảo gửi xin ý kiến, hết hạn 17/12/2026 23:59');
    await photograph(page, 'board-matter-decided');
    const stored = await api(director.id, `/v1/board-matters/${id}`);
    expect(stored.decision).toMatchObject({ decidedBy: director.id, text: 'Thông qua Kế hoạch công tác năm 2027, bổ sung chỉ tiêu cấp xã.', afterTheFact: false });
    expect(stored.opinions.map((o: { staffId: string }) => o.staffId)).toEqual([deputyA.id, deputyB.id]);
    expect(stored.history.map((e: { action: string }) => e.action)).toEqual(['raised', 'circulated', 'opinion-given', 'opinion-given', 'decided']);
    await page.close();
  }, 180_000);

  it('A5 (Điều 3.2): the director approves the department’s plan from its page, resting it on the work-plan matter whose board meeting is on record', async () => {
    const chief = person('chief-of-office');
    const plan = await api(chief.id, '/v1/plans', { period: '2027-01', obligationId: 'p1-department-plan', content: 'Kế hoạch công tác tháng 01/2027 của Sở' });
    const page = await browser.newPage();
    await signInAs(page, director.name, `/reports/${plan.id}`);
    // Approving without choosing the board matter is refused on the page, with the reason and the comment kept (vi, then en).
    for (const [lang, approve, reason] of [
      ['vi', 'Phê duyệt', 'hãy chọn việc của Ban Giám đốc làm căn cứ'],
      ['en', 'Approve', 'name the board matter it rests on'],
    ] as const) {
      await page.goto(`${base}/reports/${plan.id}${lang === 'en' ? '?lang=en' : ''}`);
      const form = page.locator('form[data-action="plan.decision"]');
      await form.getByLabel(approve, { exact: true }).check();
      await form.locator('textarea[name=comment]').fill('Thống nhất');
      await form.locator('button[type=submit]').click();
      const refused = page.locator('form[data-action="plan.decision"]');
      expect(await refused.locator('.form-message').textContent()).toContain(reason);
      expect(await refused.locator('textarea[name=comment]').inputValue()).toBe('Thống nhất');
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        await page.screenshot({ path: `${SCREENSHOTS}/plan-approval-refused-${lang}-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1366, height: 900 });
    }
    expect((await api(director.id, `/v1/plans/${plan.id}`)).reviewStatus).toBe('submitted');

    const matter = await api(director.id, '/v1/board-matters', { category: 'work-plan', title: 'Kế hoạch công tác tháng 01/2027' });
    const meeting = await api(director.id, '/v1/meetings', { kind: 'extraordinary', heldOn: '2026-12-15', chairId: director.id, participantIds: [director.id, deputyA.id, deputyB.id] });
    await api(director.id, `/v1/board-matters/${matter.id}/meeting`, { meetingId: meeting.id });
    await page.goto(`${base}/reports/${plan.id}`);
    await photograph(page, 'plan-approval-form');
    const again = page.locator('form[data-action="plan.decision"]');
    await again.getByLabel('Phê duyệt', { exact: true }).check();
    await again.getByLabel('Việc của Ban Giám đốc làm căn cứ phê duyệt').selectOption(matter.id);
    await again.locator('button[type=submit]').click();
    await page.waitForURL(/\?ok=plan\.decision/);
    expect(await api(director.id, `/v1/plans/${plan.id}`)).toMatchObject({ reviewStatus: 'approved', lastReview: { by: director.id, boardMatterId: matter.id } });
    await page.close();
  }, 120_000);

  it('A3 (Điều 4.1.2): a deputy director sends the report back he owes from "Việc của tôi"; the director sees it received', async () => {
    const page = await browser.newPage();
    await signInAs(page, deputyA.name, '/my-work');
    const owed = page.locator(`#report-back li[data-id="${delegationId}"]`);
    expect(await owed.textContent()).toContain('10/12/2026 – 14/12/2026');
    expect(await owed.textContent()).toContain('Hạn báo cáo: 17/12/2026 23:59');
    await photograph(page, 'my-work-report-back');
    await owed.getByLabel('Kết quả giải quyết công việc').fill('Ký 9 văn bản đi; chủ trì giao ban ngày 11/12/2026.');
    await owed.locator('button[type=submit]').click();
    await page.waitForURL(/\/my-work\?ok=delegation\.report-back/);
    expect(await page.locator('#report-back .notice').textContent()).toBe('Đã gửi báo cáo kết quả thực hiện ủy quyền.');
    expect(await page.locator('form[data-action="delegation.report-back"]').count()).toBe(0);
    expect((await api(deputyA.id, '/v1/delegations/reports-back-owed')).items).toEqual([]);

    await signInAs(page, director.name, '/my-work');
    expect(await page.locator('#report-back').textContent()).toContain('Ký 9 văn bản đi; chủ trì giao ban ngày 11/12/2026.');
    await photograph(page, 'my-work-report-back-received');
    await page.close();
  }, 120_000);
});
