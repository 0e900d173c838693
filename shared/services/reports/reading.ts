/** Reading reports: what a person or unit owes and its status, one report with its revisions, the answers open to the reader, the plans (P1). */
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { formatInstant } from '../../domain/local-time.js';
import type { ObligationInstance } from '../../domain/obligations.js';
import { periodEndInstant, periodStartInstant } from '../../domain/periods.js';
import { planApprovers } from '../../domain/plan.js';
import { canSeeReportsOf, canSeeUnitReports, revisionStatus, type Report, type ReportKind, type ReportRevision } from '../../domain/report.js';
import type { ReportScope } from '../../store/report-repository.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import { scopeOf } from '../../store/org-version.js';
import type { ObligationsQuery } from '../report-service.js';
import { ReportCore, requirePeriod, pageCursor, offsetOf } from './core.js';


export class ReportReading {
  constructor(private readonly core: ReportCore) {}

  async obligations(actor: Actor, query: ObligationsQuery, now: Date) {
    const ctx = await this.core.contexts.load(actor);
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
      instances = await this.core.instancesFor(ctx, period, { unitId: query.unitId }, query.subPeriods);
      scope = { kind: 'unit', unitId: query.unitId };
    } else {
      const staffId = query.staffId ?? actor.staffId;
      const person = authority.staff(staffId);
      if (!person) throw new NotFoundError(`There is no staff member ${staffId} whose reports you may see.`);
      instances = await this.core.instancesFor(ctx, period, { staffId }, query.subPeriods);
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
      const found = await this.core.reports.listDue(ctx.orgId, scope, page[0]!.dueAt, page[page.length - 1]!.dueAt, scopeOf(actor));
      for (const r of found) submitted.set(r.key, r);
    }
    const timeZone = ctx.rulebook.organisation.timeZone;
    const items = page.map((i) => this.core.obligationView(i, submitted.get(i.key), period.id, now, timeZone));
    const next = offset + query.limit < instances.length ? pageCursor(cursorQuery, offset + query.limit) : undefined;
    return {
      period: period.id,
      ...(query.unitId !== undefined ? { unitId: query.unitId } : { staffId: query.staffId ?? actor.staffId }),
      asOf: formatInstant(now, timeZone),
      items,
      ...(next ? { nextCursor: next } : {}),
    };
  }

  async get(actor: Actor, id: string, kind?: ReportKind) {
    const ctx = await this.core.contexts.load(actor);
    const found = await this.core.reports.getWithRevisions(ctx.orgId, id);
    if (!found || (kind !== undefined && found.report.kind !== kind) || !this.core.canSee(ctx, actor, found.report)) {
      throw new NotFoundError(`There is no ${kind ?? 'report'} ${id}.`);
    }
    const timeZone = ctx.rulebook.organisation.timeZone;
    const { report } = found;
    let { revisions, history } = found;
    let view = this.core.view(ctx, report);
    if (!this.core.readsPending(ctx, actor, report)) {
      revisions = revisions.filter((rev) => rev.revision <= report.approvedRevision!);
      const approvedAt = [...history].reverse().find((e) => e.action === 'approved')?.version ?? 0;
      history = history.filter((e) => e.version <= approvedAt);
      view = this.core.asApproved(view, report, timeZone, revisions.find((rev) => rev.revision === report.approvedRevision));
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
    const ctx = await this.core.contexts.load(actor);
    const r = await this.core.loadVisible(ctx, actor, id);
    const open = r.reviewStatus === 'submitted' && r.staffId !== actor.staffId;
    return {
      acknowledge: open && r.kind === 'report' && r.recipients.includes(actor.staffId),
      decidePlan: open && r.kind === 'plan' && planApprovers(ctx.authority, r).includes(actor.staffId),
    };
  }

  /** Plans of a unit (or, for the board and those who see everything, all units) due within a period. */
  async listPlans(actor: Actor, query: { unitId?: string; period?: string; limit: number; cursor?: string }) {
    const ctx = await this.core.contexts.load(actor);
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
    const page = await this.core.reports.listPlans(ctx.orgId, scope, range, query.limit, query.cursor);
    const tz = ctx.rulebook.organisation.timeZone;
    return {
      ...page,
      items: page.items
        .filter((r) => this.core.canSee(ctx, actor, r))
        .map((r) => (this.core.readsPending(ctx, actor, r) ? this.core.view(ctx, r) : this.core.asApproved(this.core.view(ctx, r), r, tz))),
    };
  }

  /**
   * May `actor` download a file kept with revision `revision` of this report or plan? Whoever may see
   * the report; of an approved department plan with a change awaiting approval, everyone who reads
   * the approved plan gets the files of the revisions up to the approved one, only the change's
   * readers those of the change (P1, Điều 10.1).
   */
  async mayReadRevision(ctx: OrgContext, actor: Actor, id: string, revision: number): Promise<boolean> {
    const r = await this.core.reports.get(ctx.orgId, id);
    if (!r || !this.core.canSee(ctx, actor, r)) return false;
    return this.core.readsPending(ctx, actor, r) || revision <= r.approvedRevision!;
  }
}
