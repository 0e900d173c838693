// P1 (Điều 10) against DynamoDB Local: the department's plans and weekly work programme are the
// Office's obligations, submitted through the plan mechanism (POST /v1/plans), approved by the
// director alone, readable by every staff member once approved, and judged by the P1 compliance
// rule (POST /v1/checks/run, the code the schedules run) at the boundaries of the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingText } from '../../shared/domain/finding-text.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person, sonLa } from '../support/people.js';

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
const office = sonLa.units.find((u) => u.id === chiefOfOffice.unitId)!;
const officeDeputy = sonLa.staff.find((s) => s.id === office.overseenBy)!;
const itHead = person('head', 'it');
const pressSpecialist = person('specialist', 'press');

const submit = (period: string, obligationId: string, clock: string, content = `Chương trình ${period}`) =>
  t.as(chiefOfOffice.id, '/v1/plans', { method: 'POST', body: body({ period, obligationId, content }), clock });
const approve = (as: string, id: string, clock: string, extra: Record<string, unknown> = {}) => t.as(as, `/v1/plans/${id}/approve`, { method: 'POST', body: body(extra), clock });
async function check(at: string) {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule: 'P1', at }), clock: at });
  expect(res.status).toBe(200);
  return (await json(res)).findings as any[];
}
const names = {
  person: (id: string) => sonLa.staff.find((s) => s.id === id)?.name,
  unit: (id: string) => sonLa.units.find((u) => u.id === id)?.name,
};

describe('the department’s plans and weekly programme (P1, Điều 10)', () => {
  /** Week 50's programme, submitted a second late by the second test; the last test judges its approval. */
  let w50: { id: string };
  it('P1 (Điều 10): the Office owes the weekly programme by 16:00 on the last working day of the week before, and the monthly, quarterly, 6-month and annual plans before their periods', async () => {
    const owed = async (period: string) =>
      (await json(await t.as(chiefOfOffice.id, `/v1/reports/obligations?period=${period}`, { clock: '2026-11-20T09:00:00+07:00' }))).items
        .filter((i: any) => i.rule === 'P1')
        .map((i: any) => [i.obligationId, i.period, i.kind, i.recipients, i.dueAt]);
    expect(await owed('2026-W50')).toEqual([['p1-weekly-programme', '2026-W50', 'plan', [director.id], '2026-12-04T16:00:00.000+07:00']]);
    expect(await owed('2026-12')).toEqual([['p1-department-plan', '2026-12', 'plan', [director.id], '2026-11-30T17:00:00.000+07:00']]);
    expect(await owed('2027')).toEqual([['p1-department-plan', '2027', 'plan', [director.id], '2026-12-31T17:00:00.000+07:00']]);
    // A head owes no department plan: it is the Office's.
    const headOwes = await json(await t.as(itHead.id, '/v1/reports/obligations?period=2026-W50', { clock: '2026-11-20T09:00:00+07:00' }));
    expect(headOwes.items.filter((i: any) => i.rule === 'P1')).toEqual([]);
  });

  it('P1 (Điều 10): a weekly programme submitted at its deadline instant (Friday 27/11/2026 16:00:00) is on time; one submitted at 16:00:01 on Friday 04/12/2026 is late and a finding, resolved as put right late', async () => {
    const onTime = await json(await submit('2026-W49', 'p1-weekly-programme', '2026-11-27T16:00:00+07:00'));
    expect(onTime).toMatchObject({ kind: 'plan', rule: 'P1', dueAt: '2026-11-27T16:00:00.000+07:00', late: false, reviewStatus: 'submitted' });
    expect((await check('2026-11-27T16:05:00+07:00')).filter((f) => f.period === '2026-W49')).toEqual([]);

    const late = await json(await submit('2026-W50', 'p1-weekly-programme', '2026-12-04T16:00:01+07:00'));
    w50 = late;
    expect(late).toMatchObject({ dueAt: '2026-12-04T16:00:00.000+07:00', late: true });
    const findings = (await check('2026-12-04T16:05:00+07:00')).filter((f) => f.period === '2026-W50');
    expect(findings.map((f) => [f.rule, f.key, f.period, f.subjectId, f.unitId])).toEqual([
      ['P1', 'p1-weekly-programme|2026-W50|' + chiefOfOffice.id, '2026-W50', chiefOfOffice.id, office.id],
    ]);
    expect(findings[0]).toMatchObject({ ref: late.id, resolution: 'put-right', facts: { submittedAt: '2026-12-04T16:00:01.000+07:00' } });
    expect(findings[0].resolvedAt).toBeDefined();
    expect(findingText(findings[0], 'vi', names)).toBe(
      `Chương trình công tác tuần của Sở (lịch công tác tuần) — Tuần 50/2026 (07/12–13/12): ${chiefOfOffice.name} trình chậm dưới 1 phút (lúc 04/12/2026 16:00; hạn 04/12/2026 16:00).`,
    );
    expect(findingText(findings[0], 'en', names)).toContain("The department's weekly work programme");
  });

  it('P1 (Điều 10): the programme of week 19/2026, whose Friday 01/05 (and Thursday 30/04) are holidays, is due Wednesday 29/04/2026 16:00: none at 16:00:00, a finding at 16:00:01, put right by a late submission', async () => {
    const w19 = (fs: any[]) => fs.filter((f) => f.period === '2026-W19');
    expect(w19(await check('2026-04-29T16:00:00+07:00'))).toEqual([]);
    const [missing] = w19(await check('2026-04-29T16:00:01+07:00'));
    expect(missing).toMatchObject({ rule: 'P1', period: '2026-W19', dueAt: '2026-04-29T16:00:00.000+07:00', facts: { submitted: false } });
    expect(missing.resolvedAt).toBeUndefined();
    expect(findingText(missing, 'vi', names)).toBe(
      `Chương trình công tác tuần của Sở (lịch công tác tuần) — Tuần 19/2026 (04/05–10/05): ${chiefOfOffice.name} chưa trình Giám đốc (hạn 29/04/2026 16:00).`,
    );
    const plan = await json(await submit('2026-W19', 'p1-weekly-programme', '2026-04-30T08:00:00+07:00'));
    expect(plan).toMatchObject({ dueAt: '2026-04-29T16:00:00.000+07:00', late: true });
    const [again] = w19(await check('2026-04-30T16:05:00+07:00'));
    expect(again).toMatchObject({ id: missing.id, resolution: 'put-right' });
    expect(again.resolutionNote).toContain('Submitted late');
  });

  it('P1 (Điều 10): a programme submitted but not approved when its week’s work begins (Monday 07/12/2026 00:00) is a finding from 00:00:01, put right when the director approves', async () => {
    const approval = (fs: any[]) => fs.filter((f) => f.facts.awaiting === 'approval' && f.period === '2026-W50');
    expect(approval(await check('2026-12-07T00:00:00+07:00'))).toEqual([]);
    const [unapproved] = approval(await check('2026-12-07T00:00:01+07:00'));
    expect(unapproved).toMatchObject({ rule: 'P1', ref: w50.id, dueAt: '2026-12-07T00:00:00.000+07:00' });
    expect(unapproved.resolvedAt).toBeUndefined();
    expect(findingText(unapproved, 'vi', names)).toBe(
      `Chương trình công tác tuần của Sở (lịch công tác tuần) — Tuần 50/2026 (07/12–13/12): đã trình nhưng chưa được Giám đốc phê duyệt khi bắt đầu kỳ (07/12/2026 00:00); người trình: ${chiefOfOffice.name}.`,
    );
    // A rerun records nothing twice.
    expect(approval(await check('2026-12-07T00:05:00+07:00')).map((f) => f.id)).toEqual([unapproved.id]);

    expect((await approve(director.id, w50.id, '2026-12-07T08:30:00+07:00')).status).toBe(200);
    const [resolved] = approval(await check('2026-12-07T16:05:00+07:00'));
    expect(resolved).toMatchObject({ id: unapproved.id, resolution: 'put-right', resolutionNote: 'Approved late, at 2026-12-07T08:30:00.000+07:00.' });
    expect(new Date(resolved.resolvedAt).toISOString()).toBe('2026-12-07T01:30:00.000Z');
  });
  it('P1 (Điều 10): only the director approves a department plan: the deputy overseeing the Office and the chief of office are refused, others cannot see it; once approved every staff member reads it', async () => {
    const plan = await json(await submit('2027-01', 'p1-department-plan', '2026-12-30T10:00:00+07:00', 'Kế hoạch tháng 01/2027'));
    expect(plan).toMatchObject({ dueAt: '2026-12-31T17:00:00.000+07:00', late: false });
    const clock = '2026-12-30T11:00:00+07:00';
    const before = await t.countItems();
    expect((await approve(officeDeputy.id, plan.id, clock)).status).toBe(403);
    expect((await approve(chiefOfOffice.id, plan.id, clock)).status).toBe(403);
    expect((await approve(itHead.id, plan.id, clock)).status).toBe(404);
    expect((await t.as(pressSpecialist.id, `/v1/plans/${plan.id}`, { clock })).status).toBe(404);
    expect(await t.countItems()).toBe(before);
    // The director's decisions inbox holds it; the overseeing deputy's does not.
    const inbox = async (staffId: string) => {
      const org = await json(await t.as(staffId, '/v1/org'));
      const me = org.staff.find((s: any) => s.id === staffId);
      const items = (await t.services.inbox.list({ orgId: t.orgId, staffId, name: me.name, unitId: me.unitId, roles: me.roles }, new Date(clock))).items;
      return items.filter((i) => i.kind === 'plan').map((i) => i.id);
    };
    expect(await inbox(director.id)).toContain(plan.id);
    expect(await inbox(officeDeputy.id)).not.toContain(plan.id);

    // The department's plan is a board matter (A5, Điều 3.2): the approval names the matter the board discussed.
    const matter = await json(await t.as(director.id, '/v1/board-matters', { method: 'POST', body: body({ category: 'work-plan', title: 'Kế hoạch tháng 01/2027' }), clock }));
    const meeting = await json(
      await t.as(director.id, '/v1/meetings', { method: 'POST', body: body({ kind: 'extraordinary', heldOn: '2026-12-30', chairId: director.id, participantIds: [director.id, officeDeputy.id] }), clock }),
    );
    expect((await t.as(director.id, `/v1/board-matters/${matter.id}/meeting`, { method: 'POST', body: body({ meetingId: meeting.id }), clock })).status).toBe(200);
    const approved = await approve(director.id, plan.id, clock, { boardMatterId: matter.id });
    expect(approved.status).toBe(200);
    expect(await json(approved)).toMatchObject({ reviewStatus: 'approved', approvedRevision: 1, lastReview: { by: director.id } });
    const read = await t.as(pressSpecialist.id, `/v1/plans/${plan.id}`, { clock });
    expect(read.status).toBe(200);
    expect((await json(read)).revisions[0].content).toBe('Kế hoạch tháng 01/2027');
    // Submitted and approved before January's first working day (Monday 04/01/2027) began: no finding.
    expect((await check('2027-01-04T00:05:00+07:00')).filter((f) => f.period === '2027-01')).toEqual([]);
  });
});
