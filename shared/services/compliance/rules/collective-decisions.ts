/**
 * A5 (Điều 3.2): decisions recorded without the board's discussion, and the board's annual
 * self-review. Daily at 07:00: one Query of the matters of this year and the last (and of any year
 * an open finding is about).
 */
import { evaluateCollectiveDecisions } from '../../../domain/compliance/collective-decisions.js';
import { toLocalDate } from '../../../domain/local-time.js';
import { BoardMatterRepository } from '../../../store/board-matter-repository.js';
import type { ComplianceRule } from '../rule.js';

export const a5CollectiveDecisions: ComplianceRule = {
  id: 'A5',
  article: 'Điều 3.2',
  title: "The director decides the board's matters after its collective discussion; the board's annual self-review",
  appliesTo: (rulebook) => rulebook.collectiveDecisions !== undefined,
  articleIn: (rulebook) => rulebook.collectiveDecisions?.article ?? 'Điều 3.2',
  schedules: (rulebook) => (rulebook.collectiveDecisions ? [{ label: 'check', schedule: { kind: 'daily' as const, time: '07:00' } }] : []),
  async run({ org, table, openFindings }, at) {
    const rules = org.rulebook.collectiveDecisions;
    const board = org.snapshot.units.find((u) => u.kind === 'board');
    if (!rules || !board) return { observations: [] };
    const timeZone = org.rulebook.organisation.timeZone;
    const year = Number(toLocalDate(at, timeZone).slice(0, 4));
    const years = [...new Set([year - 1, year, ...openFindings.map((f) => Number(f.period)).filter(Number.isInteger)])];
    const from = Math.min(...years);
    const matters = await new BoardMatterRepository(table).ofYears(org.orgId, from, year);
    return evaluateCollectiveDecisions(
      {
        matters,
        directorId: org.authority.director()?.id,
        boardUnitId: board.id,
        ...(rules.selfReview ? { selfReview: { category: rules.selfReview.category, years: years.map((y) => ({ year: y, dueOn: `${y}-${rules.selfReview!.dueBy}` })) } } : {}),
        goLiveOn: org.goLiveOn,
        timeZone,
      },
      at,
    );
  },
};
