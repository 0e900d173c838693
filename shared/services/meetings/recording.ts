/**
 * Recording a meeting and issuing its written conclusions (M1, M3–M5): each item an assignment created
 * with the same authority rules as any other, over several transactions that a retry completes.
 */
import { ulid } from 'ulidx';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
  type FieldIssue,
} from '../../domain/errors.js';
import { formatInstant, toLocalDate } from '../../domain/local-time.js';
import {
  chairDecision,
  conclusionAssignmentId,
  conclusionsDueAt,
  issueConclusions,
  itemIssues,
  obligationForKind,
  placeOf,
  recordMeeting,
  recipientsOf,
  type ConclusionItemRecord,
  type Meeting,
  type MeetingPlace,
  type MeetingTransition,
} from '../../domain/meeting.js';
import type { FileRef } from '../../domain/files.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { RecordMeetingInput, IssueConclusionsInput, MeetingView, MeetingDetail } from '../meeting-service.js';
import { MeetingCore } from './core.js';

const fileUsedElsewhere = () => new UnprocessableError('A file was attached elsewhere meanwhile.', [{ path: 'body.files', message: 'an upload serves one record once' }]);

/** The recorded meeting with its minutes' files, in the record and in the history's snapshot. */
function withMeetingFiles(t: MeetingTransition, files: FileRef[]): MeetingTransition {
  const next: Meeting = { ...t.next, files };
  return { ...t, next, data: { ...t.data, meeting: next } };
}

export class MeetingRecording {
  constructor(private readonly core: MeetingCore) {}

  // ---------------------------------------------------------------------------------------
  // Recording a meeting

  async record(actor: Actor, input: RecordMeetingInput, now: Date, idempotencyKey?: string): Promise<{ status: number; body: MeetingView; replayed: boolean }> {
    const ctx = await this.core.contexts.load(actor);
    const committed = await commit({
      idempotency: new IdempotentRequest({ repository: this.core.idempotency, orgId: ctx.orgId, scope: `meetings.record.${actor.staffId}`, key: idempotencyKey, input, now }),
      conflict: (part) => (part === 'file' ? fileUsedElsewhere() : undefined),
      decide: async () => {
        const checked = await this.prepareRecord(ctx, actor, input, now);
        // The meeting is valid and the actor may record it: only now are the files touched.
        const claimed = await this.core.filesFor(actor, input.files, checked.next.id, now);
        const transition = claimed.files.length ? withMeetingFiles(checked, claimed.files) : checked;
        return {
          result: this.core.view(transition.next, ctx, now),
          status: 201,
          write: (extra) =>
            this.core.meetings.write({
              next: transition.next,
              event: this.core.event(ctx, actor, transition, now),
              delta: transition.delta,
              alsoWrite: [...claimed.items, ...extra],
            }),
        };
      },
    });
    if (!committed.replayed) await this.core.recheck(ctx.orgId, committed.body.rule, now);
    return committed;
  }

  private async prepareRecord(ctx: OrgContext, actor: Actor, input: RecordMeetingInput, now: Date) {
    const tz = ctx.dueRules.timeZone;
    const today = toLocalDate(now, tz);
    const obligation = obligationForKind(ctx.rulebook.meetingObligations, input.kind);
    const issues: FieldIssue[] = [];
    let place: MeetingPlace | undefined;
    try {
      place = placeOf(obligation, input.unitId, ctx.snapshot.units);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
    const active = (id: string) => ctx.authority.staff(id)?.active === true;
    if (!active(input.chairId)) issues.push({ path: 'body.chairId', message: `no current staff member ${input.chairId}` });
    input.participantIds.forEach((id, i) => {
      if (!active(id)) issues.push({ path: `body.participantIds.${i}`, message: `no current staff member ${id}` });
    });
    if (input.heldOn > today) issues.push({ path: 'body.heldOn', message: `must be ${today} or earlier: a meeting is recorded once held` });
    if (issues.length || !place) throw new ValidationError('The meeting is not valid.', issues);

    // The chair's authority is judged on the day the meeting was held.
    const delegations = await this.core.delegations.currentFor(ctx.orgId, input.chairId, input.heldOn);
    const decision = chairDecision(ctx.authority, input.chairId, place, delegations, input.heldOn);
    if (!decision.allowed) throw new ForbiddenError(decision.reason, decision.rule);
    const onBehalfOf = decision.onBehalfOf;

    // Điều 11.1.a: the Office records the board's meetings; otherwise the chair or the one they act for.
    const principal = place.level === 'department' ? ctx.authority.director()?.id : ctx.authority.headOf(place.unit.id)?.id;
    const officeRecords =
      place.level === 'department' &&
      (actor.roles.includes('chief-of-office') || actor.roles.includes('deputy-chief-of-office'));
    if (![input.chairId, onBehalfOf, principal].includes(actor.staffId) && !officeRecords) {
      throw new ForbiddenError('A meeting is recorded by its chair, the leader they chaired for, or (for the board’s meetings) the Office (Điều 11.1.a).', 'A1');
    }

    const dueAt = conclusionsDueAt(input.heldOn, obligation, ctx.rulebook.meetingConclusions?.time ?? ctx.dueRules.dueTime, ctx.calendar, tz);
    return recordMeeting(
      {
        id: ulid(now.getTime()),
        orgId: ctx.orgId,
        obligation,
        place,
        heldOn: input.heldOn,
        ...(input.subject ? { subject: input.subject } : {}),
        chairId: input.chairId,
        ...(onBehalfOf ? { onBehalfOf } : {}),
        participantIds: input.participantIds,
        ...(input.minutes ? { minutes: input.minutes } : {}),
        attachments: input.attachments ?? [],
        recordedBy: actor.staffId,
        conclusionsDueAt: dueAt,
      },
      now,
      today,
    );
  }

  // ---------------------------------------------------------------------------------------
  // Issuing the conclusions

  async issueConclusions(
    actor: Actor,
    meetingId: string,
    input: IssueConclusionsInput,
    now: Date,
    idempotencyKey?: string,
    ifMatch?: number,
  ): Promise<{ status: number; body: MeetingDetail; replayed: boolean }> {
    const ctx = await this.core.contexts.load(actor);
    const request = new IdempotentRequest({ repository: this.core.idempotency, orgId: ctx.orgId, scope: `meetings.conclusions.${actor.staffId}`, key: idempotencyKey, input: { meetingId, input }, now });
    const requestHash = request.requestHash;
    // A replay answers with the meeting as it stands, after completing what a crash left out.
    const completeAndShow = async () => {
      await this.completeConclusions(ctx.orgId, meetingId);
      return this.core.detail(ctx, actor, meetingId, now);
    };
    let issuedLate = false;
    let issuedBefore = false;
    const { replayed } = await commit({
      idempotency: request,
      load: async () => {
        const meeting = await this.core.meetings.get(ctx.orgId, meetingId, true);
        if (!meeting) throw new NotFoundError(`There is no meeting ${meetingId}.`);
        if (actor.staffId !== meeting.chairId && actor.staffId !== meeting.onBehalfOf) {
          throw new ForbiddenError('The meeting’s chair (or the leader they chaired for) issues its conclusions (Điều 3.4).', 'M3');
        }
        // The same conclusions issued before (without a key): answered as a replay, If-Match aside.
        issuedBefore = meeting.conclusions?.requestHash === requestHash;
        if (meeting.conclusions && !issuedBefore) {
          throw new ConflictError(`The conclusions of this meeting were already issued at ${formatInstant(new Date(meeting.conclusions.issuedAt), ctx.dueRules.timeZone)}.`);
        }
        return meeting;
      },
      ifMatch: { expected: ifMatch, current: (meeting) => (issuedBefore ? ifMatch : meeting.version) },
      stale: (meeting) =>
        meeting
          ? new PreconditionFailedError(`The meeting is at version ${meeting.version}, not ${ifMatch}.`, meeting.version)
          : new PreconditionFailedError('The meeting changed while the conclusions were being issued.'),
      conflict: (part) => (part === 'file' ? fileUsedElsewhere() : undefined),
      decide: async (meeting) => {
        if (issuedBefore) return { result: { meetingId }, status: 201 };
        const items = await this.prepareItems(ctx, actor, meeting, input, now);
        // Every item is valid: only now are the files touched.
        const claimed = await this.core.filesFor(actor, input.files, meeting.id, now);
        const transition = issueConclusions(
          meeting,
          {
            issuedBy: actor.staffId,
            ...(actor.staffId === meeting.chairId && meeting.onBehalfOf ? { onBehalfOf: meeting.onBehalfOf } : {}),
            ...(input.summary ? { summary: input.summary } : {}),
            ...(claimed.files.length ? { files: claimed.files } : {}),
            itemCount: items.length,
            requestHash,
          },
          now,
        );
        const next: Meeting = { ...transition.next, sentTo: recipientsOf(items) };
        issuedLate = transition.next.conclusions?.onTime === false;
        return {
          result: { meetingId },
          status: 201,
          write: (extra) =>
            this.core.meetings.write({
              next,
              event: this.core.event(ctx, actor, transition, now, transition.next.conclusions?.onBehalfOf),
              delta: transition.delta,
              expectedVersion: meeting.version,
              items,
              alsoWrite: [...claimed.items, ...extra],
            }),
        };
      },
    });
    if (replayed || issuedBefore) return { status: 201, body: await completeAndShow(), replayed: true };
    if (issuedLate) await this.core.recheck(ctx.orgId, 'M3', now);
    return { status: 201, body: await completeAndShow(), replayed: false };
  }

  /** Prepares every item's assignment before anything is written: one bad or forbidden item refuses them all. */
  private async prepareItems(ctx: OrgContext, actor: Actor, meeting: Meeting, input: IssueConclusionsInput, now: Date): Promise<ConclusionItemRecord[]> {
    const issues: FieldIssue[] = [];
    const records: ConclusionItemRecord[] = [];
    for (const [i, item] of input.items.entries()) {
      const n = i + 1;
      try {
        const p = await this.core.assignments.prepareCreate(
          ctx,
          actor,
          {
            title: item.text,
            ...(item.detail ? { description: item.detail } : {}),
            ...(item.assigneeId ? { assigneeId: item.assigneeId } : {}),
            ...(item.unitId ? { unitId: item.unitId } : {}),
            ...(item.coordinatorIds ? { coordinatorIds: item.coordinatorIds } : {}),
            ...(item.priority ? { priority: item.priority } : {}),
            ...(item.fieldId ? { fieldId: item.fieldId } : {}),
            ...(item.confidentiality ? { confidentiality: item.confidentiality } : {}),
            dueDate: item.dueDate,
            source: { kind: 'meeting', ref: meeting.id, itemId: String(n) },
          },
          now,
        );
        const id = conclusionAssignmentId(meeting.id, n);
        const next = { ...p.transition.next, id };
        const data = { ...p.transition.data, assignment: next };
        records.push({
          meetingId: meeting.id,
          n,
          assignmentId: id,
          prepared: { transition: { ...p.transition, next, data }, event: { ...p.event, entityId: id, data } },
        });
      } catch (error) {
        if (error instanceof ValidationError || error instanceof UnprocessableError) issues.push(...itemIssues(i, error.issues));
        else if (error instanceof ForbiddenError) throw new ForbiddenError(`Conclusion item ${n}: ${error.message}`, error.rule);
        else throw error;
      }
    }
    if (issues.length) throw new ValidationError('Some conclusion items cannot become assignments.', issues);
    return records;
  }

  /**
   * Writes the assignments of issued conclusions that do not exist yet: after a crash between
   * transactions, on a retry, or from a sweep. Idempotent: each is written only if absent.
   * Returns how many it wrote.
   */
  async completeConclusions(orgId: string, meetingId: string): Promise<number> {
    const items = await this.core.meetings.conclusionItems(orgId, meetingId);
    return this.core.meetings.createMissing(orgId, items.map((i) => ({ assignmentId: i.assignmentId, items: () => this.core.assignments.createItems(i.prepared) })));
  }
}
