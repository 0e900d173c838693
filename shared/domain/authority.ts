/**
 * Lines of authority (DOMAIN.md A1–A4): who may assign work to whom, who sees an assignment,
 * who acts as its assignee and who decides on it.
 *
 * Pure: the organisation chart and the delegations are passed in, and so is `today`, so the
 * same question always gets the same answer. Every refusal cites the rule it applies and says
 * what would make the action possible.
 */
import type { Leader } from '../rulebook/schema.js';
// Not from schema.ts: that would build the rulebook's zod schema at every cold start.
import { unitDeputyRole, unitHeadRole } from '../rulebook/roles.js';
import { compareLocalDates, isValidLocalDate, parseLocalDate, type LocalDate } from './local-time.js';
import { headOfUnit, type StaffMember, type Unit } from './organisation.js';

/** A2 (director -> a deputy director, scope 'department') or A4 (a head -> their deputy, scope 'unit'). */
export interface Delegation {
  id: string;
  delegatorId: string;
  delegateId: string;
  scope: 'department' | 'unit';
  /** Inclusive local dates. */
  from: LocalDate;
  to: LocalDate;
  /** ISO timestamp; a revoked delegation is not active. */
  revokedAt?: string;
}

export interface OrgChart {
  units: readonly Unit[];
  staff: readonly StaffMember[];
  leaders: readonly Pick<Leader, 'staffId' | 'fields' | 'districts'>[];
}

/** What visibility needs of an assignment (later also reports, meetings, documents). */
export interface VisibilityRecord {
  assignerId: string;
  onBehalfOf?: string;
  assigneeId?: string | null;
  responsibleId: string;
  unitId: string;
  coordinatorIds: readonly string[];
  confidentiality: 'normal' | 'confidential' | 'secret' | 'top-secret';
  fieldId?: string;
}

export type AuthorityRule = 'A1' | 'A2' | 'A3' | 'A4';

export type AuthorityDecision =
  | { allowed: true; onBehalfOf?: string; rule: AuthorityRule }
  | { allowed: false; rule: AuthorityRule; reason: string };

export type ViewScope =
  | { kind: 'all' }
  | { kind: 'units'; unitIds: string[]; fieldIds: string[] }
  | { kind: 'own' };

export interface AssignTarget {
  assigneeId?: string;
  unitId?: string;
  fieldId?: string;
}

/** The position a person assigns from; derived from roles and unit, never stored. */
type Standing =
  | { kind: 'director'; staffId: string }
  | { kind: 'deputy-director'; staffId: string }
  | { kind: 'head'; staffId: string; unit: Unit }
  | { kind: 'deputy-head'; staffId: string; unit: Unit }
  | { kind: 'none'; staffId: string };

const allow = (rule: AuthorityRule, onBehalfOf?: string): AuthorityDecision =>
  onBehalfOf === undefined ? { allowed: true, rule } : { allowed: true, onBehalfOf, rule };
const refuse = (rule: AuthorityRule, reason: string): AuthorityDecision => ({ allowed: false, rule, reason });

export class Authority {
  private readonly unitsById: ReadonlyMap<string, Unit>;
  private readonly staffById: ReadonlyMap<string, StaffMember>;
  private readonly fieldsByLeader: ReadonlyMap<string, readonly string[]>;

  constructor(private readonly chart: OrgChart) {
    this.unitsById = new Map(chart.units.map((u) => [u.id, u]));
    this.staffById = new Map(chart.staff.map((s) => [s.id, s]));
    this.fieldsByLeader = new Map(chart.leaders.map((l) => [l.staffId, l.fields]));
  }

  staff(id: string): StaffMember | undefined {
    return this.staffById.get(id);
  }

  unit(id: string): Unit | undefined {
    return this.unitsById.get(id);
  }

  director(): StaffMember | undefined {
    return this.chart.staff.find((s) => s.active && s.roles.includes('director'));
  }

  headOf(unitId: string): StaffMember | undefined {
    const unit = this.unit(unitId);
    return unit ? headOfUnit(unit, this.chart.staff) : undefined;
  }

  overseerOf(unitId: string): string | null {
    return this.unit(unitId)?.overseenBy ?? null;
  }

  /** Nearest first: the head of their unit, the leader overseeing it, the director (A1). */
  superiorsOf(staffId: string): string[] {
    // Inactive members keep their superiors: decisions on a leaver's assignments still need someone.
    const member = this.staff(staffId);
    if (!member || member.roles.includes('director')) return [];
    const director = this.director();
    if (member.roles.includes('deputy-director')) return director ? [director.id] : [];
    const superiors: string[] = [];
    const add = (id: string | undefined | null): void => {
      if (id && id !== staffId && !superiors.includes(id)) superiors.push(id);
    };
    const unit = this.unit(member.unitId);
    if (unit) {
      add(headOfUnit(unit, this.chart.staff)?.id);
      if (unit.overseenBy && this.staff(unit.overseenBy)?.active) add(unit.overseenBy);
    }
    add(director?.id);
    return superiors;
  }

  isSuperiorOf(superiorId: string, staffId: string): boolean {
    return this.superiorsOf(staffId).includes(superiorId);
  }

  /**
   * Delegations to `delegateId` that are in force on `today`: not revoked, within their dates,
   * and still matching the chart: A2 from the current director to a current deputy director;
   * A4 from the current head of the delegate's unit to a deputy of that unit.
   */
  activeDelegations(delegateId: string, delegations: readonly Delegation[], today: LocalDate): Delegation[] {
    parseLocalDate(today);
    const delegate = this.staff(delegateId);
    if (!delegate?.active) return [];
    return delegations.filter((d) => {
      if (d.delegateId !== delegateId || d.revokedAt !== undefined) return false;
      // A malformed stored date never makes a delegation active.
      if (!isValidLocalDate(d.from) || !isValidLocalDate(d.to)) return false;
      if (compareLocalDates(d.from, today) > 0 || compareLocalDates(today, d.to) > 0) return false;
      if (d.scope === 'department') {
        return d.delegatorId === this.director()?.id && delegate.roles.includes('deputy-director');
      }
      const unit = this.unit(delegate.unitId);
      if (!unit || unit.kind === 'board' || !delegate.roles.includes(unitDeputyRole(unit.kind))) return false;
      return headOfUnit(unit, this.chart.staff)?.id === d.delegatorId;
    });
  }

  canAssign(actorId: string, target: AssignTarget, delegations: readonly Delegation[], today: LocalDate): AuthorityDecision {
    parseLocalDate(today);
    const actor = this.staff(actorId);
    if (!actor) return refuse('A1', `There is no staff member '${actorId}'; only current staff may assign work (A1).`);
    if (!actor.active) return refuse('A1', `${actor.name} is no longer an active staff member and may not assign work (A1).`);

    const resolved = this.resolveTarget(target);
    if ('refusal' in resolved) return resolved.refusal;
    const { unit, person } = resolved;

    // Checked before any delegation: A2 lets a deputy act as the director, never over the director.
    if (person?.roles.includes('director') && !actor.roles.includes('director')) {
      return refuse('A1', 'Nobody below the director may assign work to the director (A1).');
    }

    const standing = this.standingOf(actor);
    const own = this.authorityAs(standing, unit, person, target.fieldId);
    if (own.allowed) return own;

    if (standing.kind === 'deputy-director') {
      const a2 = this.activeDelegations(actor.id, delegations, today).find((d) => d.scope === 'department');
      if (!a2) return own;
      const asDirector = this.authorityAs({ kind: 'director', staffId: a2.delegatorId }, unit, person, target.fieldId);
      return asDirector.allowed ? allow('A2', a2.delegatorId) : asDirector;
    }

    if (standing.kind === 'deputy-head') {
      const a4 = this.activeDelegations(actor.id, delegations, today).find((d) => d.scope === 'unit');
      if (!a4) return own;
      const asHead = this.authorityAs({ kind: 'head', staffId: a4.delegatorId, unit: standing.unit }, unit, person, target.fieldId);
      if (asHead.allowed) return allow('A4', a4.delegatorId);
      // A refusal about the board stays as it is; any other is about leaving the deputy's unit.
      if (unit.kind === 'board' || person?.roles.includes('deputy-director')) return asHead;
      return refuse(
        'A4',
        `Acting for the head of ${standing.unit.name.en} (A4), a deputy may assign only within ${standing.unit.name.en}; ${unit.name.en} is another unit (A1).`,
      );
    }

    return own;
  }

  canView(actorId: string, record: VisibilityRecord): boolean {
    const actor = this.staff(actorId);
    if (!actor?.active) return false;
    if (isParty(actorId, record)) return true;
    // D2: confidential records are kept from everyone but the parties and the director.
    if (record.confidentiality !== 'normal') return actor.roles.includes('director');
    const scope = this.viewScope(actorId);
    switch (scope.kind) {
      case 'all':
        return true;
      case 'units':
        return scope.unitIds.includes(record.unitId) || (record.fieldId !== undefined && scope.fieldIds.includes(record.fieldId));
      case 'own':
        return false;
    }
  }

  /**
   * The default scope of a list. `all` and `units` cover normal records only: the caller still
   * checks each confidential record with canView.
   */
  viewScope(actorId: string): ViewScope {
    const actor = this.staff(actorId);
    if (!actor?.active) return { kind: 'own' };
    if (actor.roles.includes('director') || actor.roles.includes('chief-inspector')) return { kind: 'all' };
    const standing = this.standingOf(actor);
    if (standing.kind === 'deputy-director') {
      return { kind: 'units', unitIds: this.unitsOverseenBy(actor.id), fieldIds: [...(this.fieldsByLeader.get(actor.id) ?? [])] };
    }
    if (standing.kind === 'head') return { kind: 'units', unitIds: [standing.unit.id], fieldIds: [] };
    return { kind: 'own' };
  }

  /** Progress, completion, extension requests. */
  canActAsAssignee(actorId: string, record: VisibilityRecord): boolean {
    if (!this.staff(actorId)?.active) return false;
    if (record.assigneeId) return record.assigneeId === actorId;
    return this.headOf(record.unitId)?.id === actorId || record.responsibleId === actorId;
  }

  /** Extension decisions, return for rework, cancellation. */
  canDecide(actorId: string, record: VisibilityRecord, delegations: readonly Delegation[], today: LocalDate): AuthorityDecision {
    parseLocalDate(today);
    const actor = this.staff(actorId);
    if (!actor) return refuse('A1', `There is no staff member '${actorId}' (A1).`);
    if (!actor.active) return refuse('A1', `${actor.name} is no longer an active staff member (A1).`);
    if (this.decidesInOwnRight(actorId, record)) return allow('A1');

    for (const d of this.activeDelegations(actorId, delegations, today)) {
      if (this.decidesInOwnRight(d.delegatorId, record)) return allow(d.scope === 'department' ? 'A2' : 'A4', d.delegatorId);
    }
    return refuse(
      'A1',
      'Only the person who assigned this work, the leader they assigned it for, or one of the assigner\'s superiors may decide on it (A1).',
    );
  }

  // -------------------------------------------------------------------------------------

  private decidesInOwnRight(staffId: string, record: VisibilityRecord): boolean {
    return staffId === record.assignerId || staffId === record.onBehalfOf || this.isSuperiorOf(staffId, record.assignerId);
  }

  private unitsOverseenBy(staffId: string): string[] {
    return this.chart.units.filter((u) => u.overseenBy === staffId).map((u) => u.id);
  }

  private standingOf(member: StaffMember): Standing {
    const staffId = member.id;
    if (member.roles.includes('director')) return { kind: 'director', staffId };
    if (member.roles.includes('deputy-director')) return { kind: 'deputy-director', staffId };
    const unit = this.unit(member.unitId);
    if (!unit || unit.kind === 'board') return { kind: 'none', staffId };
    if (member.roles.includes(unitHeadRole(unit.kind))) return { kind: 'head', staffId, unit };
    if (member.roles.includes(unitDeputyRole(unit.kind))) return { kind: 'deputy-head', staffId, unit };
    return { kind: 'none', staffId };
  }

  private resolveTarget(target: AssignTarget): { unit: Unit; person?: StaffMember } | { refusal: AuthorityDecision } {
    const { assigneeId, unitId } = target;
    const named = unitId === undefined ? undefined : this.unit(unitId);
    if (unitId !== undefined && !named) return { refusal: refuse('A1', `There is no unit '${unitId}' (A1).`) };

    if (assigneeId === undefined) {
      if (!named) {
        return { refusal: refuse('A1', 'Name who is to carry out the work: a person (assigneeId) or a unit (unitId) (A1).') };
      }
      // A unit with no current head is not an authority question; the caller reports it.
      return { unit: named };
    }

    const person = this.staff(assigneeId);
    if (!person) return { refusal: refuse('A1', `There is no staff member '${assigneeId}' to assign work to (A1).`) };
    if (!person.active) {
      return { refusal: refuse('A1', `${person.name} is no longer an active staff member and cannot be assigned work (A1).`) };
    }
    const home = this.unit(person.unitId);
    if (!home) return { refusal: refuse('A1', `${person.name}'s unit '${person.unitId}' is not in the organisation chart (A1).`) };
    if (named && named.id !== home.id) {
      return {
        refusal: refuse('A1', `${person.name} belongs to ${home.name.en}, not ${named.name.en}; name their own unit or leave the unit out (A1).`),
      };
    }
    return { unit: home, person };
  }

  /** What `standing` allows by itself, with no delegation. */
  private authorityAs(standing: Standing, unit: Unit, person: StaffMember | undefined, fieldId: string | undefined): AuthorityDecision {
    if (standing.kind === 'director') return allow('A1');
    if (unit.kind === 'board' || person?.roles.includes('deputy-director')) {
      return refuse(
        'A1',
        'Only the director, or a deputy director acting for the director under a delegation (A2), may assign work to a deputy director or to the board (A1).',
      );
    }
    switch (standing.kind) {
      case 'deputy-director': {
        if (unit.overseenBy === standing.staffId) return allow('A1');
        const fields = this.fieldsByLeader.get(standing.staffId) ?? [];
        if (fieldId !== undefined && fields.includes(fieldId)) return allow('A3');
        if (fieldId !== undefined) {
          return refuse(
            'A3',
            `Field '${fieldId}' is not in your portfolio and you do not oversee ${unit.name.en}; a deputy director may assign outside the units they oversee only within their own fields (A3).`,
          );
        }
        return refuse(
          'A1',
          `You do not oversee ${unit.name.en}: a deputy director may assign only within the units they oversee (A1), or elsewhere when the work is in a field of their portfolio (A3).`,
        );
      }
      case 'head':
        if (unit.id === standing.unit.id) return allow('A1');
        return refuse('A1', `A head may assign only within their own unit (A1); ${unit.name.en} is not ${standing.unit.name.en}.`);
      case 'deputy-head':
        return refuse('A4', `A deputy may assign work only while the head of ${standing.unit.name.en} has delegated that authority to them (A4).`);
      case 'none':
        return refuse('A1', 'Only the director, a deputy director or the head of a unit may assign work (A1).');
    }
  }
}

function isParty(staffId: string, record: VisibilityRecord): boolean {
  return (
    staffId === record.assignerId ||
    staffId === record.onBehalfOf ||
    staffId === record.assigneeId ||
    staffId === record.responsibleId ||
    record.coordinatorIds.includes(staffId)
  );
}
