/**
 * The accountability dashboard (issue #8): a period's figures per unit and person, a 12-month
 * trend, the records behind each figure, and the per-person export for the annual evaluation
 * (E1, Điều 24).
 *
 * Cost of one view (GET /v1/dashboard), whatever the number of assignments: three DynamoDB calls
 * for a department, a unit or a person (issue #20, item 2):
 * - the organisation's version item (org-context.ts; the snapshot itself is kept warm);
 * - the counters: one Query per counter partition (1 for a month, 1–2 for a week, 3 for a
 *   quarter; 6 for a half) and per unit asked for, each reading only that scope's items. Beside
 *   the figures they carry the reports and plans submitted by due instant (those submitted ahead
 *   of a deadline still to come) and the missions by last day (the R5 reports due in the period):
 *   counter-rebuild.ts;
 * - open work: one Query of the open-by-due index up to the due-soon horizon, bounded by the
 *   open items overdue or due soon;
 * - reports due: computed from the rulebook, no read.
 *
 * The records behind a figure are read by dashboard-records.ts; who and when (period, target,
 * scopes, the reports due) is dashboard-scope.ts; the shapes answered, dashboard-types.ts.
 */
import {
  addTally,
  type FigureName,
  counterPartitionsOf,
  dueSoonHorizon,
  figuresOf,
  missionWindowStart,
  openStanding,
  parseCounterSk,
  tallyObligations,
  trendMonths,
  type Tally,
} from '../domain/dashboard.js';
import { containsDate, periodContaining, periodEndInstant, periodStartInstant, type Period } from '../domain/periods.js';
import { missionEndOf, reportDueOf } from '../domain/counter-rebuild.js';
import { formatInstant, toLocalDate, type LocalDate } from '../domain/local-time.js';
import { counterSkPrefix } from '../store/keys.js';
import type { CounterRepository } from '../store/counter-repository.js';
import type { DashboardRepository } from '../store/dashboard-repository.js';
import { scopeOf, type RequestScope } from '../store/org-version.js';
import type { MeetingRepository } from '../store/meeting-repository.js';
import type { MissionRepository } from '../store/mission-repository.js';
import type { ReportRepository } from '../store/report-repository.js';
import type { AssignmentService } from './assignment-service.js';
import { complianceRules } from './compliance/registry.js';
import { DashboardRecords } from './dashboard-records.js';
import { directoryOf, dueInstancesWith, inTarget, periodOf, scopeView, targetOf, viewerOf, type Target } from './dashboard-scope.js';
import type { DashboardQuery, DashboardView, OpenNow, PersonEntry, RecordsQuery, RecordsView, TrendPoint, UnitEntry } from './dashboard-types.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export type * from './dashboard-types.js';

const unitTally = (map: Map<string, Tally>, key: string): Tally => {
  let t = map.get(key);
  if (!t) map.set(key, (t = {}));
  return t;
};

export class DashboardService {
  private readonly recordsOf: DashboardRecords;

  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly counters: CounterRepository,
    private readonly reads: DashboardRepository,
    reports: ReportRepository,
    meetings: MeetingRepository,
    missions: MissionRepository,
    assignments: AssignmentService,
  ) {
    this.recordsOf = new DashboardRecords(reads, reports, meetings, missions, assignments);
  }

  /** One Query per counter partition: a deputy director's several units are read as the department's items, filtered (inTarget). */
  private counterPrefixes(target: Target): string[] {
    return target.kind === 'department' || (target.kind === 'units' && target.unitIds.length !== 1)
      ? [counterSkPrefix({})]
      : target.kind === 'units'
        ? [counterSkPrefix({ unitId: target.unitIds[0]! })]
        : [counterSkPrefix({ unitId: target.unitId, staffId: target.staffId })];
  }

  /** Open work of the target due by the horizon: one Query of the open-by-due index, whatever the number of units (its partition is the organisation's). */
  private async openDue(orgId: string, target: Target, horizon: LocalDate, request: RequestScope | undefined) {
    const items = await this.reads.openDueBy(orgId, { kind: 'org' }, horizon, request);
    return items.filter((item) => inTarget(target, item.unitId, item.responsibleId));
  }

  // -------------------------------------------------------------------------------------
  // Figures

  /**
   * The tallies of every unit and person of the target: counters, open work at `now`, reports due.
   * `request`: the reads of one request are shared (a page's figures and trend read the same month).
   */
  private async tallies(ctx: OrgContext, target: Target, period: Period, now: Date, request: RequestScope | undefined) {
    const units = new Map<string, Tally>();
    const people = new Map<string, Tally>();
    const openNow = new Map<string, OpenNow>();
    const addOpenNow = (key: string, standing: keyof OpenNow) => {
      const entry = openNow.get(key) ?? { overdue: 0, dueSoon: 0 };
      entry[standing] += 1;
      openNow.set(key, entry);
    };
    const add = (unitId: string, staffId: string | undefined, tally: Tally) => {
      if (!inTarget(target, unitId, staffId)) return;
      addTally(unitTally(units, unitId), tally);
      if (staffId !== undefined) addTally(unitTally(people, `${unitId}|${staffId}`), tally);
    };
    const timeZone = ctx.dueRules.timeZone;
    const today = toLocalDate(now, timeZone);
    const horizon = dueSoonHorizon(today, ctx.dueRules, ctx.calendar);
    const periodEnd = periodEndInstant(period, timeZone);
    const aheadFrom = new Date(Math.max(Math.floor(now.getTime() / 1000) * 1000, periodStartInstant(period, timeZone).getTime()));
    const [counterItems, openDue] = await Promise.all([
      this.counters.read(ctx.orgId, counterPartitionsOf(period), this.counterPrefixes(target), period.kind === 'week' ? period.id : undefined, request),
      this.openDue(ctx.orgId, target, horizon, request),
    ]);
    // Missions ending in the period's window, from their markers in the counter items (each is in every month its R5 report can fall due in).
    const missionsFrom = missionWindowStart(period, ctx.rulebookOn(period.start));
    const missionEnds = new Map<string, { staffId: string; to: LocalDate; count: number }>();
    for (const item of counterItems) {
      const key = parseCounterSk(item.sk);
      // One item per person: a unit's figures are the sum of its people's.
      if (!key || key.staffId === undefined || !inTarget(target, key.unitId, key.staffId)) continue;
      add(key.unitId, key.staffId, item.values);
      // As the reads by unit did: what was recorded in the target's units (or by the person, in their unit).
      for (const [attribute, value] of Object.entries(item.exact ?? {})) {
        if (value === 0) continue;
        // Reports and plans submitted ahead of a deadline still to come in the period (compared in whole seconds:
        // `aheadFrom` is a whole second, the period ends at .999).
        const due = reportDueOf(attribute);
        if (due !== undefined && aheadFrom.getTime() / 1000 <= due && due <= Math.floor(periodEnd.getTime() / 1000)) add(key.unitId, key.staffId, { due_submittedAhead: value });
        const to = missionEndOf(attribute);
        if (to !== undefined && missionsFrom <= to && to <= period.end) missionEnds.set(`${item.sk}|${to}`, { staffId: key.staffId, to, count: value });
      }
    }
    const missions = [...missionEnds.values()].flatMap((m) => Array.from({ length: m.count }, (_, i) => ({ id: `${m.to}.${i}`, staffId: m.staffId, to: m.to })));
    const instances = dueInstancesWith(ctx, target, period, missions);
    for (const item of openDue) {
      const standing = openStanding(item, now, ctx.dueRules, ctx.calendar);
      // "Open now" counts every period: an overdue task from an earlier month is never invisible.
      if (standing && inTarget(target, item.unitId, item.responsibleId)) {
        addOpenNow(item.unitId, standing);
        addOpenNow(`${item.unitId}|${item.responsibleId}`, standing);
      }
      if (!containsDate(period, item.originalDueDate)) continue;
      if (standing) add(item.unitId, item.responsibleId, { [`now_${standing}`]: 1 });
    }
    tallyObligations(instances, now, (unitId, staffId, t) => add(unitId, staffId, t));
    // A person view's unit entry is the person's own tally.
    if (target.kind === 'person') {
      units.set(target.unitId, { ...(people.get(`${target.unitId}|${target.staffId}`) ?? {}) });
      openNow.set(target.unitId, { ...(openNow.get(`${target.unitId}|${target.staffId}`) ?? { overdue: 0, dueSoon: 0 }) });
    }
    return { units, people, openNow };
  }


  async view(actor: Actor, query: DashboardQuery, now: Date): Promise<DashboardView> {
    return this.viewIn(await this.contexts.load(actor, now), actor, query, now);
  }

  /** A page's data with one load of the organisation: the figures, the trend if asked, and the names. */
  async page(actor: Actor, query: DashboardQuery, now: Date, options: { trend: boolean }) {
    const ctx = await this.contexts.load(actor, now);
    const [view, trend] = await Promise.all([
      this.viewIn(ctx, actor, query, now),
      options.trend ? this.trendIn(ctx, actor, query, now) : Promise.resolve(undefined),
    ]);
    return { view, trend: trend?.months ?? [], names: directoryOf(ctx, now) };
  }

  private async viewIn(ctx: OrgContext, actor: Actor, query: DashboardQuery, now: Date, whole?: 'department'): Promise<DashboardView> {
    const period = periodOf(ctx, query.period, now);
    const { target, viewerScope } = whole ? { target: { kind: whole } as Target, viewerScope: { kind: whole } as Target } : targetOf(ctx, actor, query);
    const { units: unitTallies, people: peopleTallies, openNow } = await this.tallies(ctx, target, period, now, scopeOf(actor));
    const openNowOf = (key: string): OpenNow => ({ ...(openNow.get(key) ?? { overdue: 0, dueSoon: 0 }) });
    const { authority } = ctx;
    const unitOrder = (id: string) => {
      const i = ctx.rulebook.units.findIndex((u) => u.id === id);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    const staffOrder = (id: string) => {
      const i = ctx.rulebook.staff.findIndex((s) => s.id === id);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    const unitIds =
      target.kind === 'department'
        ? ctx.snapshot.units.map((u) => u.id)
        : target.kind === 'units'
          ? target.unitIds
          : [];
    unitIds.sort((a, b) => unitOrder(a) - unitOrder(b) || a.localeCompare(b));
    const units: UnitEntry[] = unitIds.map((unitId) => {
      const unit = authority.unit(unitId)!;
      return {
        unitId,
        name: unit.name,
        kind: unit.kind,
        headId: authority.headOf(unitId)?.id ?? null,
        figures: figuresOf(unitTallies.get(unitId) ?? {}),
        openNow: openNowOf(unitId),
      };
    });
    // People: the current members of each unit shown, and anyone counted there.
    const personKeys = new Set<string>();
    if (target.kind === 'person') personKeys.add(`${target.unitId}|${target.staffId}`);
    else {
      for (const s of ctx.snapshot.staff) if (s.active && unitIds.includes(s.unitId)) personKeys.add(`${s.unitId}|${s.id}`);
      for (const key of peopleTallies.keys()) personKeys.add(key);
    }
    const people: PersonEntry[] = [...personKeys]
      .map((key) => {
        const [unitId, staffId] = key.split('|') as [string, string];
        const member = authority.staff(staffId);
        return {
          staffId,
          name: member?.name ?? staffId,
          unitId,
          roles: [...(member?.roles ?? [])],
          active: member?.active ?? false,
          figures: figuresOf(peopleTallies.get(key) ?? {}),
          openNow: openNowOf(key),
        };
      })
      .sort((a, b) => unitOrder(a.unitId) - unitOrder(b.unitId) || staffOrder(a.staffId) - staffOrder(b.staffId) || a.name.localeCompare(b.name, 'vi'));
    const totalsTally: Tally = {};
    if (target.kind === 'person') addTally(totalsTally, peopleTallies.get(`${target.unitId}|${target.staffId}`) ?? {});
    else for (const unitId of unitIds) addTally(totalsTally, unitTallies.get(unitId) ?? {});
    const totals = figuresOf(totalsTally);
    const openNowTotal: OpenNow =
      target.kind === 'person'
        ? openNowOf(`${target.unitId}|${target.staffId}`)
        : units.reduce((sum, u) => ({ overdue: sum.overdue + u.openNow.overdue, dueSoon: sum.dueSoon + u.openNow.dueSoon }), { overdue: 0, dueSoon: 0 });
    return {
      organisation: {
        id: ctx.orgId,
        name: ctx.snapshot.organisation.name,
        shortName: ctx.snapshot.organisation.shortName,
        timeZone: ctx.dueRules.timeZone,
      },
      period,
      asOf: formatInstant(now, ctx.dueRules.timeZone),
      scope: scopeView(target),
      viewer: viewerOf(ctx, actor, viewerScope),
      totals,
      openNow: openNowTotal,
      units,
      people,
      rules: this.rulesOf(ctx, Object.keys(totals.findings.byRule)),
    };
  }

  private rulesOf(ctx: OrgContext, ids: readonly string[]) {
    return ids.map((id) => {
      const rule = complianceRules.find((r) => r.id === id);
      return { id, article: rule ? rule.articleIn(ctx.rulebook) : '', title: rule?.title ?? id };
    });
  }

  /** The 12 months up to the period's last month: the on-time rate and what it is made of, for the target. */
  async trend(actor: Actor, query: DashboardQuery, now: Date): Promise<{ scope: DashboardView['scope']; months: TrendPoint[] }> {
    return this.trendIn(await this.contexts.load(actor, now), actor, query, now);
  }

  private async trendIn(ctx: OrgContext, actor: Actor, query: DashboardQuery, now: Date): Promise<{ scope: DashboardView['scope']; months: TrendPoint[] }> {
    const period = periodOf(ctx, query.period, now);
    const { target } = targetOf(ctx, actor, query);
    const months = trendMonths(period);
    const horizon = dueSoonHorizon(toLocalDate(now, ctx.dueRules.timeZone), ctx.dueRules, ctx.calendar);
    const [items, openDue] = await Promise.all([
      this.counters.read(ctx.orgId, months.map((m) => m.id), this.counterPrefixes(target), undefined, scopeOf(actor)),
      this.openDue(ctx.orgId, target, horizon, scopeOf(actor)),
    ]);
    const byMonth = new Map<string, Tally>(months.map((m) => [m.id, {}]));
    for (const item of items) {
      const key = parseCounterSk(item.sk);
      if (!key || key.staffId === undefined) continue;
      if (inTarget(target, key.unitId, key.staffId)) addTally(byMonth.get(item.periodId)!, item.values);
    }
    for (const item of openDue) {
      const tally = byMonth.get(periodContaining('month', item.originalDueDate).id);
      if (!tally || !inTarget(target, item.unitId, item.responsibleId)) continue;
      if (openStanding(item, now, ctx.dueRules, ctx.calendar) === 'overdue') tally.now_overdue = (tally.now_overdue ?? 0) + 1;
    }
    return {
      scope: scopeView(target),
      months: months.map((m) => {
        const a = figuresOf(byMonth.get(m.id)!).assignments;
        return {
          period: m.id,
          assigned: a.assigned,
          completedOnTime: a.completedOnTime,
          completedAfterExtension: a.completedAfterExtension,
          completedLate: a.completedLate,
          overdue: a.overdue,
          onTimeRate: a.onTimeRate,
        };
      }),
    };
  }

  // -------------------------------------------------------------------------------------
  // The records behind a figure (dashboard-records.ts)

  async records(actor: Actor, query: RecordsQuery, now: Date): Promise<RecordsView> {
    return this.recordsOf.recordsIn(await this.contexts.load(actor, now), actor, query, now);
  }

  /** The records of a figure with the names the page shows: one load of the organisation. */
  async recordsPage(actor: Actor, query: RecordsQuery, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    return { records: await this.recordsOf.recordsIn(ctx, actor, query, now), names: directoryOf(ctx, now) };
  }

  /**
   * The evaluation dossier's reading (issue #23, E1 Điều 24): a person's figures of a period (and,
   * for a manager, their unit's), counted as every view counts them, with the records behind each
   * figure asked for. The caller has already decided that `reader` may see this person's dossier;
   * a confidential record the reader may not open is counted in `hidden`, as on the records list.
   */
  async evaluationReading(reader: Actor, person: { staffId: string; unitId: string }, periodId: string, figures: readonly FigureName[], withUnit: boolean, now: Date) {
    const ctx = await this.contexts.load(reader, now);
    const period = periodOf(ctx, periodId, now, 'period');
    const target: Target = { kind: 'person', staffId: person.staffId, unitId: person.unitId };
    const [own, unit, { records, hidden }] = await Promise.all([
      this.tallies(ctx, target, period, now, scopeOf(reader)),
      withUnit ? this.tallies(ctx, { kind: 'units', unitIds: [person.unitId] }, period, now, scopeOf(reader)) : Promise.resolve(undefined),
      this.recordsOf.everyRecord(ctx, reader, target, period, figures, now),
    ]);
    return {
      period,
      figures: figuresOf(own.people.get(`${person.unitId}|${person.staffId}`) ?? {}),
      ...(unit ? { unitFigures: figuresOf(unit.units.get(person.unitId) ?? {}) } : {}),
      records,
      hidden,
    };
  }
  /**
   * The whole department's view of a period, for the year-end unit ratings (issue #23, Điều 24):
   * every unit's figures counted as the department's dashboard counts them. The caller has already
   * decided that `reader` may see every unit (EvaluationYearService: the board).
   */
  async departmentReading(reader: Actor, periodId: string, now: Date): Promise<DashboardView> {
    const ctx = await this.contexts.load(reader, now);
    return this.viewIn(ctx, reader, { period: periodId }, now, 'department');
  }
  /**
   * The assignment figures of every person and unit of `scope` for a period, in one read of the
   * counters: the evaluation list's suggested levels (E1). The caller decides who may see them.
   */
  async assignmentFiguresOf(reader: Actor, scope: Target, periodId: string, now: Date) {
    const ctx = await this.contexts.load(reader, now);
    const { people, units } = await this.tallies(ctx, scope, periodOf(ctx, periodId, now, 'period'), now, scopeOf(reader));
    return {
      person: (unitId: string, staffId: string) => figuresOf(people.get(`${unitId}|${staffId}`) ?? {}).assignments,
      unit: (unitId: string) => figuresOf(units.get(unitId) ?? {}).assignments,
    };
  }
  /** Names for the pages and the export: units, staff and roles as the records and rulebook hold them. */
  async directory(actor: Actor, now: Date) {
    return directoryOf(await this.contexts.load(actor, now), now);
  }
}
