/**
 * Separation of duties (issue 18, item 4): the matrix of every protected change.
 * For each role the change protects (leadership, administrators, the keys to the confidential
 * register), granted, removed and moved with its holder, and for each unit's oversight:
 * - a direct PATCH by the Office (chief of office, administrator) is 403 and writes nothing, for
 *   someone else and for themselves;
 * - a proposal by the Office, decided by the director, applies it (then its reverse restores it);
 * - nobody but the director decides: not a deputy (even under A2 delegation), not the Office;
 * - a decision that would leave zero or two directors is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protectedRoles } from '../../shared/domain/separation-of-duties.js';
import { ROLE_UNIT_KINDS, unitHeadRole, type Role } from '../../shared/rulebook/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person, sonLa } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const NOW = '2026-11-26T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const body = (b: unknown) => JSON.stringify(b);
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const admin = person('admin');
const office = [chiefOfOffice, admin];
const guarded = protectedRoles(sonLa);
const unitOf = (id: string) => sonLa.units.find((u) => u.id === id)!;
const fits = (role: Role, unitId: string) => !ROLE_UNIT_KINDS[role] || ROLE_UNIT_KINDS[role]!.includes(unitOf(unitId).kind);
const unprotected = (s: { roles: readonly Role[] }) => s.roles.every((r) => !guarded.has(r));
/** An unprotected role a holder keeps when a protected one is taken away. */
const fallbackRole = (unitId: string): Role => (unitOf(unitId).kind === 'inspectorate' ? 'inspector' : 'specialist');

interface Change {
  name: string;
  staffId: string;
  roles?: Role[];
  unitId?: string;
}

/** Every protected role: given to someone, taken from its holder, and its holder moved. */
function protectedChanges(): Change[] {
  const changes: Change[] = [];
  for (const role of [...guarded].sort()) {
    const holder = sonLa.staff.find((s) => s.roles.includes(role))!;
    const candidate = sonLa.staff.find((s) => unprotected(s) && fits(role, s.unitId)) ?? sonLa.staff.find((s) => unprotected(s))!;
    const unitFor = fits(role, candidate.unitId) ? candidate.unitId : sonLa.units.find((u) => fits(role, u.id))!.id;
    changes.push({ name: `grant ${role}`, staffId: candidate.id, roles: [role], ...(unitFor !== candidate.unitId ? { unitId: unitFor } : {}) });
    const kept = holder.roles.filter((r) => r !== role);
    changes.push({ name: `remove ${role}`, staffId: holder.id, roles: kept.length ? kept : [fallbackRole(holder.unitId)] });
    const elsewhere = sonLa.units.find((u) => u.id !== holder.unitId && u.kind !== 'board')!;
    changes.push({ name: `move the holder of ${role}`, staffId: holder.id, unitId: elsewhere.id });
  }
  return changes;
}

async function unchanged(action: () => Promise<Response>, status: number): Promise<any> {
  const before = await t.countItems();
  const res = await action();
  const problem = await json(res);
  expect(res.status, JSON.stringify(problem)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(await t.countItems()).toBe(before);
  return problem;
}

const propose = (as: string, input: Record<string, unknown>) =>
  t.as(as, '/v1/admin/proposals', { method: 'POST', body: body({ reason: 'Quyết định số 12/QĐ-STTTT', ...input }), clock: NOW });
const decide = (as: string, id: string, approve = true) => t.as(as, `/v1/admin/proposals/${id}/decision`, { method: 'POST', body: body({ approve }), clock: NOW });
const staffOf = async (id: string) => (await json(await t.as(director.id, '/v1/org', { clock: NOW }))).staff.find((s: any) => s.id === id);

/** The Office proposes (an administrator; the chief of office when the change is the administrator's), the director decides. */
async function approved(input: Record<string, unknown>): Promise<any> {
  const proposer = input.staffId === admin.id ? chiefOfOffice.id : admin.id;
  const proposed = await propose(proposer, input);
  expect(proposed.status, JSON.stringify(await proposed.clone().json())).toBe(201);
  const p = await json(proposed);
  expect(p).toMatchObject({ status: 'proposed', proposedBy: proposer });
  const decided = await decide(director.id, p.id);
  expect(decided.status, JSON.stringify(await decided.clone().json())).toBe(200);
  expect(await json(decided)).toMatchObject({ status: 'approved', decidedBy: director.id });
  return p;
}

describe('separation of duties: the matrix of every protected change', () => {
  it('covers every protected role, and the rulebook makes the keys to the confidential register protected too', () => {
    expect([...guarded].sort()).toEqual(
      ['admin', 'chief-inspector', 'chief-of-office', 'clerk', 'deputy-chief-inspector', 'deputy-chief-of-office', 'deputy-director', 'deputy-head', 'director', 'head'].sort(),
    );
    expect(protectedChanges()).toHaveLength(guarded.size * 3);
  });

  it('a direct PATCH of a protected change is 403 for the Office and writes nothing, for another person and for themselves', { timeout: 300_000 }, async () => {
    for (const actor of office) {
      for (const change of protectedChanges()) {
        const { name: _n, staffId, ...patch } = change;
        const problem = await unchanged(() => t.as(actor.id, `/v1/admin/staff/${staffId}`, { method: 'PATCH', body: body(patch), clock: NOW }), 403);
        expect(problem.detail, `${actor.id}: ${change.name}`).toMatch(/proposal|own roles/);
      }
      // Themselves: their own roles and unit, protected or not.
      const self = [{ roles: [...actor.roles, 'head'] }, { roles: actor.roles.filter((r) => r !== 'chief-of-office' && r !== 'admin').concat('specialist') }, { unitId: 'it' }];
      for (const patch of self) {
        const problem = await unchanged(() => t.as(actor.id, `/v1/admin/staff/${actor.id}`, { method: 'PATCH', body: body(patch), clock: NOW }), 403);
        expect(problem.detail).toContain('own roles or unit');
        await unchanged(() => propose(actor.id, { kind: 'staff-change', staffId: actor.id, ...patch }), 403);
      }
      // Oversight of every unit.
      for (const unit of sonLa.units.filter((u) => u.kind !== 'board')) {
        const other = sonLa.staff.find((s) => s.roles.includes('deputy-director') && s.id !== unit.overseenBy)!;
        await unchanged(() => t.as(actor.id, `/v1/admin/units/${unit.id}`, { method: 'PATCH', body: body({ overseenBy: other.id }), clock: NOW }), 403);
      }
      // Adding a person with a protected role is the same change.
      for (const role of guarded) {
        await unchanged(() => t.as(actor.id, '/v1/admin/staff', { method: 'POST', body: body({ name: 'Người Mới', unitId: sonLa.units.find((u) => fits(role, u.id))!.id, roles: [role] }), clock: NOW }), 403);
      }
    }
    // Unprotected changes still work directly: a specialist's name, and their move by the Office.
    const specialist = person('specialist', 'press');
    const renamed = await t.as(chiefOfOffice.id, `/v1/admin/staff/${specialist.id}`, { method: 'PATCH', body: body({ name: `${specialist.name} (sửa)` }), clock: NOW });
    expect(renamed.status).toBe(200);
    const moved = await t.as(admin.id, `/v1/admin/staff/${specialist.id}`, { method: 'PATCH', body: body({ unitId: 'it' }), clock: NOW });
    expect(moved.status).toBe(200);
    expect(await json(moved)).toMatchObject({ unitId: 'it', roles: ['specialist'], version: 3 });
    expect((await t.as(admin.id, `/v1/admin/staff/${specialist.id}`, { method: 'PATCH', body: body({ unitId: specialist.unitId, name: specialist.name }), clock: NOW })).status).toBe(200);
  });

  it('the Office proposes, the director decides: every protected role given, taken away and moved, then restored', { timeout: 300_000 }, async () => {
    for (const role of [...guarded].filter((r) => r !== 'director').sort()) {
      const holder = sonLa.staff.find((s) => s.roles.includes(role))!;
      const uniquePost = unitHeadRole(unitOf(holder.unitId).kind) === role;
      // Taken away, then given back (which is the grant of a unique post while it is vacant).
      if (!sonLa.units.some((u) => u.overseenBy === holder.id)) {
        const kept = holder.roles.filter((r) => r !== role);
        await approved({ kind: 'staff-change', staffId: holder.id, roles: kept.length ? kept : [fallbackRole(holder.unitId)] });
        expect((await staffOf(holder.id)).roles, `remove ${role}`).not.toContain(role);
        await approved({ kind: 'staff-change', staffId: holder.id, roles: holder.roles });
        expect((await staffOf(holder.id)).roles, `restore ${role}`).toEqual(holder.roles);
      }
      if (!uniquePost) {
        // Given to someone who does not hold it, then taken back.
        const candidate = sonLa.staff.find((s) => unprotected(s) && fits(role, s.unitId) && s.id !== admin.id) ?? sonLa.staff.find((s) => unprotected(s) && s.roles.includes('specialist'))!;
        const unitFor = fits(role, candidate.unitId) ? candidate.unitId : sonLa.units.find((u) => fits(role, u.id))!.id;
        await approved({ kind: 'staff-change', staffId: candidate.id, roles: [role], ...(unitFor !== candidate.unitId ? { unitId: unitFor } : {}) });
        expect(await staffOf(candidate.id), `grant ${role}`).toMatchObject({ roles: [role], unitId: unitFor });
        await approved({ kind: 'staff-change', staffId: candidate.id, roles: candidate.roles, ...(unitFor !== candidate.unitId ? { unitId: candidate.unitId } : {}) });
        expect(await staffOf(candidate.id)).toMatchObject({ roles: candidate.roles, unitId: candidate.unitId });
        // Its holder moved to another unit where the role fits, then back.
        const elsewhere = sonLa.units.find((u) => u.id !== holder.unitId && fits(role, u.id) && u.kind !== 'board');
        if (elsewhere && !sonLa.units.some((u) => u.overseenBy === holder.id)) {
          await approved({ kind: 'staff-change', staffId: holder.id, unitId: elsewhere.id });
          expect((await staffOf(holder.id)).unitId, `move ${role}`).toBe(elsewhere.id);
          await approved({ kind: 'staff-change', staffId: holder.id, unitId: holder.unitId });
        }
      }
      // Each decision is in the person's history, naming the proposal, who proposed and who approved.
      const history = await json(await t.as(director.id, `/v1/audit?entityId=staff.${holder.id}`, { clock: NOW }));
      expect(history.items.every((e: any) => e.actorId === director.id && e.data.approvedBy === director.id && e.data.proposalId)).toBe(true);
    }
    // Oversight of every unit, to the other leader and back.
    for (const unit of sonLa.units.filter((u) => u.kind !== 'board')) {
      const other = sonLa.staff.find((s) => s.roles.includes('deputy-director') && s.id !== unit.overseenBy)!;
      const p = await approved({ kind: 'unit-oversight', unitId: unit.id, overseenBy: other.id });
      const org = await json(await t.as(director.id, '/v1/org', { clock: NOW }));
      expect(org.units.find((u: any) => u.id === unit.id).overseenBy).toBe(other.id);
      await approved({ kind: 'unit-oversight', unitId: unit.id, overseenBy: unit.overseenBy });
      const proposalHistory = await json(await t.as(director.id, `/v1/audit?entityId=proposal.${p.id}`, { clock: NOW }));
      expect(proposalHistory.items.map((e: any) => [e.action, e.actorId])).toEqual([
        ['proposed', admin.id],
        ['approved', director.id],
      ]);
    }
    // Everything is back as seeded.
    const org = await json(await t.as(director.id, '/v1/org', { clock: NOW }));
    for (const s of sonLa.staff) expect(org.staff.find((x: any) => x.id === s.id), s.id).toMatchObject({ roles: s.roles, unitId: s.unitId });
    for (const u of sonLa.units) expect(org.units.find((x: any) => x.id === u.id).overseenBy).toBe(u.overseenBy);
  });

  it('only the director decides: nobody else, not a deputy under delegation, not the chief of office; nothing written', { timeout: 300_000 }, async () => {
    const deputy = person('deputy-director');
    const target = person('specialist', 'it');
    const p = await json(await propose(chiefOfOffice.id, { kind: 'staff-change', staffId: target.id, roles: ['deputy-head'] }));
    // One open proposal per record: a second (a double click) is 409 and writes nothing.
    await unchanged(() => propose(admin.id, { kind: 'staff-change', staffId: target.id, roles: ['deputy-head'] }), 409);
    // The deputy runs the department while the director is away (A2): still not this.
    const delegation = await t.as(director.id, '/v1/delegations', { method: 'POST', body: body({ delegateId: deputy.id, from: '2026-11-26', to: '2026-11-27' }), clock: NOW });
    expect(delegation.status).toBe(201);
    for (const s of sonLa.staff.filter((x) => x.id !== director.id)) {
      await unchanged(() => decide(s.id, p.id), 403);
      await unchanged(() => decide(s.id, p.id, false), 403);
    }
    // Proposals are the Office's to make: nobody else proposes.
    for (const s of sonLa.staff.filter((x) => !x.roles.includes('chief-of-office') && !x.roles.includes('admin'))) {
      await unchanged(() => propose(s.id, { kind: 'staff-change', staffId: person('specialist', 'press').id, roles: ['deputy-head'] }), 403);
    }
    expect((await staffOf(target.id)).roles).toEqual(['specialist']);
    expect((await decide(director.id, p.id)).status).toBe(200);
    expect((await staffOf(target.id)).roles).toEqual(['deputy-head']);
    // Decided once: a second decision (double click) is 409 and writes nothing.
    await unchanged(() => decide(director.id, p.id), 409);
    await approved({ kind: 'staff-change', staffId: target.id, roles: ['specialist'] });
  });

  it('the department always has exactly one director: a decision leaving zero or two is refused; the director never approves their own change', async () => {
    const deputy = person('deputy-director');
    const zeroRes = await propose(chiefOfOffice.id, { kind: 'staff-change', staffId: director.id, roles: ['deputy-director'] });
    const zero = await json(zeroRes);
    expect(zeroRes.status, JSON.stringify(zero)).toBe(201);
    const zeroProblem = await unchanged(() => decide(director.id, zero.id), 409);
    expect(zeroProblem.detail).toContain('without a director');
    // Rejecting changes nothing, so the director may close a proposal about themselves.
    expect(await json(await decide(director.id, zero.id, false))).toMatchObject({ status: 'rejected' });
    const two = await json(await propose(chiefOfOffice.id, { kind: 'staff-change', staffId: deputy.id, roles: ['director'] }));
    const twoProblem = await unchanged(() => decide(director.id, two.id), 409);
    expect(twoProblem.detail).toContain('2 directors');
    expect(await json(await decide(director.id, two.id, false))).toMatchObject({ status: 'rejected' });
    // Keeping one director but changing the director's own roles: not theirs to approve.
    const own = await json(await propose(chiefOfOffice.id, { kind: 'staff-change', staffId: director.id, roles: ['director', 'admin'] }));
    expect((await unchanged(() => decide(director.id, own.id), 403)).detail).toContain('own roles');
    expect(await json(await decide(director.id, own.id, false))).toMatchObject({ status: 'rejected' });
    // The director's employment is not the Office's to end either.
    await unchanged(
      () => t.as(chiefOfOffice.id, `/v1/admin/staff/${director.id}/end-employment`, { method: 'POST', body: body({ endedOn: '2026-11-30', successorId: deputy.id }), clock: NOW }),
      409,
    );
    const org = await json(await t.as(director.id, '/v1/org', { clock: NOW }));
    expect(org.staff.filter((s: any) => s.roles.includes('director')).map((s: any) => s.id)).toEqual([director.id]);
    const listed = await json(await t.as(chiefOfOffice.id, '/v1/admin/proposals?status=rejected', { clock: NOW }));
    expect(listed.items.map((p: any) => p.id).sort()).toEqual([zero.id, two.id, own.id].sort());
    expect((await t.as(person('specialist', 'it').id, '/v1/admin/proposals', { clock: NOW })).status).toBe(403);
  });
});
