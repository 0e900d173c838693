/**
 * Domain errors. Each names what went wrong in terms a person can act on, and carries the HTTP
 * status and RFC 9457 problem type the API answers with; the API maps every one of them in one
 * place (`handleError` in functions/api/problem.ts). A new error class extends `DomainError` (or
 * one of the classes below) and so can never escape as a 500: test/unit/errors.test.ts throws
 * every error class exported from shared/domain through that mapper.
 */
export interface FieldIssue {
  /** Where the problem is, e.g. `body.dueDate` or `query.period` or `header.If-Match`. */
  readonly path: string;
  readonly message: string;
}

/** The statuses a domain error answers with: the caller's to fix (4xx) or retry (503), never a 500. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 422 | 503;

/** The problem `type` of each status: one code per status, as API.md's problems have always had. */
const PROBLEM_SLUGS = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  412: 'precondition-failed',
  422: 'unprocessable',
  503: 'unavailable',
} as const satisfies Record<ErrorStatus, string>;

export const problemTypeOf = (slug: string): string => `urn:quy-che-tracker:problem:${slug}`;

/** What an error adds to its problem response beyond status, type and detail. */
export interface ProblemParts {
  /** Members after `type`, `title`, `status`, `detail`, `instance` and `requestId`, in this order. */
  readonly members: Record<string, unknown>;
  readonly headers: Record<string, string>;
  /** The detail in Vietnamese, when the error has its own sentence (not sent as a member). */
  readonly detailVi?: string;
}

const issuesMember = (issues: readonly FieldIssue[]) => (issues.length ? { errors: [...issues] } : {});

/** The root of every error the domain throws; never thrown itself. */
export abstract class DomainError extends Error {
  abstract readonly status: ErrorStatus;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /** RFC 9457 `type`, from the status. */
  get type(): string {
    return problemTypeOf(PROBLEM_SLUGS[this.status]);
  }

  /** Members and headers of the problem response; subclasses add theirs. */
  problem(): ProblemParts {
    return { members: {}, headers: {} };
  }
}

/** The input is malformed or breaks a rule about its own fields. */
export class ValidationError extends DomainError {
  readonly status = 400;

  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }

  override problem(): ProblemParts {
    return { members: issuesMember(this.issues), headers: {} };
  }
}

/** No valid credentials were presented. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;

  override problem(): ProblemParts {
    return { members: {}, headers: { 'www-authenticate': 'Bearer' } };
  }
}

/** The caller is known but lacks the authority (DOMAIN.md lines of authority). */
export class ForbiddenError extends DomainError {
  readonly status = 403;

  constructor(
    message: string,
    readonly rule?: string,
    /** The fields that name who may not act (an e-office call's `body.actorId`). */
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }

  override problem(): ProblemParts {
    return { members: { ...(this.rule ? { rule: this.rule } : {}), ...issuesMember(this.issues) }, headers: {} };
  }
}

/** The thing does not exist, or the caller may not learn that it exists. */
export class NotFoundError extends DomainError {
  readonly status = 404;
}

/**
 * The request conflicts with the current state (e.g. completing a cancelled assignment). `issues`
 * names the fields that clash (a delegation's dates with another's); `vi` is the same sentence in
 * Vietnamese, for pages and `Accept-Language: vi`.
 */
export class ConflictError extends DomainError {
  readonly status = 409;

  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    readonly vi?: string,
  ) {
    super(message);
  }

  override problem(): ProblemParts {
    return { members: issuesMember(this.issues), headers: {}, ...(this.vi ? { detailVi: this.vi } : {}) };
  }
}

/** `If-Match` named a version that is no longer current. */
export class PreconditionFailedError extends DomainError {
  readonly status = 412;

  constructor(
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
  }

  override problem(): ProblemParts {
    return { members: this.currentVersion === undefined ? {} : { currentVersion: this.currentVersion }, headers: {} };
  }
}

/** Well-formed input that cannot be processed, e.g. an idempotency key reused with another body. */
export class UnprocessableError extends DomainError {
  readonly status = 422;

  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }

  override problem(): ProblemParts {
    return { members: issuesMember(this.issues), headers: {} };
  }
}

/** A dependency (DynamoDB) is unavailable; the caller should retry later. */
export class UnavailableError extends DomainError {
  readonly status = 503;

  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }

  override problem(): ProblemParts {
    return { members: {}, headers: { 'retry-after': String(this.retryAfterSeconds) } };
  }
}

/**
 * The organisation's own data cannot answer the request: a working calendar with a day both a
 * holiday and a working day, a deadline rule that does not fit its period, a schedule the
 * scheduler cannot express. A 422 like a year the calendar does not cover: the request is sound,
 * the data it meets is not, and a 500 would say the code is at fault.
 */
export class DataRuleError extends DomainError {
  readonly status = 422;
}
