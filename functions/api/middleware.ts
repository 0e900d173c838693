import type { MiddlewareHandler } from 'hono';
import { ulid } from 'ulidx';
import { parseInstant } from '../../shared/domain/local-time.js';
import { UnauthenticatedError, ValidationError } from '../../shared/domain/errors.js';
import type { AppDeps, AppEnv } from './context.js';
import { scopeOf } from '../../shared/store/org-version.js';
import { acceptsHtml, endSession, isPagePath, readSession, signInPath } from './session.js';
import { CSRF_FIELD, csrfTokenMatches, sameOrigin } from './forms/csrf.js';

/** A request id on every request and response, and one structured log line per request. */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : ulid();
    c.set('requestId', requestId);
    c.set('logger', deps.logger);
    // Taken from the request as the dispatcher passed it, before the body limit wraps it in another.
    c.set('scope', scopeOf(c.req.raw));
    const started = performance.now();
    await next();
    c.res.headers.set('x-request-id', requestId);
    deps.logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
      staffId: c.get('actor')?.staffId,
    });
  };
}

/** The business "now": the clock, or in local/test mode the `X-Clock` header. */
export function businessClock(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = deps.local ? c.req.header('x-clock') : undefined;
    if (header !== undefined) {
      const at = parseInstant(header);
      if (!at) {
        throw new ValidationError('X-Clock must be an ISO 8601 timestamp with an offset.', [
          { path: 'header.x-clock', message: 'Expected e.g. 2026-11-26T09:00:00+07:00' },
        ]);
      }
      c.set('now', at);
    } else {
      c.set('now', deps.clock());
    }
    await next();
  };
}

/**
 * Bearer token → the staff member in the records. Never uses X-Clock: expiry is real time.
 * Page routes also take the session cookie (functions/api/session.ts): on GET alone; on any
 * other method only from this site and with the session's CSRF token in the form's `_csrf`
 * field (functions/api/forms/csrf.ts), checked after the token and before any handler runs.
 * A browser with no valid session is sent to sign in and back.
 */
export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const page = isPagePath(c.req.path);
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD';
    const cookie = !match && page ? readSession(c) : undefined;
    const token = match?.[1] ?? cookie;
    const toSignIn = () => c.redirect(signInPath(safe ? `${c.req.path}${new URL(c.req.url).search}` : c.req.path), 303);
    if (!token) {
      if (page && acceptsHtml(c)) return toSignIn();
      throw new UnauthenticatedError('Send a bearer token in the Authorization header.');
    }
    // A cross-site form is refused before anything else is read.
    // The refusal page's views are loaded only to refuse (an API cold start never reads them).
    if (cookie !== undefined && !safe && !sameOrigin(c)) return (await import('./forms/refusal.js')).refusedPage(c, 'origin');
    try {
      const identity = await deps.tokens.verify(token);
      c.set('actor', await deps.organisations.resolveActor(identity, c.get('scope')));
    } catch (error) {
      if (cookie !== undefined && error instanceof UnauthenticatedError && acceptsHtml(c)) {
        endSession(c, deps);
        return toSignIn();
      }
      throw error;
    }
    if (cookie !== undefined && !safe) {
      const form = await c.req.parseBody({ all: true });
      if (!csrfTokenMatches(cookie, form[CSRF_FIELD])) return (await import('./forms/refusal.js')).refusedPage(c, 'csrf');
    }
    await next();
  };
}
