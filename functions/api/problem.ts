import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { DomainError, problemTypeOf, type FieldIssue } from '../../shared/domain/errors.js';
import { langOf, langOfAcceptLanguage, type Lang } from '../../shared/domain/format.js';
import type { AppEnv } from './context.js';
import { acceptsHtml } from './session.js';

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

/** The titles in Vietnamese, for `Accept-Language: vi`; the type stays the same English code. */
const TITLES_VI: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Cần đăng nhập',
  403: 'Không có thẩm quyền',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  409: 'Xung đột với trạng thái hiện tại',
  412: 'Phiên bản không còn hiện hành',
  413: 'Nội dung quá lớn',
  415: 'Kiểu nội dung không được hỗ trợ',
  422: 'Yêu cầu không xử lý được',
  500: 'Lỗi hệ thống',
  503: 'Dịch vụ tạm thời không sẵn sàng',
};

/**
 * The detail in Vietnamese: what to do, from the status and the problem's fields (the domain's
 * own messages are English, kept for the API's default language).
 */
function detailVi(c: Context<AppEnv>, status: number, englishDetail: string, extra: Partial<Problem>): string {
  const fields = [...new Set((extra.errors ?? []).map((i) => i.path))].join(', ');
  switch (status) {
    case 400:
      if (fields === 'body' && /json/i.test(englishDetail)) return 'Nội dung yêu cầu không phải JSON hợp lệ.';
      return fields ? `Yêu cầu có trường không hợp lệ: ${fields}.` : 'Yêu cầu không hợp lệ; hãy kiểm tra lại nội dung gửi lên.';
    case 401:
      return 'Cần đăng nhập: gửi mã truy cập (bearer token) còn hiệu lực trong tiêu đề Authorization.';
    case 403:
      return `Bạn không có thẩm quyền thực hiện thao tác này${typeof extra.rule === 'string' ? ` (quy định ${extra.rule})` : ''}.`;
    case 404:
      return 'Không tìm thấy, hoặc bạn không có quyền xem.';
    case 405:
      return `Phương thức ${c.req.method} không được hỗ trợ tại ${c.req.path}.`;
    case 409:
      if (typeof extra.detailVi === 'string') return extra.detailVi;
      return 'Thao tác mâu thuẫn với trạng thái hiện tại của hồ sơ; hãy tải lại hồ sơ rồi thử lại.';
    case 412:
      return 'Phiên bản nêu trong If-Match không còn là phiên bản hiện hành; hãy tải lại hồ sơ rồi thử lại.';
    case 413:
      return 'Nội dung yêu cầu vượt quá dung lượng cho phép.';
    case 415:
      return 'Hãy gửi nội dung dạng application/json.';
    case 422:
      return fields ? `Yêu cầu không xử lý được; xem các trường: ${fields}.` : 'Yêu cầu không xử lý được (ví dụ: khóa Idempotency-Key đã dùng cho một nội dung khác).';
    case 503:
      return 'Dịch vụ tạm thời không sẵn sàng; hãy thử lại sau ít phút.';
    default:
      return `Hệ thống gặp lỗi khi xử lý yêu cầu. Khi báo lỗi, hãy nêu mã yêu cầu ${c.get('requestId') ?? ''}.`.replace(' .', '.');
  }
}

/** A problem; its type from the status unless the error carries its own (a domain error's `type`). */
export function problemBody(status: number, detail: string, extra: Partial<Problem> = {}, lang: Lang = 'en', type?: string): Problem {
  const [slug, title] = TITLES[status] ?? ['error', 'Error'];
  return { type: type ?? problemTypeOf(slug), title: lang === 'vi' ? (TITLES_VI[status] ?? 'Lỗi') : title, status, detail, ...extra };
}

export function problemResponse(
  c: Context<AppEnv>,
  status: number,
  detail: string,
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
  type?: string,
): Response | Promise<Response> {
  // A browser on a page gets a page in its language (its views loaded then: an API cold start never reads them);
  // an API client a problem, English unless it asks for Vietnamese.
  if (!c.req.path.startsWith('/v1/') && !c.req.path.startsWith('/dev/') && acceptsHtml(c)) {
    const actor = c.get('actor');
    return import('./views/error-page.js').then(({ ErrorPage }) => {
      const page = ErrorPage({ status, lang: langOf(c.req.query('lang')), url: `${c.req.path}${new URL(c.req.url).search}`, requestId: c.get('requestId'), viewer: actor ? { staffId: actor.staffId, name: actor.name } : undefined });
      return new Response(String(page), { status, headers: { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'private, no-store', ...headers } });
    });
  }
  const lang = langOfAcceptLanguage(c.req.header('accept-language'));
  const { detailVi: _vi, ...members } = extra;
  const body = problemBody(status, lang === 'vi' ? detailVi(c, status, detail, extra) : detail, { instance: c.req.path, requestId: c.get('requestId'), ...members }, lang, type);
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'content-language': lang, vary: 'Accept-Language', ...headers },
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

export function validationProblem(c: Context<AppEnv>, issues: FieldIssue[]): Response | Promise<Response> {
  const fields = [...new Set(issues.map((i) => i.path))].join(', ');
  return problemResponse(c, 400, `The request has invalid fields: ${fields}.`, { errors: issues });
}

/**
 * The one error mapper: a domain error answers with the status, type and members it carries; an
 * HTTPException below 500 with its status; anything unexpected with a bare 500.
 */
export function handleError(error: unknown, c: Context<AppEnv>): Response | Promise<Response> {
  if (error instanceof DomainError) {
    const { members, headers, detailVi } = error.problem();
    // detailVi is read by detailVi() above and not sent as a member of its own.
    return problemResponse(c, error.status, error.message, detailVi ? { ...members, detailVi } : members, headers, error.type);
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
