/**
 * Every feature, where its module is, and which feature serves each service name of
 * `deps.services`. A feature's module is imported the first time something asks for it
 * (a route group listing it in functions/api/route-groups.ts, a Lambda handler), so a cold
 * start loads the code of the features its first event uses and no other.
 *
 * To add a feature: a module beside this one (`defineFeature`), a line in FEATURE_LOADERS and
 * in FeatureServices, its service names in SERVICE_FEATURES, and the feature in the `features`
 * of the route groups that use it. test/unit/features.test.ts checks the lines agree.
 */
import type { FeatureDefinition } from './feature.js';
import type { AssignmentService } from '../services/assignment-service.js';
import type { AuditService } from '../services/audit-service.js';
import type { BoardMatterService } from '../services/board-matter-service.js';
import type { CalendarService } from '../services/calendar-service.js';
import type { CitizenReceptionService } from '../services/citizen-reception-service.js';
import type { ComplianceService } from '../services/compliance/compliance-service.js';
import type { CounterRebuildService } from '../services/counter-rebuild-service.js';
import type { DashboardService } from '../services/dashboard-service.js';
import type { EvaluationYearService } from '../services/evaluation-year.js';
import type { DelegationService } from '../services/delegation-service.js';
import type { EvaluationService } from '../services/evaluation-service.js';
import type { DocumentService } from '../services/document-service.js';
import type { EofficeDispatcher } from '../services/eoffice-dispatcher.js';
import type { FileService } from '../services/file-service.js';
import type { FinanceService } from '../services/finance-service.js';
import type { InboxService } from '../services/inbox-service.js';
import type { LeaveService } from '../services/leave-service.js';
import type { MeetingPreparationService } from '../services/meeting-preparation-service.js';
import type { MeetingService } from '../services/meeting-service.js';
import type { MissionService } from '../services/mission-service.js';
import type { NotificationService } from '../services/notification-service.js';
import type { OrganisationAdminService } from '../services/organisation-admin-service.js';
import type { OutgoingDocumentService } from '../services/outgoing-document-service.js';
import type { OvertimeService } from '../services/overtime-service.js';
import type { PlanService } from '../services/plan-service.js';
import type { ReportReminderService } from '../services/report-reminder-service.js';
import type { ReportService } from '../services/report-service.js';
import type { VisitService } from '../services/visit-service.js';

/** What each feature builds, by name (types only: nothing here is loaded with the catalogue). */
export interface FeatureServices {
  assignments: { assignments: AssignmentService; delegations: DelegationService };
  files: { files: FileService };
  audit: { audit: AuditService };
  meetings: { meetings: MeetingService; meetingPreparations: MeetingPreparationService };
  documents: { documents: DocumentService };
  eoffice: { eoffice: EofficeDispatcher };
  notifications: { notifications: NotificationService };
  reports: { reports: ReportService; plans: PlanService; missions: MissionService };
  reminders: { reportReminders: ReportReminderService };
  organisationAdmin: { organisationAdmin: OrganisationAdminService };
  leave: { leave: LeaveService; overtime: OvertimeService };
  compliance: { compliance: ComplianceService };
  outgoingDocuments: { outgoingDocuments: OutgoingDocumentService };
  finance: { finance: FinanceService };
  reception: { citizenReception: CitizenReceptionService; visits: VisitService };
  calendar: { calendar: CalendarService };
  boardMatters: { boardMatters: BoardMatterService };
  dashboard: { dashboard: DashboardService; counters: CounterRebuildService };
  inbox: { inbox: InboxService };
  evaluations: { evaluations: EvaluationService; evaluationYear: EvaluationYearService };
}

export type FeatureName = keyof FeatureServices;

/** Each feature's module, imported on first use (each is a chunk of its own in a Lambda bundle). */
export const FEATURE_LOADERS: { readonly [N in FeatureName]: () => Promise<{ readonly feature: FeatureDefinition<N> }> } = {
  assignments: () => import('./assignments.js'),
  files: () => import('./files.js'),
  audit: () => import('./audit.js'),
  meetings: () => import('./meetings.js'),
  documents: () => import('./documents.js'),
  eoffice: () => import('./eoffice.js'),
  notifications: () => import('./notifications.js'),
  reports: () => import('./reports.js'),
  reminders: () => import('./reminders.js'),
  organisationAdmin: () => import('./organisation-admin.js'),
  leave: () => import('./leave.js'),
  compliance: () => import('./compliance.js'),
  outgoingDocuments: () => import('./outgoing-documents.js'),
  finance: () => import('./finance.js'),
  reception: () => import('./reception.js'),
  calendar: () => import('./calendar.js'),
  boardMatters: () => import('./board-matters.js'),
  dashboard: () => import('./dashboard.js'),
  inbox: () => import('./inbox.js'),
  evaluations: () => import('./evaluations.js'),
};

/** Which feature serves each name of `deps.services` (organisations, the core, is always there). */
export const SERVICE_FEATURES = {
  assignments: 'assignments',
  delegations: 'assignments',
  files: 'files',
  audit: 'audit',
  meetings: 'meetings',
  meetingPreparations: 'meetings',
  documents: 'documents',
  eoffice: 'eoffice',
  notifications: 'notifications',
  reports: 'reports',
  plans: 'reports',
  missions: 'reports',
  reportReminders: 'reminders',
  organisationAdmin: 'organisationAdmin',
  leave: 'leave',
  overtime: 'leave',
  compliance: 'compliance',
  outgoingDocuments: 'outgoingDocuments',
  finance: 'finance',
  citizenReception: 'reception',
  visits: 'reception',
  calendar: 'calendar',
  boardMatters: 'boardMatters',
  dashboard: 'dashboard',
  counters: 'dashboard',
  inbox: 'inbox',
  evaluations: 'evaluations',
  evaluationYear: 'evaluations',
} as const satisfies Record<string, FeatureName>;

export type ServiceName = keyof typeof SERVICE_FEATURES;
