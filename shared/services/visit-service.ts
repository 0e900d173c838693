import { ulid } from 'ulidx';
import type { Assignment, AuditEvent, Timeliness } from '../domain/assignment.js';
import { canRecordVisit, preparationIssues, recordVisit, visitPreparationAssignmentId, type Visit, type VisitPreparationRecord } from '../domain/delegation-visit.js';
import { ForbiddenError, NotFoundError, UnprocessableError, ValidationError, type FieldIssue } from '../domain/errors.js';
import { addDays, compareLocalDates, type LocalDate } from '../domain/local-time.js';
import type { LocalDateRange } from '../domain/periods.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { VisitRepository } from '../store/visit-repository.js';
import type { AssignmentService } from './assignment-service.js';
import { auditVisibility } from './audit-service.js';
import type { PreparedAssignmentStore } from './citizen-reception-service.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface PreparationInput {
  text: string;
  detail?: string;
  unitId?: string;
  assigneeId?: string;
  dueDate: LocalDate;
}

export interface RecordVisitInput {
  delegation: string;
  purpose?: string;
  from: LocalDate;
  to: LocalDate;
  start?: string;
  end?: string;
  location?: string;
  hostIds: string[];
  preparations?: PreparationInput[];
}

export interface PreparationView {
  n: number;
  text: string;
  unitId: string;
  responsibleId: string;
  dueDate: LocalDate;
  assignmentId: string;
  state: 'created' | 'pending';
  status?: string;
  timeliness?: Timeliness;
}

export type VisitView = Omit<Visit, 'orgId'> & { preparations: PreparationView[] };

/** body.title → body.preparations.<i>.text: the preparation's own field names. */
function preparationIssuePaths(index: number, issues: readonly FieldIssue[]): FieldIssue[] {
  const rename: Record<string, string> = { title: 'text', description: 'detail' };
  return issues.map((issue) => {
    const m = /^body\.([^.]+)(.*)$/.exec(issue.path);
    return m ? { path: `body.preparations.${index}.${rename[m[1]!] ?? m[1]}${m[2]}`, message: issue.message } : { path: `body.preparations.${index}`, message: issue.message };
  });
}

/**
 * Delegation visits (Điều 17): the Office records a visit the director decided, who receives it,
 * and the units preparing its content; each preparation becomes an assignment, assigned by the
 * Office on the director's authority, written like meeting conclusions (deterministic ids, a
 * first transaction with the visit and the prepared assignments, then each written if absent).
 */
export class VisitService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly visits: VisitRepository,
    private readonly assignments: AssignmentService,
    private readonly prepared: PreparedAssignmentStore,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  private rulesOf(ctx: OrgContext) {
    const rules = ctx.rulebook.delegationVisits;
    if (!rules) throw new UnprocessableError(`The rulebook of ${ctx.orgId} has no section on receiving delegations (Điều 17).`);
    return rules;
  }

  async record(actor: Actor, input: RecordVisitInput, now: Date, idempotencyKey?: string): Promise<{ status: number; body: VisitView; replayed: boolean }> {
    const ctx = await this.contexts.load(actor, now);
    const committed = await commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `visits.record.${actor.staffId}`, key: idempotencyKey, input, now }),
      decide: async () => {
        const rules = this.rulesOf(ctx);
        if (!canRecordVisit(rules.recordedBy, ctx.authority.staff(actor.staffId), ctx.snapshot.units)) {
          throw new ForbiddenError(`The Office records the delegations the department receives (${rules.article}.1).`);
        }
        const decider = ctx.snapshot.staff.find((s) => s.active && s.roles.includes(rules.decidedBy));
        if (!decider) throw new UnprocessableError(`No current ${rules.decidedBy} to decide the visit (${rules.article}).`);
        const issues: FieldIssue[] = [];
        input.hostIds.forEach((id, i) => {
          if (ctx.authority.staff(id)?.active !== true) issues.push({ path: `body.hostIds.${i}`, message: `no current staff member ${id}` });
        });
        const preparations = input.preparations ?? [];
        issues.push(...preparationIssues(preparations, input.from));
        const id = ulid(now.getTime());
        const t = (() => {
          try {
            return recordVisit(
              {
                id,
                orgId: ctx.orgId,
                delegation: input.delegation,
                ...(input.purpose ? { purpose: input.purpose } : {}),
                from: input.from,
                to: input.to,
                ...(input.start ? { start: input.start } : {}),
                ...(input.end ? { end: input.end } : {}),
                ...(input.location ? { location: input.location } : {}),
                hostIds: input.hostIds,
                decidedBy: decider.id,
                recordedBy: actor.staffId,
                preparationCount: preparations.length,
              },
              rules,
              now,
            );
          } catch (error) {
            if (error instanceof ValidationError) issues.push(...error.issues);
            else throw error;
            return undefined;
          }
        })();
        const records: VisitPreparationRecord[] = [];
        for (const [i, item] of preparations.entries()) {
          const n = i + 1;
          const assignmentId = visitPreparationAssignmentId(id, n);
          try {
            const p = await this.assignments.prepareCreate(
              ctx,
              actor,
              {
                title: item.text,
                ...(item.detail ? { description: item.detail } : {}),
                ...(item.unitId ? { unitId: item.unitId } : {}),
                ...(item.assigneeId ? { assigneeId: item.assigneeId } : {}),
                dueDate: item.dueDate,
                source: { kind: 'ad-hoc', ref: id, itemId: String(n) },
              },
              now,
              { id: assignmentId, standingFor: { staffId: decider.id, rule: rules.article } },
            );
            const next = { ...p.transition.next, id: assignmentId };
            const data = { ...p.transition.data, assignment: next };
            records.push({ visitId: id, n, assignmentId, prepared: { transition: { ...p.transition, next, data }, event: { ...p.event, entityId: assignmentId, data } } });
          } catch (error) {
            if (error instanceof ValidationError || error instanceof UnprocessableError) issues.push(...preparationIssuePaths(i, error.issues));
            else if (error instanceof ForbiddenError) throw new ForbiddenError(`Preparation ${n}: ${error.message}`, error.rule);
            else throw error;
          }
        }
        if (issues.length || !t) throw new ValidationError('The visit is not valid.', issues);
        const visit: Visit = { ...t.next, preparingUnitIds: [...new Set(records.map((r) => r.prepared.transition.next.unitId))] };
        const body = this.view(ctx, visit, records, new Map());
        const event: AuditEvent = {
          id: ulid(now.getTime()),
          orgId: ctx.orgId,
          entityType: 'visit',
          entityId: id,
          action: t.action,
          actorId: actor.staffId,
          onBehalfOf: decider.id,
          at: now.toISOString(),
          version: 1,
          data: { visit },
        };
        return { result: body, status: 201, write: (extra) => this.visits.create(visit, event, records, extra) };
      },
    });
    // A replay puts right preparations a crash between the two writes left undone.
    await this.completePreparations(ctx.orgId, committed.body.id);
    return committed.replayed ? committed : { status: 201, body: await this.detail(ctx, committed.body.id, now), replayed: false };
  }

  async completePreparations(orgId: string, visitId: string): Promise<number> {
    const records = await this.visits.preparations(orgId, visitId);
    return this.prepared.createMissing(orgId, records.map((r) => ({ assignmentId: r.assignmentId, items: () => this.assignments.createItems(r.prepared) })));
  }

  private view(ctx: OrgContext, v: Visit, records: readonly VisitPreparationRecord[], live: ReadonlyMap<string, Assignment>, now?: Date): VisitView {
    const { orgId, ...rest } = v;
    return {
      ...rest,
      preparations: records.map((r) => {
        const planned = r.prepared.transition.next;
        const current = live.get(r.assignmentId);
        const view = current && now ? this.assignments.view(current, ctx, now) : undefined;
        return {
          n: r.n,
          text: planned.title,
          unitId: planned.unitId,
          responsibleId: planned.responsibleId,
          dueDate: planned.originalDueDate,
          assignmentId: r.assignmentId,
          state: current ? 'created' : 'pending',
          ...(view ? { status: view.status, timeliness: view.timeliness } : {}),
        };
      }),
    };
  }

  private async detail(ctx: OrgContext, id: string, now: Date): Promise<VisitView & { history: AuditEvent[] }> {
    const found = await this.visits.getWithDetails(ctx.orgId, id);
    if (!found) throw new NotFoundError(`There is no visit ${id}.`);
    const live = await this.prepared.assignments(ctx.orgId, found.preparations.map((p) => p.assignmentId));
    return { ...this.view(ctx, found.visit, found.preparations, live, now), history: found.history };
  }

  /** Visits are announced to the units (Điều 17.1): every current staff member sees them. */
  async get(actor: Actor, id: string, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    if (ctx.authority.staff(actor.staffId)?.active !== true) throw new NotFoundError(`There is no visit ${id}.`);
    return this.detail(ctx, id, now);
  }

  /** Visits overlapping the range: one Query on their first day, from `maxDays` before it. */
  async overlapping(ctx: OrgContext, range: LocalDateRange): Promise<Visit[]> {
    const maxDays = ctx.rulebook.delegationVisits?.maxDays ?? 14;
    const visits = await this.visits.startingBetween(ctx.orgId, addDays(range.start, 1 - maxDays), range.end);
    return visits.filter((v) => compareLocalDates(v.to, range.start) >= 0).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  }

  async list(actor: Actor, range: LocalDateRange, now: Date): Promise<{ items: VisitView[] }> {
    const ctx = await this.contexts.load(actor, now);
    if (compareLocalDates(range.start, range.end) > 0) throw new ValidationError('The range ends before it starts.', [{ path: 'query.to', message: 'must be on or after from' }]);
    return { items: (await this.overlapping(ctx, range)).map((v) => this.view(ctx, v, [], new Map())) };
  }

  readonly auditVisibility = auditVisibility(['visit'], async (ctx, actor, entityId) => {
    const v = await this.visits.get(ctx.orgId, entityId);
    return v ? ctx.authority.staff(actor.staffId)?.active === true : undefined;
  });
}
