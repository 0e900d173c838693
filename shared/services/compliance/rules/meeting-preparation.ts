/**
 * M6 (Điều 11.1.a): the Office's preparation of the board's meetings: each prepared meeting's
 * programme published by its deadline before the meeting, its minutes recorded by their deadline
 * after it. Daily, just after each of the two deadline times. Reads the occurrences expected from
 * three weeks back to two weeks ahead and those of open findings: per range one Query of the
 * meetings held, and one BatchGetItem of the preparations by their deterministic ids.
 */
import { evaluateMeetingPreparation, type PreparationDuty } from '../../../domain/compliance/meeting-preparation.js';
import { dailyCheckTimeAfter } from '../../../domain/compliance/periodic.js';
import { addDays, compareLocalDates, isValidLocalDate, toLocalDate } from '../../../domain/local-time.js';
import type { Meeting } from '../../../domain/meeting.js';
import { meetingDayOf, minutesDueAt, preparationId, preparedObligations, programmeDueAt } from '../../../domain/meeting-preparation.js';
import { expectedMeetings, spanOf, type ExpectedMeeting } from '../../../domain/meeting-schedule.js';
import type { LocalDateRange } from '../../../domain/periods.js';
import { MeetingPreparationRepository } from '../../../store/meeting-preparation-repository.js';
import { MeetingRepository } from '../../../store/meeting-repository.js';
import { minutesRecordedAt } from '../../meeting-preparation-service.js';
import type { ComplianceRule } from '../rule.js';

/** Occurrences judged on every run: the programme of the next two weeks, and late minutes of the last three. */
export const PREPARATION_LOOKBACK_DAYS = 21;
export const PREPARATION_LOOKAHEAD_DAYS = 14;

export const m6MeetingPreparation: ComplianceRule = {
  id: 'M6',
  article: 'Điều 11.1',
  title: "The Office's preparation of the board's meetings: the programme before, the minutes after, by the rulebook's deadlines",
  appliesTo: (rulebook) => preparedObligations(rulebook.meetingObligations, rulebook.meetingPreparation).length > 0,
  articleIn: (rulebook) => rulebook.meetingPreparation?.article ?? 'Điều 11.1',
  titleIn: (rulebook) => rulebook.meetingPreparation!.title,
  schedules: (rulebook) => {
    const s = rulebook.meetingPreparation!;
    const programme = dailyCheckTimeAfter(s.programme.time);
    const minutes = dailyCheckTimeAfter(s.minutes.time);
    return programme === minutes
      ? [{ label: 'daily', schedule: { kind: 'daily', time: programme } }]
      : [
          { label: 'programme', schedule: { kind: 'daily', time: programme } },
          { label: 'minutes', schedule: { kind: 'daily', time: minutes } },
        ];
  },
  async run({ org, table, openFindings }, at) {
    const timeZone = org.rulebook.organisation.timeZone;
    const today = toLocalDate(at, timeZone);
    const ranges = new Map<string, LocalDateRange>();
    const add = (r: LocalDateRange) => ranges.set(`${r.start}|${r.end}`, r);
    add({ start: addDays(today, -PREPARATION_LOOKBACK_DAYS), end: addDays(today, PREPARATION_LOOKAHEAD_DAYS) });
    for (const f of openFindings) {
      const { windowStart: start, windowEnd: end } = f.facts ?? {};
      if (isValidLocalDate(start) && isValidLocalDate(end) && compareLocalDates(start, end) <= 0) add({ start, end });
    }

    const meetings = new MeetingRepository(table);
    const expected = new Map<string, ExpectedMeeting>();
    const held = new Map<string, Meeting>();
    for (const range of ranges.values()) {
      const rulebook = org.rulebookOn(range.start);
      const found = expectedMeetings({
        obligations: preparedObligations(rulebook.meetingObligations, rulebook.meetingPreparation),
        units: org.snapshot.units,
        calendar: org.calendarOn(range.start),
        range,
        goLiveOn: org.goLiveOn,
      });
      if (found.length === 0) continue;
      const span = spanOf(found, range);
      const heldIn = await meetings.heldBetween(org.orgId, span.start, span.end);
      for (const e of found) {
        const id = preparationId(e.obligationId, e.occurrence);
        expected.set(id, e);
        const first = heldIn
          .filter((m) => m.kind === e.kind && m.level === 'department' && compareLocalDates(e.window.start, m.heldOn) <= 0 && compareLocalDates(m.heldOn, e.window.end) <= 0)
          .sort((a, b) => compareLocalDates(a.heldOn, b.heldOn))[0];
        if (first) held.set(id, first);
      }
    }
    const preparations = await new MeetingPreparationRepository(table).getMany(org.orgId, [...expected.keys()]);

    const duties: PreparationDuty[] = [];
    for (const [id, e] of expected) {
      const settings = org.rulebookOn(e.window.start).meetingPreparation;
      if (!settings) continue;
      const calendar = org.calendarOn(e.window.start);
      const prep = preparations.get(id);
      const meeting = held.get(id);
      const base = { obligationId: e.obligationId, kind: e.kind, title: e.title, occurrence: e.occurrence, window: e.window, preparationId: id };
      const meetingOn = meetingDayOf(e, prep?.programme, meeting?.heldOn);
      if (meetingOn) {
        duties.push({
          ...base,
          part: 'programme',
          meetingOn,
          dueAt: programmeDueAt(meetingOn, settings, calendar, timeZone),
          ...(prep?.programme ? { doneAt: new Date(prep.programme.publishedAt) } : {}),
        });
      }
      if (meeting) {
        const doneAt = minutesRecordedAt(meeting, prep);
        duties.push({
          ...base,
          part: 'minutes',
          meetingOn: meeting.heldOn,
          meetingId: meeting.id,
          dueAt: minutesDueAt(meeting.heldOn, settings, calendar, timeZone),
          ...(doneAt ? { doneAt } : {}),
        });
      }
    }
    const role = org.rulebook.meetingPreparation?.responsibleRole ?? 'chief-of-office';
    const holder = org.snapshot.staff.find((s) => s.roles.includes(role) && s.endedOn === undefined);
    return evaluateMeetingPreparation({ duties, subject: holder ? { staffId: holder.id, unitId: holder.unitId } : undefined, timeZone }, at);
  },
};
