import type { TableContext } from '../store/client.js';
import { AssignmentRepository } from '../store/assignment-repository.js';
import { AuditRepository } from '../store/audit-repository.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { MeetingRepository } from '../store/meeting-repository.js';
import { OrganisationRepository } from '../store/organisation-repository.js';
import { DocumentRepository } from '../store/document-repository.js';
import { OutboxRepository } from '../store/outbox-repository.js';
import type { EofficeSettingsSource } from '../adapters/webhook-secrets.js';
import { DocumentService } from './document-service.js';
import { EofficeDispatcher, type DispatcherOptions } from './eoffice-dispatcher.js';
import { AssignmentService } from './assignment-service.js';
import { AuditService } from './audit-service.js';
import { DelegationService } from './delegation-service.js';
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
import { FindingRepository } from '../store/finding-repository.js';
import { FinanceRepository } from '../store/finance-repository.js';
import { ComplianceService } from './compliance/compliance-service.js';
import { FinanceService } from './finance-service.js';

export interface ServiceOptions {
  /** Where people sign in (issue #12): Cognito in AWS; locally the records alone. */
  readonly identity?: IdentityDirectory;
  /** Where notifications leave (issue #4): SES when NOTIFY_EMAIL_FROM is set, else the log. */
  readonly notifier?: Notifier;
  /** The e-office integration (issue #7): per-organisation secrets and callback URL, and how the outbox is sent. */
  readonly eoffice?: { readonly settings?: EofficeSettingsSource } & Partial<DispatcherOptions>;
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
  const assignments = new AssignmentService(contexts, assignmentRepository, delegationRepository, idempotency);
  const audit = new AuditService(contexts, new AuditRepository(table), [
    assignments.auditVisibility,
    assignments.delegationAuditVisibility,
  ]);
  const meetings = new MeetingService(contexts, new MeetingRepository(table), assignments, delegationRepository, idempotency);
  audit.register(meetings.auditVisibility);
  const documentRepository = new DocumentRepository(table);
  const documents = new DocumentService(table, contexts, documentRepository, assignments, idempotency);
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
  const reports = new ReportService(contexts, reportRepository, missionRepository, idempotency, notifications);
  const missions = new MissionService(contexts, missionRepository, delegationRepository, idempotency);
  audit.register(reports.auditVisibility);
  audit.register(missions.auditVisibility);
  const organisationAdmin = new OrganisationAdminService(contexts, organisationRepository, assignments, options.identity ?? recordsOnlyDirectory);
  audit.register(organisationAdmin.auditVisibility);
  // Leave, absence and working time (issue #9).
  const leave = new LeaveService(contexts, new LeaveRepository(table), delegationRepository, idempotency, { notifications, missions: missionRepository });
  const overtime = new OvertimeService(contexts, new OvertimeRepository(table), idempotency);
  audit.register(leave.auditVisibility);
  audit.register(overtime.auditVisibility);
  // Compliance engine and finance records (issue #6): a stored finance record re-checks its rule's open findings.
  const compliance = new ComplianceService(contexts, table, new FindingRepository(table));
  const finance = new FinanceService(contexts, new FinanceRepository(table), idempotency, (orgId, rule, at) => compliance.recheck(orgId, rule, at));
  audit.register(compliance.auditVisibility);
  audit.register(finance.auditVisibility);
  return {
    compliance,
    finance,
    reports,
    plans: new PlanService(reports),
    missions,
    notifications,
    reportReminders: new ReportReminderService(contexts, reportRepository, missionRepository, notifications),
    documents,
    eoffice,
    organisations: new OrganisationService(organisationRepository, contexts, defaultOrgId),
    organisationAdmin,
    assignments,
    delegations: new DelegationService(contexts, delegationRepository),
    audit,
    meetings,
    leave,
    overtime,
  };
}

export type Services = ReturnType<typeof buildServices>;
