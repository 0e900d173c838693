import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgSnapshotOf, periodicObligations } from '../../shared/domain/obligations.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person, sonLa } from '../support/people.js';

// R4 (Điều 15.1), F4 (Điều 9.2.4) and P4 (Điều 6.1) against DynamoDB Local, through
// POST /v1/checks/run (the code the schedules run), at each deadline instant and one second after.
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
const accountant = person('accountant');
const chiefInspector = person('chief-inspector');

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
const keysOf = (result: any, prefix: string) => (result.findings as any[]).map((f) => f.key as string).filter((k) => k.startsWith(prefix)).sort();
/** The due instant the rulebook gives, ISO with +07:00 as the API prints it. */
function dueOf(obligationId: string, periodId: string): Date {
  const i = periodicObligations(sonLa, orgSnapshotOf(sonLa), calendarOf(sonLa), { periodId }).find((o) => o.obligationId === obligationId);
  if (!i) throw new Error(`${obligationId} is not owed for ${periodId}`);
  return i.dueAt;
}
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms).toISOString();

describe('R4 (Điều 15.1): the director’s reports to the province and the Ministry, drafted by the Office', () => {
  it('R4 (Điều 15.1): the quarter’s cut-off is 14/12 (Nghị định 09/2019/NĐ-CP, Điều 12); the Office’s draft is due 16/12 17:00, the director’s reports 18/12 17:00', () => {
    const owed = periodicObligations(sonLa, orgSnapshotOf(sonLa), calendarOf(sonLa), { periodId: '2026-Q4' }).filter((o) => o.rule === 'R4');
    const draft = owed.find((o) => o.obligationId === 'r4-office-draft')!;
    expect(draft).toMatchObject({ staffId: chiefOfOffice.id, recipients: [director.id] });
    expect(draft.dueAt.toISOString()).toBe('2026-12-16T10:00:00.000Z');
    expect(draft.dataCutOffAt!.toISOString()).toBe('2026-12-14T16:59:59.999Z');
    const toUbnd = owed.find((o) => o.obligationId === 'r4-director-to-ubnd')!;
    expect(toUbnd).toMatchObject({ staffId: director.id, recipients: [] });
    expect(toUbnd.dueAt.toISOString()).toBe('2026-12-18T10:00:00.000Z');
    // The Party committee and the People's Council get 6-month and annual reports, not quarterly ones.
    expect(owed.map((o) => o.obligationId).sort()).toEqual(['r4-director-to-ministry', 'r4-director-to-ubnd', 'r4-office-draft']);
  });

  it('R4 (Điều 15.1): on "Việc của tôi" the chief of office sees the draft due 16/12/2026 17:00 once, naming the quarter, the half-year and the year, each with its own link', async () => {
    const res = await t.app.request('/my-work', {
      headers: { accept: 'text/html', cookie: `tracker_session=${await t.token(chiefOfOffice.id)}`, 'x-clock': '2026-12-10T09:00:00+07:00' },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const title = 'Dự thảo báo cáo của Văn phòng trình Giám đốc Sở';
    expect(html.split(title).length - 1).toBe(1);
    const links = [...html.matchAll(/obligationId=r4-office-draft&amp;period=([^"&]+)/g)].map((m) => decodeURIComponent(m[1]!)).sort();
    expect(links).toEqual(['2026', '2026-H2', '2026-Q4']);
  });

  it('R4 (Điều 15.1): the Office’s draft handed to the director at 17:00:00 on 16/12/2026 is on time; one not handed in is a finding from 17:00:01', async () => {
    await post(chiefOfOffice.id, '/v1/reports', { obligationId: 'r4-office-draft', period: '2026-Q4', content: 'Dự thảo báo cáo quý IV' }, '2026-12-16T17:00:00+07:00');
    expect(keysOf(await check('R4', '2026-12-16T17:00:00+07:00'), 'r4-office-draft')).toEqual([]);
    const after = await check('R4', '2026-12-16T17:00:01+07:00');
    // The quarter's draft came in time; the 6-month and the annual ones did not.
    expect(keysOf(after, 'r4-office-draft')).toEqual([`r4-office-draft|2026-H2|${chiefOfOffice.id}`, `r4-office-draft|2026|${chiefOfOffice.id}`].sort());
    const f = after.findings.find((x: any) => x.key === `r4-office-draft|2026-H2|${chiefOfOffice.id}`);
    expect(f).toMatchObject({ rule: 'R4', article: 'Điều 15.1', subjectId: chiefOfOffice.id, dueAt: '2026-12-16T17:00:00.000+07:00', facts: { submitted: false } });
  });

  it('R4 (Điều 15.1): the director’s report recorded as sent to UBND tỉnh at 17:00:00 on 18/12/2026 is on time; the Ministry’s, unsent, is a finding from 17:00:01, put right when recorded late', async () => {
    const sent = await post(director.id, '/v1/reports', { obligationId: 'r4-director-to-ubnd', period: '2026-Q4', content: 'Số 123/BC-STTTT' }, '2026-12-18T17:00:00+07:00');
    expect(sent).toMatchObject({ late: false, recipients: [], submittedAt: '2026-12-18T17:00:00.000+07:00' });
    expect(keysOf(await check('R4', '2026-12-18T17:00:00+07:00'), 'r4-director')).toEqual([]);
    const after = await check('R4', '2026-12-18T17:00:01+07:00');
    const keys = keysOf(after, 'r4-director');
    expect(keys).not.toContain(`r4-director-to-ubnd|2026-Q4|${director.id}`);
    expect(keys).toContain(`r4-director-to-ministry|2026-Q4|${director.id}`);
    const f = after.findings.find((x: any) => x.key === `r4-director-to-ministry|2026-Q4|${director.id}`);
    expect(f).toMatchObject({ subjectId: director.id, dueAt: '2026-12-18T17:00:00.000+07:00' });
    await post(director.id, '/v1/reports', { obligationId: 'r4-director-to-ministry', period: '2026-Q4', content: 'Số 124/BC-STTTT' }, '2026-12-18T17:30:00+07:00');
    expect(await json(await t.as(director.id, `/v1/findings/${f.id}`))).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-12-18T10:30:00.000Z' });
  });
});

describe('F4 (Điều 9.2.4): financial reports and disclosures filed on time', () => {
  it('F4 (Điều 9.2.4): the Q3 2026 budget disclosure filed at its deadline instant is on time; one second later no finding', async () => {
    const due = dueOf('f4-budget-disclosure', '2026-Q3');
    expect(due.toISOString()).toBe('2026-10-14T10:00:00.000Z');
    await post(accountant.id, '/v1/reports', { obligationId: 'f4-budget-disclosure', period: '2026-Q3', content: 'Đã công khai' }, due.toISOString());
    expect(keysOf(await check('F4', plus(due, 1000)), 'f4-budget-disclosure|2026-Q3')).toEqual([]);
  });

  it('F4 (Điều 9.2.4): a disclosure never filed: nothing at its deadline instant, a finding one second after', async () => {
    const due = dueOf('f4-budget-disclosure', '2026-Q4');
    const key = `f4-budget-disclosure|2026-Q4|${accountant.id}`;
    expect(keysOf(await check('F4', due.toISOString()), key)).toEqual([]);
    const after = await check('F4', plus(due, 1000));
    expect(keysOf(after, key)).toEqual([key]);
    expect(after.findings.find((x: any) => x.key === key)).toMatchObject({ rule: 'F4', article: 'Điều 9.2.4', subjectId: accountant.id, facts: { submitted: false } });
  });

  it('F4 (Điều 9.2.4): the annual financial statements filed one second late are a finding, put right late', async () => {
    const due = dueOf('f4-financial-statements', '2026');
    const key = `f4-financial-statements|2026|${accountant.id}`;
    const late = await post(accountant.id, '/v1/reports', { obligationId: 'f4-financial-statements', period: '2026', content: 'BCTC 2026' }, plus(due, 1000));
    expect(late.late).toBe(true);
    const result = await check('F4', plus(due, 5 * 60_000));
    const f = result.findings.find((x: any) => x.key === key);
    expect(f).toMatchObject({ rule: 'F4', resolution: 'put-right', facts: { reportId: late.id } });
  });
});

describe('P4 (Điều 6.1): the Inspectorate’s annual inspection plan, approved by the director', () => {
  it('P4 (Điều 6.1): not submitted by 15/12/2026 17:00:00 is a finding from 17:00:01; submitted late, it is put right and the director approves it', async () => {
    const key = `p4-inspection-plan|2026|${chiefInspector.id}`;
    expect(dueOf('p4-inspection-plan', '2026').toISOString()).toBe('2026-12-15T10:00:00.000Z');
    expect(keysOf(await check('P4', '2026-12-15T17:00:00+07:00'), 'p4')).toEqual([]);
    const after = await check('P4', '2026-12-15T17:00:01+07:00');
    expect(keysOf(after, 'p4')).toEqual([key]);
    const f = after.findings[0];
    expect(f).toMatchObject({ rule: 'P4', article: 'Điều 6.1', subjectId: chiefInspector.id, facts: { submitted: false } });
    const plan = await post(chiefInspector.id, '/v1/plans', { obligationId: 'p4-inspection-plan', period: '2026', content: 'Kế hoạch thanh tra năm 2027' }, '2026-12-16T09:00:00+07:00');
    expect(plan).toMatchObject({ kind: 'plan', late: true, reviewStatus: 'submitted' });
    expect(await json(await t.as(director.id, `/v1/findings/${f.id}`))).toMatchObject({ resolution: 'put-right' });
    const approved = await t.as(director.id, `/v1/plans/${plan.id}/approve`, { method: 'POST', body: body({}), clock: '2026-12-16T10:00:00+07:00', headers: { 'If-Match': `"${plan.version}"` } } as any);
    expect(approved.status).toBe(200);
    expect(await json(approved)).toMatchObject({ reviewStatus: 'approved' });
  });
});

describe('R4 (Điều 15.1), P4 (Điều 6.1): shown where reports are shown', () => {
  it('R4 (Điều 15.1): the director’s workspace lists the reports to UBND tỉnh due 18/12/2026 among this month’s reports owed (vi and en)', async () => {
    const page = async (lang: string) =>
      (await t.as(director.id, `/my-work${lang}`, { headers: { accept: 'text/html' }, clock: '2026-12-10T09:00:00+07:00' })).text();
    const vi = await page('');
    expect(vi).toContain('Báo cáo của Giám đốc Sở gửi Ủy ban nhân dân tỉnh');
    expect(vi).toContain('18/12/2026');
    expect(await page('?lang=en')).toContain('Director&#39;s report to the provincial People&#39;s Committee');
  });
});
