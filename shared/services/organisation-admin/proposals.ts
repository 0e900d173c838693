/** The rulebook in force, and the proposals of the Office that the director decides (separation of duties). */
import { ulid } from 'ulidx';
import type { AuditEvent } from '../../domain/assignment.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { isValidLocalDate, toLocalDate, type LocalDate } from '../../domain/local-time.js';
import { amendRulebook } from '../../domain/rulebook-amendment.js';
import {
  OFFICE_ROLES,
  assertOneDirector,
  classifyStaffChange,
  decideProposal,
  protectedRoles,
  proposalPerson,
  proposalTarget,
  type Proposal,
  type ProposalSubject,
} from '../../domain/separation-of-duties.js';
import { proposalEntityId } from '../../store/keys.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { StaffRecord, UnitRecord } from '../../store/organisation-repository.js';
import type { LabelledItem } from '../../store/transact.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { ProposalInput } from '../organisation-admin-service.js';
import { OrganisationAdminCore } from './core.js';


export class OrganisationProposals {
  constructor(private readonly core: OrganisationAdminCore) {}

  /** The rulebook in force on a date, and the history of every version. */
  async rulebook(actor: Actor, on: LocalDate | undefined, now: Date) {
    const ctx = await this.core.contexts.load(actor, now);
    const date = on ?? toLocalDate(now, ctx.dueRules.timeZone);
    const inForce = ctx.rulebookOn(date);
    const stored = ctx.versions.find((v) => v.rulebook === inForce)!;
    return {
      on: date,
      version: stored.version,
      effectiveFrom: stored.effectiveFrom,
      rulebook: inForce,
      history: ctx.versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, recordedAt: v.recordedAt, ...(v.recordedBy ? { recordedBy: v.recordedBy } : {}), ...(v.reason ? { reason: v.reason } : {}) })),
    };
  }

  // -------------------------------------------------------------------------------------
  // Proposals: the Office proposes, the director decides; both are audited.

  /**
   * Điều 25.2: the chief of office proposes an amendment of the regulation and the director
   * decides it. The changes are checked against the schema now, and again when decided.
   */
  async proposeAmendment(actor: Actor, input: { effectiveFrom: LocalDate; reason: string; changes: Record<string, unknown> }, now: Date, idempotencyKey?: string) {
    return this.propose(actor, { kind: 'rulebook-amendment', effectiveFrom: input.effectiveFrom, changes: input.changes, reason: input.reason }, now, idempotencyKey);
  }

  /** Records a proposal of the Office; nothing changes until the director approves it. */
  async propose(actor: Actor, input: ProposalInput, now: Date, idempotencyKey?: string): Promise<{ status: number; body: Proposal; replayed: boolean }> {
    const ctx = await this.core.contexts.load(actor, now);
    const roles = ctx.authority.staff(actor.staffId)?.roles ?? [];
    if (!roles.some((r) => OFFICE_ROLES.includes(r))) {
      throw new ForbiddenError('The Office (the chief of office or an administrator) proposes; the director decides (Điều 25.2).', 'SoD');
    }
    let target: string | undefined;
    return commit({
      idempotency: new IdempotentRequest({ repository: this.core.idempotency, orgId: ctx.orgId, scope: `proposals.${actor.staffId}`, key: idempotencyKey, input, now }),
      retry: false,
      // Another open proposal holds the record: say which.
      conflict: async (part) => {
        if (part !== 'lock' || target === undefined) return undefined;
        const open = await this.core.organisations.openProposalId(ctx.orgId, target);
        return new ConflictError(`Proposal ${open} about ${target} is still waiting for the director's decision; one open proposal per record.`);
      },
      decide: () => {
        const subject = this.subjectOf(ctx, actor, input);
        const proposal: Proposal = {
          id: ulid(now.getTime()),
          orgId: ctx.orgId,
          kind: subject.kind,
          subject,
          reason: input.reason,
          status: 'proposed',
          proposedBy: actor.staffId,
          proposedAt: now.toISOString(),
          version: 1,
        };
        target = proposalTarget(subject);
        const locks = subject.kind === 'rulebook-amendment' ? [] : [this.core.organisations.proposalLock(ctx.orgId, target, proposal.id)];
        return {
          result: proposal,
          status: 201,
          write: (extra) =>
            this.core.organisations.write(
              [this.core.organisations.proposalPut(proposal), ...locks, ...extra],
              [this.core.event(ctx, actor, proposalEntityId(proposal.id), 'proposed', 1, { kind: proposal.kind, target, subject, reason: proposal.reason }, now)],
            ),
        };
      },
    });
  }

  /** Checks a proposal against the records as they are now; the decision checks it again. */
  private subjectOf(ctx: OrgContext, actor: Actor, input: ProposalInput): ProposalSubject {
    switch (input.kind) {
      case 'staff-change': {
        const current = ctx.snapshot.staff.find((s) => s.id === input.staffId);
        if (!current) throw new NotFoundError(`There is no staff member ${input.staffId}.`);
        if (input.staffId === actor.staffId) {
          throw new ForbiddenError('Nobody proposes a change of their own roles or unit; another member of the Office does.', 'SoD');
        }
        if (!current.active) throw new ConflictError(`${current.name}'s employment has ended; their record is kept as it was.`);
        const change = classifyStaffChange(current, input, protectedRoles(ctx.rulebook));
        if (!change.rolesChanged && !change.unitChanged) {
          throw new ValidationError('The proposal changes nothing.', [{ path: 'body.roles', message: 'give roles or a unitId that differ from the record' }]);
        }
        const next = { ...current, ...(input.roles ? { roles: input.roles } : {}), ...(input.unitId ? { unitId: input.unitId } : {}) };
        const issues = this.core.staffIssues(ctx, next, 'body');
        if (issues.length) throw new ValidationError('The change would make the record invalid.', issues);
        return {
          kind: 'staff-change',
          staffId: current.id,
          baseVersion: current.version,
          ...(input.roles ? { roles: input.roles } : {}),
          ...(input.unitId ? { unitId: input.unitId } : {}),
        };
      }
      case 'unit-oversight': {
        const unit = ctx.snapshot.units.find((u) => u.id === input.unitId);
        if (!unit) throw new NotFoundError(`There is no unit ${input.unitId}.`);
        this.core.checkOverseer(ctx, input.overseenBy, unit.kind);
        if (unit.overseenBy === input.overseenBy) {
          throw new ValidationError('The proposal changes nothing.', [{ path: 'body.overseenBy', message: `${unit.id} is already overseen by ${input.overseenBy}` }]);
        }
        return { kind: 'unit-oversight', unitId: unit.id, baseVersion: unit.version, overseenBy: input.overseenBy };
      }
      case 'rulebook-amendment': {
        if (!isValidLocalDate(input.effectiveFrom)) throw new ValidationError('Invalid date.', [{ path: 'body.effectiveFrom', message: 'must be a real date' }]);
        const latest = Math.max(...ctx.versions.map((v) => v.version));
        amendRulebook(ctx.rulebookOn(input.effectiveFrom), input.changes, { effectiveFrom: input.effectiveFrom, version: latest + 1 });
        return { kind: 'rulebook-amendment', effectiveFrom: input.effectiveFrom, changes: input.changes };
      }
    }
  }

  private canReadProposals(ctx: OrgContext, actor: Actor): boolean {
    const me = ctx.authority.staff(actor.staffId);
    if (!me?.active) return false;
    return me.roles.some((r) => OFFICE_ROLES.includes(r) || r === 'director') || ctx.authority.viewScope(actor.staffId).kind === 'all';
  }

  async listProposals(actor: Actor, filters: { status?: Proposal['status']; limit: number }, now: Date): Promise<Proposal[]> {
    const ctx = await this.core.contexts.load(actor, now);
    if (!this.canReadProposals(ctx, actor)) throw new ForbiddenError('Proposals are read by the Office, the director and the chief inspector.', 'SoD');
    // Proposals are few; the status filter is applied to the newest ones read.
    const items = await this.core.organisations.listProposals(ctx.orgId, filters.status ? 100 : filters.limit);
    return (filters.status ? items.filter((p) => p.status === filters.status) : items).slice(0, filters.limit);
  }

  async getProposal(actor: Actor, id: string, now: Date): Promise<Proposal> {
    const ctx = await this.core.contexts.load(actor, now);
    if (!this.canReadProposals(ctx, actor)) throw new ForbiddenError('Proposals are read by the Office, the director and the chief inspector.', 'SoD');
    const proposal = await this.core.organisations.getProposal(ctx.orgId, id);
    if (!proposal) throw new NotFoundError(`There is no proposal ${id}.`);
    return proposal;
  }

  /**
   * The director decides; an approval applies the change in the same transaction that records
   * the decision, after checking it against the records as they are now (exactly one director).
   */
  async decideProposal(actor: Actor, id: string, input: { approve: boolean; note?: string }, now: Date): Promise<Proposal> {
    const ctx = await this.core.contexts.load(actor, now);
    const me = ctx.authority.staff(actor.staffId);
    // Not under delegation either: an A2 deputy runs the department, not its separation of duties.
    if (!me?.active || !me.roles.includes('director')) {
      throw new ForbiddenError('Only the director decides the Office’s proposals (Điều 25.2); a deputy, even under delegation, does not.', 'SoD');
    }
    const proposal = await this.core.organisations.getProposal(ctx.orgId, id);
    if (!proposal) throw new NotFoundError(`There is no proposal ${id}.`);
    const at = now.toISOString();
    let applied: { items: LabelledItem[]; events: AuditEvent[]; outcome?: Record<string, unknown> } = { items: [], events: [] };
    if (input.approve) {
      decideProposal(proposal, { approve: true, by: actor.staffId, at }); // already decided: 409 before any work
      applied = this.apply(ctx, actor, proposal, now); // zero or two directors: 409
      // Rejecting a proposal about oneself changes nothing, so only an approval is refused.
      if (proposalPerson(proposal.subject) === actor.staffId) {
        throw new ForbiddenError('Nobody approves a change of their own roles or unit; the director is replaced only by the province’s decision.', 'SoD');
      }
    }
    const decided = decideProposal(proposal, { approve: input.approve, by: actor.staffId, at, ...(input.note ? { note: input.note } : {}), ...(applied.outcome ? { outcome: applied.outcome } : {}) });
    const unlock = proposal.subject.kind === 'rulebook-amendment' ? [] : [this.core.organisations.proposalUnlock(ctx.orgId, proposalTarget(proposal.subject), proposal.id)];
    const changedMeanwhile = () => new ConflictError('The records changed while the decision was being recorded; read the proposal and the records again.');
    const { body } = await commit({
      retry: false,
      raced: [],
      stale: changedMeanwhile,
      conflict: (part) => (part === 'proposal' || part === 'lock' ? new ConflictError(`Proposal ${id} was decided meanwhile.`) : changedMeanwhile()),
      decide: () => ({
        result: decided,
        write: () =>
          this.core.organisations.write(
            [this.core.organisations.proposalPut(decided, proposal.version), ...unlock, ...applied.items],
            [
              this.core.event(ctx, actor, proposalEntityId(proposal.id), decided.status, decided.version, { approve: input.approve, note: input.note, outcome: applied.outcome }, now),
              ...applied.events,
            ],
          ),
      }),
    });
    return body;
  }

  /** The writes an approval makes, checked against the records now. */
  private apply(ctx: OrgContext, actor: Actor, p: Proposal, now: Date): { items: LabelledItem[]; events: AuditEvent[]; outcome?: Record<string, unknown> } {
    const because = { proposalId: p.id, proposedBy: p.proposedBy, approvedBy: actor.staffId, reason: p.reason };
    const subject = p.subject;
    switch (subject.kind) {
      case 'staff-change': {
        const current = ctx.snapshot.staff.find((s) => s.id === subject.staffId);
        if (!current?.active) throw new ConflictError(`${subject.staffId} is no longer a current staff member; reject the proposal.`);
        if (current.version !== subject.baseVersion) {
          throw new ConflictError(`${current.name}'s record changed after the proposal (version ${current.version}, proposed on ${subject.baseVersion}); reject it and propose again.`);
        }
        const next: StaffRecord = { ...current, ...(subject.roles ? { roles: [...subject.roles] } : {}), ...(subject.unitId ? { unitId: subject.unitId } : {}), version: current.version + 1 };
        const issues = this.core.staffIssues(ctx, next, 'proposal.subject');
        if (issues.length) throw new ConflictError(`The change no longer fits the records: ${issues.map((i) => i.message).join('; ')}.`);
        assertOneDirector(ctx.snapshot.staff.map((s) => (s.id === next.id ? next : s)));
        const action = next.unitId !== current.unitId ? 'staff-moved' : 'staff-roles-changed';
        return {
          items: [this.core.organisations.staffPut(ctx.orgId, next, current.version)],
          events: [this.core.event(ctx, actor, `staff.${next.id}`, action, next.version, { before: current, after: next, ...because }, now)],
        };
      }
      case 'unit-oversight': {
        const current = ctx.snapshot.units.find((u) => u.id === subject.unitId);
        if (!current) throw new ConflictError(`There is no unit ${subject.unitId} any more; reject the proposal.`);
        if (current.version !== subject.baseVersion) {
          throw new ConflictError(`Unit ${current.id} changed after the proposal (version ${current.version}, proposed on ${subject.baseVersion}); reject it and propose again.`);
        }
        try {
          this.core.checkOverseer(ctx, subject.overseenBy, current.kind);
        } catch (error) {
          if (error instanceof ValidationError) throw new ConflictError(`${subject.overseenBy} can no longer oversee a unit: ${error.message}`);
          throw error;
        }
        const next: UnitRecord = { ...current, overseenBy: subject.overseenBy, version: current.version + 1 };
        return {
          items: [this.core.organisations.unitPut(ctx.orgId, next, current.version)],
          events: [this.core.event(ctx, actor, `unit.${next.id}`, 'unit-oversight-changed', next.version, { before: current, after: next, ...because }, now)],
        };
      }
      case 'rulebook-amendment': {
        const latest = Math.max(...ctx.versions.map((v) => v.version));
        const version = latest + 1;
        let rulebook;
        try {
          rulebook = amendRulebook(ctx.rulebookOn(subject.effectiveFrom), subject.changes, { effectiveFrom: subject.effectiveFrom, version });
        } catch (error) {
          if (error instanceof ValidationError) throw new ConflictError(`The amendment no longer fits the rulebook in force on ${subject.effectiveFrom}: ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`);
          throw error;
        }
        const stored = { effectiveFrom: subject.effectiveFrom, version, rulebook, recordedAt: now.toISOString(), recordedBy: actor.staffId, reason: p.reason, proposalId: p.id, proposedBy: p.proposedBy };
        return {
          items: this.core.organisations.rulebookVersionItems(ctx.orgId, stored, latest),
          events: [this.core.event(ctx, actor, `rulebook.${ctx.orgId}`, 'rulebook-amended', version, { effectiveFrom: subject.effectiveFrom, changes: subject.changes, ...because }, now)],
          outcome: { version, effectiveFrom: subject.effectiveFrom },
        };
      }
    }
  }
}
