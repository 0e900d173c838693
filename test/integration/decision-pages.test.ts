// "Chờ quyết định" (issue #16) against DynamoDB Local: each kind of pending item reaches the
// person who decides it and nobody else, through the inbox service and its page; the count is in
// the navigation; the decision forms call the same services as the API and refuse a forged post
// exactly as the API does, writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../functions/api/forms/csrf.js';
import type { InboxKind } from '../../shared/services/inbox-service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person, unitOverseenBy } from '../support/people.js';
import { measureCapacity, recordQueries, repeated } from '../support/read-capacity.js';

let t: TestApp;
const NOW = '2026-12-15T09:00:00+07:00';
const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;

const director = person('director');
const chiefInspector = person('chief-inspector');
const chiefOfOffice = person('chief-of-office');
const accountant = person('accountant');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const itSpecialist2 = person('specialist', 'it', 1);
const pressHead = person('head', 'press');
const pressSpecialist = person('specialist', 'press');
const itDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;
const postsDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('posts-telecom'))!;

const api = async (as: string, path: string, b?: unknown) => {
  const res = await t.as(as, path, b === undefined ? {} : { method: 'POST', body: body(b) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return json(res);
};

/** A browser session: the cookie, and forms posted from this site with the session's CSRF token. */
async function browser(staffId: string) {
  const token = await t.token(staffId);
  const cookie = `tracker_session=${token}`;
  return {
    get: (path: string) => t.app.request(path, { headers: { cookie, accept: 'text/html' } }),
    post: (path: string, fields: Record<string, string>, options: { csrf?: string | null } = {}) => {
      const form = new URLSearchParams(fields);
      if (options.csrf !== null) form.set('_csrf', options.csrf ?? csrfTokenFor(token));
      return t.app.request(path, {
        method: 'POST',
        body: form.toString(),
        headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: 'http://localhost' },
      });
    },
  };
}

const inboxOf = async (staffId: string) => t.services.inbox.list({ ...(await actorOf(staffId)) }, new Date(NOW));
const actorOf = async (staffId: string) => {
  const org = await api(staffId, '/v1/org');
  const me = org.staff.find((s: { id: string }) => s.id === staffId);
  return { orgId: t.orgId, staffId, name: me.name, unitId: me.unitId, roles: me.roles };
};
const idsOf = async (staffId: string, kind: InboxKind) => (await inboxOf(staffId)).items.filter((i) => i.kind === kind).map((i) => i.id);

const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(NOW) });
  // Extension request and completed work: the IT head assigned both.
  const a1 = await api(itHead.id, '/v1/assignments', { title: 'Rà soát hạ tầng', assigneeId: itSpecialist.id, dueDate: '2026-12-18' });
  await api(itSpecialist.id, `/v1/assignments/${a1.id}/extension-requests`, { newDueDate: '2026-12-31', reason: 'Chờ số liệu của đơn vị bạn' });
  ids.extension = a1.id;
  const a2 = await api(itHead.id, '/v1/assignments', { title: 'Cập nhật cổng thông tin', assigneeId: itSpecialist2.id, dueDate: '2026-12-18' });
  await api(itSpecialist2.id, `/v1/assignments/${a2.id}/complete`, { note: 'Đã cập nhật', evidence: [{ url: 'https://example.gov.vn/bc' }] });
  ids.acceptance = a2.id;
  // A weekly report to the IT head, and a quarterly plan of the IT head for the IT deputy director and the director.
  const report = await api(itSpecialist.id, '/v1/reports', { obligationId: 'r3-staff-report', period: '2026-W51', content: 'Tuần 51: hoàn thành rà soát' });
  ids.report = report.id;
  const plan = await api(itHead.id, '/v1/plans', { period: '2027-Q1', content: 'Kế hoạch quý I/2027' });
  ids.plan = plan.id;
  // A specialist's half day of leave goes to their head (L1).
  const leave = await api(itSpecialist.id, '/v1/leave-requests', { kind: 'personal', startDate: '2026-12-21', endHalf: 'morning', reason: 'Việc gia đình' });
  ids.leave = leave.id;
  // The director's own day of leave, with nobody standing in: a request to delegate (A2).
  const own = await api(director.id, '/v1/leave-requests', { kind: 'annual', startDate: '2026-12-22', reason: 'Việc riêng' });
  ids.requestToDelegate = own.delegationRequestId;
  // January's citizen reception schedule, proposed by the chief inspector, for the director (C1).
  await api(chiefInspector.id, '/v1/reception-schedules', { month: '2027-01', sessions: [{ date: '2027-01-12', start: '08:00', end: '11:00', hostId: director.id, location: 'Phòng tiếp công dân' }] });
  ids.reception = '2027-01';
  // No payroll before the 15th: an F2 finding on the accountant.
  const f2 = await api(director.id, '/v1/checks/run', { rule: 'F2', at: '2026-12-15T00:05:00+07:00' });
  ids.finding = f2.findings[0].id;
}, 120_000);

afterAll(async () => {
  await t?.dispose();
});

describe('Chờ quyết định: each pending item reaches its decider, and nobody else', () => {
  it('an extension request and completed work go to the head who assigned them', async () => {
    expect(await idsOf(itHead.id, 'extension')).toEqual([ids.extension]);
    expect(await idsOf(itHead.id, 'acceptance')).toEqual([ids.acceptance]);
    for (const other of [director, pressHead, itSpecialist, itDeputy]) {
      expect(await idsOf(other.id, 'extension')).toEqual([]);
      expect(await idsOf(other.id, 'acceptance')).toEqual([]);
    }
  });

  it('a weekly report goes to its recipient, the head of the unit', async () => {
    expect(await idsOf(itHead.id, 'report')).toEqual([ids.report]);
    for (const other of [pressHead, director, itSpecialist2]) expect(await idsOf(other.id, 'report')).toEqual([]);
  });

  it('a unit plan goes to the director and the deputy director overseeing the unit (P2)', async () => {
    expect(await idsOf(director.id, 'plan')).toEqual([ids.plan]);
    expect(await idsOf(itDeputy.id, 'plan')).toEqual([ids.plan]);
    for (const other of [postsDeputy, pressHead, itHead]) expect(await idsOf(other.id, 'plan')).toEqual([]);
  });

  it('a leave request goes to its routed approver (L1)', async () => {
    expect(await idsOf(itHead.id, 'leave')).toEqual([ids.leave]);
    for (const other of [pressHead, director, itSpecialist]) expect(await idsOf(other.id, 'leave')).toEqual([]);
  });

  it("the director's request to delegate and the reception schedule go to the director alone", async () => {
    expect(await idsOf(director.id, 'request-to-delegate')).toEqual([ids.requestToDelegate]);
    expect(await idsOf(director.id, 'reception-schedule')).toEqual([ids.reception]);
    for (const other of [itDeputy, chiefOfOffice, chiefInspector]) {
      expect(await idsOf(other.id, 'request-to-delegate')).toEqual([]);
      expect(await idsOf(other.id, 'reception-schedule')).toEqual([]);
    }
  });

  it('a finding goes to those who may resolve it: the director, the chief inspector, the subject’s superiors', async () => {
    for (const who of [director, chiefInspector, chiefOfOffice]) expect(await idsOf(who.id, 'finding')).toEqual([ids.finding]);
    for (const other of [accountant, itHead, itSpecialist]) expect(await idsOf(other.id, 'finding')).toEqual([]);
  });

  it('a specialist has nothing to decide', async () => {
    expect((await inboxOf(itSpecialist2.id)).items).toEqual([]);
  });
});

describe('the navigation count is cheap', () => {
  it('is a handful of Queries and GetItems, never a Scan, and writes nothing', async () => {
    const cost: Record<string, unknown> = {};
    for (const who of [director, itHead, itSpecialist]) {
      const actor = await actorOf(who.id);
      const consumed = await measureCapacity(t.table, () => t.services.inbox.count(actor, new Date(NOW)));
      expect(consumed.writes).toBe(0);
      expect(consumed.reads).toBeLessThanOrEqual(16);
      cost[who.id] = consumed;
    }
    // The measured figures, for the record (see the report of issue #16).
    console.info('inbox.count cost', JSON.stringify(cost));
  });
});

describe('the page and the navigation count', () => {
  it('lists each item with a link to where it is decided, and shows the count in the navigation', async () => {
    const res = await (await browser(director.id)).get('/decisions');
    expect(res.status).toBe(200);
    const html = await res.text();
    const count = (await inboxOf(director.id)).items.length;
    expect(count).toBe(4);
    expect(html).toContain('<h1>Chờ quyết định <span class="count-badge">4</span></h1>');
    expect(html).toContain(`href="/findings/${ids.finding}"`);
    expect(html).toContain(`href="/reports/${ids.plan}"`);
    expect(html).toContain(`href="/decisions/reception/2027-01"`);
    expect(html).toMatch(new RegExp(`href="/decisions"[^>]*>[^<]*Chờ quyết định[\\s\\S]{0,200}4`));
  });

  it('reads what awaits the person once: the navigation counts the list the page shows', async () => {
    for (const [who, partition] of [
      [director, '#ASG#open"'],
      [itHead, `#UNIT#${itHead.unitId}#ASG"`],
    ] as const) {
      const session = await browser(who.id);
      await (await session.get('/decisions')).text(); // a warm process
      let html = '';
      const queries = await recordQueries(t.table, async () => {
        html = await (await session.get('/decisions')).text();
      });
      expect(html).toContain('<h1>Chờ quyết định');
      expect(queries.filter((q) => q.includes(partition)), who.id).toHaveLength(1);
      expect(repeated(queries), who.id).toEqual([]);
    }
  });

  it('a page reads each thing once, though its frame, its sections and each unit of the calendar ask for it', async () => {
    for (const [who, path] of [
      [itSpecialist, '/my-work'],
      [itHead, '/my-work'],
      [director, '/calendar'],
      [director, '/leave'],
    ] as const) {
      const session = await browser(who.id);
      expect((await session.get(path)).status, path).toBe(200); // a warm process
      const queries = await recordQueries(t.table, async () => {
        expect((await session.get(path)).status, path).toBe(200);
      });
      expect(queries.length, `${who.id} ${path}`).toBeGreaterThan(3);
      expect(repeated(queries), `${who.id} ${path}`).toEqual([]);
    }
  });

  it('a record that is not there, or not theirs, is a page in the reader’s words, not the API’s English', async () => {
    const session = await browser(itSpecialist.id);
    for (const path of ['/decisions/reception/2027-13', '/reports/no-such-report', `/findings/${ids.finding}`]) {
      const res = await session.get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html, path).toContain('Không tìm thấy, hoặc bạn không có quyền xem.');
      expect(html, path).toContain('href="/decisions"');
      expect(html, path).not.toMatch(/There is no|not found/i);
      expect(await (await session.get(`${path}?lang=en`)).text(), path).toContain('Not found, or not yours to see.');
    }
  });

  it('the count is on every page, e.g. a finding’s', async () => {
    const html = await (await (await browser(itHead.id)).get('/decisions')).text();
    expect(html).toContain('<h1>Chờ quyết định <span class="count-badge">4</span></h1>');
    const other = await (await browser(chiefOfOffice.id)).get(`/findings/${ids.finding}`);
    expect(other.status).toBe(200);
    expect(await other.text()).toMatch(/href="\/decisions"[^>]*>[^<]*Chờ quyết định[\s\S]{0,200}1/);
    // The dashboard's pages and the findings list carry it too.
    for (const path of ['/dashboard', '/dashboard/findings']) {
      const page = await (await browser(director.id)).get(path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toMatch(/href="\/decisions"[^>]*>[^<]*Chờ quyết định[\s\S]{0,200}>4</);
    }
  });
});

describe('finding.resolve from the page', () => {
  it('shows the form only to those who may resolve it', async () => {
    const form = /<form[^>]*data-action="finding.resolve"/;
    expect(await (await (await browser(director.id)).get(`/findings/${ids.finding}`)).text()).toMatch(form);
    const subject = await (await browser(accountant.id)).get(`/findings/${ids.finding}`);
    expect(subject.status).toBe(200);
    expect(await subject.text()).not.toMatch(form);
    expect((await (await browser(pressSpecialist.id)).get(`/findings/${ids.finding}`)).status).toBe(404);
  });

  it('a post without the CSRF token, or by someone without the right, is refused and writes nothing', async () => {
    const before = await t.countItems();
    const forged = await (await browser(director.id)).post(`/findings/${ids.finding}/resolve`, { note: 'Giả mạo' }, { csrf: null });
    expect(forged.status).toBe(403);
    const wrongToken = await (await browser(director.id)).post(`/findings/${ids.finding}/resolve`, { note: 'Giả mạo' }, { csrf: 'x'.repeat(43) });
    expect(wrongToken.status).toBe(403);
    // The subject sees it but may not resolve it: refused exactly as the API refuses it.
    const subject = await (await browser(accountant.id)).post(`/findings/${ids.finding}/resolve`, { note: 'Tự xử lý' });
    expect(subject.status).toBe(403);
    expect((await t.as(accountant.id, `/v1/findings/${ids.finding}/resolve`, { method: 'POST', body: body({ note: 'Tự xử lý' }) })).status).toBe(403);
    const stranger = await (await browser(pressSpecialist.id)).post(`/findings/${ids.finding}/resolve`, { note: 'x' });
    expect(stranger.status).toBe(404);
    expect(await t.countItems()).toBe(before);
    expect((await api(director.id, `/v1/findings/${ids.finding}`)).resolvedAt).toBeUndefined();
  });

  it('an empty note is shown next to the field in Vietnamese, and nothing is written', async () => {
    const before = await t.countItems();
    const res = await (await browser(director.id)).post(`/findings/${ids.finding}/resolve`, { note: '   ' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<p class="field-error" id="resolve-note-error">Bắt buộc nhập\.<\/p>/);
    expect(await t.countItems()).toBe(before);
  });

  it('the director resolves it: redirected with a confirmation, the record resolved, the count down by one', async () => {
    const b = await browser(director.id);
    const res = await b.post(`/findings/${ids.finding}/resolve`, { note: 'Đã chi lương ngày 15/12, nhắc nhở kế toán', _version: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/findings/${ids.finding}?ok=finding.resolve`);
    const f = await api(director.id, `/v1/findings/${ids.finding}`);
    expect(f).toMatchObject({ resolvedBy: director.id, resolutionNote: 'Đã chi lương ngày 15/12, nhắc nhở kế toán', resolution: 'resolved' });
    const after = await (await b.get(`/findings/${ids.finding}?ok=finding.resolve`)).text();
    expect(after).toContain('Đã ghi nhận việc xử lý.');
    expect(after).not.toMatch(/data-action="finding.resolve"/);
    expect(await idsOf(director.id, 'finding')).toEqual([]);
    expect(await idsOf(chiefInspector.id, 'finding')).toEqual([]);
  });
});

describe('the other decision forms call the same services and refuse as the API does', () => {
  it('leave.decision: another head is refused and nothing is written; the head approves it', async () => {
    const html = await (await (await browser(itHead.id)).get(`/leave/${ids.leave}`)).text();
    expect(html).toMatch(/<form[^>]*data-action="leave.decision"/);
    expect(html).toMatch(/<input type="radio" id="decision-approve-true" name="approve" value="true"/);
    expect(await (await (await browser(itSpecialist.id)).get(`/leave/${ids.leave}`)).text()).not.toMatch(/data-action="leave.decision"/);
    const before = await t.countItems();
    expect((await (await browser(pressHead.id)).post(`/leave/${ids.leave}/decision`, { approve: 'true' })).status).toBe(404);
    expect((await (await browser(itSpecialist.id)).post(`/leave/${ids.leave}/decision`, { approve: 'true' })).status).toBe(403);
    expect((await (await browser(itHead.id)).post(`/leave/${ids.leave}/decision`, { approve: 'true' }, { csrf: null })).status).toBe(403);
    expect(await t.countItems()).toBe(before);
    const res = await (await browser(itHead.id)).post(`/leave/${ids.leave}/decision`, { approve: 'true', note: 'Đồng ý', _version: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/leave/${ids.leave}?ok=leave.decision`);
    expect(await api(itHead.id, `/v1/leave-requests/${ids.leave}`)).toMatchObject({ status: 'approved', decidedBy: itHead.id, decisionNote: 'Đồng ý' });
    expect(await idsOf(itHead.id, 'leave')).toEqual([]);
  });

  it('leave.request: typed values are kept beside the error; a valid request is routed to the head', async () => {
    const b = await browser(itSpecialist2.id);
    const bad = await b.post('/leave', { kind: 'personal', startDate: '2026-12-28', reason: '' , _idem: 'k1' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/id="leave-reason-error">Bắt buộc nhập\./);
    expect(html).toMatch(/name="startDate" type="date" value="2026-12-28"/);
    const ok = await b.post('/leave', { kind: 'personal', startDate: '2026-12-28', endHalf: 'morning', reason: 'Khám sức khỏe', _idem: 'k2' });
    expect(ok.status).toBe(303);
    const id = ok.headers.get('location')!.split('/')[2]!.split('?')[0]!;
    // A double click (same key) creates nothing new.
    const before = await t.countItems();
    expect((await b.post('/leave', { kind: 'personal', startDate: '2026-12-28', endHalf: 'morning', reason: 'Khám sức khỏe', _idem: 'k2' })).headers.get('location')).toBe(ok.headers.get('location'));
    expect(await t.countItems()).toBe(before);
    expect(await api(itSpecialist2.id, `/v1/leave-requests/${id}`)).toMatchObject({ status: 'pending', approverId: itHead.id, reason: 'Khám sức khỏe' });
    expect(await idsOf(itHead.id, 'leave')).toEqual([id]);
  });

  it('report.return needs its comment; report.acknowledge by a non-recipient is refused', async () => {
    const before = await t.countItems();
    expect((await (await browser(pressHead.id)).post(`/reports/${ids.report}/acknowledge`, {})).status).toBe(404);
    const empty = await (await browser(itHead.id)).post(`/reports/${ids.report}/return`, { comment: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/id="return-comment-error">Bắt buộc nhập\./);
    expect(await t.countItems()).toBe(before);
    const res = await (await browser(itHead.id)).post(`/reports/${ids.report}/return`, { comment: 'Bổ sung số liệu', _version: '1' });
    expect(res.status).toBe(303);
    expect(await api(itSpecialist.id, `/v1/reports/${ids.report}`)).toMatchObject({ reviewStatus: 'returned', lastReview: { action: 'returned', by: itHead.id, comment: 'Bổ sung số liệu' } });
    expect(await idsOf(itHead.id, 'report')).toEqual([]);
  });

  it('plan.decision and reception.decision: the decision is a field; a stale version is a conflict, not an overwrite', async () => {
    const stale = await (await browser(itDeputy.id)).post(`/reports/${ids.plan}/decision`, { approve: 'true', _version: '0' });
    expect(stale.status).toBe(412);
    expect(await stale.text()).toContain('Đã có người khác thay đổi hồ sơ này');
    const approved = await (await browser(itDeputy.id)).post(`/reports/${ids.plan}/decision`, { approve: 'true', _version: '1' });
    expect(approved.status).toBe(303);
    expect(await api(itHead.id, `/v1/plans/${ids.plan}`)).toMatchObject({ reviewStatus: 'approved', lastReview: { action: 'approved', by: itDeputy.id } });
    expect(await idsOf(director.id, 'plan')).toEqual([]);

    expect((await (await browser(chiefInspector.id)).post('/decisions/reception/2027-01', { approve: 'true' })).status).toBe(403);
    const noReason = await (await browser(director.id)).post('/decisions/reception/2027-01', { approve: 'false' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toMatch(/id="reception-reason-error"/);
    const ok = await (await browser(director.id)).post('/decisions/reception/2027-01', { approve: 'true' });
    expect(ok.status).toBe(303);
    expect((await api(director.id, '/v1/reception-schedules/2027-01')).status).toBe('approved');
    expect(await idsOf(director.id, 'reception-schedule')).toEqual([]);
  });
});

describe('meeting.create and meeting.conclusions', () => {
  it('the director records the weekly briefing and issues its conclusions as assignments; a specialist is refused', async () => {
    const b = await browser(director.id);
    expect(await (await b.get('/meetings')).text()).toMatch(/<form[^>]*data-action="meeting.create"/);
    expect(await (await (await browser(itSpecialist.id)).get('/meetings')).text()).not.toMatch(/data-action="meeting.create"/);
    const before = await t.countItems();
    const refused = await (await browser(itSpecialist.id)).post('/meetings', { kind: 'weekly-briefing', heldOn: '2026-12-11', chairId: director.id, participantIds: itHead.id });
    expect(refused.status).toBe(403);
    expect(await t.countItems()).toBe(before);
    const form = new URLSearchParams({ kind: 'weekly-briefing', heldOn: '2026-12-11', chairId: director.id, subject: 'Giao ban tuần 50', _idem: 'm1' });
    const created = await b.post('/meetings', Object.fromEntries(form));
    expect(created.status).toBe(422); // participants are required by the API's schema
    const ok = await b.post('/meetings', { kind: 'weekly-briefing', heldOn: '2026-12-11', chairId: director.id, subject: 'Giao ban tuần 50', participantIds: itHead.id, _idem: 'm2' });
    expect(ok.status).toBe(303);
    const meetingId = ok.headers.get('location')!.split('/')[2]!;
    expect(ok.headers.get('location')).toBe(`/meetings/${meetingId}/conclusions?ok=meeting.create`);
    const page = await (await b.get(`/meetings/${meetingId}/conclusions`)).text();
    expect(page).toMatch(/<form[^>]*data-action="meeting.conclusions"/);
    expect(page).toMatch(/name="items.0.text"/);
    const issued = await b.post(`/meetings/${meetingId}/conclusions`, {
      summary: 'Tập trung chuyển đổi số',
      'items.0.text': 'Hoàn thành báo cáo chuyển đổi số',
      'items.0.unitId': 'it',
      'items.0.dueDate': '2026-12-30',
      _idem: 'c1',
    });
    expect(issued.status).toBe(303);
    const meeting = await api(director.id, `/v1/meetings/${meetingId}`);
    expect(meeting.conclusions.summary).toBe('Tập trung chuyển đổi số');
    const work = await api(itHead.id, `/v1/assignments/${meetingId}.1`);
    expect(work).toMatchObject({ title: 'Hoàn thành báo cáo chuyển đổi số', unitId: 'it', responsibleId: itHead.id, source: { kind: 'meeting', ref: meetingId } });
  });
});
