/**
 * M6 (Điều 11.1.a, 11.2.b): the Office's preparation of a department meeting, pure. "Văn phòng
 * chuẩn bị chương trình (thành phần, thời gian), tài liệu (nếu có), theo dõi, ghi biên bản": one
 * record per expected occurrence of a prepared meeting (the weekly briefing of an ISO week, the
 * review of a year), holding the programme, its documents (links) and the minutes. The
 * conclusions are M3's. Deadlines come from the rulebook's `meetingPreparation`.
 */
import type { MeetingObligation, MeetingPreparationSettings } from '../rulebook/schema.js';
import type { WorkingCalendar } from './calendar.js';
import { ValidationError } from './errors.js';
import { compareLocalDates, localDateTimeToInstant, type LocalDate } from './local-time.js';
import type { FileRef } from './files.js';
import type { Attachment } from './meeting.js';
import { expectedMeetings, type ExpectedMeeting } from './meeting-schedule.js';
import type { Unit } from './organisation.js';
import { parsePeriod, type LocalDateRange } from './periods.js';

export interface MeetingProgramme {
  /** The day the meeting is called for, within its occurrence's window. */
  readonly meetingOn: LocalDate;
  readonly startTime: string;
  readonly endTime?: string;
  readonly location?: string;
  readonly agenda?: string;
  readonly participantIds: readonly string[];
  /** When the programme was first published: what the deadline judges. */
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly updatedAt: string;
}

export interface MeetingMinutes {
  readonly text: string;
  /** When the minutes were first recorded: what the deadline judges. */
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly updatedAt: string;
  /** The minutes' files (a scanned record, issue #22), each with its SHA-256; the list only grows. */
  readonly files?: readonly FileRef[];
}

export interface MeetingPreparation {
  readonly id: string;
  readonly orgId: string;
  readonly obligationId: string;
  readonly kind: string;
  /** `2026-W49` for a weekly briefing, `2026` for a review (the year its window starts). */
  readonly occurrence: string;
  readonly programme?: MeetingProgramme;
  readonly documents: readonly Attachment[];
  /** The documents as files (issue #22), each with its SHA-256; the list only grows. */
  readonly files?: readonly FileRef[];
  readonly minutes?: MeetingMinutes;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

const ID_RE = /^mprep\.([A-Za-z0-9-]{1,80})\.(\d{4}(?:-W\d{2})?)$/;

/** Deterministic, so the Office's first save and any retry name the same record. */
export const preparationId = (obligationId: string, occurrence: string) => `mprep.${obligationId}.${occurrence}`;

export function parsePreparationId(id: string): { obligationId: string; occurrence: string } | undefined {
  const m = ID_RE.exec(id);
  return m ? { obligationId: m[1]!, occurrence: m[2]! } : undefined;
}

/** The obligations the Office prepares: the rulebook's kinds, department meetings on a schedule. */
export function preparedObligations(obligations: readonly MeetingObligation[], settings: MeetingPreparationSettings | undefined): MeetingObligation[] {
  if (!settings) return [];
  return obligations.filter((o) => o.scope === 'department' && o.schedule.kind !== 'ad-hoc' && settings.meetingKinds.includes(o.kind));
}

/** The range whose expected meetings include the occurrence: its ISO week, or its year and the next (a window may run into it). */
function occurrenceRange(occurrence: string): LocalDateRange | undefined {
  const period = parsePeriod(occurrence);
  if (!period) return undefined;
  if (period.kind === 'week') return { start: period.start, end: period.end };
  if (period.kind === 'year') return { start: period.start, end: period.end };
  return undefined;
}

/** The expected occurrence a preparation id names, or undefined when the rulebook expects no such meeting. */
export function expectedOccurrence(input: {
  obligation: MeetingObligation;
  occurrence: string;
  units: readonly Unit[];
  calendar: WorkingCalendar;
  goLiveOn?: LocalDate | undefined;
}): ExpectedMeeting | undefined {
  const range = occurrenceRange(input.occurrence);
  if (!range) return undefined;
  return expectedMeetings({ obligations: [input.obligation], units: input.units, calendar: input.calendar, range, goLiveOn: input.goLiveOn }).find(
    (e) => e.occurrence === input.occurrence,
  );
}

/**
 * The meeting's day for the deadlines: the earliest of its expected day (weekly), the day the
 * programme calls it for and the day it was held, so neither moving it nor holding it early
 * escapes the programme's deadline.
 */
export function meetingDayOf(expected: Pick<ExpectedMeeting, 'expectedOn'>, programme: Pick<MeetingProgramme, 'meetingOn'> | undefined, heldOn: LocalDate | undefined): LocalDate | undefined {
  const days = [expected.expectedOn, programme?.meetingOn, heldOn].filter((d): d is LocalDate => d !== undefined);
  return days.sort(compareLocalDates)[0];
}

/** The programme is due `workingDaysBefore` working days before the meeting's day, at the rulebook's time. */
export function programmeDueAt(meetingOn: LocalDate, settings: MeetingPreparationSettings, calendar: WorkingCalendar, timeZone: string): Date {
  return localDateTimeToInstant(calendar.addWorkingDays(meetingOn, -settings.programme.workingDaysBefore), settings.programme.time, timeZone);
}

/** The minutes are due `workingDaysAfter` working days after the day it was held, at the rulebook's time. */
export function minutesDueAt(heldOn: LocalDate, settings: MeetingPreparationSettings, calendar: WorkingCalendar, timeZone: string): Date {
  const n = settings.minutes.workingDaysAfter;
  return localDateTimeToInstant(n === 0 ? calendar.onOrAfter(heldOn) : calendar.addWorkingDays(heldOn, n), settings.minutes.time, timeZone);
}

export interface ProgrammeInput {
  readonly meetingOn: LocalDate;
  readonly startTime: string;
  readonly endTime?: string | undefined;
  readonly location?: string | undefined;
  readonly agenda?: string | undefined;
  readonly participantIds: readonly string[];
  readonly documents?: readonly Attachment[] | undefined;
}

const blank = (s: string | undefined) => {
  const t = s?.trim();
  return t ? t : undefined;
};

/** Publishes (or corrects) the programme; the first publication's instant stays, as the deadline judges it. */
export function publishProgramme(
  current: MeetingPreparation | undefined,
  base: Pick<MeetingPreparation, 'id' | 'orgId' | 'obligationId' | 'kind' | 'occurrence'>,
  input: ProgrammeInput,
  window: LocalDateRange,
  actorId: string,
  now: Date,
): MeetingPreparation {
  if (compareLocalDates(input.meetingOn, window.start) < 0 || compareLocalDates(input.meetingOn, window.end) > 0) {
    throw new ValidationError('The meeting day is outside this meeting’s week or window.', [
      { path: 'body.meetingOn', message: `must be from ${window.start} to ${window.end}` },
    ]);
  }
  if (input.endTime !== undefined && input.endTime <= input.startTime) {
    throw new ValidationError('The meeting ends before it starts.', [{ path: 'body.endTime', message: 'must be after startTime' }]);
  }
  const at = now.toISOString();
  const endTime = blank(input.endTime);
  const location = blank(input.location);
  const agenda = blank(input.agenda);
  const programme: MeetingProgramme = {
    meetingOn: input.meetingOn,
    startTime: input.startTime,
    ...(endTime ? { endTime } : {}),
    ...(location ? { location } : {}),
    ...(agenda ? { agenda } : {}),
    participantIds: [...new Set(input.participantIds)],
    publishedAt: current?.programme?.publishedAt ?? at,
    publishedBy: current?.programme?.publishedBy ?? actorId,
    updatedAt: at,
  };
  const documents = input.documents ?? current?.documents ?? [];
  return current
    ? { ...current, programme, documents, updatedAt: at, version: current.version + 1 }
    : { ...base, programme, documents, createdAt: at, updatedAt: at, version: 1 };
}

/** Records (or corrects) the minutes, once the meeting's day has come. */
export function recordMinutes(
  current: MeetingPreparation | undefined,
  base: Pick<MeetingPreparation, 'id' | 'orgId' | 'obligationId' | 'kind' | 'occurrence'>,
  text: string,
  meetingOn: LocalDate | undefined,
  today: LocalDate,
  actorId: string,
  now: Date,
): MeetingPreparation {
  if (meetingOn === undefined || compareLocalDates(today, meetingOn) < 0) {
    throw new ValidationError('Minutes are recorded once the meeting has been held.', [
      { path: 'body.text', message: meetingOn ? `the meeting is on ${meetingOn}` : 'publish the programme or record the meeting first' },
    ]);
  }
  const at = now.toISOString();
  const minutes: MeetingMinutes = {
    text: text.trim(),
    recordedAt: current?.minutes?.recordedAt ?? at,
    recordedBy: current?.minutes?.recordedBy ?? actorId,
    updatedAt: at,
    ...(current?.minutes?.files ? { files: current.minutes.files } : {}),
  };
  return current
    ? { ...current, minutes, updatedAt: at, version: current.version + 1 }
    : { ...base, documents: [], minutes, createdAt: at, updatedAt: at, version: 1 };
}
