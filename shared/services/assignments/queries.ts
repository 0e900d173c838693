/** Reading assignments: one with its history and the actions open to the reader, the lists, and "Việc của tôi" (issue #16). */
import { isOpen, type Assignment, type AuditEvent, type Timeliness } from '../../domain/assignment.js';
import { daysOverdue } from '../../domain/compliance/overdue.js';
import { NotFoundError } from '../../domain/errors.js';
import { addDays, toLocalDate } from '../../domain/local-time.js';
import type { AssignmentIndex } from '../../store/assignment-repository.js';
import { openPhaseCursor } from '../../store/cursor.js';
import type { Actor } from '../organisation-service.js';
import type { AssignmentView, MyWork, MyWorkItem, ListFilters } from '../assignment-service.js';
import { AssignmentCore } from './core.js';


export class AssignmentQueries {
  constructor(private readonly core: AssignmentCore) {}

  async get(actor: Actor, id: string, now: Date): Promise<AssignmentView & { history: AuditEvent[] }> {
    const ctx = await this.core.contexts.load(actor, now);
    const found = await this.core.assignments.getWithHistory(ctx.orgId, id);
    if (!found || !ctx.authority.canView(actor.staffId, found.assignment)) throw new NotFoundError(`There is no assignment ${id}.`);
    return { ...this.core.view(found.assignment, ctx, now), history: found.history };
  }

  /** The assignment page (issue #16): the record, its history, and which actions the person may take. */
  async page(actor: Actor, id: string, now: Date): Promise<{ assignment: AssignmentView; history: AuditEvent[]; may: { act: boolean; decide: boolean } }> {
    const ctx = await this.core.contexts.load(actor, now);
    const found = await this.core.assignments.getWithHistory(ctx.orgId, id);
    if (!found || !ctx.authority.canView(actor.staffId, found.assignment)) throw new NotFoundError(`There is no assignment ${id}.`);
    const a = found.assignment;
    const delegations = await this.core.delegationsOf(ctx, actor, now);
    return {
      assignment: this.core.view(a, ctx, now),
      history: found.history,
      may: {
        act: ctx.authority.canActAsAssignee(actor.staffId, a),
        decide: ctx.authority.canDecide(actor.staffId, a, delegations, toLocalDate(now, ctx.dueRules.timeZone)).allowed,
      },
    };
  }

  async list(actor: Actor, filters: ListFilters, now: Date): Promise<{ items: AssignmentView[]; nextCursor?: string }> {
    const ctx = await this.core.contexts.load(actor, now);
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const scope = ctx.authority.viewScope(actor.staffId);
    // A filter naming someone or a unit outside the caller's scope answers nothing, before any query,
    // so neither a page nor a cursor hints at what it would have found.
    const inScope = (unitId: string | undefined) => scope.kind === 'all' || (scope.kind === 'units' && unitId !== undefined && scope.unitIds.includes(unitId));
    if (filters.assigneeId && filters.assigneeId !== actor.staffId && !inScope(ctx.authority.staff(filters.assigneeId)?.unitId)) return { items: [] };
    if (filters.unitId && !inScope(filters.unitId)) return { items: [] };
    let index: AssignmentIndex;
    if (filters.assigneeId) index = { kind: 'responsible', staffId: filters.assigneeId };
    else if (filters.unitId) index = { kind: 'unit', unitId: filters.unitId };
    else if (scope.kind === 'all' || scope.kind === 'units') index = { kind: 'org' };
    else index = { kind: 'responsible', staffId: actor.staffId };

    const states: ('open' | 'closed')[] =
      filters.overdue || filters.status === 'assigned' || filters.status === 'in-progress'
        ? ['open']
        : filters.status === 'cancelled'
          ? ['closed']
          : ['open', 'closed'];
    let dueTo = filters.dueBefore;
    if (filters.overdue) {
      const yesterday = addDays(today, -1);
      dueTo = dueTo && dueTo < yesterday ? dueTo : yesterday;
    }
    // The cursor carries which state partition the list has reached.
    const { phase, inner } = openPhaseCursor(filters.cursor, states.length);
    const state = states[phase]!;
    const page = await this.core.assignments.list({
      orgId: ctx.orgId,
      index,
      state,
      ...(filters.dueAfter ? { dueFrom: filters.dueAfter } : {}),
      ...(dueTo ? { dueTo } : {}),
      limit: filters.limit,
      ...(inner && inner !== 'start' ? { cursor: inner } : {}),
    });
    const items = page.items
      .filter((a) => ctx.authority.canView(actor.staffId, a))
      .filter((a) => !filters.status || a.status === filters.status)
      .filter((a) => !filters.sourceKind || a.source.kind === filters.sourceKind)
      .filter((a) => !filters.overdue || isOpen(a))
      .map((a) => this.core.view(a, ctx, now))
      .filter((v) => !filters.overdue || v.timeliness === 'overdue');
    const nextCursor = page.nextCursor
      ? `${phase}.${page.nextCursor}`
      : phase + 1 < states.length
        ? `${phase + 1}.start`
        : undefined;
    return nextCursor ? { items, nextCursor } : { items };
  }

  /**
   * "Việc của tôi" (issue #16): every open assignment the person answers for or coordinates,
   * whatever month it was due in: overdue first (most days first), then due soon, then within the
   * deadline; and their completed work awaiting acceptance. One Query of their own open partition
   * (GSI1) and one of the organisation's open work for what they coordinate.
   */
  async myWork(actor: Actor, now: Date): Promise<MyWork> {
    const ctx = await this.core.contexts.load(actor, now);
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const own: Assignment[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.core.assignments.list({
        orgId: ctx.orgId,
        index: { kind: 'responsible', staffId: actor.staffId },
        state: 'open',
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      own.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const coordinated = (await this.core.assignments.openCoordinatedBy(ctx.orgId, actor.staffId)).filter((a) => a.responsibleId !== actor.staffId);
    const { overdueEscalation: steps, overdueDayCounting: counting } = ctx.rulebook.settings;
    const rows = [
      ...own.map((a) => ({ a, role: 'responsible' as const })),
      ...coordinated.map((a) => ({ a, role: 'coordinator' as const })),
    ]
      .filter(({ a }) => ctx.authority.canView(actor.staffId, a))
      .map(({ a, role }): MyWorkItem => {
        const view = this.core.view(a, ctx, now);
        const days = view.timeliness === 'overdue' ? daysOverdue(a.dueDate, today, counting, ctx.calendar) : 0;
        const reached = steps.filter((s) => days >= s.afterDaysOverdue).at(-1);
        const pending = a.extensionRequests.find((r) => r.status === 'pending');
        return {
          assignment: view,
          role,
          daysOverdue: days,
          ...(reached ? { escalation: { level: reached.level, name: reached.name } } : {}),
          ...(pending ? { pendingExtension: pending } : {}),
        };
      });
    const byDue = (x: MyWorkItem, y: MyWorkItem) => (x.assignment.dueDate < y.assignment.dueDate ? -1 : x.assignment.dueDate > y.assignment.dueDate ? 1 : 0);
    const of = (t: Timeliness) => rows.filter((r) => isOpen(r.assignment) && r.assignment.timeliness === t).sort(byDue);
    return {
      overdue: of('overdue').sort((x, y) => y.daysOverdue - x.daysOverdue || byDue(x, y)),
      dueSoon: of('due-soon'),
      withinDeadline: of('within-deadline'),
      awaitingAcceptance: rows.filter((r) => r.assignment.awaitingAcceptance === true).sort(byDue),
      counting,
    };
  }
}
