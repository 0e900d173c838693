// A5 (Điều 3.2) on the plan's page, against DynamoDB Local: the director approves the department's
// plan from /reports/{id} by choosing the board matter it rests on (the `boardMatterId` the API
// takes); without a matter whose discussion is on record the page shows the refusal (409) with what
// was typed and the reason in Vietnamese (English with ?lang=en), and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../functions/api/forms/csrf.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person } from '../support/people.js';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const postsHead = person('head', 'posts-telecom');
const [deputyA] = deputyDirectors();

async function browser(staffId: string) {
  const token = await t.token(staffId);
  const cookie = `tracker_session=${token}`;
  return {
    get: (path: string, clock: string) => t.app.request(path, { headers: { cookie, accept: 'text/html', 'x-clock': clock } }),
    post: (path: string, fields: Record<string, string>, clock: string) =>
      t.app.request(path, {
        method: 'POST',
        body: new URLSearchParams({ ...fields, _csrf: csrfTokenFor(token) }).toString(),
        headers: { cookie, accept: 'text/html', 'x-clock': clock, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: 'http://localhost' },
      }),
  };
}
const submitPlan = async (period: string, clock: string) => {
  const res = await t.as(chiefOfOffice.id, '/v1/plans', { method: 'POST', body: body({ period, obligationId: 'p1-department-plan', content: `Kế hoạch ${period}` }), clock });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
};
const raise = async (category: string, title: string, clock: string) => {
  const res = await t.as(director.id, '/v1/board-matters', { method: 'POST', body: body({ category, title }), clock });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
};
const plan = (id: string, clock: string) => t.as(director.id, `/v1/plans/${id}`, { clock }).then(json);
/** The options of the boardMatterId select: [value, label]. */
const options = (html: string) => {
  const select = html.match(/<select[^>]*name="boardMatterId"[^>]*>([\s\S]*?)<\/select>/);
  return select ? [...select[1]!.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]) : undefined;
};

describe('A5 (Điều 3.2): approving the department’s plan from its page', () => {
  it('A5 (Điều 3.2): with no work-plan matter on record the page offers the link to /board-matters; approving is refused (409) in Vietnamese and English, the comment kept, nothing written', async () => {
    const clock = '2027-01-21T09:00:00+07:00';
    const id = await submitPlan('2027-02', '2027-01-20T09:00:00+07:00');
    const d = await browser(director.id);
    const page = await (await d.get(`/reports/${id}`, clock)).text();
    expect(options(page)).toBeUndefined();
    expect(page).toContain('Chưa có việc nào thuộc nhóm “Mục tiêu Kế hoạch công tác của Sở hàng tuần, tháng, quý, năm” được ghi nhận.');
    expect(page).toContain('href="/board-matters"');
    const en = await (await d.get(`/reports/${id}?lang=en`, clock)).text();
    expect(en).toContain('href="/board-matters?lang=en"');

    const before = await t.countItems();
    const refused = await d.post(`/reports/${id}/decision`, { approve: 'true', comment: 'Đồng ý nội dung', _version: '1' }, clock);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('Kế hoạch này thuộc nhóm việc Ban Giám đốc bàn bạc tập thể trước khi Giám đốc Sở quyết định (Mục tiêu Kế hoạch công tác của Sở hàng tuần, tháng, quý, năm, Điều 3.2): hãy chọn việc của Ban Giám đốc làm căn cứ.');
    expect(html).toContain('Đồng ý nội dung');
    const refusedEn = await d.post(`/reports/${id}/decision?lang=en`, { approve: 'true', _version: '1' }, clock);
    expect(refusedEn.status).toBe(409);
    expect(await refusedEn.text()).toContain('name the board matter it rests on');

    // A matter raised but not yet discussed: offered, marked, and refused with what is missing.
    const matter = await raise('work-plan', 'Kế hoạch công tác tháng 02/2027', clock);
    const offered = await (await d.get(`/reports/${id}`, clock)).text();
    expect(options(offered)).toEqual([
      ['', '— Chọn việc —'],
      [matter, 'Kế hoạch công tác tháng 02/2027 (2027) — Chưa có cuộc họp hay dự thảo'],
    ]);
    expect(offered).toContain('href="/board-matters"');
    const notDiscussed = await d.post(`/reports/${id}/decision`, { approve: 'true', boardMatterId: matter, comment: 'Đồng ý', _version: '1' }, clock);
    expect(notDiscussed.status).toBe(409);
    const again = await notDiscussed.text();
    expect(again).toContain('Ban Giám đốc chưa bàn bạc vấn đề này: chưa có cuộc họp Ban Giám đốc hay dự thảo gửi xin ý kiến nào được ghi nhận (Điều 3.2).');
    expect(options(again)?.find(([v]) => v === matter)).toBeDefined();
    expect(again).toMatch(new RegExp(`<option value="${matter}" selected`));
    const afterMatter = await t.countItems();
    expect(afterMatter).toBe(before + 2); // the matter and its audit event, nothing of the plan
    expect(await plan(id, clock)).toMatchObject({ reviewStatus: 'submitted', version: 1 });
  });

  it('A5 (Điều 3.2): the director approves the department’s plan from /reports/{id} with a work-plan matter whose board meeting is on record; the review names it', async () => {
    const clock = '2027-02-24T15:00:00+07:00';
    const id = await submitPlan('2027-03', '2027-02-20T09:00:00+07:00');
    const matter = await raise('work-plan', 'Kế hoạch công tác tháng 3/2027', '2027-02-23T09:00:00+07:00');
    const other = await raise('budget', 'Dự toán bổ sung', '2027-02-23T09:00:00+07:00');
    const meeting = await json(
      await t.as(director.id, '/v1/meetings', { method: 'POST', body: body({ kind: 'extraordinary', heldOn: '2027-02-24', chairId: director.id, participantIds: [director.id, deputyA!.id] }), clock }),
    );
    expect((await t.as(director.id, `/v1/board-matters/${matter}/meeting`, { method: 'POST', body: body({ meetingId: meeting.id }), clock })).status).toBe(200);

    const d = await browser(director.id);
    const page = await (await d.get(`/reports/${id}`, clock)).text();
    const offered = options(page)!;
    // Only the plan's category is offered (not the budget matter); the one on record says so.
    expect(offered.map(([v]) => v)).not.toContain(other);
    expect(offered).toContainEqual([matter, 'Kế hoạch công tác tháng 3/2027 (2027) — đã bàn bạc (họp ngày 24/02/2027)']);
    expect(page).not.toContain('href="/board-matters"');
    const en = options(await (await d.get(`/reports/${id}?lang=en`, clock)).text())!;
    expect(en).toContainEqual([matter, 'Kế hoạch công tác tháng 3/2027 (2027) — discussed (held on 2027-02-24)']);

    const done = await d.post(`/reports/${id}/decision`, { approve: 'true', boardMatterId: matter, comment: 'Thống nhất theo kết luận họp', _version: '1' }, clock);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/reports/${id}?ok=plan.decision`);
    const read = await plan(id, clock);
    expect(read).toMatchObject({ reviewStatus: 'approved', lastReview: { by: director.id, boardMatterId: matter, comment: 'Thống nhất theo kết luận họp' } });
    // Decided: the form (and its select) is gone; a double post is refused and writes nothing.
    const after = await (await d.get(`/reports/${id}`, clock)).text();
    expect(options(after)).toBeUndefined();
    const count = await t.countItems();
    expect((await d.post(`/reports/${id}/decision`, { approve: 'true', boardMatterId: matter, _version: '2' }, clock)).status).not.toBe(303);
    expect(await t.countItems()).toBe(count);
  });

  it('A5 (Điều 3.2): a unit’s plan (P2), not a board category, is approved from its page without a board matter field', async () => {
    const clock = '2027-04-01T10:00:00+07:00';
    const res = await t.as(postsHead.id, '/v1/plans', { method: 'POST', body: body({ period: '2027-Q2', content: 'Kế hoạch quý II' }), clock: '2027-04-01T09:00:00+07:00' });
    const id = (await json(res)).id as string;
    const d = await browser(director.id);
    const page = await (await d.get(`/reports/${id}`, clock)).text();
    expect(page).toContain('data-action="plan.decision"');
    expect(page).not.toContain('name="boardMatterId"');
    expect((await d.post(`/reports/${id}/decision`, { approve: 'true', _version: '1' }, clock)).status).toBe(303);
    expect((await plan(id, clock)).reviewStatus).toBe('approved');
  });
});
