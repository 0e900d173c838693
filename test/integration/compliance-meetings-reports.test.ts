import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import { orgSnapshotOf, periodicObligations } from '../../shared/domain/obligations.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { unitHeadRole } from '../../shared/rulebook/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedPost } from '../support/eoffice.js';
import { person, sonLa } from '../support/people.js';

// M1-M4, R1-R3/R6 and D1 against DynamoDB Local, through POST /v1/checks/run (the code the
// schedules run), at the boundaries of the clock; then the jobs the schedules also run. One table
// for the file: each scenario has its own dates.
const SECRET = generateWebhookSecret();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ eoffice: { secrets: [SECRET] } });
});
afterAll(async () => {
  await t?.dispose();
});

const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const pressSpecialist = person('specialist', 'press');
const distributor = sonLa.staff.find((s) => s.id === sonLa.documents.distribution!.distributorId)!;

async function check(rule: string, at: string) {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule, at }), clock: at });
  expect(res.status).toBe(200);
  return json(res);
}
async function post(as: string, path: string, b: unknown, clock: string) {
  const res = await t.as(as, path, { method: 'POST', body: body(b), clock });
  expect(res.status).toBe(201);
  return json(res);
}
const meeting = (as: string, input: Record<string, unknown>, clock: string) =>
  post(as, '/v1/meetings', { chairId: director.id, participantIds: [itHead.id], ...input }, clock);
const finding = async (id: string) => json(await t.as(director.id, `/v1/findings/${id}`));
const inbox = async (staffId: string) => (await json(await t.as(staffId, '/v1/notifications?limit=100'))).items as any[];

describe('M3, M5 (Điều 3.4): written conclusions by their deadline, extraordinary meetings included', () => {
  let onTime: any;
  let late: any;

  it('due two working days after the meeting at 17:00; on time at 16:59:59; a finding from 17:00:01, not at 17:00:00', async () => {
    onTime = await meeting(director.id, { kind: 'extraordinary', heldOn: '2026-11-23', subject: 'Chuyển đổi số' }, '2026-11-23T15:00:00+07:00');
    late = await meeting(director.id, { kind: 'extraordinary', heldOn: '2026-11-23', subject: 'An toàn thông tin' }, '2026-11-23T15:00:00+07:00');
    expect([onTime.conclusionsDueAt, late.conclusionsDueAt]).toEqual(['2026-11-25T17:00:00.000+07:00', '2026-11-25T17:00:00.000+07:00']);
    const items = [{ text: 'Triển khai chữ ký số', assigneeId: itHead.id, dueDate: '2026-12-10' }];
    await post(director.id, `/v1/meetings/${onTime.id}/conclusions`, { items }, '2026-11-25T16:59:59+07:00');

    expect((await check('M3', '2026-11-25T17:00:00+07:00')).findings).toEqual([]);
    const result = await check('M3', '2026-11-25T17:00:01+07:00');
    expect(result).toMatchObject({ rule: 'M3', article: 'Điều 3.4' });
    expect(result.findings.map((f: any) => f.ref)).toEqual([late.id]);
    expect(result.findings[0]).toMatchObject({
      subjectId: director.id,
      unitId: 'board',
      period: '2026-11',
      dueAt: '2026-11-25T17:00:00.000+07:00',
      facts: { meetingId: late.id, heldOn: '2026-11-23', issued: false, title: { vi: 'Họp bất thường' } },
    });
    expect(result.findings[0].resolvedAt).toBeUndefined();
  });

  it('conclusions issued at 17:30: the finding is put right at once, late, and stays on record', async () => {
    const [f] = (await check('M3', '2026-11-25T17:05:00+07:00')).findings;
    await post(director.id, `/v1/meetings/${late.id}/conclusions`, { items: [{ text: 'Rà soát hệ thống', assigneeId: itHead.id, dueDate: '2026-12-11' }] }, '2026-11-25T17:30:00+07:00');
    expect(await finding(f.id)).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-11-25T10:30:00.000Z', version: 2, detail: f.detail });
  });
});

describe('M1: the weekly briefing', () => {
  const briefing = (heldOn: string, clock: string) => meeting(chiefOfOffice.id, { kind: 'weekly-briefing', heldOn }, clock);
  let id: string;

  it('held on its Friday: no finding', async () => {
    await briefing('2026-12-25', '2026-12-25T16:00:00+07:00');
    expect((await check('M1', '2026-12-28T00:05:00+07:00')).findings).toEqual([]);
  });

  it('missed in a week whose Friday is a holiday: a finding that it was expected on Thursday; the director is notified once', async () => {
    const result = await check('M1', '2027-01-04T00:05:00+07:00');
    expect(result.created).toHaveLength(1);
    expect(result.findings).toHaveLength(1);
    id = result.findings[0].id;
    expect(result.findings[0]).toMatchObject({
      rule: 'M1',
      article: 'Điều 11.1',
      subjectId: director.id,
      unitId: 'board',
      period: '2026-W53',
      dueAt: '2027-01-03T23:59:59.999+07:00',
      facts: { expectedOn: '2026-12-31', movedFrom: '2027-01-01', movedBecause: { en: "New Year's Day" }, window: { start: '2026-12-28', end: '2027-01-03' } },
    });
    const notes = (await inbox(director.id)).filter((n) => n.about.key === `finding:${id}`);
    expect(notes.map((n) => [n.kind, n.subject.vi])).toEqual([['finding-detected', 'Chưa đúng hạn: Họp giao ban hàng tuần — Tuần 53/2026 (28/12/2026–03/01/2027)']]);

    const before = await t.countItems();
    const again = await check('M1', '2027-01-04T00:05:00+07:00');
    expect(again.created).toEqual([]);
    expect(again.findings).toEqual(result.findings);
    expect(await t.countItems()).toBe(before);
  });

  it('the briefing held on Thursday and recorded on Monday: the finding is put right when it was recorded', async () => {
    await briefing('2026-12-31', '2027-01-04T09:00:00+07:00');
    expect(await finding(id)).toMatchObject({ resolution: 'put-right', resolvedAt: '2027-01-04T02:00:00.000Z' });
  });
});

describe('M1 (Điều 11.1 "vào thứ 6 hàng tuần"): held on its day, off schedule, or not in the week', () => {
  const briefing = (heldOn: string, clock: string) => meeting(chiefOfOffice.id, { kind: 'weekly-briefing', heldOn }, clock);
  let offScheduleId: string;

  it('M1 (Điều 11.1): a briefing held on Thursday 26/11/2026 is held off schedule: a finding of its own, recorded once, naming both days', async () => {
    const held = await briefing('2026-11-26', '2026-11-26T16:00:00+07:00');
    const result = await check('M1', '2026-11-30T00:05:00+07:00');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      rule: 'M1',
      article: 'Điều 11.1',
      key: 'm1-weekly-briefing|2026-W48|board|off-schedule',
      subjectId: director.id,
      period: '2026-W48',
      ref: held.id,
      dueAt: '2026-11-27T23:59:59.999+07:00',
      facts: { held: 'off-schedule', heldOn: '2026-11-26', expectedOn: '2026-11-27', meetingId: held.id },
    });
    expect(result.findings[0].resolvedAt).toBeUndefined();
    offScheduleId = result.findings[0].id;
    const expected = await json(await t.as(itSpecialist.id, '/v1/meetings/expected?from=2026-11-23&to=2026-11-29', { clock: '2026-11-30T08:00:00+07:00' }));
    expect(expected.items.filter((e: any) => e.kind === 'weekly-briefing').map((e: any) => [e.occurrence, e.status, e.offSchedule, e.expectedOn])).toEqual([
      ['2026-W48', 'held', true, '2026-11-27'],
    ]);
    const page = await t.as(director.id, `/findings/${offScheduleId}`);
    expect(await page.text()).toContain('tổ chức họp không đúng ngày: họp ngày 26/11/2026, ngày quy định là 27/11/2026');
    const before = await t.countItems();
    expect((await check('M1', '2026-11-30T00:05:00+07:00')).created).toEqual([]);
    expect(await t.countItems()).toBe(before);
  });

  it('M1 (Điều 11.1): the Friday 27/11/2026 briefing recorded afterwards puts the off-schedule finding right', async () => {
    await briefing('2026-11-27', '2026-11-30T09:00:00+07:00');
    await check('M1', '2026-11-30T09:05:00+07:00');
    const expected = await json(await t.as(itSpecialist.id, '/v1/meetings/expected?from=2026-11-23&to=2026-11-29', { clock: '2026-11-30T10:00:00+07:00' }));
    expect(expected.items.find((e: any) => e.kind === 'weekly-briefing').offSchedule).toBeUndefined();
    expect(await finding(offScheduleId)).toMatchObject({ key: 'm1-weekly-briefing|2026-W48|board|off-schedule', resolution: 'put-right', resolvedAt: '2026-11-30T02:00:00.000Z' });
  });

  it('M1 (Điều 11.1): a briefing held on Monday 23/11/2026 is in the next week: 2026-W47 (16–22/11) was not held', async () => {
    await briefing('2026-11-23', '2026-11-23T16:00:00+07:00');
    const result = await check('M1', '2026-11-24T00:05:00+07:00');
    expect(result.findings.map((f: any) => [f.key, f.facts.held])).toEqual([['m1-weekly-briefing|2026-W47|board', false]]);
  });
});

describe('M2: the semi-annual and annual reviews, judged when their window closes', () => {
  it('the semi-annual review held in July passes on 1 August; the annual window then last closed is judged', async () => {
    await meeting(director.id, { kind: 'semiannual-review', heldOn: '2026-07-20' }, '2026-07-20T16:00:00+07:00');
    const result = await check('M2', '2026-08-01T00:05:00+07:00');
    expect(result.findings.map((f: any) => [f.key, f.period])).toEqual([['m2-annual-review|2025|board', '2025']]);
  });

  it('the annual review of 2026: nothing until its window (December to January) has closed, then a finding', async () => {
    expect((await check('M2', '2027-01-31T23:59:59+07:00')).created).toEqual([]);
    const result = await check('M2', '2027-02-01T00:05:00+07:00');
    expect(result.created).toHaveLength(1);
    const created = result.findings.find((f: any) => f.id === result.created[0]);
    expect(created).toMatchObject({
      key: 'm2-annual-review|2026|board',
      period: '2026',
      subjectId: director.id,
      facts: { kind: 'annual-review', window: { start: '2026-12-01', end: '2027-01-31' } },
    });
  });
});

describe('M4: each unit’s monthly meeting', () => {
  it('on the 1st, every unit that did not meet the month before is a finding for its head', async () => {
    await meeting(itHead.id, { kind: 'monthly-unit', unitId: 'it', heldOn: '2026-10-29', chairId: itHead.id, participantIds: [itSpecialist.id] }, '2026-10-29T16:00:00+07:00');
    const result = await check('M4', '2026-11-01T00:05:00+07:00');
    const units = sonLa.units.filter((u) => u.kind !== 'board' && u.id !== 'it');
    expect(result.findings.map((f: any) => [f.unitId, f.subjectId, f.period]).sort()).toEqual(
      units.map((u) => [u.id, person(unitHeadRole(u.kind), u.id).id, '2026-10']).sort(),
    );
  });
});

describe('R1-R3, R6: periodic reports', () => {
  const key = (staffId: string) => `r3-staff-report|2026-W48|${staffId}`;
  const owing = periodicObligations(sonLa, orgSnapshotOf(sonLa), calendarOf(sonLa), { periodId: '2026-W48' }).filter((i) => i.rule === 'R3');
  let id: string;

  it('the weekly report missing one second after Thursday 10:00 is a finding; one submitted at 09:59 is not', async () => {
    await post(itSpecialist.id, '/v1/reports', { obligationId: 'r3-staff-report', period: '2026-W48', content: 'Tuần 48' }, '2026-11-26T09:59:00+07:00');
    expect((await check('R3', '2026-11-26T10:00:00+07:00')).findings).toEqual([]);
    const result = await check('R3', '2026-11-26T10:00:01+07:00');
    expect(result.findings.map((f: any) => f.key).sort()).toEqual(owing.map((i) => i.key).filter((k) => k !== key(itSpecialist.id)).sort());
    const f = result.findings.find((x: any) => x.key === key(pressSpecialist.id));
    id = f.id;
    expect(f).toMatchObject({
      rule: 'R3',
      article: 'Điều 15.4',
      subjectId: pressSpecialist.id,
      unitId: 'press',
      period: '2026-W48',
      dueAt: '2026-11-26T10:00:00.000+07:00',
      facts: { obligationId: 'r3-staff-report', submitted: false },
    });
    const notes = (await inbox(pressSpecialist.id)).filter((n) => n.about.key === `finding:${id}`);
    expect(notes.map((n) => n.kind)).toEqual(['finding-detected']);
  });

  it('a late submission puts the finding right at once, late', async () => {
    const report = await post(pressSpecialist.id, '/v1/reports', { obligationId: 'r3-staff-report', period: '2026-W48', content: 'Tuần 48' }, '2026-11-26T11:00:00+07:00');
    expect(report.late).toBe(true);
    expect(await finding(id)).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-11-26T04:00:00.000Z', resolutionNote: 'Submitted late, at 2026-11-26T11:00:00.000+07:00.' });
  });

  it('weeks later, long after the days a run looks back on, a submission still puts its finding right', async () => {
    const colleague = person('specialist', 'it', 1);
    const open = await json(await t.as(director.id, `/v1/findings?rule=R3&subjectId=${colleague.id}&open=true`, { clock: '2026-12-20T09:00:00+07:00' }));
    expect(open.items.map((f: any) => f.key)).toEqual([key(colleague.id)]);
    await post(colleague.id, '/v1/reports', { obligationId: 'r3-staff-report', period: '2026-W48', content: 'Tuần 48' }, '2026-12-20T09:00:00+07:00');
    expect(await finding(open.items[0].id)).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-12-20T02:00:00.000Z' });
  });
});

describe('D1: incoming documents distributed by the start of the next working day', () => {
  const DOCS = '/v1/integrations/eoffice/documents';
  let n = 0;
  async function register(receivedAt: string, extra: Record<string, unknown> = {}) {
    const res = await signedPost(
      t,
      DOCS,
      { externalId: `D1-${++n}`, number: `${n}/UBND-KT`, title: `V/v kế hoạch chuyển đổi số ${n}`, issuer: 'UBND tỉnh Sơn La', receivedAt, ...extra },
      { secrets: [SECRET], clock: receivedAt },
    );
    expect(res.status).toBe(201);
    return json(res);
  }
  async function distribute(externalId: string, distributedAt: string, dueDate: string) {
    const res = await signedPost(t, `${DOCS}/${externalId}/distribution`, { assigneeIds: [itSpecialist.id], distributedAt, dueDate }, { secrets: [SECRET], clock: distributedAt });
    expect(res.status).toBe(201);
    return json(res);
  }
  const docs: Record<string, any> = {};

  it('received on Friday afternoon before a holiday Monday: due at the start of Tuesday; distributed at 07:59 passes, not distributed is a finding', async () => {
    docs.a = await register('2026-04-24T15:00:00+07:00');
    docs.b = await register('2026-04-24T15:10:00+07:00');
    docs.c = await register('2026-04-24T15:20:00+07:00', { confidentiality: 'secret' });
    expect(docs.a.distributionDueAt).toBe('2026-04-28T09:00:00.000+07:00');
    docs.aWork = (await distribute(docs.a.externalId, '2026-04-28T07:59:00+07:00', '2026-05-08')).assignments[0];

    expect((await check('D1', '2026-04-28T09:00:00+07:00')).findings).toEqual([]);
    const result = await check('D1', '2026-04-28T09:00:01+07:00');
    expect(result).toMatchObject({ rule: 'D1', article: 'Điều 9.1.4' });
    expect(result.findings.map((f: any) => f.ref).sort()).toEqual([docs.b.id, docs.c.id].sort());
    expect(result.findings.every((f: any) => f.subjectId === distributor.id && f.unitId === distributor.unitId && f.period === '2026-04')).toBe(true);
    const secret = result.findings.find((f: any) => f.ref === docs.c.id);
    expect(secret.detail).toBe('A secret incoming document, received at 2026-04-24T15:20:00.000+07:00, was not distributed by 2026-04-28T09:00:00.000+07:00.');
    expect(JSON.stringify(secret)).not.toContain('chuyển đổi số');
  });

  it('distributed at 10:00: the next day’s check puts it right, late; the other stays open', async () => {
    await distribute(docs.b.externalId, '2026-04-28T10:00:00+07:00', '2026-05-15');
    const result = await check('D1', '2026-04-29T09:05:00+07:00');
    expect(result.findings.map((f: any) => [f.ref, f.resolution ?? 'open', f.resolvedAt ?? null]).sort()).toEqual(
      [
        [docs.b.id, 'put-right', '2026-04-28T03:00:00.000Z'],
        [docs.c.id, 'open', null],
      ].sort(),
    );
  });

  it('distributed late before the check ran: recorded, already put right', async () => {
    // Received Wednesday 29 April; 30 April and 1 May are holidays: due Monday 4 May at 09:00.
    const d = await register('2026-04-29T08:00:00+07:00');
    expect(d.distributionDueAt).toBe('2026-05-04T09:00:00.000+07:00');
    await distribute(d.externalId, '2026-05-04T09:02:00+07:00', '2026-05-15');
    const result = await check('D1', '2026-05-04T09:05:00+07:00');
    expect(result.findings.find((f: any) => f.ref === d.id)).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-05-04T02:02:00.000Z', facts: { distributedAt: '2026-05-04T09:02:00.000+07:00' } });
  });

  it('the e-office overdue callbacks run as a job on the same schedules: queued once', async () => {
    const first = await check('EOFFICE-OVERDUE', '2026-05-09T00:10:00+07:00');
    expect(first).toMatchObject({ rule: 'EOFFICE-OVERDUE', findings: [], created: [], summary: { queued: [`${docs.aWork.id}.overdue.2026-05-08`], alreadyQueued: 0 } });
    expect(first.article).toBeUndefined();
    const before = await t.countItems();
    expect((await check('EOFFICE-OVERDUE', '2026-05-09T00:10:00+07:00')).summary).toEqual({ queued: [], alreadyQueued: 1 });
    expect(await t.countItems()).toBe(before);
  });
});

describe('A6: an escalation notifies the person who answers for the work', () => {
  it('each step reached is one notification, sent once', async () => {
    const work = await post(itHead.id, '/v1/assignments', { title: 'Cập nhật cổng thông tin', assigneeId: itSpecialist.id, dueDate: '2027-03-05' }, '2027-03-01T09:00:00+07:00');
    const result = await check('A6', '2027-03-09T00:05:00+07:00');
    const mine = result.findings.filter((f: any) => f.ref === work.id);
    expect(mine.map((f: any) => f.escalation.level)).toEqual(['reminder']);
    const notes = (await inbox(itSpecialist.id)).filter((n) => n.about.key === `finding:${mine[0].id}`);
    expect(notes.map((n) => [n.kind, n.subject.vi, n.body.vi])).toEqual([
      [
        'assignment-escalated',
        'Công việc quá hạn: Cập nhật cổng thông tin — hạn 05/03/2027',
        `Nhắc nhở (mức 1): ${itSpecialist.name} chưa hoàn thành nhiệm vụ “Cập nhật cổng thông tin”, hạn 05/03/2027, đã quá hạn 2 ngày làm việc. Căn cứ: Điều 5.1, 6.1, 7.1 (A6).`,
      ],
    ]);
    await check('A6', '2027-03-09T00:05:00+07:00');
    expect((await inbox(itSpecialist.id)).filter((n) => n.about.key === `finding:${mine[0].id}`)).toHaveLength(1);
  });
});

describe('the report reminders run as a job on the same schedules', () => {
  it('reminds who owes a report due the next working day, once however often it runs', async () => {
    const at = '2026-12-02T07:30:00+07:00';
    const first = await check('REPORT-REMINDERS', at);
    expect(first).toMatchObject({ rule: 'REPORT-REMINDERS', findings: [], created: [] });
    expect(first.summary.notificationIds).toHaveLength(first.summary.dueSoon + first.summary.missed);
    const reminded = (await inbox(pressSpecialist.id)).filter((n) => n.kind === 'report-due-soon' && n.about.key === `r3-staff-report|2026-W49|${pressSpecialist.id}`);
    expect(reminded).toHaveLength(1);
    const before = await t.countItems();
    expect((await check('REPORT-REMINDERS', at)).summary).toMatchObject({ dueSoon: 0, missed: 0, notificationIds: [] });
    expect(await t.countItems()).toBe(before);
  });
});
