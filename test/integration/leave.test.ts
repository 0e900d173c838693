// Leave requests (issue #9): who decides (L1), notice (L2), withdrawal, versions, idempotency, visibility, bad input. The director's leave, balances and the absence calendar: leave-absence.test.ts.
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
/** Monday 30 November 2026. */
const MONDAY = '2026-11-30T09:00:00+07:00';
const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;

const director = person('director');
const itDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;
const postsDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('posts-telecom'))!;
const chiefOfOffice = person('chief-of-office');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const itSpecialist2 = person('specialist', 'it', 1);
const itDeputyHead = person('deputy-head', 'it');
const postsA = person('specialist', 'posts-telecom', 0);
const ictA = person('specialist', 'ict-centre', 0);
const ictB = person('specialist', 'ict-centre', 1);
const ictC = person('specialist', 'ict-centre', 2);
const pressSpecialist = person('specialist', 'press');
const pressHead = person('head', 'press');
const ictOverseer = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('ict-centre'))!;

function ask(as: string, input: Record<string, unknown>, clock = NOW, headers: Record<string, string> = {}) {
  return t.as(as, '/v1/leave-requests', { method: 'POST', body: body({ kind: 'annual', reason: 'Việc gia đình', ...input }), clock, headers });
}
function decide(as: string, id: string, input: Record<string, unknown>, clock = NOW, headers: Record<string, string> = {}) {
  return t.as(as, `/v1/leave-requests/${id}/decision`, { method: 'POST', body: body(input), clock, headers });
}
const getLeave = (as: string, id: string, clock = NOW) => t.as(as, `/v1/leave-requests/${id}`, { clock });

describe('who decides (L1, Điều 18.1 and 18.2)', () => {
  it('half a day: the head of the unit approves; the history records both steps', async () => {
    const res = await ask(itSpecialist.id, { startDate: '2026-12-01', endHalf: 'morning' });
    expect(res.status).toBe(201);
    const l = await json(res);
    expect(l).toMatchObject({
      status: 'pending',
      applicantId: itSpecialist.id,
      unitId: 'it',
      kind: 'annual',
      startDate: '2026-12-01',
      endDate: '2026-12-01',
      startHalf: 'morning',
      endHalf: 'morning',
      days: 0.5,
      approverId: itHead.id,
      route: { kind: 'approval', approverRole: 'head-of-unit', approverId: itHead.id, rule: 'L1', article: 'Điều 18.2' },
      notice: { rule: 'L2', requiredDays: 3, givenDays: 5, short: false },
      emergency: false,
      delegationRequired: false,
      version: 1,
    });
    const approved = await decide(itHead.id, l.id, { approve: true, note: 'Đồng ý' });
    expect(approved.status).toBe(200);
    expect(await json(approved)).toMatchObject({ status: 'approved', decidedBy: itHead.id, decisionNote: 'Đồng ý', version: 2 });
    const full = await json(await getLeave(itSpecialist.id, l.id));
    expect(full.history.map((e: any) => [e.action, e.actorId, e.version])).toEqual([
      ['requested', itSpecialist.id, 1],
      ['approved', itHead.id, 2],
    ]);
  });

  it('one day: the deputy director overseeing the unit; the head may not decide it (403 citing L1, nothing written)', async () => {
    const l = await json(await ask(itSpecialist2.id, { kind: 'personal', startDate: '2026-12-02' }));
    expect(l).toMatchObject({ days: 1, approverId: itDeputy.id, route: { approverRole: 'overseeing-leader' } });
    const before = await t.countItems();
    const refused = await decide(itHead.id, l.id, { approve: true });
    expect(refused.status).toBe(403);
    const problem = await json(refused);
    expect(problem.detail).toContain('(L1, Điều 18.2)');
    expect(problem.rule).toBe('L1');
    expect(await t.countItems()).toBe(before);
    expect(await json(await decide(itDeputy.id, l.id, { approve: true }))).toMatchObject({ status: 'approved', decidedBy: itDeputy.id });
  });

  it('more than one day: the director; a refusal needs its reason', async () => {
    const l = await json(await ask(postsA.id, { startDate: '2026-12-03', endDate: '2026-12-04' }));
    expect(l).toMatchObject({ days: 2, approverId: director.id, route: { approverRole: 'director', upToDays: null } });
    expect((await decide(postsDeputy.id, l.id, { approve: true })).status).toBe(403);
    const noReason = await decide(director.id, l.id, { approve: false });
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).errors).toEqual([{ path: 'body.note', message: 'required when refusing' }]);
    const refused = await json(await decide(director.id, l.id, { approve: false, note: 'Cuối năm nhiều việc' }));
    expect(refused).toMatchObject({ status: 'refused', decisionNote: 'Cuối năm nhiều việc', version: 2 });
    // Decided once: a second decision conflicts.
    expect((await decide(director.id, l.id, { approve: true })).status).toBe(409);
  });

  it("a deputy director's and a head's leave go to the director, whatever the length", async () => {
    const deputyLeave = await json(await ask(postsDeputy.id, { startDate: '2026-12-01', startHalf: 'afternoon' }));
    expect(deputyLeave).toMatchObject({ days: 0.5, approverId: director.id, route: { basis: 'leader', approverRole: 'director' } });
    const headLeave = await json(await ask(itHead.id, { startDate: '2026-12-02' }));
    expect(headLeave).toMatchObject({ days: 1, approverId: director.id, route: { basis: 'leader' } });
    // A deputy head is staff of the unit (Điều 18.2): half a day to the head.
    const deputyHeadLeave = await json(await ask(itDeputyHead.id, { startDate: '2026-12-03', startHalf: 'afternoon' }));
    expect(deputyHeadLeave).toMatchObject({ approverId: itHead.id });
    // The approver's inbox.
    const inbox = await json(await t.as(director.id, `/v1/leave-requests?approverId=${director.id}&status=pending`, { clock: NOW }));
    expect(inbox.items.map((i: any) => i.id)).toEqual(expect.arrayContaining([deputyLeave.id, headLeave.id]));
    expect(inbox.items.every((i: any) => i.status === 'pending')).toBe(true);
  });
});

describe('notice (L2, Điều 18.3)', () => {
  it('annual leave 2 days ahead without an emergency is refused, citing the rule; nothing is written', async () => {
    const before = await t.countItems();
    const res = await ask(ictA.id, { startDate: '2026-12-02' }, MONDAY);
    expect(res.status).toBe(422);
    const problem = await json(res);
    expect(problem.detail).toMatch(/^Annual leave must be asked at least 3 days ahead \(L2, Điều 18\.3\); 2026-12-02 is 2 days ahead\./);
    expect(problem.errors.map((e: any) => e.path)).toEqual(['body.startDate', 'body.emergencyReason']);
    expect(await t.countItems()).toBe(before);
  });

  it('as an emergency with its reason it is accepted, and counted as such', async () => {
    const res = await ask(ictA.id, { startDate: '2026-12-02', emergency: true, emergencyReason: 'Con ốm, đã báo qua điện thoại' }, MONDAY);
    expect(res.status).toBe(201);
    const l = await json(res);
    expect(l).toMatchObject({ emergency: true, emergencyReason: 'Con ốm, đã báo qua điện thoại', notice: { givenDays: 2, requiredDays: 3, short: true }, approverId: ictOverseer.id });
    expect((await decide(ictOverseer.id, l.id, { approve: true }, MONDAY)).status).toBe(200);
    const balance = await json(await t.as(ictA.id, '/v1/leave-balances?year=2026', { clock: MONDAY }));
    expect(balance).toMatchObject({ usedDays: 1, remainingDays: 11, emergencyLeaves: 1, leaves: 1, daysByKind: { annual: 1, personal: 0, sick: 0, other: 0 } });
  });

  it('3 days ahead needs no emergency; sick leave needs no notice', async () => {
    expect((await ask(ictB.id, { kind: 'personal', startDate: '2026-12-03' }, MONDAY)).status).toBe(201);
    const sick = await ask(ictC.id, { kind: 'sick', startDate: '2026-11-30', reason: 'Sốt' }, MONDAY);
    expect(sick.status).toBe(201);
    expect((await json(sick)).notice).toBeUndefined();
  });

  it('an emergency states its reason; leave already begun is sick leave or an emergency', async () => {
    const before = await t.countItems();
    const noReason = await ask(ictB.id, { startDate: '2026-12-01', emergency: true }, MONDAY);
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).errors).toEqual([{ path: 'body.emergencyReason', message: 'an emergency states its reason (L2)' }]);
    const past = await ask(ictB.id, { kind: 'personal', startDate: '2026-11-27' }, MONDAY);
    expect(past.status).toBe(400);
    expect((await json(past)).errors[0]).toMatchObject({ path: 'body.startDate' });
    expect(await t.countItems()).toBe(before);
  });
});

describe('withdrawal, versions, idempotency, visibility, bad input', () => {
  it('the applicant withdraws before the decision; nobody else may; afterwards nothing more happens', async () => {
    const l = await json(await ask(itSpecialist.id, { kind: 'personal', startDate: '2026-12-10' }));
    expect((await t.as(itHead.id, `/v1/leave-requests/${l.id}/withdraw`, { method: 'POST', body: body({}), clock: NOW })).status).toBe(403);
    expect((await t.as(pressSpecialist.id, `/v1/leave-requests/${l.id}/withdraw`, { method: 'POST', body: body({}), clock: NOW })).status).toBe(404);
    const withdrawn = await json(await t.as(itSpecialist.id, `/v1/leave-requests/${l.id}/withdraw`, { method: 'POST', body: body({ note: 'Đổi kế hoạch' }), clock: NOW }));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawalNote: 'Đổi kế hoạch', version: 2 });
    expect((await t.as(itSpecialist.id, `/v1/leave-requests/${l.id}/withdraw`, { method: 'POST', body: body({}), clock: NOW })).status).toBe(409);
    expect((await decide(itDeputy.id, l.id, { approve: true })).status).toBe(409);
    // The dates are free again.
    expect((await ask(itSpecialist.id, { kind: 'personal', startDate: '2026-12-10' })).status).toBe(201);
  });

  it('If-Match with a stale version is 412 and changes nothing', async () => {
    const l = await json(await ask(itSpecialist.id, { startDate: '2026-12-11', endHalf: 'morning' }));
    const stale = await decide(itHead.id, l.id, { approve: true }, NOW, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect((await json(stale)).currentVersion).toBe(1);
    expect((await json(await getLeave(itHead.id, l.id))).status).toBe('pending');
    expect((await decide(itHead.id, l.id, { approve: true }, NOW, { 'if-match': '"1"' })).status).toBe(200);
  });

  it('overlapping leave of the same person conflicts (half days do not)', async () => {
    const res = await ask(itSpecialist.id, { startDate: '2026-12-11' });
    expect(res.status).toBe(409);
    expect((await json(res)).detail).toContain('2026-12-11');
    expect((await ask(itSpecialist.id, { startDate: '2026-12-11', startHalf: 'afternoon' })).status).toBe(201);
  });

  it('Idempotency-Key: a replay answers as the first time and writes nothing; another body is 422', async () => {
    const headers = { 'idempotency-key': 'leave-4711' };
    const first = await json(await ask(itSpecialist2.id, { startDate: '2026-12-15' }, NOW, headers));
    const count = await t.countItems();
    const again = await ask(itSpecialist2.id, { startDate: '2026-12-15' }, NOW, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).id).toBe(first.id);
    expect(await t.countItems()).toBe(count);
    const other = await ask(itSpecialist2.id, { startDate: '2026-12-16' }, NOW, headers);
    expect(other.status).toBe(422);
    expect(await t.countItems()).toBe(count);
  });

  it('visibility follows the lines of authority; what a caller may not see is 404', async () => {
    const l = await json(await ask(itSpecialist2.id, { kind: 'sick', startDate: '2026-12-17', reason: 'Khám bệnh' }));
    for (const viewer of [itSpecialist2, itHead, itDeputy, director, chiefOfOffice, person('chief-inspector')]) {
      expect((await getLeave(viewer.id, l.id)).status, viewer.id).toBe(200);
    }
    for (const viewer of [itSpecialist, pressHead, postsDeputy]) {
      expect((await getLeave(viewer.id, l.id)).status, viewer.id).toBe(404);
    }
    const mine = await json(await t.as(itSpecialist.id, `/v1/leave-requests?staffId=${itSpecialist2.id}`, { clock: NOW }));
    expect(mine.items).toEqual([]);
    const audit = await t.as(itHead.id, `/v1/audit?entityId=${l.id}`, { clock: NOW });
    expect(audit.status).toBe(200);
    expect((await json(audit)).items.map((e: any) => e.action)).toEqual(['requested']);
    expect((await t.as(pressHead.id, `/v1/audit?entityId=${l.id}`, { clock: NOW })).status).toBe(404);
  });

  it('bad input: a problem naming each field, and nothing written', async () => {
    const before = await t.countItems();
    const res = await t.as(itSpecialist.id, '/v1/leave-requests', {
      method: 'POST',
      body: body({ kind: 'holiday', startDate: '2026-02-30', startHalf: 'evening', reason: '', extra: 1 }),
      clock: NOW,
    });
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(problem.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['body.kind', 'body.startDate', 'body.startHalf', 'body.reason']));
    const weekend = await ask(itSpecialist.id, { startDate: '2026-12-05', endDate: '2026-12-04' });
    expect(weekend.status).toBe(400);
    expect((await json(weekend)).errors).toEqual([
      { path: 'body.endDate', message: 'must be on or after startDate 2026-12-05' },
      { path: 'body.startDate', message: '2026-12-05 is not a working day (Saturday)' },
    ]);
    expect(await t.countItems()).toBe(before);
  });
});
