/**
 * CAL (Bộ luật Lao động 2019, Điều 112; the regulation's working days): next year's calendar must
 * be announced (the Prime Minister's decision entered in the rulebook's `calendar.years`) by
 * 1 December. Runs yearly on 1 December at the daily check time, and daily at that time so a
 * finding resolves the day after the year is marked announced (the run reads no table: the
 * rulebook in force holds the mark).
 */
import { evaluateCalendarAnnouncement } from '../../../domain/compliance/calendar-announcement.js';
import { DAILY_CHECK_TIME } from '../../../domain/compliance/periodic.js';
import { toLocalDate } from '../../../domain/local-time.js';
import type { ComplianceRule } from '../rule.js';

export const calCalendarAnnouncement: ComplianceRule = {
  id: 'CAL',
  article: 'Bộ luật Lao động 2019, Điều 112; Quy chế, Working days',
  title: "Next year's working calendar announced (the Prime Minister's decision entered) by 1 December",
  appliesTo: () => true,
  articleIn: (rulebook) => rulebook.calendar.check.article,
  titleIn: (rulebook) => rulebook.calendar.check.title,
  schedules: (rulebook) => {
    const [month, day] = rulebook.calendar.check.from.split('-').map(Number) as [number, number];
    return [
      { label: 'yearly', schedule: { kind: 'yearly', month, day, time: DAILY_CHECK_TIME } },
      { label: 'daily', schedule: { kind: 'daily', time: DAILY_CHECK_TIME } },
    ];
  },
  async run({ org, openFindings }, at) {
    const check = org.rulebook.calendar.check;
    const holder = org.snapshot.staff.find((s) => s.roles.includes(check.responsibleRole) && s.endedOn === undefined);
    if (!holder) return { observations: [] };
    return evaluateCalendarAnnouncement(
      {
        subject: { staffId: holder.id, unitId: holder.unitId },
        today: toLocalDate(at, org.rulebook.organisation.timeZone),
        from: check.from,
        openYears: openFindings.map((f) => Number(f.period)).filter(Number.isInteger),
        yearStatus: (year) => org.calendar.yearStatus(year),
      },
      at,
    );
  },
};
