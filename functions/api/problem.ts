import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnauthenticatedError,
  UnavailableError,
  UnprocessableError,
  ValidationError,
  type FieldIssue,
} from '../../shared/domain/errors.js';
import type { AppEnv } from './context.js';

/** RFC 9457 problem details, as API.md describes them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  500: ['internal', 'Internal server error'],
  503: ['unavailable', 'Service unavailable'],
};

export function problemBody(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  const [slug, title] = TITLES[status] ?? ['error', 'Error'];
  return { type: `urn:quy-che-tracker:problem:${slug}`, title, status, detail, ...extra };
}

export function problemResponse(
  c: Context<AppEnv>,
  status: number,
  detail: string,
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
): Response {
  const body = problemBody(status, detail, { instance: c.req.path, requestId: c.get('requestId'), ...extra });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

/** Every invalid field, with its place in the request: `body.dueDate`, `query.limit`, `header.if-match`. */
export function zodIssues(error: ZodError, target: string): FieldIssue[] {
  const prefix = target === 'json' || target === 'form' ? 'body' : target === 'param' ? 'path' : target;
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export function validationProblem(c: Context<AppEnv>, issues: FieldIssue[]): Response {
  const fields = [...new Set(issues.map((i) => i.path))].join(', ');
  return problemResponse(c, 400, `The request has invalid fields: ${fields}.`, { errors: issues });
}

/** The one error mapper: domain errors to their status; anything unexpected to a bare 500. */
export function handleError(error: unknown, c: Context<AppEnv>): Response {
  if (error instanceof ValidationError) {
    return problemResponse(c, 400, error.message, error.issues.length ? { errors: [...error.issues] } : {});
  }
  if (error instanceof UnauthenticatedError) {
    return problemResponse(c, 401, error.message, {}, { 'www-authenticate': 'Bearer' });
  }
  if (error instanceof ForbiddenError) {
    return problemResponse(c, 403, error.message, error.rule ? { rule: error.rule } : {});
  }
  if (error instanceof NotFoundError) return problemResponse(c, 404, error.message);
  if (error instanceof ConflictError) return problemResponse(c, 409, error.message);
  if (error instanceof PreconditionFailedError) {
    return problemResponse(c, 412, error.message, error.currentVersion === undefined ? {} : { currentVersion: error.currentVersion });
  }
  if (error instanceof UnprocessableError) {
    return problemResponse(c, 422, error.message, error.issues.length ? { errors: [...error.issues] } : {});
  }
  if (error instanceof UnavailableError) {
    return problemResponse(c, 503, error.message, {}, { 'retry-after': String(error.retryAfterSeconds) });
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status < 500) {
      const detail =
        status === 400 && /json/i.test(error.message)
          ? 'The request body is not valid JSON.'
          : status === 415
            ? 'Send the body as application/json.'
            : error.message || (TITLES[status]?.[1] ?? 'Error');
      return problemResponse(c, status, detail, status === 400 && /json/i.test(error.message) ? { errors: [{ path: 'body', message: 'Malformed JSON' }] } : {});
    }
  }
  c.get('logger')?.error('Unhandled error', { requestId: c.get('requestId'), error: error as Error });
  return problemResponse(c, 500, `Something went wrong on our side. Quote request id ${c.get('requestId')} when reporting it.`);
}
