/** Submitting a report (R1–R5) or plan (P1), stamped with the server's time, and the recipients' answers: acknowledged, returned, approved (A5). */
import { missingEvidence, missingEvidenceConflict } from '../../domain/board-matter.js';
import { ConflictError, PreconditionFailedError, UnprocessableError, ValidationError } from '../../domain/errors.js';
import { toLocalDate } from '../../domain/local-time.js';
import type { Notification, NotificationKind } from '../../domain/notification.js';
import { approvePlan, reportKindOf } from '../../domain/plan.js';
import { acknowledgeReport, returnReport, submitReport, type Report, type ReportKind, type ReportTransition } from '../../domain/report.js';
import { counterPeriodsOf } from '../../store/assignment-repository.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { SubmitReportInput, ReportView } from '../report-service.js';
import { ReportCore, reportIdOf } from './core.js';


export class ReportSubmissions {
  constructor(private readonly core: ReportCore) {}

  /**
   * Stores a submission stamped with `now`, the server's time: the first makes the report and
   * counts it (on time or late); a later one adds a revision and keeps the earlier ones.
   */
  async submit(
    actor: Actor,
    input: SubmitReportInput,
    now: Date,
    options: { idempotencyKey?: string; ifMatch?: number; kind?: ReportKind } = {},
  ): Promise<{ status: number; body: ReportView; replayed: boolean }> {
    const ctx = await this.core.contexts.load(actor);
    const request = new IdempotentRequest({ repository: this.core.idempotency, orgId: ctx.orgId, scope: `reports.submit.${actor.staffId}`, key: options.idempotencyKey, input, now });
    const first = await request.replay<ReportView>();
    if (first) return first;
    const instance = await this.core.owedInstance(ctx, actor.staffId, input, options.kind);
    const kind = reportKindOf(instance.rule);
    const id = reportIdOf(kind, instance.key);
    const counterPeriods = counterPeriodsOf(toLocalDate(instance.dueAt, ctx.rulebook.organisation.timeZone));
    let late = false;
    const committed = await commit({
      idempotency: request,
      load: () => this.core.reports.get(ctx.orgId, id),
      ifMatch: { expected: options.ifMatch, current: (r) => r?.version },
      stale: (current) =>
        current
          ? new PreconditionFailedError(`The report is at version ${current.version}, not ${options.ifMatch}.`, current.version)
          : new PreconditionFailedError('Nothing has been submitted for this obligation yet.'),
      raced: ['state', 'revision'],
      conflict: (part) =>
        part === 'file' ? new UnprocessableError('A file was attached elsewhere meanwhile.', [{ path: 'body.files', message: 'an upload serves one record once' }]) : undefined,
      decide: async (current) => {
        const submission = {
          id,
          orgId: ctx.orgId,
          kind,
          instance,
          content: input.content,
          attachments: input.attachments ?? [],
          ...(input.reason !== undefined ? { reason: input.reason } : {}),
          submittedBy: actor.staffId,
        };
        // Refuses an empty content or a missing reason before any file is touched.
        const checked = submitReport(current, submission, now);
        const claimed = await this.core.filesFor(actor, input.files, { kind, id, revision: checked.newRevision!.revision }, now);
        const transition = claimed.files.length ? submitReport(current, { ...submission, files: claimed.files }, now) : checked;
        late = (!current && !transition.next.onTime) || (current !== undefined && kind === 'plan');
        return {
          result: { ...this.core.view(ctx, transition.next), ...(claimed.files.length ? { files: claimed.files } : {}) } as ReportView,
          status: 201,
          write: (extra) =>
            this.core.reports.write({
              transition,
              event: this.core.event(ctx, actor, transition.next, transition, now),
              counterPeriods,
              ...(current ? { expectedVersion: current.version } : {}),
              alsoWrite: [...claimed.items, ...extra],
            }),
        };
      },
    });
    // Best effort: the compliance schedule puts the finding right anyway on its next run.
    // A new revision of a plan withdraws an approval finding on the one it replaces (P2).
    if (!committed.replayed && late) await this.core.afterLateSubmission(ctx.orgId, instance.rule, now).catch(() => undefined);
    return committed;
  }

  /** A recipient's (or for a plan, an approver's) answer to the latest revision, with the submitter's notification. */
  private async review(
    actor: Actor,
    id: string,
    now: Date,
    ifMatch: number | undefined,
    kind: ReportKind | undefined,
    decide: (r: Report, ctx: OrgContext, actingDirector: boolean) => { transition: ReportTransition; notify?: NotificationKind; comment?: string },
  ): Promise<ReportView> {
    const ctx = await this.core.contexts.load(actor);
    const acting = await this.core.actsAsDirector(ctx, actor, now);
    let notification: Notification | undefined;
    let plan = false;
    const { body } = await commit({
      load: () => this.core.loadVisible(ctx, actor, id, kind, acting),
      ifMatch: { expected: ifMatch, current: (r) => r.version },
      stale: (current) =>
        current
          ? new PreconditionFailedError(`The ${current.kind} is at version ${current.version}, not ${ifMatch}.`, current.version)
          : new PreconditionFailedError(`The report changed while this answer was being given.`),
      decide: (current) => {
        const { transition, notify, comment } = decide(current, ctx, acting);
        plan = current.kind === 'plan';
        notification = notify
          ? this.core.notifications.build(
              ctx,
              notify,
              current.staffId,
              {
                key: current.key,
                obligationId: current.obligationId,
                title: current.title,
                ...(current.periodId ? { periodId: current.periodId } : {}),
                ...(current.event ? { event: current.event } : {}),
                dueAt: new Date(current.dueAt),
                reportId: current.id,
              },
              now,
              { ...(comment ? { comment } : {}), cause: String(current.revision) },
            )
          : undefined;
        const alsoWrite = notification ? [this.core.notifications.transactionItem(notification)] : [];
        return {
          result: { view: this.core.view(ctx, transition.next), rule: current.rule },
          write: () =>
            this.core.reports.write({ transition, event: this.core.event(ctx, actor, current, transition, now), counterPeriods: [], expectedVersion: current.version, alsoWrite }),
        };
      },
    });
    if (notification) await this.core.notifications.deliverQuietly(ctx, [notification], now);
    // A decision on a plan may put right a finding that it awaited approval (P2); best effort, as after a late submission.
    if (plan) await this.core.afterLateSubmission(ctx.orgId, body.rule, now).catch(() => undefined);
    return body.view;
  }

  acknowledge(actor: Actor, id: string, input: { comment?: string }, now: Date, ifMatch?: number) {
    return this.review(actor, id, now, ifMatch, undefined, (r) => {
      this.core.requireRecipient(r, actor, 'acknowledge it');
      return { transition: acknowledgeReport(r, { by: actor.staffId, ...(input.comment ? { comment: input.comment } : {}) }, now) };
    });
  }

  /** Returns a report to its author, or a plan (change) to the head, with a comment. */
  returnToAuthor(actor: Actor, id: string, input: { comment: string }, now: Date, ifMatch?: number, kind?: ReportKind) {
    return this.review(actor, id, now, ifMatch, kind, (r, ctx, acting) => {
      if (r.kind === 'plan') this.core.requireApprover(ctx, r, actor, 'return it', acting);
      else this.core.requireRecipient(r, actor, 'return it');
      return {
        transition: returnReport(r, { by: actor.staffId, comment: input.comment }, now),
        notify: r.kind === 'plan' ? 'plan-returned' : 'report-returned',
        comment: input.comment,
      };
    });
  }

  async approve(actor: Actor, id: string, input: { comment?: string; boardMatterId?: string }, now: Date, ifMatch?: number) {
    const ctx = await this.core.contexts.load(actor);
    // Read before the transition (the matter is another record); the approver is checked first so a refusal reveals nothing.
    const acting = await this.core.actsAsDirector(ctx, actor, now);
    const current = await this.core.loadVisible(ctx, actor, id, 'plan', acting);
    this.core.requireApprover(ctx, current, actor, 'approve it', acting);
    // A revision already decided is refused by the transition as it always was.
    const basis = current.reviewStatus === 'submitted' ? await this.boardBasis(ctx, current, input.boardMatterId, now) : undefined;
    return this.review(actor, id, now, ifMatch, 'plan', (r, ctx, acting) => {
      this.core.requireApprover(ctx, r, actor, 'approve it', acting);
      return {
        transition: approvePlan(r, { by: actor.staffId, ...(input.comment ? { comment: input.comment } : {}), ...(basis ? { boardMatterId: basis } : {}) }, now),
        notify: 'plan-approved',
        ...(input.comment ? { comment: input.comment } : {}),
      };
    });
  }

  /**
   * A5 (Điều 3.2): the board matter a plan's approval rests on. Where the rulebook says the plan's
   * obligation is a board category, approving it without a matter of that category whose board
   * discussion is on record is refused (409 naming body.boardMatterId), as a direct decision is;
   * elsewhere a named matter is checked and kept.
   */
  private async boardBasis(ctx: OrgContext, plan: Report, boardMatterId: string | undefined, now: Date): Promise<string | undefined> {
    const rules = ctx.rulebook.collectiveDecisions;
    const needed = rules?.approvals.find((a) => a.obligationId === plan.obligationId);
    if (!rules || (!needed && boardMatterId === undefined)) return undefined;
    const field = 'body.boardMatterId';
    const category = needed ? rules.categories.find((c) => c.id === needed.category) : undefined;
    if (boardMatterId === undefined) {
      throw new ConflictError(
        `This plan is a matter the board discusses before the director decides (${needed!.category}, ${rules.article}): name the board matter it rests on.`,
        [{ path: field, message: `required: a board matter of category ${needed!.category}` }],
        `Kế hoạch này thuộc nhóm việc Ban Giám đốc bàn bạc tập thể trước khi Giám đốc Sở quyết định (${category?.title.vi ?? needed!.category}, ${rules.article}): hãy chọn việc của Ban Giám đốc làm căn cứ.`,
      );
    }
    const matter = boardMatterId && this.core.boardMatters ? await this.core.boardMatters.get(ctx.orgId, boardMatterId) : undefined;
    if (!matter || (needed && matter.category !== needed.category)) {
      throw new ValidationError('No board matter of that category.', [
        { path: field, message: needed ? `must name a board matter of category ${needed.category}` : 'must name a board matter' },
      ]);
    }
    const timeZone = ctx.rulebook.organisation.timeZone;
    const missing = missingEvidence(matter, now, toLocalDate(now, timeZone));
    if (missing) throw missingEvidenceConflict(missing, rules.article, timeZone, (sid) => ctx.authority.staff(sid)?.name ?? sid, field);
    return matter.id;
  }
}
