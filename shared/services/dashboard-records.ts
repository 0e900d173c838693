/**
 * The records behind a dashboard figure (GET /v1/dashboard/records): assignments, reports and
 * plans, meetings and findings of the period within the target, one page at a time (at most
 * MAX_PAGES_PER_REQUEST index pages a request; the cursor says where to resume). Confidential
 * assignments the caller may not open are counted (`hidden`), not listed (D2).
 */
import type { Assignment, Timeliness } from '../domain/assignment.js';
import { isOpen } from '../domain/assignment.js';
import type { FigureName } from '../domain/dashboard.js';
import { ValidationError } from '../domain/errors.js';
import type { Finding } from '../domain/finding.js';
import { formatInstant, toLocalDate } from '../domain/local-time.js';
import type { Meeting } from '../domain/meeting.js';
import { obligationStatus, type ObligationInstance } from '../domain/obligations.js';
import { containsDate, periodEndInstant, periodStartInstant, type Period } from '../domain/periods.js';
import type { Report } from '../domain/report.js';
import type { DashboardRepository, RecordPage } from '../store/dashboard-repository.js';
import type { MeetingRepository } from '../store/meeting-repository.js';
import type { MissionRepository } from '../store/mission-repository.js';
import type { ReportRepository } from '../store/report-repository.js';
import type { AssignmentService, AssignmentView } from './assignment-service.js';
import { dueInstances, inTarget, periodOf, readScopes, scopeView, targetOf, viewerOf, type Target } from './dashboard-scope.js';
import type { RecordsQuery, RecordsView, RecordView } from './dashboard-types.js';
import type { OrgContext } from './org-context.js';
import type { Actor } from './organisation-service.js';

/** Index pages read per records request (at least one per partition listed): the bound of one request. */
const MAX_PAGES_PER_REQUEST = 5;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
function decodeRecordsCursor(cursor: string | undefined): { s: number; c?: string } {
  if (cursor === undefined) return { s: 0 };
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; c?: unknown };
    if (Number.isSafeInteger(v.s) && (v.s as number) >= 0 && (v.c === undefined || typeof v.c === 'string')) {
      return v.c === undefined ? { s: v.s as number } : { s: v.s as number, c: v.c as string };
    }
  } catch {
    // fall through
  }
  throw new ValidationError('The cursor is not one this list gave out.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
}

const ASSIGNMENT_FIGURE: Record<string, (a: AssignmentView) => boolean> = {
  'assignments.assigned': () => true,
  'assignments.open': (a) => isOpen(a),
  'assignments.withinDeadline': (a) => a.timeliness === 'within-deadline',
  'assignments.dueSoon': (a) => a.timeliness === 'due-soon',
  'assignments.overdue': (a) => a.timeliness === 'overdue',
  'assignments.completedOnTime': (a) => a.status === 'completed' && a.completion === 'on-time',
  'assignments.completedAfterExtension': (a) => a.status === 'completed' && a.completion === 'on-time-after-extension',
  'assignments.completedLate': (a) => a.status === 'completed' && a.completion === 'late',
  'assignments.cancelled': (a) => a.status === 'cancelled',
};

const OPEN_ONLY = new Set<string>(['assignments.open', 'assignments.withinDeadline', 'assignments.dueSoon', 'assignments.overdue']);
// Completed work stays in the open partition until it is accepted (indexState), so only cancellation is closed-only.
const CLOSED_ONLY = new Set<string>(['assignments.cancelled']);

export class DashboardRecords {
  constructor(
    private readonly reads: DashboardRepository,
    private readonly reports: ReportRepository,
    private readonly meetings: MeetingRepository,
    private readonly missions: MissionRepository,
    private readonly assignments: AssignmentService,
  ) {}



  async recordsIn(ctx: OrgContext, actor: Actor, query: RecordsQuery, now: Date): Promise<RecordsView> {
    const period = periodOf(ctx, query.period, now);
    const { target, viewerScope } = targetOf(ctx, actor, query);
    const [family] = query.figure.split('.') as [string];
    const base = {
      figure: query.figure,
      period,
      asOf: formatInstant(now, ctx.dueRules.timeZone),
      scope: scopeView(target),
      viewer: viewerOf(ctx, actor, viewerScope),
    };
    if (family === 'assignments') return { ...base, ...(await this.assignmentRecords(ctx, actor, target, period, query, now)) };
    if (family === 'reports') return { ...base, ...(await this.reportRecords(ctx, target, period, query.figure, now)), hidden: 0 };
    if (family === 'meetings') return { ...base, items: await this.meetingRecords(ctx, target, period, query.figure), hidden: 0 };
    return { ...base, ...(await this.findingRecords(ctx, target, period, query)), hidden: 0 };
  }

  /** Every record behind each figure (all pages), for the evaluation dossier; confidential ones the reader may not open are counted in `hidden`. */
  async everyRecord(ctx: OrgContext, reader: Actor, target: Target, period: Period, figures: readonly FigureName[], now: Date) {
    const records: Partial<Record<FigureName, RecordView[]>> = {};
    let hidden = 0;
    for (const figure of figures) {
      const [family] = figure.split('.') as [string];
      const items: RecordView[] = [];
      if (family === 'reports') items.push(...(await this.reportRecords(ctx, target, period, figure, now)).items);
      else if (family === 'meetings') items.push(...(await this.meetingRecords(ctx, target, period, figure)));
      else {
        let cursor: string | undefined;
        do {
          const query: RecordsQuery = { figure, ...(cursor ? { cursor } : {}) };
          const page = family === 'assignments' ? await this.assignmentRecords(ctx, reader, target, period, query, now) : { ...(await this.findingRecords(ctx, target, period, query)), hidden: 0 };
          items.push(...page.items);
          hidden += page.hidden;
          cursor = page.nextCursor;
        } while (cursor);
      }
      records[figure] = items;
    }
    return { records, hidden };
  }

  /** Reads sources one after another, a page at a time, until `want` records or the page budget: the cursor says where to resume. */
  private async paged<T, V>(
    sources: readonly ((cursor?: string) => Promise<RecordPage<T>>)[],
    cursor: string | undefined,
    keep: (item: T) => V | undefined,
    want = 100,
  ): Promise<{ items: V[]; nextCursor?: string }> {
    let { s, c } = decodeRecordsCursor(cursor);
    if (s > sources.length) throw new ValidationError('The cursor is not one this list gave out.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
    const items: V[] = [];
    const budget = Math.max(MAX_PAGES_PER_REQUEST, sources.length);
    for (let pages = 0; s < sources.length && pages < budget && items.length < want; pages++) {
      const page = await sources[s]!(c);
      for (const item of page.items) {
        const v = keep(item);
        if (v !== undefined) items.push(v);
      }
      if (page.nextCursor) c = page.nextCursor;
      else {
        s++;
        c = undefined;
      }
    }
    return s < sources.length ? { items, nextCursor: encode(c === undefined ? { s } : { s, c }) } : { items };
  }

  private async assignmentRecords(ctx: OrgContext, actor: Actor, target: Target, period: Period, query: RecordsQuery, now: Date) {
    const states: ('open' | 'closed')[] = OPEN_ONLY.has(query.figure) ? ['open'] : CLOSED_ONLY.has(query.figure) ? ['closed'] : ['open', 'closed'];
    const matches = ASSIGNMENT_FIGURE[query.figure]!;
    const sources = states.flatMap((state) =>
      readScopes(target).map((scope) => (cursor?: string) => this.reads.assignmentsDueIn(ctx.orgId, scope, state, period, cursor)),
    );
    let hidden = 0;
    const page = await this.paged<Assignment, RecordView>(sources, query.cursor, (a) => {
      if (!inTarget(target, a.unitId, a.responsibleId)) return undefined;
      const v = this.assignments.view(a, ctx, now);
      if (!matches(v)) return undefined;
      if (!ctx.authority.canView(actor.staffId, a)) {
        hidden++;
        return undefined;
      }
      return {
        type: 'assignment',
        id: v.id,
        title: v.title,
        unitId: v.unitId,
        assigneeId: v.assigneeId,
        responsibleId: v.responsibleId,
        assignerId: v.assignerId,
        dueDate: v.dueDate,
        originalDueDate: v.originalDueDate,
        status: v.status,
        timeliness: v.timeliness as Timeliness,
        ...(v.completedAt ? { completedAt: formatInstant(new Date(v.completedAt), ctx.dueRules.timeZone) } : {}),
        confidentiality: v.confidentiality,
      };
    });
    return { ...page, hidden };
  }

  private async reportRecords(ctx: OrgContext, target: Target, period: Period, figure: FigureName, now: Date): Promise<{ items: RecordView[] }> {
    const timeZone = ctx.dueRules.timeZone;
    const from = periodStartInstant(period, timeZone);
    const to = periodEndInstant(period, timeZone);
    const [instances, submitted] = await Promise.all([
      dueInstances(this.missions, ctx, target, period),
      Promise.all(
        readScopes(target).map((s) =>
          this.reports.listDue(ctx.orgId, s.kind === 'staff' ? { kind: 'staff', staffId: s.staffId } : s.kind === 'unit' ? s : { kind: 'org' }, from, to),
        ),
      ).then((r) => r.flat().filter((rep) => inTarget(target, rep.unitId, rep.staffId) && containsDate(period, toLocalDate(new Date(rep.dueAt), timeZone)))),
    ]);
    const byKey = new Map(submitted.map((r) => [r.key, r]));
    const ofInstance = (i: ObligationInstance): RecordView => {
      const report = byKey.get(i.key);
      return {
        type: 'report',
        key: i.key,
        obligationId: i.obligationId,
        rule: i.rule,
        article: i.article,
        title: i.title,
        staffId: i.staffId,
        unitId: i.unitId,
        ...(i.periodId ? { period: i.periodId } : {}),
        dueAt: formatInstant(i.dueAt, timeZone),
        status: obligationStatus(i, report ? { submittedAt: new Date(report.firstSubmittedAt) } : undefined, now),
        ...(report ? { reportId: report.id, submittedAt: formatInstant(new Date(report.firstSubmittedAt), timeZone) } : {}),
      };
    };
    const ofReport = (r: Report): RecordView => ({
      type: 'report',
      key: r.key,
      obligationId: r.obligationId,
      rule: r.rule,
      article: r.article,
      title: r.title,
      staffId: r.staffId,
      unitId: r.unitId,
      ...(r.periodId ? { period: r.periodId } : {}),
      dueAt: formatInstant(new Date(r.dueAt), timeZone),
      status: r.onTime ? 'submitted' : 'late',
      reportId: r.id,
      submittedAt: formatInstant(new Date(r.firstSubmittedAt), timeZone),
    });
    const byDue = (a: RecordView, b: RecordView) => ((a as { dueAt: string }).dueAt < (b as { dueAt: string }).dueAt ? -1 : 1);
    switch (figure) {
      case 'reports.onTime':
        return { items: submitted.filter((r) => r.onTime).map(ofReport).sort(byDue) };
      case 'reports.late':
        return { items: submitted.filter((r) => !r.onTime).map(ofReport).sort(byDue) };
      default: {
        const wanted = figure === 'reports.missing' ? 'missing' : figure === 'reports.pending' ? 'pending' : undefined;
        return { items: instances.map(ofInstance).filter((v) => wanted === undefined || (v as { status: string }).status === wanted) };
      }
    }
  }

  private async meetingRecords(ctx: OrgContext, target: Target, period: Period, figure: FigureName): Promise<RecordView[]> {
    const held = await this.meetings.heldBetween(ctx.orgId, period.start, period.end);
    const keep: Record<string, (m: Meeting) => boolean> = {
      'meetings.held': () => true,
      'meetings.withConclusions': (m) => m.conclusions !== undefined,
      'meetings.conclusionsOnTime': (m) => m.conclusions?.onTime === true,
      'meetings.conclusionsLate': (m) => m.conclusions?.onTime === false,
    };
    return held
      .filter((m) => inTarget(target, m.unitId, m.chairId) && keep[figure]!(m))
      .map((m) => ({
        type: 'meeting',
        id: m.id,
        kind: m.kind,
        rule: m.rule,
        article: m.article,
        unitId: m.unitId,
        heldOn: m.heldOn,
        chairId: m.chairId,
        ...(m.subject ? { subject: m.subject } : {}),
        conclusionsDueAt: formatInstant(new Date(m.conclusionsDueAt), ctx.dueRules.timeZone),
        conclusions: m.conclusions ? (m.conclusions.onTime ? 'on-time' : 'late') : 'none',
      }));
  }

  private async findingRecords(ctx: OrgContext, target: Target, period: Period, query: RecordsQuery) {
    const timeZone = ctx.dueRules.timeZone;
    const range = { periodEnd: period.end, from: periodStartInstant(period, timeZone).toISOString(), to: periodEndInstant(period, timeZone).toISOString() };
    const scopes =
      target.kind === 'person'
        ? [{ kind: 'staff' as const, staffId: target.staffId }]
        : (target.kind === 'department' ? ctx.snapshot.units.map((u) => u.id) : target.unitIds).map((unitId) => ({ kind: 'unit' as const, unitId }));
    const keep: Record<string, (f: Finding) => boolean> = {
      'findings.detected': () => true,
      'findings.open': (f) => f.resolvedAt === undefined,
      'findings.resolved': (f) => f.resolvedAt !== undefined,
    };
    return this.paged<Finding, RecordView>(
      scopes.map((s) => (cursor?: string) => this.reads.findingsDetectedIn(ctx.orgId, s, range, cursor)),
      query.cursor,
      (f) =>
        inTarget(target, f.unitId, f.subjectId) && keep[query.figure]!(f) && (query.rule === undefined || f.rule === query.rule)
          ? {
              type: 'finding',
              id: f.id,
              rule: f.rule,
              article: f.article,
              subjectId: f.subjectId,
              unitId: f.unitId,
              period: f.period,
              detectedAt: formatInstant(new Date(f.detectedAt), timeZone),
              detail: f.detail,
              // The facts the page renders the finding's sentence from, in the reader's language.
              key: f.key,
              facts: f.facts,
              ...(f.escalation ? { escalation: f.escalation } : {}),
              ...(f.ref ? { ref: f.ref } : {}),
              ...(f.resolvedAt ? { resolvedAt: formatInstant(new Date(f.resolvedAt), timeZone), resolution: f.resolution } : {}),
            }
          : undefined,
    );
  }
}
