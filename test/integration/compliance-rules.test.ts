import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledChecks } from '../../shared/services/compliance/registry.js';
import { counterFigures } from '../support/counters.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

// Every rule against DynamoDB Local, through POST /v1/checks/run (the code the schedules run),
// at the boundaries of the clock. One table for the file: each scenario uses its own months.
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
const treasurer = person('treasurer');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');

async function check(rule: string, at: string) {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule, at }), clock: at });
  expect(res.status).toBe(200);
  return json(res);
}
const post = async (as: string, path: string, b: unknown, clock: string) => {
  const res = await t.as(as, path, { method: 'POST', body: body(b), clock });
  expect(res.status).toBe(201);
  return json(res);
};
const finding = async (id: string) => json(await t.as(director.id, `/v1/findings/${id}`));
async function counters(periodId: string, unitId: string, staffId?: string) {
  const item = await counterFigures(t.table, t.orgId, periodId, unitId, staffId);
  return Object.fromEntries(Object.entries(item).filter(([k]) => k.startsWith('fnd_')));
}

describe('F2: payroll paid before the 15th', () => {
  it('a few working days before, the accountant is reminded (once, however often the check runs)', async () => {
    await post(accountant.id, '/v1/finance/payroll', { month: '2026-10', paidOn: '2026-10-10' }, '2026-10-10T10:00:00+07:00');
    expect((await check('F2', '2026-11-10T08:00:00+07:00')).notices).toEqual([]);
    const first = await check('F2', '2026-11-11T08:00:00+07:00');
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]).toMatchObject({ rule: 'F2', key: 'reminder|2026-11', to: accountant.id });
    expect(first.notices[0].message).toMatch(/2026-11-14/);
    expect(first.findings).toEqual([]);
    const before = await t.countItems();
    const again = await check('F2', '2026-11-12T08:00:00+07:00');
    expect(again.notices[0].id).toBe(first.notices[0].id);
    expect(await t.countItems()).toBe(before);
  });

  it('paid on the 14th passes', async () => {
    await post(accountant.id, '/v1/finance/payroll', { month: '2026-11', paidOn: '2026-11-14' }, '2026-11-14T10:00:00+07:00');
    const result = await check('F2', '2026-11-15T00:05:00+07:00');
    expect(result).toMatchObject({ rule: 'F2', article: 'Điều 9.2.4', findings: [], created: [] });
  });

  it('not paid at the start of the 15th is a finding, cited, counted; paid on the 15th it stays on record, resolved late', async () => {
    const result = await check('F2', '2026-12-15T00:05:00+07:00');
    expect(result.created).toHaveLength(1);
    const [f] = result.findings;
    expect(f).toMatchObject({
      rule: 'F2',
      article: 'Điều 9.2.4',
      subjectId: accountant.id,
      unitId: 'office',
      period: '2026-12',
      detectedAt: '2026-12-14T17:05:00.000Z',
      dueAt: '2026-12-14T23:59:59.000+07:00',
      facts: { month: '2026-12', dueOn: '2026-12-14', paid: false },
      version: 1,
    });
    expect(f.resolvedAt).toBeUndefined();
    expect(await counters('2026-12', 'office', accountant.id)).toEqual({ fnd_detected: 1, fnd_detected_F2: 1 });
    expect(await counters('2026-W51', 'office')).toEqual({ fnd_detected: 1, fnd_detected_F2: 1 });

    // The payroll is recorded, paid on the 15th: the finding is put right at once, late, and kept.
    await post(accountant.id, '/v1/finance/payroll', { month: '2026-12', paidOn: '2026-12-15' }, '2026-12-15T09:00:00+07:00');
    const fixed = await finding(f.id);
    expect(fixed).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-12-15T02:00:00.000Z', version: 2, detail: f.detail });
    expect(fixed.resolutionNote).toMatch(/Paid late, on 2026-12-15/);
    expect(await counters('2026-12', 'office', accountant.id)).toEqual({ fnd_detected: 1, fnd_detected_F2: 1, fnd_resolved: 1, fnd_resolved_F2: 1 });
    const again = await check('F2', '2026-12-15T10:00:00+07:00');
    expect(again.created).toEqual([]);
    expect(again.findings).toEqual([fixed]);
  });

  it('paid on the 15th and recorded before the check: a finding, already resolved late', async () => {
    await post(accountant.id, '/v1/finance/payroll', { month: '2027-01', paidOn: '2027-01-15' }, '2027-01-15T00:01:00+07:00');
    const result = await check('F2', '2027-01-15T00:05:00+07:00');
    expect(result.created).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ period: '2027-01', resolution: 'put-right', resolvedAt: '2027-01-14T17:01:00.000Z' });
  });
});

describe('F1 and F5: the month’s reports by the end of its last day', () => {
  it('a report at 23:59:59 on the last day passes; one at 00:00:01 the next day is late', async () => {
    await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2026-11', content: 'Thu chi tháng 11' }, '2026-11-30T23:59:59+07:00');
    await post(treasurer.id, '/v1/finance/monthly-reports', { kind: 'cash', month: '2026-11', content: 'Quỹ tháng 11' }, '2026-12-01T00:00:01+07:00');
    expect(await check('F1', '2026-12-01T00:05:00+07:00')).toMatchObject({ rule: 'F1', article: 'Điều 9.2.3', findings: [] });
    const f5 = await check('F5', '2026-12-01T00:05:00+07:00');
    expect(f5.article).toBe('Điều 9.3.2');
    expect(f5.findings).toHaveLength(1);
    expect(f5.findings[0]).toMatchObject({
      rule: 'F5',
      subjectId: treasurer.id,
      period: '2026-11',
      resolution: 'put-right',
      resolvedAt: '2026-11-30T17:00:01.000Z',
      facts: { submittedAt: '2026-12-01T00:00:01.000+07:00' },
    });
  });

  it('missing at the start of the month: open; the late report puts it right, and it never disappears', async () => {
    const result = await check('F1', '2027-01-01T00:05:00+07:00');
    expect(result.findings).toHaveLength(1);
    const id = result.findings[0].id;
    expect(result.findings[0]).toMatchObject({ period: '2026-12', subjectId: accountant.id, facts: { submitted: false } });
    const open = await json(await t.as(director.id, '/v1/findings?rule=F1&open=true'));
    expect(open.items.map((f: { id: string }) => f.id)).toEqual([id]);

    await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2026-12', content: 'Thu chi tháng 12' }, '2027-01-03T08:30:00+07:00');
    expect(await finding(id)).toMatchObject({ resolution: 'put-right', resolvedAt: '2027-01-03T01:30:00.000Z' });
    expect((await json(await t.as(director.id, '/v1/findings?rule=F1&open=true'))).items).toEqual([]);
    const all = await json(await t.as(director.id, '/v1/findings?rule=F1'));
    expect(all.items.map((f: { id: string }) => f.id)).toEqual([id]);
    const history = await json(await t.as(director.id, `/v1/audit?entityId=${id}`));
    expect(history.items.map((e: { action: string; actorId: string }) => `${e.action}:${e.actorId}`)).toEqual([
      'detected:compliance-engine',
      'put-right:compliance-engine',
    ]);
  });
});

describe('F1 (Điều 9.2.3) and F5 (Điều 9.3.2) "vào ngày cuối tháng": on the last day, neither before nor after', () => {
  // January 2027 ends on Sunday 31/01: its day starts at 00:00 on Friday 29/01, the last working day.
  it('F1 (Điều 9.2.3): filed at 00:00:00 on Friday 29/01/2027 is on time; F5 (Điều 9.3.2): filed at 23:59:59 on Thursday 28/01/2027 is filed too early', async () => {
    await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2027-01', content: 'Thu chi tháng 1' }, '2027-01-29T00:00:00+07:00');
    const cash = await post(treasurer.id, '/v1/finance/monthly-reports', { kind: 'cash', month: '2027-01', content: 'Quỹ tháng 1' }, '2027-01-28T23:59:59+07:00');
    expect((await check('F1', '2027-02-01T00:05:00+07:00')).findings).toEqual([]);
    const f5 = await check('F5', '2027-02-01T00:05:00+07:00');
    expect(f5.findings).toHaveLength(1);
    expect(f5.findings[0]).toMatchObject({
      rule: 'F5',
      article: 'Điều 9.3.2',
      subjectId: treasurer.id,
      period: '2027-01',
      ref: cash.id,
      dueAt: '2027-01-31T23:59:59.000+07:00',
      facts: { failure: 'too-early', submittedAt: '2027-01-28T23:59:59.000+07:00', earliestAt: '2027-01-29T00:00:00.000+07:00' },
    });
    expect(f5.findings[0].resolvedAt).toBeUndefined();
    const page = await (await t.as(director.id, `/findings/${f5.findings[0].id}`)).text();
    expect(page).toContain('nộp sớm (lúc 28/01/2027 23:59); báo cáo nộp vào ngày cuối tháng, từ 29/01/2027 00:00 đến 31/01/2027 23:59');
    // A second run records nothing new.
    expect((await check('F5', '2027-02-01T00:05:00+07:00')).created).toEqual([]);
  });

  it('F5 (Điều 9.3.2): filed at the deadline instant, Sunday 28/02/2027 23:59:59, is on time; F1 (Điều 9.2.3): one second later is filed late', async () => {
    await post(treasurer.id, '/v1/finance/monthly-reports', { kind: 'cash', month: '2027-02', content: 'Quỹ tháng 2' }, '2027-02-28T23:59:59+07:00');
    await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2027-02', content: 'Thu chi tháng 2' }, '2027-03-01T00:00:00+07:00');
    const f5 = await check('F5', '2027-03-01T00:05:00+07:00');
    expect(f5.findings.filter((f: any) => f.period === '2027-02')).toEqual([]);
    const f1 = await check('F1', '2027-03-01T00:05:00+07:00');
    expect(f1.findings.map((f: any) => [f.period, f.facts.failure, f.resolution])).toEqual([['2027-02', 'late', 'put-right']]);
  });
});

describe('F3: a dossier settled within 10 days of being complete', () => {
  let lateId: string;

  it('daily: settled on the 10th day passes; unsettled when the 11th day is over is a finding', async () => {
    const onTime = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-F3-01', completeOn: '2026-11-01' }, '2026-11-02T09:00:00+07:00');
    const late = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-F3-02', completeOn: '2026-11-02' }, '2026-11-02T09:00:00+07:00');
    lateId = late.id;
    expect([onTime.dueOn, late.dueOn]).toEqual(['2026-11-11', '2026-11-12']);
    const settled = await t.as(accountant.id, `/v1/finance/settlements/${onTime.id}`, {
      method: 'PATCH',
      body: body({ settledOn: '2026-11-11' }),
      clock: '2026-11-11T16:00:00+07:00',
    });
    expect(settled.status).toBe(200);
    expect((await check('F3', '2026-11-12T00:05:00+07:00')).findings).toEqual([]);
    const result = await check('F3', '2026-11-13T00:05:00+07:00');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ rule: 'F3', ref: lateId, period: '2026-11', subjectId: accountant.id, facts: { dossierRef: 'HS-F3-02', dueOn: '2026-11-12' } });
    expect(result.findings[0].resolvedAt).toBeUndefined();
  });

  it('settled later: resolved as put right, late', async () => {
    const res = await t.as(accountant.id, `/v1/finance/settlements/${lateId}`, {
      method: 'PATCH',
      body: body({ settledOn: '2026-11-16' }),
      clock: '2026-11-16T15:00:00+07:00',
    });
    expect(res.status).toBe(200);
    const result = await check('F3', '2026-11-17T00:05:00+07:00');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ ref: lateId, resolution: 'put-right', resolvedAt: '2026-11-16T08:00:00.000Z' });
  });

  it('recorded already settled late: a finding, resolved', async () => {
    const s = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-F3-03', completeOn: '2026-10-01', settledOn: '2026-10-20' }, '2026-11-17T09:00:00+07:00');
    const result = await check('F3', '2026-11-18T00:05:00+07:00');
    const f = result.findings.find((x: { ref: string }) => x.ref === s.id);
    expect(f).toMatchObject({ period: '2026-10', resolution: 'put-right', facts: { settledOn: '2026-10-20', dueOn: '2026-10-11' } });
  });
});

describe('A6: overdue assignments, escalated by working days (nhắc nhở, phê bình, kiểm điểm)', () => {
  let done: string;
  let dropped: string;

  it('each step is its own numbered finding, recorded once', async () => {
    const assign = (title: string) =>
      post(itHead.id, '/v1/assignments', { title, assigneeId: itSpecialist.id, dueDate: '2026-11-20' }, '2026-11-16T09:00:00+07:00');
    done = (await assign('Rà soát cổng thông tin')).id;
    dropped = (await assign('Cập nhật danh mục')).id;

    expect((await check('A6', '2026-11-21T00:05:00+07:00')).findings).toEqual([]);
    const monday = await check('A6', '2026-11-23T00:05:00+07:00');
    expect(monday.findings).toHaveLength(2);
    expect(monday.findings.map((f: any) => `${f.ref}:${f.escalation.number}:${f.escalation.level}`).sort()).toEqual(
      [`${done}:1:reminder`, `${dropped}:1:reminder`].sort(),
    );
    expect(monday.findings[0]).toMatchObject({
      rule: 'A6',
      article: 'Điều 5.1, 6.1, 7.1',
      subjectId: itSpecialist.id,
      unitId: 'it',
      period: '2026-11',
      escalation: { name: { vi: 'nhắc nhở', en: 'reminder' } },
      facts: { daysOverdue: 1, dayCounting: 'working', dueDate: '2026-11-20' },
    });

    const friday = await check('A6', '2026-11-27T00:05:00+07:00');
    expect(friday.created).toHaveLength(2);
    expect(friday.findings).toHaveLength(4);
    const reminder = monday.findings.find((f: any) => f.ref === done);
    // The reminder recorded on Monday is the same record, unedited.
    expect(friday.findings.find((f: any) => f.id === reminder.id)).toEqual(reminder);
    const review = await check('A6', '2026-12-04T00:05:00+07:00');
    expect(review.findings.filter((f: any) => f.ref === done).map((f: any) => f.escalation.level).sort()).toEqual(['criticism', 'reminder', 'review']);
    expect(await counters('2026-12', 'it', itSpecialist.id)).toEqual({ fnd_detected: 2, fnd_detected_A6: 2 });
  });

  it('completing the work puts its escalations right; cancelling withdraws them', async () => {
    expect((await t.as(itSpecialist.id, `/v1/assignments/${done}/complete`, { method: 'POST', body: body({ note: 'Xong' }), clock: '2026-12-04T15:00:00+07:00' })).status).toBe(200);
    expect((await t.as(itHead.id, `/v1/assignments/${dropped}/cancel`, { method: 'POST', body: body({ reason: 'Không còn cần' }), clock: '2026-12-04T16:00:00+07:00' })).status).toBe(200);
    const result = await check('A6', '2026-12-05T00:05:00+07:00');
    expect(result.resolved).toHaveLength(6);
    expect(result.findings.filter((f: any) => f.ref === done).map((f: any) => [f.resolution, f.resolvedAt])).toEqual([
      ['put-right', '2026-12-04T08:00:00.000Z'],
      ['put-right', '2026-12-04T08:00:00.000Z'],
      ['put-right', '2026-12-04T08:00:00.000Z'],
    ]);
    expect(result.findings.filter((f: any) => f.ref === dropped).every((f: any) => f.resolution === 'withdrawn')).toBe(true);
    expect((await check('A6', '2026-12-06T00:05:00+07:00')).findings).toEqual([]);
  });
});

describe('idempotency: reruns, retries and double deliveries', () => {
  it.each(scheduledChecks.map((r) => [r.id]))('running %s twice yields the same findings and writes nothing more', async (rule) => {
    const at = '2027-02-16T08:00:00+07:00';
    const first = await check(rule, at);
    const before = await t.countItems();
    const second = await check(rule, at);
    expect(second.findings).toEqual(first.findings);
    expect(second.notices).toEqual(first.notices);
    expect(second.created).toEqual([]);
    expect(await t.countItems()).toBe(before);
  });

  it('five deliveries of the same schedule at once create one finding, counted once', async () => {
    const at = new Date('2027-03-31T17:05:00.000Z'); // 1 April 2027, 00:05 in Hà Nội
    const results = await Promise.all(Array.from({ length: 5 }, () => t.services.compliance.runForOrganisations([t.orgId], 'F5', at)));
    const ids = new Set(results.flatMap((r) => r.flatMap((x) => x.findings.filter((f) => f.period === '2027-03').map((f) => f.id))));
    expect(ids.size).toBe(1);
    expect(results.flatMap((r) => r.flatMap((x) => x.created))).toHaveLength(1);
    expect(await counters('2027-04', 'office', treasurer.id)).toEqual({ fnd_detected: 1, fnd_detected_F5: 1 });
  });
});
