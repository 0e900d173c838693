import type { MiddlewareHandler } from 'hono';
import { ulid } from 'ulidx';
import { parseInstant } from '../../shared/domain/local-time.js';
import { UnauthenticatedError, ValidationError } from '../../shared/domain/errors.js';
import type { AppDeps, AppEnv } from './context.js';

/** A request id on every request and response, and one structured log line per request. */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : ulid();
    c.set('requestId', requestId);
    c.set('logger', deps.logger);
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

/** Bearer token → the staff member in the records. Never uses X-Clock: expiry is real time. */
export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new UnauthenticatedError('Send a bearer token in the Authorization header.');
    const identity = await deps.tokens.verify(match[1]);
    c.set('actor', await deps.organisations.resolveActor(identity));
    await next();
  };
}
