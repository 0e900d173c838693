/**
 * A6 (Điều 5.1, 6.1, 7.1), with the escalation of Điều 24: overdue assignments, escalated by
 * days overdue (nhắc nhở, phê bình, kiểm điểm; thresholds in `settings.overdueEscalation`).
 * Daily sweep of the sparse open-by-due index (GSI4, due dates up to yesterday), then those
 * records: its cost follows the number of open items past due, not the table's size nor the
 * completed work awaiting acceptance (which stays in GSI3's open partition).
 */
import { isOpen } from '../../../domain/assignment.js';
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
    const open = await assignments.openDueUpTo(org.orgId, yesterday);

    // Escalations of work no longer in the sweep: completed or cancelled since (or given more time).
    // The open partition also holds completed work awaiting acceptance: it is no longer overdue.
    const swept = new Set(open.filter(isOpen).map((a) => a.id));
    const identitiesByAssignment = new Map<string, string[][]>();
    for (const f of openFindings) {
      if (!f.ref || swept.has(f.ref)) continue;
      identitiesByAssignment.set(f.ref, [...(identitiesByAssignment.get(f.ref) ?? []), f.key.split('|')]);
    }
    const found = await assignments.getMany(org.orgId, [...identitiesByAssignment.keys()], true);
    const closed = [...identitiesByAssignment].map(([id, identities]) => ({ assignment: found.get(id), identities }));
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
