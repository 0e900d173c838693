import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import { isOnTime } from '../domain/deadlines.js';
import { missingEvidence, missingEvidenceConflict } from '../domain/board-matter.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError } from '../domain/errors.js';
import type { FileRef } from '../domain/files.js';
import { formatInstant, toLocalDate } from '../domain/local-time.js';
import type { Notification, NotificationKind } from '../domain/notification.js';
import {
  eventObligations,
  obligationStatus,
  periodicObligations,
  type ObligationInstance,
  type ObligationStatus,
  type OrgSnapshot,
} from '../domain/obligations.js';
import { parsePeriod, PERIOD_KINDS, periodEndInstant, periodStartInstant, subPeriods as subPeriodsOf, type Period } from '../domain/periods.js';
import { approvePlan, isDepartmentPlan, planApprovers, reportKindOf } from '../domain/plan.js';
import {
  acknowledgeReport,
  canSeeReportsOf,
  canSeeUnitReports,
  reportStatus,
  returnReport,
  revisionStatus,
  submitReport,
  type Attachment,
  type Report,
  type ReportKind,
  type ReportRevision,
  type ReportTransition,
  type ReviewStatus,
} from '../domain/report.js';
import { counterPeriodsOf } from '../store/assignment-repository.js';
import type { BoardMatterRepository } from '../store/board-matter-repository.js';
import type { DelegationRepository } from '../store/delegation-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { MissionRepository } from '../store/mission-repository.js';
import type { ReportRepository, ReportScope } from '../store/report-repository.js';
import type { FileClaim } from './assignment-service.js';
import type { RecordRef } from '../store/file-repository.js';
import type { LabelledItem } from '../store/transact.js';
import { auditVisibility } from './audit-service.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { NotificationService } from './notification-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface SubmitReportInput {
  /** May be left out of a plan when exactly one plan is owed for the period. */
  obligationId?: string;
  /** The period of a periodic obligation… */
  period?: string;
  /** …or the mission of an R5 report. */
  missionId?: string;
  content: string;
  attachments?: Attachment[];
  /** Upload ids (POST /v1/uploads) of the caller's files to keep with this submission (issue #22). */
  files?: string[];
  /** Required to change an approved plan (Điều 10.1). */
  reason?: string;
}

export interface ObligationsQuery {
  period: string;
  staffId?: string;
  unitId?: string;
  /** Also the finer cadences within the period (the weeks and months of a quarter). */
  subPeriods?: boolean;
  limit: number;
  cursor?: string;
}

export interface ObligationView {
  key: string;
  obligationId: string;
  kind: ReportKind;
  rule: string;
  article: string;
  title: { vi: string; en: string };
  staffId: string;
  unitId: string;
  recipients: string[];
  /** The obligation's period; for a mission report, the period asked about. */
  period: string;
  cadence?: string;
  missionId?: string;
  missionEndedOn?: string;
  dueAt: string;
  dataCutOffAt?: string;
  status: ObligationStatus;
  reportId?: string;
  submittedAt?: string;
  lastSubmittedAt?: string;
  revision?: number;
  reviewStatus?: ReviewStatus;
}

export type ReportView = Omit<Report, 'orgId' | 'dueAt' | 'firstSubmittedAt' | 'lastSubmittedAt' | 'periodId' | 'event'> & {
  period?: string;
  missionId?: string;
  missionEndedOn?: string;
  dueAt: string;
  status: 'submitted' | 'late';
  /** This (latest) submission's time and whether it came after the deadline. */
  submittedAt: string;
  late: boolean;
  firstSubmittedAt: string;
  /** In a submission's answer: the files kept with it (each revision lists its own in GET). */
  files?: readonly FileRef[];
};

/** Retries of a change that lost a race (no If-Match). */

const reportIdOf = (kind: ReportKind, key: string) => `${kind === 'plan' ? 'plan' : 'rep'}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

const orgOf = (ctx: OrgContext): OrgSnapshot => ctx.obligationOrg;

function requirePeriod(id: string, path: string): Period {
  const period = parsePeriod(id);
  if (!period) throw new ValidationError(`Unknown period '${id}'.`, [{ path, message: 'must be a period such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026' }]);
  return period;
}

/** The opaque cursor of a computed list: the offset, bound to the query it belongs to. */
function pageCursor(query: string, offset: number): string {
  return Buffer.from(JSON.stringify({ q: query, o: offset }), 'utf8').toString('base64url');
}

function offsetOf(cursor: string | undefined, query: string): number {
  if (cursor === undefined) return 0;
  try {
    const { q, o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { q?: unknown; o?: unknown };
    if (q === query && Number.isSafeInteger(o) && (o as number) > 0) return o as number;
  } catch {
    // fall through
  }
  throw new ValidationError('The cursor is not one this list gave out.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
}

/**
 * Periodic reports, plans and mission reports: what each person owes from the rulebook, the
 * submissions stamped with the server's time, and the recipients' answers.
 */
export class ReportService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly reports: ReportRepository,
    private readonly missions: MissionRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly notifications: NotificationService,
    /** After a late first submission or a decision on a plan: re-checks the rule's open findings (ComplianceService.recheck, issue #6). */
    private readonly afterLateSubmission: (orgId: string, rule: string, at: Date) => Promise<void> = async () => {},
    /** The board's matters, read when a plan's approval must rest on one (A5, Điều 3.2). */
    private readonly boardMatters?: BoardMatterRepository,
    /** The delegations, to find a deputy acting for the director (A2) who may decide plans in the director's place. */
    private readonly delegations?: Pick<DelegationRepository, 'currentFor'>,
    /** Evidence files (issue #22): takes the caller's uploads for a submission, in its transaction. */
    private readonly claimFiles?: FileClaim,
  ) {}

  private async filesFor(actor: Actor, ids: readonly string[] | undefined, record: RecordRef, now: Date): Promise<{ files: FileRef[]; items: LabelledItem[] }> {
    if (!ids?.length) return { files: [], items: [] };
    if (!this.claimFiles) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    return this.claimFiles(actor, ids, record, now);
  }

  /** True when the actor is a deputy director holding the director's authority today (A2, Điều 3.3.3). */
  private async actsAsDirector(ctx: OrgContext, actor: Actor, now: Date): Promise<boolean> {
    if (!this.delegations || !actor.roles.includes('deputy-director')) return false;
    const today = toLocalDate(now, ctx.rulebook.organisation.timeZone);
    const current = await this.delegations.currentFor(ctx.orgId, actor.staffId, today);
    return ctx.authority.activeDelegations(actor.staffId, current, today).some((d) => d.scope === 'department');
  }

  /** Everything owed in the period by a person or a unit: the rulebook's cadences, and R5 from missions ending in it. */
  private async instancesFor(ctx: OrgContext, period: Period, who: { staffId: string } | { unitId: string }, subPeriods = false): Promise<ObligationInstance[]> {
    const org = orgOf(ctx);
    // Each period is judged by the rulebook in force when it began (an amendment from 1 March
    // leaves February's deadlines as they were), so sub-periods are generated one by one.
    const finer = subPeriods ? PERIOD_KINDS.slice(0, PERIOD_KINDS.indexOf(period.kind)).flatMap((kind) => subPeriodsOf(period, kind)) : [];
    const periodic = [period, ...finer].flatMap((p) =>
      periodicObligations(ctx.rulebookOn(p.start), org, ctx.calendarOn(p.start), {
        periodId: p.id,
        ...('staffId' in who ? { staffIds: [who.staffId] } : { unitId: who.unitId }),
      }),
    );
    const missions = await this.missions.listEnding(ctx.orgId, 'staffId' in who ? { kind: 'staff', ...who } : { kind: 'unit', ...who }, period.start, period.end);
    const events = missions.flatMap((m) =>
      eventObligations(ctx.rulebookOn(m.to), org, ctx.calendarOn(m.to), { kind: 'mission-ended', staffId: m.staffId, ref: m.id, date: m.to }),
    );
    return [...periodic, ...events].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async obligations(actor: Actor, query: ObligationsQuery, now: Date) {
    const ctx = await this.contexts.load(actor.orgId);
    const period = requirePeriod(query.period, 'query.period');
    if (query.staffId !== undefined && query.unitId !== undefined) {
      throw new ValidationError('Ask for a person or a unit, not both.', [{ path: 'query.unitId', message: 'give staffId or unitId, not both' }]);
    }
    const { authority } = ctx;
    let instances: ObligationInstance[];
    let scope: ReportScope;
    if (query.unitId !== undefined) {
      if (!authority.unit(query.unitId) || !canSeeUnitReports(authority, actor.staffId, query.unitId)) {
        throw new NotFoundError(`There is no unit ${query.unitId} whose reports you may see.`);
      }
      instances = await this.instancesFor(ctx, period, { unitId: query.unitId }, query.subPeriods);
      scope = { kind: 'unit', unitId: query.unitId };
    } else {
      const staffId = query.staffId ?? actor.staffId;
      const person = authority.staff(staffId);
      if (!person) throw new NotFoundError(`There is no staff member ${staffId} whose reports you may see.`);
      instances = await this.instancesFor(ctx, period, { staffId }, query.subPeriods);
      if (!canSeeReportsOf(authority, actor.staffId, { staffId, unitId: person.unitId })) {
        // A recipient who is not the person's superior sees only what is addressed to them.
        instances = instances.filter((i) => i.recipients.includes(actor.staffId));
        if (instances.length === 0) throw new NotFoundError(`There is no staff member ${staffId} whose reports you may see.`);
      }
      scope = { kind: 'staff', staffId };
    }
    const cursorQuery = [period.id, query.staffId ?? (query.unitId ? `unit:${query.unitId}` : actor.staffId), query.subPeriods ? 1 : 0].join('|');
    const offset = offsetOf(query.cursor, cursorQuery);
    const page = instances.slice(offset, offset + query.limit);
    const submitted = new Map<string, Report>();
    if (page.length > 0) {
      const found = await this.reports.listDue(ctx.orgId, scope, page[0]!.dueAt, page[page.length - 1]!.dueAt);
      for (const r of found) submitted.set(r.key, r);
    }
    const timeZone = ctx.rulebook.organisation.timeZone;
    const items = page.map((i) => this.obligationView(i, submitted.get(i.key), period.id, now, timeZone));
    const next = offset + query.limit < instances.length ? pageCursor(cursorQuery, offset + query.limit) : undefined;
    return {
      period: period.id,
      ...(query.unitId !== undefined ? { unitId: query.unitId } : { staffId: query.staffId ?? actor.staffId }),
      asOf: formatInstant(now, timeZone),
      items,
      ...(next ? { nextCursor: next } : {}),
    };
  }

  private obligationView(i: ObligationInstance, report: Report | undefined, askedPeriod: string, now: Date, timeZone: string): ObligationView {
    return {
      key: i.key,
      obligationId: i.obligationId,
      kind: reportKindOf(i.rule),
      rule: i.rule,
      article: i.article,
      title: i.title,
      staffId: i.staffId,
      unitId: i.unitId,
      recipients: i.recipients,
      period: i.periodId ?? askedPeriod,
      ...(i.cadence ? { cadence: i.cadence } : {}),
      ...(i.event ? { missionId: i.event.ref, missionEndedOn: i.event.date } : {}),
      dueAt: formatInstant(i.dueAt, timeZone),
      ...(i.dataCutOffAt ? { dataCutOffAt: formatInstant(i.dataCutOffAt, timeZone) } : {}),
      status: obligationStatus(i, report ? { submittedAt: new Date(report.firstSubmittedAt) } : undefined, now),
      ...(report
        ? {
            reportId: report.id,
            submittedAt: formatInstant(new Date(report.firstSubmittedAt), timeZone),
            lastSubmittedAt: formatInstant(new Date(report.lastSubmittedAt), timeZone),
            revision: report.revision,
            reviewStatus: report.reviewStatus,
          }
        : {}),
    };
  }

  view(ctx: OrgContext, r: Report): ReportView {
    const timeZone = ctx.rulebook.organisation.timeZone;
    const { orgId, dueAt, firstSubmittedAt, lastSubmittedAt, periodId, event, ...rest } = r;
    return {
      ...rest,
      ...(periodId ? { period: periodId } : {}),
      ...(event ? { missionId: event.ref, missionEndedOn: event.date } : {}),
      dueAt: formatInstant(new Date(dueAt), timeZone),
      status: reportStatus(r),
      submittedAt: formatInstant(new Date(lastSubmittedAt), timeZone),
      late: !isOnTime(new Date(lastSubmittedAt), new Date(dueAt)),
      firstSubmittedAt: formatInstant(new Date(firstSubmittedAt), timeZone),
    };
  }

  /** The one instance `staffId` owes that the input names (of `kind`, when given); 400 naming the field otherwise. */
  async owedInstance(
    ctx: OrgContext,
    staffId: string,
    input: Pick<SubmitReportInput, 'obligationId' | 'period' | 'missionId'>,
    kind?: ReportKind,
  ): Promise<ObligationInstance> {
    if ((input.period === undefined) === (input.missionId === undefined)) {
      throw new ValidationError('Name the period of the report, or the mission of a mission report.', [
        { path: 'body.period', message: 'give either period or missionId' },
      ]);
    }
    let owed: ObligationInstance[];
    let what: string;
    if (input.missionId !== undefined) {
      const mission = await this.missions.get(ctx.orgId, input.missionId);
      if (!mission || mission.staffId !== staffId) {
        throw new ValidationError(`You have no mission ${input.missionId}.`, [{ path: 'body.missionId', message: 'no mission of yours with this id' }]);
      }
      owed = eventObligations(ctx.rulebookOn(mission.to), orgOf(ctx), ctx.calendarOn(mission.to), { kind: 'mission-ended', staffId, ref: mission.id, date: mission.to });
      what = `mission ${mission.id}`;
    } else {
      const period = requirePeriod(input.period!, 'body.period');
      owed = periodicObligations(ctx.rulebookOn(period.start), orgOf(ctx), ctx.calendarOn(period.start), { periodId: period.id, staffIds: [staffId] });
      what = period.id;
    }
    if (kind !== undefined) owed = owed.filter((i) => reportKindOf(i.rule) === kind);
    const noun = kind ?? 'report';
    if (owed.length === 0 && input.period !== undefined) {
      throw new ValidationError(`You owe no ${noun} for ${what}.`, [{ path: 'body.period', message: `no ${noun} is owed for ${what}` }]);
    }
    const ids = owed.map((i) => i.obligationId).join(', ') || 'nothing';
    if (input.obligationId === undefined) {
      if (owed.length === 1) return owed[0]!;
      const message = owed.length === 0 ? `no ${noun} is owed for ${what}` : `several are owed for ${what}: name one of ${ids}`;
      throw new ValidationError(`Name the obligation: ${message}.`, [{ path: 'body.obligationId', message }]);
    }
    const instance = owed.find((i) => i.obligationId === input.obligationId);
    if (!instance) {
      throw new ValidationError(`You owe no '${input.obligationId}' for ${what}.`, [
        { path: 'body.obligationId', message: `not owed for ${what}; owed: ${ids}` },
      ]);
    }
    return instance;
  }

  private event(ctx: OrgContext, actor: Actor, r: Report, t: ReportTransition, now: Date): AuditEvent {
    return {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType: r.kind,
      entityId: r.id,
      action: t.action,
      actorId: actor.staffId,
      at: now.toISOString(),
      version: t.next.version,
      data: { key: r.key, ...t.data },
    };
  }

  /**
   * Stores a submission stamped with `now`, the server's time: the first makes the report and
   * counts it (on time or late); a later one adds a revision and keeps the earlier ones.
   */
  async submit(
    actor: Actor,
    input: SubmitReportInput,
    now: Date,
    options: { idempotencyKey?: string; ifMatch?: number; kind?: ReportKind } = {},
  ): Promise<{ status: number; body: ReportView; replayed: boolean }> {
    const ctx = await this.contexts.load(actor.orgId);
    const request = new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `reports.submit.${actor.staffId}`, key: options.idempotencyKey, input, now });
    const first = await request.replay<ReportView>();
    if (first) return first;
    const instance = await this.owedInstance(ctx, actor.staffId, input, options.kind);
    const kind = reportKindOf(instance.rule);
    const id = reportIdOf(kind, instance.key);
    const counterPeriods = counterPeriodsOf(toLocalDate(instance.dueAt, ctx.rulebook.organisation.timeZone));
    let late = false;
    const committed = await commit({
      idempotency: request,
      load: () => this.reports.get(ctx.orgId, id),
      ifMatch: { expected: options.ifMatch, current: (r) => r?.version },
      stale: (current) =>
        current
          ? new PreconditionFailedError(`The report is at version ${current.version}, not ${options.ifMatch}.`, current.version)
          : new PreconditionFailedError('Nothing has been submitted for this obligation yet.'),
      raced: ['state', 'revision'],
      conflict: (part) =>
        part === 'file' ? new UnprocessableError('A file was attached elsewhere meanwhile.', [{ path: 'body.files', message: 'an upload serves one record once' }]) : undefined,
      decide: async (current) => {
        const submission = {
          id,
          orgId: ctx.orgId,
          kind,
          instance,
          content: input.content,
          attachments: input.attachments ?? [],
          ...(input.reason !== undefined ? { reason: input.reason } : {}),
          submittedBy: actor.staffId,
        };
        // Refuses an empty content or a missing reason before any file is touched.
        const checked = submitReport(current, submission, now);
        const claimed = await this.filesFor(actor, input.files, { kind, id, revision: checked.newRevision!.revision }, now);
        const transition = claimed.files.length ? submitReport(current, { ...submission, files: claimed.files }, now) : checked;
        late = (!current && !transition.next.onTime) || (current !== undefined && kind === 'plan');
        return {
          result: { ...this.view(ctx, transition.next), ...(claimed.files.length ? { files: claimed.files } : {}) } as ReportView,
          status: 201,
          write: (extra) =>
            this.reports.write({
              transition,
              event: this.event(ctx, actor, transition.next, transition, now),
              counterPeriods,
              ...(current ? { expectedVersion: current.version } : {}),
              alsoWrite: [...claimed.items, ...extra],
            }),
        };
      },
    });
    // Best effort: the compliance schedule puts the finding right anyway on its next run.
    // A new revision of a plan withdraws an approval finding on the one it replaces (P2).
    if (!committed.replayed && late) await this.afterLateSubmission(ctx.orgId, instance.rule, now).catch(() => undefined);
    return committed;
  }

  private async loadVisible(ctx: OrgContext, actor: Actor, id: string, kind?: ReportKind, actingDirector = false): Promise<Report> {
    const r = await this.reports.get(ctx.orgId, id);
    // Missing, another kind and not visible answer alike; the acting director sees the plans the director decides.
    if (!r || (kind !== undefined && r.kind !== kind) || !(this.canSee(ctx, actor, r) || (actingDirector && r.kind === 'plan'))) throw new NotFoundError(`There is no ${kind ?? 'report'} ${id}.`);
    return r;
  }

  /** The submitter, the recipients, their superiors (issue #4.6); a unit's members also see its plans. */
  private canSee(ctx: OrgContext, actor: Actor, r: Report): boolean {
    return (
      canSeeReportsOf(ctx.authority, actor.staffId, r, r.recipients) ||
      (r.kind === 'plan' && actor.unitId === r.unitId) ||
      // The department's approved plans and weekly programme are what every staff member works to (P1, Điều 10).
      (r.kind === 'plan' && isDepartmentPlan(r) && r.approvedRevision !== undefined)
    );
  }

  /**
   * P1 (Điều 10.1): a change to an approved department plan is read, until approved, only by its
   * author, its approvers and the Office (the plan's unit); everyone else reads the approved revision.
   */
  private readsPending(ctx: OrgContext, actor: Actor, r: Report): boolean {
    if (!(r.kind === 'plan' && isDepartmentPlan(r) && r.approvedRevision !== undefined && r.revision > r.approvedRevision)) return true;
    return r.staffId === actor.staffId || actor.unitId === r.unitId || planApprovers(ctx.authority, r).includes(actor.staffId);
  }

  /** The plan as it was approved: its number and status, for whoever may not read the pending change. */
  private asApproved(v: ReportView, r: Report, timeZone: string, approved?: ReportRevision): ReportView {
    const { lastReview: _pending, ...rest } = v;
    return {
      ...rest,
      revision: r.approvedRevision!,
      reviewStatus: 'approved',
      ...(approved ? { submittedAt: formatInstant(new Date(approved.submittedAt), timeZone), ...(approved.review ? { lastReview: approved.review } : {}) } : {}),
    } as ReportView;
  }

  async get(actor: Actor, id: string, kind?: ReportKind) {
    const ctx = await this.contexts.load(actor.orgId);
    const found = await this.reports.getWithRevisions(ctx.orgId, id);
    if (!found || (kind !== undefined && found.report.kind !== kind) || !this.canSee(ctx, actor, found.report)) {
      throw new NotFoundError(`There is no ${kind ?? 'report'} ${id}.`);
    }
    const timeZone = ctx.rulebook.organisation.timeZone;
    const { report } = found;
    let { revisions, history } = found;
    let view = this.view(ctx, report);
    if (!this.readsPending(ctx, actor, report)) {
      revisions = revisions.filter((rev) => rev.revision <= report.approvedRevision!);
      const approvedAt = [...history].reverse().find((e) => e.action === 'approved')?.version ?? 0;
      history = history.filter((e) => e.version <= approvedAt);
      view = this.asApproved(view, report, timeZone, revisions.find((rev) => rev.revision === report.approvedRevision));
    }
    return {
      ...view,
      revisions: revisions.map((rev: ReportRevision) => ({
        ...rev,
        submittedAt: formatInstant(new Date(rev.submittedAt), timeZone),
        status: revisionStatus(report, rev),
      })),
      history,
    };
  }

  /** What the actor may answer on this report's page: acknowledge or return a report (a recipient), decide a plan (P2). */
  async answersOf(actor: Actor, id: string): Promise<{ acknowledge: boolean; decidePlan: boolean }> {
    const ctx = await this.contexts.load(actor.orgId);
    const r = await this.loadVisible(ctx, actor, id);
    const open = r.reviewStatus === 'submitted' && r.staffId !== actor.staffId;
    return {
      acknowledge: open && r.kind === 'report' && r.recipients.includes(actor.staffId),
      decidePlan: open && r.kind === 'plan' && planApprovers(ctx.authority, r).includes(actor.staffId),
    };
  }

  /** A recipient's (or for a plan, an approver's) answer to the latest revision, with the submitter's notification. */
  private async review(
    actor: Actor,
    id: string,
    now: Date,
    ifMatch: number | undefined,
    kind: ReportKind | undefined,
    decide: (r: Report, ctx: OrgContext, actingDirector: boolean) => { transition: ReportTransition; notify?: NotificationKind; comment?: string },
  ): Promise<ReportView> {
    const ctx = await this.contexts.load(actor.orgId);
    const acting = await this.actsAsDirector(ctx, actor, now);
    let notification: Notification | undefined;
    let plan = false;
    const { body } = await commit({
      load: () => this.loadVisible(ctx, actor, id, kind, acting),
      ifMatch: { expected: ifMatch, current: (r) => r.version },
      stale: (current) =>
        current
          ? new PreconditionFailedError(`The ${current.kind} is at version ${current.version}, not ${ifMatch}.`, current.version)
          : new PreconditionFailedError(`The report changed while this answer was being given.`),
      decide: (current) => {
        const { transition, notify, comment } = decide(current, ctx, acting);
        plan = current.kind === 'plan';
        notification = notify
          ? this.notifications.build(
              ctx,
              notify,
              current.staffId,
              {
                key: current.key,
                obligationId: current.obligationId,
                title: current.title,
                ...(current.periodId ? { periodId: current.periodId } : {}),
                ...(current.event ? { event: current.event } : {}),
                dueAt: new Date(current.dueAt),
                reportId: current.id,
              },
              now,
              { ...(comment ? { comment } : {}), cause: String(current.revision) },
            )
          : undefined;
        const alsoWrite = notification ? [this.notifications.transactionItem(notification)] : [];
        return {
          result: { view: this.view(ctx, transition.next), rule: current.rule },
          write: () =>
            this.reports.write({ transition, event: this.event(ctx, actor, current, transition, now), counterPeriods: [], expectedVersion: current.version, alsoWrite }),
        };
      },
    });
    if (notification) await this.notifications.deliverQuietly(ctx, [notification], now);
    // A decision on a plan may put right a finding that it awaited approval (P2); best effort, as after a late submission.
    if (plan) await this.afterLateSubmission(ctx.orgId, body.rule, now).catch(() => undefined);
    return body.view;
  }

  private requireRecipient(r: Report, actor: Actor, doing: string): void {
    if (!r.recipients.includes(actor.staffId)) {
      throw new ForbiddenError(`Only the report's recipients (${r.recipients.join(', ') || 'none: the post is vacant'}) may ${doing} (A1).`, 'A1');
    }
  }

  acknowledge(actor: Actor, id: string, input: { comment?: string }, now: Date, ifMatch?: number) {
    return this.review(actor, id, now, ifMatch, undefined, (r) => {
      this.requireRecipient(r, actor, 'acknowledge it');
      return { transition: acknowledgeReport(r, { by: actor.staffId, ...(input.comment ? { comment: input.comment } : {}) }, now) };
    });
  }

  /** Returns a report to its author, or a plan (change) to the head, with a comment. */
  returnToAuthor(actor: Actor, id: string, input: { comment: string }, now: Date, ifMatch?: number, kind?: ReportKind) {
    return this.review(actor, id, now, ifMatch, kind, (r, ctx, acting) => {
      if (r.kind === 'plan') this.requireApprover(ctx, r, actor, 'return it', acting);
      else this.requireRecipient(r, actor, 'return it');
      return {
        transition: returnReport(r, { by: actor.staffId, comment: input.comment }, now),
        notify: r.kind === 'plan' ? 'plan-returned' : 'report-returned',
        comment: input.comment,
      };
    });
  }

  async approve(actor: Actor, id: string, input: { comment?: string; boardMatterId?: string }, now: Date, ifMatch?: number) {
    const ctx = await this.contexts.load(actor.orgId);
    // Read before the transition (the matter is another record); the approver is checked first so a refusal reveals nothing.
    const acting = await this.actsAsDirector(ctx, actor, now);
    const current = await this.loadVisible(ctx, actor, id, 'plan', acting);
    this.requireApprover(ctx, current, actor, 'approve it', acting);
    // A revision already decided is refused by the transition as it always was.
    const basis = current.reviewStatus === 'submitted' ? await this.boardBasis(ctx, current, input.boardMatterId, now) : undefined;
    return this.review(actor, id, now, ifMatch, 'plan', (r, ctx, acting) => {
      this.requireApprover(ctx, r, actor, 'approve it', acting);
      return {
        transition: approvePlan(r, { by: actor.staffId, ...(input.comment ? { comment: input.comment } : {}), ...(basis ? { boardMatterId: basis } : {}) }, now),
        notify: 'plan-approved',
        ...(input.comment ? { comment: input.comment } : {}),
      };
    });
  }

  /**
   * A5 (Điều 3.2): the board matter a plan's approval rests on. Where the rulebook says the plan's
   * obligation is a board category, approving it without a matter of that category whose board
   * discussion is on record is refused (409 naming body.boardMatterId), as a direct decision is;
   * elsewhere a named matter is checked and kept.
   */
  private async boardBasis(ctx: OrgContext, plan: Report, boardMatterId: string | undefined, now: Date): Promise<string | undefined> {
    const rules = ctx.rulebook.collectiveDecisions;
    const needed = rules?.approvals.find((a) => a.obligationId === plan.obligationId);
    if (!rules || (!needed && boardMatterId === undefined)) return undefined;
    const field = 'body.boardMatterId';
    const category = needed ? rules.categories.find((c) => c.id === needed.category) : undefined;
    if (boardMatterId === undefined) {
      throw new ConflictError(
        `This plan is a matter the board discusses before the director decides (${needed!.category}, ${rules.article}): name the board matter it rests on.`,
        [{ path: field, message: `required: a board matter of category ${needed!.category}` }],
        `Kế hoạch này thuộc nhóm việc Ban Giám đốc bàn bạc tập thể trước khi Giám đốc Sở quyết định (${category?.title.vi ?? needed!.category}, ${rules.article}): hãy chọn việc của Ban Giám đốc làm căn cứ.`,
      );
    }
    const matter = boardMatterId && this.boardMatters ? await this.boardMatters.get(ctx.orgId, boardMatterId) : undefined;
    if (!matter || (needed && matter.category !== needed.category)) {
      throw new ValidationError('No board matter of that category.', [
        { path: field, message: needed ? `must name a board matter of category ${needed.category}` : 'must name a board matter' },
      ]);
    }
    const timeZone = ctx.rulebook.organisation.timeZone;
    const missing = missingEvidence(matter, now, toLocalDate(now, timeZone));
    if (missing) throw missingEvidenceConflict(missing, rules.article, timeZone, (sid) => ctx.authority.staff(sid)?.name ?? sid, field);
    return matter.id;
  }

  private requireApprover(ctx: OrgContext, r: Report, actor: Actor, doing: string, actingDirector = false): void {
    if (!planApprovers(ctx.authority, r, actingDirector ? [actor.staffId] : []).includes(actor.staffId)) {
      if (isDepartmentPlan(r)) throw new ForbiddenError(`Only the director, or a deputy director acting for the director (A2), may ${doing}: it is the department's plan (P1, Điều 10).`, 'P1');
      throw new ForbiddenError(`Only the director or the deputy director overseeing the unit may ${doing} (P2, Điều 10.1).`, 'P2');
    }
  }

  /** Plans of a unit (or, for the board and those who see everything, all units) due within a period. */
  async listPlans(actor: Actor, query: { unitId?: string; period?: string; limit: number; cursor?: string }) {
    const ctx = await this.contexts.load(actor.orgId);
    const { authority } = ctx;
    const period = query.period === undefined ? undefined : requirePeriod(query.period, 'query.period');
    const timeZone = ctx.rulebook.organisation.timeZone;
    const range = period ? { from: periodStartInstant(period, timeZone), to: periodEndInstant(period, timeZone) } : {};
    let scope: { kind: 'unit'; unitId: string } | { kind: 'org' };
    if (query.unitId !== undefined) {
      const mayList = canSeeUnitReports(authority, actor.staffId, query.unitId) || actor.unitId === query.unitId;
      if (!authority.unit(query.unitId) || !mayList) throw new NotFoundError(`There is no unit ${query.unitId} whose plans you may see.`);
      scope = { kind: 'unit', unitId: query.unitId };
    } else {
      const everything = authority.unit(actor.unitId)?.kind === 'board' || authority.viewScope(actor.staffId).kind === 'all';
      scope = everything ? { kind: 'org' } : { kind: 'unit', unitId: actor.unitId };
    }
    const page = await this.reports.listPlans(ctx.orgId, scope, range, query.limit, query.cursor);
    const tz = ctx.rulebook.organisation.timeZone;
    return {
      ...page,
      items: page.items
        .filter((r) => this.canSee(ctx, actor, r))
        .map((r) => (this.readsPending(ctx, actor, r) ? this.view(ctx, r) : this.asApproved(this.view(ctx, r), r, tz))),
    };
  }

  /**
   * May `actor` download a file kept with revision `revision` of this report or plan? Whoever may see
   * the report; of an approved department plan with a change awaiting approval, everyone who reads
   * the approved plan gets the files of the revisions up to the approved one, only the change's
   * readers those of the change (P1, Điều 10.1).
   */
  async mayReadRevision(ctx: OrgContext, actor: Actor, id: string, revision: number): Promise<boolean> {
    const r = await this.reports.get(ctx.orgId, id);
    if (!r || !this.canSee(ctx, actor, r)) return false;
    return this.readsPending(ctx, actor, r) || revision <= r.approvedRevision!;
  }

  readonly auditVisibility = auditVisibility(['report', 'plan'], async (ctx, actor, entityId) => {
    const r = await this.reports.get(ctx.orgId, entityId);
    // The history tells of the pending change: only those who may read it (P1, Điều 10.1).
    return r ? this.canSee(ctx, actor, r) && this.readsPending(ctx, actor, r) : undefined;
  });
}
