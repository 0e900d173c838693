import { fileRoutes } from './routes/files.js';
import { filePageRoutes } from './routes/file-pages.js';
import { secureHeaders } from 'hono/secure-headers';
import { withRequestScope } from '../../shared/store/org-version.js';
import { limitBody } from './body-limit.js';
import type { AppDeps, AppEnv } from './context.js';
import { authenticate, businessClock, requestContext } from './middleware.js';
import { handleError, problemResponse } from './problem.js';
import { createRouter } from './router.js';
import { assignmentRoutes } from './routes/assignments.js';
import { auditRoutes } from './routes/audit.js';
import { delegationRoutes } from './routes/delegations.js';
import { devRoutes } from './routes/dev.js';
import { documentRoutes } from './routes/documents.js';
import { outgoingDocumentRoutes } from './routes/outgoing-documents.js';
import { eofficeAdminRoutes } from './routes/eoffice-admin.js';
import { integrationRoutes } from './routes/integrations.js';
import { meetingPageRoutes, meetingRoutes } from './routes/meetings.js';
import { organisationRoutes } from './routes/organisation.js';
import { missionRoutes } from './routes/missions.js';
import { notificationRoutes } from './routes/notifications.js';
import { planRoutes } from './routes/plans.js';
import { reportRoutes } from './routes/reports.js';
import { organisationAdminRoutes } from './routes/organisation-admin.js';
import { absenceRoutes } from './routes/absences.js';
import { leaveRoutes } from './routes/leave.js';
import { overtimeRoutes } from './routes/overtime.js';
import { checkRoutes } from './routes/checks.js';
import { financeRoutes } from './routes/finance.js';
import { findingRoutes } from './routes/findings.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { dashboardPageRoutes } from './routes/dashboard-pages.js';
import { authRoutes } from './routes/auth.js';
import { calendarPageRoutes, calendarRoutes } from './routes/calendar.js';
import { citizenReceptionRoutes } from './routes/citizen-reception.js';
import { visitRoutes } from './routes/visits.js';
import { boardMatterRoutes } from './routes/board-matters.js';
import { workspacePageRoutes } from './routes/workspace-pages.js';
import { appCss } from './views/app.css.js';
import { DocsPage } from './views/docs.js';
import { docsCss, docsJs } from './views/docs-assets.js';
import { pageLanguage } from './views/meeting-page.js';
import { decisionPageRoutes } from './routes/decision-pages.js';
import { boardMatterPageRoutes } from './routes/board-matter-pages.js';
import { findingPageRoutes } from './routes/finding-pages.js';
import { reportBackPageRoutes } from './routes/report-back-pages.js';
import { financePageRoutes } from './routes/finance-pages.js';
import { reportPageRoutes } from './routes/report-pages.js';
import { leavePageRoutes } from './routes/leave-pages.js';
import { outgoingDocumentPageRoutes } from './routes/outgoing-document-pages.js';
import { meetingFormRoutes } from './routes/meeting-form-pages.js';
import { HOME_PATH } from './session.js';

export const API_TITLE = 'Quy chế làm việc tracker API';
export const API_VERSION = '1.0.0';

/** Routes under /v1 that carry no bearer token: the contract itself, and the signed e-office calls. */
const PUBLIC_V1_PATHS = [
  /^\/v1\/openapi\.json$/,
  /^\/v1\/integrations\//,
  // A calendar subscription: the token in the URL is the credential (issue #13).
  /^\/v1\/calendar\/feeds\/[^/]+\/calendar\.ics$/,
];

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** Builds the one Hono app that both the Lambda handler and the local server run. */
export function buildApp(deps: AppDeps) {
  const app = createRouter();

  app.use('*', requestContext(deps));
  // One revalidation of the organisation snapshot per request, however many services use it (issue #20).
  app.use('*', (c, next) => withRequestScope(next));
  // What the app answers is someone's records: no shared cache or back-forward store keeps it, unless a route says otherwise.
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'private, no-store');
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // The pages' file uploads PUT straight to the bucket (issue #22): its origin, from configuration.
        connectSrc: ["'self'", ...(deps.filesOrigin ? [deps.filesOrigin] : [])],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      strictTransportSecurity: 'max-age=63072000; includeSubDomains',
      referrerPolicy: 'no-referrer',
      // The pages use no device or payment feature; nothing embedded may ask for one.
      permissionsPolicy: { camera: false, microphone: false, geolocation: false, payment: false, usb: false },
    }),
  );
  app.use(
    '*',
    limitBody(deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, (c) =>
      problemResponse(c, 413, `The request body is larger than ${deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes.`),
    ),
  );
  app.use('*', businessClock(deps));
  const auth = authenticate(deps);
  app.use('/v1/*', async (c, next) => {
    if (PUBLIC_V1_PATHS.some((p) => p.test(c.req.path))) return next();
    return auth(c, next);
  });

  app.route('/v1', organisationRoutes(deps));
  app.route('/v1', organisationAdminRoutes(deps));
  app.route('/v1', assignmentRoutes(deps));
  app.route('/v1', auditRoutes(deps));
  app.route('/v1', delegationRoutes(deps));
  app.route('/v1', reportRoutes(deps));
  app.route('/v1', planRoutes(deps));
  app.route('/v1', missionRoutes(deps));
  app.route('/v1', notificationRoutes(deps));
  app.route('/v1', integrationRoutes(deps));
  app.route('/v1', documentRoutes(deps));
  app.route('/v1', outgoingDocumentRoutes(deps));
  app.route('/v1', eofficeAdminRoutes(deps));
  app.route('/v1', meetingRoutes(deps));
  app.route('/v1', leaveRoutes(deps));
  app.route('/v1', absenceRoutes(deps));
  app.route('/v1', overtimeRoutes(deps));
  app.route('/v1', financeRoutes(deps));
  app.route('/v1', findingRoutes(deps));
  app.route('/v1', checkRoutes(deps));
  app.route('/v1', dashboardRoutes(deps));
  app.route('/v1', citizenReceptionRoutes(deps));
  app.route('/v1', visitRoutes(deps));
  app.route('/v1', boardMatterRoutes(deps));
  app.route('/v1', calendarRoutes(deps));
  app.route('/v1', fileRoutes(deps));
  app.route('/', meetingPageRoutes(deps));
  // The dashboard's pages and their sign-in (issue #8): session cookie, dev sign-in locally, hosted UI in AWS.
  app.route('/', dashboardPageRoutes(deps));
  app.route('/', authRoutes(deps));
  app.route('/', calendarPageRoutes(deps));
  // The workspace (issue #16): "Việc của tôi" and the assignment pages with their forms.
  app.route('/', workspacePageRoutes(deps));
  // The decision pages (issue #16, W2): Chờ quyết định, reports, leave, findings, finance, meeting forms.
  app.route('/', decisionPageRoutes(deps));
  app.route('/', findingPageRoutes(deps));
  app.route('/', financePageRoutes(deps));
  app.route('/', reportPageRoutes(deps));
  app.route('/', leavePageRoutes(deps));
  app.route('/', outgoingDocumentPageRoutes(deps));
  app.route('/', meetingFormRoutes(deps));
  app.route('/', boardMatterPageRoutes(deps));
  app.route('/', reportBackPageRoutes(deps));
  // Evidence files for the pages (issue #22): the upload the forms script asks for, and downloads.
  app.route('/', filePageRoutes(deps));
  if (deps.local) app.route('/dev', devRoutes({ ...deps, local: deps.local }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito (or the province’s OIDC provider) in AWS; POST /dev/token in local mode.',
  });
  const openApiConfig = {
    openapi: '3.1.0',
    info: {
      title: API_TITLE,
      version: API_VERSION,
      description:
        'Assignments, reports, meetings and compliance findings under the working regulation of a Vietnamese provincial department. Errors are RFC 9457 problem+json.',
    },
  };
  app.doc31('/v1/openapi.json', openApiConfig);
  // The API reference: server-rendered from the document, Vietnamese first (?lang=en), its script and style from /assets.
  // Rendered once per language on first request (about 1 MB, the same for everyone), never at cold start.
  const docsHtml = new Map<string, string>();
  app.get('/docs', async (c) => {
    const lang = pageLanguage(c.req.query('lang'));
    let html = docsHtml.get(lang);
    if (html === undefined) {
      const doc = app.getOpenAPI31Document(openApiConfig) as never;
      html = String(await DocsPage({ doc, lang, url: lang === 'en' ? '/docs?lang=en' : '/docs' }));
      docsHtml.set(lang, html);
    }
    return c.html(html);
  });
  app.get('/assets/app.css', (c) =>
    c.body(appCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );
  app.get('/assets/docs.css', (c) =>
    c.body(docsCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );
  app.get('/assets/docs.js', (c) =>
    c.body(docsJs, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );
  app.get('/', (c) => c.redirect(HOME_PATH));

  const routes = () =>
    app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, pattern: new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}/?$`) }));
  app.notFound((c) => {
    const allowed = [...new Set(routes().filter((r) => r.pattern.test(c.req.path)).map((r) => r.method))];
    if (allowed.length > 0) {
      return problemResponse(c, 405, `${c.req.method} is not allowed on ${c.req.path}.`, {}, { allow: allowed.join(', ') });
    }
    return problemResponse(c, 404, `There is no resource at ${c.req.path}.`);
  });
  app.onError(handleError);
  return app;
}

export type TrackerApp = ReturnType<typeof buildApp>;
export type { AppEnv };
