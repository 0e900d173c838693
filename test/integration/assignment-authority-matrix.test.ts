import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/rulebook/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { sonLa } from '../support/people.js';

// Every staff member of the Sơn La rulebook tries to assign work to a specialist of their own
// unit and to one of another unit, through the API. Expected outcomes come from this table of
// DOMAIN.md's lines of authority (A1, A3), not from the code under test.
const HEAD_ROLES: Role[] = ['chief-of-office', 'chief-inspector', 'head'];
const overseen = (staffId: string) => sonLa.units.filter((u) => u.overseenBy === staffId).map((u) => u.id);

function expected(actor: (typeof sonLa.staff)[number], targetUnit: string): 201 | 403 {
  if (actor.roles.includes('director')) return 201;
  if (actor.roles.includes('deputy-director')) return overseen(actor.id).includes(targetUnit) ? 201 : 403;
  if (actor.roles.some((r) => HEAD_ROLES.includes(r))) return actor.unitId === targetUnit ? 201 : 403;
  return 403; // deputies without a delegation (A4), specialists and support staff
}

const specialistIn = (unitId: string) =>
  sonLa.staff.find((s) => s.unitId === unitId && !s.roles.some((r) => [...HEAD_ROLES, 'director', 'deputy-director'].includes(r)))!;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const cases = sonLa.staff.flatMap((actor) => {
  const own = actor.unitId === 'board' ? 'it' : actor.unitId;
  const other = own === 'press' ? 'posts-telecom' : 'press';
  return [own, other].map((unitId) => ({ actor, unitId, target: specialistIn(unitId), status: expected(actor, unitId) }));
});

describe('authority to assign, for every role of the rulebook', () => {
  it('covers every role that appears in the rulebook', () => {
    const roles = new Set(sonLa.staff.flatMap((s) => s.roles));
    expect(new Set(cases.flatMap((c) => c.actor.roles))).toEqual(roles);
    expect(cases.filter((c) => c.status === 201).length).toBeGreaterThan(5);
    expect(cases.filter((c) => c.status === 403).length).toBeGreaterThan(20);
  });

  it.each(cases.map((c) => [`${c.actor.roles.join('+')} ${c.actor.id} (${c.actor.unitId})`, c.unitId, c] as const))(
    '%s assigning in %s',
    async (_label, _unit, c) => {
      const before = await t.countItems();
      const res = await t.as(c.actor.id, '/v1/assignments', {
        method: 'POST',
        body: JSON.stringify({ title: 'Ma trận thẩm quyền', assigneeId: c.target.id, dueDate: '2026-12-31' }),
        clock: '2026-11-26T09:00:00+07:00',
      });
      expect(res.status).toBe(c.status);
      if (c.status === 403) {
        expect((await res.json()) as { detail: string }).toMatchObject({ detail: expect.stringMatching(/\(A\d\)/) });
        expect(await t.countItems()).toBe(before);
      } else {
        expect(await t.countItems()).toBeGreaterThan(before);
      }
    },
  );
});
