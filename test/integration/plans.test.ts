import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterFigures } from '../support/counters.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person, unitOverseenBy } from '../support/people.js';

// The log channel would print each notification; these tests read them from the store.
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
const postsDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('posts-telecom'))!;
const itDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;
const postsHead = person('head', 'posts-telecom');
const postsSpecialist = person('specialist', 'posts-telecom');
const pressHead = person('head', 'press');

const submitPlan = (as: string, input: Record<string, unknown>, clock: string, headers: Record<string, string> = {}) =>
  t.as(as, '/v1/plans', { method: 'POST', body: body({ period: '2026-Q4', ...input }), clock, headers });
const decide = (as: string, id: string, action: 'approve' | 'return', b: unknown, clock: string, headers: Record<string, string> = {}) =>
  t.as(as, `/v1/plans/${id}/${action}`, { method: 'POST', body: body(b), clock, headers });

describe('a unit’s plan (P2, Điều 10.1)', () => {
  it('is approved by the overseeing deputy; a change needs a reason and a new approval; every revision stays readable', async () => {
    const before = await t.countItems();
    // Only a unit's head owes a plan.
    const notOwed = await submitPlan(postsSpecialist.id, { content: 'x' }, '2026-10-05T09:00:00+07:00');
    expect(notOwed.status).toBe(400);
    expect((await json(notOwed)).errors).toEqual([{ path: 'body.period', message: 'no plan is owed for 2026-Q4' }]);
    // A report is not a plan.
    const notAPlan = await submitPlan(postsHead.id, { obligationId: 'r2-head-report', content: 'x' }, '2026-10-05T09:00:00+07:00');
    expect((await json(notAPlan)).errors).toEqual([{ path: 'body.obligationId', message: 'not owed for 2026-Q4; owed: p2-unit-plan' }]);
    expect(await t.countItems()).toBe(before);

    const created = await submitPlan(postsHead.id, { content: 'Kế hoạch quý IV, bản 1' }, '2026-10-05T09:00:00+07:00');
    expect(created.status).toBe(201);
    const plan = await json(created);
    expect(plan).toMatchObject({
      kind: 'plan',
      obligationId: 'p2-unit-plan',
      rule: 'P2',
      period: '2026-Q4',
      staffId: postsHead.id,
      unitId: 'posts-telecom',
      recipients: [postsDeputy.id],
      dueAt: '2026-10-07T17:00:00.000+07:00',
      status: 'submitted',
      late: false,
      reviewStatus: 'submitted',
      revision: 1,
      version: 1,
    });
    expect(plan.id).toMatch(/^plan-/);
    expect(plan.approvedRevision).toBeUndefined();

    const clock = '2026-10-06T09:00:00+07:00';
    const unchanged = await t.countItems();
    // A plan is approved, not acknowledged.
    expect((await t.as(postsDeputy.id, `/v1/reports/${plan.id}/acknowledge`, { method: 'POST', body: body({}), clock })).status).toBe(409);
    // Another deputy director sees it (the board) but does not oversee the unit; a member of the unit reads it but does not approve.
    expect((await decide(itDeputy.id, plan.id, 'approve', {}, clock)).status).toBe(403);
    expect((await decide(postsSpecialist.id, plan.id, 'approve', {}, clock)).status).toBe(403);
    expect((await decide(pressHead.id, plan.id, 'approve', {}, clock)).status).toBe(404);
    expect((await decide(postsDeputy.id, plan.id, 'approve', {}, clock, { 'if-match': '"3"' })).status).toBe(412);
    expect(await t.countItems()).toBe(unchanged);

    const approved = await json(await decide(postsDeputy.id, plan.id, 'approve', { comment: 'Đồng ý' }, clock, { 'if-match': '"1"' }));
    expect(approved).toMatchObject({ reviewStatus: 'approved', approvedRevision: 1, version: 2, lastReview: { action: 'approved', by: postsDeputy.id } });
    expect((await decide(postsDeputy.id, plan.id, 'approve', {}, clock)).status).toBe(409);

    // A change to the approved plan without a reason: refused, nothing written.
    const beforeChange = await t.countItems();
    const noReason = await submitPlan(postsHead.id, { content: 'Kế hoạch quý IV, bản 2' }, '2026-11-10T09:00:00+07:00');
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).errors).toEqual([{ path: 'body.reason', message: 'required to change an approved plan' }]);
    expect(await t.countItems()).toBe(beforeChange);

    const changed = await json(await submitPlan(postsHead.id, { content: 'Kế hoạch quý IV, bản 2', reason: 'Bổ sung nhiệm vụ chuyển đổi số' }, '2026-11-10T09:00:00+07:00'));
    // The approved revision stays in force while the change awaits approval.
    expect(changed).toMatchObject({ revision: 2, reviewStatus: 'submitted', approvedRevision: 1, late: true, status: 'submitted' });

    const returned = await json(await decide(director.id, plan.id, 'return', { comment: 'Làm rõ kinh phí' }, '2026-11-11T09:00:00+07:00'));
    expect(returned).toMatchObject({ reviewStatus: 'returned', approvedRevision: 1 });
    await submitPlan(postsHead.id, { content: 'Kế hoạch quý IV, bản 3', reason: 'Làm rõ kinh phí theo ý kiến Giám đốc' }, '2026-11-12T09:00:00+07:00');
    expect(await json(await decide(director.id, plan.id, 'approve', {}, '2026-11-13T09:00:00+07:00'))).toMatchObject({ approvedRevision: 3, reviewStatus: 'approved' });

    const full = await json(await t.as(postsSpecialist.id, `/v1/plans/${plan.id}`));
    expect(full.revisions.map((r: any) => [r.revision, r.content, r.reason, r.status, r.review?.by])).toEqual([
      [1, 'Kế hoạch quý IV, bản 1', undefined, 'superseded', postsDeputy.id],
      [2, 'Kế hoạch quý IV, bản 2', 'Bổ sung nhiệm vụ chuyển đổi số', 'returned', director.id],
      [3, 'Kế hoạch quý IV, bản 3', 'Làm rõ kinh phí theo ý kiến Giám đốc', 'approved', director.id],
    ]);
    expect(full.history.map((e: any) => [e.action, e.actorId])).toEqual([
      ['submitted', postsHead.id],
      ['approved', postsDeputy.id],
      ['resubmitted', postsHead.id],
      ['returned', director.id],
      ['resubmitted', postsHead.id],
      ['approved', director.id],
    ]);

    // The head was told of each decision.
    const inbox = await json(await t.as(postsHead.id, '/v1/notifications'));
    expect(inbox.items.map((n: any) => [n.kind, n.about.reportId])).toEqual([
      ['plan-approved', plan.id],
      ['plan-returned', plan.id],
      ['plan-approved', plan.id],
    ]);

    // Counted once, on time, in the periods of its due date (Wednesday 7 Oct 2026).
    for (const periodId of ['2026-W41', '2026-10', '2026']) {
      const counted = await counterFigures(t.table, t.orgId, periodId, 'posts-telecom', postsHead.id);
      expect(counted, periodId).toMatchObject({ rep_submitted: 1, rep_onTime: 1 });
      expect(counted.rep_late, periodId).toBeUndefined();
    }

    // The obligation shows as met, with the plan's state.
    const owed = await json(await t.as(postsHead.id, '/v1/reports/obligations?period=2026-Q4', { clock: '2026-11-13T10:00:00+07:00' }));
    expect(owed.items.find((i: any) => i.rule === 'P2')).toMatchObject({ kind: 'plan', status: 'submitted', reportId: plan.id, revision: 3, reviewStatus: 'approved' });
  });

  it('lists a unit’s plans for its members and the board; others get 404', async () => {
    const plan = await json(await submitPlan(postsHead.id, { period: '2027-Q1', content: 'Kế hoạch quý I/2027' }, '2027-01-04T09:00:00+07:00'));
    const ids = async (as: string, query: string) => (await json(await t.as(as, `/v1/plans${query}`))).items.map((p: any) => p.id);
    expect(await ids(postsSpecialist.id, '?period=2027-Q1')).toEqual([plan.id]);
    expect(await ids(postsHead.id, '?unitId=posts-telecom&period=2027')).toEqual([plan.id]);
    expect(await ids(director.id, '?period=2027-Q1')).toEqual([plan.id]);
    expect(await ids(itDeputy.id, '?unitId=posts-telecom&period=2027-Q1')).toEqual([plan.id]);
    expect(await ids(postsDeputy.id, '?period=2026-Q4')).not.toContain(plan.id);
    expect((await t.as(pressHead.id, '/v1/plans?unitId=posts-telecom')).status).toBe(404);
    expect((await t.as(pressHead.id, `/v1/plans/${plan.id}`)).status).toBe(404);
    // A plan is not found among plain reports' ids, nor a report among plans.
    const report = await json(
      await t.as(postsSpecialist.id, '/v1/reports', {
        method: 'POST',
        body: body({ obligationId: 'r3-staff-report', period: '2027-W01', content: 'x' }),
        clock: '2027-01-06T09:00:00+07:00',
      }),
    );
    expect((await t.as(postsHead.id, `/v1/plans/${report.id}`)).status).toBe(404);
    expect((await t.as(postsHead.id, `/v1/reports/${plan.id}`)).status).toBe(200);
  });
});
