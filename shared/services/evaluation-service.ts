/**
 * The evaluation cycle (issue #23; E1, Điều 24): a person's dossier for a month or a year, the
 * level the rulebook's criteria suggest, and the steps people take (self-assessment, the head's
 * comment, the board's collective review for heads and deputies (Điều 3.2), the director's
 * decision, publication), each written with its audit event in one transaction.
 *
 * Who sees a dossier: the person, the head and deputy heads of their unit, the director and the
 * deputy directors (the board); anyone else gets 404, as for an id that does not exist.
 */
import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.js';
import {
  applyStep,
  dossierOf,
  DOSSIER_FIGURES,
  evaluationId,
  evaluationPeriod,
  headCommenterOf,
  isUnitManager,
  ratedPerson,
  stageOf,
  stepBlocked,
  stepDueAt,
  stepsFor,
  suggestLevel,
  unitShareOf,
  type Dossier,
  type EscalationLevelReached,
  type Evaluation,
  type SuggestedAtStep,
  type Suggestion,
} from '../domain/evaluation.js';
import { formatInstant, toLocalDate } from '../domain/local-time.js';
import type { StaffMember } from '../domain/organisation.js';
import type { EvaluationLevelId, EvaluationSettings, EvaluationStepId } from '../rulebook/schema.js';
import { unitDeputyRole, unitHeadRole } from '../rulebook/roles.js';
import type { DelegationRepository } from '../store/delegation-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { EvaluationRepository } from '../store/evaluation-repository.js';
import { auditVisibility } from './audit-service.js';
import type { DashboardService, RecordView } from './dashboard-service.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface StepInput {
  text?: string;
  level?: EvaluationLevelId;
  reason?: string;
}

export interface StepView {
  step: EvaluationStepId;
  rule: string;
  article: string;
  dueAt: string;
  done: boolean;
}

export interface DossierView {
  person: { staffId: string; name: string; unitId: string; manager: boolean };
  period: { id: string; kind: 'month' | 'year'; start: string; end: string };
  asOf: string;
  dossier: Dossier;
  /** The unit's share, for a manager (their unit's criteria). */
  unitShare?: { onTime: number; settled: number };
  /** Counted records the reader may not open (confidential, D2). */
  hidden: number;
  suggestion: Suggestion;
  evaluation: Evaluation | null;
  steps: StepView[];
  /** What the reader may do next. */
  canTake: EvaluationStepId[];
  history: AuditEvent[];
}

const recordId = (r: RecordView): string => (r.type === 'report' ? (r.reportId ?? r.key) : r.id);

export class EvaluationService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly repository: EvaluationRepository,
    private readonly dashboard: DashboardService,
    private readonly delegations: DelegationRepository,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  // -------------------------------------------------------------------------------------
  // Who

  private settings(ctx: OrgContext): EvaluationSettings {
    const s = ctx.rulebook.evaluation;
    if (!s) throw new NotFoundError('This organisation does not rate its staff in the tracker.');
    return s;
  }

  /** A person rated here: active, outside the board (the province rates the board). */
  private person(ctx: OrgContext, staffId: string): StaffMember | undefined {
    return ratedPerson(ctx.authority, staffId);
  }

  private isBoard(ctx: OrgContext, actorId: string): boolean {
    const me = ctx.authority.staff(actorId);
    return !!me?.active && (me.roles.includes('director') || me.roles.includes('deputy-director'));
  }

  private isManager(ctx: OrgContext, p: StaffMember): boolean {
    return isUnitManager(p.roles, ctx.authority.unit(p.unitId)!.kind);
  }

  /** The person, their unit's head and deputies, the board. */
  private canSee(ctx: OrgContext, actorId: string, p: StaffMember): boolean {
    if (actorId === p.id) return true;
    if (this.isBoard(ctx, actorId)) return true;
    const me = ctx.authority.staff(actorId);
    if (!me?.active || me.unitId !== p.unitId) return false;
    const kind = ctx.authority.unit(p.unitId)!.kind;
    return me.roles.includes(unitHeadRole(kind)) || me.roles.includes(unitDeputyRole(kind));
  }

  /** The one who comments for the person's unit: its head; for the head themselves, the leader overseeing the unit (A1), else the director. */
  private commenterOf(ctx: OrgContext, p: StaffMember): string | undefined {
    return headCommenterOf(ctx.authority, p);
  }

  /** A deputy director holding the director's authority today (A2, Điều 3.3.3). */
  private async actsAsDirector(ctx: OrgContext, actor: Actor, now: Date): Promise<boolean> {
    if (!actor.roles.includes('deputy-director')) return false;
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const current = await this.delegations.currentFor(ctx.orgId, actor.staffId, today);
    return ctx.authority.activeDelegations(actor.staffId, current, today).some((d) => d.scope === 'department');
  }

  private async mayTake(ctx: OrgContext, actor: Actor, p: StaffMember, step: EvaluationStepId, now: Date): Promise<{ ok: boolean; acting?: boolean }> {
    switch (step) {
      case 'self-assessment':
        return { ok: actor.staffId === p.id };
      case 'head-comment':
        return { ok: this.commenterOf(ctx, p) === actor.staffId };
      case 'board-review':
        return { ok: this.isBoard(ctx, actor.staffId) && actor.staffId !== p.id };
      case 'director-decision':
      case 'publication': {
        if (ctx.authority.director()?.id === actor.staffId) return { ok: true };
        const acting = await this.actsAsDirector(ctx, actor, now);
        return { ok: acting, acting };
      }
    }
  }

  private visiblePerson(ctx: OrgContext, actor: Actor, staffId: string): StaffMember {
    const p = this.person(ctx, staffId);
    if (!p || !this.canSee(ctx, actor.staffId, p)) throw new NotFoundError(`There is no evaluation of ${staffId} you may see.`);
    return p;
  }

  // -------------------------------------------------------------------------------------
  // Reading

  async dossier(actor: Actor, staffId: string, periodId: string, now: Date): Promise<DossierView> {
    const ctx = await this.contexts.load(actor, now);
    const settings = this.settings(ctx);
    const p = this.visiblePerson(ctx, actor, staffId);
    const period = evaluationPeriod(settings, periodId, 'query.period');
    const manager = this.isManager(ctx, p);
    const figureNames = [...DOSSIER_FIGURES.filter((f) => !f.startsWith('findings.')), 'findings.detected' as const];
    const [reading, evaluation] = await Promise.all([
      this.dashboard.evaluationReading(actor, { staffId: p.id, unitId: p.unitId }, period.id, figureNames, manager, now),
      this.repository.get(ctx.orgId, evaluationId(period.id, p.id)),
    ]);
    const ids = (name: (typeof figureNames)[number]) => (reading.records[name] ?? []).map(recordId);
    const found = (reading.records['findings.detected'] ?? []).filter((r): r is Extract<RecordView, { type: 'finding' }> => r.type === 'finding');
    const dossier = dossierOf({ staffId: p.id, unitId: p.unitId }, period, reading.figures, {
      ids: {
        'assignments.completedOnTime': ids('assignments.completedOnTime'),
        'assignments.completedAfterExtension': ids('assignments.completedAfterExtension'),
        'assignments.completedLate': ids('assignments.completedLate'),
        'assignments.overdue': ids('assignments.overdue'),
        'reports.onTime': ids('reports.onTime'),
        'reports.late': ids('reports.late'),
        'reports.missing': ids('reports.missing'),
        'meetings.conclusionsOnTime': ids('meetings.conclusionsOnTime'),
        'meetings.conclusionsLate': ids('meetings.conclusionsLate'),
        'findings.resolved': found.filter((f) => f.resolvedAt !== undefined).map((f) => f.id),
        'findings.open': found.filter((f) => f.resolvedAt === undefined).map((f) => f.id),
      },
      findings: found.map((f) => ({ id: f.id, ...(f.escalation ? { escalation: f.escalation.level as EscalationLevelReached } : {}) })),
    });
    const unitShare = reading.unitFigures ? unitShareOf(reading.unitFigures.assignments) : undefined;
    const suggestion = suggestLevel(settings, { manager, person: dossier.share, ...(unitShare ? { unit: unitShare } : {}) });
    const tz = ctx.dueRules.timeZone;
    const order = stepsFor(manager);
    const steps = order.map((step) => {
      const s = settings.steps.find((x) => x.step === step)!;
      return {
        step,
        rule: s.rule,
        article: s.article,
        dueAt: formatInstant(stepDueAt(settings, step, period, ctx.calendarOn(period.start), tz), tz),
        done: stepDone(evaluation, step),
      };
    });
    const canTake: EvaluationStepId[] = [];
    for (const step of order) {
      if (stepBlocked(evaluation, step, manager) === undefined && (await this.mayTake(ctx, actor, p, step, now)).ok) canTake.push(step);
    }
    return {
      person: { staffId: p.id, name: p.name, unitId: p.unitId, manager },
      period: { id: period.id, kind: period.kind, start: period.start, end: period.end },
      asOf: formatInstant(now, tz),
      dossier,
      ...(unitShare ? { unitShare } : {}),
      hidden: reading.hidden,
      suggestion,
      evaluation: evaluation ? this.asSeenBy(actor, evaluation) : null,
      steps,
      canTake,
      history: evaluation ? (await this.repository.history(ctx.orgId, evaluation.id)).filter((ev) => this.asSeenBy(actor, evaluation).decision || ev.action !== 'director-decision') : [],
    };
  }

  /** The person learns the decision when it is published (E6), not before. */
  private asSeenBy(actor: Actor, e: Evaluation): Evaluation {
    if (actor.staffId !== e.staffId || e.publishedAt) return e;
    const { decision: _hidden, ...rest } = e;
    return rest;
  }

  /** A period's evaluations the reader may see: the board all, a head their unit's, anyone else their own. */
  async list(actor: Actor, periodId: string, now: Date, unitId?: string) {
    const ctx = await this.contexts.load(actor, now);
    const settings = this.settings(ctx);
    const period = evaluationPeriod(settings, periodId, 'query.period');
    const people = ctx.snapshot.staff
      .map((s) => this.person(ctx, s.id))
      .filter((p): p is StaffMember => p !== undefined && this.canSee(ctx, actor.staffId, p) && (unitId === undefined || p.unitId === unitId));
    const units = new Set(people.map((p) => p.unitId));
    const records = this.isBoard(ctx, actor.staffId) && unitId === undefined
      ? await this.repository.listPeriod(ctx.orgId, period.id)
      : (await Promise.all([...units].map((u) => this.repository.listPeriod(ctx.orgId, period.id, u)))).flat();
    const byStaff = new Map(records.map((r) => [r.staffId, r]));
    // Everyone's figures in one read: the board's the department, a head's the unit, anyone else's their own.
    const me = ctx.authority.staff(actor.staffId);
    const scope: Parameters<DashboardService['assignmentFiguresOf']>[1] =
      this.isBoard(ctx, actor.staffId) && unitId === undefined
        ? { kind: 'department' }
        : people.length === 1 && people[0]!.id === actor.staffId
          ? { kind: 'person', staffId: actor.staffId, unitId: me!.unitId }
          : { kind: 'units', unitIds: [...units] };
    const figures = people.length ? await this.dashboard.assignmentFiguresOf(actor, scope, period.id, now) : undefined;
    return {
      period: { id: period.id, kind: period.kind },
      items: people.map((p) => {
        const e = byStaff.get(p.id);
        const decided = e?.decision && (e.publishedAt || p.id !== actor.staffId) ? e.decision : undefined;
        const manager = this.isManager(ctx, p);
        // The level the criteria suggest now, as the dossier computes it (E1).
        const share = unitShareOf(figures!.person(p.unitId, p.id));
        const s = suggestLevel(settings, { manager, person: share, ...(manager ? { unit: unitShareOf(figures!.unit(p.unitId)) } : {}) });
        const suggested: SuggestedAtStep = { level: s.level, reason: s.reason, ...share };
        return { staffId: p.id, name: p.name, unitId: p.unitId, manager, stage: stageOf(e), ...(decided ? { level: decided.level } : {}), suggested, published: !!e?.publishedAt };
      }),
    };
  }

  /**
   * The words and dates the pages show beside a period's evaluations: the levels, the steps with
   * their deadlines for the period, the criteria; and whether the reader sits on the board.
   */
  async terms(actor: Actor, periodId: string, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    const settings = this.settings(ctx);
    const period = evaluationPeriod(settings, periodId, 'query.period');
    const tz = ctx.dueRules.timeZone;
    const calendar = ctx.calendarOn(period.start);
    return {
      period: { id: period.id, kind: period.kind },
      levels: settings.levels.map((l) => ({ id: l.id, name: l.name, decreeArticle: l.decreeArticle })),
      steps: settings.steps.map((s) => ({ step: s.step, rule: s.rule, article: s.article, title: s.title, dueAt: formatInstant(stepDueAt(settings, s.step, period, calendar, tz), tz) })),
      criteria: settings.criteria.map((c) => ({ id: c.id, level: c.level, appliesTo: c.appliesTo, decreeArticle: c.decreeArticle, text: c.text })),
      board: this.isBoard(ctx, actor.staffId),
    };
  }

  // -------------------------------------------------------------------------------------
  // The steps

  async takeStep(
    actor: Actor,
    staffId: string,
    periodId: string,
    step: EvaluationStepId,
    input: StepInput,
    now: Date,
    options: { ifMatch?: number; idempotencyKey?: string } = {},
  ): Promise<{ status: number; body: Evaluation; replayed: boolean }> {
    const ctx = await this.contexts.load(actor, now);
    const settings = this.settings(ctx);
    // Authorise before reading the body's values: who may not see the person learns nothing.
    const p = this.visiblePerson(ctx, actor, staffId);
    const may = await this.mayTake(ctx, actor, p, step, now);
    const s = settings.steps.find((x) => x.step === step)!;
    if (!may.ok) throw new ForbiddenError(`You may not take the ${step} step of ${p.name}'s evaluation (${s.rule}, ${s.article}).`, s.rule);
    const period = evaluationPeriod(settings, periodId, 'body.period');
    const request = new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `evaluation.${step}.${actor.staffId}`, key: options.idempotencyKey, input: { staffId, period: period.id, step, input }, now });
    const first = await request.replay<Evaluation>();
    if (first) return first;
    const issues: { path: string; message: string }[] = [];
    if (step !== 'publication') {
      if (input.level === undefined) issues.push({ path: 'body.level', message: `required: one of ${settings.levels.map((l) => l.id).join(', ')}` });
      if (step !== 'director-decision' && !input.text?.trim()) issues.push({ path: 'body.text', message: 'required' });
    }
    if (issues.length) throw new ValidationError('The step is incomplete.', issues);
    return commit({
      idempotency: request,
      load: () => this.repository.get(ctx.orgId, evaluationId(period.id, p.id)),
      ifMatch: { expected: options.ifMatch, current: (current) => current?.version ?? 0 },
      // One read: a step decided on a moved evaluation is refused, never decided again.
      retry: false,
      stale: (current) =>
        current === undefined && options.ifMatch === undefined
          ? new PreconditionFailedError('The evaluation changed while this step was being taken; read it again.')
          : new PreconditionFailedError(`The evaluation is at version ${current?.version ?? 0}, not ${options.ifMatch}.`, current?.version ?? 0),
      decide: async (current) => {
        const manager = current?.manager ?? this.isManager(ctx, p);
        const blocked = stepBlocked(current, step, manager);
        if (blocked) throw new ValidationError(blocked, [{ path: 'body.step', message: blocked }]);
        // The suggestion beside the proposal or decision, kept with it: the figures may move later (E1, Điều 24).
        let suggested: SuggestedAtStep | undefined;
        if (step !== 'publication') {
          const reading = await this.dashboard.evaluationReading(actor, { staffId: p.id, unitId: p.unitId }, period.id, [], manager, now);
          const share = unitShareOf(reading.figures.assignments);
          const s = suggestLevel(settings, { manager, person: share, ...(reading.unitFigures ? { unit: unitShareOf(reading.unitFigures.assignments) } : {}) });
          suggested = { level: s.level, reason: s.reason, ...share };
        }
        const next = applyStep(
          current,
          { orgId: ctx.orgId, staffId: p.id, unitId: p.unitId, period: period.id, manager },
          step,
          { ...(input.text !== undefined ? { text: input.text.trim() } : {}), ...(input.level ? { level: input.level } : {}), ...(input.reason !== undefined ? { reason: input.reason } : {}), ...(may.acting ? { actingForDirector: true } : {}), ...(suggested ? { suggested } : {}) },
          actor.staffId,
          now,
        );
        const event: AuditEvent = {
          id: ulid(now.getTime()),
          orgId: ctx.orgId,
          entityType: 'evaluation',
          entityId: next.id,
          action: step,
          actorId: actor.staffId,
          at: now.toISOString(),
          version: next.version,
          data: { ...input, ...(may.acting ? { actingForDirector: true } : {}) },
        };
        return {
          result: next,
          status: current ? 200 : 201,
          write: (extra) => this.repository.write([...this.repository.items(next, event, current?.version), ...extra]),
        };
      },
    });
  }

  readonly auditVisibility = auditVisibility(['evaluation'], async (ctx, actor, entityId) => {
    const m = /^eval\.([^.]+)\.(.+)$/.exec(entityId);
    const p = m ? this.person(ctx, m[2]!) : undefined;
    if (!p) return undefined;
    // The person reads their evaluation's history once the level is published (E6).
    if (actor.staffId === p.id) return !!(await this.repository.get(ctx.orgId, entityId))?.publishedAt;
    return this.canSee(ctx, actor.staffId, p);
  });
}

function stepDone(e: Evaluation | undefined, step: EvaluationStepId): boolean {
  if (!e) return false;
  return step === 'self-assessment' ? !!e.selfAssessment : step === 'head-comment' ? !!e.headComment : step === 'board-review' ? !!e.boardReview : step === 'director-decision' ? !!e.decision : !!e.publishedAt;
}
