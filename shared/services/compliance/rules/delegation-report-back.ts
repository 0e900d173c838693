/**
 * A3 (Điều 4.1.2): a deputy director reports back to the director on the work done under the
 * director's authority. Daily: reads the delegations whose last day is within the rulebook's
 * `sweepDays` (GSI2
 * by end date; a revoked one ends earlier, so it is in range too) and those with open findings.
 */
import { evaluateReportsBack } from '../../../domain/compliance/delegation-report-back.js';
import { DAILY_CHECK_TIME } from '../../../domain/compliance/periodic.js';
import { addDays, toLocalDate } from '../../../domain/local-time.js';
import { DelegationRepository, type StoredDelegation } from '../../../store/delegation-repository.js';
import type { ComplianceRule } from '../rule.js';

/** The default of the rulebook's `delegationReportBack.sweepDays`: a report back missed this many days before (a run missed for a while) is still found. */
export const REPORT_BACK_SWEEP_DAYS = 60;

export const a3DelegationReportBack: ComplianceRule = {
  id: 'A3',
  article: 'Điều 4.1.2',
  title: 'A deputy director reports back to the director on the work done under an ended delegation',
  appliesTo: (rulebook) => rulebook.delegationReportBack !== undefined,
  articleIn: (rulebook) => rulebook.delegationReportBack?.article ?? 'Điều 4.1.2',
  schedules: (rulebook) => (rulebook.delegationReportBack ? [{ label: 'daily', schedule: { kind: 'daily', time: DAILY_CHECK_TIME } }] : []),
  async run({ org, table, openFindings }, at) {
    const setting = org.rulebook.delegationReportBack;
    if (!setting) return { observations: [] };
    const today = toLocalDate(at, org.rulebook.organisation.timeZone);
    const repo = new DelegationRepository(table);
    const recent = (await repo.endingFrom(org.orgId, addDays(today, -(setting.sweepDays ?? REPORT_BACK_SWEEP_DAYS)))).filter((d) => d.scope === 'department');
    const byId = new Map<string, StoredDelegation>(recent.map((d) => [d.id, d]));
    const missing = openFindings.map((f) => f.ref).filter((id): id is string => id !== undefined && !byId.has(id));
    for (const d of await Promise.all([...new Set(missing)].map((id) => repo.get(org.orgId, id)))) if (d) byId.set(d.id, d);
    return evaluateReportsBack(
      {
        workingDays: setting.workingDays,
        calendarOn: (date) => org.calendarOn(date),
        dueRules: org.dueRules,
        delegations: [...byId.values()],
        unitOf: (staffId) => org.authority.staff(staffId)?.unitId,
      },
      at,
    );
  },
};
