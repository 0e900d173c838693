/**
 * F3 (Điều 9.2.4): a finance dossier settled within 10 days of being received complete. Daily:
 * reads the unsettled dossiers due before today (GSI3 open partition, up to yesterday), those
 * settled in the last weeks (to record late settlements), and those with open findings.
 */
import { DAILY_CHECK_TIME, responsibleFor } from '../../../domain/compliance/periodic.js';
import { evaluateSettlements } from '../../../domain/compliance/settlements.js';
import type { Settlement } from '../../../domain/finance.js';
import { addDays, toLocalDate } from '../../../domain/local-time.js';
import { FinanceRepository } from '../../../store/finance-repository.js';
import type { ComplianceRule } from '../rule.js';

/** Late settlements recorded this many days back are still found by a run (a run missed for a while). */
export const SETTLED_LOOKBACK_DAYS = 35;

export const f3Settlement: ComplianceRule = {
  id: 'F3',
  article: 'Điều 9.2.4',
  title: 'A finance dossier settled within 10 days of being received complete',
  appliesTo: (rulebook) => rulebook.finance.settlement !== undefined,
  articleIn: (rulebook) => rulebook.finance.settlement?.article ?? 'Điều 9.2.4',
  schedules: (rulebook) => (rulebook.finance.settlement ? [{ label: 'daily', schedule: { kind: 'daily', time: DAILY_CHECK_TIME } }] : []),
  async run({ org, table, openFindings }, at) {
    const rule = org.rulebook.finance.settlement;
    if (!rule) return { observations: [] };
    const timeZone = org.rulebook.organisation.timeZone;
    const subject = responsibleFor(rule.from, org.snapshot.units, org.snapshot.staff, (unitId) => org.authority.headOf(unitId));
    if (!subject) return { observations: [] };
    const today = toLocalDate(at, timeZone);
    const finance = new FinanceRepository(table);
    const [unsettled, settled] = await Promise.all([
      finance.listUnsettledDueBy(org.orgId, addDays(today, -1)),
      finance.listSettledRecordedSince(org.orgId, addDays(today, -SETTLED_LOOKBACK_DAYS)),
    ]);
    const byId = new Map<string, Settlement>([...unsettled, ...settled].map((s) => [s.id, s]));
    const missing = openFindings.map((f) => f.ref).filter((id): id is string => id !== undefined && !byId.has(id));
    for (const s of await Promise.all([...new Set(missing)].map((id) => finance.getSettlement(org.orgId, id)))) {
      if (s) byId.set(s.id, s);
    }
    return evaluateSettlements({
      subject,
      days: rule.days,
      today,
      timeZone,
      dossiers: [...byId.values()].map((s) => ({
        id: s.id,
        dossierRef: s.dossierRef,
        completeOn: s.completeOn,
        dueOn: s.dueOn,
        ...(s.settledOn ? { settledOn: s.settledOn } : {}),
        ...(s.settledRecordedAt ? { settledRecordedAt: new Date(s.settledRecordedAt) } : {}),
      })),
    });
  },
};
