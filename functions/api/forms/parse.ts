/**
 * A submitted form → the API's request body (issue #16). Field names are the API body's own:
 * a nested field dotted (`source.kind`), a list as repeated fields of one name (`coordinatorIds`),
 * a list of objects with its index (`evidence.0.url`). The body is then validated by the SAME zod
 * schema the API route uses, so a page accepts exactly what the API accepts.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/domain/errors.js';
import type { AppEnv } from '../context.js';
import type { Lang } from '../views/dashboard/i18n.js';
import { CSRF_FIELD } from './csrf.js';
import { W } from './i18n.js';

/** How one field's text becomes its API value. */
export type FieldKind = 'text' | 'number' | 'boolean' | 'checkbox' | 'list';
/** Field name (dotted, `*` for a list index: `evidence.*.url`) → kind; fields not named are not read. */
export type FormSpec = Readonly<Record<string, FieldKind>>;

export const VERSION_FIELD = '_version';
export const IDEMPOTENCY_FIELD = '_idem';

/** What the person typed, by field name, to show again beside the errors. */
export type FormValues = Record<string, string | string[]>;
export type FormErrors = Record<string, string>;

export interface FormState {
  readonly values: FormValues;
  readonly errors: FormErrors;
  /** A message for the whole form (a conflict, a state that does not allow the action). */
  readonly message?: string;
  /** The kind of that message: `conflict` for a stale version (412). */
  readonly kind?: 'invalid' | 'conflict' | 'state';
}

export const emptyForm: FormState = { values: {}, errors: {} };

export interface ParsedForm {
  /** The API request body, before validation. */
  readonly body: Record<string, unknown>;
  readonly values: FormValues;
  /** The record's version the form was rendered from (the service's If-Match). */
  readonly version?: number;
  /** The form's idempotency key: a double click sends the same one. */
  readonly idem?: string;
  /** Fields whose text could not be read as their kind (e.g. `abc` for a number). */
  readonly issues: FieldIssue[];
}

/** The submitted fields, repeated ones as arrays. Read it through this helper only (hono caches the form data). */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const raw = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

const SAFE_SEGMENT = /^[A-Za-z][A-Za-z0-9]*$|^\d{1,2}$/;

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  path.forEach((seg, i) => {
    const last = i === path.length - 1;
    const key = /^\d+$/.test(seg) ? Number(seg) : seg;
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[key] = value;
      return;
    }
    if (container[key] === undefined) container[key] = /^\d+$/.test(path[i + 1]!) ? [] : Object.create(null);
    node = container[key] as Record<string, unknown>;
  });
}

/** Arrays made from indexed fields lose their holes (an empty evidence row is no evidence). */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  }
  return value;
}

const specFor = (spec: FormSpec, name: string): FieldKind | undefined =>
  spec[name] ?? spec[name.replace(/\.\d+\./g, '.*.').replace(/\.\d+$/, '.*')];

export function parseForm(fields: Record<string, string | string[]>, spec: FormSpec): ParsedForm {
  const body: Record<string, unknown> = Object.create(null);
  const values: FormValues = {};
  const issues: FieldIssue[] = [];
  for (const [name, raw] of Object.entries(fields)) {
    const kind = specFor(spec, name);
    if (!kind) continue;
    const segments = name.split('.');
    if (!segments.every((s) => SAFE_SEGMENT.test(s))) continue;
    values[name] = raw;
    const list = (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim());
    const one = list.at(-1) ?? '';
    let value: unknown;
    switch (kind) {
      case 'list':
        value = list.filter((v) => v !== '');
        if ((value as string[]).length === 0) continue;
        break;
      case 'checkbox':
        value = one !== '' && one !== 'false';
        break;
      case 'boolean':
        if (one === '') continue;
        value = one === 'true' ? true : one === 'false' ? false : one;
        break;
      case 'number':
        if (one === '') continue;
        value = /^-?\d+(\.\d+)?$/.test(one) ? Number(one) : one;
        if (typeof value === 'string') issues.push({ path: name, message: 'not a number' });
        break;
      case 'text':
        if (one === '') continue;
        value = one;
        break;
    }
    setPath(body, segments, value);
  }
  // An unticked checkbox sends nothing: it is false.
  for (const [name, kind] of Object.entries(spec)) {
    if (kind === 'checkbox' && !name.includes('*') && fields[name] === undefined) setPath(body, name.split('.'), false);
  }
  const version = typeof fields[VERSION_FIELD] === 'string' && /^\d{1,9}$/.test(fields[VERSION_FIELD] as string) ? Number(fields[VERSION_FIELD]) : undefined;
  const idemRaw = fields[IDEMPOTENCY_FIELD];
  const idem = typeof idemRaw === 'string' && /^[\x21-\x7e]{1,255}$/.test(idemRaw) ? idemRaw : undefined;
  return { body: compact(body) as Record<string, unknown>, values, ...(version !== undefined ? { version } : {}), ...(idem ? { idem } : {}), issues };
}

/** A zod issue in the person's language. */
function zodMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  const w = W[lang];
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return w.required;
      return issue.expected === 'number' ? w.notNumber : w.invalid;
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return Number(issue.minimum) <= 1 ? w.required : w.invalid;
      return w.min(Number(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return w.tooLong(Number(issue.maximum));
      return w.max(Number(issue.maximum));
    case 'invalid_format':
      return issue.format === 'url' ? w.invalidUrl : w.invalid;
    case 'invalid_value':
      return w.invalidChoice;
    case 'custom':
      return /date/i.test(issue.message) ? w.invalidDate : w.invalid;
    default:
      return /url/i.test(issue.message) ? w.invalidUrl : w.invalid;
  }
}

/** Validates with the API's schema: the body, or the errors by field name. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  parsed: ParsedForm,
  lang: Lang,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  for (const i of parsed.issues) errors[i.path] = W[lang].notNumber;
  const result = schema.safeParse(parsed.body);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.map(String).join('.') || 'form';
      errors[name] ??= zodMessage(issue, lang);
    }
  }
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors };
  return { ok: true, data: result.data };
}

/** A domain error's field issues (`body.dueDate`) → errors by field name, in the person's language. */
export function domainErrors(issues: readonly FieldIssue[], lang: Lang): FormErrors {
  const w = W[lang];
  const errors: FormErrors = {};
  for (const i of issues) {
    const name = i.path.replace(/^body\./, '');
    let message: string = w.invalid;
    if (/today or later/.test(i.message)) message = w.dueInPast;
    else if (/^must be after (\S+)/.test(i.message)) {
      const d = /^must be after (\S+)/.exec(i.message)![1]!;
      message = w.mustBeAfter(lang === 'vi' ? d.split('-').reverse().join('/') : d);
    } else if (/name an assignee or a unit/.test(i.message)) message = w.nameAssignee;
    else if (/no current staff member|no unit|no field/.test(i.message)) message = w.unknownPerson;
    else if (/has no head/.test(i.message)) message = w.unitNoHead;
    else if (/no upload of yours|serves one record once/.test(i.message)) message = w.fileGone;
    else if (/has not been uploaded yet/.test(i.message)) message = w.fileNotUploaded;
    else if (/^at most (\d+) files/.test(i.message)) message = w.tooManyFiles(Number(/^at most (\d+)/.exec(i.message)![1]));
    else if (/no file storage/.test(i.message)) message = w.noFileStorage;
    else if (/required/.test(i.message)) message = w.required;
    errors[name] ??= message;
  }
  return errors;
}

export { CSRF_FIELD };
