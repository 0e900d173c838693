/**
 * "Chờ quyết định" for the board's matters (A5, Điều 3.2): the director's undecided matters, and
 * each deputy's circulated drafts still awaiting his opinion (BoardMatterService.pendingFor, one
 * Query of this year's and last year's matters).
 */
import type { BoardMatterService } from './board-matter-service.js';
import type { InboxItem } from './inbox-service.js';
import type { OrgContext } from './org-context.js';

export async function boardMatterItems(service: Pick<BoardMatterService, 'pendingFor'>, ctx: OrgContext, staffId: string, now: Date): Promise<InboxItem[]> {
  const { toDecide, toGiveOpinion } = await service.pendingFor(ctx, staffId, now);
  const item = (m: (typeof toDecide)[number], awaits: 'decision' | 'opinion'): InboxItem => ({
    kind: 'board-matter',
    id: m.id,
    title: m.title,
    fromId: m.circulation?.circulatedBy ?? m.raisedBy,
    since: m.circulation?.circulatedAt ?? m.raisedAt,
    href: `/board-matters/${encodeURIComponent(m.id)}`,
    facts: {
      category: m.category,
      awaits,
      ...(m.circulation ? { closesAt: m.circulation.closesAt } : {}),
      ...(m.missingEvidence ? { missing: m.missingEvidence.kind } : {}),
    },
  });
  return [...toDecide.map((m) => item(m, 'decision')), ...toGiveOpinion.map((m) => item(m, 'opinion'))];
}
