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

/** Thursday 26 November 2026. */
const NOW = '2026-11-26T09:00:00+07:00';
const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;

const chiefOfOffice = person('chief-of-office');
const director = person('director');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const itSpecialist2 = person('specialist', 'it', 1);
const pressSpecialist = person('specialist', 'press');

const notify = (as: string, input: Record<string, unknown>, headers: Record<string, string> = {}, clock = NOW) =>
  t.as(as, '/v1/overtime', { method: 'POST', body: body({ reason: 'Trực hệ thống một cửa', ...input }), clock, headers });

describe('overtime and weekend work are notified to the chief of office (W1, Điều 19.1)', () => {
  let weekdayId: string;

  it('overtime on a working day', async () => {
    const res = await notify(itSpecialist.id, { date: '2026-11-26', hours: 2.5 });
    expect(res.status).toBe(201);
    const o = await json(res);
    expect(o).toMatchObject({
      staffId: itSpecialist.id,
      unitId: 'it',
      date: '2026-11-26',
      hours: 2.5,
      weekend: false,
      nonWorkingDay: false,
      notifiedInAdvance: true,
      notifiedRole: 'chief-of-office',
      notifiedTo: [chiefOfOffice.id],
      rule: 'W1',
      article: 'Điều 19.1',
      status: 'notified',
      version: 1,
    });
    weekdayId = o.id;
  });

  it('weekend work: the calendar says whether it is a weekend, and a wrong claim is named', async () => {
    const saturday = await json(await notify(itSpecialist.id, { date: '2026-11-28', hours: 6, weekend: true }));
    expect(saturday).toMatchObject({ weekend: true, nonWorkingDay: true, hours: 6 });
    // 22 August 2026 is a Saturday worked in exchange for 31 August: a weekend day, but a working day.
    const swapped = await json(await notify(pressSpecialist.id, { date: '2026-08-22', hours: 3 }));
    expect(swapped).toMatchObject({ weekend: true, nonWorkingDay: false, notifiedInAdvance: false });
    const before = await t.countItems();
    const wrong = await notify(itSpecialist.id, { date: '2026-11-29', hours: 2, weekend: false });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).errors).toEqual([{ path: 'body.weekend', message: '2026-11-29 is a weekend day' }]);
    expect(await t.countItems()).toBe(before);
  });

  it('beyond the 8-hour day at most 16 hours (from the rulebook); bad input names each field; nothing is written', async () => {
    const before = await t.countItems();
    const tooLong = await notify(itSpecialist.id, { date: '2026-11-27', hours: 17 });
    expect(tooLong.status).toBe(400);
    const problem = await json(tooLong);
    expect(problem.detail).toContain('(W1, Điều 19.1)');
    expect(problem.errors).toEqual([{ path: 'body.hours', message: '2026-11-27 is a working day of 8 hours: at most 16 hours beyond it (W1, Điều 19.1)' }]);
    const bad = await t.as(itSpecialist.id, '/v1/overtime', {
      method: 'POST',
      body: body({ date: '2026-13-01', hours: 0, reason: '', extra: true }),
      clock: NOW,
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['body.date', 'body.hours', 'body.reason']));
    expect(await t.countItems()).toBe(before);
  });

  it('Idempotency-Key: a replay creates nothing', async () => {
    const headers = { 'idempotency-key': 'ot-1' };
    const first = await json(await notify(itSpecialist2.id, { date: '2026-11-30', hours: 1 }, headers));
    const count = await t.countItems();
    const again = await notify(itSpecialist2.id, { date: '2026-11-30', hours: 1 }, headers);
    expect(again.status).toBe(201);
    expect((await json(again)).id).toBe(first.id);
    expect(await t.countItems()).toBe(count);
    expect((await notify(itSpecialist2.id, { date: '2026-11-30', hours: 2 }, headers)).status).toBe(422);
  });

  it('lists by unit and month, by person, and (chief of office) the whole month', async () => {
    const unit = await json(await t.as(itHead.id, '/v1/overtime?unitId=it&month=2026-11', { clock: NOW }));
    expect(unit.items.map((o: any) => [o.staffId, o.date, o.hours])).toEqual([
      [itSpecialist.id, '2026-11-26', 2.5],
      [itSpecialist.id, '2026-11-28', 6],
      [itSpecialist2.id, '2026-11-30', 1],
    ]);
    expect(unit).toMatchObject({ month: '2026-11', totalHours: 9.5 });
    const office = await json(await t.as(chiefOfOffice.id, '/v1/overtime?month=2026-08', { clock: NOW }));
    expect(office.items.map((o: any) => o.staffId)).toEqual([pressSpecialist.id]);
    const own = await json(await t.as(itSpecialist2.id, '/v1/overtime?month=2026-11', { clock: NOW }));
    expect(own.items.map((o: any) => o.staffId)).toEqual([itSpecialist2.id]);
    // Another unit's notices are not the caller's to see.
    expect((await json(await t.as(pressSpecialist.id, '/v1/overtime?unitId=it&month=2026-11', { clock: NOW }))).items).toEqual([]);
    const bad = await t.as(itHead.id, '/v1/overtime?month=2026-13', { clock: NOW });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].path).toBe('query.month');
  });

  it('the chief of office acknowledges, with If-Match; the history records it; others may not', async () => {
    expect((await t.as(pressSpecialist.id, `/v1/overtime/${weekdayId}`, { clock: NOW })).status).toBe(404);
    const byHead = await t.as(itHead.id, `/v1/overtime/${weekdayId}/acknowledge`, { method: 'POST', body: body({}), clock: NOW });
    expect(byHead.status).toBe(403);
    expect((await json(byHead)).detail).toContain('W1');
    const stale = await t.as(chiefOfOffice.id, `/v1/overtime/${weekdayId}/acknowledge`, { method: 'POST', body: body({}), clock: NOW, headers: { 'if-match': '"2"' } });
    expect(stale.status).toBe(412);
    const ok = await t.as(chiefOfOffice.id, `/v1/overtime/${weekdayId}/acknowledge`, { method: 'POST', body: body({ note: 'Đã ghi sổ' }), clock: NOW, headers: { 'if-match': '"1"' } });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ status: 'acknowledged', acknowledgedBy: chiefOfOffice.id, acknowledgementNote: 'Đã ghi sổ', version: 2 });
    expect((await t.as(chiefOfOffice.id, `/v1/overtime/${weekdayId}/acknowledge`, { method: 'POST', body: body({}), clock: NOW })).status).toBe(409);
    const full = await json(await t.as(director.id, `/v1/overtime/${weekdayId}`, { clock: NOW }));
    expect(full.history.map((e: any) => [e.action, e.actorId])).toEqual([
      ['notified', itSpecialist.id],
      ['acknowledged', chiefOfOffice.id],
    ]);
    const audit = await json(await t.as(itSpecialist.id, `/v1/audit?entityId=${weekdayId}`, { clock: NOW }));
    expect(audit.items).toHaveLength(2);
  });
});
