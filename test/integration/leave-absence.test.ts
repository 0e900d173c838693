// Leave (issue #9), continued from leave.test.ts: the director's own leave and the stand-in (A2), balances (L3), the absence calendar; each describe reads the leave the ones before it recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person, unitOverseenBy } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

/** Thursday 26 November 2026. */
const NOW = '2026-11-26T09:00:00+07:00';
const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;

const director = person('director');
const itDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;
const postsDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('posts-telecom'))!;
const chiefOfOffice = person('chief-of-office');
const itSpecialist = person('specialist', 'it');
const postsHead = person('head', 'posts-telecom');
const postsB = person('specialist', 'posts-telecom', 1);
const postsC = person('specialist', 'posts-telecom', 2);

function ask(as: string, input: Record<string, unknown>, clock = NOW, headers: Record<string, string> = {}) {
  return t.as(as, '/v1/leave-requests', { method: 'POST', body: body({ kind: 'annual', reason: 'Việc gia đình', ...input }), clock, headers });
}
function decide(as: string, id: string, input: Record<string, unknown>, clock = NOW, headers: Record<string, string> = {}) {
  return t.as(as, `/v1/leave-requests/${id}/decision`, { method: 'POST', body: body(input), clock, headers });
}
const getLeave = (as: string, id: string, clock = NOW) => t.as(as, `/v1/leave-requests/${id}`, { clock });

describe("the director's own leave (Điều 18.1) and the stand-in (A2)", () => {
  let reportedId: string;
  let requestId: string;

  it('one day is reported to the board and the chief of office, and asks the director to delegate', async () => {
    const res = await ask(director.id, { startDate: '2026-12-07' });
    expect(res.status).toBe(201);
    const l = await json(res);
    expect(l).toMatchObject({
      status: 'reported',
      approverId: null,
      applicationRequired: false,
      route: { kind: 'report', recipients: ['board', 'chief-of-office'] },
      delegationRequired: true,
      delegation: { covered: false, uncoveredDays: ['2026-12-07'], coveredBy: [] },
    });
    expect([...l.route.recipientIds].sort()).toEqual([...deputyDirectors().map((d) => d.id), chiefOfOffice.id].sort());
    expect(l.delegationRequestId).toEqual(expect.any(String));
    expect(l.delegation.requestId).toBe(l.delegationRequestId);
    reportedId = l.id;
    requestId = l.delegationRequestId;
    // The board and the chief of office see it; a specialist does not.
    expect((await getLeave(postsDeputy.id, l.id)).status).toBe(200);
    expect((await getLeave(chiefOfOffice.id, l.id)).status).toBe(200);
    expect((await getLeave(itSpecialist.id, l.id)).status).toBe(404);
    // A reported leave is not decided.
    expect((await decide(postsDeputy.id, l.id, { approve: true })).status).toBe(409);
  });

  it('the request to delegate is listed, and lands in the director’s notifications', async () => {
    const open = await json(await t.as(director.id, '/v1/requests-to-delegate?open=true', { clock: NOW }));
    const request = open.items.find((r: any) => r.id === requestId);
    expect(request).toMatchObject({ leaveRequestId: reportedId, directorId: director.id, from: '2026-12-07', to: '2026-12-07', state: 'open', rule: 'A2', uncoveredDays: ['2026-12-07'] });
    expect(request.message).toContain('(A2, Điều 3.3.3)');
    // Nobody below the board sees the director's requests.
    expect((await json(await t.as(itSpecialist.id, '/v1/requests-to-delegate', { clock: NOW }))).items).toEqual([]);
    const notes = await t.services.notifications.list({ orgId: t.orgId, staffId: director.id } as never, { unread: false, limit: 20 });
    expect(notes.items.filter((n: any) => n.about.key === `leave-request:${reportedId}`)).toHaveLength(1);
  });

  it('a delegation covering the day resolves it', async () => {
    const delegation = await t.as(director.id, '/v1/delegations', { method: 'POST', body: body({ delegateId: postsDeputy.id, from: '2026-12-07', to: '2026-12-07' }), clock: NOW });
    expect(delegation.status).toBe(201);
    const d = await json(delegation);
    const l = await json(await getLeave(director.id, reportedId));
    expect(l).toMatchObject({ delegationRequired: false, delegation: { covered: true, uncoveredDays: [], coveredBy: [{ id: d.id, delegateId: postsDeputy.id }] } });
    expect((await json(await t.as(director.id, '/v1/requests-to-delegate?open=true', { clock: NOW }))).items.map((r: any) => r.id)).not.toContain(requestId);
    const all = await json(await t.as(director.id, '/v1/requests-to-delegate', { clock: NOW }));
    expect(all.items.find((r: any) => r.id === requestId)).toMatchObject({ state: 'resolved', coveredBy: [{ delegateId: postsDeputy.id }] });
  });

  it('more than one day is applied for in writing; with a delegation already in place nothing is asked', async () => {
    expect(
      (await t.as(director.id, '/v1/delegations', { method: 'POST', body: body({ delegateId: itDeputy.id, from: '2026-12-14', to: '2026-12-16' }), clock: NOW })).status,
    ).toBe(201);
    const l = await json(await ask(director.id, { startDate: '2026-12-14', endDate: '2026-12-16', reason: 'Đơn xin nghỉ phép gửi Ban Giám đốc' }));
    expect(l).toMatchObject({ status: 'reported', days: 3, applicationRequired: true, delegationRequired: false, delegation: { covered: true } });
    expect(l.delegationRequestId).toBeUndefined();
    expect(l.route.explanation).toContain('applied for in writing to the board');
  });

  it('withdrawn before it begins, the leave cancels its request to delegate', async () => {
    const l = await json(await ask(director.id, { startDate: '2026-12-21' }));
    expect(l.delegationRequired).toBe(true);
    const withdrawn = await t.as(director.id, `/v1/leave-requests/${l.id}/withdraw`, { method: 'POST', body: body({ note: 'Hoãn' }), clock: NOW });
    expect(withdrawn.status).toBe(200);
    expect(await json(withdrawn)).toMatchObject({ status: 'withdrawn', delegationRequired: false, version: 2 });
    const all = await json(await t.as(director.id, '/v1/requests-to-delegate', { clock: NOW }));
    expect(all.items.find((r: any) => r.id === l.delegationRequestId)).toMatchObject({ state: 'cancelled', version: 2 });
  });
});

describe('annual leave balances (L3)', () => {
  it('approved annual leave is counted against the year', async () => {
    const l = await json(await ask(postsB.id, { startDate: '2026-12-08', endDate: '2026-12-10' }));
    expect(l.approverId).toBe(director.id);
    expect((await decide(director.id, l.id, { approve: true })).status).toBe(200);
    const balance = await json(await t.as(postsHead.id, `/v1/leave-balances?staffId=${postsB.id}&year=2026`, { clock: NOW }));
    expect(balance).toMatchObject({ staffId: postsB.id, year: 2026, entitlementDays: 12, entitlementSource: 'labour-code-default', usedDays: 3, remainingDays: 9, leaves: 1, version: 0 });
    expect((await t.as(itSpecialist.id, `/v1/leave-balances?staffId=${postsB.id}&year=2026`, { clock: NOW })).status).toBe(404);
  });

  it('the chief of office records an entitlement, with If-Match; nobody else may', async () => {
    const url = `/v1/leave-balances/${postsB.id}/2026/entitlement`;
    const tooLow = await t.as(chiefOfOffice.id, url, { method: 'PUT', body: body({ days: 2 }), clock: NOW });
    expect(tooLow.status).toBe(422);
    const set = await t.as(chiefOfOffice.id, url, { method: 'PUT', body: body({ days: 15, note: 'Thâm niên' }), clock: NOW, headers: { 'if-match': '"0"' } });
    expect(set.status).toBe(200);
    expect(await json(set)).toMatchObject({ entitlementDays: 15, entitlementSource: 'override', remainingDays: 12, version: 1 });
    expect((await t.as(chiefOfOffice.id, url, { method: 'PUT', body: body({ days: 16 }), clock: NOW, headers: { 'if-match': '"0"' } })).status).toBe(412);
    const byHead = await t.as(postsHead.id, url, { method: 'PUT', body: body({ days: 20 }), clock: NOW });
    expect(byHead.status).toBe(403);
    expect((await json(byHead)).detail).toContain('Điều 18.3');
    const audit = await json(await t.as(chiefOfOffice.id, `/v1/audit?entityId=leave-balance.${postsB.id}.2026`, { clock: NOW }));
    expect(audit.items.map((e: any) => [e.action, e.data.days])).toEqual([['entitlement-set', 15]]);
  });

  it('more annual leave than is left is refused', async () => {
    await t.as(chiefOfOffice.id, `/v1/leave-balances/${postsC.id}/2026/entitlement`, { method: 'PUT', body: body({ days: 1 }), clock: NOW });
    const before = await t.countItems();
    const res = await ask(postsC.id, { startDate: '2026-12-08', endDate: '2026-12-09' });
    expect(res.status).toBe(422);
    expect((await json(res)).detail).toContain('exceed the 1 days left');
    expect(await t.countItems()).toBe(before);
  });

  it('the director records the board’s agreement to combine leave over 2 or 3 years, and only that', async () => {
    const url = `/v1/leave-balances/${postsB.id}/2027/carry-over`;
    const byDeputy = await t.as(postsDeputy.id, url, { method: 'POST', body: body({ days: 5, fromYear: 2026, decisionRef: 'TB 12/TB-STTTT' }), clock: NOW });
    expect(byDeputy.status).toBe(403);
    expect((await json(byDeputy)).detail).toContain('(L3, Điều 18.3)');
    const fourYears = await t.as(director.id, `/v1/leave-balances/${postsB.id}/2029/carry-over`, { method: 'POST', body: body({ days: 5, fromYear: 2026, decisionRef: 'x' }), clock: NOW });
    expect(fourYears.status).toBe(422);
    expect((await json(fourYears)).detail).toContain('combined over 2 or 3 years by agreement with the board (L3, Điều 18.3)');
    const tooMany = await t.as(director.id, url, { method: 'POST', body: body({ days: 12.5, fromYear: 2026, decisionRef: 'x' }), clock: NOW });
    expect(tooMany.status).toBe(422);
    expect((await json(tooMany)).detail).toContain('Only 12 days');

    const res = await t.as(director.id, url, { method: 'POST', body: body({ days: 5, fromYear: 2026, decisionRef: 'TB 12/TB-STTTT ngày 20/11/2026' }), clock: NOW });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ year: 2027, entitlementDays: 12, carriedInDays: 5, remainingDays: 17, carriedIn: [{ days: 5, fromYear: 2026, toYear: 2027, paidOnce: true, decidedBy: director.id }], version: 1 });
    const from = await json(await t.as(postsB.id, '/v1/leave-balances?year=2026', { clock: NOW }));
    expect(from).toMatchObject({ carriedOutDays: 5, remainingDays: 7, version: 2 });
    expect(from.history.map((e: any) => e.action)).toEqual(['entitlement-set', 'carried-out']);
  });
});

describe('the absence calendar of a unit', () => {
  it('shows approved and reported leave in the range; colleagues see who and when, not why', async () => {
    const q = '/v1/absences?unitId=posts-telecom&from=2026-12-01&to=2026-12-31';
    const byHead = await json(await t.as(postsHead.id, q, { clock: NOW }));
    expect(byHead.items).toEqual([
      expect.objectContaining({ staffId: postsB.id, startDate: '2026-12-08', endDate: '2026-12-10', days: 3, status: 'approved', kind: 'annual' }),
    ]);
    expect(byHead.missions).toEqual([]);
    const byColleague = await json(await t.as(postsC.id, q, { clock: NOW }));
    expect(byColleague.items).toHaveLength(1);
    expect(byColleague.items[0].kind).toBeUndefined();
    expect((await t.as(itSpecialist.id, q, { clock: NOW })).status).toBe(404);
    const empty = await t.as(postsHead.id, '/v1/absences?unitId=posts-telecom&from=2026-12-31&to=2026-12-01', { clock: NOW });
    expect(empty.status).toBe(400);
    expect((await json(empty)).errors[0].path).toBe('query.to');
  });

  it('shows missions (Điều 16) beside leave', async () => {
    const mission = await t.as(director.id, '/v1/missions', {
      method: 'POST',
      body: body({ staffId: postsC.id, kind: 'training', title: 'Tập huấn an toàn thông tin', from: '2026-12-14', to: '2026-12-15' }),
      clock: NOW,
    });
    expect(mission.status).toBe(201);
    const calendar = await json(await t.as(postsHead.id, '/v1/absences?unitId=posts-telecom&from=2026-12-01&to=2026-12-31', { clock: NOW }));
    expect(calendar.missions).toEqual([
      { missionId: (await json(mission)).id, staffId: postsC.id, name: postsC.name, kind: 'training', from: '2026-12-14', to: '2026-12-15' },
    ]);
    const before = await json(await t.as(postsHead.id, '/v1/absences?unitId=posts-telecom&from=2026-12-01&to=2026-12-13', { clock: NOW }));
    expect(before.missions).toEqual([]);
  });

  it("everyone sees when the board is away and who stands in (A2)", async () => {
    const board = await json(await t.as(itSpecialist.id, '/v1/absences?unitId=board&from=2026-12-01&to=2026-12-31', { clock: NOW }));
    expect(board.items.map((i: any) => [i.staffId, i.startDate, i.status])).toEqual([
      [director.id, '2026-12-07', 'reported'],
      [director.id, '2026-12-14', 'reported'],
    ]);
    expect(board.standIns.map((s: any) => [s.delegatorId, s.delegateId, s.from, s.to])).toEqual([
      [director.id, postsDeputy.id, '2026-12-07', '2026-12-07'],
      [director.id, itDeputy.id, '2026-12-14', '2026-12-16'],
    ]);
  });
});
