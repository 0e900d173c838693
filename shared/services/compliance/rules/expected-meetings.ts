/**
 * M1 (the weekly briefing), M2 (the semi-annual and annual reviews) and M4 (each unit's monthly
 * meeting): the rulebook's meeting schedule, judged just after each window closes. Reads the
 * meetings held in each window judged (one Query on the meetings' date index per window): the
 * latest closed window of each obligation, and those of the rule's open findings.
 */
import { compareLocalDates, toLocalDate } from '../../../domain/local-time.js';
import {
  closedWindowCheckSchedule,
  evaluateExpectedMeetings,
  latestClosedWindow,
  windowOfFinding,
  type Subject,
} from '../../../domain/compliance/expected-meetings.js';
import { expectedMeetings, matchHeld, spanOf, type ExpectedMeeting, type ExpectedMeetingStatus } from '../../../domain/meeting-schedule.js';
import type { LocalDateRange } from '../../../domain/periods.js';
import type { MeetingObligation, Rulebook } from '../../../rulebook/schema.js';
import { MeetingRepository } from '../../../store/meeting-repository.js';
import type { OrgContext } from '../../org-context.js';
import type { ComplianceRule, RuleSchedule } from '../rule.js';

/** Who answers for holding it: the unit's head (the director for the board), else whoever oversees the unit, else the director. */
export function meetingSubject(org: OrgContext, e: Pick<ExpectedMeeting, 'unitId'>): Subject | undefined {
  const overseer = org.authority.overseerOf(e.unitId);
  const person = org.authority.headOf(e.unitId) ?? (overseer ? org.authority.staff(overseer) : undefined) ?? org.authority.director();
  return person?.active ? { staffId: person.id, unitId: person.unitId } : undefined;
}

function expectedMeetingRule(spec: { id: 'M1' | 'M2' | 'M4'; article: string; title: string }): ComplianceRule {
  const obligationsOf = (rulebook: Rulebook): MeetingObligation[] =>
    rulebook.meetingObligations.filter((o) => o.rule === spec.id && o.schedule.kind !== 'ad-hoc');
  return {
    id: spec.id,
    article: spec.article,
    title: spec.title,
    appliesTo: (rulebook) => obligationsOf(rulebook).length > 0,
    articleIn: (rulebook) => obligationsOf(rulebook)[0]?.article ?? spec.article,
    schedules: (rulebook) =>
      obligationsOf(rulebook).flatMap((o): RuleSchedule[] => {
        const schedule = closedWindowCheckSchedule(o.schedule);
        // The reviews have a window each: name the schedule after the meeting.
        return schedule ? [{ label: o.schedule.kind === 'yearly-window' ? o.kind : 'check', schedule }] : [];
      }),
    async run({ org, table, openFindings }, at) {
      const timeZone = org.rulebook.organisation.timeZone;
      const today = toLocalDate(at, timeZone);
      const windows = new Map<string, LocalDateRange>();
      const add = (w: LocalDateRange | undefined) => {
        if (w) windows.set(`${w.start}|${w.end}`, w);
      };
      for (const o of obligationsOf(org.rulebook)) add(latestClosedWindow(o.schedule, today));
      for (const f of openFindings) add(windowOfFinding(f.facts));

      const meetings = new MeetingRepository(table);
      const recordedAt = new Map<string, Date>();
      const judged = await Promise.all(
        [...windows.values()].map(async (range): Promise<ExpectedMeetingStatus[]> => {
          // Each window is judged by the rulebook in force when it opened.
          const expected = expectedMeetings({
            obligations: obligationsOf(org.rulebookOn(range.start)),
            units: org.snapshot.units,
            calendar: org.calendarOn(range.start),
            range,
            goLiveOn: org.goLiveOn,
          }).filter((e) => compareLocalDates(e.window.end, today) < 0);
          if (expected.length === 0) return [];
          const span = spanOf(expected, range);
          const held = await meetings.heldBetween(org.orgId, span.start, span.end);
          for (const m of held) recordedAt.set(m.id, new Date(m.createdAt));
          return matchHeld(expected, held.map(({ id, kind, unitId, heldOn }) => ({ id, kind, unitId, heldOn })), at, timeZone);
        }),
      );
      const statuses = [...new Map(judged.flat().map((s) => [s.key, s])).values()];
      return evaluateExpectedMeetings({ statuses, recordedAt, subjectOf: (e) => meetingSubject(org, e), timeZone });
    },
  };
}

export const m1WeeklyBriefing = expectedMeetingRule({
  id: 'M1',
  article: 'Điều 11.1',
  title: "The board's weekly briefing, held every week on its day (moved off a holiday)",
});

export const m2Reviews = expectedMeetingRule({
  id: 'M2',
  article: 'Điều 3.4, 11.1',
  title: 'The semi-annual and annual review conferences, held within their windows',
});

export const m4UnitMeetings = expectedMeetingRule({
  id: 'M4',
  article: 'Điều 11.4',
  title: "Each unit's monthly meeting with its staff",
});
