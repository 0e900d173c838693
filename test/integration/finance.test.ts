import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;
const accountant = person('accountant');
const treasurer = person('treasurer');
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const specialist = person('specialist', 'office');
const itHead = person('head', 'it');

const post = (as: string, path: string, b: unknown, clock: string, headers: Record<string, string> = {}) =>
  t.as(as, path, { method: 'POST', body: body(b), clock, headers });

describe('who may record finance (the rulebook’s finance.*.from selectors)', () => {
  it.each([
    ['a specialist', specialist.id, '/v1/finance/payroll', { month: '2026-10', paidOn: '2026-10-10' }, /accountant.*F2/],
    ['the director', director.id, '/v1/finance/payroll', { month: '2026-10', paidOn: '2026-10-10' }, /F2/],
    ['the treasurer, the payroll', treasurer.id, '/v1/finance/payroll', { month: '2026-10', paidOn: '2026-10-10' }, /F2/],
    ['the accountant, the cash report', accountant.id, '/v1/finance/monthly-reports', { kind: 'cash', month: '2026-10', content: 'Quỹ' }, /treasurer.*F5/],
    ['the treasurer, the income-expense report', treasurer.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2026-10', content: 'Thu chi' }, /F1/],
    ['a head, a settlement', itHead.id, '/v1/finance/settlements', { dossierRef: 'HS-X', completeOn: '2026-10-01' }, /F3/],
  ])('%s: 403 citing the rule, and nothing is written', async (_who, as, path, b, detail) => {
    const before = await t.countItems();
    const res = await post(as, path, b, '2026-10-20T09:00:00+07:00');
    expect(res.status).toBe(403);
    const problem = await json(res);
    expect(problem.detail).toMatch(detail);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await t.countItems()).toBe(before);
  });
});

describe('payroll (F2)', () => {
  it('the accountant records a month’s payroll: before the 15th is on time', async () => {
    const res = await post(accountant.id, '/v1/finance/payroll', { month: '2026-09', paidOn: '2026-09-14' }, '2026-09-14T16:00:00+07:00');
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({
      id: 'fin-payroll-2026-09',
      month: '2026-09',
      paidOn: '2026-09-14',
      dueOn: '2026-09-14',
      onTime: true,
      recordedBy: accountant.id,
      recordedAt: '2026-09-14T09:00:00.000Z',
      version: 1,
    });
    const late = await json(await post(accountant.id, '/v1/finance/payroll', { month: '2026-08', paidOn: '2026-08-15' }, '2026-09-14T16:00:00+07:00'));
    expect(late).toMatchObject({ dueOn: '2026-08-14', onTime: false });
  });

  it('one per month: a second POST for the same month is 409 and writes nothing', async () => {
    const before = await t.countItems();
    const res = await post(accountant.id, '/v1/finance/payroll', { month: '2026-09', paidOn: '2026-09-13' }, '2026-09-20T09:00:00+07:00');
    expect(res.status).toBe(409);
    expect((await json(res)).detail).toMatch(/already recorded \(paid on 2026-09-14\)/);
    expect(await t.countItems()).toBe(before);
  });

  it('with an Idempotency-Key the same request answers the first answer again; another body is 422', async () => {
    const key = { 'idempotency-key': 'payroll-2026-07' };
    const first = await post(accountant.id, '/v1/finance/payroll', { month: '2026-07', paidOn: '2026-07-10' }, '2026-07-10T09:00:00+07:00', key);
    expect(first.status).toBe(201);
    const before = await t.countItems();
    const again = await post(accountant.id, '/v1/finance/payroll', { month: '2026-07', paidOn: '2026-07-10' }, '2026-07-11T09:00:00+07:00', key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(await json(first));
    expect(await t.countItems()).toBe(before);
    const other = await post(accountant.id, '/v1/finance/payroll', { month: '2026-07', paidOn: '2026-07-09' }, '2026-07-11T09:00:00+07:00', key);
    expect(other.status).toBe(422);
  });

  it('invalid fields are listed, each by its path; a future payment or month is refused', async () => {
    const before = await t.countItems();
    const res = await post(accountant.id, '/v1/finance/payroll', { month: '2026-13', paidOn: '2026-02-30' }, '2026-10-20T09:00:00+07:00');
    expect(res.status).toBe(400);
    expect((await json(res)).errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.month', 'body.paidOn']);
    const future = await post(accountant.id, '/v1/finance/payroll', { month: '2026-10', paidOn: '2026-10-21' }, '2026-10-20T09:00:00+07:00');
    expect(future.status).toBe(400);
    expect((await json(future)).errors).toEqual([{ path: 'body.paidOn', message: 'must be 2026-10-20 or earlier' }]);
    const ahead = await post(accountant.id, '/v1/finance/payroll', { month: '2026-11', paidOn: '2026-10-20' }, '2026-10-20T09:00:00+07:00');
    expect(ahead.status).toBe(400);
    expect((await json(ahead)).errors[0].path).toBe('body.month');
    expect(await t.countItems()).toBe(before);
  });

  it('is readable by the finance staff, the chief of office and the director; 404 to others', async () => {
    expect((await t.as(chiefOfOffice.id, '/v1/finance/payroll/2026-09')).status).toBe(200);
    expect((await t.as(director.id, '/v1/finance/payroll/2026-09')).status).toBe(200);
    expect((await t.as(specialist.id, '/v1/finance/payroll/2026-09')).status).toBe(404);
    expect((await t.as(accountant.id, '/v1/finance/payroll/2026-06')).status).toBe(404);
  });
});

describe('monthly reports (F1 income-expense by the accountant, F5 cash by the treasurer)', () => {
  it('stamped with the server time: 23:59:59 on the last day is on time', async () => {
    const res = await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2026-09', content: 'Thu 120tr, chi 98tr' }, '2026-09-30T23:59:59+07:00');
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({
      id: 'fin-income-expense-2026-09',
      kind: 'income-expense',
      month: '2026-09',
      submittedBy: accountant.id,
      submittedAt: '2026-09-30T16:59:59.000Z',
      firstSubmittedAt: '2026-09-30T16:59:59.000Z',
      dueAt: '2026-09-30T23:59:59.000+07:00',
      late: false,
      version: 1,
    });
  });

  it('F1 (Điều 9.2.3): Monday 31/08/2026 is a holiday (National Day, swapped), so the day starts on Friday 28/08: filed at 23:59:59 on 27/08 the answer says too early; again at 00:00:00 on 28/08 it does not', async () => {
    const early = await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2026-08', content: 'Thu chi tháng 8' }, '2026-08-27T23:59:59+07:00');
    expect(early.status).toBe(201);
    expect(await json(early)).toMatchObject({ late: false, tooEarly: true, earliestAt: '2026-08-28T00:00:00.000+07:00', dueAt: '2026-08-31T23:59:59.000+07:00', version: 1 });
    const onDay = await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2026-08', content: 'Thu chi tháng 8 (cuối tháng)' }, '2026-08-28T00:00:00+07:00', {
      'if-match': '"1"',
    });
    expect(onDay.status).toBe(201);
    expect(await json(onDay)).toMatchObject({ late: false, tooEarly: false, version: 2 });
  });

  it('00:00:01 the next day is late', async () => {
    const res = await post(treasurer.id, '/v1/finance/monthly-reports', { kind: 'cash', month: '2026-09', content: 'Tồn quỹ 12tr' }, '2026-10-01T00:00:01+07:00');
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ kind: 'cash', late: true, version: 1 });
  });

  it('a resubmission is a new version; lateness stays the first version’s; every version is kept', async () => {
    const res = await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2026-09', content: 'Thu 121tr, chi 98tr (sửa)' }, '2026-10-02T10:00:00+07:00', {
      'if-match': '"1"',
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ version: 2, late: false, firstSubmittedAt: '2026-09-30T16:59:59.000Z', submittedAt: '2026-10-02T03:00:00.000Z' });
    const full = await json(await t.as(chiefOfOffice.id, '/v1/finance/monthly-reports/income-expense/2026-09'));
    expect(full.versions).toEqual([
      { version: 1, submittedAt: '2026-09-30T16:59:59.000Z', submittedBy: accountant.id, content: 'Thu 120tr, chi 98tr', late: false },
      { version: 2, submittedAt: '2026-10-02T03:00:00.000Z', submittedBy: accountant.id, content: 'Thu 121tr, chi 98tr (sửa)', late: true },
    ]);
    const history = await json(await t.as(accountant.id, '/v1/audit?entityId=fin-income-expense-2026-09'));
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['report-submitted', 'report-resubmitted']);
  });

  it('a stale If-Match is 412 and writes nothing', async () => {
    const before = await t.countItems();
    const res = await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'income-expense', month: '2026-09', content: 'x' }, '2026-10-03T10:00:00+07:00', {
      'if-match': '"1"',
    });
    expect(res.status).toBe(412);
    expect(await t.countItems()).toBe(before);
  });

  it('an unknown kind or an empty content is a 400 naming the field', async () => {
    const res = await post(accountant.id, '/v1/finance/monthly-reports', { kind: 'budget', month: '2026-09', content: '' }, '2026-10-03T10:00:00+07:00');
    expect(res.status).toBe(400);
    expect((await json(res)).errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.content', 'body.kind']);
  });
});

describe('settlements (F3)', () => {
  let id: string;

  it('a dossier complete on the 1st is due on the 11th', async () => {
    const res = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-2026-101', completeOn: '2026-10-01' }, '2026-10-02T09:00:00+07:00');
    expect(res.status).toBe(201);
    const s = await json(res);
    expect(s).toMatchObject({ dossierRef: 'HS-2026-101', completeOn: '2026-10-01', dueOn: '2026-10-11', version: 1, recordedBy: accountant.id });
    expect(s.settledOn).toBeUndefined();
    id = s.id;
  });

  it('one record per dossier: the same reference again is 409', async () => {
    const before = await t.countItems();
    const res = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'hs-2026-101 ', completeOn: '2026-10-03' }, '2026-10-04T09:00:00+07:00');
    expect(res.status).toBe(409);
    expect(await t.countItems()).toBe(before);
  });

  it('PATCH sets settledOn once, with If-Match; a stale version is 412, a date before completion 400, a second time 409', async () => {
    const patch = (b: unknown, headers: Record<string, string> = {}, as = accountant.id) =>
      t.as(as, `/v1/finance/settlements/${id}`, { method: 'PATCH', body: body(b), clock: '2026-10-12T09:00:00+07:00', headers });
    const before = await t.countItems();
    // Issue #18: who may not read the settlement gets GET's 404 on PATCH too (a 403 would say it exists);
    // who may read it but not record it gets 403.
    expect((await t.as(specialist.id, `/v1/finance/settlements/${id}`)).status).toBe(404);
    expect((await patch({ settledOn: '2026-10-11' }, {}, specialist.id)).status).toBe(404);
    expect((await patch({ settledOn: '2026-10-11' }, {}, itHead.id)).status).toBe(404);
    expect((await t.as(chiefOfOffice.id, `/v1/finance/settlements/${id}`)).status).toBe(200);
    expect((await patch({ settledOn: '2026-10-11' }, {}, chiefOfOffice.id)).status).toBe(403);
    expect((await patch({ settledOn: '2026-10-11' }, { 'if-match': '"7"' })).status).toBe(412);
    const early = await patch({ settledOn: '2026-09-30' });
    expect(early.status).toBe(400);
    expect((await json(early)).errors).toEqual([{ path: 'body.settledOn', message: 'must be 2026-10-01 or later' }]);
    expect(await t.countItems()).toBe(before);
    const ok = await patch({ settledOn: '2026-10-11' }, { 'if-match': '"1"' });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ settledOn: '2026-10-11', onTime: true, version: 2, settledRecordedAt: '2026-10-12T02:00:00.000Z' });
    expect((await patch({ settledOn: '2026-10-10' })).status).toBe(409);
  });

  it('recorded already settled (late), and readable by its audience only', async () => {
    const res = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-2026-102', completeOn: '2026-10-01', settledOn: '2026-10-12' }, '2026-10-12T09:00:00+07:00');
    expect(res.status).toBe(201);
    const s = await json(res);
    expect(s).toMatchObject({ dueOn: '2026-10-11', settledOn: '2026-10-12', onTime: false });
    expect((await t.as(director.id, `/v1/finance/settlements/${s.id}`)).status).toBe(200);
    expect((await t.as(itHead.id, `/v1/finance/settlements/${s.id}`)).status).toBe(404);
    expect((await t.as(itHead.id, `/v1/audit?entityId=${s.id}`)).status).toBe(404);
    expect((await json(await t.as(accountant.id, `/v1/audit?entityId=${s.id}`))).items).toHaveLength(1);
  });
});
