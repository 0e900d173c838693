// Citizen reception (C1, Điều 14) against DynamoDB Local: the monthly schedule, its approval,
// held sessions whose complaints and denunciations become the Inspectorate's assignments, and
// the C1 check through POST /v1/checks/run (the code the schedule runs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person } from '../support/people.js';

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
const deputy = deputyDirectors()[0]!;
const chiefInspector = person('chief-inspector');
const inspector = person('inspector');
const pressSpecialist = person('specialist', 'press');

async function runC1(at: string) {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule: 'C1', at }), clock: at });
  expect(res.status).toBe(200);
  return json(res);
}

async function findings() {
  const res = await t.as(director.id, '/v1/findings?rule=C1', { clock: '2027-02-01T09:00:00+07:00' });
  expect(res.status).toBe(200);
  return ((await json(res)).items as any[]).sort((a, b) => a.key.localeCompare(b.key));
}

describe('a month without an approved reception schedule (C1, Điều 14)', () => {
  it('gives one finding per month whose deadline passed, citing Điều 14, on the chief inspector', async () => {
    const result = await runC1('2026-12-02T00:05:00+07:00');
    const found = (result.findings as any[]).map((f) => ({ key: f.key, rule: f.rule, article: f.article, subjectId: f.subjectId, unitId: f.unitId, period: f.period, open: f.resolvedAt === undefined }));
    expect(found.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'schedule|2026-11', rule: 'C1', article: 'Điều 14', subjectId: chiefInspector.id, unitId: 'inspectorate', period: '2026-11', open: true },
      { key: 'schedule|2026-12', rule: 'C1', article: 'Điều 14', subjectId: chiefInspector.id, unitId: 'inspectorate', period: '2026-12', open: true },
    ]);
    const december = (result.findings as any[]).find((f) => f.key === 'schedule|2026-12');
    expect(december.detail).toBe('No citizen reception schedule for 2026-12 was approved by 2026-12-01T17:00:00.000+07:00 (Điều 14.1): none was proposed.');
    expect(december.dueAt).toBe('2026-12-01T17:00:00.000+07:00');
  });

  it('a rerun creates nothing twice', async () => {
    const result = await runC1('2026-12-02T00:05:00+07:00');
    expect(result.created).toEqual([]);
    expect(result.findings).toHaveLength(2);
  });

  it('before the deadline (the first working day, 17:00) there is nothing to find for the month', async () => {
    const result = await runC1('2026-12-01T17:00:00+07:00');
    expect((result.findings as any[]).map((f) => f.key)).toEqual(['schedule|2026-11']);
  });

  it('approving the schedule late resolves the month’s finding as put right, at the approval', async () => {
    const proposed = await t.as(chiefInspector.id, '/v1/reception-schedules', {
      method: 'POST',
      body: body({ month: '2026-12', sessions: [{ date: '2026-12-15', start: '08:00', end: '11:00', hostId: director.id }] }),
      clock: '2026-12-03T09:00:00+07:00',
    });
    expect(proposed.status).toBe(201);
    const approved = await t.as(director.id, '/v1/reception-schedules/2026-12/approve', { method: 'POST', clock: '2026-12-03T10:00:00+07:00' });
    expect(approved.status).toBe(200);
    expect(await json(approved)).toMatchObject({ status: 'approved', approvedBy: director.id, approvedOnTime: false, dueAt: '2026-12-01T17:00:00.000+07:00' });
    const december = (await findings()).find((f) => f.key === 'schedule|2026-12');
    expect(december).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-12-03T03:00:00.000Z' });
    expect((await findings()).find((f) => f.key === 'schedule|2026-11')?.resolvedAt).toBeUndefined();
  });
});

describe('the schedule of January 2027: proposal, approval, sessions and their cases', () => {
  const SESSIONS = [
    { date: '2027-01-22', start: '14:00', end: '17:00', hostId: deputy.id, location: 'Phòng tiếp công dân' },
    { date: '2027-01-08', start: '08:00', end: '11:00', hostId: director.id, location: 'Phòng tiếp công dân' },
  ];

  it('refuses anyone but the chief inspector, writing nothing (403)', async () => {
    const before = await t.countItems();
    const res = await t.as(pressSpecialist.id, '/v1/reception-schedules', { method: 'POST', body: body({ month: '2027-01', sessions: SESSIONS }), clock: '2026-12-20T09:00:00+07:00' });
    expect(res.status).toBe(403);
    expect(await t.countItems()).toBe(before);
  });

  it('names every bad session field: a day outside the month, a host who cannot receive, hours the wrong way round', async () => {
    const before = await t.countItems();
    const res = await t.as(chiefInspector.id, '/v1/reception-schedules', {
      method: 'POST',
      body: body({
        month: '2027-01',
        sessions: [
          { date: '2027-02-01', start: '08:00', end: '11:00', hostId: director.id },
          { date: '2027-01-12', start: '11:00', end: '08:00', hostId: pressSpecialist.id },
        ],
      }),
      clock: '2026-12-20T09:00:00+07:00',
    });
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect((problem.errors as any[]).map((e) => e.path)).toEqual(['body.sessions.1.hostId']);
    const res2 = await t.as(chiefInspector.id, '/v1/reception-schedules', {
      method: 'POST',
      body: body({ month: '2027-01', sessions: [{ date: '2027-02-01', start: '08:00', end: '11:00', hostId: director.id }, { date: '2027-01-12', start: '11:00', end: '08:00', hostId: director.id }] }),
      clock: '2026-12-20T09:00:00+07:00',
    });
    expect(res2.status).toBe(400);
    expect(((await json(res2)).errors as any[]).map((e) => e.path)).toEqual(['body.sessions.0.date', 'body.sessions.1.end']);
    expect(await t.countItems()).toBe(before);
  });

  it('the chief inspector proposes: 201, sessions numbered by date; the same Idempotency-Key replays without writing', async () => {
    const headers = { 'idempotency-key': 'c1-2027-01' };
    const res = await t.as(chiefInspector.id, '/v1/reception-schedules', { method: 'POST', body: body({ month: '2027-01', sessions: SESSIONS }), clock: '2026-12-20T09:00:00+07:00', headers });
    expect(res.status).toBe(201);
    const s = await json(res);
    expect(s).toMatchObject({ id: 'reception-schedule.2027-01', month: '2027-01', status: 'proposed', proposedBy: chiefInspector.id, version: 1, dueAt: '2027-01-04T17:00:00.000+07:00' });
    expect((s.sessions as any[]).map((x) => [x.n, x.date, x.hostId, x.status])).toEqual([
      [1, '2027-01-08', director.id, 'scheduled'],
      [2, '2027-01-22', deputy.id, 'scheduled'],
    ]);
    const before = await t.countItems();
    const again = await t.as(chiefInspector.id, '/v1/reception-schedules', { method: 'POST', body: body({ month: '2027-01', sessions: SESSIONS }), clock: '2026-12-20T09:00:00+07:00', headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await t.countItems()).toBe(before);
    const twice = await t.as(chiefInspector.id, '/v1/reception-schedules', { method: 'POST', body: body({ month: '2027-01', sessions: SESSIONS }), clock: '2026-12-20T09:00:00+07:00' });
    expect(twice.status).toBe(409);
  });

  it('a deputy director without the director’s delegation may not approve (403); a stale If-Match gets 412; the director approves', async () => {
    const before = await t.countItems();
    expect((await t.as(deputy.id, '/v1/reception-schedules/2027-01/approve', { method: 'POST', clock: '2026-12-22T09:00:00+07:00' })).status).toBe(403);
    expect((await t.as(director.id, '/v1/reception-schedules/2027-01/approve', { method: 'POST', clock: '2026-12-22T09:00:00+07:00', headers: { 'if-match': '"7"' } })).status).toBe(412);
    expect(await t.countItems()).toBe(before);
    const res = await t.as(director.id, '/v1/reception-schedules/2027-01/approve', { method: 'POST', clock: '2026-12-22T09:00:00+07:00', headers: { 'if-match': '"1"' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ status: 'approved', approvedBy: director.id, approvedOnTime: true, version: 2 });
  });

  it('a held session records who received and the citizens; each case becomes an assignment of the Inspectorate due by the law’s deadline', async () => {
    const res = await t.as(inspector.id, '/v1/reception-schedules/2027-01/sessions/1/outcome', {
      method: 'POST',
      body: body({
        receivedBy: director.id,
        otherStaffIds: [chiefInspector.id],
        citizenCount: 3,
        cases: [
          { kind: 'complaint', summary: 'Khiếu nại về cấp phép trạm phát sóng', citizenName: 'Lò Văn Pọm' },
          { kind: 'denunciation', summary: 'Tố cáo sai phạm trong đấu thầu' },
        ],
      }),
      clock: '2027-01-08T11:30:00+07:00',
      headers: { 'idempotency-key': 'outcome-2027-01-1' },
    });
    expect(res.status).toBe(201);
    const s = await json(res);
    expect(s.sessions[0]).toMatchObject({ n: 1, status: 'held', outcome: { receivedBy: director.id, otherStaffIds: [chiefInspector.id], citizenCount: 3, caseCount: 2, recordedBy: inspector.id } });
    // 10 calendar days for a complaint; 7 working days for a denunciation (Fri 8 → Tue 19 January).
    expect((s.cases as any[]).map((c) => [c.kind, c.receivedOn, c.dueDate, c.assignmentId, c.state])).toEqual([
      ['complaint', '2027-01-08', '2027-01-18', 'reception-schedule.2027-01.1.1', 'created'],
      ['denunciation', '2027-01-08', '2027-01-19', 'reception-schedule.2027-01.1.2', 'created'],
    ]);
    const complaint = await json(await t.as(chiefInspector.id, '/v1/assignments/reception-schedule.2027-01.1.1', { clock: '2027-01-08T12:00:00+07:00' }));
    expect(complaint).toMatchObject({
      title: 'Thụ lý đơn khiếu nại: Khiếu nại về cấp phép trạm phát sóng',
      description: 'Công dân: Lò Văn Pọm',
      unitId: 'inspectorate',
      assigneeId: null,
      responsibleId: chiefInspector.id,
      assignerId: inspector.id,
      onBehalfOf: director.id,
      dueDate: '2027-01-18',
      confidentiality: 'normal',
      source: { kind: 'ad-hoc', ref: 'reception-schedule.2027-01', itemId: '1.1' },
    });
    const denunciation = await json(await t.as(chiefInspector.id, '/v1/assignments/reception-schedule.2027-01.1.2', { clock: '2027-01-08T12:00:00+07:00' }));
    expect(denunciation).toMatchObject({ dueDate: '2027-01-19', confidentiality: 'confidential', responsibleId: chiefInspector.id });
  });

  it('replaying the same outcome writes nothing; a second record of the session is refused (409)', async () => {
    const before = await t.countItems();
    const again = await t.as(inspector.id, '/v1/reception-schedules/2027-01/sessions/1/outcome', {
      method: 'POST',
      body: body({
        receivedBy: director.id,
        otherStaffIds: [chiefInspector.id],
        citizenCount: 3,
        cases: [
          { kind: 'complaint', summary: 'Khiếu nại về cấp phép trạm phát sóng', citizenName: 'Lò Văn Pọm' },
          { kind: 'denunciation', summary: 'Tố cáo sai phạm trong đấu thầu' },
        ],
      }),
      clock: '2027-01-08T11:31:00+07:00',
      headers: { 'idempotency-key': 'outcome-2027-01-1' },
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await t.as(inspector.id, '/v1/reception-schedules/2027-01/sessions/1/outcome', {
      method: 'POST',
      body: body({ receivedBy: director.id, citizenCount: 1 }),
      clock: '2027-01-08T11:32:00+07:00',
    });
    expect(other.status).toBe(409);
    expect(await t.countItems()).toBe(before);
  });

  it('everyone sees the published schedule, but a case’s content only those who may see its assignment', async () => {
    const res = await t.as(pressSpecialist.id, '/v1/reception-schedules/2027-01', { clock: '2027-01-09T09:00:00+07:00' });
    expect(res.status).toBe(200);
    const s = await json(res);
    expect(s.sessions).toHaveLength(2);
    expect((s.cases as any[]).map((c) => [c.kind, c.summary ?? null])).toEqual([
      ['complaint', null],
      ['denunciation', null],
    ]);
    const seen = await json(await t.as(director.id, '/v1/reception-schedules/2027-01', { clock: '2027-01-09T09:00:00+07:00' }));
    expect((seen.cases as any[]).map((c) => c.summary)).toEqual(['Khiếu nại về cấp phép trạm phát sóng', 'Tố cáo sai phạm trong đấu thầu']);
  });

  it('a session neither held nor moved by the end of its day is a finding on its host; moving it late with a reason puts it right', async () => {
    const result = await runC1('2027-01-23T00:05:00+07:00');
    const session = (result.findings as any[]).find((f) => f.key === 'session|2027-01|2|2027-01-22');
    expect(session).toMatchObject({ rule: 'C1', article: 'Điều 14', subjectId: deputy.id, unitId: 'board', period: '2027-01' });
    expect(session.detail).toBe('The citizen reception session of 2027-01-22 was neither held nor moved with a reason (Điều 14.1).');
    expect(session.resolvedAt).toBeUndefined();
    // Session 1 was held: no finding about it.
    expect((result.findings as any[]).filter((f) => f.key.startsWith('session|2027-01|1|'))).toEqual([]);

    const before = await t.countItems();
    const noReason = await t.as(chiefInspector.id, '/v1/reception-schedules/2027-01/sessions/2/reschedule', { method: 'POST', body: body({ date: '2027-01-26', reason: '  ' }), clock: '2027-01-23T08:00:00+07:00' });
    expect(noReason.status).toBe(400);
    expect(((await json(noReason)).errors as any[]).map((e) => e.path)).toEqual(['body.reason']);
    expect(await t.countItems()).toBe(before);

    const moved = await t.as(chiefInspector.id, '/v1/reception-schedules/2027-01/sessions/2/reschedule', {
      method: 'POST',
      body: body({ date: '2027-01-26', reason: 'Phó Giám đốc đi công tác đột xuất' }),
      clock: '2027-01-23T08:00:00+07:00',
    });
    expect(moved.status).toBe(200);
    const s = await json(moved);
    expect(s.sessions[1]).toMatchObject({ n: 2, date: '2027-01-26', status: 'scheduled', reschedules: [{ fromDate: '2027-01-22', toDate: '2027-01-26', reason: 'Phó Giám đốc đi công tác đột xuất', by: chiefInspector.id }] });
    const after = (await findings()).find((f) => f.key === 'session|2027-01|2|2027-01-22');
    expect(after).toMatchObject({ resolution: 'put-right', resolvedAt: '2027-01-23T01:00:00.000Z', resolutionNote: 'Moved late to 2027-01-26: Phó Giám đốc đi công tác đột xuất' });
  });

  it('a session moved before its day is no finding', async () => {
    const moved = await t.as(director.id, '/v1/reception-schedules/2027-01/sessions/2/reschedule', {
      method: 'POST',
      body: body({ date: '2027-01-28', hostId: director.id, reason: 'Giám đốc trực tiếp tiếp' }),
      clock: '2027-01-25T08:00:00+07:00',
    });
    expect(moved.status).toBe(200);
    const result = await runC1('2027-01-27T00:05:00+07:00');
    expect((result.findings as any[]).filter((f) => f.key.includes('2027-01-26'))).toEqual([]);
  });
});
