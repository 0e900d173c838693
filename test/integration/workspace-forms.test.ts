/**
 * The workspace's page forms (issue #16) through the real app on DynamoDB Local: the session
 * cookie changes nothing without the session's CSRF token and a same-origin request; a stale
 * version gives the conflict message; one idempotency key makes one record; a bad field comes
 * back next to the field with what was typed; a forged action is refused as the API refuses it.
 * Also the new acceptance (nghiệm thu) route of the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { csrfTokenFor } from '../../functions/api/forms/csrf.js';

let t: TestApp;
const director = person('director');
const head = person('head', 'it');
const specialist = person('specialist', 'it');
const other = person('specialist', 'it', 1);
const NOW = '2026-12-03T09:00:00+07:00';
const HTML = 'text/html,application/xhtml+xml';

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

const cookieOf = async (staffId: string) => `tracker_session=${await t.token(staffId)}`;

async function get(staffId: string, path: string, clock = NOW): Promise<{ status: number; html: string }> {
  const res = await t.app.request(path, { headers: { accept: HTML, cookie: await cookieOf(staffId), 'x-clock': clock } });
  return { status: res.status, html: await res.text() };
}

/** The hidden fields of the form with this data-action on the page. */
function formOf(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`data-action="${action}"`);
  expect(start, `no form ${action}`).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf('</form>', start));
  const hidden: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) hidden[m[1]!] = m[2]!;
  return hidden;
}

async function post(
  staffId: string,
  path: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', origin: 'null' },
  clock = NOW,
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return t.app.request(path, {
    method: 'POST',
    headers: { accept: HTML, cookie: await cookieOf(staffId), 'content-type': 'application/x-www-form-urlencoded', 'x-clock': clock, ...headers },
    body: body.toString(),
  });
}

async function assign(title: string, dueDate: string, clock = NOW, by = head.id, to = specialist.id): Promise<string> {
  const res = await t.as(by, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title, assigneeId: to, dueDate }), clock });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const read = async (id: string, as = head.id) => (await (await t.as(as, `/v1/assignments/${id}`, { clock: NOW })).json()) as Record<string, unknown> & { version: number; history: { action: string }[] };

describe('"Việc của tôi"', () => {
  it('lists an overdue task from an earlier month first, with working days overdue and the escalation reached', async () => {
    const old = await assign('Rà soát hạ tầng tháng 10', '2026-10-20', '2026-10-01T09:00:00+07:00');
    const soon = await assign('Báo cáo nhanh', '2026-12-04');
    const later = await assign('Kế hoạch năm 2027', '2026-12-28');
    const { status, html } = await get(specialist.id, '/my-work');
    expect(status).toBe(200);
    const overdue = html.slice(html.indexOf('class="work-group overdue"'), html.indexOf('class="work-group due-soon"'));
    expect(overdue).toContain(`data-assignment="${old}"`);
    // 20/10 → 03/12/2026: 32 working days (no holiday between), past the 10-day review step.
    expect(overdue).toMatch(/Quá hạn 32 ngày làm việc/);
    expect(overdue).toContain('kiểm điểm');
    expect(html.indexOf(`data-assignment="${soon}"`)).toBeGreaterThan(html.indexOf('class="work-group due-soon"'));
    expect(html.indexOf(`data-assignment="${later}"`)).toBeGreaterThan(html.indexOf('class="work-group within-deadline"'));
    expect(html).toContain('Báo cáo phải nộp');
  });

  it('the dashboard shows it as open now beside the period, which counts it in October only', async () => {
    const dec = (await (await t.as(director.id, `/v1/dashboard?period=2026-12&staffId=${specialist.id}`, { clock: NOW })).json()) as {
      openNow: { overdue: number; dueSoon: number };
      totals: { assignments: { overdue: number } };
      units: { unitId: string; openNow: { overdue: number } }[];
    };
    // The October task is overdue today but not counted in December's figures.
    expect(dec.openNow.overdue).toBe(1);
    expect(dec.openNow.dueSoon).toBe(1);
    expect(dec.totals.assignments.overdue).toBe(0);
    const dept = (await (await t.as(director.id, '/v1/dashboard?period=2026-12', { clock: NOW })).json()) as typeof dec;
    expect(dept.openNow.overdue).toBe(1);
    expect(dept.units.find((u) => u.unitId === 'it')!.openNow.overdue).toBe(1);
    const { html } = await get(specialist.id, `/dashboard/people/${specialist.id}?period=2026-12`);
    const block = html.slice(html.indexOf('class="open-now"'), html.indexOf('</section>', html.indexOf('class="open-now"')));
    expect(block).toContain('Đang mở hôm nay');
    expect(block).toMatch(/Quá hạn<\/span><span class="card-value"><a href="\/my-work">1<\/a>/);
  });

  it('is where signing in lands', async () => {
    const res = await t.app.request('/', { headers: { accept: HTML } });
    expect(res.headers.get('location')).toBe('/my-work');
  });
});

describe('CSRF and origin', () => {
  it('refuses a cookie post without the token, with a wrong one, or from another site, and writes nothing', async () => {
    const id = await assign('Cập nhật cổng thông tin', '2026-12-20');
    const { html } = await get(specialist.id, `/assignments/${id}`);
    const hidden = formOf(html, 'assignment.progress');
    expect(hidden._csrf).toMatch(/^[\w-]{20,}$/);
    const before = await t.countItems();
    const fields = { percent: '40', note: 'Đã xong phần giao diện', _version: hidden._version!, _idem: hidden._idem! };
    const missing = await post(specialist.id, `/assignments/${id}/progress`, fields);
    const wrong = await post(specialist.id, `/assignments/${id}/progress`, { ...fields, _csrf: 'x'.repeat(43) });
    // Another person's token is not this session's.
    const foreign = await post(specialist.id, `/assignments/${id}/progress`, { ...fields, _csrf: csrfTokenFor(await t.token(other.id)) });
    const crossSite = await post(specialist.id, `/assignments/${id}/progress`, { ...fields, _csrf: hidden._csrf! }, { 'sec-fetch-site': 'cross-site', origin: 'null' });
    const otherOrigin = await post(specialist.id, `/assignments/${id}/progress`, { ...fields, _csrf: hidden._csrf! }, { origin: 'https://evil.example' });
    for (const res of [missing, wrong, foreign, crossSite, otherOrigin]) {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Không có gì được ghi lại');
    }
    expect(await t.countItems()).toBe(before);
    expect((await read(id)).percent).toBe(0);

    const ok = await post(specialist.id, `/assignments/${id}/progress`, { ...fields, _csrf: hidden._csrf! });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/assignments/${id}?ok=assignment.progress`);
    const after = await read(id);
    expect(after.percent).toBe(40);
    expect(after.lastProgressNote).toBe('Đã xong phần giao diện');
    expect((await get(specialist.id, ok.headers.get('location')!)).html).toContain('Đã ghi nhận tiến độ.');
  });

  it('serves its one optional script from this site, under the strict CSP', async () => {
    const res = await t.app.request('/assets/forms.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toContain("hasAttribute('data-action')");
    const page = await t.app.request('/my-work', { headers: { accept: HTML, cookie: await cookieOf(specialist.id), 'x-clock': NOW } });
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(await page.text()).toContain('<script src="/assets/forms.js"></script>');
  });

  it('never lets the cookie reach the API', async () => {
    const res = await t.app.request('/v1/assignments', {
      method: 'POST',
      headers: { cookie: await cookieOf(head.id), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x', assigneeId: specialist.id, dueDate: '2026-12-20' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('forms', () => {
  it('shows a stale version as "someone changed this", keeps what was typed and overwrites nothing', async () => {
    const id = await assign('Hai tab cùng sửa', '2026-12-20');
    const { html } = await get(specialist.id, `/assignments/${id}`);
    const hidden = formOf(html, 'assignment.progress');
    const first = await post(specialist.id, `/assignments/${id}/progress`, { ...hidden, percent: '30', note: 'Tab một' });
    expect(first.status).toBe(303);
    const before = await t.countItems();
    const second = await post(specialist.id, `/assignments/${id}/progress`, { ...hidden, _idem: 'another-tab', percent: '60', note: 'Tab hai' });
    expect(second.status).toBe(412);
    const page = await second.text();
    expect(page).toContain('Đã có người khác thay đổi hồ sơ này');
    expect(page).toContain('Tab hai');
    expect(await t.countItems()).toBe(before);
    const now = await read(id);
    expect(now.percent).toBe(30);
    expect(now.lastProgressNote).toBe('Tab một');
  });

  it('a double click with one idempotency key creates one assignment', async () => {
    const { html } = await get(head.id, '/assignments/new');
    const hidden = formOf(html, 'assignment.create');
    const fields = { ...hidden, title: 'Nhấn đúp chuột', assigneeId: specialist.id, dueDate: '2026-12-22', priority: 'high', 'source.kind': 'ad-hoc', confidentiality: 'normal' };
    const before = await t.countItems();
    const [a, b] = await Promise.all([post(head.id, '/assignments/new', fields), post(head.id, '/assignments/new', fields)]);
    const again = await post(head.id, '/assignments/new', fields);
    expect([a.status, b.status, again.status]).toEqual([303, 303, 303]);
    const locations = new Set([a, b, again].map((r) => r.headers.get('location')));
    expect(locations.size).toBe(1);
    const list = (await (await t.as(head.id, '/v1/assignments?assigneeId=' + specialist.id + '&limit=100', { clock: NOW })).json()) as { items: { title: string; priority: string }[] };
    expect(list.items.filter((i) => i.title === 'Nhấn đúp chuột')).toHaveLength(1);
    expect(list.items.find((i) => i.title === 'Nhấn đúp chuột')!.priority).toBe('high');
    expect(await t.countItems()).toBeGreaterThan(before);
  });

  it('a double click on a change records it once', async () => {
    const id = await assign('Một lần ghi', '2026-12-20');
    const hidden = formOf((await get(specialist.id, `/assignments/${id}`)).html, 'assignment.progress');
    const fields = { ...hidden, percent: '50', note: 'Một nửa' };
    const results = await Promise.all([post(specialist.id, `/assignments/${id}/progress`, fields), post(specialist.id, `/assignments/${id}/progress`, fields)]);
    expect(results.map((r) => r.status)).toEqual([303, 303]);
    const after = await read(id);
    expect(after.history.filter((e) => e.action === 'progress-recorded')).toHaveLength(1);
  });

  it('puts each error next to its field, in Vietnamese, keeping what was typed (422, nothing written)', async () => {
    const { html } = await get(head.id, '/assignments/new');
    const hidden = formOf(html, 'assignment.create');
    const before = await t.countItems();
    const res = await post(head.id, '/assignments/new', {
      ...hidden,
      title: '',
      description: 'Mô tả đã gõ <b>giữ nguyên</b>',
      assigneeId: specialist.id,
      coordinatorIds: [other.id, person('deputy-head', 'it').id],
      dueDate: '2026-02-30',
      'source.kind': 'ad-hoc',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    const fieldOf = (name: string) => {
      const at = page.indexOf(`name="${name}"`);
      return page.slice(page.lastIndexOf('<div class="field', at), page.indexOf('</div>', at));
    };
    expect(fieldOf('title')).toContain('field-error');
    expect(fieldOf('title')).toContain('Bắt buộc nhập.');
    expect(fieldOf('dueDate')).toContain('Ngày không hợp lệ');
    expect(fieldOf('dueDate')).toContain('value="2026-02-30"');
    expect(page).toContain('Mô tả đã gõ &lt;b&gt;giữ nguyên&lt;/b&gt;');
    expect(fieldOf('coordinatorIds')).toMatch(new RegExp(`value="${other.id}" selected`));
    expect(fieldOf('assigneeId')).toMatch(new RegExp(`value="${specialist.id}" selected`));
    expect(await t.countItems()).toBe(before);

    const id = await assign('Tiến độ sai', '2026-12-20');
    const p = formOf((await get(specialist.id, `/assignments/${id}`)).html, 'assignment.progress');
    const bad = await post(specialist.id, `/assignments/${id}/progress`, { ...p, percent: '150', note: 'Ghi chú giữ lại' });
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain('Không lớn hơn 100.');
    expect(text).toContain('value="150"');
    expect(text).toContain('Ghi chú giữ lại');
    // A domain rule (the due date in the past) is a field error too.
    const past = await post(head.id, '/assignments/new', { ...hidden, _idem: 'past-date', title: 'Hạn đã qua', assigneeId: specialist.id, dueDate: '2026-11-01' });
    expect(past.status).toBe(422);
    expect(await past.text()).toContain('Hạn xử lý phải từ hôm nay trở đi.');
  });

  it('offers only what the person may do, and refuses a forged post exactly as the API does', async () => {
    const id = await assign('Không được hủy', '2026-12-20');
    const asSpecialist = (await get(specialist.id, `/assignments/${id}`)).html;
    expect(asSpecialist).toContain('data-action="assignment.progress"');
    expect(asSpecialist).not.toContain('data-action="assignment.cancel"');
    const asHead = (await get(head.id, `/assignments/${id}`)).html;
    expect(asHead).toContain('data-action="assignment.cancel"');
    expect(asHead).not.toContain('data-action="assignment.progress"');
    // Each form has exactly one submit button.
    for (const form of asHead.split('<form').slice(1).filter((f) => f.includes('data-action='))) {
      expect(form.slice(0, form.indexOf('</form>')).match(/type="submit"/g)).toHaveLength(1);
    }

    const hidden = formOf(asSpecialist, 'assignment.progress');
    const before = await t.countItems();
    const forged = await post(specialist.id, `/assignments/${id}/cancel`, { ...hidden, reason: 'tự hủy' });
    expect(forged.status).toBe(403);
    expect(await t.countItems()).toBe(before);
    const api = await t.as(specialist.id, `/v1/assignments/${id}/cancel`, { method: 'POST', body: JSON.stringify({ reason: 'tự hủy' }), clock: NOW });
    expect(api.status).toBe(403);
    // Someone who may not see it gets the same page as a missing id.
    const outsider = person('specialist', 'press').id;
    const unseen = await post(outsider, `/assignments/${id}/progress`, { ...hidden, _csrf: csrfTokenFor(await t.token(outsider)), percent: '10', note: 'x' });
    expect(unseen.status).toBe(404);
    const missing = await get(person('specialist', 'press').id, `/assignments/${id}`);
    const none = await get(person('specialist', 'press').id, '/assignments/01NOSUCHASSIGNMENT000000000');
    expect(missing.status).toBe(404);
    expect(none.status).toBe(404);
    expect(await t.countItems()).toBe(before);
  });

  it('extension: request, withdraw, request again, the head decides; complete; accept', async () => {
    const id = await assign('Gia hạn và nghiệm thu', '2026-12-10');
    let html = (await get(specialist.id, `/assignments/${id}`)).html;
    const req = await post(specialist.id, `/assignments/${id}/extension-request`, { ...formOf(html, 'assignment.extension-request'), newDueDate: '2026-12-18', reason: 'Chờ số liệu' });
    expect(req.status).toBe(303);
    html = (await get(specialist.id, `/assignments/${id}`)).html;
    const withdrawn = await post(specialist.id, `/assignments/${id}/extension-withdraw`, formOf(html, 'assignment.extension-withdraw'));
    expect(withdrawn.status).toBe(303);
    expect(((await read(id)).extensionRequests as { status: string }[]).map((r) => r.status)).toEqual(['withdrawn']);
    html = (await get(specialist.id, `/assignments/${id}`)).html;
    await post(specialist.id, `/assignments/${id}/extension-request`, { ...formOf(html, 'assignment.extension-request'), newDueDate: '2026-12-18', reason: 'Chờ số liệu' });
    html = (await get(head.id, `/assignments/${id}`)).html;
    const decided = await post(head.id, `/assignments/${id}/extension-decision`, { ...formOf(html, 'assignment.extension-decision'), approve: 'true', note: 'Đồng ý' });
    expect(decided.status).toBe(303);
    expect((await read(id)).dueDate).toBe('2026-12-18');
    html = (await get(specialist.id, `/assignments/${id}`)).html;
    const done = await post(specialist.id, `/assignments/${id}/complete`, {
      ...formOf(html, 'assignment.complete'),
      note: 'Đã xong',
      'evidence.0.url': 'https://example.gov.vn/bao-cao.pdf',
      'evidence.0.title': 'Báo cáo',
      'evidence.1.url': '',
      'evidence.1.title': '',
    });
    expect(done.status).toBe(303);
    const completed = await read(id);
    expect(completed.awaitingAcceptance).toBe(true);
    expect(completed.evidence).toEqual([{ url: 'https://example.gov.vn/bao-cao.pdf', title: 'Báo cáo' }]);
    expect((await get(specialist.id, '/my-work')).html).toContain('Đã hoàn thành, chờ nghiệm thu');
    html = (await get(head.id, `/assignments/${id}`)).html;
    const accepted = await post(head.id, `/assignments/${id}/accept`, { ...formOf(html, 'assignment.accept'), note: 'Đạt' });
    expect(accepted.status).toBe(303);
    const final = await read(id);
    expect(final.awaitingAcceptance).toBe(false);
    expect(final.acceptedBy).toBe(head.id);
    expect(final.history.at(-1)!.action).toBe('accepted');
  });
});

describe('acceptance in the API (POST /v1/assignments/{id}/accept)', () => {
  it('confirms a completion without changing its timeliness; only who may return it may accept; once', async () => {
    const id = await assign('Nghiệm thu qua API', '2026-12-05', '2026-12-01T09:00:00+07:00');
    // Completed late (after the 5th), accepted later: it stays late.
    const done = await t.as(specialist.id, `/v1/assignments/${id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'xong' }), clock: '2026-12-07T10:00:00+07:00' });
    expect(done.status).toBe(200);
    const completed = (await done.json()) as { completion: string; awaitingAcceptance: boolean; completedAt: string };
    expect(completed).toMatchObject({ completion: 'late', awaitingAcceptance: true });
    const openList = (await (await t.as(head.id, `/v1/assignments?status=completed&assigneeId=${specialist.id}`, { clock: '2026-12-08T09:00:00+07:00' })).json()) as { items: { id: string }[] };
    expect(openList.items.map((i) => i.id)).toContain(id);

    const before = await t.countItems();
    const bySpecialist = await t.as(specialist.id, `/v1/assignments/${id}/accept`, { method: 'POST', body: '{}', clock: '2026-12-08T09:00:00+07:00' });
    expect(bySpecialist.status).toBe(403);
    const stale = await t.as(head.id, `/v1/assignments/${id}/accept`, { method: 'POST', body: '{}', headers: { 'if-match': '"1"' }, clock: '2026-12-08T09:00:00+07:00' });
    expect(stale.status).toBe(412);
    expect(await t.countItems()).toBe(before);

    const ok = await t.as(director.id, `/v1/assignments/${id}/accept`, { method: 'POST', body: JSON.stringify({ note: 'Đạt yêu cầu' }), clock: '2026-12-08T09:00:00+07:00' });
    expect(ok.status).toBe(200);
    const accepted = (await ok.json()) as Record<string, unknown>;
    expect(accepted).toMatchObject({ completion: 'late', completedAt: completed.completedAt, awaitingAcceptance: false, acceptedBy: director.id, acceptanceNote: 'Đạt yêu cầu' });
    const twice = await t.as(head.id, `/v1/assignments/${id}/accept`, { method: 'POST', body: '{}', clock: '2026-12-08T09:00:00+07:00' });
    expect(twice.status).toBe(409);
    const back = await t.as(head.id, `/v1/assignments/${id}/return`, { method: 'POST', body: JSON.stringify({ reason: 'làm lại' }), clock: '2026-12-08T09:00:00+07:00' });
    expect(back.status).toBe(409);
    const audit = (await (await t.as(head.id, `/v1/audit?entityId=${id}`)).json()) as { items: { action: string; actorId: string }[] };
    expect(audit.items.at(-1)).toMatchObject({ action: 'accepted', actorId: director.id });
    // Open work is not accepted: 409.
    const open = await assign('Chưa xong', '2026-12-20');
    expect((await t.as(head.id, `/v1/assignments/${open}/accept`, { method: 'POST', body: '{}', clock: NOW })).status).toBe(409);
  });
});
