import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulidx';
import { scheduleIdOf, receptionUnitOf, type ReceptionSchedule } from '../domain/citizen-reception.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { addDays, compareLocalDates, toLocalDate, yearMonthOf, type LocalDate } from '../domain/local-time.js';
import type { MissionKind } from '../domain/mission.js';
import { parsePeriod, periodContaining, type LocalDateRange, type Period } from '../domain/periods.js';
import { concernsUnit, daysOf, overlaps, sortEvents, yearsOf, type CalendarDay, type CalendarEvent, type CalendarYearStatus } from '../domain/work-calendar.js';
import type { LocalizedText } from '../rulebook/schema.js';
import type { CalendarFeedRepository } from '../store/calendar-feed-repository.js';
import type { CitizenReceptionRepository } from '../store/citizen-reception-repository.js';
import type { MeetingRepository } from '../store/meeting-repository.js';
import type { MissionRepository } from '../store/mission-repository.js';
import { commit } from './commit.js';
import { auditVisibility } from './audit-service.js';
import type { LeaveService } from './leave-service.js';
import type { MeetingService } from './meeting-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';
import type { VisitService } from './visit-service.js';

export interface WorkCalendar {
  readonly organisation: LocalizedText;
  readonly timeZone: string;
  /** The ISO week shown (absent for a feed's range). */
  readonly week?: string;
  readonly start: LocalDate;
  readonly end: LocalDate;
  /** The unit whose calendar this is; absent: the whole department. */
  readonly unitId?: string;
  readonly days: CalendarDay[];
  /** Whether the holidays of each year shown are announced or provisional. */
  readonly years: CalendarYearStatus[];
  readonly events: CalendarEvent[];
  /** Names of everyone and every unit the events mention. */
  readonly staff: Record<string, { name: string; title?: LocalizedText }>;
  readonly units: Record<string, LocalizedText>;
}

/** What a calendar client's feed URL serves: the weeks around now, so a subscription stays current. */
export const FEED_WEEKS_BEFORE = 1;
export const FEED_WEEKS_AFTER = 4;

const MISSION_KIND: Record<MissionKind, LocalizedText> = {
  training: { vi: 'Đi học, tập huấn', en: 'Training' },
  conference: { vi: 'Dự hội nghị', en: 'Conference' },
  mission: { vi: 'Đi công tác', en: 'Mission' },
};

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The department's weekly work calendar (lịch công tác tuần): meetings, citizen reception
 * sessions, missions, delegation visits and leave, for the department or a unit, as JSON, a
 * printable page and iCalendar; and per-person subscription feeds behind a revocable token.
 * Everything is read by Query or GetItem over the dates shown.
 */
export class CalendarService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly reads: {
      readonly meetings: Pick<MeetingRepository, 'heldBetween'>;
      readonly meetingSchedule: Pick<MeetingService, 'expected'>;
      readonly reception: Pick<CitizenReceptionRepository, 'get'>;
      readonly missions: Pick<MissionRepository, 'listOverlapping'>;
      readonly visits: Pick<VisitService, 'overlapping'>;
      readonly leave: Pick<LeaveService, 'absences'>;
    },
    private readonly feeds: CalendarFeedRepository,
  ) {}

  private weekOf(ctx: OrgContext, week: string | undefined, now: Date): Period {
    if (week === undefined) return periodContaining('week', toLocalDate(now, ctx.dueRules.timeZone));
    const period = parsePeriod(week);
    if (!period || period.kind !== 'week') throw new ValidationError(`Unknown week '${week}'.`, [{ path: 'query.week', message: 'must be an ISO week such as 2026-W48' }]);
    return period;
  }

  /** GET /v1/calendar: the week's calendar of the department, or of a unit. The calendar is published to all staff; leave shows where the caller may see the unit's absences. */
  async week(actor: Actor, query: { week?: string; unitId?: string }, now: Date): Promise<WorkCalendar> {
    const ctx = await this.contexts.load(actor, now);
    const week = this.weekOf(ctx, query.week, now);
    if (query.unitId !== undefined && !ctx.authority.unit(query.unitId)) throw new NotFoundError(`There is no unit ${query.unitId}.`);
    return { ...(await this.collect(ctx, actor, week, query.unitId, now)), week: week.id };
  }

  private async collect(ctx: OrgContext, actor: Actor, range: LocalDateRange, unitId: string | undefined, now: Date): Promise<WorkCalendar> {
    const { authority } = ctx;
    const name = (id: string) => authority.staff(id)?.name ?? id;
    const [held, expected, schedules, missions, visits, leave] = await Promise.all([
      this.reads.meetings.heldBetween(ctx.orgId, range.start, range.end),
      this.reads.meetingSchedule.expected(actor, range, now),
      this.schedulesFor(ctx, range),
      this.reads.missions.listOverlapping(ctx.orgId, unitId ? { kind: 'unit', unitId } : { kind: 'org' }, range.start, range.end),
      this.reads.visits.overlapping(ctx, range),
      this.leaveFor(ctx, actor, range, unitId, now),
    ]);
    const obligationTitle = (obligationId: string, kind: string) =>
      ctx.rulebook.meetingObligations.find((o) => o.id === obligationId)?.title ?? { vi: kind, en: kind };
    const events: CalendarEvent[] = [];
    for (const m of held) {
      const title = obligationTitle(m.obligationId, m.kind);
      events.push({
        uid: `meeting.${m.id}`,
        kind: 'meeting',
        title: m.subject ? { vi: `${title.vi}: ${m.subject}`, en: `${title.en}: ${m.subject}` } : title,
        start: m.heldOn,
        end: m.heldOn,
        // The chair is often among the participants too: each person once.
        staffIds: [...new Set([m.chairId, ...m.participantIds])],
        unitIds: [m.unitId],
        ...(m.level === 'department' ? { departmentWide: true } : {}),
        status: 'held',
        ref: { type: 'meeting', id: m.id },
      });
    }
    // A meeting the rulebook expects on a day (the Friday briefing) is on the calendar before it is held.
    for (const e of expected) {
      if (e.status === 'held' || !e.expectedOn || !overlaps({ start: e.expectedOn, end: e.expectedOn }, range.start, range.end)) continue;
      events.push({
        uid: `expected-meeting.${e.key.replaceAll('|', '.')}`,
        kind: 'meeting',
        title: e.title,
        start: e.expectedOn,
        end: e.expectedOn,
        staffIds: [],
        unitIds: [e.unitId],
        ...(e.level === 'department' ? { departmentWide: true } : {}),
        status: e.status === 'missed' ? 'missed' : 'planned',
        ref: { type: 'expected-meeting', id: e.key },
      });
    }
    const rules = ctx.rulebook.citizenReception;
    const receptionUnit = rules ? receptionUnitOf(ctx.snapshot.staff, rules) : undefined;
    for (const s of schedules) {
      for (const session of s.sessions) {
        if (!overlaps({ start: session.date, end: session.date }, range.start, range.end)) continue;
        const host = session.outcome?.receivedBy ?? session.hostId;
        events.push({
          uid: `reception.${s.id}.${session.n}`,
          kind: 'reception',
          title: { vi: `Tiếp công dân định kỳ: ${name(host)}`, en: `Citizen reception: ${name(host)}` },
          ...(session.outcome ? { detail: `${session.outcome.citizenCount} / ${session.outcome.caseCount}` } : {}),
          start: session.date,
          end: session.date,
          startTime: session.start,
          endTime: session.end,
          ...(session.location ? { location: session.location } : {}),
          staffIds: [...new Set([session.hostId, host])],
          unitIds: receptionUnit ? [receptionUnit] : [],
          status: session.status,
          ref: { type: 'reception-schedule', id: s.id },
        });
      }
    }
    for (const m of missions) {
      const kind = MISSION_KIND[m.kind];
      events.push({
        uid: `mission.${m.id}`,
        kind: 'mission',
        title: { vi: `${kind.vi}: ${m.title} (${name(m.staffId)})`, en: `${kind.en}: ${m.title} (${name(m.staffId)})` },
        start: m.from,
        end: m.to,
        staffIds: [m.staffId],
        unitIds: [m.unitId],
        status: m.returnedOn ? 'returned' : m.kind,
        ref: { type: 'mission', id: m.id },
      });
    }
    for (const v of visits) {
      events.push({
        uid: `visit.${v.id}`,
        kind: 'visit',
        title: { vi: `Tiếp đoàn: ${v.delegation}`, en: `Delegation visit: ${v.delegation}` },
        ...(v.purpose ? { detail: v.purpose } : {}),
        start: v.from,
        end: v.to,
        ...(v.start ? { startTime: v.start } : {}),
        ...(v.end ? { endTime: v.end } : {}),
        ...(v.location ? { location: v.location } : {}),
        staffIds: v.hostIds,
        unitIds: v.preparingUnitIds ?? [],
        status: 'planned',
        ref: { type: 'visit', id: v.id },
      });
    }
    events.push(...leave);
    const members = unitId ? new Set(ctx.snapshot.staff.filter((s) => s.unitId === unitId).map((s) => s.id)) : undefined;
    const shown = sortEvents(events.filter((e) => overlaps(e, range.start, range.end) && (!unitId || !members || concernsUnit(e, unitId, members))));
    const staff: WorkCalendar['staff'] = {};
    for (const id of new Set(shown.flatMap((e) => e.staffIds))) {
      const s = authority.staff(id);
      if (s) staff[id] = { name: s.name, ...(s.title ? { title: s.title } : {}) };
    }
    const units: WorkCalendar['units'] = {};
    for (const id of new Set([...shown.flatMap((e) => e.unitIds), ...(unitId ? [unitId] : [])])) {
      const u = authority.unit(id);
      if (u) units[id] = u.name;
    }
    return {
      organisation: ctx.snapshot.organisation.shortName,
      timeZone: ctx.dueRules.timeZone,
      start: range.start,
      end: range.end,
      ...(unitId ? { unitId } : {}),
      days: daysOf({ id: '', kind: 'week', ...range }, ctx.calendar),
      years: yearsOf(range, ctx.calendar),
      events: shown,
      staff,
      units,
    };
  }

  /** The approved schedules of the months the range touches, and of the month before (a session may move into the next month). */
  private async schedulesFor(ctx: OrgContext, range: LocalDateRange): Promise<ReceptionSchedule[]> {
    if (!ctx.rulebook.citizenReception) return [];
    const months = new Set<string>([yearMonthOf(addDays(`${yearMonthOf(range.start)}-01`, -1))]);
    for (let d = range.start; compareLocalDates(d, range.end) <= 0; d = addDays(d, 1)) months.add(yearMonthOf(d));
    const found = await Promise.all([...months].map((m) => this.reads.reception.get(ctx.orgId, scheduleIdOf(m))));
    return found.filter((s): s is ReceptionSchedule => s?.status === 'approved');
  }

  /** Leave in effect, unit by unit, where the caller may see the unit's absence calendar (the leave service decides). */
  private async leaveFor(ctx: OrgContext, actor: Actor, range: LocalDateRange, unitId: string | undefined, now: Date): Promise<CalendarEvent[]> {
    const unitIds = unitId ? [unitId] : ctx.snapshot.units.map((u) => u.id);
    const calendars = await Promise.all(
      unitIds.map((id) =>
        this.reads.leave.absences(actor, { unitId: id, from: range.start, to: range.end }, now).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        }),
      ),
    );
    return calendars.flatMap((calendar) =>
      (calendar?.items ?? []).map(
        (l): CalendarEvent => ({
          uid: `leave.${l.leaveRequestId}`,
          kind: 'leave',
          title: { vi: `Nghỉ: ${l.name}`, en: `On leave: ${l.name}` },
          ...(l.days % 1 !== 0 ? { detail: `${l.days}` } : {}),
          start: l.startDate,
          end: l.endDate,
          staffIds: [l.staffId],
          unitIds: [calendar!.unitId],
          status: l.status,
          ref: { type: 'leave-request', id: l.leaveRequestId },
        }),
      ),
    );
  }

  // ---------------------------------------------------------------------------------------
  // Subscription feeds: calendar clients cannot send a bearer token, so each person may hold one
  // long-lived, revocable token; only its SHA-256 is stored.

  /** Creates the caller's feed token, replacing (and so revoking) any earlier one. The token is shown once. */
  async createFeed(actor: Actor, now: Date): Promise<{ token: string; createdAt: string }> {
    const ctx = await this.contexts.load(actor, now);
    const { body } = await commit({
      load: () => this.feeds.current(ctx.orgId, actor.staffId),
      decide: (previous) => {
        const token = `${ctx.orgId}.${randomBytes(32).toString('base64url')}`;
        const createdAt = now.toISOString();
        const next = { staffId: actor.staffId, tokenHash: hashOf(token), createdAt, version: (previous?.version ?? 0) + 1 };
        return { result: { token, createdAt }, write: () => this.feeds.write(ctx.orgId, next, previous, this.feedEvent(ctx, actor, previous?.tokenHash ? 'rotated' : 'created', next.version, now)) };
      },
    });
    return body;
  }

  async feedStatus(actor: Actor): Promise<{ active: boolean; createdAt?: string; revokedAt?: string }> {
    const state = await this.feeds.current(actor.orgId, actor.staffId);
    return {
      active: state?.tokenHash !== undefined,
      ...(state?.tokenHash && state.createdAt ? { createdAt: state.createdAt } : {}),
      ...(state?.revokedAt ? { revokedAt: state.revokedAt } : {}),
    };
  }

  async revokeFeed(actor: Actor, now: Date): Promise<void> {
    const ctx = await this.contexts.load(actor, now);
    const previous = await this.feeds.current(ctx.orgId, actor.staffId);
    if (!previous?.tokenHash) throw new NotFoundError('You have no calendar subscription to revoke.');
    const next = { staffId: actor.staffId, revokedAt: now.toISOString(), version: previous.version + 1 };
    await this.feeds.write(ctx.orgId, next, previous, this.feedEvent(ctx, actor, 'revoked', next.version, now));
  }

  private feedEvent(ctx: OrgContext, actor: Actor, action: string, version: number, now: Date) {
    return {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType: 'calendar-feed',
      entityId: `calendar-feed.${actor.staffId}`,
      action,
      actorId: actor.staffId,
      at: now.toISOString(),
      version,
      data: {},
    };
  }

  /**
   * The calendar behind a feed token: what concerns the person's unit (and so the person), from
   * FEED_WEEKS_BEFORE weeks before this week to FEED_WEEKS_AFTER after. Unknown, rotated or revoked
   * tokens, and people no longer employed, get 404, as a token that never existed.
   */
  async feed(token: string, now: Date): Promise<WorkCalendar & { staffId: string }> {
    const dot = token.indexOf('.');
    const orgId = token.slice(0, dot);
    if (dot < 2 || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(orgId)) throw new NotFoundError('There is no such calendar feed.');
    const found = await this.feeds.lookup(orgId, hashOf(token)).catch(() => undefined);
    if (!found) throw new NotFoundError('There is no such calendar feed.');
    const ctx = await this.contexts.load(orgId, now);
    const person = ctx.authority.staff(found.staffId);
    if (!person?.active) throw new NotFoundError('There is no such calendar feed.');
    const actor: Actor = { orgId, staffId: person.id, name: person.name, unitId: person.unitId, roles: person.roles };
    const thisWeek = periodContaining('week', toLocalDate(now, ctx.dueRules.timeZone));
    const range = { start: addDays(thisWeek.start, -7 * FEED_WEEKS_BEFORE), end: addDays(thisWeek.end, 7 * FEED_WEEKS_AFTER) };
    return { ...(await this.collect(ctx, actor, range, person.unitId, now)), staffId: person.id };
  }

  /** GET /v1/audit?entityId=calendar-feed.<staffId>: the person, and those who see the whole department. */
  readonly auditVisibility = auditVisibility(['calendar-feed'], async (ctx, actor, entityId) => {
    if (!entityId.startsWith('calendar-feed.')) return undefined;
    const staffId = entityId.slice('calendar-feed.'.length);
    if (!(await this.feeds.current(ctx.orgId, staffId))) return undefined;
    return staffId === actor.staffId || ctx.authority.viewScope(actor.staffId).kind === 'all';
  });
}
