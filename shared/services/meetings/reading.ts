/** Reading meetings (docs/security/meetings.md): one with its conclusions, its page, the lists, and what the compliance rules read (M1–M4). */
import { ValidationError } from '../../domain/errors.js';
import { expectedMeetings, matchHeld, spanOf, type ExpectedMeetingStatus } from '../../domain/meeting-schedule.js';
import type { LocalDateRange } from '../../domain/periods.js';
import { MEETING_KINDS } from '../../rulebook/kinds.js';
import type { MeetingPartitions } from '../../store/meeting-repository.js';
import type { OrgContext, OrgOf } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { MeetingView, MeetingDetail, MeetingPageData, MeetingListFilters } from '../meeting-service.js';
import { MeetingCore } from './core.js';

export class MeetingReading {
  constructor(private readonly core: MeetingCore) {}

  // ---------------------------------------------------------------------------------------
  // Reading

  /** A meeting the caller may not read answers 404, exactly as one that does not exist (docs/security/meetings.md). */
  async get(actor: Actor, id: string, now: Date): Promise<MeetingDetail> {
    const ctx = await this.core.contexts.load(actor);
    return this.core.detail(ctx, actor, id, now);
  }

  /** The meeting page's data, kept apart from its markup so other pages (the dashboard) can reuse it. */
  async pageData(actor: Actor, id: string, now: Date): Promise<MeetingPageData> {
    const ctx = await this.core.contexts.load(actor);
    const meeting = await this.core.detail(ctx, actor, id, now);
    const staffIds = new Set([meeting.chairId, meeting.recordedBy, ...meeting.participantIds, ...meeting.items.flatMap((i) => (i.responsibleId ? [i.responsibleId] : []))]);
    if (meeting.onBehalfOf) staffIds.add(meeting.onBehalfOf);
    if (meeting.conclusions) staffIds.add(meeting.conclusions.issuedBy);
    const staff: MeetingPageData['staff'] = {};
    for (const sid of staffIds) {
      const member = ctx.authority.staff(sid);
      if (member) staff[sid] = { name: member.name, ...(member.title ? { title: member.title } : {}) };
    }
    const units: MeetingPageData['units'] = {};
    for (const uid of new Set([meeting.unitId, ...meeting.items.flatMap((i) => (i.unitId ? [i.unitId] : []))])) {
      const unit = ctx.authority.unit(uid);
      if (unit) units[uid] = unit.name;
    }
    const obligation = ctx.rulebook.meetingObligations.find((o) => o.id === meeting.obligationId);
    return {
      meeting,
      title: obligation?.title ?? { vi: meeting.kind, en: meeting.kind },
      organisation: ctx.snapshot.organisation.shortName,
      timeZone: ctx.dueRules.timeZone,
      staff,
      units,
    };
  }

  async list(actor: Actor, filters: MeetingListFilters, now: Date): Promise<{ items: MeetingView[]; nextCursor?: string }> {
    const ctx = await this.core.contexts.load(actor);
    if (filters.unitId !== undefined && !ctx.snapshot.units.some((u) => u.id === filters.unitId)) {
      throw new ValidationError(`There is no unit ${filters.unitId}.`, [{ path: 'query.unitId', message: `no unit ${filters.unitId}` }]);
    }
    if (filters.from && filters.to && filters.from > filters.to) {
      throw new ValidationError('The range ends before it starts.', [{ path: 'query.to', message: 'must be on or after from' }]);
    }
    const range = { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
    const page = filters.withoutConclusions
      ? await this.core.meetings.awaiting({
          orgId: ctx.orgId,
          dueBefore: now,
          ...(filters.kind ? { kind: filters.kind } : {}),
          ...(filters.unitId ? { unitId: filters.unitId } : {}),
          ...range,
          limit: filters.limit,
          ...(filters.cursor ? { cursor: filters.cursor } : {}),
        })
      : await this.core.meetings.list({
          orgId: ctx.orgId,
          partitions: this.partitionsFor(ctx, filters),
          ...range,
          limit: filters.limit,
          ...(filters.cursor ? { cursor: filters.cursor } : {}),
        });
    // What the caller may not read is left out of the page (the cursor still moves past it).
    const readable = [];
    for (const m of page.items) if (await this.core.mayRead(ctx, actor.staffId, m)) readable.push(m);
    const items = readable.map((m) => this.core.view(m, ctx, now));
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }

  private partitionsFor(ctx: OrgContext, filters: MeetingListFilters): MeetingPartitions {
    if (!filters.kind && !filters.unitId) return { kind: 'org' };
    const kinds = filters.kind ? [filters.kind] : MEETING_KINDS;
    const units = filters.unitId ? [filters.unitId] : ctx.snapshot.units.map((u) => u.id);
    return { kind: 'unit-kind', pairs: units.flatMap((unitId) => kinds.map((kind) => ({ unitId, kind }))) };
  }

  // ---------------------------------------------------------------------------------------
  // For the compliance engine (M1, M2, M3, M4) and the schedule route

  /**
   * The meetings the rulebook expects in the range, each with the meetings held in its window and
   * a status at `now`: held, pending (window still open) or missed. One Query for the meetings.
   */
  async expected(of: OrgOf, range: LocalDateRange, now: Date): Promise<ExpectedMeetingStatus[]> {
    const ctx = await this.core.contexts.load(of);
    const expected = expectedMeetings({ obligations: ctx.rulebook.meetingObligations, units: ctx.snapshot.units, calendar: ctx.calendar, range, goLiveOn: ctx.goLiveOn });
    const span = spanOf(expected, range);
    const held = await this.core.meetings.heldBetween(ctx.orgId, span.start, span.end);
    return matchHeld(
      expected,
      held.map((m) => ({
        id: m.id,
        kind: m.kind,
        unitId: m.unitId,
        heldOn: m.heldOn,
        ...(m.conclusions ? { conclusions: { issuedAt: m.conclusions.issuedAt, onTime: m.conclusions.onTime } } : {}),
      })),
      now,
      ctx.dueRules.timeZone,
    );
  }

  /** M3: meetings whose conclusions were due before `now` and are not issued, oldest deadline first (the sparse index). */
  async overdueConclusions(of: OrgOf, now: Date, page: { limit: number; cursor?: string } = { limit: 100 }) {
    const ctx = await this.core.contexts.load(of);
    const result = await this.core.meetings.awaiting({ orgId: ctx.orgId, dueBefore: now, limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
    return { items: result.items.map((m) => this.core.view(m, ctx, now)), ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
  }
}
