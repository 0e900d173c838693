/**
 * The working calendar past 2027 on DynamoDB Local: D1's distribution deadline across Tết 2028,
 * the CAL finding (next year still provisional on 1 December) and its resolution through a
 * rulebook amendment, and the calendar API showing each year's status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { json, signedPost } from '../support/eoffice.js';
import { person } from '../support/people.js';

const SECRET = generateWebhookSecret();
const DOCS = '/v1/integrations/eoffice/documents';
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const specialist = person('specialist', 'it');
const body = (b: unknown) => JSON.stringify(b);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ eoffice: { secrets: [SECRET] } });
});
afterAll(async () => {
  await t?.dispose();
});

describe('D1 (Điều 9.1.4, 12.1) across Tết 2028', () => {
  const register = async (externalId: string, receivedAt: string) => {
    const res = await signedPost(t, DOCS, { externalId, title: 'Văn bản', issuer: 'UBND tỉnh Sơn La', receivedAt }, { secrets: [SECRET], clock: receivedAt });
    expect(res.status).toBe(201);
    return json(res);
  };

  it('D1 (Điều 12.1): a document received on Tuesday 25/01/2028 (Tết) is due at the start of Monday 31/01/2028, the first working day after the break', async () => {
    const doc = await register('TET-2028-1', '2028-01-25T10:00:00+07:00');
    expect(doc.distributionDueAt).toBe('2028-01-31T09:00:00.000+07:00');
  });

  it('D1 (Điều 12.1): one received on Thursday 20/01/2028 is due at the start of Friday 21/01/2028, the last working day before the break', async () => {
    const doc = await register('TET-2028-2', '2028-01-20T16:00:00+07:00');
    expect(doc.distributionDueAt).toBe('2028-01-21T09:00:00.000+07:00');
  });
});

describe('CAL (Bộ luật Lao động 2019, Điều 112; Quy chế, Working days)', () => {
  const run = (at: string) => t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule: 'CAL', at }), clock: at });
  const calFindings = async (query = '') => (await json(await t.as(director.id, `/v1/findings?rule=CAL${query}`, { clock: '2026-12-03T09:00:00+07:00' }))).items as any[];

  it('CAL (Điều 112): on 30/11/2026 at 23:59:59 nothing is found; from 00:00 on 01/12/2026 the provisional 2027 is a finding for the chief of office, once', async () => {
    const before = await run('2026-11-30T23:59:59+07:00');
    expect(before.status).toBe(200);
    expect((await json(before)).findings).toEqual([]);
    expect(await calFindings()).toEqual([]);

    const first = await run('2026-12-01T00:00:00+07:00');
    expect(first.status).toBe(200);
    const found = (await json(first)).findings;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'CAL', subjectId: chiefOfOffice.id, period: '2027', article: 'Bộ luật Lao động 2019, Điều 112; Quy chế, Working days' });
    // The schedule's 00:05 run and a retry find the same finding, nothing new.
    await run('2026-12-01T00:05:00+07:00');
    const open = await calFindings('&open=true');
    expect(open.map((f) => f.id)).toEqual([found[0].id]);

    // The finding's page renders its sentence from the facts, Vietnamese first.
    const page = (lang: string) => t.as(chiefOfOffice.id, `/findings/${found[0].id}${lang}`, { clock: '2026-12-03T09:00:00+07:00', headers: { accept: 'text/html' } });
    expect(await (await page('')).text()).toContain('Lịch làm việc năm 2027: đến ngày 01/12/2026 vẫn là lịch dự kiến');
    expect(await (await page('?lang=en')).text()).toContain('Working calendar 2027: still provisional on 2026-12-01');
  });

  it('CAL (Điều 112): marking 2027 announced by a rulebook amendment the director approves resolves the finding', async () => {
    const proposed = await t.as(chiefOfOffice.id, '/v1/rulebook/amendments', {
      method: 'POST',
      clock: '2026-12-03T09:00:00+07:00',
      body: body({
        effectiveFrom: '2026-12-03',
        reason: 'Quyết định của Thủ tướng Chính phủ về nghỉ Tết Đinh Mùi 2027',
        changes: { calendar: { years: [{ year: 2027, status: 'announced', basis: { vi: 'Thông báo số 1/TB-BNV', en: 'Notice 1/TB-BNV' } }] } },
      }),
    });
    expect(proposed.status).toBe(201);
    // Proposed is not in force: the next day's check still finds 2027 provisional.
    await run('2026-12-03T09:10:00+07:00');
    expect((await calFindings('&open=true')).length).toBe(1);
    const decided = await t.as(director.id, `/v1/admin/proposals/${(await json(proposed)).id}/decision`, { method: 'POST', body: body({ approve: true }), clock: '2026-12-03T10:00:00+07:00' });
    expect(decided.status).toBe(200);
    await run('2026-12-04T00:05:00+07:00');
    expect(await calFindings('&open=true')).toEqual([]);
    const all = await calFindings();
    expect(all).toHaveLength(1);
    expect(all[0].resolvedAt).toBeDefined();
  });
});

describe('the calendar shows whether each year is announced or provisional', () => {
  it('GET /v1/calendar: the week of Tết 2028 is provisional and off; a 2026 week is announced', async () => {
    const tet = await json(await t.as(specialist.id, '/v1/calendar?week=2028-W04', { clock: '2026-12-03T09:00:00+07:00' }));
    expect(tet.years).toMatchObject([{ year: 2028, status: 'provisional' }]);
    expect(tet.days.filter((d: any) => d.working)).toEqual([]);
    expect(tet.days[1].holiday.vi).toBe('Tết Nguyên Đán (29 tháng Chạp, giao thừa)');
    const dec = await json(await t.as(specialist.id, '/v1/calendar?week=2026-W53', { clock: '2026-12-03T09:00:00+07:00' }));
    expect(dec.years.map((y: any) => [y.year, y.status])).toEqual([[2026, 'announced'], [2027, 'announced']]);
  });

  it('GET /calendar: the page says it, in Vietnamese and in English', async () => {
    const vi = await (await t.as(specialist.id, '/calendar?week=2028-W04', { clock: '2026-12-03T09:00:00+07:00', headers: { accept: 'text/html' } })).text();
    expect(vi).toContain('Ngày nghỉ lễ, Tết năm 2028: dự kiến');
    const en = await (await t.as(specialist.id, '/calendar?week=2028-W04&lang=en', { clock: '2026-12-03T09:00:00+07:00', headers: { accept: 'text/html' } })).text();
    expect(en).toContain('2028 holidays: provisional');
  });
});
