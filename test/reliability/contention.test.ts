import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counterPeriodsOf } from '../../shared/store/assignment-repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { recount, storedCounters } from './support/counters.js';
import { counterFigures } from '../support/counters.js';

// 100 writers at once on one assignment, and on one unit's counters. Every write that was
// answered 2xx is in the records; nothing is lost or counted twice; afterwards every counter equals
// the figure recomputed from the records.
const WRITERS = 100;
const NOW = '2026-11-26T09:00:00+07:00';

// One table per test: each test's writes are the only ones in it.
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t?.dispose();
});
const TIMEOUT = 180_000;

const json = async (res: Response) => (await res.json()) as any;
const itHead = person('head', 'it');
const itPeople = [person('specialist', 'it'), person('specialist', 'it', 1), person('deputy-head', 'it')];
const post = (as: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.as(as, path, { method: 'POST', body: JSON.stringify(body), clock: NOW, headers });

async function assign(assigneeId: string, dueDate: string, title = 'Cập nhật cổng thông tin điện tử') {
  const res = await post(itHead.id, '/v1/assignments', { title, assigneeId, dueDate });
  expect(res.status).toBe(201);
  return json(res);
}

describe(`${WRITERS} concurrent writers on one assignment`, () => {
  it('progress without If-Match: every update lands once, versions 2…101, the history complete', async () => {
    const assignee = itPeople[0]!;
    const a = await assign(assignee.id, '2026-12-18');
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => post(assignee.id, `/v1/assignments/${a.id}/progress`, { percent: i % 101, note: `Cập nhật lần ${i + 1}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(WRITERS).fill(200));
    const answered = await Promise.all(results.map(json));
    expect(new Set(answered.map((r: any) => r.version))).toEqual(new Set(Array.from({ length: WRITERS }, (_, i) => i + 2)));

    const full = await json(await t.as(assignee.id, `/v1/assignments/${a.id}`, { clock: NOW }));
    expect(full.version).toBe(WRITERS + 1);
    expect(full.history.map((e: any) => e.version)).toEqual(Array.from({ length: WRITERS + 1 }, (_, i) => i + 1));
    expect(full.history.filter((e: any) => e.action === 'progress-recorded').map((e: any) => e.data.note).sort()).toEqual(
      Array.from({ length: WRITERS }, (_, i) => `Cập nhật lần ${i + 1}`).sort(),
    );
    // The state is the last change in the history.
    const last = full.history.at(-1);
    expect([full.percent, full.lastProgressNote]).toEqual([last.data.percent, last.data.note]);
  }, TIMEOUT);

  it('the same If-Match from every writer: exactly one wins, the others get 412 and write nothing', async () => {
    const assignee = itPeople[1]!;
    const a = await assign(assignee.id, '2026-12-18');
    const before = await t.countItems();
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => post(assignee.id, `/v1/assignments/${a.id}/progress`, { percent: 50, note: `Người ghi ${i}` }, { 'if-match': '"1"' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(WRITERS - 1).fill(412)]);
    const refused = await json(results.find((r) => r.status === 412)!);
    expect(refused).toMatchObject({ status: 412 });
    expect(await t.countItems()).toBe(before + 1); // one audit event; the state item was replaced
    const full = await json(await t.as(assignee.id, `/v1/assignments/${a.id}`, { clock: NOW }));
    expect(full.version).toBe(2);
    expect(full.history).toHaveLength(2);
  }, TIMEOUT);
});

describe(`${WRITERS} concurrent writers on one unit's counters`, () => {
  it('creates, completions, cancellations and returns at once: every counter equals the recount from the records', async () => {
    // Work already there, to be completed, cancelled or returned while the new work is created.
    const dueDates = ['2026-12-02', '2026-12-09', '2026-12-16', '2027-01-06'];
    const existing = [];
    for (let i = 0; i < 30; i++) existing.push(await assign(itPeople[i % 3]!.id, dueDates[i % 4]!, `Việc có sẵn ${i}`));
    for (const a of existing.slice(20, 25)) {
      expect((await post(a.assigneeId, `/v1/assignments/${a.id}/complete`, { note: 'Xong' })).status).toBe(200);
    }

    const creates = Array.from({ length: WRITERS }, (_, i) =>
      post(itHead.id, '/v1/assignments', { title: `Việc mới ${i}`, assigneeId: itPeople[i % 3]!.id, dueDate: dueDates[i % 4] }),
    );
    const completes = existing.slice(0, 10).map((a) => post(a.assigneeId, `/v1/assignments/${a.id}/complete`, { note: 'Hoàn thành' }));
    const cancels = existing.slice(10, 20).map((a) => post(itHead.id, `/v1/assignments/${a.id}/cancel`, { reason: 'Trùng lặp' }));
    const returns = existing.slice(20, 25).map((a) => post(itHead.id, `/v1/assignments/${a.id}/return`, { reason: 'Bổ sung số liệu' }));
    const results = await Promise.all([...creates, ...completes, ...cancels, ...returns]);
    expect(results.map((r) => r.status)).toEqual([...Array(WRITERS).fill(201), ...Array(25).fill(200)]);

    const { counters: expected, assignments } = await recount(t.table, t.orgId, 'it');
    expect(assignments).toBe(WRITERS + 30);
    const periods = [...new Set(dueDates.flatMap(counterPeriodsOf))];
    const stored = await storedCounters(t.table, t.orgId, 'it', periods);
    expect(stored).toEqual(expected);

    // The figures themselves, per unit and month: December's 3 due dates hold 3/4 of the work.
    // (A unit's figures are the sum of its people's items: counterFigures reads them as the dashboard does.)
    const december = await counterFigures(t.table, t.orgId, '2026-12', 'it');
    const decemberExisting = existing.filter((_, i) => dueDates[i % 4]!.startsWith('2026-12'));
    expect(december.asg_assigned).toBe(75 + decemberExisting.length);
    const sum = (k: string) => Object.entries(stored).filter(([key]) => key.startsWith('2026-12 UNIT#it#STAFF#')).reduce((n, [, c]) => n + Object.entries(c).filter(([a]) => a.startsWith(`${k}@`)).reduce((m, [, v]) => m + v, 0), 0);
    for (const k of ['assigned', 'open', 'cancelled', 'completedOnTime']) expect(sum(k), k).toBe(december[`asg_${k}`] ?? 0);
    expect(Object.values(stored).every((c) => Object.values(c).every((v) => v >= 0))).toBe(true);
  }, TIMEOUT);
});
