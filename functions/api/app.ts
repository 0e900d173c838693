import { Hono, type MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import { secureHeaders } from 'hono/secure-headers';
import { mergePath } from 'hono/utils/url';
import { RequestScope, scoped } from '../../shared/store/org-version.js';
import { limitBody } from './body-limit.js';
import type { AppDeps, AppEnv } from './context.js';
import { authenticate, businessClock, requestContext } from './middleware.js';
import { handleError, problemResponse } from './problem.js';
import { ROUTE_GROUPS, servesMethod, under, type RouteGroup } from './route-groups.js';
import { createRouter } from './router.js';
import { HOME_PATH, isPagePath } from './session.js';

/** Routes under /v1 that carry no bearer token: the contract itself, and the signed e-office calls. */
const PUBLIC_V1_PATHS = [
  /^\/v1\/openapi\.json$/,
  /^\/v1\/integrations\//,
  // A calendar subscription: the token in the URL is the credential (issue #13).
  /^\/v1\/calendar\/feeds\/[^/]+\/calendar\.ics$/,
];

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** A request that authentication will check (a bearer token under /v1, a page's session cookie): the prefetch's reads are its own. */
const carriesCredentials = (path: string, authorization: string | undefined, cookie: string | undefined) =>
  path.startsWith('/v1/') ? authorization !== undefined && !PUBLIC_V1_PATHS.some((p) => p.test(path)) : isPagePath(path) && (authorization ?? cookie) !== undefined;

/** What runs around every route, in this order, whichever group serves it; built once per app. */
function middlewareOf(deps: AppDeps): MiddlewareHandler<AppEnv>[] {
  const auth = authenticate(deps);
  return [
    requestContext(deps),
    // What the app answers is someone's records: no shared cache or back-forward store keeps it, unless a route says otherwise.
    async (c, next) => {
      await next();
      if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'private, no-store');
    },
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
    }) as MiddlewareHandler<AppEnv>,
    limitBody(deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, (c) =>
      problemResponse(c, 413, `The request body is larger than ${deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes.`),
    ),
    businessClock(deps),
    async (c, next) => {
      if (!c.req.path.startsWith('/v1/')) return next();
      if (PUBLIC_V1_PATHS.some((p) => p.test(c.req.path))) return next();
      return auth(c, next);
    },
  ];
}

type ResponseCheck = (app: ReturnType<typeof createRouter>) => MiddlewareHandler<AppEnv>;
const responseCheckOf = (mode: 'fail' | 'log'): Promise<ResponseCheck> =>
  import('./response-validation.js').then((m) => (app) => m.validateResponses(app, mode));

/**
 * The app of some route groups: every middleware, the groups in their order, and the one answer
 * for a path no route serves (405 with Allow when another method would be served, else 404).
 */
async function appOf(
  middleware: readonly MiddlewareHandler<AppEnv>[],
  groups: readonly RouteGroup[],
  routerOf: (g: RouteGroup) => Promise<Hono<AppEnv, any, any>>,
  responseCheck: Promise<ResponseCheck | undefined>,
  /** Groups under the same paths that serve other methods: loaded only to name them in a 405's Allow. */
  otherMethods: readonly RouteGroup[] = [],
) {
  const app = createRouter();
  for (const m of middleware) app.use('*', m);
  const check = await responseCheck;
  if (check) app.use('*', check(app));
  const routers = await Promise.all(groups.map(routerOf));
  groups.forEach((g, i) => app.route(g.base, routers[i]!));
  app.get('/', (c) => c.redirect(HOME_PATH));
  const patterns = (routes: readonly { method: string; path: string }[], base = '/') =>
    routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, pattern: new RegExp(`^${mergePath(base, r.path).replace(/:[^/]+/g, '[^/]+')}/?$`) }));
  const routes = async () => [
    ...patterns(app.routes),
    ...(await Promise.all(otherMethods.map(async (g) => patterns((await routerOf(g)).routes, g.base)))).flat(),
  ];
  app.notFound(async (c) => {
    const allowed = [...new Set((await routes()).filter((r) => r.pattern.test(c.req.path)).map((r) => r.method))];
    if (allowed.length > 0) {
      return problemResponse(c, 405, `${c.req.method} is not allowed on ${c.req.path}.`, {}, { allow: allowed.join(', ') });
    }
    return problemResponse(c, 404, `There is no resource at ${c.req.path}.`);
  });
  app.onError(handleError);
  return app;
}

/**
 * Builds the one app that both the Lambda handler and the local server run. A request goes to
 * the app of the route groups whose paths hold it and that serve its method
 * (functions/api/route-groups.ts), built on the first request there: no route of another group can
 * match its path and method, so it is answered as one app of every group would answer it (a 405
 * names the methods of the groups left out), while a cold start loads only the groups it serves.
 */
export function buildApp(deps: AppDeps, allGroups: readonly RouteGroup[] = ROUTE_GROUPS) {
  const middleware = middlewareOf(deps);
  // A route added to the returned app would never be reached: add a group instead (the bench's bare route does).
  const groups = allGroups.filter((g) => !g.localOnly || deps.local);
  // Local mode and tests check every JSON answer against the document; the Lambda never loads the checker.
  const checkMode = deps.local ? (deps.local.responseValidation ?? 'fail') : 'off';
  const responseCheck = checkMode === 'off' ? Promise.resolve(undefined) : responseCheckOf(checkMode);
  // Each group's router is built once, whichever apps mount it; a failed import is not remembered: the next request tries again.
  const routers = new Map<RouteGroup, Promise<ReturnType<Awaited<ReturnType<RouteGroup['load']>>>>>();
  const routerOf = (g: RouteGroup) => {
    let router = routers.get(g);
    if (!router) {
      // The group's code and its features' services (shared/features/) load together, on its first request.
      router = Promise.all([g.load(), deps.services.load(g.features ?? [])]).then(([routes]) => routes(deps));
      router.catch(() => routers.delete(g));
      routers.set(g, router);
    }
    return router;
  };
  const apps = new Map<string, ReturnType<typeof appOf>>();
  const appFor = (selected: readonly RouteGroup[], otherMethods: readonly RouteGroup[] = []) => {
    const key = `${selected.map((g) => groups.indexOf(g)).join(',')}|${otherMethods.map((g) => groups.indexOf(g)).join(',')}`;
    let app = apps.get(key);
    if (!app) {
      app = appOf(middleware, selected, routerOf, responseCheck, otherMethods);
      // A failed import is not remembered: the next request tries again.
      app.catch(() => apps.delete(key));
      apps.set(key, app);
    }
    return app;
  };
  let prefetched = false;
  const dispatcher = new Hono();
  // The request's scope: one revalidation of the organisation snapshot however many services use it
  // (issue #20). Made here, so that what the prefetch reads counts for this request; authentication
  // finds it on the request and the actor carries it (org-version.ts). A GET or HEAD changes no
  // record, so it keeps what it read: a page's frame and body read each thing once; and in a warm
  // process it is answered with the snapshot held while the version item is read, the answer given
  // only if that snapshot was current, else made again with the records as they are (a download's
  // audit event waits for the same check: confirmBeforeWriting).
  dispatcher.all('*', async (c) => {
    const scope = new RequestScope(c.req.method === 'GET' || c.req.method === 'HEAD');
    scoped(c.req.raw, scope);
    if (!prefetched && deps.prefetch && carriesCredentials(c.req.path, c.req.header('authorization'), c.req.header('cookie'))) {
      prefetched = true;
      // Nothing is answered from it: authentication still verifies the token and reads the records (sharing these reads).
      deps.prefetch(scope).catch(() => {});
    }
    const holding = groups.filter((g) => g.paths.some((p) => under(c.req.path, p)));
    const serving = holding.filter((g) => servesMethod(g, c.req.method));
    const app = await appFor(serving, holding.filter((g) => !serving.includes(g)));
    let executionCtx;
    try {
      executionCtx = c.executionCtx;
    } catch {
      // None outside a worker runtime (Lambda, Node).
    }
    const answer = await app.fetch(c.req.raw, c.env, executionCtx);
    if (await scope.heldWasCurrent()) return answer;
    await answer.body?.cancel().catch(() => undefined);
    deps.logger.info('Answered again: the organisation snapshot it was first answered with was not confirmed current', { method: c.req.method, path: c.req.path });
    scoped(c.req.raw, scope.again());
    return app.fetch(c.req.raw, c.env, executionCtx);
  });
  // Only a group that fails to load gets here (every other error is answered inside its app).
  dispatcher.onError((error, c) => {
    deps.logger.error('A route group failed to load', { path: c.req.path, error: error as Error });
    return problemResponse(c as never, 500, 'Something went wrong on our side.');
  });
  return Object.assign(dispatcher, {
    /** Every route of every group, as one app of them all has them (loads every group). */
    allRoutes: async (): Promise<RouterRoute[]> => (await appFor(groups)).routes,
  });
}

export type TrackerApp = ReturnType<typeof buildApp>;
export type { AppEnv };
