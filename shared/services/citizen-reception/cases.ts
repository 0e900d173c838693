/** A session's outcome (Điều 14): the complaints and denunciations received, each taken up as an assignment, written once whatever the retries. */
import {
  canRecordSession,
  caseAssignmentId,
  caseDueDate,
  hostIssues,
  receptionUnitOf,
  recordSessionOutcome,
  scheduleIdOf,
  type CaseKind,
  type ReceptionCase,
  type ReceptionRules,
  type ReceptionSchedule,
} from '../../domain/citizen-reception.js';
import { ForbiddenError, NotFoundError, UnprocessableError, ValidationError, type FieldIssue } from '../../domain/errors.js';
import { compareLocalDates, toLocalDate, type LocalDate } from '../../domain/local-time.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { CaseInput, OutcomeInput, ScheduleView } from '../citizen-reception-service.js';
import { ReceptionCore } from './core.js';

const CASE_TITLE: Record<CaseKind, string> = { complaint: 'Thụ lý đơn khiếu nại', denunciation: 'Thụ lý đơn tố cáo' };

export class ReceptionCases {
  constructor(private readonly core: ReceptionCore) {}

  /**
   * Records a session as held, with who received, the number of citizens and the cases taken:
   * each case becomes an assignment of the reception unit (the Inspectorate), assigned by the
   * recorder or, where their own authority does not reach, on behalf of the approver (Điều 14.1).
   */
  async recordOutcome(
    actor: Actor,
    month: string,
    n: number,
    input: OutcomeInput,
    now: Date,
    idempotencyKey?: string,
    ifMatch?: number,
  ): Promise<{ status: number; body: ScheduleView; replayed: boolean }> {
    const { ctx, body, replayed } = await this.core.mutate(
      actor,
      month,
      now,
      ifMatch,
      async (s, ctx, rules) => {
        const session = s.sessions.find((x) => x.n === n);
        if (!session) throw new NotFoundError(`The schedule of ${month} has no session ${n}.`);
        const receptionUnitId = receptionUnitOf(ctx.snapshot.staff, rules);
        if (!canRecordSession(ctx.authority, actor.staffId, session, input.receivedBy, receptionUnitId)) {
          throw new ForbiddenError('A session is recorded by its host, whoever received, or the Inspectorate (Điều 14.1.c).', 'C1');
        }
        const issues: FieldIssue[] = hostIssues(ctx.authority, [{ path: 'body.receivedBy', id: input.receivedBy }], rules);
        (input.otherStaffIds ?? []).forEach((id, i) => {
          if (ctx.authority.staff(id)?.active !== true) issues.push({ path: `body.otherStaffIds.${i}`, message: `no current staff member ${id}` });
        });
        (input.cases ?? []).forEach((c, i) => {
          if (!c.summary.trim()) issues.push({ path: `body.cases.${i}.summary`, message: 'a summary is required' });
        });
        if (issues.length) throw new ValidationError('The session’s record is not valid.', issues);
        if (!receptionUnitId && (input.cases ?? []).length > 0) {
          throw new UnprocessableError(`No current ${rules.scheduleProposedBy} heads a unit to take up the cases.`);
        }
        const today = toLocalDate(now, ctx.dueRules.timeZone);
        const t = recordSessionOutcome(
          s,
          n,
          {
            receivedBy: input.receivedBy,
            otherStaffIds: input.otherStaffIds ?? [],
            citizenCount: input.citizenCount,
            caseCount: (input.cases ?? []).length,
            ...(input.note ? { note: input.note } : {}),
            recordedBy: actor.staffId,
          },
          today,
          now,
        );
        const cases = await this.prepareCases(ctx, actor, rules, s, session.n, session.date, receptionUnitId, input.cases ?? [], now);
        return { t, cases, result: this.core.view(ctx, t.next, cases, new Map(), actor, now), status: 201 };
      },
      { scope: `reception.outcome.${actor.staffId}`, key: idempotencyKey, input: { month, n, input } },
    );
    // A replay puts right the case assignments a crash between the two writes left undone.
    await this.completeCases(ctx.orgId, scheduleIdOf(month));
    if (replayed) return { status: 201, body, replayed: true };
    await this.core.recheckC1(ctx.orgId, now);
    return { status: 201, body: await this.core.detailOf(ctx, actor, month, now), replayed: false };
  }

  private async prepareCases(
    ctx: OrgContext,
    actor: Actor,
    rules: ReceptionRules,
    s: ReceptionSchedule,
    n: number,
    receivedOn: LocalDate,
    unitId: string | undefined,
    inputs: readonly CaseInput[],
    now: Date,
  ): Promise<ReceptionCase[]> {
    if (inputs.length === 0 || !unitId) return [];
    const approver = ctx.snapshot.staff.find((x) => x.active && x.roles.includes(rules.scheduleApprovedBy ?? 'director'));
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const out: ReceptionCase[] = [];
    for (const [i, c] of inputs.entries()) {
      const k = i + 1;
      const due = caseDueDate(c.kind, receivedOn, rules, ctx.calendarOn(receivedOn));
      const id = caseAssignmentId(s.id, n, k);
      const p = await this.core.assignments.prepareCreate(
        ctx,
        actor,
        {
          title: `${CASE_TITLE[c.kind]}: ${c.summary.trim()}`,
          ...(c.citizenName ? { description: `Công dân: ${c.citizenName}` } : {}),
          unitId,
          // Recorded after the deadline passed: due today, so the lateness stays visible in the case.
          dueDate: compareLocalDates(due, today) < 0 ? today : due,
          priority: 'high',
          source: { kind: 'ad-hoc', ref: s.id, itemId: `${n}.${k}` },
          // The law protects a denunciator's identity (Luật Tố cáo 2018, Điều 47).
          confidentiality: c.kind === 'denunciation' ? 'confidential' : 'normal',
        },
        now,
        { id, ...(approver ? { standingFor: { staffId: approver.id, rule: 'C1' } } : {}) },
      );
      const next = { ...p.transition.next, id };
      const data = { ...p.transition.data, assignment: next };
      out.push({
        scheduleId: s.id,
        n,
        k,
        kind: c.kind,
        summary: c.summary.trim(),
        ...(c.citizenName ? { citizenName: c.citizenName } : {}),
        receivedOn,
        dueDate: due,
        assignmentId: id,
        prepared: { transition: { ...p.transition, next, data }, event: { ...p.event, entityId: id, data } },
      });
    }
    return out;
  }

  /** Writes the cases' assignments that do not exist yet (after a crash between transactions, or on a retry). */
  async completeCases(orgId: string, scheduleId: string): Promise<number> {
    const cases = await this.core.schedules.cases(orgId, scheduleId);
    return this.core.prepared.createMissing(orgId, cases.map((c) => ({ assignmentId: c.assignmentId, items: () => this.core.assignments.createItems(c.prepared) })));
  }
}
