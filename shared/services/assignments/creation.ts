/** Giving work (A1–A4): who may assign what to whom, and the assignment created, alone or within another record's transaction. */
import { ulid } from 'ulidx';
import { createAssignment, type AuditEvent, type Transition } from '../../domain/assignment.js';
import { ForbiddenError, UnprocessableError, ValidationError } from '../../domain/errors.js';
import { toLocalDate, type LocalDate } from '../../domain/local-time.js';
import type { LabelledItem } from '../../store/transact.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { CreateAssignmentInput, AssignmentView } from '../assignment-service.js';
import { AssignmentCore } from './core.js';


export class AssignmentCreation {
  constructor(private readonly core: AssignmentCore) {}

  private checkPeople(ctx: OrgContext, input: CreateAssignmentInput): void {
    const issues: { path: string; message: string }[] = [];
    const active = (id: string) => ctx.snapshot.staff.some((s) => s.id === id && s.active);
    if (input.assigneeId !== undefined && !active(input.assigneeId)) {
      issues.push({ path: 'body.assigneeId', message: `no current staff member ${input.assigneeId}` });
    }
    if (input.unitId !== undefined && !ctx.snapshot.units.some((u) => u.id === input.unitId)) {
      issues.push({ path: 'body.unitId', message: `no unit ${input.unitId}` });
    }
    (input.coordinatorIds ?? []).forEach((id, i) => {
      if (!active(id)) issues.push({ path: `body.coordinatorIds.${i}`, message: `no current staff member ${id}` });
    });
    if (input.fieldId !== undefined && !ctx.rulebook.fields.some((f) => f.id === input.fieldId)) {
      issues.push({ path: 'body.fieldId', message: `no field ${input.fieldId} in the rulebook` });
    }
    if (input.assigneeId === undefined && input.unitId === undefined) {
      issues.push({ path: 'body.assigneeId', message: 'name an assignee or a unit' });
    }
    if (issues.length) throw new ValidationError('The assignment names people or units that do not exist.', issues);
  }

  /**
   * Builds a new assignment as `actor` would create it, checking authority (A1–A4): for the
   * assignments route, and for meeting conclusions and document distributions that become work.
   */
  async prepareCreate(
    ctx: OrgContext,
    actor: Actor,
    input: CreateAssignmentInput,
    now: Date,
    options: {
      /** A deterministic id (a meeting's conclusion item), so a retry cannot create it twice. */
      id?: string;
      /**
       * Whose authority the actor exercises when their own does not reach: the deputy in charge of
       * distributing incoming documents acts for the director (D1, Điều 9.1.4).
       */
      standingFor?: { staffId: string; rule: string };
    } = {},
  ): Promise<{ transition: Transition; event: AuditEvent }> {
    this.checkPeople(ctx, input);
    const delegations = await this.core.delegationsOf(ctx, actor, now);
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const target = {
      ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
      ...(input.unitId ? { unitId: input.unitId } : {}),
      ...(input.fieldId ? { fieldId: input.fieldId } : {}),
    };
    const decision = ctx.authority.canAssign(actor.staffId, target, delegations, today);
    let onBehalfOf = decision.allowed ? decision.onBehalfOf : undefined;
    if (!decision.allowed) {
      const principal = options.standingFor;
      const forPrincipal = principal ? ctx.authority.canAssign(principal.staffId, target, [], today) : undefined;
      if (!principal || !forPrincipal?.allowed) throw new ForbiddenError(decision.reason, decision.rule);
      onBehalfOf = principal.staffId;
    }
    const assignee = input.assigneeId ? ctx.authority.staff(input.assigneeId) : undefined;
    const unitId = assignee?.unitId ?? input.unitId!;
    const responsibleId = assignee?.id ?? ctx.authority.headOf(unitId)?.id;
    if (!responsibleId) {
      throw new UnprocessableError(`Unit ${unitId} has no head to answer for the work; assign it to a person.`, [
        { path: 'body.unitId', message: 'the unit has no head' },
      ]);
    }
    const transition = createAssignment(
      {
        id: options.id ?? ulid(now.getTime()),
        orgId: ctx.orgId,
        title: input.title,
        ...(input.description ? { description: input.description } : {}),
        assigneeId: assignee?.id ?? null,
        unitId,
        responsibleId,
        coordinatorIds: input.coordinatorIds ?? [],
        assignerId: actor.staffId,
        ...(onBehalfOf ? { onBehalfOf } : {}),
        ...(input.fieldId ? { fieldId: input.fieldId } : {}),
        priority: input.priority ?? 'normal',
        source: input.source ?? { kind: 'ad-hoc' },
        confidentiality: input.confidentiality ?? 'normal',
        dueDate: input.dueDate,
      },
      now,
      ctx.dueRules.timeZone,
    );
    return { transition, event: this.core.event(ctx, actor, transition, now, onBehalfOf) };
  }

  /** The transaction items that create an assignment (for use cases that write more beside it). */
  createItems(prepared: { transition: Transition; event: AuditEvent }): LabelledItem[] {
    return this.core.assignments.writeItems({ next: prepared.transition.next, event: prepared.event, delta: prepared.transition.delta });
  }

  async create(
    actor: Actor,
    input: CreateAssignmentInput,
    now: Date,
    idempotencyKey?: string,
  ): Promise<{ status: number; body: AssignmentView; replayed: boolean }> {
    const ctx = await this.core.contexts.load(actor, now);
    return commit({
      idempotency: new IdempotentRequest({ repository: this.core.idempotency, orgId: ctx.orgId, scope: `assignments.create.${actor.staffId}`, key: idempotencyKey, input, now }),
      decide: async () => {
        const prepared = await this.prepareCreate(ctx, actor, input, now);
        return {
          result: this.core.view(prepared.transition.next, ctx, now),
          status: 201,
          write: (extra) =>
            this.core.assignments.write({
              next: prepared.transition.next,
              event: prepared.event,
              delta: prepared.transition.delta,
              ...(extra.length ? { alsoWrite: extra } : {}),
            }),
        };
      },
    });
  }

  /**
   * Whom the person may assign work to (A1–A4), for the form that offers only those: each active
   * person and each unit with a head that `canAssign` allows today, with or without a field (A3).
   */
  async assignable(
    actor: Actor,
    now: Date,
  ): Promise<{ staffIds: string[]; unitIds: string[]; fields: { id: string; name: { vi: string; en: string } }[]; today: LocalDate }> {
    const ctx = await this.core.contexts.load(actor, now);
    const delegations = await this.core.delegationsOf(ctx, actor, now);
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const leader = ctx.rulebook.leaders.find((l) => l.staffId === actor.staffId);
    const fieldIds = [...(leader?.fields ?? [])];
    const allowed = (target: { assigneeId?: string; unitId?: string }) =>
      ctx.authority.canAssign(actor.staffId, target, delegations, today).allowed ||
      fieldIds.some((fieldId) => ctx.authority.canAssign(actor.staffId, { ...target, fieldId }, delegations, today).allowed);
    return {
      staffIds: ctx.snapshot.staff.filter((s) => s.active && s.id !== actor.staffId && allowed({ assigneeId: s.id })).map((s) => s.id),
      unitIds: ctx.snapshot.units.filter((u) => ctx.authority.headOf(u.id) && allowed({ unitId: u.id })).map((u) => u.id),
      fields: ctx.rulebook.fields.filter((f) => fieldIds.includes(f.id)).map((f) => ({ id: f.id, name: f.name })),
      today,
    };
  }
}
