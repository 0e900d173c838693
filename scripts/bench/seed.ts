// Long file: one generator's steps in the order they run, all sharing its private Generator and History; a split would only export those.
/**
 * A synthetic department for the bench, from a real rulebook (Sơn La). The bulk (assignments with
 * their history, escalation findings, a year of reports) is made by the domain transitions and
 * the repositories' `writeItems`, the exact items the services write, and stored with
 * BatchWriteItem; meetings with their conclusions and the finance records go through the real
 * services. The open work is the same at every size: only closed history grows with the size.
 */
import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import {
  cancelAssignment,
  completeAssignment,
  createAssignment,
  recordProgress,
  type Assignment,
  type AuditEvent,
  type DueRules,
  type Priority,
  type Transition,
} from '../../shared/domain/assignment.js';
import type { WorkingCalendar } from '../../shared/domain/calendar.js';
import { evaluateOverdue } from '../../shared/domain/compliance/overdue.js';
import { detectFinding, putRightFinding, type Finding, type FindingChange } from '../../shared/domain/finding.js';
import { addDays, daysBetween, localDateTimeToInstant, toLocalDate, type LocalDate } from '../../shared/domain/local-time.js';
import { FIRST_CALENDAR_YEAR } from '../../shared/domain/vietnam-holidays.js';
import { expectedMeetings } from '../../shared/domain/meeting-schedule.js';
import { orgSnapshotOf, periodicObligations } from '../../shared/domain/obligations.js';
import { periodContaining, previousPeriod, type Period } from '../../shared/domain/periods.js';
import { reportKindOf } from '../../shared/domain/plan.js';
import { submitReport } from '../../shared/domain/report.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import type { Rulebook } from '../../shared/rulebook/schema.js';
import { COMPLIANCE_ACTOR } from '../../shared/services/compliance/compliance-service.js';
import { a6OverdueAssignments } from '../../shared/services/compliance/rules/overdue-assignments.js';
import type { Services } from '../../shared/services/index.js';
import type { Actor } from '../../shared/services/organisation-service.js';
import { AssignmentRepository, counterPeriodsOf } from '../../shared/store/assignment-repository.js';
import type { TableContext } from '../../shared/store/client.js';
import { FindingRepository } from '../../shared/store/finding-repository.js';
import { ReportRepository } from '../../shared/store/report-repository.js';
import type { LabelledItem } from '../../shared/store/transact.js';
import { BulkWriter } from './bulk-writer.js';

/** Closed assignments per year of history: a department of ~30 people, about one each per working day. */
export const ASSIGNMENTS_PER_YEAR = 10_000;

export interface SeedSummary {
  readonly assignments: number;
  readonly open: number;
  readonly overdue: number;
  readonly historyYears: number;
  readonly reports: number;
  readonly meetings: number;
  readonly findings: number;
  readonly financeRecords: number;
  readonly itemsWritten: number;
  readonly seconds: number;
}

export interface Department {
  readonly table: TableContext;
  readonly services: Services;
  readonly rulebook: Rulebook;
  /** The bench's business "now". */
  readonly now: Date;
}

/** Deterministic numbers in [0, 1): the same department at every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Person {
  readonly actor: Actor;
  /** Who gives them work: their head, the deputy overseeing their unit, or the director. */
  readonly assignerId: string;
}

/** Everyone who receives work, each with a leader who has authority over them (A1). */
export function workforce(rulebook: Rulebook): Person[] {
  const orgId = rulebook.organisation.id;
  const director = rulebook.staff.find((s) => s.roles.includes('director'))!;
  const heads = new Set(['head', 'chief-of-office', 'chief-inspector']);
  const headOf = (unitId: string) => rulebook.staff.find((s) => s.unitId === unitId && s.roles.some((r) => heads.has(r)));
  return rulebook.staff
    .filter((s) => s.id !== director.id)
    .map((s) => {
      const unit = rulebook.units.find((u) => u.id === s.unitId);
      const head = headOf(s.unitId);
      const assignerId =
        s.roles.includes('deputy-director') || unit?.kind === 'board'
          ? director.id
          : head && head.id !== s.id
            ? head.id
            : (unit?.overseenBy ?? director.id);
      return { actor: { orgId, staffId: s.id, name: s.name, unitId: s.unitId, roles: s.roles }, assignerId };
    });
}

export const actorOf = (rulebook: Rulebook, staffId: string): Actor => {
  const s = rulebook.staff.find((p) => p.id === staffId);
  if (!s) throw new Error(`No staff member ${staffId} in the rulebook`);
  return { orgId: rulebook.organisation.id, staffId: s.id, name: s.name, unitId: s.unitId, roles: s.roles };
};

const at = (date: LocalDate, time: string, tz: string) => localDateTimeToInstant(date, time, tz);

class History {
  readonly transactions: LabelledItem[][] = [];
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly orgId: string,
  ) {}

  apply(current: Assignment | undefined, t: Transition, actorId: string, when: Date): Assignment {
    const event: AuditEvent = {
      id: ulid(when.getTime()),
      orgId: this.orgId,
      entityType: 'assignment',
      entityId: t.next.id,
      action: t.action,
      actorId,
      at: when.toISOString(),
      version: t.next.version,
      data: t.data,
    };
    this.transactions.push(
      this.assignments.writeItems({ next: t.next, event, delta: t.delta, ...(current ? { expectedVersion: current.version } : {}) }),
    );
    return t.next;
  }
}

interface Generator {
  readonly rulebook: Rulebook;
  readonly calendar: WorkingCalendar;
  readonly dueRules: DueRules;
  readonly today: LocalDate;
  readonly table: TableContext;
  readonly assignments: AssignmentRepository;
  readonly findings: FindingRepository;
}

const PRIORITIES: Priority[] = ['normal', 'normal', 'normal', 'high', 'urgent'];

/** A6 escalations of work completed late: detected by the daily runs while it was overdue, put right when done. */
function escalations(g: Generator, open: Assignment, completed: Assignment): LabelledItem[][] {
  const tz = g.dueRules.timeZone;
  const completedAt = new Date(completed.completedAt!);
  // The last daily run that saw the work still open.
  const runAt = at(toLocalDate(completedAt, tz), '00:05', tz);
  if (runAt.getTime() >= completedAt.getTime()) return [];
  const check = {
    steps: g.rulebook.settings.overdueEscalation,
    counting: g.rulebook.settings.overdueDayCounting,
    calendar: g.calendar,
    dueRules: g.dueRules,
  };
  const { observations } = evaluateOverdue({ ...check, open: [open], closedWithOpenFindings: [] }, runAt);
  if (observations.length === 0) return [];
  const nextRun = at(addDays(toLocalDate(completedAt, tz), 1), '00:05', tz);
  const { clearances } = evaluateOverdue(
    { ...check, open: [], closedWithOpenFindings: [{ assignment: completed, identities: observations.map((o) => o.identity) }] },
    nextRun,
  );
  const rule = { id: a6OverdueAssignments.id, article: a6OverdueAssignments.articleIn(g.rulebook) };
  const write = (change: FindingChange, when: Date, expectedVersion?: number) =>
    g.findings.writeItems({
      next: change.next,
      event: {
        id: ulid(when.getTime()),
        orgId: change.next.orgId,
        entityType: 'finding',
        entityId: change.next.id,
        action: change.action,
        actorId: COMPLIANCE_ACTOR,
        at: when.toISOString(),
        version: change.next.version,
        data: change.data,
      },
      delta: change.delta,
      timeZone: tz,
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
  return observations.flatMap((observation, i) => {
    const detected = detectFinding(rule, open.orgId, observation, runAt, tz);
    const clearance = clearances[i];
    if (!clearance) return [write(detected, runAt)];
    const resolved: Finding = detected.next;
    return [write(detected, runAt), write(putRightFinding(resolved, clearance.putRight, nextRun), nextRun, resolved.version)];
  });
}

/** One assignment from creation to its last change; `dueDate` decides whether it is still open. */
function assignmentHistory(g: Generator, person: Person, n: number, dueDate: LocalDate, closed: boolean): { history: LabelledItem[][]; open: boolean; findings: number } {
  const rng = random(n * 7919 + 17);
  const tz = g.dueRules.timeZone;
  const history = new History(g.assignments, g.rulebook.organisation.id);
  const createdOn = addDays(dueDate, -(3 + Math.floor(rng() * 18)));
  const created = at(createdOn < g.today ? createdOn : addDays(g.today, -1), '08:30', tz);
  let a = history.apply(
    undefined,
    createAssignment(
      {
        id: ulid(created.getTime()),
        orgId: g.rulebook.organisation.id,
        title: `Nhiệm vụ ${n}: báo cáo tiến độ triển khai chuyển đổi số`,
        description: 'Tổng hợp, báo cáo kết quả thực hiện theo kế hoạch của Sở.',
        assigneeId: person.actor.staffId,
        unitId: person.actor.unitId,
        responsibleId: person.actor.staffId,
        coordinatorIds: [],
        assignerId: person.assignerId,
        priority: PRIORITIES[n % PRIORITIES.length]!,
        source: { kind: 'ad-hoc' },
        confidentiality: 'normal',
        dueDate,
      },
      created,
      tz,
    ),
    person.assignerId,
    created,
  );
  if (rng() < 0.5) {
    const when = new Date(created.getTime() + 24 * 3600_000);
    a = history.apply(a, recordProgress(a, { percent: 50, note: 'Đã hoàn thành một nửa khối lượng.' }, when), person.actor.staffId, when);
  }
  if (!closed) return { history: history.transactions, open: true, findings: 0 };
  const roll = rng();
  if (roll < 0.05) {
    const when = at(addDays(dueDate, -1), '10:00', tz);
    a = history.apply(a, cancelAssignment(a, { reason: 'Không còn cần thiết.' }, when), person.assignerId, when);
    return { history: history.transactions, open: false, findings: 0 };
  }
  const lateDays = roll < 0.15 ? 1 + Math.floor(rng() * 14) : 0;
  const doneOn = lateDays > 0 ? addDays(dueDate, lateDays) : addDays(dueDate, -Math.floor(rng() * 3));
  const when = at(doneOn < g.today ? doneOn : addDays(g.today, -1), '16:00', tz);
  const before = a;
  a = history.apply(a, completeAssignment(a, { note: 'Đã hoàn thành.' }, when, g.dueRules), person.actor.staffId, when);
  const found = a.completion === 'late' ? escalations(g, before, a) : [];
  return { history: [...history.transactions, ...found], open: false, findings: found.length };
}

/** Due-date offsets (days from today) of each person's open work: the same at every size. */
export const OPEN_WORK_OFFSETS = [25, 12, 2, -1, -4, -15] as const;

async function seedAssignments(g: Generator, writer: BulkWriter, size: number, people: readonly Person[], meetingItems: number) {
  let open = 0;
  let overdue = 0;
  let findings = 0;
  let n = 0;
  for (const person of people) {
    for (const offset of OPEN_WORK_OFFSETS) {
      const result = assignmentHistory(g, person, n++, addDays(g.today, offset), false);
      await writer.absorb(result.history);
      open += 1;
      if (offset < 0) overdue += 1;
    }
  }
  const closed = size - open - meetingItems;
  // The working calendar knows its holidays from FIRST_CALENDAR_YEAR on, and an overdue day is a
  // working day: the history stays within it (from 1 March, leaving the work created before its
  // due date inside too), so a size whose years would reach further back is denser instead
  // (100,000 from late 2026: about 5.7 years, not 10).
  const days = Math.min(Math.max(1, Math.round(size / ASSIGNMENTS_PER_YEAR)) * 365, daysBetween(`${FIRST_CALENDAR_YEAR}-03-01`, g.today) - 7);
  const historyYears = Math.round((days / 365) * 10) / 10;
  for (let i = 0; i < closed; i++) {
    const person = people[i % people.length]!;
    // Spread evenly over the history, ending a week before today so all of it is closed.
    const dueDate = addDays(g.today, -7 - Math.floor((i / closed) * days));
    const result = assignmentHistory(g, person, n++, dueDate, true);
    findings += result.findings;
    await writer.absorb(result.history);
  }
  return { assignments: open + closed, open, overdue, historyYears, findings };
}

/** A year of periodic reports and plans: most on time, some late, a few never sent. */
async function seedReports(g: Generator, writer: BulkWriter, now: Date): Promise<number> {
  const tz = g.dueRules.timeZone;
  const orgId = g.rulebook.organisation.id;
  const reports = new ReportRepository(g.table);
  const from = now.getTime() - 365 * 24 * 3600_000;
  const years = [...new Set([toLocalDate(new Date(from), tz).slice(0, 4), toLocalDate(now, tz).slice(0, 4)])];
  const instances = years
    .flatMap((year) => periodicObligations(g.rulebook, orgSnapshotOf(g.rulebook), g.calendar, { periodId: year, includeSubPeriods: true }))
    .filter((i) => i.dueAt.getTime() >= from && i.dueAt.getTime() < now.getTime());
  let count = 0;
  for (const [n, instance] of instances.entries()) {
    const roll = random(n + 1)();
    if (roll < 0.03) continue;
    const submittedAt = new Date(instance.dueAt.getTime() + (roll < 0.1 ? 26 : -20) * 3600_000);
    if (submittedAt.getTime() >= now.getTime()) continue;
    const kind = reportKindOf(instance.rule);
    const id = `${kind === 'plan' ? 'plan' : 'rep'}-${createHash('sha256').update(instance.key).digest('hex').slice(0, 32)}`;
    const transition = submitReport(
      undefined,
      { id, orgId, kind, instance, content: 'Báo cáo kết quả công tác trong kỳ và kế hoạch kỳ tới.', attachments: [], submittedBy: instance.staffId },
      submittedAt,
    );
    const event: AuditEvent = {
      id: ulid(submittedAt.getTime()),
      orgId,
      entityType: kind,
      entityId: id,
      action: transition.action,
      actorId: instance.staffId,
      at: submittedAt.toISOString(),
      version: transition.next.version,
      data: { key: instance.key, ...transition.data },
    };
    await writer.absorb([reports.writeItems({ transition, event, counterPeriods: counterPeriodsOf(toLocalDate(instance.dueAt, tz)) })]);
    count += 1;
  }
  return count;
}

/** A year of meetings through the real services: recorded, conclusions issued, the work they gave completed. */
async function seedMeetings(d: Department, g: Generator): Promise<{ meetings: number; items: number }> {
  const tz = g.dueRules.timeZone;
  const { rulebook, services } = d;
  const director = rulebook.staff.find((s) => s.roles.includes('director'))!;
  const schedule = expectedMeetings({
    obligations: rulebook.meetingObligations,
    units: rulebook.units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, overseenBy: u.overseenBy })),
    calendar: g.calendar,
    range: { start: addDays(g.today, -364), end: addDays(g.today, -5) },
  });
  const people = workforce(rulebook);
  let meetings = 0;
  let items = 0;
  for (const expected of schedule) {
    const heldOn = expected.expectedOn ?? g.calendar.firstWorkingDayIn(expected.window);
    if (!heldOn || heldOn > addDays(g.today, -5)) continue;
    const members = rulebook.staff.filter((s) => s.unitId === expected.unitId);
    const chair =
      expected.level === 'department'
        ? director
        : members.find((s) => s.roles.some((r) => ['head', 'chief-of-office', 'chief-inspector'].includes(r)));
    if (!chair) continue;
    const chairActor = actorOf(rulebook, chair.id);
    const recorded = await services.meetings.record(
      chairActor,
      { kind: expected.kind, heldOn, chairId: chair.id, ...(expected.level === 'unit' ? { unitId: expected.unitId } : {}), participantIds: members.map((s) => s.id) },
      at(heldOn, '16:00', tz),
    );
    const assignees =
      expected.level === 'department'
        ? people.filter((p) => p.assignerId === director.id).slice(meetings % 3, (meetings % 3) + 2)
        : people.filter((p) => p.actor.unitId === expected.unitId && p.actor.staffId !== chair.id).slice(0, 2);
    await services.meetings.issueConclusions(
      chairActor,
      recorded.body.id,
      {
        items: assignees.map((p, i) => ({ text: `Kết luận ${i + 1}: triển khai nhiệm vụ được giao`, assigneeId: p.actor.staffId, dueDate: addDays(heldOn, 10) })),
      },
      at(addDays(heldOn, 1), '10:00', tz),
    );
    for (const [i, p] of assignees.entries()) {
      await services.assignments.complete(p.actor, `${recorded.body.id}.${i + 1}`, { note: 'Đã thực hiện.' }, at(addDays(heldOn, 3), '16:00', tz));
    }
    meetings += 1;
    items += assignees.length;
  }
  return { meetings, items };
}

/** A year of payroll, monthly finance reports and settlements through the real finance service. */
async function seedFinance(d: Department, g: Generator): Promise<number> {
  const tz = g.dueRules.timeZone;
  const { rulebook, services } = d;
  const accountant = actorOf(rulebook, rulebook.staff.find((s) => s.roles.includes('accountant'))!.id);
  const treasurer = actorOf(rulebook, rulebook.staff.find((s) => s.roles.includes('treasurer'))!.id);
  let records = 0;
  let period = periodContaining('month', g.today);
  const months: Period[] = [];
  for (let back = 1; back <= 12; back++) months.unshift((period = previousPeriod(period)));
  for (const [index, { id: month, start: first, end: lastDay }] of months.entries()) {
    const back = 12 - index;
    const paidOn = addDays(first, back === 4 ? 16 : 8);
    await services.finance.recordPayroll(accountant, { month, paidOn }, at(paidOn, '15:00', tz));
    await services.finance.submitMonthlyReport(accountant, { kind: 'income-expense', month, content: 'Báo cáo thu chi.' }, at(lastDay, '10:00', tz));
    await services.finance.submitMonthlyReport(treasurer, { kind: 'cash', month, content: 'Báo cáo quỹ tiền mặt.' }, at(lastDay, '11:00', tz));
    for (const day of [3, 17]) {
      const completeOn = addDays(first, day);
      const settledOn = addDays(completeOn, back === 6 && day === 17 ? 13 : 6);
      await services.finance.createSettlement(accountant, { dossierRef: `HS-${month}-${day}`, completeOn, settledOn }, at(settledOn, '15:00', tz));
      records += 1;
    }
    records += 3;
  }
  return records;
}

/** Seeds the department; the table must hold the organisation already (seedOrganisations). */
export async function seedDepartment(d: Department, size: number, progress: (message: string) => void = () => undefined): Promise<SeedSummary> {
  const started = performance.now();
  const { rulebook, table, now } = d;
  const tz = rulebook.organisation.timeZone;
  const g: Generator = {
    rulebook,
    calendar: calendarOf(rulebook),
    dueRules: { dueTime: rulebook.settings.assignmentDueTime, dueSoonWorkingDays: rulebook.settings.dueSoonWorkingDays, timeZone: tz },
    today: toLocalDate(now, tz),
    table,
    // No e-office outbox hook: no synthetic work comes from an e-office document.
    assignments: new AssignmentRepository(table),
    findings: new FindingRepository(table),
  };
  const people = workforce(rulebook);
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await run();
    progress(`${name}: ${Math.round((performance.now() - t) / 100) / 10} s`);
    return result;
  };
  const meetings = await phase('meetings (services)', () => seedMeetings(d, g));
  const financeRecords = await phase('finance (services)', () => seedFinance(d, g));
  const writer = new BulkWriter(table);
  const assignments = await phase('assignments (batched)', () => seedAssignments(g, writer, size, people, meetings.items));
  const reports = await phase('reports (batched)', () => seedReports(g, writer, now));
  await phase('counters', () => writer.flush());
  return {
    ...assignments,
    assignments: assignments.assignments + meetings.items,
    reports,
    meetings: meetings.meetings,
    financeRecords,
    itemsWritten: writer.written,
    seconds: Math.round((performance.now() - started) / 1000),
  };
}
