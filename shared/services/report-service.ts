/**
 * Periodic reports, plans and mission reports: what each person owes from the rulebook, the
 * submissions stamped with the server's time, and the recipients' answers. The parts are in
 * reports/; the reports feature builds them (shared/features/reports.ts).
 */
import type { FileRef } from '../domain/files.js';
import type { ObligationStatus } from '../domain/obligations.js';
import type { Attachment, Report, ReportKind, ReviewStatus } from '../domain/report.js';
import { auditVisibility } from './audit-service.js';
import { ReportCore } from './reports/core.js';
import { ReportReading } from './reports/reading.js';
import { ReportSubmissions } from './reports/submissions.js';

export interface SubmitReportInput {
  /** May be left out of a plan when exactly one plan is owed for the period. */
  obligationId?: string;
  /** The period of a periodic obligation… */
  period?: string;
  /** …or the mission of an R5 report. */
  missionId?: string;
  content: string;
  attachments?: Attachment[];
  /** Upload ids (POST /v1/uploads) of the caller's files to keep with this submission (issue #22). */
  files?: string[];
  /** Required to change an approved plan (Điều 10.1). */
  reason?: string;
}

export interface ObligationsQuery {
  period: string;
  staffId?: string;
  unitId?: string;
  /** Also the finer cadences within the period (the weeks and months of a quarter). */
  subPeriods?: boolean;
  limit: number;
  cursor?: string;
}

export interface ObligationView {
  key: string;
  obligationId: string;
  kind: ReportKind;
  rule: string;
  article: string;
  title: { vi: string; en: string };
  staffId: string;
  unitId: string;
  recipients: string[];
  /** The obligation's period; for a mission report, the period asked about. */
  period: string;
  cadence?: string;
  missionId?: string;
  missionEndedOn?: string;
  dueAt: string;
  dataCutOffAt?: string;
  status: ObligationStatus;
  reportId?: string;
  submittedAt?: string;
  lastSubmittedAt?: string;
  revision?: number;
  reviewStatus?: ReviewStatus;
}

export type ReportView = Omit<Report, 'orgId' | 'dueAt' | 'firstSubmittedAt' | 'lastSubmittedAt' | 'periodId' | 'event'> & {
  period?: string;
  missionId?: string;
  missionEndedOn?: string;
  dueAt: string;
  status: 'submitted' | 'late';
  /** This (latest) submission's time and whether it came after the deadline. */
  submittedAt: string;
  late: boolean;
  firstSubmittedAt: string;
  /** In a submission's answer: the files kept with it (each revision lists its own in GET). */
  files?: readonly FileRef[];
};

/** One face over the parts of the report service, with the audit visibility of reports and plans. */
export class ReportService {
  private readonly reading: ReportReading;
  private readonly submissions: ReportSubmissions;

  constructor(private readonly core: ReportCore, parts: { reading: ReportReading; submissions: ReportSubmissions }) {
    this.reading = parts.reading;
    this.submissions = parts.submissions;
  }

  // ReportCore (reports/core.ts)
  view(...args: Parameters<ReportCore['view']>) {
    return this.core.view(...args);
  }
  owedInstance(...args: Parameters<ReportCore['owedInstance']>) {
    return this.core.owedInstance(...args);
  }

  // ReportReading (reports/reading.ts)
  obligations(...args: Parameters<ReportReading['obligations']>) {
    return this.reading.obligations(...args);
  }
  get(...args: Parameters<ReportReading['get']>) {
    return this.reading.get(...args);
  }
  answersOf(...args: Parameters<ReportReading['answersOf']>) {
    return this.reading.answersOf(...args);
  }
  listPlans(...args: Parameters<ReportReading['listPlans']>) {
    return this.reading.listPlans(...args);
  }
  mayReadRevision(...args: Parameters<ReportReading['mayReadRevision']>) {
    return this.reading.mayReadRevision(...args);
  }

  // ReportSubmissions (reports/submissions.ts)
  submit(...args: Parameters<ReportSubmissions['submit']>) {
    return this.submissions.submit(...args);
  }
  acknowledge(...args: Parameters<ReportSubmissions['acknowledge']>) {
    return this.submissions.acknowledge(...args);
  }
  returnToAuthor(...args: Parameters<ReportSubmissions['returnToAuthor']>) {
    return this.submissions.returnToAuthor(...args);
  }
  approve(...args: Parameters<ReportSubmissions['approve']>) {
    return this.submissions.approve(...args);
  }

  readonly auditVisibility = auditVisibility(['report', 'plan'], async (ctx, actor, entityId) => {
    const r = await this.core.reports.get(ctx.orgId, entityId);
    // The history tells of the pending change: only those who may read it (P1, Điều 10.1).
    return r ? this.core.canSee(ctx, actor, r) && this.core.readsPending(ctx, actor, r) : undefined;
  });
}
