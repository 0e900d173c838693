/**
 * Local mode and tests only (issue #21): every JSON answer of a documented route is checked
 * against the response its OpenAPI definition declares for the status, so the document cannot
 * drift from what the code sends. Loaded by functions/api/app.ts only when `deps.local` is set:
 * the deployed Lambda never imports it.
 *
 * - `fail` (tests): a mismatch replaces the answer with a 500 problem whose `errors` name each
 *   mismatched place (`response.items.0.status`), so the test that got it fails.
 * - `log` (npm start): the answer goes out unchanged and the mismatch is logged as an error.
 *
 * A success status the route does not declare is a mismatch; an error status it does not declare
 * is checked against the Problem schema.
 */
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { ZodType } from 'zod';
import type { AppEnv } from './context.js';
import { problemResponse } from './problem.js';
import { ProblemSchema } from './schemas/common.js';

export type ResponseValidationMode = 'fail' | 'log';

export interface ResponseMismatch {
  readonly path: string;
  readonly message: string;
}

interface DeclaredResponse {
  readonly content?: Record<string, { schema?: unknown } | undefined>;
}

/**
 * An error a route does not list (a 503 when the table is unreachable, a 415 from the body
 * parser): every error of the API is a problem (API.md), so it is checked as one.
 */
const ANY_PROBLEM: DeclaredResponse = { content: { 'application/problem+json': { schema: ProblemSchema() } } };

/** `/v1/assignments/{id}` → `/v1/assignments/:id`, the path Hono matched. */
const honoPath = (openApiPath: string) => openApiPath.replaceAll(/\{([^}]+)\}/g, ':$1');

const mediaTypeOf = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');
const isZod = (x: unknown): x is ZodType => typeof x === 'object' && x !== null && typeof (x as ZodType).safeParse === 'function';

/**
 * What is wrong with `body`, sent with `status` and `mediaType`, as the answer of `route`; empty
 * when it matches. Exported for the unit test.
 */
export function responseMismatches(route: Pick<RouteConfig, 'responses'>, status: number, mediaType: string, body: unknown): ResponseMismatch[] {
  const responses = route.responses as Record<string, DeclaredResponse | undefined>;
  const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default ?? (status >= 400 ? ANY_PROBLEM : undefined);
  if (!declared) return [{ path: 'response', message: `status ${status} is not declared for this route` }];
  const content = declared.content ?? {};
  const entry = content[mediaType] ?? (isJson(mediaType) ? content['application/json'] : undefined);
  if (!entry) return [{ path: 'response', message: `${mediaType} is not declared for status ${status} (declared: ${Object.keys(content).join(', ') || 'no body'})` }];
  if (!isZod(entry.schema)) return [];
  const result = entry.schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: ['response', ...issue.path.map(String)].join('.'), message: issue.message }));
}

/**
 * The middleware, for the app whose routes it checks. It runs innermost (after authentication),
 * so it sees the answer of the route Hono chose: the route is found by the method and path of the
 * handler that answered, among the definitions the app's routers registered.
 */
export function validateResponses(app: OpenAPIHono<AppEnv>, mode: ResponseValidationMode): MiddlewareHandler<AppEnv> {
  let byRoute: Map<string, RouteConfig> | undefined;
  const definitionOf = (method: string, path: string) => {
    // Read once the routers are mounted: the first request comes after buildApp has mounted them all.
    byRoute ??= new Map(
      app.openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' ? [[`${d.route.method.toUpperCase()} ${honoPath(d.route.path)}`, d.route] as const] : [])),
    );
    return byRoute.get(`${method} ${path}`);
  };
  return async (c, next) => {
    await next();
    const answered = matchedRoutes(c)[c.req.routeIndex];
    if (!answered || answered.method === 'ALL') return;
    const route = definitionOf(answered.method === 'HEAD' ? 'GET' : answered.method, answered.path);
    if (!route) return;
    const mediaType = mediaTypeOf(c.res.headers.get('content-type'));
    if (!isJson(mediaType)) return;
    let body: unknown;
    try {
      body = await c.res.clone().json();
    } catch {
      body = undefined;
    }
    const mismatches = responseMismatches(route, c.res.status, mediaType, body);
    if (mismatches.length === 0) return;
    const where = `${route.method.toUpperCase()} ${route.path} → ${c.res.status}`;
    c.get('logger').error('The response does not match its OpenAPI schema', { requestId: c.get('requestId'), route: where, mismatches });
    if (mode === 'fail') {
      c.res = await problemResponse(c, 500, `The response of ${where} does not match its OpenAPI schema.`, { errors: mismatches });
    }
  };
}
