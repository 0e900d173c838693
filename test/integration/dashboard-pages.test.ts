import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { cast, MONTH_NOW, scriptMonth, type ScriptedMonth } from '../support/dashboard-month.js';
import { sonLa } from '../support/people.js';

let t: TestApp;
let month: ScriptedMonth;
const { director, itHead, itSpecialist } = cast;
const HTML = { accept: 'text/html,application/xhtml+xml' };
let hostile: string;

beforeAll(async () => {
  t = await createTestApp();
  month = await scriptMonth(t);
  const res = await t.as(itHead.id, '/v1/assignments', {
    method: 'POST',
    body: JSON.stringify({ title: '<script>alert(1)</script> & "quotes"', assigneeId: itSpecialist.id, dueDate: '2026-11-30' }),
    clock: '2026-11-02T09:00:00+07:00',
  });
  hostile = ((await res.json()) as { id: string }).id;
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

/** Signs in through the local sign-in form; returns the session cookie. */
async function signIn(staffId: string): Promise<string> {
  const res = await t.app.request('/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: new URLSearchParams({ staffId, next: '/dashboard' }).toString(),
  });
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie')!;
  return cookie.split(';')[0]!;
}

const page = (cookie: string, path: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { headers: { ...HTML, cookie, 'x-clock': MONTH_NOW, ...headers } });

async function html(cookie: string, path: string, status = 200): Promise<string> {
  const res = await page(cookie, path);
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  if (path.startsWith('/dashboard')) expect(res.headers.get('cache-control')).toBe('private, no-store');
  expect(text).not.toMatch(/style=|<script|<style|javascript:/i);
  return text;
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('signing in to the pages locally', () => {
  it('sends a browser without a session to sign in and back; an API client gets 401', async () => {
    const res = await t.app.request('/dashboard/units/it?period=2026-11', { headers: HTML });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign-in?next=%2Fdashboard%2Funits%2Fit%3Fperiod%3D2026-11');
    const api = await t.app.request('/dashboard');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('lists the demo staff, unit by unit, each a button of one form', async () => {
    const text = await html('', '/auth/sign-in?next=%2Fdashboard%2Funits%2Fit');
    expect(text).toContain('<html lang="vi">');
    expect(count(text, /<button type="submit" name="staffId"/g)).toBe(sonLa.staff.length);
    expect(count(text, /<fieldset>/g)).toBe(sonLa.units.length);
    expect(text).toContain('<form method="post" action="/dev/sign-in" class="sign-in">');
    expect(text).toContain('<input type="hidden" name="next" value="/dashboard/units/it"/>');
    expect(text).toContain(`value="${director.id}"`);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, also from POST /dev/token', async () => {
    const res = await t.app.request('/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ staffId: itHead.id, next: '/dashboard/units/it' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard/units/it');
    expect(res.headers.get('set-cookie')).toMatch(/^tracker_session=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax$/);
    const api = await t.app.request('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId: director.id }) });
    expect(api.status).toBe(200);
    const { token } = (await api.json()) as { token: string };
    expect(api.headers.get('set-cookie')).toBe(`tracker_session=${token}; Max-Age=28800; Path=/; HttpOnly; SameSite=Lax`);
  });

  it('never sends anyone elsewhere: another site’s form is refused, and `next` stays on this site', async () => {
    const other = await t.app.request('/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ staffId: director.id }).toString(),
    });
    expect(other.status).toBe(403);
    expect(other.headers.get('set-cookie')).toBeNull();
    const fetched = await t.app.request('/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ staffId: director.id }).toString(),
    });
    expect(fetched.status).toBe(403);
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const res = await t.app.request('/dev/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ staffId: director.id, next }).toString(),
      });
      // Everyone lands on "Việc của tôi" (issue #16).
      expect(res.headers.get('location'), next).toBe('/my-work');
    }
    const unknown = await t.app.request('/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ staffId: 'nobody', next: '/dashboard' }).toString(),
    });
    expect(unknown.headers.get('location')).toBe('/auth/sign-in?next=%2Fdashboard');
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('takes the cookie on page routes only, never on the API, and drops a cookie that is no longer valid', async () => {
    const cookie = await signIn(director.id);
    expect((await t.app.request('/v1/dashboard?period=2026-11', { headers: { cookie } })).status).toBe(401);
    const forged = await page('tracker_session=eyJhbGciOiJFUzI1NiJ9.eyJzdGFmZklkIjoieCJ9.c2ln', '/dashboard');
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toBe('/auth/sign-in?next=%2Fdashboard');
    expect(forged.headers.get('set-cookie')).toMatch(/^tracker_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/);
  });

  it('signs out: the cookie is cleared and the sign-in page says so', async () => {
    const res = await t.app.request('/auth/sign-out', { method: 'POST' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign-in?signedOut=1');
    expect(res.headers.get('set-cookie')).toMatch(/^tracker_session=; Max-Age=0; Path=\/;/);
    expect(await html('', '/auth/sign-in?signedOut=1')).toContain('Bạn đã đăng xuất.');
  });
});

describe('the pages', () => {
  it('the director’s overview: a row and a bar per unit, every figure a link to its records, the trend, the export', async () => {
    const text = await html(await signIn(director.id), '/dashboard?period=2026-11');
    expect(text).toContain('<html lang="vi">');
    expect(text).toContain('Theo dõi trách nhiệm thực hiện quy chế');
    expect(text).toContain('Tháng 11/2026');
    expect(text).toContain('Số liệu tính đến 30/11/2026 09:00');
    for (const u of sonLa.units) expect(text).toContain(`<a href="/dashboard/units/${u.id}?period=2026-11">${u.name.vi}</a>`);
    // 16 figures in each unit's row, 6 summary cards.
    expect(count(text, /<a class="figure[^"]*" href="\/dashboard\/records\?/g)).toBe(sonLa.units.length * 16);
    expect(count(text, /<a class="card-value figure" href="\/dashboard\/records\?/g)).toBe(6);
    expect(text).toContain('<a class="figure" href="/dashboard/records?period=2026-11&amp;figure=assignments.overdue&amp;unitId=press">1</a>');
    expect(count(text, /<rect class="seg /g)).toBeGreaterThan(0);
    expect(count(text, /<circle class="rate-point"/g)).toBe(2);
    expect(text).toContain('href="/dashboard/export?period=2026-11&amp;format=xlsx"');
    expect(text).toContain('<option value="2026-11" selected="">Tháng 11/2026</option>');
    expect(text).toContain('<label for="period">Kỳ</label>');
  });

  it('a head is taken to their unit; a specialist to their own page; other units are a 404 page', async () => {
    const head = await signIn(itHead.id);
    const res = await page(head, '/dashboard?period=2026-11');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/dashboard/units/it?period=2026-11');
    const unit = await html(head, '/dashboard/units/it?period=2026-11');
    expect(unit).toContain('<h1>Phòng Công nghệ thông tin</h1>');
    for (const s of sonLa.staff.filter((x) => x.unitId === 'it')) expect(unit).toContain(`/dashboard/people/${s.id}?period=2026-11`);
    expect(unit).not.toContain('Phòng Thông tin – Báo chí – Xuất bản');
    expect(await html(head, '/dashboard/units/press?period=2026-11', 404)).toContain('Không tìm thấy, hoặc bạn không có quyền xem.');
    const specialist = await signIn(itSpecialist.id);
    const own = await page(specialist, '/dashboard');
    expect(own.headers.get('location')).toBe(`/dashboard/people/${itSpecialist.id}`);
    const mine = await html(specialist, `/dashboard/people/${itSpecialist.id}?period=2026-11`);
    expect(mine).toContain('<h1>Công việc của tôi</h1>');
    expect(mine).toContain('aria-current="page">Số liệu của tôi</a>');
    await html(specialist, `/dashboard/people/${cast.itSpecialist2.id}?period=2026-11`, 404);
  });

  it('in English on request, every link keeping English', async () => {
    const text = await html(await signIn(director.id), '/dashboard?period=2026-11&lang=en');
    expect(text).toContain('<html lang="en">');
    expect(text).toContain('Accountability dashboard');
    expect(text).toContain('November 2026');
    expect(text).toContain('<a class="lang-link" href="/dashboard?period=2026-11" hreflang="vi" lang="vi">Tiếng Việt</a>');
    expect(text).toContain('href="/dashboard/records?period=2026-11&amp;figure=assignments.overdue&amp;unitId=press&amp;lang=en"');
  });

  it('a figure’s records, then one assignment’s whole history', async () => {
    const cookie = await signIn(itHead.id);
    const records = await html(cookie, '/dashboard/records?period=2026-11&unitId=it&figure=assignments.completedLate');
    expect(records).toContain('<strong>2</strong> hồ sơ');
    expect(records).toContain(`<a href="/dashboard/assignments/${month.assignments.reworked}">Sao lưu dữ liệu</a>`);
    expect(records).toContain(`<a href="/dashboard/assignments/${month.assignments.late}">Cập nhật phần mềm một cửa</a>`);
    const history = await html(cookie, `/dashboard/assignments/${month.assignments.reworked}`);
    const actions = [...history.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(actions).toEqual(['Giao nhiệm vụ', 'Báo cáo hoàn thành', 'Trả lại để làm lại', 'Báo cáo hoàn thành']);
    expect(history).toContain('Thiếu bản sao lưu máy chủ thư');
    const hidden = await html(cookie, '/dashboard/records?period=2026-11&unitId=it&figure=assignments.completedOnTime');
    expect(hidden).toContain('1 hồ sơ mật không hiển thị');
    await html(cookie, `/dashboard/assignments/${month.assignments.confidential}`, 404);
  });

  it('escapes what people typed', async () => {
    const text = await html(await signIn(itHead.id), '/dashboard/records?period=2026-11&unitId=it&figure=assignments.dueSoon');
    expect(text).toContain(`<a href="/dashboard/assignments/${hostile}">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</a>`);
  });

  it('the findings page names the rule and the article each finding cites', async () => {
    const text = await html(await signIn(director.id), '/dashboard/findings?period=2026-11');
    expect(text).toContain('<td>Điều 9.2.4</td>');
    expect(count(text, /<tr id="finding-/g)).toBe(2);
    expect(text).toContain('href="/dashboard/records?period=2026-11&amp;figure=findings.open&amp;rule=F2"');
  });

  it('the meeting page has the same frame and sign-in', async () => {
    const cookie = await signIn(itSpecialist.id);
    const text = await html(cookie, `/meetings/${month.meetings.onTime}`);
    expect(text).toContain('<nav class="site-nav"');
    expect(text).toContain('Kết luận cuộc họp');
    const anonymous = await t.app.request(`/meetings/${month.meetings.onTime}`, { headers: HTML });
    expect(anonymous.headers.get('location')).toBe(`/auth/sign-in?next=%2Fmeetings%2F${month.meetings.onTime}`);
  });

  it('downloads the export with the session', async () => {
    const res = await page(await signIn(itHead.id), '/dashboard/export?period=2026-11&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="danh-gia_so-tttt-son-la_it_2026-11.csv"');
  });

  it('a bad address is a 400 page naming the parameter, in Vietnamese', async () => {
    const text = await html(await signIn(director.id), '/dashboard?period=2026-13', 400);
    expect(text).toContain('Các tham số sau không hợp lệ: period không hợp lệ.');
  });
});
