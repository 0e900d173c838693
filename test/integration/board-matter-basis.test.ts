// A5 (Điều 3.2) against DynamoDB Local: an approval the tracker records of a category the board
// discusses first (the department's plan, P1) names the board matter it rests on, and is refused,
// naming body.boardMatterId, while that matter's discussion is not on record; the 409 refusals of
// board matters speak Vietnamese to `Accept-Language: vi` and English otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const [deputyA, deputyB] = deputyDirectors();

const raise = async (category: string, title: string, clock: string) => {
  const res = await t.as(director.id, '/v1/board-matters', { method: 'POST', body: body({ category, title }), clock });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
};
const submitPlan = async (period: string, clock: string) => {
  const res = await t.as(chiefOfOffice.id, '/v1/plans', { method: 'POST', body: body({ period, obligationId: 'p1-department-plan', content: `Kế hoạch ${period}` }), clock });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
};
const approve = (id: string, b: Record<string, unknown>, clock: string, lang?: string) =>
  t.as(director.id, `/v1/plans/${id}/approve`, { method: 'POST', body: body(b), clock, ...(lang ? { headers: { 'accept-language': lang } } : {}) });

describe('A5 (Điều 3.2): approving the department’s plan rests on the board’s discussion', () => {
  it('A5 (Điều 3.2): the department’s plan approved without a board matter is refused (409, body.boardMatterId), nothing written; a matter of another category is refused (400)', async () => {
    const plan = await submitPlan('2027-02', '2027-01-20T09:00:00+07:00');
    const clock = '2027-01-21T09:00:00+07:00';
    const before = await t.countItems();
    const refused = await approve(plan, {}, clock);
    expect(refused.status).toBe(409);
    const problem = await json(refused);
    expect(problem.errors).toEqual([{ path: 'body.boardMatterId', message: 'required: a board matter of category work-plan' }]);
    expect(problem.detail).toContain('name the board matter it rests on');
    const vi = await json(await approve(plan, {}, clock, 'vi'));
    expect(vi.detail).toBe(
      'Kế hoạch này thuộc nhóm việc Ban Giám đốc bàn bạc tập thể trước khi Giám đốc Sở quyết định (Mục tiêu Kế hoạch công tác của Sở hàng tuần, tháng, quý, năm, Điều 3.2): hãy chọn việc của Ban Giám đốc làm căn cứ.',
    );
    expect(await t.countItems()).toBe(before);
    const budget = await raise('budget', 'Dự toán 2027', clock);
    const wrong = await approve(plan, { boardMatterId: budget }, clock);
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).errors[0].path).toBe('body.boardMatterId');
    expect((await approve(plan, { boardMatterId: 'bm-nope' }, clock)).status).toBe(400);
    expect((await json(await t.as(director.id, `/v1/plans/${plan}`, { clock }))).reviewStatus).toBe('submitted');
  });

  it('A5 (Điều 3.2): a plan resting on a draft circulated until Friday 05/02/2027 is refused at 23:59:59 with an opinion missing (vi and en detail), approved at 00:00:00 on 06/02 and names its matter', async () => {
    const plan = await submitPlan('2027-03', '2027-02-01T09:00:00+07:00');
    const matter = await raise('work-plan', 'Kế hoạch công tác tháng 3/2027', '2027-02-01T09:00:00+07:00');
    const circulate = await t.as(director.id, `/v1/board-matters/${matter}/circulation`, { method: 'POST', body: body({ closesOn: '2027-02-05', draft: 'Dự thảo' }), clock: '2027-02-01T10:00:00+07:00' });
    expect(circulate.status).toBe(200);
    expect((await t.as(deputyA!.id, `/v1/board-matters/${matter}/opinions`, { method: 'POST', body: body({ opinion: 'Đồng ý' }), clock: '2027-02-02T09:00:00+07:00' })).status).toBe(200);
    const last = '2027-02-05T23:59:59+07:00';
    const en = await approve(plan, { boardMatterId: matter }, last, 'en');
    expect(en.status).toBe(409);
    const enProblem = await json(en);
    expect(enProblem.detail).toBe(`The circulated draft is still awaiting the opinion of ${deputyB!.id} until 2027-02-05T16:59:59.999Z (Điều 3.2).`);
    expect(enProblem.errors[0].path).toBe('body.boardMatterId');
    expect(en.headers.get('content-language')).toBe('en');
    const vi = await approve(plan, { boardMatterId: matter }, last, 'vi-VN,vi;q=0.9');
    expect(vi.status).toBe(409);
    expect((await json(vi)).detail).toBe(`Dự thảo gửi xin ý kiến còn chờ ý kiến của ${deputyB!.name} đến 05/02/2027 23:59 (Điều 3.2).`);
    const ok = await approve(plan, { boardMatterId: matter }, '2027-02-06T00:00:00+07:00');
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ reviewStatus: 'approved', lastReview: { by: director.id, boardMatterId: matter } });
    const read = await json(await t.as(director.id, `/v1/plans/${plan}`, { clock: '2027-02-06T00:05:00+07:00' }));
    expect(read.revisions[0].review).toMatchObject({ action: 'approved', boardMatterId: matter });
  });

  it('A5 (Điều 3.2): a unit’s plan (P2), not a board category, is still approved without a board matter (the field stays optional)', async () => {
    const res = await t.as(postsHead.id, '/v1/plans', { method: 'POST', body: body({ period: '2027-Q2', content: 'Kế hoạch quý II' }), clock: '2027-04-01T09:00:00+07:00' });
    expect(res.status).toBe(201);
    const id = (await json(res)).id;
    const ok = await approve(id, {}, '2027-04-01T10:00:00+07:00');
    expect(ok.status).toBe(200);
    expect((await json(ok)).lastReview.boardMatterId).toBeUndefined();
  });
});

describe('A5 (Điều 3.2): the 409 refusals of board matters in the request’s language', () => {
  it('A5 (Điều 3.2): a decision without the board’s discussion: Vietnamese detail to Accept-Language: vi, English otherwise', async () => {
    const id = await raise('personnel', 'Bổ nhiệm Trưởng phòng', '2027-03-01T09:00:00+07:00');
    const decide = (lang?: string) =>
      t.as(director.id, `/v1/board-matters/${id}/decision`, { method: 'POST', body: body({ text: 'Bổ nhiệm' }), clock: '2027-03-01T10:00:00+07:00', ...(lang ? { headers: { 'accept-language': lang } } : {}) });
    const vi = await decide('vi');
    expect(vi.status).toBe(409);
    expect(vi.headers.get('content-language')).toBe('vi');
    expect(await json(vi)).toMatchObject({
      title: 'Xung đột với trạng thái hiện tại',
      detail: 'Ban Giám đốc chưa bàn bạc vấn đề này: chưa có cuộc họp Ban Giám đốc hay dự thảo gửi xin ý kiến nào được ghi nhận (Điều 3.2).',
    });
    const en = await json(await decide());
    expect(en).toMatchObject({ title: 'Conflict', detail: 'The board has not discussed this matter: no board meeting and no circulated draft is on record (Điều 3.2).' });
    // Circulated twice: the second is refused in the caller's language too.
    const circ = (lang: string) =>
      t.as(director.id, `/v1/board-matters/${id}/circulation`, { method: 'POST', body: body({ closesOn: '2027-03-10' }), clock: '2027-03-01T11:00:00+07:00', headers: { 'accept-language': lang } });
    expect((await circ('vi')).status).toBe(200);
    expect((await json(await circ('vi'))).detail).toBe('Dự thảo của vấn đề này đã được gửi xin ý kiến.');
    expect((await json(await circ('en'))).detail).toBe('A draft of this matter was already circulated.');
  });
});
