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
const [deputyA, deputyB] = deputyDirectors();
const deputyChiefOfOffice = person('deputy-chief-of-office');
const specialist = person('specialist', 'it');

const raise = async (title: string, clock: string, category = 'budget', year?: number) => {
  const res = await t.as(director.id, '/v1/board-matters', { method: 'POST', body: body({ category, title, ...(year ? { year } : {}) }), clock });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
};
const act = (as: string, id: string, path: string, b: unknown, clock: string) => t.as(as, `/v1/board-matters/${id}/${path}`, { method: 'POST', body: body(b), clock });

describe('A5 (Điều 3.2): the director decides after the board’s collective discussion', () => {
  it('A5 (Điều 3.2): a decision without a board meeting or circulated draft is refused with 409; accepted once the board meeting is on record', async () => {
    const id = await raise('Dự toán ngân sách 2027', '2026-12-01T09:00:00+07:00');
    const refused = await act(director.id, id, 'decision', { text: 'Duyệt dự toán' }, '2026-12-01T10:00:00+07:00');
    expect(refused.status).toBe(409);
    expect((await json(refused)).detail).toMatch(/no board meeting and no circulated draft/);
    // A unit's meeting is not the board's.
    const notBoard = await act(director.id, id, 'meeting', { meetingId: 'nope' }, '2026-12-01T10:00:00+07:00');
    expect(notBoard.status).toBe(400);
    const m = await t.as(director.id, '/v1/meetings', {
      method: 'POST',
      body: body({ kind: 'extraordinary', heldOn: '2026-12-02', chairId: director.id, participantIds: [director.id, deputyA!.id, deputyB!.id] }),
      clock: '2026-12-02T15:00:00+07:00',
    });
    expect(m.status).toBe(201);
    const meetingId = (await json(m)).id;
    expect((await act(director.id, id, 'meeting', { meetingId }, '2026-12-02T16:00:00+07:00')).status).toBe(200);
    const ok = await act(director.id, id, 'decision', { text: 'Duyệt dự toán' }, '2026-12-02T16:30:00+07:00');
    expect(ok.status).toBe(200);
    const decided = await json(ok);
    expect(decided.decision).toMatchObject({ decidedBy: director.id, afterTheFact: false });
    expect(decided.decision.missingEvidence).toBeUndefined();
    // Audited.
    const history = (await json(await t.as(director.id, `/v1/board-matters/${id}`, { clock: '2026-12-02T17:00:00+07:00' }))).history;
    expect(history.map((e: any) => e.action)).toEqual(['raised', 'meeting-linked', 'decided']);
    // Not visible to a specialist.
    expect((await t.as(specialist.id, `/v1/board-matters/${id}`, { clock: '2026-12-02T17:00:00+07:00' })).status).toBe(404);
  });

  it('A5 (Điều 3.2): a circulated draft closing Friday 04/12/2026 is refused at 23:59:59 with an opinion missing, accepted at 00:00:00 on 05/12; opinions refused after the window', async () => {
    const id = await raise('Kế hoạch công tác năm 2027', '2026-12-01T09:00:00+07:00', 'work-plan');
    // Two working days is the shortest window.
    expect((await act(director.id, id, 'circulation', { closesOn: '2026-12-02' }, '2026-12-01T09:10:00+07:00')).status).toBe(400);
    expect((await act(director.id, id, 'circulation', { closesOn: '2026-12-04', draft: 'Dự thảo' }, '2026-12-01T09:10:00+07:00')).status).toBe(200);
    // A deputy chief of office is not on the board: cannot give the board's opinion.
    const notBoard = await act(deputyChiefOfOffice.id, id, 'opinions', { opinion: 'Đồng ý' }, '2026-12-02T09:00:00+07:00');
    expect(notBoard.status).toBe(409);
    expect((await act(deputyA!.id, id, 'opinions', { opinion: 'Đồng ý' }, '2026-12-02T09:00:00+07:00')).status).toBe(200);
    // The retry of the same opinion changes nothing.
    expect((await json(await act(deputyA!.id, id, 'opinions', { opinion: 'Đồng ý' }, '2026-12-02T09:01:00+07:00'))).opinions).toHaveLength(1);
    const early = await act(director.id, id, 'decision', { text: 'Ban hành' }, '2026-12-04T23:59:59+07:00');
    expect(early.status).toBe(409);
    expect((await json(early)).detail).toContain(deputyB!.id);
    expect((await act(deputyB!.id, id, 'opinions', { opinion: 'Đồng ý' }, '2026-12-05T00:00:00+07:00')).status).toBe(409);
    expect((await act(director.id, id, 'decision', { text: 'Ban hành' }, '2026-12-05T00:00:00+07:00')).status).toBe(200);
  });

  it('A5 (Điều 3.2): a decision recorded after the fact without discussion is kept and becomes an A5 finding; with the meeting before it, none', async () => {
    const id = await raise('Bổ nhiệm Phó Trưởng phòng', '2026-12-07T09:00:00+07:00', 'personnel');
    const recorded = await act(director.id, id, 'decision', { text: 'Đã quyết định', decidedOn: '2026-12-04' }, '2026-12-07T10:00:00+07:00');
    expect(recorded.status).toBe(200);
    expect((await json(recorded)).decision).toMatchObject({ afterTheFact: true, missingEvidence: { kind: 'none' } });
    const run = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule: 'A5', at: '2026-12-07T11:00:00+07:00' }), clock: '2026-12-07T11:00:00+07:00' });
    expect(run.status).toBe(200);
    const findings = (await json(run)).findings.filter((f: any) => f.ref === id || f.facts?.matterId === id);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'A5', article: 'Điều 3.2', subjectId: director.id });
    // A rerun creates nothing twice.
    const again = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule: 'A5', at: '2026-12-07T11:05:00+07:00' }), clock: '2026-12-07T11:05:00+07:00' });
    const list = await json(await t.as(director.id, '/v1/findings?rule=A5&open=true', { clock: '2026-12-07T11:06:00+07:00' }));
    expect(again.status).toBe(200);
    expect(list.items.filter((f: any) => f.facts?.matterId === id || f.ref === id)).toHaveLength(1);
    // Future decisions are refused.
    const id2 = await raise('Dự toán bổ sung', '2026-12-07T09:00:00+07:00');
    const future = await act(director.id, id2, 'decision', { text: 'x', decidedOn: '2026-12-08' }, '2026-12-07T10:00:00+07:00');
    expect(future.status).toBe(400);
    expect((await json(future)).errors[0].path).toBe('body.decidedOn');
    // Only the director decides.
    expect((await act(deputyA!.id, id2, 'decision', { text: 'x' }, '2026-12-07T10:00:00+07:00')).status).toBe(403);
  });

  it('A5 (Điều 3.2): the 2026 self-review is due by 31/12/2026: no finding at 23:59:59, a finding at 00:00:00 on 01/01/2027, resolved when decided late', async () => {
    const check = async (at: string) =>
      (await json(await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule: 'A5', at }), clock: at }))).findings.filter((f: any) => f.facts?.kind === 'self-review' && f.period === '2026');
    expect(await check('2026-12-31T23:59:59+07:00')).toHaveLength(0);
    const missing = await check('2027-01-01T00:00:00+07:00');
    expect(missing).toHaveLength(1);
    expect(missing[0].resolvedAt).toBeUndefined();
    const id = await raise('Kiểm điểm công tác chỉ đạo, điều hành năm 2026', '2027-01-05T09:00:00+07:00', 'leadership-self-review', 2026);
    const m = await t.as(director.id, '/v1/meetings', {
      method: 'POST',
      body: body({ kind: 'topical', heldOn: '2027-01-06', chairId: director.id, participantIds: [director.id, deputyA!.id, deputyB!.id] }),
      clock: '2027-01-06T15:00:00+07:00',
    });
    expect((await act(director.id, id, 'meeting', { meetingId: (await json(m)).id }, '2027-01-06T16:00:00+07:00')).status).toBe(200);
    expect((await act(director.id, id, 'decision', { text: 'Thông qua' }, '2027-01-06T16:30:00+07:00')).status).toBe(200);
    const after = await check('2027-01-07T07:00:00+07:00');
    expect(after).toHaveLength(1);
    expect(after[0].resolvedAt).toBeDefined();
  });
});
