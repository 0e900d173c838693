// Long file: every test reads the one Sơn La chart built at the top (A1–A6 against the same people); split, each file would rebuild it.
import { describe, expect, it } from 'vitest';
import {
  Authority,
  type AssignTarget,
  type Delegation,
  type OrgChart,
  type VisibilityRecord,
} from '../../shared/domain/authority.js';
import type { StaffMember, Unit } from '../../shared/domain/organisation.js';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import { unitDeputyRole, unitHeadRole, type Role } from '../../shared/rulebook/schema.js';

// ---------------------------------------------------------------------------------------
// The real Sơn La chart; people are picked by role and unit, never by name.
// ---------------------------------------------------------------------------------------

const rulebook = rulebookForProvince('son-la')[0];
if (!rulebook) throw new Error('test setup: the Sơn La rulebook is missing');

const chart: OrgChart = {
  units: rulebook.units.map(({ id, name, kind, overseenBy }) => ({ id, name, kind, overseenBy })),
  staff: rulebook.staff.map((s) => ({ ...s, active: true })),
  leaders: rulebook.leaders,
};
const authority = new Authority(chart);

/** The same chart with some people changed (left, promoted...). */
function chartWith(change: (s: StaffMember) => StaffMember): Authority {
  return new Authority({ ...chart, staff: chart.staff.map(change) });
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`test setup: no ${what} in the Sơn La rulebook`);
  return value;
}

const unitById = (id: string): Unit => must(chart.units.find((u) => u.id === id), `unit ${id}`);
const holders = (role: Role): StaffMember[] => chart.staff.filter((s) => s.roles.includes(role));
const holdsHeadRole = (s: StaffMember): boolean => s.roles.includes(unitHeadRole(unitById(s.unitId).kind));
const headRoleHolder = (unitId: string): StaffMember =>
  must(chart.staff.find((s) => s.unitId === unitId && s.roles.includes(unitHeadRole(unitById(unitId).kind))), `head of ${unitId}`);
const deputyRoleHolder = (unitId: string): StaffMember | undefined =>
  chart.staff.find((s) => s.unitId === unitId && s.roles.includes(unitDeputyRole(unitById(unitId).kind)));
const unitsOverseenBy = (staffId: string): Unit[] => chart.units.filter((u) => u.overseenBy === staffId);
const fieldsOf = (staffId: string): string[] => [...must(chart.leaders.find((l) => l.staffId === staffId), `portfolio of ${staffId}`).fields];

/** A member of the unit who is not its head and not excepted, a specialist if there is one. */
function memberOf(unitId: string, except: readonly string[] = []): StaffMember {
  const candidates = chart.staff.filter((s) => s.unitId === unitId && !holdsHeadRole(s) && !except.includes(s.id));
  return must(candidates.find((s) => s.roles.includes('specialist')) ?? candidates[0], `member of ${unitId}`);
}

/** A unit other than the board and the person's own, and not one they oversee. */
const unitOutside = (person: StaffMember): Unit =>
  must(
    chart.units.find((u) => u.kind !== 'board' && u.id !== person.unitId && u.overseenBy !== person.id),
    `unit outside ${person.id}`,
  );

const director = must(holders('director')[0], 'director');
const deputies = holders('deputy-director');
const deputyA = must(deputies[0], 'first deputy director');
const deputyB = must(deputies[1], 'second deputy director');
const otherDeputy = (d: StaffMember): StaffMember => (d.id === deputyA.id ? deputyB : deputyA);

const TODAY = '2026-11-26';
let nextId = 0;
function delegation(delegator: StaffMember, delegate: StaffMember, scope: Delegation['scope'], from: string, to: string, revokedAt?: string): Delegation {
  nextId += 1;
  const d: Delegation = { id: `d${nextId}`, delegatorId: delegator.id, delegateId: delegate.id, scope, from, to };
  return revokedAt === undefined ? d : { ...d, revokedAt };
}

const refused = (rule: string) => ({ allowed: false, rule, reason: expect.stringContaining(`(${rule})`) });

describe('the Sơn La chart the tests rely on', () => {
  it('has one director, two deputy directors with portfolios, and units overseen by each', () => {
    expect(holders('director')).toHaveLength(1);
    expect(deputies).toHaveLength(2);
    for (const leader of [director, deputyA, deputyB]) expect(unitsOverseenBy(leader.id).length).toBeGreaterThan(0);
    expect(fieldsOf(deputyA.id).length).toBeGreaterThan(0);
    expect(fieldsOf(deputyB.id).length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------
// canAssign: every role in the rulebook against every kind of target, with no delegation
// ---------------------------------------------------------------------------------------

type Standing = 'director' | 'deputy director' | 'head of a unit' | 'deputy head of a unit' | 'anyone else';
type TargetKind = 'own unit member' | "another unit's member" | 'own unit' | 'another unit' | 'the director' | 'a deputy director';
type Expected = 'allowed' | 'A1' | 'A4';

/**
 * The rules, as a table. 'A1'/'A4' = refused citing that rule. For deputy directors "own unit"
 * is the board and "another unit" one they do not oversee, with no field given; their
 * oversight and fields are tested below.
 */
const ASSIGN_RULES: Record<Standing, Record<TargetKind, Expected>> = {
  director: { 'own unit member': 'allowed', "another unit's member": 'allowed', 'own unit': 'allowed', 'another unit': 'allowed', 'the director': 'allowed', 'a deputy director': 'allowed' },
  'deputy director': { 'own unit member': 'A1', "another unit's member": 'A1', 'own unit': 'A1', 'another unit': 'A1', 'the director': 'A1', 'a deputy director': 'A1' },
  'head of a unit': { 'own unit member': 'allowed', "another unit's member": 'A1', 'own unit': 'allowed', 'another unit': 'A1', 'the director': 'A1', 'a deputy director': 'A1' },
  'deputy head of a unit': { 'own unit member': 'A4', "another unit's member": 'A4', 'own unit': 'A4', 'another unit': 'A4', 'the director': 'A1', 'a deputy director': 'A1' },
  'anyone else': { 'own unit member': 'A1', "another unit's member": 'A1', 'own unit': 'A1', 'another unit': 'A1', 'the director': 'A1', 'a deputy director': 'A1' },
};

function standingOf(person: StaffMember): Standing {
  if (person.roles.includes('director')) return 'director';
  if (person.roles.includes('deputy-director')) return 'deputy director';
  if (holdsHeadRole(person)) return 'head of a unit';
  if (person.roles.includes(unitDeputyRole(unitById(person.unitId).kind))) return 'deputy head of a unit';
  return 'anyone else';
}

function targetsFor(actor: StaffMember): Record<TargetKind, AssignTarget> {
  const outside = unitOutside(actor);
  return {
    'own unit member': { assigneeId: memberOf(actor.unitId, [actor.id]).id },
    "another unit's member": { assigneeId: memberOf(outside.id).id },
    'own unit': { unitId: actor.unitId },
    'another unit': { unitId: outside.id },
    'the director': { assigneeId: director.id },
    'a deputy director': { assigneeId: must(deputies.find((d) => d.id !== actor.id), 'another deputy').id },
  };
}

const rolesInRulebook = [...new Set(chart.staff.flatMap((s) => s.roles))];
const matrix = rolesInRulebook.flatMap((role) => {
  const actor = must(holders(role)[0], `holder of ${role}`);
  const standing = standingOf(actor);
  return Object.entries(targetsFor(actor)).map(([kind, target]) => {
    const expected = ASSIGN_RULES[standing][kind as TargetKind];
    return { role, standing, kind, actor, target, expected };
  });
});

describe('canAssign: every role × every target, no delegation', () => {
  it('covers every role of the rulebook', () => {
    expect(rolesInRulebook.sort()).toEqual(
      ['accountant', 'admin', 'chief-inspector', 'chief-of-office', 'clerk', 'deputy-chief-inspector', 'deputy-chief-of-office', 'deputy-director', 'deputy-head', 'director', 'driver', 'guard', 'head', 'inspector', 'service', 'specialist', 'treasurer'],
    );
    expect(matrix).toHaveLength(rolesInRulebook.length * 6);
  });

  it.each(matrix)('$role ($standing) -> $kind: $expected', ({ actor, target, expected }) => {
    const decision = authority.canAssign(actor.id, target, [], TODAY);
    expect(decision).toStrictEqual(expected === 'allowed' ? { allowed: true, rule: 'A1' } : refused(expected));
  });
});

describe('canAssign: the target', () => {
  const head = headRoleHolder(unitOutside(director).id);
  const member = memberOf(head.unitId, [head.id]);

  it('refuses a person who is not in the named unit, saying where they belong', () => {
    const elsewhere = unitOutside(head);
    expect(authority.canAssign(director.id, { assigneeId: member.id, unitId: elsewhere.id }, [], TODAY)).toStrictEqual({
      allowed: false,
      rule: 'A1',
      reason: `${member.name} belongs to ${unitById(member.unitId).name.en}, not ${elsewhere.name.en}; name their own unit or leave the unit out (A1).`,
    });
  });

  it('accepts a person named with their own unit', () => {
    expect(authority.canAssign(head.id, { assigneeId: member.id, unitId: member.unitId }, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
  });

  it('refuses unknown people and units, and a target that names neither', () => {
    expect(authority.canAssign(director.id, { assigneeId: 'nobody' }, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: "There is no staff member 'nobody' to assign work to (A1).",
    });
    expect(authority.canAssign(director.id, { unitId: 'nowhere' }, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: "There is no unit 'nowhere' (A1).",
    });
    expect(authority.canAssign(director.id, {}, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: 'Name who is to carry out the work: a person (assigneeId) or a unit (unitId) (A1).',
    });
    expect(authority.canAssign('nobody', { assigneeId: member.id }, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: "There is no staff member 'nobody'; only current staff may assign work (A1).",
    });
  });

  it('refuses an inactive assignee and an inactive assigner', () => {
    const left = chartWith((s) => (s.id === member.id || s.id === head.id ? { ...s, active: false } : s));
    expect(left.canAssign(director.id, { assigneeId: member.id }, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: `${member.name} is no longer an active staff member and cannot be assigned work (A1).`,
    });
    expect(left.canAssign(head.id, { assigneeId: memberOf(head.unitId, [head.id, member.id]).id }, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: `${head.name} is no longer an active staff member and may not assign work (A1).`,
    });
  });

  it('judges authority only: a unit with no current head is left to the caller', () => {
    const headless = chartWith((s) => (s.id === head.id ? { ...s, active: false } : s));
    expect(headless.canAssign(director.id, { unitId: head.unitId }, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
    expect(headless.headOf(head.unitId)).toBeUndefined();
  });

  it('names the rule when a head reaches outside their unit', () => {
    const other = unitOutside(head);
    expect(authority.canAssign(head.id, { unitId: other.id }, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: `A head may assign only within their own unit (A1); ${other.name.en} is not ${unitById(head.unitId).name.en}.`,
    });
  });

  it('refuses anyone below the director assigning to the director, and non-leaders assigning at all', () => {
    expect(authority.canAssign(deputyA.id, { assigneeId: director.id, fieldId: fieldsOf(deputyA.id)[0] }, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: 'Nobody below the director may assign work to the director (A1).',
    });
    expect(authority.canAssign(member.id, { assigneeId: memberOf(member.unitId, [member.id]).id }, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: 'Only the director, a deputy director or the head of a unit may assign work (A1).',
    });
  });

  it('lets only the director assign to the board unit or a deputy director', () => {
    expect(authority.canAssign(director.id, { unitId: director.unitId }, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
    expect(authority.canAssign(headRoleHolder(unitOutside(director).id).id, { unitId: director.unitId }, [], TODAY)).toStrictEqual({
      allowed: false,
      rule: 'A1',
      reason: 'Only the director, or a deputy director acting for the director under a delegation (A2), may assign work to a deputy director or to the board (A1).',
    });
  });
});

// ---------------------------------------------------------------------------------------
// Deputy directors: oversight (A1) and portfolio (A3)
// ---------------------------------------------------------------------------------------

describe.each(deputies.map((d) => ({ deputy: d, id: d.id })))('canAssign: deputy director $id', ({ deputy }) => {
  const overseen = must(unitsOverseenBy(deputy.id)[0], 'overseen unit');
  const outside = unitOutside(deputy);
  const ownField = must(fieldsOf(deputy.id)[0], 'own field');
  const othersField = must(fieldsOf(otherDeputy(deputy).id)[0], "other deputy's field");
  const directorsField = must(fieldsOf(director.id).find((f) => !fieldsOf(deputy.id).includes(f)), "director's field");

  it('the chart places the outside unit under someone else', () => {
    expect(outside.overseenBy).not.toBe(deputy.id);
    expect(outside.kind).not.toBe('board');
  });

  it('assigns in a unit they oversee, to a member or the unit, in their own right', () => {
    expect(authority.canAssign(deputy.id, { assigneeId: memberOf(overseen.id).id }, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
    expect(authority.canAssign(deputy.id, { unitId: overseen.id }, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
    expect(authority.canAssign(deputy.id, { assigneeId: headRoleHolder(overseen.id).id }, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
  });

  it('is refused outside the units they oversee', () => {
    expect(authority.canAssign(deputy.id, { assigneeId: memberOf(outside.id).id }, [], TODAY)).toStrictEqual({
      allowed: false,
      rule: 'A1',
      reason: `You do not oversee ${outside.name.en}: a deputy director may assign only within the units they oversee (A1), or elsewhere when the work is in a field of their portfolio (A3).`,
    });
  });

  it('assigns outside with a field of their portfolio (A3, Điều 4.1.1)', () => {
    expect(authority.canAssign(deputy.id, { assigneeId: memberOf(outside.id).id, fieldId: ownField }, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A3' });
    expect(authority.canAssign(deputy.id, { unitId: outside.id, fieldId: ownField }, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A3' });
  });

  it("is refused outside with the other deputy's field or the director's", () => {
    for (const field of [othersField, directorsField]) {
      expect(authority.canAssign(deputy.id, { unitId: outside.id, fieldId: field }, [], TODAY)).toStrictEqual({
        allowed: false,
        rule: 'A3',
        reason: `Field '${field}' is not in your portfolio and you do not oversee ${outside.name.en}; a deputy director may assign outside the units they oversee only within their own fields (A3).`,
      });
    }
  });

  it('a field of their portfolio does not reach the board or the other deputy', () => {
    expect(authority.canAssign(deputy.id, { unitId: deputy.unitId, fieldId: ownField }, [], TODAY)).toStrictEqual(refused('A1'));
    expect(authority.canAssign(deputy.id, { assigneeId: otherDeputy(deputy).id, fieldId: ownField }, [], TODAY)).toStrictEqual(refused('A1'));
  });
});

// ---------------------------------------------------------------------------------------
// A2: the director's delegation to a deputy director
// ---------------------------------------------------------------------------------------

describe('A2 (Điều 3.3.3): a deputy director running the department for the director', () => {
  const deputy = deputyA;
  const outside = unitOutside(deputy);
  const target = { assigneeId: memberOf(outside.id).id };
  const a2 = delegation(director, deputy, 'department', '2026-12-01', '2026-12-05');
  const asDirector = { allowed: true, onBehalfOf: director.id, rule: 'A2' };

  it.each([
    ['2026-11-30', 'the day before', false],
    ['2026-12-01', 'the first day', true],
    ['2026-12-03', 'a middle day', true],
    ['2026-12-05', 'the last day', true],
    ['2026-12-06', 'the day after', false],
  ])('on %s (%s) active: %s', (day, _label, active) => {
    expect(authority.activeDelegations(deputy.id, [a2], day)).toStrictEqual(active ? [a2] : []);
    expect(authority.canAssign(deputy.id, target, [a2], day)).toStrictEqual(active ? asDirector : refused('A1'));
  });

  it('a revoked delegation is not active, even within its dates', () => {
    const revoked = delegation(director, deputy, 'department', '2026-12-01', '2026-12-05', '2026-12-02T08:00:00+07:00');
    expect(authority.activeDelegations(deputy.id, [revoked], '2026-12-03')).toStrictEqual([]);
    expect(authority.canAssign(deputy.id, target, [revoked], '2026-12-03')).toStrictEqual(refused('A1'));
  });

  it('no onBehalfOf when their own authority already suffices', () => {
    const overseen = must(unitsOverseenBy(deputy.id)[0], 'overseen unit');
    expect(authority.canAssign(deputy.id, { unitId: overseen.id }, [a2], '2026-12-03')).toStrictEqual({ allowed: true, rule: 'A1' });
    expect(authority.canAssign(deputy.id, { unitId: outside.id, fieldId: fieldsOf(deputy.id)[0] }, [a2], '2026-12-03')).toStrictEqual({ allowed: true, rule: 'A3' });
  });

  it('reaches the other deputy director and the board as the director, but never the director', () => {
    expect(authority.canAssign(deputy.id, { assigneeId: deputyB.id }, [a2], '2026-12-03')).toStrictEqual(asDirector);
    expect(authority.canAssign(deputy.id, { unitId: director.unitId }, [a2], '2026-12-03')).toStrictEqual(asDirector);
    expect(authority.canAssign(deputy.id, { assigneeId: director.id }, [a2], '2026-12-03')).toStrictEqual({
      allowed: false, rule: 'A1', reason: 'Nobody below the director may assign work to the director (A1).',
    });
  });

  it('helps only the deputy it names', () => {
    expect(authority.activeDelegations(deputyB.id, [a2], '2026-12-03')).toStrictEqual([]);
    expect(authority.canAssign(deputyB.id, { unitId: unitOutside(deputyB).id }, [a2], '2026-12-03')).toStrictEqual(refused('A1'));
  });

  it('counts only when given by the current director to a deputy director, with the department scope', () => {
    const fromPeer = delegation(deputyB, deputy, 'department', '2026-12-01', '2026-12-05');
    const wrongScope = delegation(director, deputy, 'unit', '2026-12-01', '2026-12-05');
    const toHead = delegation(director, headRoleHolder(outside.id), 'department', '2026-12-01', '2026-12-05');
    expect(authority.activeDelegations(deputy.id, [fromPeer, wrongScope], '2026-12-03')).toStrictEqual([]);
    expect(authority.activeDelegations(headRoleHolder(outside.id).id, [toHead], '2026-12-03')).toStrictEqual([]);
    const directorLeft = chartWith((s) => (s.id === director.id ? { ...s, active: false } : s));
    expect(directorLeft.activeDelegations(deputy.id, [a2], '2026-12-03')).toStrictEqual([]);
  });

  it('ignores a delegation with malformed dates and rejects a malformed today', () => {
    const broken = { ...a2, id: 'broken', to: '2026-12-32' };
    expect(authority.activeDelegations(deputy.id, [broken], '2026-12-03')).toStrictEqual([]);
    expect(() => authority.activeDelegations(deputy.id, [a2], '2026-13-01')).toThrow('Invalid local date (YYYY-MM-DD): "2026-13-01"');
  });
});

// ---------------------------------------------------------------------------------------
// A4: a deputy acting for the head of their unit
// ---------------------------------------------------------------------------------------

const unitsWithDeputies = chart.units
  .filter((u) => u.kind !== 'board' && deputyRoleHolder(u.id) !== undefined)
  .map((u) => ({ unit: u, id: u.id }));

describe.each(unitsWithDeputies)('A4 (Điều 5.2, 6.2, 7.2) in $id', ({ unit }) => {
  const deputy = must(deputyRoleHolder(unit.id), 'deputy');
  const head = headRoleHolder(unit.id);
  const member = memberOf(unit.id, [deputy.id]);
  const outside = unitOutside(deputy);
  const fromHead = delegation(head, deputy, 'unit', '2026-11-20', '2026-11-30');

  it('without a delegation the deputy may not assign', () => {
    expect(authority.canAssign(deputy.id, { assigneeId: member.id }, [], TODAY)).toStrictEqual({
      allowed: false,
      rule: 'A4',
      reason: `A deputy may assign work only while the head of ${unit.name.en} has delegated that authority to them (A4).`,
    });
  });

  it("with the head's delegation the deputy assigns in the unit for the head", () => {
    const forHead = { allowed: true, onBehalfOf: head.id, rule: 'A4' };
    expect(authority.activeDelegations(deputy.id, [fromHead], TODAY)).toStrictEqual([fromHead]);
    expect(authority.canAssign(deputy.id, { assigneeId: member.id }, [fromHead], TODAY)).toStrictEqual(forHead);
    expect(authority.canAssign(deputy.id, { unitId: unit.id }, [fromHead], TODAY)).toStrictEqual(forHead);
  });

  it("the head's delegation does not reach another unit", () => {
    expect(authority.canAssign(deputy.id, { unitId: outside.id }, [fromHead], TODAY)).toStrictEqual({
      allowed: false,
      rule: 'A4',
      reason: `Acting for the head of ${unit.name.en} (A4), a deputy may assign only within ${unit.name.en}; ${outside.name.en} is another unit (A1).`,
    });
  });

  it("a delegation from another unit's head does not count", () => {
    const fromStranger = delegation(headRoleHolder(outside.id), deputy, 'unit', '2026-11-20', '2026-11-30');
    expect(authority.activeDelegations(deputy.id, [fromStranger], TODAY)).toStrictEqual([]);
    expect(authority.canAssign(deputy.id, { assigneeId: member.id }, [fromStranger], TODAY)).toStrictEqual(refused('A4'));
  });

  it('an expired delegation does not count', () => {
    expect(authority.canAssign(deputy.id, { assigneeId: member.id }, [fromHead], '2026-12-01')).toStrictEqual(refused('A4'));
  });
});

// ---------------------------------------------------------------------------------------
// Superiors
// ---------------------------------------------------------------------------------------

describe('A1 (Điều 2.3): superiorsOf', () => {
  const deputysUnit = must(
    chart.units.find((u) => u.kind !== 'board' && u.overseenBy !== null && u.overseenBy !== director.id),
    'unit overseen by a deputy',
  );
  const directorsUnit = must(chart.units.find((u) => u.kind !== 'board' && u.overseenBy === director.id), 'unit overseen by the director');

  it('a specialist: their head, the overseeing deputy director, the director', () => {
    const specialist = memberOf(deputysUnit.id);
    expect(specialist.roles).toContain('specialist');
    expect(authority.superiorsOf(specialist.id)).toStrictEqual([headRoleHolder(deputysUnit.id).id, deputysUnit.overseenBy, director.id]);
  });

  it('a specialist of a unit the director oversees: their head, then the director once', () => {
    expect(authority.superiorsOf(memberOf(directorsUnit.id).id)).toStrictEqual([headRoleHolder(directorsUnit.id).id, director.id]);
  });

  it('a head: the overseeing deputy director, the director', () => {
    expect(authority.superiorsOf(headRoleHolder(deputysUnit.id).id)).toStrictEqual([deputysUnit.overseenBy, director.id]);
  });

  it('a deputy director: the director; the director: nobody; an unknown id: nobody', () => {
    expect(authority.superiorsOf(deputyA.id)).toStrictEqual([director.id]);
    expect(authority.superiorsOf(deputyB.id)).toStrictEqual([director.id]);
    expect(authority.superiorsOf(director.id)).toStrictEqual([]);
    expect(authority.superiorsOf('nobody')).toStrictEqual([]);
  });

  it('skips a head who has left', () => {
    const head = headRoleHolder(deputysUnit.id);
    const left = chartWith((s) => (s.id === head.id ? { ...s, active: false } : s));
    expect(left.superiorsOf(memberOf(deputysUnit.id).id)).toStrictEqual([deputysUnit.overseenBy, director.id]);
  });

  it('isSuperiorOf', () => {
    const specialist = memberOf(deputysUnit.id);
    expect(authority.isSuperiorOf(director.id, specialist.id)).toBe(true);
    expect(authority.isSuperiorOf(must(deputysUnit.overseenBy ?? undefined, 'overseer'), specialist.id)).toBe(true);
    expect(authority.isSuperiorOf(otherDeputy(must(deputies.find((d) => d.id === deputysUnit.overseenBy), 'overseer')).id, specialist.id)).toBe(false);
    expect(authority.isSuperiorOf(specialist.id, headRoleHolder(deputysUnit.id).id)).toBe(false);
    expect(authority.isSuperiorOf(headRoleHolder(directorsUnit.id).id, specialist.id)).toBe(false);
  });

  it('headOf, overseerOf, director, staff, unit', () => {
    expect(authority.headOf(deputysUnit.id)?.id).toBe(headRoleHolder(deputysUnit.id).id);
    expect(authority.headOf('nowhere')).toBeUndefined();
    expect(authority.overseerOf(deputysUnit.id)).toBe(deputysUnit.overseenBy);
    expect(authority.overseerOf(director.unitId)).toBeNull();
    expect(authority.overseerOf('nowhere')).toBeNull();
    expect(authority.director()?.id).toBe(director.id);
    expect(authority.staff(director.id)?.roles).toStrictEqual(['director']);
    expect(authority.unit(deputysUnit.id)?.kind).toBe(deputysUnit.kind);
  });
});

// ---------------------------------------------------------------------------------------
// Visibility
// ---------------------------------------------------------------------------------------

const division = must(
  chart.units.find((u) => u.kind === 'division' && u.overseenBy !== null && u.overseenBy !== director.id),
  'division overseen by a deputy director',
);
const divisionHead = headRoleHolder(division.id);
const divisionSpecialist = memberOf(division.id);
const coordinator = memberOf(must(chart.units.find((u) => u.kind === 'division' && u.id !== division.id), 'another division').id);

function assignmentOf(confidentiality: VisibilityRecord['confidentiality'], extra: Partial<VisibilityRecord> = {}): VisibilityRecord {
  return {
    assignerId: divisionHead.id,
    assigneeId: divisionSpecialist.id,
    responsibleId: divisionSpecialist.id,
    unitId: division.id,
    coordinatorIds: [coordinator.id],
    confidentiality,
    ...extra,
  };
}

type Relation =
  | 'assigner (head of the unit)'
  | 'assignee'
  | 'coordinator'
  | 'director'
  | 'chief inspector'
  | 'deputy director overseeing the unit'
  | 'other deputy director'
  | 'anyone else';

/** Who sees the division's assignment: the rules as a table. */
const SEES: Record<Relation, { normal: boolean; confidential: boolean }> = {
  'assigner (head of the unit)': { normal: true, confidential: true },
  assignee: { normal: true, confidential: true },
  coordinator: { normal: true, confidential: true },
  director: { normal: true, confidential: true },
  'chief inspector': { normal: true, confidential: false },
  'deputy director overseeing the unit': { normal: true, confidential: false },
  'other deputy director': { normal: false, confidential: false },
  'anyone else': { normal: false, confidential: false },
};

function relationOf(person: StaffMember): Relation {
  if (person.id === divisionHead.id) return 'assigner (head of the unit)';
  if (person.id === divisionSpecialist.id) return 'assignee';
  if (person.id === coordinator.id) return 'coordinator';
  if (person.roles.includes('director')) return 'director';
  if (person.roles.includes('chief-inspector')) return 'chief inspector';
  if (person.id === division.overseenBy) return 'deputy director overseeing the unit';
  if (person.roles.includes('deputy-director')) return 'other deputy director';
  return 'anyone else';
}

const viewCases = chart.staff.flatMap((person) =>
  (['normal', 'confidential'] as const).map((confidentiality) => {
    const relation = relationOf(person);
    return { who: `${person.roles.join('+')} of ${person.unitId}`, relation, person, confidentiality, expected: SEES[relation][confidentiality] };
  }),
);

describe("canView: every staff member against a division's normal and confidential assignment", () => {
  it('the table covers every relation at least once', () => {
    expect(new Set(viewCases.map((c) => c.relation)).size).toBe(Object.keys(SEES).length);
    expect(viewCases).toHaveLength(chart.staff.length * 2);
  });

  it.each(viewCases)('$who ($relation), $confidentiality: $expected', ({ person, confidentiality, expected }) => {
    expect(authority.canView(person.id, assignmentOf(confidentiality))).toBe(expected);
  });
});

describe('canView: the rules one by one', () => {
  const chiefInspector = must(holders('chief-inspector')[0], 'chief inspector');

  it('the chief inspector sees a normal assignment but not a confidential one', () => {
    expect(authority.canView(chiefInspector.id, assignmentOf('normal'))).toBe(true);
    expect(authority.canView(chiefInspector.id, assignmentOf('confidential'))).toBe(false);
  });

  it('a coordinator and the director see a confidential one', () => {
    expect(authority.canView(coordinator.id, assignmentOf('confidential'))).toBe(true);
    expect(authority.canView(director.id, assignmentOf('confidential'))).toBe(true);
  });

  it('the head of the unit sees its normal assignments without being a party, not its confidential ones', () => {
    const fromOverseer = { assignerId: must(division.overseenBy ?? undefined, 'overseer') };
    expect(authority.canView(divisionHead.id, assignmentOf('normal', fromOverseer))).toBe(true);
    expect(authority.canView(divisionHead.id, assignmentOf('confidential', fromOverseer))).toBe(false);
    expect(authority.canView(headRoleHolder(coordinator.unitId).id, assignmentOf('normal'))).toBe(false);
  });

  it("a deputy director sees another unit's normal assignment in a field of their portfolio", () => {
    const other = otherDeputy(must(deputies.find((d) => d.id === division.overseenBy), 'overseer'));
    expect(authority.canView(other.id, assignmentOf('normal', { fieldId: fieldsOf(other.id)[0] }))).toBe(true);
    expect(authority.canView(other.id, assignmentOf('confidential', { fieldId: fieldsOf(other.id)[0] }))).toBe(false);
    expect(authority.canView(other.id, assignmentOf('normal', { fieldId: fieldsOf(division.overseenBy ?? '')[0] }))).toBe(false);
  });

  it('the principal a deputy acted for sees a confidential one', () => {
    const deputyHead = must(deputyRoleHolder(division.id), 'deputy head');
    const record = assignmentOf('confidential', { assignerId: deputyHead.id, onBehalfOf: divisionHead.id });
    expect(authority.canView(divisionHead.id, record)).toBe(true);
    expect(authority.canView(deputyHead.id, record)).toBe(true);
  });

  it.each(['secret', 'top-secret'] as const)('%s: the parties and the director only', (level) => {
    const chiefOfOffice = must(holders('chief-of-office')[0], 'chief of office');
    expect(authority.canView(director.id, assignmentOf(level))).toBe(true);
    expect(authority.canView(divisionSpecialist.id, assignmentOf(level))).toBe(true);
    expect(authority.canView(must(division.overseenBy ?? undefined, 'overseer'), assignmentOf(level))).toBe(false);
    expect(authority.canView(chiefOfOffice.id, assignmentOf(level))).toBe(false);
    expect(authority.canView(chiefInspector.id, assignmentOf(level))).toBe(false);
  });

  it('nobody unknown or inactive sees anything', () => {
    const left = chartWith((s) => (s.id === divisionSpecialist.id ? { ...s, active: false } : s));
    expect(left.canView(divisionSpecialist.id, assignmentOf('normal'))).toBe(false);
    expect(authority.canView('nobody', assignmentOf('normal'))).toBe(false);
  });
});

describe('viewScope', () => {
  it('the director and the chief inspector: all', () => {
    expect(authority.viewScope(director.id)).toStrictEqual({ kind: 'all' });
    expect(authority.viewScope(must(holders('chief-inspector')[0], 'chief inspector').id)).toStrictEqual({ kind: 'all' });
  });

  it.each(deputies.map((d) => ({ deputy: d, id: d.id })))('deputy director $id: the units overseen and the portfolio', ({ deputy }) => {
    expect(authority.viewScope(deputy.id)).toStrictEqual({
      kind: 'units',
      unitIds: unitsOverseenBy(deputy.id).map((u) => u.id),
      fieldIds: fieldsOf(deputy.id),
    });
  });

  const heads = chart.units
    .filter((u) => u.kind !== 'board' && u.kind !== 'inspectorate')
    .map((u) => ({ head: headRoleHolder(u.id), id: u.id }));
  it.each(heads)('the head of $id: that unit', ({ head }) => {
    expect(authority.viewScope(head.id)).toStrictEqual({ kind: 'units', unitIds: [head.unitId], fieldIds: [] });
  });

  it('deputies, specialists, support staff and unknown ids: their own', () => {
    const others = chart.staff.filter((s) => standingOf(s) === 'deputy head of a unit' || standingOf(s) === 'anyone else');
    expect(others.length).toBeGreaterThan(10);
    for (const person of others) expect(authority.viewScope(person.id)).toStrictEqual({ kind: 'own' });
    expect(authority.viewScope('nobody')).toStrictEqual({ kind: 'own' });
  });
});

// ---------------------------------------------------------------------------------------
// Acting as the assignee, deciding
// ---------------------------------------------------------------------------------------

describe('canActAsAssignee', () => {
  const deputyHead = must(deputyRoleHolder(division.id), 'deputy head');

  it('a person assignment: only the assignee', () => {
    const record = assignmentOf('normal');
    expect(authority.canActAsAssignee(divisionSpecialist.id, record)).toBe(true);
    expect(authority.canActAsAssignee(divisionHead.id, record)).toBe(false);
    expect(authority.canActAsAssignee(coordinator.id, record)).toBe(false);
  });

  it("a unit assignment: the unit's head or the responsible person", () => {
    const record = assignmentOf('normal', { assignerId: director.id, assigneeId: null, responsibleId: deputyHead.id });
    expect(authority.canActAsAssignee(divisionHead.id, record)).toBe(true);
    expect(authority.canActAsAssignee(deputyHead.id, record)).toBe(true);
    expect(authority.canActAsAssignee(divisionSpecialist.id, record)).toBe(false);
    expect(authority.canActAsAssignee(director.id, record)).toBe(false);
  });

  it('a unit assignment follows the headship when the head changes', () => {
    const record = assignmentOf('normal', { assignerId: director.id, assigneeId: null, responsibleId: divisionHead.id });
    const promoted = chartWith((s) => {
      if (s.id === divisionHead.id) return { ...s, active: false };
      if (s.id === deputyHead.id) return { ...s, roles: [unitHeadRole(division.kind)] };
      return s;
    });
    expect(promoted.canActAsAssignee(deputyHead.id, record)).toBe(true);
    expect(promoted.canActAsAssignee(divisionHead.id, record)).toBe(false);
  });
});

describe('canDecide', () => {
  const record = assignmentOf('normal');
  const overseer = must(deputies.find((d) => d.id === division.overseenBy), 'overseer');
  const peer = headRoleHolder(coordinator.unitId);
  const notAllowed = {
    allowed: false,
    rule: 'A1',
    reason: "Only the person who assigned this work, the leader they assigned it for, or one of the assigner's superiors may decide on it (A1).",
  };

  it("the assigner and the assigner's superiors decide in their own right", () => {
    expect(authority.canDecide(divisionHead.id, record, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
    expect(authority.canDecide(overseer.id, record, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
    expect(authority.canDecide(director.id, record, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
  });

  it('a peer, the assignee, a coordinator and the other deputy director may not', () => {
    for (const who of [peer, divisionSpecialist, coordinator, otherDeputy(overseer)]) {
      expect(authority.canDecide(who.id, record, [], TODAY)).toStrictEqual(notAllowed);
    }
  });

  it('the leader a deputy acted for decides', () => {
    const deputyHead = must(deputyRoleHolder(division.id), 'deputy head');
    const forHead = assignmentOf('normal', { assignerId: deputyHead.id, onBehalfOf: divisionHead.id });
    expect(authority.canDecide(divisionHead.id, forHead, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
    expect(authority.canDecide(deputyHead.id, forHead, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
  });

  it('a deputy director with an active A2 delegation decides as the director', () => {
    const other = otherDeputy(overseer);
    const a2 = delegation(director, other, 'department', '2026-11-20', '2026-11-30');
    expect(authority.canDecide(other.id, record, [a2], TODAY)).toStrictEqual({ allowed: true, onBehalfOf: director.id, rule: 'A2' });
    expect(authority.canDecide(other.id, record, [a2], '2026-12-01')).toStrictEqual(notAllowed);
    const toOverseer = delegation(director, overseer, 'department', '2026-11-20', '2026-11-30');
    expect(authority.canDecide(overseer.id, record, [toOverseer], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
  });

  it("a deputy head with the head's A4 delegation decides for the head", () => {
    const deputyHead = must(deputyRoleHolder(division.id), 'deputy head');
    const a4 = delegation(divisionHead, deputyHead, 'unit', '2026-11-20', '2026-11-30');
    expect(authority.canDecide(deputyHead.id, record, [], TODAY)).toStrictEqual(notAllowed);
    expect(authority.canDecide(deputyHead.id, record, [a4], TODAY)).toStrictEqual({ allowed: true, onBehalfOf: divisionHead.id, rule: 'A4' });
  });

  it("the superiors of an assigner who has left still decide", () => {
    const left = chartWith((s) => (s.id === divisionHead.id ? { ...s, active: false } : s));
    expect(left.canDecide(overseer.id, record, [], TODAY)).toStrictEqual({ allowed: true, rule: 'A1' });
    expect(left.canDecide(divisionHead.id, record, [], TODAY)).toStrictEqual({
      allowed: false, rule: 'A1', reason: `${divisionHead.name} is no longer an active staff member (A1).`,
    });
  });
});
