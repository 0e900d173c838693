import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgSnapshotOf, periodicObligations } from '../../shared/domain/obligations.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person, sonLa, unitOverseenBy } from '../support/people.js';

// P2 (Điều 10.1, with the training plans of Điều 5.1, 7.1), P3 (Điều 10.2, 8, 5.1, 7.1) and R5
// (Điều 16.4) record findings as R1-R3 do, against DynamoDB Local through POST /v1/checks/run (the
// code the schedules run), at the boundary second of each deadline. One table: each scenario has its own dates.
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
const accountant = person('accountant');
const driver = person('driver');
const guard = person('guard');
const itDeputyHead = person('deputy-head', 'it');
const itHead = person('head', 'it');
const postsHead = person('head', 'posts-telecom');
const pressHead = person('head', 'press');
const chiefOfOffice = person('chief-of-office');
const chiefInspector = person('chief-inspector');
const postsDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('posts-telecom'))!;
const itDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;

async function check(rule: string, at: string) {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule, at }), clock: at });
  expect(res.status).toBe(200);
  return json(res);
}
async function post(as: string, path: string, b: unknown, clock: string) {
  const res = await t.as(as, path, { method: 'POST', body: body(b), clock });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return json(res);
}
const finding = async (id: string) => json(await t.as(director.id, `/v1/findings/${id}`));
const open = (f: any) => f !== undefined && f.resolvedAt === undefined;
const byKey = (result: any, key: string) => result.findings.find((f: any) => f.key === key || f.facts?.key === key);
/** The finding's page, as its reader sees it. */
const page = async (id: string, lang: 'vi' | 'en') => (await (await t.as(director.id, `/findings/${id}${lang === 'en' ? '?lang=en' : ''}`)).text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('P3: every staff member’s personal programme (Điều 10.2)', () => {
  const week = '2026-W48';
  const key = (staffId: string) => `p3-personal-programme|${week}|${staffId}`;

  it('P3 (Điều 10.2): every active staff member but the director owes it — the accountant, the driver, the guard, a deputy head, heads and deputy directors', () => {
    const owing = periodicObligations(sonLa, orgSnapshotOf(sonLa), calendarOf(sonLa), { periodId: week }).filter((i) => i.obligationId === 'p3-personal-programme');
    expect(new Set(owing.map((i) => i.staffId))).toEqual(new Set(sonLa.staff.filter((s) => s.id !== director.id).map((s) => s.id)));
    const to = (id: string) => owing.find((i) => i.staffId === id)!.recipients;
    expect(to(driver.id)).toEqual([chiefOfOffice.id]);
    expect(to(itDeputyHead.id)).toEqual([itHead.id]);
    expect(to(itHead.id)).toEqual([itDeputy.id]);
    expect(to(itDeputy.id)).toEqual([director.id]);
  });

  it('P3 (Điều 10.2): the programme due Monday 23/11/2026 10:00 submitted at 10:00:00 is on time, at 10:00:01 late; none is a finding from 10:00:01', async () => {
    await post(accountant.id, '/v1/reports', { obligationId: 'p3-personal-programme', period: week, content: 'Chương trình tuần 48' }, '2026-11-23T10:00:00+07:00');
    expect((await check('P3', '2026-11-23T10:00:00+07:00')).findings).toEqual([]);
    await post(driver.id, '/v1/reports', { obligationId: 'p3-personal-programme', period: week, content: 'Lịch xe tuần 48' }, '2026-11-23T10:00:01+07:00');
    const result = await check('P3', '2026-11-23T10:00:01+07:00');
    expect(byKey(result, key(accountant.id))).toBeUndefined();
    expect(byKey(result, key(driver.id))).toMatchObject({
      rule: 'P3',
      subjectId: driver.id,
      unitId: 'office',
      dueAt: '2026-11-23T10:00:00.000+07:00',
      resolution: 'put-right',
      facts: { obligationId: 'p3-personal-programme', submittedAt: '2026-11-23T10:00:01.000+07:00' },
    });
    const missing = byKey(result, key(itDeputyHead.id));
    expect(missing).toMatchObject({ rule: 'P3', subjectId: itDeputyHead.id, facts: { submitted: false } });
    expect(open(missing)).toBe(true);
    expect(open(byKey(result, key(guard.id)))).toBe(true);
    // The Office's own programme (Điều 5.1) is owed besides the chief of office's personal one.
    expect(open(byKey(result, `p3-office-programme|${week}|${chiefOfOffice.id}`))).toBe(true);
    expect(result.findings.some((f: any) => f.subjectId === director.id)).toBe(false);

    expect(await page(missing.id, 'vi')).toContain('Chương trình công tác cá nhân tuần, tháng — Tuần 48/2026 (23/11–29/11): Ngô Thị Thủy chưa nộp (hạn 23/11/2026 10:00)');
    expect(await page(missing.id, 'en')).toContain('Personal weekly and monthly work programme — Week 48, 2026 (2026-11-23 – 2026-11-29): Ngô Thị Thủy has not submitted it (due 2026-11-23 10:00)');
  });

  it('P3 (Điều 10.2): a late programme puts its finding right, late; rerunning the check creates nothing twice', async () => {
    const still = (await json(await t.as(director.id, `/v1/findings?rule=P3&subjectId=${itDeputyHead.id}&open=true`, { clock: '2026-11-24T09:00:00+07:00' }))).items;
    expect(still.map((f: any) => f.key)).toEqual([key(itDeputyHead.id)]);
    await post(itDeputyHead.id, '/v1/reports', { obligationId: 'p3-personal-programme', period: week, content: 'Tuần 48' }, '2026-11-24T09:00:00+07:00');
    expect(await finding(still[0].id)).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-11-24T02:00:00.000Z' });
    const again = await check('P3', '2026-11-24T10:05:00+07:00');
    expect(again.created).toEqual([]);
  });
});

describe('P2: a unit’s plan submitted and approved in time (Điều 10.1)', () => {
  // 2026-Q3's plan is due on its 5th working day, Tuesday 07/07/2026 17:00; a decision on it is due
  // 17:00 on the 5th working day after the day it was submitted: Tuesday 14/07/2026.
  const key = (staffId: string) => `p2-unit-plan|2026-Q3|${staffId}`;
  let postsPlan: any;
  let itPlan: any;

  it('P2 (Điều 10.1): a plan submitted at 17:00:00 on its due day is on time, at 17:00:01 late; none is a finding', async () => {
    postsPlan = await post(postsHead.id, '/v1/plans', { period: '2026-Q3', content: 'Kế hoạch quý III' }, '2026-07-07T17:00:00+07:00');
    expect((await check('P2', '2026-07-07T17:00:00+07:00')).findings).toEqual([]);
    itPlan = await post(itHead.id, '/v1/plans', { period: '2026-Q3', content: 'Kế hoạch quý III' }, '2026-07-07T17:00:01+07:00');
    const result = await check('P2', '2026-07-07T17:05:00+07:00');
    expect(byKey(result, key(postsHead.id))).toBeUndefined();
    expect(byKey(result, key(itHead.id))).toMatchObject({ subjectId: itHead.id, resolution: 'put-right', facts: { submittedAt: '2026-07-07T17:00:01.000+07:00' } });
    const missing = byKey(result, key(pressHead.id));
    expect(missing).toMatchObject({ rule: 'P2', article: 'Điều 10.1', subjectId: pressHead.id, facts: { submitted: false } });
    expect(open(missing)).toBe(true);
    expect(await page(missing.id, 'vi')).toContain('Kế hoạch công tác của phòng, đơn vị — Quý III/2026: Trần Văn Long chưa nộp (hạn 07/07/2026 17:00)');
  });

  it('P2 (Điều 10.1): "được Giám đốc, Phó Giám đốc Sở phê duyệt": approved at 17:00:00 on the 5th working day after submission passes; undecided at 17:00:01 is a finding for the overseeing deputy', async () => {
    const approved = await t.as(postsDeputy.id, `/v1/plans/${postsPlan.id}/approve`, { method: 'POST', body: body({}), clock: '2026-07-14T17:00:00+07:00' });
    expect(approved.status).toBe(200);
    expect((await check('P2', '2026-07-14T17:00:00+07:00')).findings.filter((f: any) => f.facts.stage === 'approval')).toEqual([]);
    const result = await check('P2', '2026-07-14T17:00:01+07:00');
    const approvals = result.findings.filter((f: any) => f.facts.stage === 'approval');
    expect(approvals.map((f: any) => f.facts.planId)).toEqual([itPlan.id]);
    expect(approvals[0]).toMatchObject({
      rule: 'P2',
      subjectId: itDeputy.id,
      unitId: 'board',
      period: '2026-Q3',
      dueAt: '2026-07-14T17:00:00.000+07:00',
      facts: { revision: 1, headId: itHead.id, planUnitId: 'it', decided: false },
    });
    expect(open(approvals[0])).toBe(true);
    expect(await page(approvals[0].id, 'vi')).toContain(
      `Kế hoạch công tác của phòng, đơn vị — Quý III/2026 của Phòng Công nghệ thông tin (bản 1, nộp lúc 07/07/2026 17:00): ${itDeputy.name} chưa phê duyệt hoặc trả lại (hạn 14/07/2026 17:00)`,
    );
    expect(await page(approvals[0].id, 'en')).toContain(`${itDeputy.name} has neither approved nor returned it (due 2026-07-14 17:00)`);

    // Approved the next morning: put right at once, late.
    const res = await t.as(itDeputy.id, `/v1/plans/${itPlan.id}/approve`, { method: 'POST', body: body({}), clock: '2026-07-15T09:00:00+07:00' });
    expect(res.status).toBe(200);
    expect(await finding(approvals[0].id)).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-07-15T02:00:00.000Z' });
  });

  it('P2 (Điều 10.1): a revision submitted before any decision on the one before withdraws that one’s finding; the new revision has its own deadline', async () => {
    const pressPlan = await post(pressHead.id, '/v1/plans', { period: '2026-Q3', content: 'Kế hoạch quý III' }, '2026-07-08T08:00:00+07:00');
    // Wednesday 08/07 + 5 working days: Wednesday 15/07/2026 17:00; the director oversees the Press division.
    const result = await check('P2', '2026-07-15T17:00:01+07:00');
    const f = result.findings.find((x: any) => x.facts.stage === 'approval' && x.facts.planId === pressPlan.id);
    expect(f).toMatchObject({ subjectId: director.id, facts: { revision: 1 } });
    expect(open(f)).toBe(true);
    await post(pressHead.id, '/v1/plans', { period: '2026-Q3', content: 'Kế hoạch quý III, bản 2' }, '2026-07-16T08:00:00+07:00');
    expect(await finding(f.id)).toMatchObject({ resolution: 'withdrawn', resolvedAt: '2026-07-16T01:00:00.000Z' });
    const later = await check('P2', '2026-07-23T17:00:01+07:00');
    const second = later.findings.find((x: any) => x.facts.stage === 'approval' && x.facts.revision === 2);
    expect(second).toMatchObject({ subjectId: director.id, dueAt: '2026-07-23T17:00:00.000+07:00' });
    expect(open(second)).toBe(true);
  });
});

describe('P2: the training plan of Điều 5.1, 7.1 (kế hoạch nâng cao chuyên môn nghiệp vụ)', () => {
  // Due 31/01/2027, a Sunday: the working day before, Friday 29/01/2027, 17:00.
  const key = (staffId: string) => `p2-training-plan|2027|${staffId}`;

  it('P2 (Điều 5.1, 7.1): the chief of office’s training plan at 17:00:00 on Friday 29/01/2027 is on time; the heads’ missing from 17:00:01; the chief inspector owes none', async () => {
    const plan = await post(chiefOfOffice.id, '/v1/plans', { obligationId: 'p2-training-plan', period: '2027', content: 'Kế hoạch bồi dưỡng 2027' }, '2027-01-29T17:00:00+07:00');
    expect(plan).toMatchObject({ kind: 'plan', rule: 'P2', article: 'Điều 5.1, 7.1', dueAt: '2027-01-29T17:00:00.000+07:00', recipients: [postsDeputy.id], late: false });
    expect((await check('P2', '2027-01-29T17:00:00+07:00')).findings.filter((f: any) => f.facts.obligationId === 'p2-training-plan')).toEqual([]);
    const result = await check('P2', '2027-01-29T17:00:01+07:00');
    const training = result.findings.filter((f: any) => f.facts.obligationId === 'p2-training-plan' && f.facts.stage !== 'approval');
    expect(training.map((f: any) => f.subjectId).sort()).toEqual(sonLa.staff.filter((s) => s.roles.includes('head')).map((s) => s.id).sort());
    expect(result.findings.some((f: any) => f.subjectId === chiefInspector.id && f.facts.obligationId === 'p2-training-plan')).toBe(false);
    expect(byKey(result, key(itHead.id))).toMatchObject({ dueAt: '2027-01-29T17:00:00.000+07:00' });
    expect(open(byKey(result, key(itHead.id)))).toBe(true);
    // Approved through the plans' own mechanism.
    const res = await t.as(postsDeputy.id, `/v1/plans/${plan.id}/approve`, { method: 'POST', body: body({}), clock: '2027-02-01T09:00:00+07:00' });
    expect(res.status).toBe(200);
    expect((await json(res)).reviewStatus).toBe('approved');
  });
});

describe('R5: the report on a mission’s results (Điều 16.4)', () => {
  // A mission ending Friday 27/11/2026: the report is due the 3rd working day after, Wednesday 02/12/2026 17:00.
  let driverMission: any;
  let accountantMission: any;
  const key = (m: any, staffId: string) => `r5-mission-report|mission-ended:${m.id}|${staffId}`;

  it('R5 (Điều 16.4): a mission ending Friday 27/11/2026 is reported by Wednesday 02/12/2026 17:00: at 17:00:00 on time, none at 17:00:01 a finding', async () => {
    driverMission = await post(director.id, '/v1/missions', { staffId: driver.id, kind: 'mission', title: 'Đưa đoàn công tác Mộc Châu', from: '2026-11-25', to: '2026-11-27' }, '2026-11-20T09:00:00+07:00');
    accountantMission = await post(director.id, '/v1/missions', { staffId: accountant.id, kind: 'training', title: 'Tập huấn kế toán', from: '2026-11-27', to: '2026-11-27' }, '2026-11-20T09:00:00+07:00');
    expect(driverMission.obligations).toEqual([expect.objectContaining({ rule: 'R5', recipients: [chiefOfOffice.id], dueAt: '2026-12-02T17:00:00.000+07:00' })]);
    await post(driver.id, '/v1/reports', { obligationId: 'r5-mission-report', missionId: driverMission.id, content: 'Đã đưa đoàn đi và về an toàn' }, '2026-12-02T17:00:00+07:00');
    expect((await check('R5', '2026-12-02T17:00:00+07:00')).findings).toEqual([]);
    const result = await check('R5', '2026-12-02T17:00:01+07:00');
    expect(byKey(result, key(driverMission, driver.id))).toBeUndefined();
    const f = byKey(result, key(accountantMission, accountant.id));
    expect(f).toMatchObject({
      rule: 'R5',
      article: 'Điều 16.4',
      subjectId: accountant.id,
      unitId: 'office',
      period: '2026-11',
      dueAt: '2026-12-02T17:00:00.000+07:00',
      facts: { obligationId: 'r5-mission-report', missionId: accountantMission.id, missionTitle: 'Tập huấn kế toán', missionEndedOn: '2026-11-27', submitted: false },
    });
    expect(open(f)).toBe(true);
    expect(await page(f.id, 'vi')).toContain(
      'Báo cáo kết quả đi học, hội nghị, tập huấn, công tác — “Tập huấn kế toán” (27/11/2026): Vũ Thị Lan Anh chưa nộp (hạn 02/12/2026 17:00)',
    );
    expect(await page(f.id, 'en')).toContain('“Tập huấn kế toán” (2026-11-27): Vũ Thị Lan Anh has not submitted it (due 2026-12-02 17:00)');
  });

  it('R5 (Điều 16.4): the report given late puts the finding right at once, late', async () => {
    const pending = (await json(await t.as(director.id, `/v1/findings?rule=R5&subjectId=${accountant.id}&open=true`, { clock: '2026-12-03T08:00:00+07:00' }))).items;
    expect(pending).toHaveLength(1);
    await post(accountant.id, '/v1/reports', { obligationId: 'r5-mission-report', missionId: accountantMission.id, content: 'Kết quả tập huấn' }, '2026-12-03T08:00:00+07:00');
    expect(await finding(pending[0].id)).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-12-03T01:00:00.000Z', resolutionNote: 'Submitted late, at 2026-12-03T08:00:00.000+07:00.' });
    expect((await check('R5', '2026-12-03T17:05:00+07:00')).created).toEqual([]);
  });
});
