/**
 * R5 (Điều 16.4): "Công chức, người lao động được cử đi học, tham dự hội nghị, họp, tập huấn và đi
 * công tác có trách nhiệm báo cáo kết quả với lãnh đạo cấp trên trực tiếp." Each recorded
 * mission's report is due the rulebook's working days after the mission's last day (its recorded
 * return, when there is one); none by then is a finding for the traveller, put right when the
 * report comes. Runs daily after the deadline time; reads the missions that ended in the days a
 * deadline can reach back (one Query), the reports due in the window, and, for older open findings,
 * each person's reports over their span.
 */
import type { ReportDue } from '../../../domain/compliance/periodic-reports.js';
import { dailyCheckTimeAfter } from '../../../domain/compliance/periodic.js';
import { addDays, toLocalDate, yearMonthOf } from '../../../domain/local-time.js';
import { eventObligations } from '../../../domain/obligations.js';
import type { Rulebook } from '../../../rulebook/schema.js';
import { MissionRepository } from '../../../store/mission-repository.js';
import type { ComplianceRule, RuleSchedule } from '../rule.js';
import { DAY_MS, DEADLINE_REACH_DAYS, REPORT_LOOKBACK_DAYS, judgeReports } from './periodic-reports.js';

const obligationsOf = (rulebook: Rulebook) => rulebook.reportObligations.filter((o) => o.rule === 'R5' && (o.events ?? []).length > 0);

export const r5MissionReports: ComplianceRule = {
  id: 'R5',
  article: 'Điều 16.4',
  title: 'The report on the results of training, a conference or a mission, to the direct superior',
  appliesTo: (rulebook) => obligationsOf(rulebook).length > 0,
  articleIn: (rulebook) => obligationsOf(rulebook)[0]?.article ?? 'Điều 16.4',
  schedules: (rulebook) => {
    const times = new Set(obligationsOf(rulebook).flatMap((o) => (o.events ?? []).map((e) => dailyCheckTimeAfter(e.deadline.time))));
    return [...times].sort().map((time): RuleSchedule => ({ label: `check-${time.replace(':', '')}`, schedule: { kind: 'daily', time } }));
  },
  async run(ctx, at) {
    const { org, table } = ctx;
    const timeZone = org.rulebook.organisation.timeZone;
    const from = new Date(at.getTime() - REPORT_LOOKBACK_DAYS * DAY_MS);
    const today = toLocalDate(at, timeZone);
    const missions = await new MissionRepository(table).listEnding(org.orgId, { kind: 'org' }, addDays(toLocalDate(from, timeZone), -DEADLINE_REACH_DAYS), today);
    const due = new Map<string, ReportDue>();
    const known = new Set(org.obligationOrg.staff.map((s) => s.id));
    for (const m of missions) {
      // A traveller no longer on the records owes nothing the engine can attribute (eventObligations refuses them).
      if (!known.has(m.staffId)) continue;
      // Judged by the rulebook and calendar in force on the mission's last day, as the report page shows it.
      const owed = eventObligations(org.rulebookOn(m.to), org.obligationOrg, org.calendarOn(m.to), { kind: 'mission-ended', staffId: m.staffId, ref: m.id, date: m.to });
      for (const i of owed) {
        if (i.rule !== 'R5' || i.dueAt <= from || i.dueAt > at) continue;
        due.set(i.key, {
          key: i.key,
          obligationId: i.obligationId,
          title: i.title,
          staffId: i.staffId,
          unitId: i.unitId,
          periodId: yearMonthOf(m.to),
          dueAt: i.dueAt,
          about: { missionId: m.id, missionTitle: m.title, missionKind: m.kind, missionFrom: m.from, missionEndedOn: m.to },
        });
      }
    }
    return judgeReports(ctx, due, from, at);
  },
};
