/**
 * Every page, read in Vietnamese in headless Chromium after the scripted month: none shows an
 * English title of the rulebook (rules, obligations, meetings, roles, units) or of the compliance
 * engine, nor the id of a unit, a person, an assignment or a meeting where a name exists. The
 * pages are listed once in PAGES: a new page is one more line there.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceRules } from '../../shared/services/compliance/registry.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, SCREENSHOTS, type BrowserRun } from '../support/browser.js';
import { cast, MONTH_NOW, scriptMonth, type ScriptedMonth } from '../support/dashboard-month.js';
import { sonLa } from '../support/people.js';


/** Every page a person reads, by what the scripted month gives it; `signedIn: false` for the pages seen before signing in. */
const PAGES: readonly { name: string; path: (m: ScriptedMonth) => string; status?: number; signedIn?: false }[] = [
  { name: 'sign-in', path: () => '/auth/sign-in', signedIn: false },
  { name: 'overview', path: () => '/dashboard?period=2026-11' },
  { name: 'overview, a week', path: () => '/dashboard?period=2026-W48' },
  { name: 'unit', path: () => '/dashboard/units/it?period=2026-11' },
  { name: 'unit: the ICT Centre', path: () => '/dashboard/units/ict-centre?period=2026-11' },
  { name: 'person', path: () => `/dashboard/people/${cast.pressSpecialist.id}?period=2026-11` },
  { name: 'records: assignments', path: () => '/dashboard/records?period=2026-11&figure=assignments.assigned' },
  { name: 'records: reports', path: () => '/dashboard/records?period=2026-11&figure=reports.due&unitId=press' },
  { name: 'records: meetings', path: () => '/dashboard/records?period=2026-11&figure=meetings.held' },
  { name: 'records: findings', path: () => '/dashboard/records?period=2026-11&figure=findings.detected' },
  { name: 'findings', path: () => '/dashboard/findings?period=2026-11' },
  { name: 'assignment', path: (m) => `/dashboard/assignments/${Object.values(m.assignments)[0]}` },
  { name: 'meeting', path: (m) => `/meetings/${m.meetings.onTime}` },
  { name: 'calendar', path: () => '/calendar?week=2026-W48' },
  // The workspace (issue #16).
  { name: 'my work', path: () => '/my-work' },
  { name: 'awaiting my decision', path: () => '/decisions' },
  { name: 'assign work', path: () => '/assignments/new' },
  { name: 'workspace: assignment', path: (m) => `/assignments/${Object.values(m.assignments)[0]}` },
  { name: 'workspace: reports', path: () => '/reports' },
  { name: 'workspace: leave', path: () => '/leave' },
  { name: 'workspace: finance', path: () => '/finance' },
  { name: 'workspace: meetings', path: () => '/meetings' },
  { name: 'workspace: a finding', path: (m) => `/findings/${m.resolvedFinding}` },
  // The evaluation cycle (issue #23).
  { name: 'evaluation: the list', path: () => '/evaluations?period=2026-11' },
  { name: 'evaluation: a dossier', path: () => `/evaluations/${cast.itSpecialist.id}/2026-11` },
  { name: 'evaluation: a head’s dossier, the year', path: () => `/evaluations/${cast.itHead.id}/2026` },
  { name: 'error: not found', path: () => '/dashboard/units/no-such-unit', status: 404 },
  { name: 'error: bad address', path: () => '/dashboard?period=2026-13', status: 400 },
  { name: 'error: no such page', path: () => '/no-such-page', status: 404 },
];

/** The English titles a Vietnamese page must never show. */
const ENGLISH = [
  ...(sonLa.rules ?? []).map((r) => r.title.en),
  ...sonLa.reportObligations.map((o) => o.title.en),
  ...sonLa.meetingObligations.map((o) => o.title.en),
  ...[sonLa.finance.incomeExpenseReport?.title.en, sonLa.finance.cashReport?.title.en].filter((x): x is string => !!x),
  ...Object.values(sonLa.roles).map((r) => r.en),
  ...Object.values(sonLa.unitTitles ?? {}).flatMap((u) => [u.head.en, u.deputy.en]),
  ...sonLa.units.map((u) => u.name.en),
  ...complianceRules.map((r) => r.title),
];

let t: TestApp;
let month: ScriptedMonth;
let run: BrowserRun;
let base: string;
let browser: BrowserContext;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(MONTH_NOW) });
  month = await scriptMonth(t);
  // More rules' findings for the pages to show: the weekly reports (R1-R3) and the conclusions (M3).
  for (const [rule, at] of [['R3', '2026-11-26T10:05:00+07:00'], ['R2', '2026-11-26T16:05:00+07:00'], ['M3', '2026-11-24T17:05:00+07:00'], ['M1', '2026-11-30T00:05:00+07:00']] as const) {
    const res = await t.as(cast.director.id, '/v1/checks/run', { method: 'POST', body: JSON.stringify({ rule, at }), clock: at });
    expect(res.status).toBe(200);
  }
  run = await openBrowser(t.app.fetch, { width: 1280, height: 900 });
  ({ base, browser } = run);
}, 240_000);

afterAll(async () => {
  await run?.close();
  await t?.dispose();
});

async function signInAs(page: Page, name: string): Promise<void> {
  await page.goto(`${base}/auth/sign-in?next=%2Fdashboard`);
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  await page.waitForURL((url) => !['/auth/sign-in', '/dev/sign-in'].includes(url.pathname));
}

/** What a person reads on the page: its title and its text. */
const readable = async (page: Page) => `${await page.title()}\n${await page.locator('body').innerText()}`;

describe('every page in Vietnamese', () => {
  it('shows no English title of the rulebook and no record id where a name exists', async () => {
    const page = await browser.newPage();
    await page.context().clearCookies();
    const ids = [
      ...sonLa.staff.map((s) => s.id),
      ...sonLa.units.map((u) => u.id).filter((id) => id.includes('-')),
      ...Object.values(month.assignments),
      ...Object.values(month.meetings),
    ];
    let signedIn = false;
    const seen: string[] = [];
    for (const p of PAGES) {
      if (p.signedIn !== false && !signedIn) {
        await signInAs(page, cast.director.name);
        signedIn = true;
      }
      const response = await page.goto(`${base}${p.path(month)}`);
      expect(response?.status(), p.name).toBe(p.status ?? 200);
      expect(await page.locator('html').getAttribute('lang'), p.name).toBe('vi');
      const text = await readable(page);
      expect(ENGLISH.filter((en) => text.includes(en)), `${p.name}: English titles`).toEqual([]);
      expect(ids.filter((id) => text.includes(id)), `${p.name}: ids shown`).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/vi-${p.name.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
      seen.push(p.name);
    }
    expect(seen).toHaveLength(PAGES.length);
    await page.close();
  }, 240_000);

  it('at 390 px no page scrolls sideways, in Vietnamese or in English: a wide table scrolls in its own region', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.context().clearCookies();
    const wide: string[] = [];
    let signedIn = false;
    for (const p of PAGES) {
      if (p.signedIn !== false && !signedIn) {
        await signInAs(page, cast.director.name);
        signedIn = true;
      }
      for (const lang of ['vi', 'en'] as const) {
        const path = p.path(month);
        const response = await page.goto(`${base}${lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path}`);
        expect(response?.status(), p.name).toBe(p.status ?? 200);
        const width = await page.evaluate<number>('document.documentElement.scrollWidth');
        if (width > 390) wide.push(`${p.name} (${lang}): ${width} px`);
      }
    }
    expect(wide).toEqual([]);
    await page.close();
  }, 240_000);

  it('the pages say what they show in the department’s words: unit titles, periods, dates and findings', async () => {
    const page = await browser.newPage();
    await page.context().clearCookies();
    await signInAs(page, cast.director.name);
    await page.goto(`${base}/dashboard/units/ict-centre?period=2026-11`);
    const centre = await readable(page);
    expect(centre).toContain('Giám đốc Trung tâm');
    expect(centre).toContain('Phó Giám đốc Trung tâm');
    expect(centre).not.toContain('Trưởng phòng');
    await page.goto(`${base}/dashboard/findings?period=2026-11`);
    const findings = await readable(page);
    expect(findings).toContain('A6 — Nhiệm vụ được giao không hoàn thành đúng hạn');
    expect(findings).toMatch(/Nhắc nhở \(mức 1\): .+ chưa hoàn thành nhiệm vụ “.+”, hạn \d\d\/\d\d\/2026, đã quá hạn \d+ ngày làm việc\./);
    expect(findings).toContain('Chi trả lương, phụ cấp — Tháng 11/2026: ');
    expect(findings).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await page.goto(`${base}/dashboard?period=2026-W48`);
    expect(await readable(page)).toContain('Tuần 48/2026 (23/11–29/11)');
    await page.close();
  }, 120_000);
});
