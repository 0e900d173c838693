import type { TableContext } from '../store/client.js';
import { AssignmentRepository } from '../store/assignment-repository.js';
import { AuditRepository } from '../store/audit-repository.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { MeetingPreparationRepository } from '../store/meeting-preparation-repository.js';
import { MeetingRepository } from '../store/meeting-repository.js';
import { OrganisationRepository } from '../store/organisation-repository.js';
import { DocumentRepository } from '../store/document-repository.js';
import { OutboxRepository } from '../store/outbox-repository.js';
import type { EofficeSettingsSource } from '../adapters/webhook-secrets.js';
import { DocumentService } from './document-service.js';
import { OutgoingDocumentService } from './outgoing-document-service.js';
import { OutgoingDocumentRepository } from '../store/outgoing-document-repository.js';
import { EofficeDispatcher, type DispatcherOptions } from './eoffice-dispatcher.js';
import { AssignmentService } from './assignment-service.js';
import { AuditService } from './audit-service.js';
import { DelegationService } from './delegation-service.js';
import { MeetingPreparationService } from './meeting-preparation-service.js';
import { MeetingService } from './meeting-service.js';
import { OrgContextLoader } from './org-context.js';
import { OrganisationService } from './organisation-service.js';
import { OrganisationAdminService } from './organisation-admin-service.js';
import { recordsOnlyDirectory, type IdentityDirectory } from '../adapters/identity-directory.js';
import { Logger } from '@aws-lambda-powertools/logger';
import { notifierFromEnv, type Notifier } from '../adapters/notifier.js';
import { MissionRepository } from '../store/mission-repository.js';
import { NotificationRepository } from '../store/notification-repository.js';
import { ReportRepository } from '../store/report-repository.js';
import { MissionService } from './mission-service.js';
import { NotificationService } from './notification-service.js';
import { PlanService } from './plan-service.js';
import { ReportReminderService } from './report-reminder-service.js';
import { ReportService } from './report-service.js';
import { LeaveRepository } from '../store/leave-repository.js';
import { OvertimeRepository } from '../store/overtime-repository.js';
import { LeaveService } from './leave-service.js';
import { OvertimeService } from './overtime-service.js';
import { buildEvaluationService } from './evaluation-service.js';
import { FindingRepository } from '../store/finding-repository.js';
import { FinanceRepository } from '../store/finance-repository.js';
import { ComplianceService } from './compliance/compliance-service.js';
import { FindingNotifications } from './compliance/finding-notifications.js';
import { FinanceService } from './finance-service.js';
import { CounterRepository } from '../store/counter-repository.js';
import { DashboardRepository } from '../store/dashboard-repository.js';
import { CounterRebuildService } from './counter-rebuild-service.js';
import { DashboardService } from './dashboard-service.js';
import { CitizenReceptionRepository } from '../store/citizen-reception-repository.js';
import { VisitRepository } from '../store/visit-repository.js';
import { CalendarFeedRepository } from '../store/calendar-feed-repository.js';
import { CitizenReceptionService } from './citizen-reception-service.js';
import { VisitService } from './visit-service.js';
import { BoardMatterService } from './board-matter-service.js';
import { BoardMatterRepository } from '../store/board-matter-repository.js';
import { CalendarService } from './calendar-service.js';
import { InboxService } from './inbox-service.js';
import { FileService } from './file-service.js';
import type { FileClaim } from './assignment-service.js';
import { FileRepository } from '../store/file-repository.js';
import type { FileStorage } from '../adapters/file-storage.js';

export interface ServiceOptions {
  /** Where people sign in (issue #12): Cognito in AWS; locally the records alone. */
  readonly identity?: IdentityDirectory;
  /** Where notifications leave (issue #4): SES when NOTIFY_EMAIL_FROM is set, else the log. */
  readonly notifier?: Notifier;
  /** The e-office integration (issue #7): per-organisation secrets and callback URL, and how the outbox is sent. */
  readonly eoffice?: { readonly settings?: EofficeSettingsSource } & Partial<DispatcherOptions>;
  /** Evidence files (issue #22): the bucket; absent, file routes answer 503 and records take no files. */
  readonly files?: FileStorage;
}

/** Every use case, wired to one table. Built once per process (Lambda cold start, local server, test). */
export function buildServices(table: TableContext, defaultOrgId: string, options: ServiceOptions = {}) {
  const organisationRepository = new OrganisationRepository(table);
  const contexts = new OrgContextLoader(organisationRepository);
  // The e-office outbox commits in the same transaction as the assignment change it reports.
  const outbox = new OutboxRepository(table);
  const assignmentRepository = new AssignmentRepository(table, [outbox.hook]);
  const delegationRepository = new DelegationRepository(table);
  const idempotency = new IdempotencyRepository(table);
  const claimFiles: FileClaim = (actor, ids, record, now, kept) => files.claim(actor, ids, record, now, 'body.files', kept);
  // Finance, leave and e-office documents take files the same way (issue #22); `files` is built below.
  const recordFiles: Pick<FileService, 'claim' | 'fetchRemote'> = {
    claim: (...args) => files.claim(...args),
    fetchRemote: (...args) => files.fetchRemote(...args),
  };
  const assignments = new AssignmentService(contexts, assignmentRepository, delegationRepository, idempotency, claimFiles);
  const audit = new AuditService(contexts, new AuditRepository(table), [
    assignments.auditVisibility,
    assignments.delegationAuditVisibility,
  ]);
  // A meeting recorded late, or conclusions issued late, re-checks its rule's open findings (issue #6).
  const meetings = new MeetingService(
    contexts,
    new MeetingRepository(table),
    assignments,
    delegationRepository,
    idempotency,
    (orgId, rule, at) => compliance.recheck(orgId, rule, at),
    claimFiles,
  );
  audit.register(meetings.auditVisibility);
  // M6: the Office's programme and minutes; a change re-checks the rule's open findings.
  const meetingPreparations = new MeetingPreparationService(
    contexts,
    new MeetingPreparationRepository(table),
    new MeetingRepository(table),
    (orgId, rule, at) => compliance.recheck(orgId, rule, at),
    claimFiles,
  );
  audit.register(meetingPreparations.auditVisibility);
  const documentRepository = new DocumentRepository(table);
  const documents = new DocumentService(table, contexts, documentRepository, assignments, idempotency, recordFiles);
  const { settings: eofficeSettings, ...dispatcherOptions } = options.eoffice ?? {};
  const eoffice = new EofficeDispatcher(contexts, outbox, documentRepository, assignmentRepository, eofficeSettings ?? { settingsFor: async () => undefined }, {
    orgIds: [defaultOrgId],
    ...dispatcherOptions,
  });
  audit.register(documents.auditVisibility);
  audit.register(eoffice.auditVisibility);
  // Reports, plans, missions and reminders (issue #4).
  const reportRepository = new ReportRepository(table);
  const missionRepository = new MissionRepository(table);
  const notifications = new NotificationService(
    new NotificationRepository(table),
    options.notifier ?? notifierFromEnv(process.env, new Logger({ serviceName: 'tracker-notifications' })),
  );
  const reports = new ReportService(contexts, reportRepository, missionRepository, idempotency, notifications, (orgId, rule, at) => compliance.recheck(orgId, rule, at), new BoardMatterRepository(table), delegationRepository, claimFiles);
  const missions = new MissionService(contexts, missionRepository, delegationRepository, idempotency);
  audit.register(reports.auditVisibility);
  audit.register(missions.auditVisibility);
  const organisationAdmin = new OrganisationAdminService(contexts, organisationRepository, assignments, options.identity ?? recordsOnlyDirectory, idempotency);
  audit.register(organisationAdmin.auditVisibility);
  // Leave, absence and working time (issue #9).
  const leaveRepository = new LeaveRepository(table);
  const leave = new LeaveService(contexts, leaveRepository, delegationRepository, idempotency, { notifications, missions: missionRepository, files: recordFiles });
  const overtime = new OvertimeService(contexts, new OvertimeRepository(table), idempotency);
  audit.register(leave.auditVisibility);
  audit.register(overtime.auditVisibility);
  // Compliance engine and finance records (issue #6): a stored finance record re-checks its rule's open findings;
  // a new finding notifies its subject in the same transaction; the schedules also run the reminder and e-office jobs.
  const reportReminders = new ReportReminderService(contexts, reportRepository, missionRepository, notifications);
  const findingNotifications = new FindingNotifications(notifications);
  const findingRepository = new FindingRepository(table, [findingNotifications.hook]);
  const compliance = new ComplianceService(contexts, table, findingRepository, {
    jobServices: { reportReminders, eoffice },
    afterCreated: (ctx, findings, at) => findingNotifications.deliver(ctx, findings, at),
  });
  // Outgoing documents and signing (issue #19, D4, D5): each step of a document the e-office registered queues its
  // callback in the step's transaction; a signature outside authority is a D4 finding reported to the chief of office.
  const outgoingDocuments = new OutgoingDocumentService(contexts, new OutgoingDocumentRepository(table), idempotency, {
    outbox,
    findings: findingRepository,
    afterFinding: (ctx, findings, at) => findingNotifications.deliver(ctx, findings, at),
  });
  audit.register(outgoingDocuments.auditVisibility);
  const finance = new FinanceService(contexts, new FinanceRepository(table), idempotency, (orgId, rule, at) => compliance.recheck(orgId, rule, at), recordFiles);
  audit.register(compliance.auditVisibility);
  audit.register(finance.auditVisibility);
  // The department's calendar (issue #13): citizen reception (C1), delegation visits (Điều 17), the weekly calendar and its feeds.
  const preparedAssignments = new MeetingRepository(table);
  const receptionRepository = new CitizenReceptionRepository(table);
  const citizenReception = new CitizenReceptionService(contexts, receptionRepository, assignments, preparedAssignments, delegationRepository, idempotency, (orgId, rule, at) =>
    compliance.recheck(orgId, rule, at),
  );
  const visits = new VisitService(contexts, new VisitRepository(table), assignments, preparedAssignments, idempotency);
  const calendar = new CalendarService(
    contexts,
    { meetings: preparedAssignments, meetingSchedule: meetings, reception: receptionRepository, missions: missionRepository, visits, leave },
    new CalendarFeedRepository(table),
  );
  audit.register(citizenReception.auditVisibility);
  audit.register(visits.auditVisibility);
  audit.register(calendar.auditVisibility);
  // The board's collective decisions (A5, Điều 3.2; issue #19).
  const boardMatters = new BoardMatterService(contexts, new BoardMatterRepository(table), preparedAssignments, idempotency);
  audit.register(boardMatters.auditVisibility);
  // Evidence files (issue #22): a file is read by whoever may read its record.
  // A report's or plan's file follows the visibility of the revision that keeps it (P1: a pending change's files stay with the change).
  const files: FileService = new FileService(contexts, new FileRepository(table), idempotency, options.files, (ctx, actor, record) =>
    record.revision !== undefined && (record.kind === 'report' || record.kind === 'plan')
      ? reports.mayReadRevision(ctx, actor, record.id, record.revision)
      : audit.mayRead(ctx, actor, record),
  );
  audit.register(files.auditVisibility);
  return {
    compliance,
    finance,
    reports,
    plans: new PlanService(reports),
    missions,
    notifications,
    reportReminders,
    documents,
    outgoingDocuments,
    eoffice,
    organisations: new OrganisationService(organisationRepository, contexts, defaultOrgId),
    organisationAdmin,
    assignments,
    delegations: new DelegationService(contexts, delegationRepository),
    audit,
    meetings,
    meetingPreparations,
    leave,
    overtime,
    // The accountability dashboard and its counters' rebuild (issue #8).
    dashboard: new DashboardService(contexts, new CounterRepository(table), new DashboardRepository(table), reportRepository, new MeetingRepository(table), missionRepository, assignments),
    counters: new CounterRebuildService(contexts, new CounterRepository(table)),
    evaluations: buildEvaluationService({ table, contexts, idempotency, delegations: delegationRepository, audit, dashboard: new DashboardService(contexts, new CounterRepository(table), new DashboardRepository(table), reportRepository, new MeetingRepository(table), missionRepository, assignments) }),
    citizenReception,
    visits,
    calendar,
    boardMatters,
    files,
    // "Chờ quyết định" (issue #16): what awaits each person's decision, read from the records' own indexes.
    inbox: new InboxService(
      contexts,
      { assignments: assignmentRepository, reports: reportRepository, leave: leaveRepository, findings: findingRepository, reception: receptionRepository, delegations: delegationRepository },
      leave,
      outgoingDocuments,
      boardMatters,
    ),
  };
}

export type Services = ReturnType<typeof buildServices>;
