import { isDeepStrictEqual } from 'node:util';
import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError } from '../domain/errors.js';
import type { FileRef } from '../domain/files.js';
import { isOnTime } from '../domain/deadlines.js';
import { formatInstant, toLocalDate, type LocalDate } from '../domain/local-time.js';
import { canReadMeeting, type Attachment, type Meeting } from '../domain/meeting.js';
import {
  expectedOccurrence,
  meetingDayOf,
  minutesDueAt,
  parsePreparationId,
  preparationId,
  preparedObligations,
  programmeDueAt,
  publishProgramme,
  recordMinutes,
  type MeetingPreparation,
  type ProgrammeInput,
} from '../domain/meeting-preparation.js';
import type { ExpectedMeeting } from '../domain/meeting-schedule.js';
import { periodContaining } from '../domain/periods.js';
import type { LocalizedText, MeetingObligation } from '../rulebook/schema.js';
import type { MeetingPreparationRepository } from '../store/meeting-preparation-repository.js';
import type { MeetingRepository } from '../store/meeting-repository.js';
import type { LabelledItem } from '../store/transact.js';
import { commit } from './commit.js';
import type { FileClaim } from './assignment-service.js';
import { auditVisibility } from './audit-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export type PreparationStatus = 'awaiting' | 'overdue' | 'on-time' | 'late';

/** One occurrence's preparation as a person reads it: what the Office did, and each deadline's state. */
export interface PreparationView {
  id: string;
  obligationId: string;
  kind: string;
  rule: string;
  article: string;
  title: LocalizedText;
  occurrence: string;
  window: { start: LocalDate; end: LocalDate };
  /** The weekly briefing's day (moved off a holiday). */
  expectedOn?: LocalDate;
  /** The day the deadlines count from: the earliest of the expected, programmed and held days. */
  meetingOn?: LocalDate;
  programme?: MeetingPreparation['programme'];
  documents: readonly Attachment[];
  /** The documents as files (issue #22). */
  files: readonly FileRef[];
  minutes?: MeetingPreparation['minutes'];
  /** The meeting recorded in the window (the first), with minutes typed when it was recorded. */
  meeting?: { id: string; heldOn: LocalDate; minutes?: string };
  programmeDueAt?: string;
  programmeStatus?: PreparationStatus;
  minutesDueAt?: string;
  minutesStatus?: PreparationStatus;
  /** The Office (and the rulebook's office roles) may edit. */
  mayEdit: boolean;
  version: number;
  history: AuditEvent[];
}

/** What a change writes: the next state and the uploads it takes. */
interface Change {
  next: MeetingPreparation;
  claimed: { files: FileRef[]; items: LabelledItem[] };
}

const statusOf = (dueAt: Date, doneAt: Date | undefined, now: Date): PreparationStatus =>
  doneAt ? (isOnTime(doneAt, dueAt) ? 'on-time' : 'late') : isOnTime(now, dueAt) ? 'awaiting' : 'overdue';

interface Resolved {
  ctx: OrgContext;
  obligation: MeetingObligation;
  expected: ExpectedMeeting;
  current: MeetingPreparation | undefined;
  held: Meeting | undefined;
}

/**
 * M6 (Điều 11.1.a): the Office's preparation of the board's meetings: the programme (time,
 * participants, documents) before, the minutes after. Only the Office writes (the rulebook's
 * office roles and the Office's staff); whoever may read the board's meetings, and the programme's
 * participants, read it; anyone else gets 404.
 */
export class MeetingPreparationService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly preparations: MeetingPreparationRepository,
    private readonly meetings: MeetingRepository,
    /** Re-checks M6's open findings after a change (best effort: the daily run does it anyway). */
    private readonly afterChange: (orgId: string, rule: string, at: Date) => Promise<void> = async () => {},
    /** Evidence files (issue #22): takes the caller's uploads for the preparation, in its transaction. */
    private readonly claimFiles?: FileClaim,
  ) {}

  /** The uploads named, less those the preparation already keeps: a PUT sent again claims nothing twice. */
  private async claimNew(actor: Actor, ids: readonly string[] | undefined, current: MeetingPreparation | undefined, id: string, now: Date): Promise<Change['claimed']> {
    if (!ids?.length) return { files: [], items: [] };
    if (!this.claimFiles) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    const kept = [...(current?.files ?? []), ...(current?.minutes?.files ?? [])].map((f) => f.id);
    return this.claimFiles(actor, ids, { kind: 'meeting-preparation', id }, now, kept);
  }

  private mayEdit(ctx: OrgContext, staffId: string): boolean {
    const settings = ctx.rulebook.meetingPreparation;
    const me = ctx.authority.staff(staffId);
    if (!settings || !me?.active) return false;
    return me.roles.some((r) => settings.officeRoles.includes(r)) || ctx.authority.unit(me.unitId)?.kind === 'office';
  }

  private mayRead(ctx: OrgContext, staffId: string, r: Pick<Resolved, 'current' | 'held'>): boolean {
    if (this.mayEdit(ctx, staffId)) return true;
    const board = ctx.snapshot.units.find((u) => u.kind === 'board');
    const participants = [...(r.current?.programme?.participantIds ?? []), ...(r.held?.participantIds ?? [])];
    return canReadMeeting(
      ctx.authority.staff(staffId),
      { level: 'department', unitId: board?.id ?? '', chairId: r.held?.chairId ?? '', recordedBy: r.held?.recordedBy ?? '', participantIds: participants },
      undefined,
      ctx.authority.viewScope(staffId).kind === 'all',
    );
  }

  /** The occurrence a preparation id names; 404 when the rulebook prepares no such meeting. */
  private async resolve(orgId: string, id: string): Promise<Resolved> {
    const ctx = await this.contexts.load(orgId);
    const parsed = parsePreparationId(id);
    const obligation = parsed
      ? preparedObligations(ctx.rulebook.meetingObligations, ctx.rulebook.meetingPreparation).find((o) => o.id === parsed.obligationId)
      : undefined;
    const expected =
      parsed && obligation
        ? expectedOccurrence({ obligation, occurrence: parsed.occurrence, units: ctx.snapshot.units, calendar: ctx.calendar, goLiveOn: ctx.goLiveOn })
        : undefined;
    if (!obligation || !expected) throw new NotFoundError(`There is no meeting to prepare ${id}.`);
    const [current, heldAll] = await Promise.all([
      this.preparations.get(ctx.orgId, id),
      this.meetings.heldBetween(ctx.orgId, expected.window.start, expected.window.end),
    ]);
    const held = heldAll.filter((m) => m.kind === obligation.kind && m.level === 'department').sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0))[0];
    return { ctx, obligation, expected, current, held };
  }

  private view(r: Resolved, staffId: string, now: Date, history: AuditEvent[]): PreparationView {
    const { ctx, obligation, expected, current, held } = r;
    const settings = ctx.rulebook.meetingPreparation!;
    const tz = ctx.dueRules.timeZone;
    const meetingOn = meetingDayOf(expected, current?.programme, held?.heldOn);
    const calendar = ctx.calendarOn(expected.window.start);
    const pDue = meetingOn ? programmeDueAt(meetingOn, settings, calendar, tz) : undefined;
    const mDue = held ? minutesDueAt(held.heldOn, settings, calendar, tz) : undefined;
    const minutesAt = minutesRecordedAt(held, current);
    return {
      id: preparationId(obligation.id, expected.occurrence),
      obligationId: obligation.id,
      kind: obligation.kind,
      rule: settings.rule,
      article: settings.article,
      title: obligation.title,
      occurrence: expected.occurrence,
      window: expected.window,
      ...(expected.expectedOn ? { expectedOn: expected.expectedOn } : {}),
      ...(meetingOn ? { meetingOn } : {}),
      ...(current?.programme ? { programme: current.programme } : {}),
      documents: current?.documents ?? [],
      files: current?.files ?? [],
      ...(current?.minutes ? { minutes: current.minutes } : {}),
      ...(held ? { meeting: { id: held.id, heldOn: held.heldOn, ...(held.minutes ? { minutes: held.minutes } : {}) } } : {}),
      ...(pDue
        ? {
            programmeDueAt: formatInstant(pDue, tz),
            programmeStatus: statusOf(pDue, current?.programme ? new Date(current.programme.publishedAt) : undefined, now),
          }
        : {}),
      ...(mDue ? { minutesDueAt: formatInstant(mDue, tz), minutesStatus: statusOf(mDue, minutesAt, now) } : {}),
      mayEdit: this.mayEdit(ctx, staffId),
      version: current?.version ?? 0,
      history,
    };
  }

  async get(actor: Actor, id: string, now: Date): Promise<PreparationView> {
    const r = await this.resolve(actor.orgId, id);
    if (!this.mayRead(r.ctx, actor.staffId, r)) throw new NotFoundError(`There is no meeting to prepare ${id}.`);
    const history = r.current ? await this.preparations.history(r.ctx.orgId, id) : [];
    return this.view(r, actor.staffId, now, history);
  }

  /** The preparation of a recorded meeting's occurrence, for its page; none when the Office does not prepare that kind. */
  async idForMeeting(actor: Actor, meeting: Pick<Meeting, 'obligationId' | 'kind' | 'level' | 'heldOn'>): Promise<string | undefined> {
    if (meeting.level !== 'department') return undefined;
    const ctx = await this.contexts.load(actor);
    const obligation = preparedObligations(ctx.rulebookOn(meeting.heldOn).meetingObligations, ctx.rulebook.meetingPreparation).find((o) => o.id === meeting.obligationId);
    if (!obligation) return undefined;
    const occurrence = occurrenceOfDay(obligation, meeting.heldOn);
    return occurrence ? preparationId(obligation.id, occurrence) : undefined;
  }

  private async write(actor: Actor, id: string, now: Date, ifMatch: number | undefined, change: (r: Resolved) => Promise<Change | undefined>, action: string) {
    const r = await this.resolve(actor.orgId, id);
    // Refusals reveal nothing: whoever may not read it gets 404, a reader who may not edit 403.
    if (!this.mayRead(r.ctx, actor.staffId, r)) throw new NotFoundError(`There is no meeting to prepare ${id}.`);
    if (!this.mayEdit(r.ctx, actor.staffId)) throw new ForbiddenError('Only the Office prepares the board’s meetings (Điều 11.1.a).', 'M6');
    if (ifMatch !== undefined && ifMatch !== (r.current?.version ?? 0)) throw new PreconditionFailedError('The preparation has changed since you read it.', r.current?.version ?? 0);
    const changed = await change(r);
    if (changed) {
      const { next, claimed } = changed;
      const { id: _id, orgId: _org, ...data } = next;
      const event: AuditEvent = {
        id: ulid(now.getTime()),
        orgId: next.orgId,
        entityType: 'meeting-preparation',
        entityId: next.id,
        action,
        actorId: actor.staffId,
        at: now.toISOString(),
        version: next.version,
        data: { preparation: data, ...(claimed.files.length ? { files: claimed.files } : {}) },
      };
      const changedMeanwhile = () => new ConflictError('Someone else changed this preparation at the same time; read it again.');
      // The files are taken: a lost race is refused, not decided again.
      await commit({
        retry: false,
        stale: changedMeanwhile,
        conflict: (part) =>
          part === 'file' ? new UnprocessableError('A file was attached elsewhere meanwhile.', [{ path: 'body.files', message: 'an upload serves one record once' }]) : changedMeanwhile(),
        decide: () => ({ result: next, write: () => this.preparations.save(next, event, claimed.items) }),
      });
      await this.afterChange(r.ctx.orgId, r.ctx.rulebook.meetingPreparation!.rule, now).catch(() => undefined);
    }
    return this.get(actor, id, now);
  }

  /** PUT the programme: publishes it the first time, corrects it after; the same body again writes nothing. */
  publishProgramme(actor: Actor, id: string, input: ProgrammeInput & { files?: string[] | undefined }, now: Date, ifMatch?: number): Promise<PreparationView> {
    return this.write(actor, id, now, ifMatch, async (r) => {
      const ctx = r.ctx;
      const { files: ids, ...programme } = input;
      const unknown = programme.participantIds.findIndex((sid) => !ctx.authority.staff(sid)?.active);
      if (unknown >= 0) throw new ValidationError('A participant is not a current staff member.', [{ path: `body.participantIds.${unknown}`, message: 'no current staff member' }]);
      const base = { id, orgId: ctx.orgId, obligationId: r.obligation.id, kind: r.obligation.kind, occurrence: r.expected.occurrence };
      const next = publishProgramme(r.current, base, programme, r.expected.window, actor.staffId, now);
      const claimed = await this.claimNew(actor, ids, r.current, id, now);
      if (r.current && sameProgramme(r.current, next) && claimed.files.length === 0) return undefined;
      return { next: claimed.files.length ? { ...next, files: [...(r.current?.files ?? []), ...claimed.files] } : next, claimed };
    }, 'programme-published');
  }

  /** PUT the minutes, once the meeting's day has come; the same text (and no new file) again writes nothing. */
  recordMinutes(actor: Actor, id: string, text: string, now: Date, ifMatch?: number, fileIds?: string[]): Promise<PreparationView> {
    return this.write(actor, id, now, ifMatch, async (r) => {
      const ctx = r.ctx;
      const kept = [...(r.current?.files ?? []), ...(r.current?.minutes?.files ?? [])].map((f) => f.id);
      const sameText = r.current?.minutes !== undefined && r.current.minutes.text === text.trim();
      if (sameText && (fileIds ?? []).every((f) => kept.includes(f))) return undefined;
      const base = { id, orgId: ctx.orgId, obligationId: r.obligation.id, kind: r.obligation.kind, occurrence: r.expected.occurrence };
      const meetingOn = meetingDayOf(r.expected, r.current?.programme, r.held?.heldOn);
      // Refuses minutes before the meeting's day before any file is touched.
      const next = recordMinutes(r.current, base, text, meetingOn, toLocalDate(now, ctx.dueRules.timeZone), actor.staffId, now);
      const claimed = await this.claimNew(actor, fileIds, r.current, id, now);
      if (sameText && claimed.files.length === 0) return undefined;
      const files = [...(r.current?.minutes?.files ?? []), ...claimed.files];
      return { next: files.length ? { ...next, minutes: { ...next.minutes!, files } } : next, claimed };
    }, 'minutes-recorded');
  }

  readonly auditVisibility = auditVisibility(['meeting-preparation'], async (ctx, actor, entityId) => {
    if (!parsePreparationId(entityId)) return undefined;
    try {
      const r = await this.resolve(ctx.orgId, entityId);
      return this.mayRead(r.ctx, actor.staffId, r);
    } catch {
      return false;
    }
  });
}

function sameProgramme(a: MeetingPreparation, b: MeetingPreparation): boolean {
  // Items come back from DynamoDB with their keys in any order: compare by value.
  const strip = (p: MeetingPreparation) => {
    const { publishedAt: _p, publishedBy: _b, updatedAt: _u, ...rest } = p.programme ?? ({} as NonNullable<MeetingPreparation['programme']>);
    return [rest, p.documents];
  };
  return a.programme !== undefined && isDeepStrictEqual(strip(a), strip(b));
}

/** When the minutes were first recorded: typed with the meeting, or by the Office afterwards, whichever came first. */
export function minutesRecordedAt(held: Pick<Meeting, 'minutes' | 'createdAt'> | undefined, prep: Pick<MeetingPreparation, 'minutes'> | undefined): Date | undefined {
  const times = [held?.minutes ? held.createdAt : undefined, prep?.minutes?.recordedAt].filter((t): t is string => t !== undefined).sort();
  return times[0] ? new Date(times[0]) : undefined;
}

/** The occurrence a day belongs to: its ISO week for a weekly meeting, the window's year for a review. */
export function occurrenceOfDay(obligation: MeetingObligation, day: LocalDate): string | undefined {
  const s = obligation.schedule;
  if (s.kind === 'weekly') return periodContaining('week', day).id;
  if (s.kind !== 'yearly-window') return undefined;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (s.endMonth >= s.startMonth) return month >= s.startMonth && month <= s.endMonth ? String(year) : undefined;
  if (month >= s.startMonth) return String(year);
  if (month <= s.endMonth) return String(year - 1);
  return undefined;
}
