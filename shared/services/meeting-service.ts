/**
 * Meetings and their written conclusions (M1–M5). Every meeting ends in conclusions; each item
 * becomes an assignment created with the same authority rules as any other (AssignmentService.prepareCreate).
 *
 * Issuing conclusions spans several transactions (a transaction holds 100 items; an assignment
 * needs 8): the first records the conclusions and every prepared assignment with the meeting;
 * then each assignment is written if absent, under a deterministic id `<meetingId>.<n>`. A retry
 * (same Idempotency-Key, or the same body again) writes whatever a crash left out and nothing twice.
 */
import type { AuditEvent, Confidentiality, Priority, Timeliness } from '../domain/assignment.js';
import type { LocalDate } from '../domain/local-time.js';
import type { Attachment, ConclusionsIssued, ConclusionStatus, Meeting, MeetingKind } from '../domain/meeting.js';
import type { LocalizedText } from '../rulebook/schema.js';
import type { AssignmentView } from './assignment-service.js';
import { auditVisibility } from './audit-service.js';
import { MeetingCore } from './meetings/core.js';
import { MeetingRecording } from './meetings/recording.js';
import { MeetingReading } from './meetings/reading.js';
export { HIDDEN_CONCLUSION_TEXT } from './meetings/core.js';

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

/** One face over the parts of the meeting service, which the meetings feature builds (shared/features/meetings.ts). */
export class MeetingService {
  private readonly recording: MeetingRecording;
  private readonly reading: MeetingReading;

  constructor(private readonly core: MeetingCore, parts: { recording: MeetingRecording; reading: MeetingReading }) {
    this.recording = parts.recording;
    this.reading = parts.reading;
  }

  // MeetingCore (meetings/core.ts)
  view(...args: Parameters<MeetingCore['view']>) {
    return this.core.view(...args);
  }

  // MeetingRecording (meetings/recording.ts)
  record(...args: Parameters<MeetingRecording['record']>) {
    return this.recording.record(...args);
  }
  issueConclusions(...args: Parameters<MeetingRecording['issueConclusions']>) {
    return this.recording.issueConclusions(...args);
  }
  completeConclusions(...args: Parameters<MeetingRecording['completeConclusions']>) {
    return this.recording.completeConclusions(...args);
  }

  // MeetingReading (meetings/reading.ts)
  get(...args: Parameters<MeetingReading['get']>) {
    return this.reading.get(...args);
  }
  pageData(...args: Parameters<MeetingReading['pageData']>) {
    return this.reading.pageData(...args);
  }
  list(...args: Parameters<MeetingReading['list']>) {
    return this.reading.list(...args);
  }
  expected(...args: Parameters<MeetingReading['expected']>) {
    return this.reading.expected(...args);
  }
  overdueConclusions(...args: Parameters<MeetingReading['overdueConclusions']>) {
    return this.reading.overdueConclusions(...args);
  }

  /** GET /v1/audit?entityId=<meetingId>: whoever may read the meeting. */
  readonly auditVisibility = auditVisibility(['meeting'], async (ctx, actor, entityId) => {
    const m = await this.core.meetings.get(ctx.orgId, entityId);
    return m ? this.core.mayRead(ctx, actor.staffId, m) : undefined;
  });
}
