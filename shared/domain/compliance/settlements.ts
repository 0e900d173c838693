/**
 * F3 (Điều 9.2.4): a finance dossier is settled within 10 days of being received complete
 * (calendar days by default, a rulebook setting). Checked daily: complete on the 1st, due on
 * the 11th, settled on the 11th passes; still unsettled when the 12th begins is a finding; a
 * settlement recorded later resolves it as put right late. Pure.
 */
import { compareLocalDates, formatInstant, yearMonthOf, type LocalDate } from '../local-time.js';
import type { Clearance, Observation } from './outcome.js';

export interface DossierFacts {
  readonly id: string;
  readonly dossierRef: string;
  readonly completeOn: LocalDate;
  readonly dueOn: LocalDate;
  readonly settledOn?: LocalDate;
  readonly settledRecordedAt?: Date;
}

export interface SettlementCheck {
  readonly subject: { readonly staffId: string; readonly unitId: string };
  readonly dossiers: readonly DossierFacts[];
  readonly days: number;
  readonly today: LocalDate;
  readonly timeZone: string;
}

export function evaluateSettlements(check: SettlementCheck): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  for (const d of check.dossiers) {
    const settledAt = d.settledRecordedAt;
    if (d.settledOn !== undefined && settledAt && compareLocalDates(d.settledOn, d.dueOn) <= 0) {
      clearances.push({
        identity: [d.id],
        putRight: { at: settledAt, resolution: 'put-right', note: `Settled on ${d.settledOn}, within the ${check.days} days.` },
      });
      continue;
    }
    const late = d.settledOn !== undefined && compareLocalDates(d.settledOn, d.dueOn) > 0;
    const overdue = d.settledOn === undefined && compareLocalDates(d.dueOn, check.today) < 0;
    if (!late && !overdue) continue;
    observations.push({
      identity: [d.id],
      subjectId: check.subject.staffId,
      unitId: check.subject.unitId,
      period: yearMonthOf(d.dueOn),
      ref: d.id,
      detail: late
        ? `Dossier ${d.dossierRef}, complete on ${d.completeOn}, was settled on ${d.settledOn}, after ${d.dueOn} (${check.days} days).`
        : `Dossier ${d.dossierRef}, complete on ${d.completeOn}, was not settled by ${d.dueOn} (${check.days} days).`,
      facts: {
        settlementId: d.id,
        dossierRef: d.dossierRef,
        completeOn: d.completeOn,
        dueOn: d.dueOn,
        ...(d.settledOn ? { settledOn: d.settledOn } : { settled: false }),
      },
      ...(late && settledAt
        ? {
            putRight: {
              at: settledAt,
              resolution: 'put-right' as const,
              note: `Settled late, on ${d.settledOn} (recorded at ${formatInstant(settledAt, check.timeZone)}).`,
            },
          }
        : {}),
    });
  }
  return { observations, clearances };
}
