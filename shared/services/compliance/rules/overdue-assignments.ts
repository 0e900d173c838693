/**
 * A6 (Điều 5.1, 6.1, 7.1), with the escalation of Điều 24: overdue assignments, escalated by
 * days overdue (nhắc nhở, phê bình, kiểm điểm; thresholds in `settings.overdueEscalation`).
 * Daily sweep of the open-assignments index (GSI3 `ORG#<org>#ASG#open`, due dates up to
 * yesterday): its cost follows the number of open items past due, not the table's size.
 */
import { isOpen, type Assignment } from '../../../domain/assignment.js';
import { evaluateOverdue } from '../../../domain/compliance/overdue.js';
import { DAILY_CHECK_TIME } from '../../../domain/compliance/periodic.js';
import { addDays, toLocalDate } from '../../../domain/local-time.js';
import { AssignmentRepository } from '../../../store/assignment-repository.js';
import type { ComplianceRule } from '../rule.js';

export const a6OverdueAssignments: ComplianceRule = {
  id: 'A6',
  article: 'Điều 5.1, 6.1, 7.1',
  title: 'Assigned work not finished by its due date, escalated: reminder, criticism, review',
  appliesTo: (rulebook) => rulebook.settings.overdueEscalation.length > 0,
  articleIn: () => 'Điều 5.1, 6.1, 7.1',
  schedules: (rulebook) =>
    rulebook.settings.overdueEscalation.length > 0 ? [{ label: 'daily', schedule: { kind: 'daily', time: DAILY_CHECK_TIME } }] : [],
  async run({ org, table, openFindings }, at) {
    const timeZone = org.rulebook.organisation.timeZone;
    const yesterday = addDays(toLocalDate(at, timeZone), -1);
    const assignments = new AssignmentRepository(table);
    const open: Assignment[] = [];
    let cursor: string | undefined;
    do {
      const page = await assignments.list({
        orgId: org.orgId,
        index: { kind: 'org' },
        state: 'open',
        dueTo: yesterday,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      open.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    // Escalations of work no longer in the sweep: completed or cancelled since (or given more time).
    // The open partition also holds completed work awaiting acceptance: it is no longer overdue.
    const swept = new Set(open.filter(isOpen).map((a) => a.id));
    const identitiesByAssignment = new Map<string, string[][]>();
    for (const f of openFindings) {
      if (!f.ref || swept.has(f.ref)) continue;
      identitiesByAssignment.set(f.ref, [...(identitiesByAssignment.get(f.ref) ?? []), f.key.split('|')]);
    }
    const closed = await Promise.all(
      [...identitiesByAssignment.keys()].map(async (id) => ({ assignment: await assignments.get(org.orgId, id, true), identities: identitiesByAssignment.get(id)! })),
    );
    return evaluateOverdue(
      {
        steps: org.rulebook.settings.overdueEscalation,
        counting: org.rulebook.settings.overdueDayCounting,
        calendar: org.calendar,
        dueRules: org.dueRules,
        open,
        authority: org.authority,
        closedWithOpenFindings: closed.flatMap((c) => (c.assignment && !isOpen(c.assignment) ? [{ assignment: c.assignment, identities: c.identities }] : [])),
      },
      at,
    );
  },
};
