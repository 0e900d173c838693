/**
 * A2 (Điều 3.3.3): "Giám đốc Sở ủy quyền cho 01 Phó Giám đốc Sở, thay mặt Giám đốc Sở khi đi vắng
 * một thời gian": on any day one deputy director at most holds the director's authority. Checked
 * in the write itself (a conditional transaction on the director's authority item), against
 * DynamoDB Local, through the API and the leave page's form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.dispose());

const NOW = '2026-12-01T09:00:00+07:00';
const director = person('director');
const [postsDeputy, itDeputy] = deputyDirectors() as [ReturnType<typeof person>, ReturnType<typeof person>];
const itHead = person('head', 'it');
const itDeputyHead = person('deputy-head', 'it');
const body = (b: unknown) => JSON.stringify(b);
const json = async (r: Response) => (await r.json()) as any;

const delegate = (delegateId: string, from: string, to: string, init: { lang?: string; as?: string } = {}) =>
  t.as(init.as ?? director.id, '/v1/delegations', {
    method: 'POST',
    body: body({ delegateId, from, to }),
    clock: NOW,
    ...(init.lang ? { headers: { 'accept-language': init.lang } } : {}),
  });

describe('A2 (Điều 3.3.3): one deputy director holds the director’s authority on any day', () => {
  it('A2 (Điều 3.3.3): a delegation starting on the end day 10/12/2026 of another is refused with 409 naming the field and the period; starting 11/12/2026 is accepted', async () => {
    const first = await delegate(postsDeputy.id, '2026-12-07', '2026-12-10');
    expect(first.status).toBe(201);
    const held = await json(first);

    const before = await t.countItems();
    const clash = await delegate(itDeputy.id, '2026-12-10', '2026-12-12', { lang: 'vi' });
    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await json(clash);
    expect(problem.errors.map((e: any) => e.path)).toEqual(['body.from', 'body.to']);
    expect(problem.errors[0].message).toContain('07/12/2026');
    expect(problem.errors[0].message).toContain('10/12/2026');
    expect(problem.errors[0].message).toContain(held.id);
    expect(problem.detail).toContain(`${postsDeputy.name} từ 07/12/2026 đến 10/12/2026`);
    expect(problem.detailVi).toBeUndefined();
    expect(await t.countItems()).toBe(before);

    const english = await json(await delegate(itDeputy.id, '2026-12-01', '2026-12-07'));
    expect(english.detail).toContain('from 2026-12-07 to 2026-12-10');

    const next = await delegate(itDeputy.id, '2026-12-11', '2026-12-12');
    expect(next.status).toBe(201);
    // The same deputy cannot hold two overlapping ones either (a double click).
    expect((await delegate(itDeputy.id, '2026-12-11', '2026-12-12')).status).toBe(409);
  });

  it('A2 (Điều 3.3.3): a period that encloses another is refused; one that ends the day before it starts is accepted', async () => {
    expect((await delegate(postsDeputy.id, '2026-12-20', '2026-12-22')).status).toBe(201);
    expect((await delegate(itDeputy.id, '2026-12-18', '2026-12-24')).status).toBe(409);
    expect((await delegate(itDeputy.id, '2026-12-21', '2026-12-21')).status).toBe(409);
    expect((await delegate(itDeputy.id, '2026-12-15', '2026-12-19')).status).toBe(201);
  });

  it('A2 (Điều 3.3.3): ending a delegation early frees its days for the other deputy director', async () => {
    const d = await json(await delegate(postsDeputy.id, '2027-01-04', '2027-01-08'));
    expect((await delegate(itDeputy.id, '2027-01-06', '2027-01-06')).status).toBe(409);
    const revoked = await t.as(director.id, `/v1/delegations/${d.id}/revoke`, { method: 'POST', body: body({}), clock: NOW });
    expect(revoked.status).toBe(200);
    expect((await delegate(itDeputy.id, '2027-01-06', '2027-01-06')).status).toBe(201);
    // The freed days are now held by the new one: the first deputy is refused on them.
    expect((await delegate(postsDeputy.id, '2027-01-04', '2027-01-08')).status).toBe(409);
    expect((await delegate(postsDeputy.id, '2027-01-07', '2027-01-08')).status).toBe(201);
  });

  it('A2 (Điều 3.3.3): two concurrent overlapping requests: exactly one succeeds, the other is 409', async () => {
    for (const [from, to] of [
      ['2027-02-01', '2027-02-05'],
      ['2027-02-15', '2027-02-19'],
      ['2027-03-01', '2027-03-01'],
    ] as const) {
      const results = await Promise.all([delegate(postsDeputy.id, from, to), delegate(itDeputy.id, from, to), delegate(postsDeputy.id, to, to)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    }
    // Concurrent requests that do not overlap all succeed (the loser of a race re-reads and writes).
    const apart = await Promise.all([delegate(postsDeputy.id, '2027-04-01', '2027-04-02'), delegate(itDeputy.id, '2027-04-03', '2027-04-04'), delegate(postsDeputy.id, '2027-04-05', '2027-04-06')]);
    expect(apart.map((r) => r.status)).toEqual([201, 201, 201]);
  });

  it('A4 (Điều 7.2): a head’s delegation to their deputy does not take the director’s days', async () => {
    expect((await delegate(postsDeputy.id, '2027-05-03', '2027-05-07')).status).toBe(201);
    expect((await delegate(itDeputyHead.id, '2027-05-03', '2027-05-07', { as: itHead.id })).status).toBe(201);
  });
});
