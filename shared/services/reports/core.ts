/**
 * What the parts of the report service share (R1–R5, P1): its stores, what a person or unit owes in
 * a period, the one instance a submission answers, who may see a report and who answers it, the
 * view of a report, and the audit event.
 */
import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import type { AuditEvent } from '../../domain/assignment.js';
import { isOnTime } from '../../domain/deadlines.js';
import { ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../../domain/errors.js';
import type { FileRef } from '../../domain/files.js';
import { formatInstant, toLocalDate } from '../../domain/local-time.js';
import { eventObligations, obligationStatus, periodicObligations, type ObligationInstance, type OrgSnapshot } from '../../domain/obligations.js';
import { parsePeriod, PERIOD_KINDS, subPeriods as subPeriodsOf, type Period } from '../../domain/periods.js';
import { isDepartmentPlan, planApprovers, reportKindOf } from '../../domain/plan.js';
import { canSeeReportsOf, reportStatus, type Report, type ReportKind, type ReportRevision, type ReportTransition } from '../../domain/report.js';
import type { BoardMatterRepository } from '../../store/board-matter-repository.js';
import type { DelegationRepository } from '../../store/delegation-repository.js';
import type { IdempotencyRepository } from '../../store/idempotency-repository.js';
import type { MissionRepository } from '../../store/mission-repository.js';
import type { ReportRepository } from '../../store/report-repository.js';
import type { FileClaim } from '../assignment-service.js';
import type { RecordRef } from '../../store/file-repository.js';
import type { LabelledItem } from '../../store/transact.js';
import type { NotificationService } from '../notification-service.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { SubmitReportInput, ObligationView, ReportView } from '../report-service.js';

export const reportIdOf = (kind: ReportKind, key: string) => `${kind === 'plan' ? 'plan' : 'rep'}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

const orgOf = (ctx: OrgContext): OrgSnapshot => ctx.obligationOrg;

export function requirePeriod(id: string, path: string): Period {
  const period = parsePeriod(id);
  if (!period) throw new ValidationError(`Unknown period '${id}'.`, [{ path, message: 'must be a period such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026' }]);
  return period;
}

/** The opaque cursor of a computed list: the offset, bound to the query it belongs to. */
export function pageCursor(query: string, offset: number): string {
  return Buffer.from(JSON.stringify({ q: query, o: offset }), 'utf8').toString('base64url');
}

export function offsetOf(cursor: string | undefined, query: string): number {
  if (cursor === undefined) return 0;
  try {
    const { q, o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { q?: unknown; o?: unknown };
    if (q === query && Number.isSafeInteger(o) && (o as number) > 0) return o as number;
  } catch {
    // fall through
  }
  throw new ValidationError('The cursor is not one this list gave out.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
}

export class ReportCore {
  constructor(
    readonly contexts: OrgContextLoader,
    readonly reports: ReportRepository,
    readonly missions: MissionRepository,
    readonly idempotency: IdempotencyRepository,
    readonly notifications: NotificationService,
    /** After a late first submission or a decision on a plan: re-checks the rule's open findings (ComplianceService.recheck, issue #6). */
    readonly afterLateSubmission: (orgId: string, rule: string, at: Date) => Promise<void> = async () => {},
    /** The board's matters, read when a plan's approval must rest on one (A5, Điều 3.2). */
    readonly boardMatters?: BoardMatterRepository,
    /** The delegations, to find a deputy acting for the director (A2) who may decide plans in the director's place. */
    readonly delegations?: Pick<DelegationRepository, 'currentFor'>,
    /** Evidence files (issue #22): takes the caller's uploads for a submission, in its transaction. */
    readonly claimFiles?: FileClaim,
  ) {}

  async filesFor(actor: Actor, ids: readonly string[] | undefined, record: RecordRef, now: Date): Promise<{ files: FileRef[]; items: LabelledItem[] }> {
    if (!ids?.length) return { files: [], items: [] };
    if (!this.claimFiles) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    return this.claimFiles(actor, ids, record, now);
  }

  /** True when the actor is a deputy director holding the director's authority today (A2, Điều 3.3.3). */
  async actsAsDirector(ctx: OrgContext, actor: Actor, now: Date): Promise<boolean> {
    if (!this.delegations || !actor.roles.includes('deputy-director')) return false;
    const today = toLocalDate(now, ctx.rulebook.organisation.timeZone);
    const current = await this.delegations.currentFor(ctx.orgId, actor.staffId, today);
    return ctx.authority.activeDelegations(actor.staffId, current, today).some((d) => d.scope === 'department');
  }

  /** Everything owed in the period by a person or a unit: the rulebook's cadences, and R5 from missions ending in it. */
  async instancesFor(ctx: OrgContext, period: Period, who: { staffId: string } | { unitId: string }, subPeriods = false): Promise<ObligationInstance[]> {
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

  obligationView(i: ObligationInstance, report: Report | undefined, askedPeriod: string, now: Date, timeZone: string): ObligationView {
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

  event(ctx: OrgContext, actor: Actor, r: Report, t: ReportTransition, now: Date): AuditEvent {
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

  async loadVisible(ctx: OrgContext, actor: Actor, id: string, kind?: ReportKind, actingDirector = false): Promise<Report> {
    const r = await this.reports.get(ctx.orgId, id);
    // Missing, another kind and not visible answer alike; the acting director sees the plans the director decides.
    if (!r || (kind !== undefined && r.kind !== kind) || !(this.canSee(ctx, actor, r) || (actingDirector && r.kind === 'plan'))) throw new NotFoundError(`There is no ${kind ?? 'report'} ${id}.`);
    return r;
  }

  /** The submitter, the recipients, their superiors (issue #4.6); a unit's members also see its plans. */
  canSee(ctx: OrgContext, actor: Actor, r: Report): boolean {
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
  readsPending(ctx: OrgContext, actor: Actor, r: Report): boolean {
    if (!(r.kind === 'plan' && isDepartmentPlan(r) && r.approvedRevision !== undefined && r.revision > r.approvedRevision)) return true;
    return r.staffId === actor.staffId || actor.unitId === r.unitId || planApprovers(ctx.authority, r).includes(actor.staffId);
  }

  /** The plan as it was approved: its number and status, for whoever may not read the pending change. */
  asApproved(v: ReportView, r: Report, timeZone: string, approved?: ReportRevision): ReportView {
    const { lastReview: _pending, ...rest } = v;
    return {
      ...rest,
      revision: r.approvedRevision!,
      reviewStatus: 'approved',
      ...(approved ? { submittedAt: formatInstant(new Date(approved.submittedAt), timeZone), ...(approved.review ? { lastReview: approved.review } : {}) } : {}),
    } as ReportView;
  }

  requireRecipient(r: Report, actor: Actor, doing: string): void {
    if (!r.recipients.includes(actor.staffId)) {
      throw new ForbiddenError(`Only the report's recipients (${r.recipients.join(', ') || 'none: the post is vacant'}) may ${doing} (A1).`, 'A1');
    }
  }

  requireApprover(ctx: OrgContext, r: Report, actor: Actor, doing: string, actingDirector = false): void {
    if (!planApprovers(ctx.authority, r, actingDirector ? [actor.staffId] : []).includes(actor.staffId)) {
      if (isDepartmentPlan(r)) throw new ForbiddenError(`Only the director, or a deputy director acting for the director (A2), may ${doing}: it is the department's plan (P1, Điều 10).`, 'P1');
      throw new ForbiddenError(`Only the director or the deputy director overseeing the unit may ${doing} (P2, Điều 10.1).`, 'P2');
    }
  }
}
