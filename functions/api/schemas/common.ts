import { z } from '@hono/zod-openapi';
import { isValidLocalDate } from '../../../shared/domain/local-time.js';

export const LocalizedTextSchema = z
  .object({ vi: z.string(), en: z.string() })
  .openapi('LocalizedText', { example: { vi: 'Văn phòng', en: 'Office' } });

/**
 * A schema built the first time it is asked for, then kept. A response's schema is read only by
 * the OpenAPI document and by local mode's response check, never by a deployed request, so a
 * route group's first request in a cold Lambda builds none of them (issue #20: the work list's
 * built about 6 ms of them). Request schemas stay plain: the route's validators need them at once.
 */
export function lazySchema<T extends z.ZodTypeAny>(build: () => T): () => T {
  let schema: T | undefined;
  return () => (schema ??= build());
}

/** A schema, or a {@link lazySchema} to build. */
export type SchemaOrLazy<T extends z.ZodTypeAny> = T | (() => T);
export const schemaOf = <T extends z.ZodTypeAny>(schema: SchemaOrLazy<T>): T => (typeof schema === 'function' ? schema() : schema);

export const ProblemSchema = lazySchema(() =>
  z
    .object({
      type: z.string(),
      title: z.string(),
      status: z.number().int(),
      detail: z.string(),
      instance: z.string().optional(),
      requestId: z.string().optional(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    })
    .openapi('Problem'),
);

/** A calendar day in the department's time zone; impossible dates (2026-02-30) are refused. */
export const LocalDateSchema = z
  .string()
  .refine(isValidLocalDate, 'must be a real date YYYY-MM-DD')
  .openapi({ example: '2026-12-15', format: 'date' });

export const IdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be an id');

/** Free text a person types: trimmed length limits keep items far below DynamoDB's 400 KB. */
export const text = (max: number) => z.string().max(max);

export const PaginationQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ example: 50 }),
  cursor: z.string().max(2048).optional().openapi({ description: 'The nextCursor of the previous page' }),
};

export const IfMatchHeaders = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d{1,9}"?$/, 'must be the resource version, e.g. "3"')
    .optional()
    .openapi({ description: 'The version the change is based on; a stale one gets 412' }),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 visible ASCII characters')
    .optional()
    .openapi({ description: 'Replaying the same key and body returns the first answer; another body gets 422' }),
});

export function parseIfMatch(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.replace(/^W\//, '').replaceAll('"', ''));
}

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true as const });
/** Readonly all the way down: what a handler may send for a schema's output. */
export type Sendable<T> = T extends Date
  ? T
  : T extends readonly (infer U)[]
    ? readonly Sendable<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Sendable<T[K]> }
      : T;

/**
 * A JSON response. Its schema is typed as accepting readonly values: JSON has no `readonly`, and
 * the services return the domain's readonly arrays; every other part of the type is the schema's,
 * so a handler still cannot send what the schema does not describe. The content is a getter, so a
 * lazy schema is built only when the document or a response check reads it.
 */
export const jsonResponse = <T extends z.ZodTypeAny>(schema: SchemaOrLazy<T>, description: string) => ({
  description,
  get content() {
    return { 'application/json': { schema: schemaOf(schema) as z.ZodType<Sendable<z.output<T>>, z.input<T>> } };
  },
});
export const bearerSecurity = [{ bearerAuth: [] }];
export const IdParam = z.object({ id: IdSchema.openapi({ param: { name: 'id', in: 'path' } }) });
/** A page of a list, built when first asked for (a response schema: see {@link lazySchema}). */
export const pageOf = <T extends z.ZodTypeAny>(item: SchemaOrLazy<T>) =>
  lazySchema(() => z.object({ items: z.array(schemaOf(item)), nextCursor: z.string().optional() }));

const problem = (description: string) => ({
  description,
  get content() {
    return { 'application/problem+json': { schema: ProblemSchema() } };
  },
});

/** The problem responses every authenticated route can give. */
export const authenticatedProblems = {
  400: problem('Invalid input; `errors` names each bad field'),
  401: problem('Missing, invalid or expired token'),
  403: problem('The caller lacks the authority'),
  500: problem('Unexpected error; quote the request id'),
  503: problem('The data store is unavailable; retry after the Retry-After seconds'),
} as const;

export const problemResponses = { problem };


/**
 * The status of an answer a service stored for replays (an idempotent call's first answer), as
 * one of those the route declares; any other is a bug, not something to send.
 */
export function declaredStatus<S extends number>(status: number, declared: readonly S[]): S {
  const found = declared.find((s) => s === status);
  if (found === undefined) throw new Error(`Status ${status} is not one this route declares (${declared.join(', ')})`);
  return found;
}
