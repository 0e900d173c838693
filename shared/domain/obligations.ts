/**
 * Report obligations generated from the rulebook, never typed in (R1-R3, R5, R6, P2, P3, and
 * the monthly finance reports F1, F5): for a period, who owes which report, to whom, by when.
 * Everything comes from the rulebook's data (`from` selectors, `to`, cadences, deadlines), so
 * another department's rulebook yields its own obligations with no code change. Pure.
 *
 * Go-live (`OrgSnapshot.goLiveOn`): a period that ended before the organisation's go-live date
 * owes nothing, and neither does an event before it, nor a deadline up to the go-live day; the
 * period containing the date does, for its deadlines after that day.
 *
 * A period with no working day at all (the Tết week 2026-W08) owes nothing of its cadence: no
 * one works, and the weekly briefing the weekly reports feed is not held either (M1's
 * schedule: "none left: no meeting is due that week").
 */
import type {
  Cadence,
  CadenceRule,
  LocalizedText,
  ObligationEvent,
  ObligedSelector,
  PeriodDeadlineRule,
  Recipient,
  Rulebook,
} from '../rulebook/schema.js';
import type { WorkingCalendar } from './calendar.js';
import { isOnTime, resolveDataCutOff, resolveDeadline } from './deadlines.js';
import { ValidationError } from './errors.js';
import { toLocalDate, type LocalDate } from './local-time.js';
import { headOfUnit, type StaffMember, type Unit } from './organisation.js';
import { PERIOD_KINDS, countsFromGoLive, deadlineCountsFromGoLive, parsePeriod, subPeriods } from './periods.js';

export interface ObligationInstance {
  /** Stable: `${obligationId}|${periodId or event kind:ref}|${staffId}`. */
  key: string;
  obligationId: string;
  rule: string;
  article: string;
  title: { vi: string; en: string };
  staffId: string;
  unitId: string;
  /** Staff ids the report goes to; empty when the post is vacant. */
  recipients: string[];
  cadence?: Cadence;
  periodId?: string;
  event?: { kind: string; ref: string; date: LocalDate };
  dueAt: Date;
  dataCutOffAt?: Date;
}

export interface OrgSnapshot {
  units: readonly Unit[];
  staff: readonly StaffMember[];
  /** Go-live: a period that ended before this local day owes nothing; nor does an event before it. */
  goLiveOn?: LocalDate;
}

export interface PeriodicQuery {
  periodId: string;
  staffIds?: string[];
  unitId?: string;
  /** Also the finer cadences whose periods lie in this one (see `subPeriods`). */
  includeSubPeriods?: boolean;
}

export interface ObligationEventInput {
  kind: ObligationEvent;
  staffId: string;
  /** The record that raised it (the mission's id). */
  ref: string;
  /** The event's local date (the mission's last day). */
  date: LocalDate;
}

export type ObligationStatus = 'pending' | 'submitted' | 'late' | 'missing';

/** The organisation as its rulebook seeds it: every unit, every member active. */
export function orgSnapshotOf(rulebook: Pick<Rulebook, 'units' | 'staff'>): OrgSnapshot {
  return {
    units: rulebook.units.map(({ id, name, kind, overseenBy }) => ({ id, name, kind, overseenBy })),
    staff: rulebook.staff.map((s) => ({ ...s, active: true })),
  };
}

/**
 * The periodic obligations of the period `periodId` (e.g. `2026-W48`, `2026-11`, `2026-Q4`):
 * every obligation with a cadence of the period's kind, owed by each selected active staff
 * member its `from` matches; with `includeSubPeriods`, also the finer cadences' periods within
 * it. Sorted by due instant, then key.
 */
export function periodicObligations(
  rulebook: Rulebook,
  org: OrgSnapshot,
  calendar: WorkingCalendar,
  query: PeriodicQuery,
): ObligationInstance[] {
  const period = parsePeriod(query.periodId);
  if (period === undefined) {
    throw new ValidationError(`Unknown period '${query.periodId}'`, [
      { path: 'periodId', message: 'must be a period id such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026' },
    ]);
  }
  const timeZone = rulebook.organisation.timeZone;
  const ctx = new OrgContext(org);
  const wanted = query.staffIds === undefined ? undefined : new Set(query.staffIds);
  const people = ctx.active.filter(
    (s) => (wanted === undefined || wanted.has(s.id)) && (query.unitId === undefined || s.unitId === query.unitId),
  );
  const rank = PERIOD_KINDS.indexOf(period.kind);
  const kinds = query.includeSubPeriods ? PERIOD_KINDS.slice(0, rank + 1) : [period.kind];

  const out: ObligationInstance[] = [];
  for (const source of obligationSources(rulebook)) {
    for (const kind of kinds) {
      const cadenceRule = source.cadences[kind];
      if (cadenceRule === undefined) continue;
      for (const p of subPeriods(period, kind)) {
        if (!countsFromGoLive(p.end, org.goLiveOn) || calendar.firstWorkingDayIn(p) === undefined) continue;
        const dueAt = resolveDeadline(cadenceRule.deadline, { period: p }, calendar, timeZone);
        // A deadline up to the go-live day (a quarter's plan due in its first week) is not owed either.
        if (!deadlineCountsFromGoLive(toLocalDate(dueAt, timeZone), org.goLiveOn)) continue;
        const dataCutOffAt =
          cadenceRule.dataCutOff === undefined ? undefined : resolveDataCutOff(cadenceRule.dataCutOff, { period: p, dueAt }, timeZone);
        for (const person of people) {
          const owed = ctx.owed(source, person);
          if (owed === undefined) continue;
          out.push({
            key: `${source.id}|${p.id}|${person.id}`,
            ...about(source, person),
            recipients: owed.recipients,
            cadence: kind,
            periodId: p.id,
            dueAt,
            ...(dataCutOffAt === undefined ? {} : { dataCutOffAt }),
          });
        }
      }
    }
  }
  return out.sort(byDueThenKey);
}

/** The obligations an event raises for the person it concerns (R5 after a mission). */
export function eventObligations(
  rulebook: Rulebook,
  org: OrgSnapshot,
  calendar: WorkingCalendar,
  event: ObligationEventInput,
): ObligationInstance[] {
  const ctx = new OrgContext(org);
  const person = org.staff.find((s) => s.id === event.staffId);
  if (person === undefined) throw new ValidationError(`Unknown staff member '${event.staffId}'`, [{ path: 'staffId', message: 'unknown staff member' }]);
  if (!person.active || !countsFromGoLive(event.date, org.goLiveOn)) return [];
  const out: ObligationInstance[] = [];
  for (const o of rulebook.reportObligations) {
    const source = reportSource(o);
    const owed = ctx.owed(source, person);
    if (owed === undefined) continue;
    for (const e of o.events ?? []) {
      if (e.event !== event.kind) continue;
      const dueAt = resolveDeadline(e.deadline, { eventDate: event.date }, calendar, rulebook.organisation.timeZone);
      if (!deadlineCountsFromGoLive(toLocalDate(dueAt, rulebook.organisation.timeZone), org.goLiveOn)) continue;
      out.push({
        key: `${o.id}|${event.kind}:${event.ref}|${person.id}`,
        ...about(source, person),
        recipients: owed.recipients,
        event: { kind: event.kind, ref: event.ref, date: event.date },
        dueAt,
      });
    }
  }
  return out.sort(byDueThenKey);
}

/**
 * submitted: on time; late: after the due second; missing: none and the due second has passed;
 * pending: none yet and still within it. Second precision, as `isOnTime`.
 */
export function obligationStatus(
  instance: Pick<ObligationInstance, 'dueAt'>,
  submission: { submittedAt: Date } | undefined,
  now: Date,
): ObligationStatus {
  if (submission !== undefined) return isOnTime(submission.submittedAt, instance.dueAt) ? 'submitted' : 'late';
  return isOnTime(now, instance.dueAt) ? 'pending' : 'missing';
}

// ---------------------------------------------------------------------------------------
// Sources: report obligations and the finance section's monthly reports, in one shape.
// ---------------------------------------------------------------------------------------

interface ObligationSource {
  id: string;
  rule: string;
  article: string;
  title: LocalizedText;
  from: ObligedSelector;
  to: readonly Recipient[];
  cadences: Partial<Record<Cadence, { deadline: PeriodDeadlineRule; dataCutOff?: CadenceRule['dataCutOff'] }>>;
}

/**
 * The finance section's monthly reports by a person (F1, F5): the schema gives them a title,
 * `from`, `to` and a monthly deadline but no id or cut-off, so their id is their path in the
 * rulebook (it cannot clash with an obligation id, which has no dot) and they have no cut-off.
 */
const MONTHLY_FINANCE_REPORTS = ['incomeExpenseReport', 'cashReport'] as const satisfies readonly (keyof Rulebook['finance'])[];

function reportSource(o: Rulebook['reportObligations'][number]): ObligationSource {
  return { id: o.id, rule: o.rule, article: o.article, title: o.title, from: o.from, to: [o.to], cadences: o.cadences ?? {} };
}

function obligationSources(rulebook: Rulebook): ObligationSource[] {
  const sources = rulebook.reportObligations.map(reportSource);
  for (const key of MONTHLY_FINANCE_REPORTS) {
    const f = rulebook.finance[key];
    if (f === undefined) continue;
    sources.push({
      id: `finance.${key}`,
      rule: f.rule,
      article: f.article,
      title: f.title,
      from: f.from,
      to: f.to,
      cadences: { month: { deadline: f.deadline } },
    });
  }
  return sources;
}

function about(source: ObligationSource, person: StaffMember) {
  return {
    obligationId: source.id,
    rule: source.rule,
    article: source.article,
    title: { vi: source.title.vi, en: source.title.en },
    staffId: person.id,
    unitId: person.unitId,
  };
}

function byDueThenKey(a: ObligationInstance, b: ObligationInstance): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

// ---------------------------------------------------------------------------------------
// Who owes, and to whom
// ---------------------------------------------------------------------------------------

class OrgContext {
  readonly active: readonly StaffMember[];
  private readonly units: ReadonlyMap<string, Unit>;

  constructor(private readonly org: OrgSnapshot) {
    this.active = org.staff.filter((s) => s.active);
    this.units = new Map(org.units.map((u) => [u.id, u]));
  }

  /** Undefined when the person does not owe it: not selected, or it would go to themselves. */
  owed(source: ObligationSource, person: StaffMember): { recipients: string[] } | undefined {
    const unit = this.units.get(person.unitId);
    if (unit === undefined || !person.active || !matches(source.from, person, unit)) return undefined;
    const candidates: string[] = [];
    let applicable = false;
    for (const to of source.to) {
      const ids = this.recipients(to, person, unit);
      if (ids === undefined) continue;
      applicable = true;
      candidates.push(...ids);
    }
    const recipients = [...new Set(candidates.filter((id) => id !== person.id))];
    // Addressed only to oneself (a head's report to the head of their own unit): not owed.
    if (!applicable || (candidates.length > 0 && recipients.length === 0)) return undefined;
    return { recipients };
  }

  /** Undefined when the relation does not exist for this person (the director has no direct superior). */
  private recipients(to: Recipient, person: StaffMember, unit: Unit): string[] | undefined {
    switch (to) {
      case 'director':
        return this.headsOfKind('board');
      // The director and the deputy director overseeing the sender's unit (A1: heads answer to both).
      case 'board':
        return [...this.headsOfKind('board'), ...this.activeIds([unit.overseenBy])];
      case 'head-of-unit':
        return this.activeIds([headOfUnit(unit, this.active)?.id]);
      case 'chief-of-office':
        return this.headsOfKind('office');
      // Staff: the head of their unit; a unit's head: the leader overseeing it (a deputy
      // director's superior is the director, the board's head); the director: none.
      case 'direct-superior': {
        const head = headOfUnit(unit, this.active);
        if (head?.id !== person.id) return this.activeIds([head?.id]);
        return unit.overseenBy === null ? undefined : this.activeIds([unit.overseenBy]);
      }
      // Sent outside the department (R4): owed, with no recipient here.
      case 'outside':
        return [];
    }
  }

  private headsOfKind(kind: Unit['kind']): string[] {
    return this.org.units.filter((u) => u.kind === kind).flatMap((u) => this.activeIds([headOfUnit(u, this.active)?.id]));
  }

  private activeIds(ids: readonly (string | null | undefined)[]): string[] {
    return ids.filter((id): id is string => typeof id === 'string' && this.active.some((s) => s.id === id));
  }
}

function matches(selector: ObligedSelector, person: StaffMember, unit: Unit): boolean {
  return (
    person.roles.some((r) => selector.roles.includes(r)) &&
    (selector.unitKinds === undefined || selector.unitKinds.includes(unit.kind)) &&
    (selector.unitIds === undefined || selector.unitIds.includes(unit.id))
  );
}
