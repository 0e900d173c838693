/** What the parts of the meeting service share (M1–M5): its stores, the files of a record, the re-check of a rule, the view of a meeting, who may read it, and the audit event. */
import { changeEvent } from '../audit-event.js';
import type { AuditEvent } from '../../domain/assignment.js';
import { NotFoundError, UnprocessableError } from '../../domain/errors.js';
import { formatInstant } from '../../domain/local-time.js';
import {
  canReadMeeting,
  conclusionStatusAt,
  recipientsOf,
  type ConclusionItemRecord,
  type Meeting,
  type MeetingTransition,
} from '../../domain/meeting.js';
import type { DelegationRepository } from '../../store/delegation-repository.js';
import type { IdempotencyRepository } from '../../store/idempotency-repository.js';
import type { MeetingRepository } from '../../store/meeting-repository.js';
import type { AssignmentService, FileClaim } from '../assignment-service.js';
import type { FileRef } from '../../domain/files.js';
import type { LabelledItem } from '../../store/transact.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { ConclusionItemView, MeetingDetail, MeetingView } from '../meeting-service.js';

/** Shown instead of a confidential conclusion's text to whoever may not see its assignment. */
export const HIDDEN_CONCLUSION_TEXT = 'Nội dung mật';

export class MeetingCore {
  constructor(
    readonly contexts: OrgContextLoader,
    readonly meetings: MeetingRepository,
    readonly assignments: AssignmentService,
    readonly delegations: DelegationRepository,
    readonly idempotency: IdempotencyRepository,
    /** After a meeting is recorded or its conclusions issued late: re-checks the rule's open findings (ComplianceService.recheck, issue #6). */
    readonly afterChange: (orgId: string, rule: string, at: Date) => Promise<void> = async () => {},
    /** Evidence files (issue #22): takes the caller's uploads for the meeting, in its transaction. */
    readonly claimFiles?: FileClaim,
  ) {}

  async filesFor(actor: Actor, ids: readonly string[] | undefined, meetingId: string, now: Date): Promise<{ files: FileRef[]; items: LabelledItem[] }> {
    if (!ids?.length) return { files: [], items: [] };
    if (!this.claimFiles) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    return this.claimFiles(actor, ids, { kind: 'meeting', id: meetingId }, now);
  }

  /** Best effort: the compliance schedule puts the finding right anyway on its next run. */
  recheck(orgId: string, rule: string, at: Date): Promise<void> {
    return this.afterChange(orgId, rule, at).catch(() => undefined);
  }

  view(m: Meeting, ctx: OrgContext, now: Date): MeetingView {
    const { conclusions, sentTo: _sentTo, ...rest } = m;
    const shown = conclusions ? (({ requestHash: _h, ...c }) => c)(conclusions) : undefined;
    return {
      ...rest,
      conclusionsDueAt: formatInstant(new Date(m.conclusionsDueAt), ctx.dueRules.timeZone),
      conclusionStatus: conclusionStatusAt(m, now),
      ...(shown ? { conclusions: shown } : {}),
    };
  }

  event(ctx: OrgContext, actor: Actor, t: MeetingTransition, now: Date, onBehalfOf?: string): AuditEvent {
    return changeEvent(ctx.orgId, 'meeting', t, actor.staffId, now, onBehalfOf);
  }

  canRead(ctx: OrgContext, staffId: string, meeting: Meeting, items?: readonly ConclusionItemRecord[]): boolean {
    const sentTo = meeting.sentTo ?? (items ? recipientsOf(items) : undefined);
    return canReadMeeting(ctx.authority.staff(staffId), meeting, sentTo, ctx.authority.viewScope(staffId).kind === 'all');
  }

  /** For meetings whose conclusions were issued before `sentTo` was recorded: read their items. */
  async mayRead(ctx: OrgContext, staffId: string, meeting: Meeting): Promise<boolean> {
    if (this.canRead(ctx, staffId, meeting)) return true;
    if (!meeting.conclusions || meeting.sentTo) return false;
    return this.canRead(ctx, staffId, meeting, await this.meetings.conclusionItems(ctx.orgId, meeting.id));
  }

  async detail(ctx: OrgContext, actor: Actor, id: string, now: Date): Promise<MeetingDetail> {
    const found = await this.meetings.getWithDetails(ctx.orgId, id);
    if (!found || !this.canRead(ctx, actor.staffId, found.meeting, found.items)) throw new NotFoundError(`There is no meeting ${id}.`);
    const live = await this.meetings.assignments(ctx.orgId, found.items.map((i) => i.assignmentId));
    const items = found.items.map((record): ConclusionItemView => {
      const planned = record.prepared.transition.next;
      const current = live.get(record.assignmentId);
      const view = current ? this.assignments.view(current, ctx, now) : undefined;
      const state = view ? 'created' : 'pending';
      const mayOpen = ctx.authority.canView(actor.staffId, current ?? planned);
      // A confidential conclusion follows its assignment: nothing of it to those who may not see that.
      if (planned.confidentiality !== 'normal' && !mayOpen) {
        return { n: record.n, text: HIDDEN_CONCLUSION_TEXT, hidden: true, confidentiality: planned.confidentiality, assignmentId: record.assignmentId, state };
      }
      return {
        n: record.n,
        text: planned.title,
        // The announced conclusion is its text; the assignment's detail only to those who may open it.
        ...(planned.description && mayOpen ? { detail: planned.description } : {}),
        assigneeId: planned.assigneeId,
        unitId: planned.unitId,
        responsibleId: planned.responsibleId,
        dueDate: planned.originalDueDate,
        ...(planned.confidentiality !== 'normal' ? { confidentiality: planned.confidentiality } : {}),
        assignmentId: record.assignmentId,
        state,
        ...(view ? { status: view.status, timeliness: view.timeliness, percent: view.percent } : {}),
        ...(view && mayOpen ? { assignment: view } : {}),
      };
    });
    return { ...this.view(found.meeting, ctx, now), items, history: found.history };
  }
}
