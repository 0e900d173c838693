// The board's matters (A5, Điều 3.2) and a deputy's report back (A3, Điều 4.1.2) on the pages,
// against DynamoDB Local: who sees which page and item, the forms each viewer is offered, the
// refusal of a decision without the board's discussion in Vietnamese and English, and the report
// back from "Việc của tôi" — each form calling the same service method as the API.
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
const specialist = person('specialist', 'it');
const [deputyA, deputyB] = deputyDirectors() as [ReturnType<typeof person>, ReturnType<typeof person>];

/** A browser session at a clock: the cookie, and forms posted from this site with the session's CSRF token. */
async function browser(staffId: string) {
  const token = await t.token(staffId);
  const cookie = `tracker_session=${token}`;
  return {
    get: (path: string, clock: string) => t.app.request(path, { headers: { cookie, accept: 'text/html', 'x-clock': clock } }),
    post: (path: string, fields: Record<string, string>, clock: string) => {
      const form = new URLSearchParams({ ...fields, _csrf: csrfTokenFor(token) });
      return t.app.request(path, {
        method: 'POST',
        body: form.toString(),
        headers: { cookie, accept: 'text/html', 'x-clock': clock, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: 'http://localhost' },
      });
    },
  };
}
const forms = (html: string) => [...html.matchAll(/data-action="([^"]+)"/g)].map((m) => m[1]);
const raise = async (category: string, title: string, clock: string) => {
  const res = await t.as(director.id, '/v1/board-matters', { method: 'POST', body: body({ category, title }), clock });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
};

describe('A5 (Điều 3.2): the board matter pages', () => {
  it('A5 (Điều 3.2): a specialist gets 404 for a board matter page and the list; the director and the chief of office see the forms they may use', async () => {
    const clock = '2027-03-01T09:00:00+07:00';
    const id = await raise('budget', 'Phân bổ kinh phí quý II', clock);
    const s = await browser(specialist.id);
    const hidden = await s.get(`/board-matters/${id}`, clock);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain('Phân bổ kinh phí');
    expect((await s.get('/board-matters', clock)).status).toBe(404);
    expect((await s.get('/board-matters/bm-nope', clock)).status).toBe(404);
    // A forged post by the specialist is refused as the API refuses it, and writes nothing.
    const before = await t.countItems();
    expect((await s.post(`/board-matters/${id}/decision`, { text: 'Duyệt', _version: '1' }, clock)).status).toBe(404);
    expect(await t.countItems()).toBe(before);

    const d = await (await browser(director.id)).get(`/board-matters/${id}`, clock);
    expect(d.status).toBe(200);
    const html = await d.text();
    expect(html).toContain('Dự toán, phân bổ, quản lý sử dụng kinh phí, tài chính, tài sản');
    expect(html).toContain('Chưa thể quyết định: Ban Giám đốc chưa bàn bạc vấn đề này');
    expect(forms(html).sort()).toEqual(['board-matter.circulate', 'board-matter.decide']);
    const office = await (await (await browser(chiefOfOffice.id)).get(`/board-matters/${id}`, clock)).text();
    expect(forms(office)).toEqual(['board-matter.circulate']);
    const deputy = await (await (await browser(deputyA.id)).get(`/board-matters/${id}`, clock)).text();
    expect(forms(deputy)).toEqual([]);
  });

  it('A5 (Điều 3.2): the director’s decision without a meeting or draft is refused on the page (409) with the reason in Vietnamese, in English with ?lang=en; nothing written', async () => {
    const clock = '2027-03-02T09:00:00+07:00';
    const id = await raise('personnel', 'Điều động công chức', clock);
    const b = await browser(director.id);
    const before = await t.countItems();
    const vi = await b.post(`/board-matters/${id}/decision`, { text: 'Điều động', _version: '1' }, clock);
    expect(vi.status).toBe(409);
    const viHtml = await vi.text();
    expect(viHtml).toContain('Ban Giám đốc chưa bàn bạc vấn đề này: chưa có cuộc họp Ban Giám đốc hay dự thảo gửi xin ý kiến nào được ghi nhận (Điều 3.2).');
    expect(viHtml).toContain('Điều động'); // what was typed is kept
    const en = await b.post(`/board-matters/${id}/decision?lang=en`, { text: 'Điều động', _version: '1' }, clock);
    expect(en.status).toBe(409);
    expect(await en.text()).toContain('The board has not discussed this matter: no board meeting and no circulated draft is on record (Điều 3.2).');
    expect(await t.countItems()).toBe(before);
    expect((await json(await t.as(director.id, `/v1/board-matters/${id}`, { clock }))).decision).toBeUndefined();
  });

  it('A5 (Điều 3.2): "Chờ quyết định": the director sees every undecided matter; a deputy only a draft awaiting his own opinion, until he gives it (closing Friday 12/03/2027 23:59:59)', async () => {
    const clock = '2027-03-08T09:00:00+07:00';
    const onlyDirector = await raise('administrative-reform', 'Cải cách hành chính 2027', clock);
    const circulated = await raise('professional-guidance', 'Hướng dẫn nghiệp vụ', clock);
    expect((await t.as(director.id, `/v1/board-matters/${circulated}/circulation`, { method: 'POST', body: body({ closesOn: '2027-03-12' }), clock })).status).toBe(200);
    const inbox = async (staffId: string, at: string) => (await (await browser(staffId)).get('/decisions', at)).text();
    const dHtml = await inbox(director.id, clock);
    expect(dHtml).toContain(`href="/board-matters/${onlyDirector}"`);
    expect(dHtml).toContain(`href="/board-matters/${circulated}"`);
    const aHtml = await inbox(deputyA.id, clock);
    expect(aHtml).not.toContain(`/board-matters/${onlyDirector}`);
    expect(aHtml).toContain(`href="/board-matters/${circulated}"`);
    expect(aHtml).toContain('Chờ ý kiến của anh/chị');
    // The deputy gives his opinion on the page: it leaves his list, stays on deputy B's.
    const a = await browser(deputyA.id);
    const page = await (await a.get(`/board-matters/${circulated}`, clock)).text();
    expect(forms(page)).toEqual(['board-matter.opinion']);
    const given = await a.post(`/board-matters/${circulated}/opinion`, { opinion: 'Nhất trí, bổ sung mục 3' }, '2027-03-09T10:00:00+07:00');
    expect(given.status).toBe(303);
    expect(given.headers.get('location')).toBe(`/board-matters/${circulated}?ok=board-matter.opinion`);
    expect(await inbox(deputyA.id, '2027-03-09T10:01:00+07:00')).not.toContain(`/board-matters/${circulated}`);
    expect(await inbox(deputyB.id, '2027-03-12T23:59:59+07:00')).toContain(`/board-matters/${circulated}`);
    expect(await inbox(deputyB.id, '2027-03-13T00:00:00+07:00')).not.toContain(`/board-matters/${circulated}`);
    const after = await (await a.get(`/board-matters/${circulated}?ok=board-matter.opinion`, '2027-03-09T10:02:00+07:00')).text();
    expect(after).toContain('Đã gửi ý kiến của anh/chị.');
    expect(after).toContain('Nhất trí, bổ sung mục 3');
    expect(forms(after)).toEqual([]);
  });
});

describe('A3 (Điều 4.1.2): the report back on "Việc của tôi"', () => {
  it('A3 (Điều 4.1.2): the deputy sees the report back owed (period, deadline 14/12/2026 23:59) and sends it from "Việc của tôi"; the director sees it received', async () => {
    const res = await t.as(director.id, '/v1/delegations', { method: 'POST', body: body({ delegateId: deputyA.id, from: '2026-12-07', to: '2026-12-09' }), clock: '2026-12-01T09:00:00+07:00' });
    expect(res.status).toBe(201);
    const delegationId = (await json(res)).id as string;
    const deputy = await browser(deputyA.id);
    // Not owed before the delegation's last day.
    expect(await (await deputy.get('/my-work', '2026-12-08T09:00:00+07:00')).text()).not.toContain('data-action="delegation.report-back"');
    const owed = await (await deputy.get('/my-work', '2026-12-09T09:00:00+07:00')).text();
    expect(owed).toContain('Báo cáo kết quả công việc được ủy quyền');
    expect(owed).toContain('07/12/2026 – 09/12/2026');
    expect(owed).toContain('Hạn báo cáo: 14/12/2026 23:59');
    expect(forms(owed)).toContain('delegation.report-back');
    // Deputy B owes nothing.
    expect(await (await (await browser(deputyB.id)).get('/my-work', '2026-12-09T09:00:00+07:00')).text()).not.toContain('delegation.report-back');
    // An empty report is refused next to its field; nothing written.
    const before = await t.countItems();
    const empty = await deputy.post(`/my-work/report-back/${delegationId}`, { content: '' }, '2026-12-10T09:00:00+07:00');
    expect(empty.status).toBe(422);
    expect(await t.countItems()).toBe(before);
    // Deputy B cannot send it: a delegation not his is not found, as the API answers; nothing written.
    expect((await (await browser(deputyB.id)).post(`/my-work/report-back/${delegationId}`, { content: 'Giả mạo' }, '2026-12-10T09:00:00+07:00')).status).toBe(404);
    expect(await t.countItems()).toBe(before);
    const sent = await deputy.post(`/my-work/report-back/${delegationId}`, { content: 'Đã ký 12 văn bản, chủ trì giao ban ngày 08/12.' }, '2026-12-14T23:59:59+07:00');
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/my-work?ok=delegation.report-back');
    // Through the API: nothing owed any more, and sent on time (14/12/2026 23:59:59 is the last instant).
    expect((await json(await t.as(deputyA.id, '/v1/delegations/reports-back-owed', { clock: '2026-12-15T09:00:00+07:00' }))).items).toEqual([]);
    const [got] = await t.services.delegations.reportsBackReceived({ orgId: t.orgId, staffId: director.id, name: director.name, unitId: director.unitId, roles: director.roles }, new Date('2026-12-15T09:00:00+07:00'));
    expect(got).toMatchObject({ delegationId, delegateId: deputyA.id, reportBack: { content: 'Đã ký 12 văn bản, chủ trì giao ban ngày 08/12.', late: false } });
    const after = await (await deputy.get('/my-work?ok=delegation.report-back', '2026-12-15T09:00:00+07:00')).text();
    expect(after).toContain('Đã gửi báo cáo kết quả thực hiện ủy quyền.');
    expect(forms(after)).not.toContain('delegation.report-back');
    const received = await (await (await browser(director.id)).get('/my-work?lang=en', '2026-12-15T09:00:00+07:00')).text();
    expect(received).toContain('Reports back received');
    expect(received).toContain('Đã ký 12 văn bản, chủ trì giao ban ngày 08/12.');
    expect(received).toContain(`${deputyA.name} · 2026-12-07 – 2026-12-09`);
  });
});
