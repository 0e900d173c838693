import { ulid } from 'ulidx';
import { changeEvent } from './audit-event.js';
import type { AuditEvent, Confidentiality, Priority, Timeliness } from '../domain/assignment.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError, type FieldIssue } from '../domain/errors.js';
import { formatInstant, toLocalDate, type LocalDate } from '../domain/local-time.js';
import {
  canReadMeeting,
  chairDecision,
  conclusionAssignmentId,
  conclusionsDueAt,
  conclusionStatusAt,
  issueConclusions,
  itemIssues,
  obligationForKind,
  placeOf,
  recordMeeting,
  recipientsOf,
  type Attachment,
  type ConclusionItemRecord,
  type ConclusionsIssued,
  type ConclusionStatus,
  type Meeting,
  type MeetingKind,
  type MeetingPlace,
  type MeetingTransition,
} from '../domain/meeting.js';
import { expectedMeetings, matchHeld, spanOf, type ExpectedMeetingStatus } from '../domain/meeting-schedule.js';
import type { LocalDateRange } from '../domain/periods.js';
import { meetingKindSchema, type LocalizedText } from '../rulebook/schema.js';
import type { DelegationRepository } from '../store/delegation-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { MeetingPartitions, MeetingRepository } from '../store/meeting-repository.js';
import type { AssignmentService, AssignmentView, FileClaim } from './assignment-service.js';
import type { FileRef } from '../domain/files.js';
import type { LabelledItem } from '../store/transact.js';
import { auditVisibility } from './audit-service.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface RecordMeetingInput {
  kind: MeetingKind;
  heldOn: LocalDate;
  chairId: string;
  unitId?: string;
  subject?: string;
  participantIds: string[];
  minutes?: string;
  attachments?: Attachment[];
  /** Upload ids of the minutes' files (issue #22). */
  files?: string[];
}

export interface ConclusionItemInput {
  text: string;
  detail?: string;
  assigneeId?: string;
  unitId?: string;
  dueDate: LocalDate;
  coordinatorIds?: string[];
  priority?: Priority;
  fieldId?: string;
  /** A confidential conclusion: its assignment, text and detail are seen only by those who may see the assignment (D2). */
  confidentiality?: Confidentiality;
}

export interface IssueConclusionsInput {
  summary?: string;
  items: ConclusionItemInput[];
  /** Upload ids of the written conclusions' files (issue #22). */
  files?: string[];
}

export interface MeetingView extends Omit<Meeting, 'conclusions' | 'sentTo'> {
  /** Where the written conclusions stand now: awaiting, overdue; on-time, late. */
  conclusionStatus: ConclusionStatus;
  conclusions?: Omit<ConclusionsIssued, 'requestHash'>;
}

/** Shown instead of a confidential conclusion's text to whoever may not see its assignment. */
export const HIDDEN_CONCLUSION_TEXT = 'Nội dung mật';

export interface ConclusionItemView {
  n: number;
  text: string;
  detail?: string;
  /** Absent when hidden: a confidential conclusion shows nothing of its assignment to those who may not see it. */
  assigneeId?: string | null;
  unitId?: string;
  responsibleId?: string;
  dueDate?: LocalDate;
  confidentiality?: Confidentiality;
  /** A confidential conclusion the reader may not see: its text is HIDDEN_CONCLUSION_TEXT. */
  hidden?: true;
  assignmentId: string;
  /** created once the assignment exists; pending until a retry of the request completes it. */
  state: 'created' | 'pending';
  /** Live, for everyone who sees the meeting. */
  status?: AssignmentView['status'];
  timeliness?: Timeliness;
  percent?: number;
  /** The whole assignment, only for those who may see it (Authority.canView). */
  assignment?: AssignmentView;
}

export interface MeetingDetail extends MeetingView {
  items: ConclusionItemView[];
  history: AuditEvent[];
}

/** What the meeting page shows: the meeting with its conclusions, and the names it refers to. */
export interface MeetingPageData {
  meeting: MeetingDetail;
  /** The rulebook's name of the meeting's kind. */
  title: LocalizedText;
  organisation: LocalizedText;
  timeZone: string;
  staff: Record<string, { name: string; title?: LocalizedText }>;
  units: Record<string, LocalizedText>;
}

export interface MeetingListFilters {
  kind?: MeetingKind;
  unitId?: string;
  from?: LocalDate;
  to?: LocalDate;
  withoutConclusions?: boolean;
  limit: number;
  cursor?: string;
}

const fileUsedElsewhere = () => new UnprocessableError('A file was attached elsewhere meanwhile.', [{ path: 'body.files', message: 'an upload serves one record once' }]);

/** The recorded meeting with its minutes' files, in the record and in the history's snapshot. */
function withMeetingFiles(t: MeetingTransition, files: FileRef[]): MeetingTransition {
  const next: Meeting = { ...t.next, files };
  return { ...t, next, data: { ...t.data, meeting: next } };
}

/**
 * Meetings and their written conclusions (M1–M5). Every meeting ends in conclusions; each item
 * becomes an assignment created with the same authority rules as any other (AssignmentService.prepareCreate).
 *
 * Issuing conclusions spans several transactions (a transaction holds 100 items; an assignment
 * needs 8): the first records the conclusions and every prepared assignment with the meeting;
 * then each assignment is written if absent, under a deterministic id `<meetingId>.<n>`. A retry
 * (same Idempotency-Key, or the same body again) writes whatever a crash left out and nothing twice.
 */
export class MeetingService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly meetings: MeetingRepository,
    private readonly assignments: AssignmentService,
    private readonly delegations: DelegationRepository,
    private readonly idempotency: IdempotencyRepository,
    /** After a meeting is recorded or its conclusions issued late: re-checks the rule's open findings (ComplianceService.recheck, issue #6). */
    private readonly afterChange: (orgId: string, rule: string, at: Date) => Promise<void> = async () => {},
    /** Evidence files (issue #22): takes the caller's uploads for the meeting, in its transaction. */
    private readonly claimFiles?: FileClaim,
  ) {}

  private async filesFor(actor: Actor, ids: readonly string[] | undefined, meetingId: string, now: Date): Promise<{ files: FileRef[]; items: LabelledItem[] }> {
    if (!ids?.length) return { files: [], items: [] };
    if (!this.claimFiles) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    return this.claimFiles(actor, ids, { kind: 'meeting', id: meetingId }, now);
  }

  /** Best effort: the compliance schedule puts the finding right anyway on its next run. */
  private recheck(orgId: string, rule: string, at: Date): Promise<void> {
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

  private event(ctx: OrgContext, actor: Actor, t: MeetingTransition, now: Date, onBehalfOf?: string): AuditEvent {
    return changeEvent(ctx.orgId, 'meeting', t, actor.staffId, now, onBehalfOf);
  }


  // ---------------------------------------------------------------------------------------
  // Recording a meeting

  async record(actor: Actor, input: RecordMeetingInput, now: Date, idempotencyKey?: string): Promise<{ status: number; body: MeetingView; replayed: boolean }> {
    const ctx = await this.contexts.load(actor.orgId);
    const committed = await commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `meetings.record.${actor.staffId}`, key: idempotencyKey, input, now }),
      conflict: (part) => (part === 'file' ? fileUsedElsewhere() : undefined),
      decide: async () => {
        const checked = await this.prepareRecord(ctx, actor, input, now);
        // The meeting is valid and the actor may record it: only now are the files touched.
        const claimed = await this.filesFor(actor, input.files, checked.next.id, now);
        const transition = claimed.files.length ? withMeetingFiles(checked, claimed.files) : checked;
        return {
          result: this.view(transition.next, ctx, now),
          status: 201,
          write: (extra) =>
            this.meetings.write({
              next: transition.next,
              event: this.event(ctx, actor, transition, now),
              delta: transition.delta,
              alsoWrite: [...claimed.items, ...extra],
            }),
        };
      },
    });
    if (!committed.replayed) await this.recheck(ctx.orgId, committed.body.rule, now);
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
    const delegations = await this.delegations.currentFor(ctx.orgId, input.chairId, input.heldOn);
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
    const ctx = await this.contexts.load(actor.orgId);
    const request = new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `meetings.conclusions.${actor.staffId}`, key: idempotencyKey, input: { meetingId, input }, now });
    const requestHash = request.requestHash;
    // A replay answers with the meeting as it stands, after completing what a crash left out.
    const completeAndShow = async () => {
      await this.completeConclusions(ctx.orgId, meetingId);
      return this.detail(ctx, actor, meetingId, now);
    };
    let issuedLate = false;
    let issuedBefore = false;
    const { replayed } = await commit({
      idempotency: request,
      load: async () => {
        const meeting = await this.meetings.get(ctx.orgId, meetingId, true);
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
        const claimed = await this.filesFor(actor, input.files, meeting.id, now);
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
            this.meetings.write({
              next,
              event: this.event(ctx, actor, transition, now, transition.next.conclusions?.onBehalfOf),
              delta: transition.delta,
              expectedVersion: meeting.version,
              items,
              alsoWrite: [...claimed.items, ...extra],
            }),
        };
      },
    });
    if (replayed || issuedBefore) return { status: 201, body: await completeAndShow(), replayed: true };
    if (issuedLate) await this.recheck(ctx.orgId, 'M3', now);
    return { status: 201, body: await completeAndShow(), replayed: false };
  }

  /** Prepares every item's assignment before anything is written: one bad or forbidden item refuses them all. */
  private async prepareItems(ctx: OrgContext, actor: Actor, meeting: Meeting, input: IssueConclusionsInput, now: Date): Promise<ConclusionItemRecord[]> {
    const issues: FieldIssue[] = [];
    const records: ConclusionItemRecord[] = [];
    for (const [i, item] of input.items.entries()) {
      const n = i + 1;
      try {
        const p = await this.assignments.prepareCreate(
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
    const items = await this.meetings.conclusionItems(orgId, meetingId);
    return this.meetings.createMissing(orgId, items.map((i) => ({ assignmentId: i.assignmentId, items: () => this.assignments.createItems(i.prepared) })));
  }

  // ---------------------------------------------------------------------------------------
  // Reading

  /** A meeting the caller may not read answers 404, exactly as one that does not exist (docs/security/meetings.md). */
  async get(actor: Actor, id: string, now: Date): Promise<MeetingDetail> {
    const ctx = await this.contexts.load(actor.orgId);
    return this.detail(ctx, actor, id, now);
  }

  private canRead(ctx: OrgContext, staffId: string, meeting: Meeting, items?: readonly ConclusionItemRecord[]): boolean {
    const sentTo = meeting.sentTo ?? (items ? recipientsOf(items) : undefined);
    return canReadMeeting(ctx.authority.staff(staffId), meeting, sentTo, ctx.authority.viewScope(staffId).kind === 'all');
  }

  /** For meetings whose conclusions were issued before `sentTo` was recorded: read their items. */
  private async mayRead(ctx: OrgContext, staffId: string, meeting: Meeting): Promise<boolean> {
    if (this.canRead(ctx, staffId, meeting)) return true;
    if (!meeting.conclusions || meeting.sentTo) return false;
    return this.canRead(ctx, staffId, meeting, await this.meetings.conclusionItems(ctx.orgId, meeting.id));
  }

  /** The meeting page's data, kept apart from its markup so other pages (the dashboard) can reuse it. */
  async pageData(actor: Actor, id: string, now: Date): Promise<MeetingPageData> {
    const ctx = await this.contexts.load(actor.orgId);
    const meeting = await this.detail(ctx, actor, id, now);
    const staffIds = new Set([meeting.chairId, meeting.recordedBy, ...meeting.participantIds, ...meeting.items.flatMap((i) => (i.responsibleId ? [i.responsibleId] : []))]);
    if (meeting.onBehalfOf) staffIds.add(meeting.onBehalfOf);
    if (meeting.conclusions) staffIds.add(meeting.conclusions.issuedBy);
    const staff: MeetingPageData['staff'] = {};
    for (const sid of staffIds) {
      const member = ctx.authority.staff(sid);
      if (member) staff[sid] = { name: member.name, ...(member.title ? { title: member.title } : {}) };
    }
    const units: MeetingPageData['units'] = {};
    for (const uid of new Set([meeting.unitId, ...meeting.items.flatMap((i) => (i.unitId ? [i.unitId] : []))])) {
      const unit = ctx.authority.unit(uid);
      if (unit) units[uid] = unit.name;
    }
    const obligation = ctx.rulebook.meetingObligations.find((o) => o.id === meeting.obligationId);
    return {
      meeting,
      title: obligation?.title ?? { vi: meeting.kind, en: meeting.kind },
      organisation: ctx.snapshot.organisation.shortName,
      timeZone: ctx.dueRules.timeZone,
      staff,
      units,
    };
  }

  private async detail(ctx: OrgContext, actor: Actor, id: string, now: Date): Promise<MeetingDetail> {
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

  async list(actor: Actor, filters: MeetingListFilters, now: Date): Promise<{ items: MeetingView[]; nextCursor?: string }> {
    const ctx = await this.contexts.load(actor.orgId);
    if (filters.unitId !== undefined && !ctx.snapshot.units.some((u) => u.id === filters.unitId)) {
      throw new ValidationError(`There is no unit ${filters.unitId}.`, [{ path: 'query.unitId', message: `no unit ${filters.unitId}` }]);
    }
    if (filters.from && filters.to && filters.from > filters.to) {
      throw new ValidationError('The range ends before it starts.', [{ path: 'query.to', message: 'must be on or after from' }]);
    }
    const range = { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
    const page = filters.withoutConclusions
      ? await this.meetings.awaiting({
          orgId: ctx.orgId,
          dueBefore: now,
          ...(filters.kind ? { kind: filters.kind } : {}),
          ...(filters.unitId ? { unitId: filters.unitId } : {}),
          ...range,
          limit: filters.limit,
          ...(filters.cursor ? { cursor: filters.cursor } : {}),
        })
      : await this.meetings.list({
          orgId: ctx.orgId,
          partitions: this.partitionsFor(ctx, filters),
          ...range,
          limit: filters.limit,
          ...(filters.cursor ? { cursor: filters.cursor } : {}),
        });
    // What the caller may not read is left out of the page (the cursor still moves past it).
    const readable = [];
    for (const m of page.items) if (await this.mayRead(ctx, actor.staffId, m)) readable.push(m);
    const items = readable.map((m) => this.view(m, ctx, now));
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }

  private partitionsFor(ctx: OrgContext, filters: MeetingListFilters): MeetingPartitions {
    if (!filters.kind && !filters.unitId) return { kind: 'org' };
    const kinds = filters.kind ? [filters.kind] : meetingKindSchema.options;
    const units = filters.unitId ? [filters.unitId] : ctx.snapshot.units.map((u) => u.id);
    return { kind: 'unit-kind', pairs: units.flatMap((unitId) => kinds.map((kind) => ({ unitId, kind }))) };
  }

  /** GET /v1/audit?entityId=<meetingId>: whoever may read the meeting. */
  readonly auditVisibility = auditVisibility(['meeting'], async (ctx, actor, entityId) => {
    const m = await this.meetings.get(ctx.orgId, entityId);
    return m ? this.mayRead(ctx, actor.staffId, m) : undefined;
  });

  // ---------------------------------------------------------------------------------------
  // For the compliance engine (M1, M2, M3, M4) and the schedule route

  /**
   * The meetings the rulebook expects in the range, each with the meetings held in its window and
   * a status at `now`: held, pending (window still open) or missed. One Query for the meetings.
   */
  async expected(orgId: string, range: LocalDateRange, now: Date): Promise<ExpectedMeetingStatus[]> {
    const ctx = await this.contexts.load(orgId);
    const expected = expectedMeetings({ obligations: ctx.rulebook.meetingObligations, units: ctx.snapshot.units, calendar: ctx.calendar, range, goLiveOn: ctx.goLiveOn });
    const span = spanOf(expected, range);
    const held = await this.meetings.heldBetween(ctx.orgId, span.start, span.end);
    return matchHeld(
      expected,
      held.map((m) => ({
        id: m.id,
        kind: m.kind,
        unitId: m.unitId,
        heldOn: m.heldOn,
        ...(m.conclusions ? { conclusions: { issuedAt: m.conclusions.issuedAt, onTime: m.conclusions.onTime } } : {}),
      })),
      now,
      ctx.dueRules.timeZone,
    );
  }

  /** M3: meetings whose conclusions were due before `now` and are not issued, oldest deadline first (the sparse index). */
  async overdueConclusions(orgId: string, now: Date, page: { limit: number; cursor?: string } = { limit: 100 }) {
    const ctx = await this.contexts.load(orgId);
    const result = await this.meetings.awaiting({ orgId, dueBefore: now, limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
    return { items: result.items.map((m) => this.view(m, ctx, now)), ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
  }
}
