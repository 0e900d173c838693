/**
 * Every route group of the API and the pages, and where it is mounted. A group's module (its
 * routes, schemas and views) is imported on the first request under one of its paths, so a cold
 * start answering `GET /v1/assignments` loads the assignment routes alone (issue #20).
 *
 * To add a group: one line below, in the place its routes should take among the others (order
 * decides only between routes of the same path), with the features whose services its routes use
 * (`deps.services.x` of a feature not listed throws, and the tests of its routes fail). `paths` are the path prefixes, whole segments,
 * under which every one of its routes lies, base included; a new route under a path no group
 * lists is never reached. test/unit/route-groups.test.ts fails when a route lies outside its
 * group's paths.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import type { FeatureName } from '../../shared/features/catalogue.js';
import type { AppDeps, AppEnv } from './context.js';

// `any`: each group's router carries its own route types.
export type GroupRoutes = (deps: AppDeps) => Hono<AppEnv, any, any>;

export interface RouteGroup {
  /** Where the group's router is mounted: its route paths are relative to this. */
  readonly base: '/' | '/v1' | '/dev';
  /** Path prefixes (whole segments, no parameters) that together hold every route of the group. */
  readonly paths: readonly string[];
  /**
   * The methods of all its routes, for a group that shares its paths with another of other methods:
   * a request of another method does not load it (HEAD counts as GET). None: every method.
   */
  readonly methods?: readonly ('GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE')[];
  /** The features (shared/features/) whose services its routes use: loaded with the group, before its first request runs. */
  readonly features?: readonly FeatureName[];
  readonly load: () => Promise<GroupRoutes>;
  /** Mounted only in local/test mode (`deps.local`), never in AWS. */
  readonly localOnly?: true;
}

/** Every page's frame counts what awaits the viewer's decision (functions/api/forms/action.ts); a decision page's frame also names people (the dashboard's directory). */
const PAGES = ['inbox', 'dashboard'] as const;

export const ROUTE_GROUPS: readonly RouteGroup[] = [
  { base: '/v1', paths: ['/v1/org'], features: [], load: () => import('./routes/organisation.js').then((m) => m.organisationRoutes) },
  { base: '/v1', paths: ['/v1/admin', '/v1/rulebook'], features: ['organisationAdmin'], load: () => import('./routes/organisation-admin.js').then((m) => m.organisationAdminRoutes) },
  // Read and changed apart: a cold start answering "Việc của tôi" builds none of the changes' request schemas (issue #20).
  { base: '/v1', paths: ['/v1/assignments'], methods: ['GET'], features: ['assignments'], load: () => import('./routes/assignments.js').then((m) => m.assignmentRoutes) },
  { base: '/v1', paths: ['/v1/assignments'], methods: ['POST'], features: ['assignments'], load: () => import('./routes/assignment-changes.js').then((m) => m.assignmentChangeRoutes) },
  { base: '/v1', paths: ['/v1/audit'], features: ['audit'], load: () => import('./routes/audit.js').then((m) => m.auditRoutes) },
  { base: '/v1', paths: ['/v1/delegations'], features: ['assignments'], load: () => import('./routes/delegations.js').then((m) => m.delegationRoutes) },
  { base: '/v1', paths: ['/v1/reports'], features: ['reports'], load: () => import('./routes/reports.js').then((m) => m.reportRoutes) },
  { base: '/v1', paths: ['/v1/plans'], features: ['reports'], load: () => import('./routes/plans.js').then((m) => m.planRoutes) },
  { base: '/v1', paths: ['/v1/missions'], features: ['reports'], load: () => import('./routes/missions.js').then((m) => m.missionRoutes) },
  { base: '/v1', paths: ['/v1/notifications'], features: ['notifications'], load: () => import('./routes/notifications.js').then((m) => m.notificationRoutes) },
  { base: '/v1', paths: ['/v1/integrations'], features: ['documents', 'files', 'outgoingDocuments'], load: () => import('./routes/integrations.js').then((m) => m.integrationRoutes) },
  { base: '/v1', paths: ['/v1/documents'], features: ['documents'], load: () => import('./routes/documents.js').then((m) => m.documentRoutes) },
  { base: '/v1', paths: ['/v1/outgoing-documents'], features: ['outgoingDocuments'], load: () => import('./routes/outgoing-documents.js').then((m) => m.outgoingDocumentRoutes) },
  { base: '/v1', paths: ['/v1/admin/eoffice'], features: ['eoffice'], load: () => import('./routes/eoffice-admin.js').then((m) => m.eofficeAdminRoutes) },
  { base: '/v1', paths: ['/v1/meetings'], features: ['meetings', 'inbox'], load: () => import('./routes/meetings.js').then((m) => m.meetingRoutes) },
  { base: '/v1', paths: ['/v1/leave-requests', '/v1/leave-balances', '/v1/requests-to-delegate'], features: ['leave'], load: () => import('./routes/leave.js').then((m) => m.leaveRoutes) },
  { base: '/v1', paths: ['/v1/absences'], features: ['leave'], load: () => import('./routes/absences.js').then((m) => m.absenceRoutes) },
  { base: '/v1', paths: ['/v1/overtime'], features: ['leave'], load: () => import('./routes/overtime.js').then((m) => m.overtimeRoutes) },
  { base: '/v1', paths: ['/v1/finance'], features: ['finance'], load: () => import('./routes/finance.js').then((m) => m.financeRoutes) },
  { base: '/v1', paths: ['/v1/findings'], features: ['compliance'], load: () => import('./routes/findings.js').then((m) => m.findingRoutes) },
  { base: '/v1', paths: ['/v1/checks'], features: ['compliance'], load: () => import('./routes/checks.js').then((m) => m.checkRoutes) },
  { base: '/v1', paths: ['/v1/dashboard'], features: ['dashboard'], load: () => import('./routes/dashboard.js').then((m) => m.dashboardRoutes) },
  { base: '/v1', paths: ['/v1/reception-schedules'], features: ['reception'], load: () => import('./routes/citizen-reception.js').then((m) => m.citizenReceptionRoutes) },
  { base: '/v1', paths: ['/v1/visits'], features: ['reception'], load: () => import('./routes/visits.js').then((m) => m.visitRoutes) },
  { base: '/v1', paths: ['/v1/board-matters'], features: ['boardMatters'], load: () => import('./routes/board-matters.js').then((m) => m.boardMatterRoutes) },
  { base: '/v1', paths: ['/v1/calendar', '/v1/calendar.ics'], features: ['calendar'], load: () => import('./routes/calendar.js').then((m) => m.calendarRoutes) },
  { base: '/v1', paths: ['/v1/evaluations'], features: ['evaluations'], load: () => import('./routes/evaluations.js').then((m) => m.evaluationRoutes) },
  { base: '/v1', paths: ['/v1/evaluations/units', '/v1/evaluations/emulation'], features: ['evaluations'], load: () => import('./routes/evaluation-year.js').then((m) => m.evaluationYearRoutes) },
  { base: '/v1', paths: ['/v1/uploads', '/v1/files'], features: ['files'], load: () => import('./routes/files.js').then((m) => m.fileRoutes) },
  { base: '/', paths: ['/meetings'], features: ['meetings', 'inbox'], load: () => import('./routes/meetings.js').then((m) => m.meetingPageRoutes) },
  // The dashboard's pages and their sign-in (issue #8): session cookie, dev sign-in locally, hosted UI in AWS.
  { base: '/', paths: ['/dashboard'], features: ['assignments', 'dashboard', 'inbox'], load: () => import('./routes/dashboard-pages.js').then((m) => m.dashboardPageRoutes) },
  { base: '/', paths: ['/auth', '/dev/sign-in'], features: ['dashboard'], load: () => import('./routes/auth.js').then((m) => m.authRoutes) },
  { base: '/', paths: ['/calendar'], features: ['calendar', 'inbox'], load: () => import('./routes/calendar.js').then((m) => m.calendarPageRoutes) },
  // The workspace (issue #16): "Việc của tôi" and the assignment pages with their forms.
  { base: '/', paths: ['/my-work', '/assignments', '/assets/forms.js'], features: ['assignments', 'dashboard', 'files', 'outgoingDocuments', 'reports', ...PAGES], load: () => import('./routes/workspace-pages.js').then((m) => m.workspacePageRoutes) },
  // The decision pages (issue #16, W2): Chờ quyết định, reports, leave, findings, finance, meeting forms.
  { base: '/', paths: ['/decisions'], features: ['reception', 'dashboard', ...PAGES], load: () => import('./routes/decision-pages.js').then((m) => m.decisionPageRoutes) },
  { base: '/', paths: ['/findings'], features: ['compliance', ...PAGES], load: () => import('./routes/finding-pages.js').then((m) => m.findingPageRoutes) },
  { base: '/', paths: ['/finance'], features: ['files', 'finance', ...PAGES], load: () => import('./routes/finance-pages.js').then((m) => m.financePageRoutes) },
  { base: '/', paths: ['/reports'], features: ['boardMatters', 'files', 'reports', ...PAGES], load: () => import('./routes/report-pages.js').then((m) => m.reportPageRoutes) },
  { base: '/', paths: ['/leave'], features: ['assignments', 'files', 'leave', ...PAGES], load: () => import('./routes/leave-pages.js').then((m) => m.leavePageRoutes) },
  { base: '/', paths: ['/outgoing'], features: ['outgoingDocuments', ...PAGES], load: () => import('./routes/outgoing-document-pages.js').then((m) => m.outgoingDocumentPageRoutes) },
  { base: '/', paths: ['/meetings'], features: ['files', 'meetings', ...PAGES], load: () => import('./routes/meeting-form-pages.js').then((m) => m.meetingFormRoutes) },
  { base: '/', paths: ['/board-matters'], features: ['boardMatters', ...PAGES], load: () => import('./routes/board-matter-pages.js').then((m) => m.boardMatterPageRoutes) },
  // The evaluation cycle's pages (issue #23, E1–E6): the list of a period, a person's dossier and the step forms.
  { base: '/', paths: ['/evaluations'], features: ['evaluations', ...PAGES], load: () => import('./routes/evaluation-pages.js').then((m) => m.evaluationPageRoutes) },
  { base: '/', paths: ['/my-work/report-back'], features: ['assignments', ...PAGES], load: () => import('./routes/report-back-pages.js').then((m) => m.reportBackPageRoutes) },
  // The year-end of the evaluation cycle (issue #23, Điều 24): unit ratings and the emulation list, with their files.
  { base: '/', paths: ['/evaluations/year'], features: ['evaluations', ...PAGES], load: () => import('./routes/evaluation-year-pages.js').then((m) => m.evaluationYearPageRoutes) },
  // Evidence files for the pages (issue #22): the upload the forms script asks for, and downloads.
  { base: '/', paths: ['/files'], features: ['files', ...PAGES], load: () => import('./routes/file-pages.js').then((m) => m.filePageRoutes) },
  { base: '/dev', paths: ['/dev/staff', '/dev/token'], localOnly: true, features: [], load: () => import('./routes/dev.js').then((m) => m.devRoutes as GroupRoutes) },
  // The contract (/v1/openapi.json, built from every group above on its first request) and its reference page.
  { base: '/', paths: ['/v1/openapi.json', '/docs'], features: [], load: () => import('./routes/reference.js').then((m) => m.referenceRoutes) },
  { base: '/', paths: ['/assets/app.css', '/assets/docs.css', '/assets/docs.js'], features: [], load: () => import('./routes/assets.js').then((m) => m.assetRoutes) },
];

/** Whether `path` lies under `prefix`, a whole number of segments. */
export const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** Whether a group may hold a route for a request of `method`. */
export const servesMethod = (group: RouteGroup, method: string) => !group.methods || group.methods.includes((method === 'HEAD' ? 'GET' : method) as never);

/** The groups this deployment mounts (no local-only group in AWS). */
export const groupsFor = (deps: AppDeps) => ROUTE_GROUPS.filter((g) => !g.localOnly || deps.local);

/** Mounts `groups` on `app` in their order, each loaded and built once per call. */
export async function mountGroups(app: OpenAPIHono<AppEnv>, groups: readonly RouteGroup[], deps: AppDeps): Promise<void> {
  const [factories] = await Promise.all([Promise.all(groups.map((g) => g.load())), deps.services.load(groups.flatMap((g) => g.features ?? []))]);
  groups.forEach((g, i) => app.route(g.base, factories[i]!(deps)));
}
