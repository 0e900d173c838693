import { ulid } from 'ulidx';
import { changeEvent } from './audit-event.js';
import {
  acceptAssignment,
  cancelAssignment,
  completeAssignment,
  createAssignment,
  decideExtension,
  dueInstant,
  handOverAssignment,
  isOpen,
  recordProgress,
  requestExtension,
  returnForRework,
  timelinessAt,
  type Assignment,
  type AssignmentSource,
  type AuditEvent,
  type Confidentiality,
  type Evidence,
  type Priority,
  type Timeliness,
  type Transition,
  withdrawExtension,
} from '../domain/assignment.js';
import type { Delegation } from '../domain/authority.js';
import { daysOverdue } from '../domain/compliance/overdue.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError } from '../domain/errors.js';
import { addDays, formatInstant, toLocalDate, type LocalDate } from '../domain/local-time.js';
import type { AssignmentIndex, AssignmentRepository } from '../store/assignment-repository.js';
import type { DelegationRepository } from '../store/delegation-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { LabelledItem } from '../store/transact.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import { auditVisibility } from './audit-service.js';
import type { FileRef } from '../domain/files.js';
import type { RecordRef } from '../store/file-repository.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface CreateAssignmentInput {
  title: string;
  description?: string;
  assigneeId?: string;
  unitId?: string;
  coordinatorIds?: string[];
  dueDate: LocalDate;
  priority?: Priority;
  source?: AssignmentSource;
  confidentiality?: Confidentiality;
  fieldId?: string;
}

export interface AssignmentView extends Assignment {
  /** Where it stands now: within-deadline, due-soon, overdue; on-time, on-time-after-extension, late; cancelled. */
  timeliness: Timeliness;
  /** The instant the due date in force ends. */
  dueAt: string;
  completedOnTime?: boolean;
  /** Completed work: true until the assigner accepts it (nghiệm thu). */
  awaitingAcceptance?: boolean;
}

/** One row of "Việc của tôi": the work, where it stands today and how far any escalation went (A6). */
export interface MyWorkItem {
  readonly assignment: AssignmentView;
  /** Why it is on the person's list. */
  readonly role: 'responsible' | 'coordinator';
  /** Days overdue, counted as the rulebook counts them for A6 (working or calendar days); 0 when not overdue. */
  readonly daysOverdue: number;
  /** The last A6 escalation step reached (nhắc nhở, phê bình, kiểm điểm), if any. */
  readonly escalation?: { readonly level: string; readonly name: { readonly vi: string; readonly en: string } };
  readonly pendingExtension?: AssignmentView['extensionRequests'][number];
}

export interface MyWork {
  readonly overdue: MyWorkItem[];
  readonly dueSoon: MyWorkItem[];
  readonly withinDeadline: MyWorkItem[];
  /** Completed by the person, awaiting the assigner's acceptance. */
  readonly awaitingAcceptance: MyWorkItem[];
  readonly counting: 'working' | 'calendar';
}

export interface ListFilters {
  assigneeId?: string;
  unitId?: string;
  status?: Assignment['status'];
  overdue?: boolean;
  dueBefore?: LocalDate;
  dueAfter?: LocalDate;
  sourceKind?: AssignmentSource['kind'];
  limit: number;
  cursor?: string;
}

/** Takes the caller's pending uploads for a record (FileService.claim); ids in `kept` the record already keeps are skipped. */
export type FileClaim = (actor: Actor, ids: readonly string[], record: RecordRef, now: Date, kept?: readonly string[]) => Promise<{ files: FileRef[]; items: LabelledItem[] }>;

const idem = (operation: string, key: string | undefined, input: unknown) => (key === undefined ? undefined : { key, operation, input });

export class AssignmentService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly assignments: AssignmentRepository,
    private readonly delegations: DelegationRepository,
    private readonly idempotency: IdempotencyRepository,
    /** Evidence files (issue #22): takes the caller's uploads for this record, in its transaction. */
    private readonly claimFiles?: FileClaim,
  ) {}

  private async filesFor(actor: Actor, ids: readonly string[] | undefined, id: string, now: Date): Promise<{ files?: FileRef[]; alsoWrite?: LabelledItem[] }> {
    if (!ids?.length) return {};
    if (!this.claimFiles) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    const claimed = await this.claimFiles(actor, ids, { kind: 'assignment', id }, now);
    return { files: claimed.files, alsoWrite: claimed.items };
  }

  view(a: Assignment, ctx: OrgContext, now: Date): AssignmentView {
    const timeliness = timelinessAt(a, now, ctx.dueRules, ctx.calendar);
    return {
      ...a,
      timeliness,
      dueAt: formatInstant(dueInstant(a.dueDate, ctx.dueRules), ctx.dueRules.timeZone),
      ...(a.status === 'completed' ? { completedOnTime: timeliness !== 'late', awaitingAcceptance: a.acceptedAt === undefined } : {}),
    };
  }

  private async delegationsOf(ctx: OrgContext, staffId: string, now: Date): Promise<Delegation[]> {
    return this.delegations.currentFor(ctx.orgId, staffId, toLocalDate(now, ctx.dueRules.timeZone));
  }

  private event(ctx: OrgContext, actor: Actor, t: Transition, now: Date, onBehalfOf?: string): AuditEvent {
    return changeEvent(ctx.orgId, 'assignment', t, actor.staffId, now, onBehalfOf);
  }


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
    const delegations = await this.delegationsOf(ctx, actor.staffId, now);
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
    return { transition, event: this.event(ctx, actor, transition, now, onBehalfOf) };
  }

  /** The transaction items that create an assignment (for use cases that write more beside it). */
  createItems(prepared: { transition: Transition; event: AuditEvent }): LabelledItem[] {
    return this.assignments.writeItems({ next: prepared.transition.next, event: prepared.event, delta: prepared.transition.delta });
  }

  async create(
    actor: Actor,
    input: CreateAssignmentInput,
    now: Date,
    idempotencyKey?: string,
  ): Promise<{ status: number; body: AssignmentView; replayed: boolean }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    return commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `assignments.create.${actor.staffId}`, key: idempotencyKey, input, now }),
      decide: async () => {
        const prepared = await this.prepareCreate(ctx, actor, input, now);
        return {
          result: this.view(prepared.transition.next, ctx, now),
          status: 201,
          write: (extra) =>
            this.assignments.write({
              next: prepared.transition.next,
              event: prepared.event,
              delta: prepared.transition.delta,
              ...(extra.length ? { alsoWrite: extra } : {}),
            }),
        };
      },
    });
  }

  private async loadVisible(ctx: OrgContext, actor: Actor, id: string): Promise<Assignment> {
    const a = await this.assignments.get(ctx.orgId, id, true);
    // Not there and not visible answer alike: nobody learns that an id exists (no IDOR).
    if (!a || !ctx.authority.canView(actor.staffId, a)) throw new NotFoundError(`There is no assignment ${id}.`);
    return a;
  }

  async get(actor: Actor, id: string, now: Date): Promise<AssignmentView & { history: AuditEvent[] }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    const found = await this.assignments.getWithHistory(ctx.orgId, id);
    if (!found || !ctx.authority.canView(actor.staffId, found.assignment)) throw new NotFoundError(`There is no assignment ${id}.`);
    return { ...this.view(found.assignment, ctx, now), history: found.history };
  }

  /** The assignment page (issue #16): the record, its history, and which actions the person may take. */
  async page(actor: Actor, id: string, now: Date): Promise<{ assignment: AssignmentView; history: AuditEvent[]; may: { act: boolean; decide: boolean } }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    const found = await this.assignments.getWithHistory(ctx.orgId, id);
    if (!found || !ctx.authority.canView(actor.staffId, found.assignment)) throw new NotFoundError(`There is no assignment ${id}.`);
    const a = found.assignment;
    const delegations = await this.delegationsOf(ctx, actor.staffId, now);
    return {
      assignment: this.view(a, ctx, now),
      history: found.history,
      may: {
        act: ctx.authority.canActAsAssignee(actor.staffId, a),
        decide: ctx.authority.canDecide(actor.staffId, a, delegations, toLocalDate(now, ctx.dueRules.timeZone)).allowed,
      },
    };
  }

  /**
   * Applies a change with optimistic locking: with If-Match a stale version is 412; without it a
   * lost race is retried on the fresh state, so no update is ever silently lost. With an
   * idempotency key (a page form's `_idem`), the key's record is written in the change's own
   * transaction: a second submission of the same form answers as the first and writes nothing.
   */
  private async mutate(
    actor: Actor,
    id: string,
    now: Date,
    ifMatch: number | undefined,
    change: (
      a: Assignment,
      ctx: OrgContext,
    ) => Promise<{ transition: Transition; onBehalfOf?: string; alsoWrite?: LabelledItem[] }> | { transition: Transition; onBehalfOf?: string; alsoWrite?: LabelledItem[] },
    idempotency?: { key: string; operation: string; input: unknown },
  ): Promise<AssignmentView> {
    const ctx = await this.contexts.load(actor.orgId, now);
    const { body } = await commit({
      ...(idempotency
        ? {
            idempotency: new IdempotentRequest({
              repository: this.idempotency,
              orgId: ctx.orgId,
              scope: `assignments.${idempotency.operation}.${id}.${actor.staffId}`,
              key: idempotency.key,
              input: idempotency.input,
              now,
            }),
          }
        : {}),
      load: () => this.loadVisible(ctx, actor, id),
      ifMatch: { expected: ifMatch, current: (a) => a.version },
      stale: (a) =>
        a
          ? new PreconditionFailedError(`The assignment is at version ${a.version}, not ${ifMatch}.`, a.version)
          : new PreconditionFailedError('The assignment changed while this update was being made.'),
      conflict: (part) =>
        part === 'file' ? new UnprocessableError('A file was attached elsewhere meanwhile.', [{ path: 'body.files', message: 'an upload serves one record once' }]) : undefined,
      decide: async (current) => {
        const { transition, onBehalfOf, alsoWrite: changeItems = [] } = await change(current, ctx);
        return {
          result: this.view(transition.next, ctx, now),
          write: (extra) => {
            const alsoWrite = [...changeItems, ...extra];
            return this.assignments.write({
              next: transition.next,
              event: this.event(ctx, actor, transition, now, onBehalfOf),
              delta: transition.delta,
              expectedVersion: current.version,
              ...(alsoWrite.length ? { alsoWrite } : {}),
            });
          },
        };
      },
    });
    return body;
  }

  private requireAssignee(ctx: OrgContext, actor: Actor, a: Assignment, doing: string): void {
    if (!ctx.authority.canActAsAssignee(actor.staffId, a)) {
      throw new ForbiddenError(`Only the person who answers for this assignment may ${doing}.`, 'A1');
    }
  }

  private async requireDecider(ctx: OrgContext, actor: Actor, a: Assignment, now: Date, doing: string): Promise<string | undefined> {
    const decision = ctx.authority.canDecide(actor.staffId, a, await this.delegationsOf(ctx, actor.staffId, now), toLocalDate(now, ctx.dueRules.timeZone));
    if (!decision.allowed) throw new ForbiddenError(`Only the assigner or their superior may ${doing}: ${decision.reason}`, decision.rule);
    return decision.onBehalfOf;
  }

  progress(actor: Actor, id: string, input: { percent: number; note: string; files?: string[] }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        this.requireAssignee(ctx, actor, a, 'record progress');
        const { files: ids, ...progress } = input;
        recordProgress(a, progress, now); // refuses a closed assignment or an empty note before any file is touched
        const { files, alsoWrite } = await this.filesFor(actor, ids, a.id, now);
        return { transition: recordProgress(a, { ...progress, ...(files ? { files } : {}) }, now), ...(alsoWrite ? { alsoWrite } : {}) };
      },
      idem('progress', idempotencyKey, input),
    );
  }

  complete(actor: Actor, id: string, input: { note: string; evidence?: Evidence[]; files?: string[] }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        this.requireAssignee(ctx, actor, a, 'complete it');
        const { files: ids, ...completion } = input;
        completeAssignment(a, completion, now, ctx.dueRules);
        const { files, alsoWrite } = await this.filesFor(actor, ids, a.id, now);
        return { transition: completeAssignment(a, { ...completion, ...(files ? { files } : {}) }, now, ctx.dueRules), ...(alsoWrite ? { alsoWrite } : {}) };
      },
      idem('complete', idempotencyKey, input),
    );
  }

  returnForRework(actor: Actor, id: string, input: { reason: string }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        const onBehalfOf = await this.requireDecider(ctx, actor, a, now, 'return it for rework');
        return { transition: returnForRework(a, input, now), ...(onBehalfOf ? { onBehalfOf } : {}) };
      },
      idem('return', idempotencyKey, input),
    );
  }

  /** Acceptance (nghiệm thu) of completed work: whoever may return it may accept it. */
  accept(actor: Actor, id: string, input: { note?: string }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        const onBehalfOf = await this.requireDecider(ctx, actor, a, now, 'accept it');
        return {
          transition: acceptAssignment(a, { ...input, acceptedBy: actor.staffId, ...(onBehalfOf ? { onBehalfOf } : {}) }, now),
          ...(onBehalfOf ? { onBehalfOf } : {}),
        };
      },
      idem('accept', idempotencyKey, input),
    );
  }

  cancel(actor: Actor, id: string, input: { reason: string }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        const onBehalfOf = await this.requireDecider(ctx, actor, a, now, 'cancel it');
        return { transition: cancelAssignment(a, input, now), ...(onBehalfOf ? { onBehalfOf } : {}) };
      },
      idem('cancel', idempotencyKey, input),
    );
  }

  requestExtension(actor: Actor, id: string, input: { newDueDate: LocalDate; reason: string }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    const requestId = ulid(now.getTime());
    return this.mutate(
      actor,
      id,
      now,
      ifMatch,
      (a, ctx) => {
        this.requireAssignee(ctx, actor, a, 'ask for an extension');
        return { transition: requestExtension(a, { id: requestId, ...input, requestedBy: actor.staffId }, now) };
      },
      idem('extension-request', idempotencyKey, input),
    );
  }

  /** The requester (or whoever now answers for the work) withdraws a pending extension request. */
  withdrawExtension(actor: Actor, id: string, requestId: string, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.mutate(
      actor,
      id,
      now,
      ifMatch,
      (a, ctx) => {
        this.requireAssignee(ctx, actor, a, 'withdraw its extension request');
        return { transition: withdrawExtension(a, { requestId, withdrawnBy: actor.staffId }, now) };
      },
      idem('extension-withdraw', idempotencyKey, { requestId }),
    );
  }

  decideExtension(
    actor: Actor,
    id: string,
    requestId: string,
    input: { approve: boolean; note?: string },
    now: Date,
    ifMatch?: number,
    idempotencyKey?: string,
  ) {
    return this.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        const onBehalfOf = await this.requireDecider(ctx, actor, a, now, 'decide an extension');
        return {
          transition: decideExtension(a, { requestId, ...input, decidedBy: actor.staffId, ...(onBehalfOf ? { onBehalfOf } : {}) }, now),
          ...(onBehalfOf ? { onBehalfOf } : {}),
        };
      },
      idem('extension-decision', idempotencyKey, { requestId, ...input }),
    );
  }

  async list(actor: Actor, filters: ListFilters, now: Date): Promise<{ items: AssignmentView[]; nextCursor?: string }> {
    const ctx = await this.contexts.load(actor.orgId, now);
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
    let phase = 0;
    let inner: string | undefined;
    if (filters.cursor) {
      const dot = filters.cursor.indexOf('.');
      phase = Number(filters.cursor.slice(0, dot));
      inner = filters.cursor.slice(dot + 1);
      if (dot < 1 || !(phase >= 0 && phase < states.length) || !inner) {
        throw new ValidationError('The cursor is not one this list gave out.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
      }
    }
    const state = states[phase]!;
    const page = await this.assignments.list({
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
      .map((a) => this.view(a, ctx, now))
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
    const ctx = await this.contexts.load(actor.orgId, now);
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const own: Assignment[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.assignments.list({
        orgId: ctx.orgId,
        index: { kind: 'responsible', staffId: actor.staffId },
        state: 'open',
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      own.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const coordinated = (await this.assignments.openCoordinatedBy(ctx.orgId, actor.staffId)).filter((a) => a.responsibleId !== actor.staffId);
    const { overdueEscalation: steps, overdueDayCounting: counting } = ctx.rulebook.settings;
    const rows = [
      ...own.map((a) => ({ a, role: 'responsible' as const })),
      ...coordinated.map((a) => ({ a, role: 'coordinator' as const })),
    ]
      .filter(({ a }) => ctx.authority.canView(actor.staffId, a))
      .map(({ a, role }): MyWorkItem => {
        const view = this.view(a, ctx, now);
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

  /**
   * Whom the person may assign work to (A1–A4), for the form that offers only those: each active
   * person and each unit with a head that `canAssign` allows today, with or without a field (A3).
   */
  async assignable(
    actor: Actor,
    now: Date,
  ): Promise<{ staffIds: string[]; unitIds: string[]; fields: { id: string; name: { vi: string; en: string } }[]; today: LocalDate }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    const delegations = await this.delegationsOf(ctx, actor.staffId, now);
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

  /**
   * Hands every open assignment `fromStaffId` answers for to `successorId` (their employment
   * ended). Each is its own transaction; rerunning after a crash finishes what is left.
   */
  async handOverOpenWork(ctx: OrgContext, by: Actor, fromStaffId: string, successorId: string, reason: string, now: Date): Promise<string[]> {
    const successor = ctx.authority.staff(successorId);
    if (!successor?.active) {
      throw new ValidationError('The successor must be a current staff member.', [{ path: 'body.successorId', message: `no current staff member ${successorId}` }]);
    }
    const open: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.assignments.list({
        orgId: ctx.orgId,
        index: { kind: 'responsible', staffId: fromStaffId },
        state: 'open',
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      open.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    const handed: string[] = [];
    for (const id of open) {
      const { body: moved } = await commit({
        load: () => this.assignments.get(ctx.orgId, id, true),
        decide: (current) => {
          if (!current || !isOpen(current) || current.responsibleId !== fromStaffId) return { result: false };
          const t = handOverAssignment(current, { successorId, successorUnitId: successor.unitId, reason }, now);
          return {
            result: true,
            write: () =>
              this.assignments.write({
                next: t.next,
                event: this.event(ctx, by, t, now),
                delta: t.delta,
                ...(t.left ? { left: t.left } : {}),
                expectedVersion: current.version,
              }),
          };
        },
      });
      if (moved) handed.push(id);
    }
    return handed;
  }

  /** Audit visibility of assignments: whoever may see the assignment. */
  readonly auditVisibility = auditVisibility(['assignment'], async (ctx, actor, entityId) => {
    const a = await this.assignments.get(ctx.orgId, entityId);
    return a ? ctx.authority.canView(actor.staffId, a) : undefined;
  });

  /** Audit visibility of delegations: the two parties, and those who see the whole department. */
  readonly delegationAuditVisibility = auditVisibility(['delegation'], async (ctx, actor, entityId) => {
    const d = await this.delegations.get(ctx.orgId, entityId);
    if (!d) return undefined;
    return [d.delegatorId, d.delegateId].includes(actor.staffId) || ctx.authority.viewScope(actor.staffId).kind === 'all';
  });
}
