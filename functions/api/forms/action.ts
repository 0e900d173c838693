/**
 * The one flow of every action form (issue #16): the middleware has already authenticated the
 * person and checked the CSRF token and origin; here the form becomes the API body, is validated
 * by the API's own zod schema and goes to the SAME service method as the API route (one authority
 * check, one audit trail). Success: Post/Redirect/Get with `?ok=<action>` (the page shows the
 * confirmation). A bad field: the page again, 422, errors next to the fields and what was typed
 * kept. A stale version: 412 with "someone changed this". A refusal: the 403/404 page. Nothing is
 * written on any failure, since the service writes nothing on them.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
} from '../../../shared/domain/errors.js';
import type { AppDeps, AppEnv } from '../context.js';
import { langOf, type Lang } from '../views/dashboard/i18n.js';
import { MessagePage } from '../views/dashboard/pages.js';
import type { Viewer } from '../views/layout.js';
import { HOME_PATH } from '../session.js';
import { csrfTokenOf } from './csrf.js';
import { W } from './i18n.js';
import { domainErrors, formFields, parseForm, validateWith, type FormSpec, type FormState, type ParsedForm } from './parse.js';

/** What every signed-in page needs for its frame and forms. */
export interface PageFrame {
  readonly lang: Lang;
  /** This page's path and query (the language switch). */
  readonly url: string;
  readonly viewer: Viewer;
  /** "Chờ quyết định": how many decisions await the person (the navigation's count). */
  readonly awaiting: number;
  /** The session's CSRF token for the page's forms. */
  readonly csrf: string;
}

/** `awaiting`: the count, when the page has already listed what awaits the person ("Chờ quyết định" itself). */
export async function pageFrame(c: Context<AppEnv>, deps: AppDeps, awaitingKnown?: number): Promise<PageFrame> {
  const actor = c.get('actor');
  const awaiting = awaitingKnown ?? (await deps.services.inbox.count(actor, c.get('now')));
  return {
    lang: langOf(c.req.query('lang')),
    url: `${c.req.path}${new URL(c.req.url).search}`,
    viewer: { staffId: actor.staffId, name: actor.name },
    awaiting,
    csrf: csrfTokenOf(c),
  };
}

/** A path in the page's language. */
export const withLang = (path: string, lang: Lang) => (lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path);

/** The Post/Redirect/Get target: the page, saying which action succeeded. */
export function doneHref(path: string, action: string, lang: Lang): string {
  return withLang(`${path}${path.includes('?') ? '&' : '?'}ok=${encodeURIComponent(action)}`, lang);
}

/** A refusal or a missing record as a page (never JSON, never a hint that the record exists). */
export function problemPage(c: Context<AppEnv>, lang: Lang, status: 403 | 404, detail?: string): Response | Promise<Response> {
  const w = W[lang];
  const actor = c.get('actor');
  c.header('cache-control', 'private, no-store');
  return c.html(
    MessagePage({
      ctx: { lang, url: c.req.path, ...(actor ? { viewer: { staffId: actor.staffId, name: actor.name } } : {}) },
      title: status === 403 ? w.forbiddenTitle : w.notFoundTitle,
      message: status === 403 ? (detail ?? w.forbiddenTitle) : w.notFound,
      link: [w.backToMyWork, withLang(HOME_PATH, lang)],
    }),
    status,
  );
}

export interface FormAction<S extends z.ZodType, R> {
  /** The contract name, `data-action` on the form: `assignment.progress`. */
  readonly name: string;
  readonly spec: FormSpec;
  /** The API route's own body schema. */
  readonly schema: S;
  /** Calls the service method the API route calls; `form.version` is the If-Match, `form.idem` the idempotency key. */
  run(c: Context<AppEnv>, body: z.infer<S>, form: ParsedForm): Promise<R>;
  /** Where to go after success (Post/Redirect/Get). */
  done(c: Context<AppEnv>, result: R): string;
  /** The page again, with the form's state (values typed, errors by field, or a message). */
  rerender(c: Context<AppEnv>, state: FormState, status: 409 | 412 | 422): Promise<Response>;
}

/** The handler of one action form's POST route. */
export function formHandler<S extends z.ZodType, R>(action: FormAction<S, R>) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const lang = langOf(c.req.query('lang'));
    const w = W[lang];
    c.header('cache-control', 'private, no-store');
    const parsed = parseForm(await formFields(c), action.spec);
    const checked = validateWith(action.schema, parsed, lang);
    if (!checked.ok) return action.rerender(c, { values: parsed.values, errors: checked.errors, kind: 'invalid' }, 422);
    try {
      const result = await action.run(c, checked.data, parsed);
      return c.redirect(doneHref(action.done(c, result), action.name, lang), 303);
    } catch (error) {
      if (error instanceof NotFoundError) return problemPage(c, lang, 404);
      if (error instanceof ForbiddenError) return problemPage(c, lang, 403, lang === 'vi' ? `${w.forbiddenTitle} (${error.rule ?? 'A1'}).` : error.message);
      if (error instanceof ValidationError || error instanceof UnprocessableError) {
        const errors = domainErrors(error.issues, lang);
        return action.rerender(
          c,
          { values: parsed.values, errors, kind: 'invalid', ...(Object.keys(errors).length === 0 ? { message: `${w.invalid} ${lang === 'en' ? error.message : ''}`.trim() } : {}) },
          422,
        );
      }
      if (error instanceof PreconditionFailedError) return action.rerender(c, { values: parsed.values, errors: {}, kind: 'conflict', message: w.conflict }, 412);
      if (error instanceof ConflictError) {
        // A clash the service explains itself (a delegation's dates): its own sentence, by the fields it names.
        const said = lang === 'vi' ? error.vi : error.issues.length ? error.message : undefined;
        const errors = Object.fromEntries(error.issues.map((i) => [i.path.replace(/^body\./, ''), said ?? w.invalid]));
        return action.rerender(c, { values: parsed.values, errors, kind: 'state', message: `${w.stateConflict} ${said ?? conflictText(error.message, lang)}` }, 409);
      }
      throw error;
    }
  };
}

/** The domain's conflict messages, in Vietnamese where known. */
function conflictText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  if (/already waiting for a decision/.test(message)) return 'đã có một đề nghị gia hạn đang chờ quyết định.';
  if (/already (approved|refused|withdrawn)/.test(message)) return 'đề nghị gia hạn này đã được xử lý.';
  if (/already accepted|was accepted/.test(message)) return 'nhiệm vụ đã được nghiệm thu.';
  if (/is completed/.test(message)) return 'nhiệm vụ đã hoàn thành.';
  if (/is cancelled/.test(message)) return 'nhiệm vụ đã bị hủy.';
  if (/Only a completed assignment/.test(message)) return 'chỉ nhiệm vụ đã hoàn thành mới được nghiệm thu hoặc trả lại.';
  return 'hồ sơ đã ở tình trạng khác.';
}
