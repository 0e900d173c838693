/**
 * A5 (Điều 3.2), pure: the director's decisions recorded without the board's discussion on record,
 * and a year whose board self-review (kiểm điểm công tác chỉ đạo, điều hành hàng năm của Lãnh đạo
 * Sở) was not decided by the rulebook's day.
 */
import type { BoardMatter } from '../board-matter.js';
import type { LocalDate } from '../local-time.js';
import { compareLocalDates, endOfLocalDay } from '../local-time.js';
import type { Observation, RuleOutcome } from './outcome.js';

export interface CollectiveDecisionsInput {
  readonly matters: readonly BoardMatter[];
  readonly directorId: string | undefined;
  readonly boardUnitId: string;
  /** The self-review's category and the years whose self-review is judged, each with its last day. */
  readonly selfReview?: { readonly category: string; readonly years: readonly { year: number; dueOn: LocalDate }[] };
  readonly goLiveOn: LocalDate | undefined;
  readonly timeZone: string;
}

export function evaluateCollectiveDecisions(input: CollectiveDecisionsInput, at: Date): RuleOutcome {
  const observations: Observation[] = [];
  for (const m of input.matters) {
    const d = m.decision;
    if (!d?.missingEvidence) continue;
    observations.push({
      identity: ['decision', m.id],
      subjectId: d.decidedBy,
      unitId: input.boardUnitId,
      period: String(m.year),
      ref: m.id,
      detail: `The director's decision on "${m.title}" (${m.category}) was recorded without the board's discussion on record.`,
      facts: {
        kind: 'decision',
        matterId: m.id,
        title: m.title,
        category: m.category,
        decidedAt: d.decidedAt,
        recordedAt: d.recordedAt,
        missing: d.missingEvidence.kind,
        ...(d.missingEvidence.kind === 'circulation-open' ? { awaitingIds: d.missingEvidence.awaitingIds, closesAt: d.missingEvidence.closesAt } : {}),
      },
    });
  }
  const review = input.selfReview;
  if (review && input.directorId) {
    for (const { year, dueOn } of review.years) {
      const dueAt = endOfLocalDay(dueOn, input.timeZone);
      if (at.getTime() <= dueAt.getTime()) continue;
      if (input.goLiveOn && compareLocalDates(dueOn, input.goLiveOn) < 0) continue;
      const decided = input.matters
        .filter((m) => m.category === review.category && m.year === year && m.decision)
        .sort((a, b) => Date.parse(a.decision!.decidedAt) - Date.parse(b.decision!.decidedAt))[0];
      if (decided && Date.parse(decided.decision!.decidedAt) <= dueAt.getTime()) continue;
      observations.push({
        identity: ['self-review', String(year)],
        subjectId: input.directorId,
        unitId: input.boardUnitId,
        period: String(year),
        dueAt,
        ...(decided ? { ref: decided.id } : {}),
        detail: `The board's self-review of ${year} was not decided by ${dueOn}.`,
        facts: { kind: 'self-review', year, dueOn, dueAt: dueAt.toISOString(), ...(decided ? { matterId: decided.id, decidedAt: decided.decision!.decidedAt } : {}) },
        ...(decided ? { putRight: { at: new Date(decided.decision!.decidedAt), resolution: 'put-right' as const, note: `Decided on ${decided.decision!.decidedAt}.` } } : {}),
      });
    }
  }
  return { observations };
}
