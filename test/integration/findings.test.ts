import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledChecks } from '../../shared/services/compliance/registry.js';
import { counterFigures } from '../support/counters.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

let t: TestApp;
const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;
const NOW = '2026-12-15T09:00:00+07:00';

const director = person('director');
const chiefInspector = person('chief-inspector');
const chiefOfOffice = person('chief-of-office');
const accountant = person('accountant');
const treasurer = person('treasurer');
const itHead = person('head', 'it');
const itDeputyHead = person('deputy-head', 'it');
const itSpecialist = person('specialist', 'it');
const itSpecialist2 = person('specialist', 'it', 1);
const pressHead = person('head', 'press');
const pressSpecialist = person('specialist', 'press');
const admin = person('admin');
const itDeputyDirector = 'pham-minh-tuan';
const officeDeputyDirector = 'lo-van-thang';

const byRule: Record<string, string> = {};
const ids = (items: { id: string }[]) => items.map((f) => f.id).sort();
const list = async (as: string, query = '') => {
  const res = await t.as(as, `/v1/findings${query}`, { clock: NOW });
  expect(res.status).toBe(200);
  return (await json(res)).items as any[];
};
const run = (as: string, b: unknown, clock = NOW) => t.as(as, '/v1/checks/run', { method: 'POST', body: body(b), clock });

beforeAll(async () => {
  t = await createTestApp();
  // Two overdue assignments (IT and press), then the finance checks and the overdue sweep.
  for (const [head, assignee] of [
    [itHead, itSpecialist],
    [pressHead, pressSpecialist],
  ] as const) {
    const res = await t.as(head.id, '/v1/assignments', {
      method: 'POST',
      body: body({ title: 'Báo cáo chuyên đề', assigneeId: assignee.id, dueDate: '2026-12-01' }),
      clock: '2026-11-26T09:00:00+07:00',
    });
    expect(res.status).toBe(201);
  }
  for (const rule of ['F1', 'F2', 'F5']) {
    const res = await run(director.id, { rule, at: '2026-12-15T00:05:00+07:00' });
    const result = await json(res);
    expect(result.findings).toHaveLength(1);
    byRule[rule] = result.findings[0].id;
  }
  const a6 = await json(await run(director.id, { rule: 'A6', at: '2026-12-03T00:05:00+07:00' }));
  expect(a6.findings).toHaveLength(2);
  byRule.A6it = a6.findings.find((f: { unitId: string }) => f.unitId === 'it').id;
  byRule.A6press = a6.findings.find((f: { unitId: string }) => f.unitId === 'press').id;
});
afterAll(async () => {
  await t?.dispose();
});

describe('GET /v1/findings: who sees what', () => {
  it('the director and the chief inspector see every finding', async () => {
    expect(ids(await list(director.id))).toEqual(Object.values(byRule).sort());
    expect(ids(await list(chiefInspector.id))).toEqual(Object.values(byRule).sort());
  });

  it('a head their unit’s; a deputy director the units they oversee', async () => {
    expect(ids(await list(itHead.id))).toEqual([byRule.A6it]);
    expect(ids(await list(pressHead.id))).toEqual([byRule.A6press]);
    expect(ids(await list(chiefOfOffice.id))).toEqual([byRule.F1, byRule.F2, byRule.F5].sort());
    expect(ids(await list(itDeputyDirector))).toEqual([byRule.A6it]);
    expect(ids(await list(officeDeputyDirector))).toEqual([byRule.F1, byRule.F2, byRule.F5].sort());
  });

  it('a person their own, and nobody else’s even when asking by subject or unit', async () => {
    expect(ids(await list(accountant.id))).toEqual([byRule.F1, byRule.F2].sort());
    expect(ids(await list(treasurer.id))).toEqual([byRule.F5]);
    expect(ids(await list(itSpecialist.id))).toEqual([byRule.A6it]);
    expect(await list(itSpecialist2.id)).toEqual([]);
    expect(await list(itSpecialist2.id, `?subjectId=${itSpecialist.id}`)).toEqual([]);
    expect(await list(itDeputyHead.id, '?unitId=it')).toEqual([]);
  });

  it('each finding cites its rule id and article', async () => {
    const all = await list(director.id);
    expect(Object.fromEntries(all.map((f) => [f.rule, f.article]))).toEqual({
      F1: 'Điều 9.2.3',
      F2: 'Điều 9.2.4',
      F5: 'Điều 9.3.2',
      A6: 'Điều 5.1, 6.1, 7.1',
    });
  });

  it('filters by rule, subject, unit and period (a period holds the findings whose period starts in it)', async () => {
    expect(ids(await list(director.id, '?rule=F2'))).toEqual([byRule.F2]);
    expect(ids(await list(director.id, `?subjectId=${accountant.id}`))).toEqual([byRule.F1, byRule.F2].sort());
    expect(ids(await list(director.id, '?unitId=office&rule=F5'))).toEqual([byRule.F5]);
    expect(ids(await list(director.id, '?period=2026-11'))).toEqual([byRule.F1, byRule.F5].sort());
    expect(ids(await list(director.id, '?period=2026-12'))).toEqual([byRule.F2, byRule.A6it, byRule.A6press].sort());
    expect(ids(await list(director.id, '?period=2026-Q4&rule=A6'))).toEqual([byRule.A6it, byRule.A6press].sort());
    expect(ids(await list(director.id, '?period=2026'))).toEqual(Object.values(byRule).sort());
    expect(await list(director.id, '?period=2027')).toEqual([]);
    const bad = await t.as(director.id, '/v1/findings?period=2026-13', { clock: NOW });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].path).toBe('query.period');
  });

  it('pages with limit and cursor, across the open and resolved partitions', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await t.as(director.id, `/v1/findings?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { clock: NOW });
      const page = await json(res);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((f: { id: string }) => f.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual(Object.values(byRule).sort());
    expect((await t.as(director.id, '/v1/findings?cursor=9.start', { clock: NOW })).status).toBe(400);
  });

  it('GET /v1/findings/{id}: 404 for what the caller may not see, as for what does not exist', async () => {
    expect((await t.as(itSpecialist.id, `/v1/findings/${byRule.A6it}`)).status).toBe(200);
    expect((await t.as(itSpecialist.id, `/v1/findings/${byRule.A6press}`)).status).toBe(404);
    expect((await t.as(itSpecialist.id, '/v1/findings/F2-000000000000000000000000')).status).toBe(404);
  });
});

describe('POST /v1/findings/{id}/resolve', () => {
  const resolve = (as: string, id: string, b: unknown, headers: Record<string, string> = {}) =>
    t.as(as, `/v1/findings/${id}/resolve`, { method: 'POST', body: body(b), clock: NOW, headers });

  it('the subject may not resolve their own finding (403); who may not see it gets 404; nothing is written', async () => {
    const before = await t.countItems();
    expect((await resolve(accountant.id, byRule.F2!, { note: 'Đã trả' })).status).toBe(403);
    expect((await resolve(treasurer.id, byRule.F2!, { note: 'Đã trả' })).status).toBe(404);
    expect((await resolve(itHead.id, byRule.A6press!, { note: 'x' })).status).toBe(404);
    expect((await resolve(itDeputyHead.id, byRule.A6it!, { note: 'x' })).status).toBe(404);
    expect((await resolve(pressSpecialist.id, byRule.A6press!, { note: 'x' })).status).toBe(403);
    expect(await t.countItems()).toBe(before);
  });

  it('the subject’s superior resolves with a note; If-Match guards it; it stays on record; a second time is 409', async () => {
    const before = await t.countItems();
    const noNote = await resolve(chiefOfOffice.id, byRule.F2!, { note: '' });
    expect(noNote.status).toBe(400);
    expect((await json(noNote)).errors[0].path).toBe('body.note');
    expect((await resolve(chiefOfOffice.id, byRule.F2!, { note: 'Trả chậm do kho bạc' }, { 'if-match': '"3"' })).status).toBe(412);
    expect(await t.countItems()).toBe(before);

    const res = await resolve(chiefOfOffice.id, byRule.F2!, { note: 'Trả chậm do kho bạc' }, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      id: byRule.F2,
      resolution: 'resolved',
      resolvedBy: chiefOfOffice.id,
      resolutionNote: 'Trả chậm do kho bạc',
      resolvedAt: '2026-12-15T02:00:00.000Z',
      version: 2,
    });
    expect((await resolve(director.id, byRule.F2!, { note: 'again' })).status).toBe(409);
    expect(ids(await list(director.id, '?open=true'))).toEqual([byRule.F1, byRule.F5, byRule.A6it, byRule.A6press].sort());
    expect(ids(await list(director.id, '?rule=F2'))).toEqual([byRule.F2]);

    // Counted resolved in the periods it was detected in (15 December, local time).
    const counter = await counterFigures(t.table, t.orgId, '2026-12', 'office', accountant.id);
    expect(counter).toMatchObject({ fnd_detected: 2, fnd_detected_F1: 1, fnd_detected_F2: 1, fnd_resolved: 1, fnd_resolved_F2: 1 });
    const history = await json(await t.as(accountant.id, `/v1/audit?entityId=${byRule.F2}`));
    expect(history.items.map((e: { action: string; actorId: string }) => `${e.action}:${e.actorId}`)).toEqual([
      'detected:compliance-engine',
      `resolved:${chiefOfOffice.id}`,
    ]);
  });

  it('a head resolves their specialist’s; the chief inspector anyone’s; the director anyone’s', async () => {
    expect((await resolve(itHead.id, byRule.A6it!, { note: 'Đã nhắc' })).status).toBe(200);
    expect((await resolve(chiefInspector.id, byRule.F5!, { note: 'Đã kiểm tra' })).status).toBe(200);
    expect((await resolve(director.id, byRule.A6press!, { note: 'Ghi nhận' })).status).toBe(200);
    expect(ids(await list(director.id, '?open=true'))).toEqual([byRule.F1]);
  });

  it('a resolved finding is not reopened by the next run', async () => {
    const res = await run(director.id, { rule: 'F2', at: '2026-12-15T09:00:00+07:00' });
    const result = await json(res);
    expect(result.created).toEqual([]);
    expect(result.findings).toEqual([expect.objectContaining({ id: byRule.F2, resolution: 'resolved' })]);
  });
});

describe('POST /v1/checks/run', () => {
  it('only the director, the chief inspector and administrators: a head is refused and nothing is written', async () => {
    const before = await t.countItems();
    const res = await run(itHead.id, { rule: 'F2', at: '2027-01-15T00:05:00+07:00' }, '2027-01-15T00:05:00+07:00');
    expect(res.status).toBe(403);
    expect(await t.countItems()).toBe(before);
  });

  it('an administrator runs it; the answer holds only the findings they may see', async () => {
    const res = await run(admin.id, { rule: 'F2', at: '2027-01-15T00:05:00+07:00' }, '2027-01-15T00:05:00+07:00');
    expect(res.status).toBe(200);
    const result = await json(res);
    expect(result.created).toHaveLength(1);
    expect(result.findings).toEqual([]);
    expect(ids(await list(director.id, '?rule=F2&period=2027-01'))).toEqual(result.created);
  });

  it('without `at` it judges now (X-Clock locally)', async () => {
    const res = await run(chiefInspector.id, { rule: 'F5' }, '2027-01-01T00:05:00+07:00');
    const result = await json(res);
    expect(result.at).toBe('2026-12-31T17:05:00.000Z');
    expect(result.findings.map((f: { period: string }) => f.period)).toContain('2026-12');
  });

  it('an unknown rule, a malformed or a future `at` is a 400 naming the field', async () => {
    const unknown = await run(director.id, { rule: 'Z9' });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).errors).toEqual([{ path: 'body.rule', message: `unknown rule; one of ${scheduledChecks.map((r) => r.id).join(', ')}` }]);
    expect((await json(await run(director.id, { rule: 'f2' }))).errors[0].path).toBe('body.rule');
    const malformed = await run(director.id, { rule: 'F2', at: '2026-12-15 00:05' });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).errors[0].path).toBe('body.at');
    const future = await run(director.id, { rule: 'F2', at: '2026-12-15T09:00:01+07:00' });
    expect(future.status).toBe(400);
    expect((await json(future)).errors[0].path).toBe('body.at');
  });

  it('the audit history of a finding follows its visibility', async () => {
    expect((await t.as(itSpecialist.id, `/v1/audit?entityId=${byRule.A6it}`)).status).toBe(200);
    expect((await t.as(pressHead.id, `/v1/audit?entityId=${byRule.A6it}`)).status).toBe(404);
  });
});
