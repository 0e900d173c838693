/**
 * C1 (Điều 14): each month's citizen reception schedule approved by the rulebook's deadline,
 * and each of its sessions held or moved with a reason before its day is over. Daily: judges
 * this month and the last (and the months of open findings), one GetItem per month.
 */
import { scheduleIdOf } from '../../../domain/citizen-reception.js';
import { evaluateCitizenReception } from '../../../domain/compliance/citizen-reception.js';
import { monthlyCheckSchedule } from '../../../domain/compliance/periodic.js';
import { toLocalDate } from '../../../domain/local-time.js';
import { periodContaining, previousPeriod } from '../../../domain/periods.js';
import { resolveDeadline } from '../../../domain/deadlines.js';
import { CitizenReceptionRepository } from '../../../store/citizen-reception-repository.js';
import type { Role } from '../../../rulebook/schema.js';
import type { ComplianceRule } from '../rule.js';

export const c1CitizenReception: ComplianceRule = {
  id: 'C1',
  article: 'Điều 14',
  title: 'A citizen reception schedule approved each month, and each session held or moved with a reason',
  appliesTo: (rulebook) => rulebook.citizenReception !== undefined,
  articleIn: (rulebook) => rulebook.citizenReception?.article ?? 'Điều 14',
  schedules: (rulebook) =>
    rulebook.citizenReception ? [{ label: 'daily', schedule: monthlyCheckSchedule(rulebook.citizenReception.scheduleDeadline) }] : [],
  async run({ org, table, openFindings }, at) {
    const timeZone = org.rulebook.organisation.timeZone;
    const thisMonth = periodContaining('month', toLocalDate(at, timeZone));
    const months = [...new Set([thisMonth.id, previousPeriod(thisMonth).id, ...openFindings.map((f) => f.period)])].sort();
    const rulesOn = (month: string) => org.rulebookOn(`${month}-01`).citizenReception;
    const rules = org.rulebook.citizenReception;
    if (!rules) return { observations: [] };
    const holder = (role: Role) => org.snapshot.staff.find((s) => s.active && s.roles.includes(role));
    const proposer = holder(rules.scheduleProposedBy);
    const approver = holder(rules.scheduleApprovedBy ?? 'director');
    if (!proposer || !approver) return { observations: [] };
    const repository = new CitizenReceptionRepository(table);
    const data = await Promise.all(
      months.flatMap((month) => {
        const r = rulesOn(month);
        if (!r) return [];
        const period = periodContaining('month', `${month}-01`);
        return [
          (async () => {
            const schedule = await repository.get(org.orgId, scheduleIdOf(month), true);
            return {
              month,
              dueAt: resolveDeadline(r.scheduleDeadline, { period }, org.calendarOn(period.start), timeZone),
              ...(schedule ? { schedule } : {}),
            };
          })(),
        ];
      }),
    );
    return evaluateCitizenReception(
      {
        months: data,
        proposer: { staffId: proposer.id, unitId: proposer.unitId },
        approver: { staffId: approver.id, unitId: approver.unitId },
        unitOf: (staffId) => org.authority.staff(staffId)?.unitId ?? approver.unitId,
        timeZone,
      },
      at,
    );
  },
};
