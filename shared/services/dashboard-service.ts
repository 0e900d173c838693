/**
 * The accountability dashboard (issue #8): a period's figures per unit and person, a 12-month
 * trend, the records behind each figure, and the per-person export for the annual evaluation
 * (E1, Điều 24).
 *
 * Cost of one view (GET /v1/dashboard), whatever the number of assignments:
 * - the counters: one Query per counter partition (1 for a week, month or year; 3 for a
 *   quarter; 6 for a half) and per unit asked for, each reading only that scope's items;
 * - open work: one Query of the open-by-due index up to the due-soon horizon (per unit for a
 *   deputy director or a head, per person for a specialist), bounded by the open items overdue
 *   or due soon;
 * - missions ending before or in the period (R5 reports due in it) and, while the period is
 *   still running, the reports submitted ahead of a deadline not yet passed: one Query each,
 *   bounded by those missions and reports;
 * - reports due: computed from the rulebook, no read.
 */
import { isOpen, type Assignment, type Timeliness } from '../domain/assignment.js';
import {
  addTally,
  counterPartitionsOf,
  dashboardScopeOf,
  dueSoonHorizon,
  figuresOf,
  missionObligationsDueIn,
  missionWindowStart,
  openStanding,
  parseCounterSk,
  periodicObligationsDueIn,
  scopeCoversPerson,
  scopeCoversUnit,
  tallyObligations,
  trendMonths,
  type DashboardScope,
  type FigureName,
  type Figures,
  type Tally,
} from '../domain/dashboard.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { Finding } from '../domain/finding.js';
import { counterSkPrefix } from '../store/keys.js';
import { containsDate, parsePeriod, periodContaining, periodEndInstant, periodStartInstant, type Period } from '../domain/periods.js';
import { formatInstant, toLocalDate, type LocalDate } from '../domain/local-time.js';
import type { Meeting } from '../domain/meeting.js';
import { obligationStatus, type ObligationInstance, type ObligationStatus, type OrgSnapshot } from '../domain/obligations.js';
import type { LocalizedText } from '../domain/organisation.js';
import type { Report } from '../domain/report.js';
import type { CounterRepository } from '../store/counter-repository.js';
import type { DashboardRepository, ReadScope, RecordPage } from '../store/dashboard-repository.js';
import type { MeetingRepository } from '../store/meeting-repository.js';
import type { MissionRepository } from '../store/mission-repository.js';
import type { ReportRepository } from '../store/report-repository.js';
import type { AssignmentService, AssignmentView } from './assignment-service.js';
import { complianceRules } from './compliance/registry.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface DashboardQuery {
  /** A period id; the current month when absent. */
  period?: string;
  unitId?: string;
  staffId?: string;
}

/** Open work overdue and due soon today, whatever period it was due in (issue #16). */
export interface OpenNow {
  overdue: number;
  dueSoon: number;
}

export interface PersonEntry {
  staffId: string;
  name: string;
  unitId: string;
  roles: string[];
  active: boolean;
  figures: Figures;
  openNow: OpenNow;
}

export interface UnitEntry {
  unitId: string;
  name: LocalizedText;
  kind: string;
  headId: string | null;
  figures: Figures;
  openNow: OpenNow;
}

export interface DashboardView {
  organisation: { id: string; name: LocalizedText; shortName: LocalizedText; timeZone: string };
  period: Period;
  asOf: string;
  /** What the caller asked for, within what they may see. */
  scope: { kind: 'department' | 'units' | 'person'; unitIds: string[]; staffId?: string };
  /** What the caller may see at most: the pages offer only links within it. */
  viewer: { staffId: string; name: string; scope: 'department' | 'units' | 'person'; unitIds: string[] };
  totals: Figures;
  /** All open work of the scope overdue or due soon today, from every period (the period's figures count only its own). */
  openNow: OpenNow;
  units: UnitEntry[];
  people: PersonEntry[];
  /** The compliance rules the findings figures name, with the article each cites. */
  rules: { id: string; article: string; title: string }[];
}

export interface TrendPoint {
  period: string;
  assigned: number;
  completedOnTime: number;
  completedAfterExtension: number;
  completedLate: number;
  overdue: number;
  onTimeRate: number | null;
}

export type RecordView =
  | ({ type: 'assignment' } & Pick<
      AssignmentView,
      'id' | 'title' | 'unitId' | 'assigneeId' | 'responsibleId' | 'assignerId' | 'dueDate' | 'originalDueDate' | 'status' | 'timeliness' | 'completedAt' | 'confidentiality'
    >)
  | {
      type: 'report';
      key: string;
      obligationId: string;
      rule: string;
      article: string;
      title: LocalizedText;
      staffId: string;
      unitId: string;
      period?: string;
      dueAt: string;
      status: ObligationStatus;
      reportId?: string;
      submittedAt?: string;
    }
  | ({ type: 'meeting' } & Pick<Meeting, 'id' | 'kind' | 'rule' | 'article' | 'unitId' | 'heldOn' | 'chairId' | 'subject' | 'conclusionsDueAt'> & {
        conclusions: 'none' | 'on-time' | 'late';
      })
  | ({ type: 'finding' } & Pick<Finding, 'id' | 'rule' | 'article' | 'subjectId' | 'unitId' | 'period' | 'detectedAt' | 'detail' | 'resolvedAt' | 'resolution' | 'ref' | 'key' | 'facts' | 'escalation'>);

export interface RecordsQuery extends DashboardQuery {
  figure: FigureName;
  /** Findings of one rule only. */
  rule?: string;
  cursor?: string;
}

export interface RecordsView {
  figure: FigureName;
  period: Period;
  asOf: string;
  scope: DashboardView['scope'];
  viewer: DashboardView['viewer'];
  items: RecordView[];
  /** Counted records the caller may not open (confidential, D2): counted in the figure, not listed. */
  hidden: number;
  nextCursor?: string;
}

/** Index pages read per records request (at least one per partition listed): the bound of one request. */
const MAX_PAGES_PER_REQUEST = 5;

type Target = DashboardScope;

const unitTally = (map: Map<string, Tally>, key: string): Tally => {
  let t = map.get(key);
  if (!t) map.set(key, (t = {}));
  return t;
};

/** Where a target's records are read: the whole organisation, each of its units, or one person. */
function readScopes(target: Target): ReadScope[] {
  return target.kind === 'department'
    ? [{ kind: 'org' }]
    : target.kind === 'units'
      ? target.unitIds.map((unitId) => ({ kind: 'unit' as const, unitId }))
      : [{ kind: 'staff', staffId: target.staffId }];
}

function inTarget(target: Target, unitId: string, staffId?: string): boolean {
  if (target.kind === 'department') return true;
  if (target.kind === 'units') return target.unitIds.includes(unitId);
  return unitId === target.unitId && staffId === target.staffId;
}

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

/**
 * The reports and plans due in a period follow from the context alone (its rulebooks, calendar
 * and organisation), and computing them is most of a view's time: kept per context object. A
 * context is replaced, never changed, when the organisation or its rulebook changes (org-context.ts),
 * so an entry can never outlive what it was computed from.
 */
const periodicMemo = new WeakMap<OrgContext, Map<string, readonly ObligationInstance[]>>();
function periodicDueIn(ctx: OrgContext, period: Period, filter: { unitId?: string; staffIds?: string[] }): readonly ObligationInstance[] {
  let byKey = periodicMemo.get(ctx);
  if (!byKey) periodicMemo.set(ctx, (byKey = new Map()));
  const key = `${period.id}|${filter.unitId ?? ''}|${filter.staffIds?.join(',') ?? ''}`;
  let instances = byKey.get(key);
  if (!instances) {
    instances = Object.freeze(periodicObligationsDueIn(period, ctx, ctx.obligationOrg, filter));
    // A context lives as long as its snapshot: bound what one context can hold.
    if (byKey.size >= 256) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, instances);
  }
  return instances;
}

export class DashboardService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly counters: CounterRepository,
    private readonly reads: DashboardRepository,
    private readonly reports: ReportRepository,
    private readonly meetings: MeetingRepository,
    private readonly missions: MissionRepository,
    private readonly assignments: AssignmentService,
  ) {}

  // -------------------------------------------------------------------------------------
  // Who and when

  private period(ctx: OrgContext, id: string | undefined, now: Date, path = 'query.period'): Period {
    if (id === undefined) return periodContaining('month', toLocalDate(now, ctx.dueRules.timeZone));
    const period = parsePeriod(id);
    if (!period) throw new ValidationError(`Unknown period '${id}'.`, [{ path, message: 'must be a period such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026' }]);
    return period;
  }

  /** What the query names, within what the caller may see: anything else is 404, as a missing id is. */
  private target(ctx: OrgContext, actor: Actor, query: DashboardQuery): { target: Target; viewerScope: DashboardScope } {
    const { authority } = ctx;
    const viewerScope = dashboardScopeOf(authority, actor.staffId);
    if (query.staffId !== undefined) {
      const person = authority.staff(query.staffId);
      if (!person || !scopeCoversPerson(viewerScope, actor.staffId, person) || (query.unitId !== undefined && query.unitId !== person.unitId)) {
        throw new NotFoundError(`There is no staff member ${query.staffId} whose figures you may see.`);
      }
      return { target: { kind: 'person', staffId: person.id, unitId: person.unitId }, viewerScope };
    }
    if (query.unitId !== undefined) {
      if (!authority.unit(query.unitId) || !scopeCoversUnit(viewerScope, query.unitId)) {
        throw new NotFoundError(`There is no unit ${query.unitId} whose figures you may see.`);
      }
      return { target: { kind: 'units', unitIds: [query.unitId] }, viewerScope };
    }
    return { target: viewerScope, viewerScope };
  }

  private scopeView(target: Target): DashboardView['scope'] {
    return target.kind === 'person'
      ? { kind: 'person', unitIds: [target.unitId], staffId: target.staffId }
      : { kind: target.kind, unitIds: target.kind === 'units' ? target.unitIds : [] };
  }

  private counterPrefixes(target: Target): string[] {
    return target.kind === 'department'
            ? [counterSkPrefix({})]
      : target.kind === 'units'
        ? target.unitIds.map((unitId) => counterSkPrefix({ unitId }))
        : [counterSkPrefix({ unitId: target.unitId, staffId: target.staffId })];
  }

  // -------------------------------------------------------------------------------------
  // Figures

  /** The tallies of every unit and person of the target: counters, open work at `now`, reports due. */
  private async tallies(ctx: OrgContext, target: Target, period: Period, now: Date) {
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
    const scopes = readScopes(target);
    const [counterItems, openDue, instances, ahead] = await Promise.all([
      this.counters.read(ctx.orgId, counterPartitionsOf(period), this.counterPrefixes(target), period.kind === 'week' ? period.id : undefined),
      Promise.all(scopes.map((s) => this.reads.openDueBy(ctx.orgId, s, horizon))).then((r) => r.flat()),
      this.dueInstances(ctx, target, period),
      aheadFrom.getTime() <= periodEnd.getTime()
        ? Promise.all(scopes.map((s) => this.reads.submittedDueBetween(ctx.orgId, s, aheadFrom.toISOString(), periodEnd.toISOString()))).then((r) => r.flat())
        : Promise.resolve([]),
    ]);
    for (const item of counterItems) {
      const key = parseCounterSk(item.sk);
      // One item per person: a unit's figures are the sum of its people's.
      if (!key || key.staffId === undefined) continue;
      add(key.unitId, key.staffId, item.values);
    }
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
    for (const r of ahead) add(r.unitId, r.staffId, { due_submittedAhead: 1 });
    // A person view's unit entry is the person's own tally.
    if (target.kind === 'person') {
      units.set(target.unitId, { ...(people.get(`${target.unitId}|${target.staffId}`) ?? {}) });
      openNow.set(target.unitId, { ...(openNow.get(`${target.unitId}|${target.staffId}`) ?? { overdue: 0, dueSoon: 0 }) });
    }
    return { units, people, openNow };
  }

  /** The reports and plans due in the period from the rulebook (no read), and the R5 reports of the missions that raise one (one Query). */
  private async dueInstances(ctx: OrgContext, target: Target, period: Period): Promise<ObligationInstance[]> {
    const org: OrgSnapshot = ctx.obligationOrg;
    const from = missionWindowStart(period, ctx.rulebookOn(period.start));
    const missions = (await Promise.all(readScopes(target).map((s) => this.missions.listEnding(ctx.orgId, s, from, period.end)))).flat();
    const periodic =
      target.kind === 'department'
        ? periodicDueIn(ctx, period, {})
        : target.kind === 'units'
          ? target.unitIds.flatMap((unitId) => periodicDueIn(ctx, period, { unitId }))
          : periodicDueIn(ctx, period, { staffIds: [target.staffId] });
    return [...periodic, ...missionObligationsDueIn(period, ctx, org, missions)].filter((i) => inTarget(target, i.unitId, i.staffId));
  }

  async view(actor: Actor, query: DashboardQuery, now: Date): Promise<DashboardView> {
    return this.viewIn(await this.contexts.load(actor.orgId, now), actor, query, now);
  }

  /** A page's data with one load of the organisation: the figures, the trend if asked, and the names. */
  async page(actor: Actor, query: DashboardQuery, now: Date, options: { trend: boolean }) {
    const ctx = await this.contexts.load(actor.orgId, now);
    const [view, trend] = await Promise.all([
      this.viewIn(ctx, actor, query, now),
      options.trend ? this.trendIn(ctx, actor, query, now) : Promise.resolve(undefined),
    ]);
    return { view, trend: trend?.months ?? [], names: this.directoryOf(ctx, now) };
  }

  private async viewIn(ctx: OrgContext, actor: Actor, query: DashboardQuery, now: Date): Promise<DashboardView> {
    const period = this.period(ctx, query.period, now);
    const { target, viewerScope } = this.target(ctx, actor, query);
    const { units: unitTallies, people: peopleTallies, openNow } = await this.tallies(ctx, target, period, now);
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
      scope: this.scopeView(target),
      viewer: this.viewerOf(ctx, actor, viewerScope),
      totals,
      openNow: openNowTotal,
      units,
      people,
      rules: this.rulesOf(ctx, Object.keys(totals.findings.byRule)),
    };
  }

  private viewerOf(ctx: OrgContext, actor: Actor, scope: DashboardScope): DashboardView['viewer'] {
    return {
      staffId: actor.staffId,
      name: ctx.authority.staff(actor.staffId)?.name ?? actor.name,
      scope: scope.kind,
      unitIds: scope.kind === 'units' ? scope.unitIds : scope.kind === 'person' ? [scope.unitId] : [],
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
    return this.trendIn(await this.contexts.load(actor.orgId, now), actor, query, now);
  }

  private async trendIn(ctx: OrgContext, actor: Actor, query: DashboardQuery, now: Date): Promise<{ scope: DashboardView['scope']; months: TrendPoint[] }> {
    const period = this.period(ctx, query.period, now);
    const { target } = this.target(ctx, actor, query);
    const months = trendMonths(period);
    const horizon = dueSoonHorizon(toLocalDate(now, ctx.dueRules.timeZone), ctx.dueRules, ctx.calendar);
    const [items, openDue] = await Promise.all([
      this.counters.read(ctx.orgId, months.map((m) => m.id), this.counterPrefixes(target)),
      Promise.all(readScopes(target).map((s) => this.reads.openDueBy(ctx.orgId, s, horizon))).then((r) => r.flat()),
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
      scope: this.scopeView(target),
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
  // The records behind a figure

  async records(actor: Actor, query: RecordsQuery, now: Date): Promise<RecordsView> {
    return this.recordsIn(await this.contexts.load(actor.orgId, now), actor, query, now);
  }

  /** The records of a figure with the names the page shows: one load of the organisation. */
  async recordsPage(actor: Actor, query: RecordsQuery, now: Date) {
    const ctx = await this.contexts.load(actor.orgId, now);
    return { records: await this.recordsIn(ctx, actor, query, now), names: this.directoryOf(ctx, now) };
  }

  private async recordsIn(ctx: OrgContext, actor: Actor, query: RecordsQuery, now: Date): Promise<RecordsView> {
    const period = this.period(ctx, query.period, now);
    const { target, viewerScope } = this.target(ctx, actor, query);
    const [family] = query.figure.split('.') as [string];
    const base = {
      figure: query.figure,
      period,
      asOf: formatInstant(now, ctx.dueRules.timeZone),
      scope: this.scopeView(target),
      viewer: this.viewerOf(ctx, actor, viewerScope),
    };
    if (family === 'assignments') return { ...base, ...(await this.assignmentRecords(ctx, actor, target, period, query, now)) };
    if (family === 'reports') return { ...base, ...(await this.reportRecords(ctx, target, period, query.figure, now)), hidden: 0 };
    if (family === 'meetings') return { ...base, items: await this.meetingRecords(ctx, target, period, query.figure), hidden: 0 };
    return { ...base, ...(await this.findingRecords(ctx, target, period, query)), hidden: 0 };
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
      this.dueInstances(ctx, target, period),
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

  // -------------------------------------------------------------------------------------
  // For the pages

  /** Names for the pages and the export: units, staff and roles as the records and rulebook hold them. */
  async directory(actor: Actor, now: Date) {
    return this.directoryOf(await this.contexts.load(actor.orgId, now), now);
  }

  private directoryOf(ctx: OrgContext, now: Date) {
    return {
      organisation: ctx.snapshot.organisation.shortName,
      units: Object.fromEntries(ctx.snapshot.units.map((u) => [u.id, u.name])) as Record<string, LocalizedText>,
      staff: Object.fromEntries(ctx.snapshot.staff.map((s) => [s.id, { name: s.name, unitId: s.unitId, roles: [...s.roles] }])) as Record<
        string,
        { name: string; unitId: string; roles: string[] }
      >,
      roles: ctx.rulebook.roles as Record<string, LocalizedText>,
      unitKinds: Object.fromEntries(ctx.snapshot.units.map((u) => [u.id, u.kind])) as Record<string, string>,
      unitTitles: ctx.rulebook.unitTitles ?? {},
      meetingKinds: Object.fromEntries(ctx.rulebook.meetingObligations.map((o) => [o.kind, o.title])) as Record<string, LocalizedText>,
      reportTitles: {
        ...(ctx.rulebook.finance.incomeExpenseReport ? { F1: ctx.rulebook.finance.incomeExpenseReport.title } : {}),
        ...(ctx.rulebook.finance.cashReport ? { F5: ctx.rulebook.finance.cashReport.title } : {}),
      } as Record<string, LocalizedText>,
      // Titles from the rulebook's own words; a rule it does not describe keeps the engine's English title.
      rules: Object.fromEntries(
        complianceRules.map((r) => {
          const text = ctx.rulebook.rules?.find((t) => t.id === r.id)?.title;
          return [r.id, { title: text ?? r.titleIn?.(ctx.rulebook) ?? { vi: r.title, en: r.title }, article: r.articleIn(ctx.rulebook) }];
        }),
      ) as Record<string, { title: LocalizedText; article: string }>,
      timeZone: ctx.dueRules.timeZone,
      today: toLocalDate(now, ctx.dueRules.timeZone) as LocalDate,
    };
  }
}
