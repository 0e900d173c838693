import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setGoLive } from '../../shared/services/seed-service.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

// Go-live at its boundary, rule by rule (DOMAIN.md ids): a period that ended the day before the
// organisation's go-live date owes nothing; the period containing it does. Each scenario sets
// the date (as `npm run seed -- --go-live` does) and runs the rule through POST /v1/checks/run.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ goLiveOn: '2026-11-02' });
});
afterAll(async () => {
  await t?.dispose();
});

const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;
const director = person('director');
const accountant = person('accountant');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const deputy = person('deputy-director');

const goLive = (date: string) => setGoLive(new OrganisationRepository(t.table), t.orgId, date, new Date(), 'test');

async function check(rule: string, at: string): Promise<{ rule: string; period: string }[]> {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule, at }), clock: at });
  expect(res.status).toBe(200);
  return (await json(res)).findings;
}
async function post(as: string, path: string, b: unknown, clock: string) {
  const res = await t.as(as, path, { method: 'POST', body: body(b), clock });
  expect(res.status).toBe(201);
  return json(res);
}
const periods = (findings: { period: string }[]) => [...new Set(findings.map((f) => f.period))];

describe('go-live: reports (R1, R2, R3)', () => {
  it('owe nothing for the week that ended the day before go-live (2026-W44), and are owed for the week containing it (2026-W45)', async () => {
    await goLive('2026-11-02');
    expect((await json(await t.as(director.id, '/v1/org'))).goLiveOn).toBe('2026-11-02');
    const owed = async (staffId: string, period: string) =>
      ((await json(await t.as(director.id, `/v1/reports/obligations?period=${period}&staffId=${staffId}`, { clock: '2026-11-02T09:00:00+07:00' }))).items as { rule: string }[]).map((i) => i.rule);
    for (const [rule, who] of [['R1', deputy], ['R2', itHead], ['R3', itSpecialist]] as const) {
      expect(await owed(who.id, '2026-W44'), rule).toEqual([]);
      expect(await owed(who.id, '2026-W45'), rule).toContain(rule);
    }
    for (const rule of ['R1', 'R2', 'R3']) {
      // The catch-up run on go-live morning looks back over W44's Thursday deadline: nothing.
      expect(await check(rule, '2026-11-02T00:05:00+07:00'), rule).toEqual([]);
      expect(periods(await check(rule, '2026-11-05T16:05:00+07:00')), rule).toEqual(['2026-W45']);
    }
  });

  it('a monthly report for the month that ended the day before go-live is not owed; the month containing it is (R2, R3)', async () => {
    await goLive('2026-11-01');
    const october = (await json(await t.as(itHead.id, '/v1/reports/obligations?period=2026-10&staffId=' + itHead.id, { clock: '2026-11-05T09:00:00+07:00' }))).items;
    expect(october).toEqual([]);
    const november = (await json(await t.as(itHead.id, '/v1/reports/obligations?period=2026-11&staffId=' + itHead.id, { clock: '2026-11-05T09:00:00+07:00' }))).items;
    expect(november.map((i: { rule: string }) => i.rule)).toContain('R2');
    for (const rule of ['R2', 'R3']) {
      // October's monthly reports fall due on 2-3 November: not owed.
      const early = await check(rule, '2026-11-04T17:05:00+07:00');
      expect(early.filter((f) => f.period === '2026-10'), rule).toEqual([]);
      const december = await check(rule, '2026-12-03T17:05:00+07:00');
      expect(periods(december), rule).toContain('2026-11');
    }
  });
});

describe('go-live: meetings (M1, M2, M3, M4)', () => {
  it('M1: the briefing of the week that ended the day before go-live is not expected; the week containing it is', async () => {
    await goLive('2026-11-02');
    expect(await check('M1', '2026-11-02T00:05:00+07:00')).toEqual([]);
    expect(periods(await check('M1', '2026-11-09T00:05:00+07:00'))).toEqual(['2026-W45']);
    const expected = (await json(await t.as(director.id, '/v1/meetings/expected?from=2026-10-26&to=2026-11-08'))).items;
    expect(expected.filter((e: { rule: string }) => e.rule === 'M1').map((e: { occurrence: string }) => e.occurrence)).toEqual(['2026-W45']);
  });

  it('M4: the month that ended the day before go-live expects no unit meeting; the month containing it does', async () => {
    await goLive('2026-11-01');
    expect(await check('M4', '2026-11-01T00:05:00+07:00')).toEqual([]);
    const december = await check('M4', '2026-12-01T00:05:00+07:00');
    expect(periods(december)).toEqual(['2026-11']);
    expect(december.length).toBeGreaterThan(1);
  });

  it('M2: a review window that closed by go-live is not owed; the window still open after go-live is', async () => {
    await goLive('2026-08-01');
    expect(await check('M2', '2026-08-01T00:05:00+07:00')).toEqual([]);
    await goLive('2026-07-30');
    expect(periods(await check('M2', '2026-08-01T00:05:00+07:00'))).toEqual(['2026']);
  });

  it('M3: conclusions due in the month that ended the day before go-live are not owed; those due in its month are', async () => {
    await goLive('2026-11-01');
    // Held on Tuesday 27 October: conclusions due Thursday 29 October. Held 3 November: due 5 November.
    const before = await post(director.id, '/v1/meetings', { kind: 'extraordinary', heldOn: '2026-10-27', chairId: director.id, participantIds: [itHead.id], subject: 'Trước ngày vận hành' }, '2026-10-27T15:00:00+07:00');
    const after = await post(director.id, '/v1/meetings', { kind: 'extraordinary', heldOn: '2026-11-03', chairId: director.id, participantIds: [itHead.id], subject: 'Sau ngày vận hành' }, '2026-11-03T15:00:00+07:00');
    const found = (await check('M3', '2026-11-05T17:05:00+07:00')) as { rule: string; period: string; ref?: string }[];
    expect(found.map((f) => f.ref)).toContain(after.id);
    expect(found.map((f) => f.ref)).not.toContain(before.id);
    expect(periods(found)).toEqual(['2026-11']);
  });
});

describe('go-live: finance (F1, F2, F3, F5)', () => {
  it('F1, F5: the report for the month that ended the day before go-live is not owed; the month containing it is', async () => {
    await goLive('2026-11-01');
    for (const rule of ['F1', 'F5']) {
      expect(await check(rule, '2026-11-01T00:05:00+07:00'), rule).toEqual([]);
      expect(periods(await check(rule, '2026-12-01T00:05:00+07:00')), rule).toEqual(['2026-11']);
    }
  });

  it("F2: October's payroll is not owed after a 1 November go-live; November's is", async () => {
    await goLive('2026-11-01');
    expect(await check('F2', '2026-11-01T00:05:00+07:00')).toEqual([]);
    expect(periods(await check('F2', '2026-11-15T00:05:00+07:00'))).toEqual(['2026-11']);
  });

  it('F3: a settlement due in the month that ended the day before go-live is not owed; one due in its month is', async () => {
    await goLive('2026-11-01');
    const october = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-GL-01', completeOn: '2026-10-05' }, '2026-11-02T09:00:00+07:00');
    const november = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-GL-02', completeOn: '2026-10-25' }, '2026-11-02T09:00:00+07:00');
    expect([october.dueOn, november.dueOn]).toEqual(['2026-10-15', '2026-11-04']);
    const found = (await check('F3', '2026-11-06T00:05:00+07:00')) as { ref?: string; period: string }[];
    expect(found.map((f) => f.ref)).toEqual([november.id]);
  });
});

describe("go-live: the dashboard's missing reports", () => {
  it('counts none due before go-live, and those of the period containing it', async () => {
    await goLive('2026-11-02');
    const october = (await json(await t.as(director.id, '/v1/dashboard?period=2026-10', { clock: '2026-12-03T09:00:00+07:00' }))).totals;
    expect(october.reports).toMatchObject({ due: 0, missing: 0 });
    const november = (await json(await t.as(director.id, '/v1/dashboard?period=2026-11', { clock: '2026-12-03T09:00:00+07:00' }))).totals;
    expect(november.reports.missing).toBeGreaterThan(0);
    // The same October counted from the regulation: the figure the go-live date removes.
    await goLive('2019-04-18');
    const counted = (await json(await t.as(director.id, '/v1/dashboard?period=2026-10', { clock: '2026-12-03T09:00:00+07:00' }))).totals;
    expect(counted.reports.missing).toBeGreaterThan(0);
  });

  it('a department that goes live today shows no missing reports', async () => {
    const today = new Date();
    const fresh = await createTestApp({ goLiveOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(today) });
    try {
      for (const period of ['', '?period=' + today.getFullYear()]) {
        const figures = (await json(await fresh.as(director.id, `/v1/dashboard${period}`))).totals;
        expect(figures.reports.missing).toBe(0);
      }
    } finally {
      await fresh.dispose();
    }
  });
});
