/**
 * `npm run counters:rebuild`: recomputes every dashboard counter of an organisation from its
 * records (assignments, reports and plans, meetings, findings, missions; each read by Query from its
 * org-wide index) and reports each counter that differs; unless it is a dry run, it puts each
 * right, on condition that the counter still holds the value read (a change committed meanwhile
 * is reported as a conflict, and the rebuild can simply be run again).
 *
 * Compared: every month of the years the records span (one item per person and month, the weeks
 * as attributes: shared/domain/counter-rebuild.ts), so a stray counter with no record behind it is
 * found too; and every week and year of those years, with the unit items of each month, where the
 * earlier layout kept counters: each is removed, which is how the rebuild migrates a table
 * written before the layout changed.
 */
import {
  counterDifferences,
  countersFromRecords,
  figureDifferences,
  splitCounterKey,
  type CounterDifference,
  type FigureDifference,
} from '../domain/counter-rebuild.js';
import { parsePeriod, subPeriods } from '../domain/periods.js';
import type { CounterRepository } from '../store/counter-repository.js';
import type { OrgContextLoader } from './org-context.js';

export interface RebuildReport {
  orgId: string;
  dryRun: boolean;
  records: { assignments: number; reports: number; meetings: number; findings: number; missions: number };
  partitionsCompared: number;
  /** Each stored attribute to write: what the rebuild puts right. */
  differences: CounterDifference[];
  /** The same by figure, for a person: a figure moving from its earlier name is one entry, not two. */
  figures: FigureDifference[];
  /** Counter items put right (none in a dry run). */
  corrected: number;
  /** Counter items that changed while the rebuild ran: left as they were. */
  conflicts: { periodId: string; sk: string }[];
}

export class CounterRebuildService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly counters: CounterRepository,
  ) {}

  async rebuild(orgId: string, options: { dryRun: boolean }): Promise<RebuildReport> {
    const ctx = await this.contexts.load(orgId);
    const [assignments, reports, meetings, findings, missions] = await Promise.all([
      this.counters.allAssignments(orgId),
      this.counters.allReports(orgId),
      this.counters.allMeetings(orgId),
      this.counters.allFindings(orgId),
      this.counters.allMissions(orgId),
    ]);
    const recomputed = countersFromRecords({ assignments, reports, meetings, findings, missions }, ctx.dueRules.timeZone);
    const periodIds = new Set<string>();
    const years = new Set<number>();
    for (const key of recomputed.keys()) {
      const { periodId } = splitCounterKey(key);
      periodIds.add(periodId);
      years.add(Number(periodId.slice(0, 4)));
    }
    for (const year of years) {
      const y = parsePeriod(String(year))!;
      for (const p of [y, ...subPeriods(y, 'month'), ...subPeriods(y, 'week')]) periodIds.add(p.id);
    }
    const stored = await this.counters.readTable(orgId, [...periodIds].sort());
    const differences = counterDifferences(recomputed, stored);
    const report: RebuildReport = {
      orgId,
      dryRun: options.dryRun,
      records: { assignments: assignments.length, reports: reports.length, meetings: meetings.length, findings: findings.length, missions: missions.length },
      partitionsCompared: periodIds.size,
      differences,
      figures: figureDifferences(differences, recomputed, stored),
      corrected: 0,
      conflicts: [],
    };
    if (options.dryRun) return report;
    const byItem = new Map<string, CounterDifference[]>();
    for (const d of differences) {
      const key = `${d.periodId}|${d.sk}`;
      byItem.set(key, [...(byItem.get(key) ?? []), d]);
    }
    for (const diffs of byItem.values()) {
      if (await this.counters.correct(orgId, diffs)) report.corrected++;
      else report.conflicts.push({ periodId: diffs[0]!.periodId, sk: diffs[0]!.sk });
    }
    return report;
  }
}
