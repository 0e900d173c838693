/**
 * Who and when, for every dashboard read (dashboard-service.ts: the figures; dashboard-records.ts:
 * the records behind them): the period asked for, the target within what the caller may see (404
 * otherwise), where its records are read, and the reports and plans due in a period.
 */
import { dashboardScopeOf, missionObligationsDueIn, missionWindowStart, periodicObligationsDueIn, scopeCoversPerson, scopeCoversUnit, type DashboardScope } from '../domain/dashboard.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { toLocalDate, type LocalDate } from '../domain/local-time.js';
import type { ObligationInstance, OrgSnapshot } from '../domain/obligations.js';
import type { LocalizedText } from '../domain/organisation.js';
import { parsePeriod, periodContaining, type Period } from '../domain/periods.js';
import type { ReadScope } from '../store/dashboard-repository.js';
import type { MissionRepository } from '../store/mission-repository.js';
import { complianceRules } from './compliance/registry.js';
import type { DashboardQuery, DashboardView } from './dashboard-types.js';
import type { OrgContext } from './org-context.js';
import type { Actor } from './organisation-service.js';

export type Target = DashboardScope;

/** Where a target's records are read: the whole organisation, each of its units, or one person. */
export function readScopes(target: Target): ReadScope[] {
  return target.kind === 'department'
    ? [{ kind: 'org' }]
    : target.kind === 'units'
      ? target.unitIds.map((unitId) => ({ kind: 'unit' as const, unitId }))
      : [{ kind: 'staff', staffId: target.staffId }];
}

export function inTarget(target: Target, unitId: string, staffId?: string): boolean {
  if (target.kind === 'department') return true;
  if (target.kind === 'units') return target.unitIds.includes(unitId);
  return unitId === target.unitId && staffId === target.staffId;
}

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

export function periodOf(ctx: OrgContext, id: string | undefined, now: Date, path = 'query.period'): Period {
  if (id === undefined) return periodContaining('month', toLocalDate(now, ctx.dueRules.timeZone));
  const period = parsePeriod(id);
  if (!period) throw new ValidationError(`Unknown period '${id}'.`, [{ path, message: 'must be a period such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026' }]);
  return period;
}

/** What the query names, within what the caller may see: anything else is 404, as a missing id is. */
export function targetOf(ctx: OrgContext, actor: Actor, query: DashboardQuery): { target: Target; viewerScope: DashboardScope } {
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

export function scopeView(target: Target): DashboardView['scope'] {
  return target.kind === 'person'
    ? { kind: 'person', unitIds: [target.unitId], staffId: target.staffId }
    : { kind: target.kind, unitIds: target.kind === 'units' ? target.unitIds : [] };
}

export function viewerOf(ctx: OrgContext, actor: Actor, scope: DashboardScope): DashboardView['viewer'] {
  return {
    staffId: actor.staffId,
    name: ctx.authority.staff(actor.staffId)?.name ?? actor.name,
    scope: scope.kind,
    unitIds: scope.kind === 'units' ? scope.unitIds : scope.kind === 'person' ? [scope.unitId] : [],
  };
}

/** The reports and plans due in the period from the rulebook (no read), and the R5 reports of the missions that raise one (one Query). */
export async function dueInstances(missionRepository: MissionRepository, ctx: OrgContext, target: Target, period: Period): Promise<ObligationInstance[]> {
  const from = missionWindowStart(period, ctx.rulebookOn(period.start));
  const missions = (await Promise.all(readScopes(target).map((s) => missionRepository.listEnding(ctx.orgId, s, from, period.end)))).flat();
  return dueInstancesWith(ctx, target, period, missions);
}

/** The same from the missions already known to end within the period's window (missionWindowStart to its end). */
export function dueInstancesWith(ctx: OrgContext, target: Target, period: Period, missions: readonly { id: string; staffId: string; to: LocalDate }[]): ObligationInstance[] {
  const org: OrgSnapshot = ctx.obligationOrg;
  const periodic =
    target.kind === 'department'
      ? periodicDueIn(ctx, period, {})
      : target.kind === 'units'
        ? target.unitIds.flatMap((unitId) => periodicDueIn(ctx, period, { unitId }))
        : periodicDueIn(ctx, period, { staffIds: [target.staffId] });
  return [...periodic, ...missionObligationsDueIn(period, ctx, org, missions)].filter((i) => inTarget(target, i.unitId, i.staffId));
}

/** Names for the pages and the export: units, staff and roles as the records and rulebook hold them. */
export function directoryOf(ctx: OrgContext, now: Date) {
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
