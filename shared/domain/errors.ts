/**
 * Domain errors. Each names what went wrong in terms a person can act on; the API maps them to
 * RFC 9457 problem responses in one place (functions/api/problem.ts).
 */
export interface FieldIssue {
  /** Where the problem is, e.g. `body.dueDate` or `query.period` or `header.If-Match`. */
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed or breaks a rule about its own fields. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** No valid credentials were presented. */
export class UnauthenticatedError extends DomainError {}

/** The caller is known but lacks the authority (DOMAIN.md lines of authority). */
export class ForbiddenError extends DomainError {
  constructor(
    message: string,
    readonly rule?: string,
    /** The fields that name who may not act (an e-office call's `body.actorId`). */
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** The thing does not exist, or the caller may not learn that it exists. */
export class NotFoundError extends DomainError {}

/**
 * The request conflicts with the current state (e.g. completing a cancelled assignment). `issues`
 * names the fields that clash (a delegation's dates with another's); `vi` is the same sentence in
 * Vietnamese, for pages and `Accept-Language: vi`.
 */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    readonly vi?: string,
  ) {
    super(message);
  }
}

/** `If-Match` named a version that is no longer current. */
export class PreconditionFailedError extends DomainError {
  constructor(
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}

/** Well-formed input that cannot be processed, e.g. an idempotency key reused with another body. */
export class UnprocessableError extends DomainError {
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** A dependency (DynamoDB) is unavailable; the caller should retry later. */
export class UnavailableError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}
