/** @jsxImportSource hono/jsx */
/**
 * Evidence files in the workspace forms (issue #22): a file field whose bytes go from the browser
 * straight to storage by presigned PUT (never through the API function), and the list of a
 * record's files.
 *
 * Usage (a stable API; other forms rely on it):
 *
 *   import { FILE_FIELD_SPEC, FileField, FileList, postedFileIds } from '../forms/file-field.js';
 *
 *   // 1. The form's spec takes the upload ids as a list, named as in the API body (`files`):
 *   const spec: FormSpec = { note: 'text', ...FILE_FIELD_SPEC };          // { files: 'list' }
 *   // 2. In the form (inside <ActionForm>), with the rulebook's limit when the page has it:
 *   <FileField f={f} maxBytes={await deps.services.files.maxBytes(actor, now)} />
 *   //    props: f (FieldContext: form id, state, lang), name = 'files', lang = f.lang,
 *   //    label, hint (added before the standard hint), maxBytes (default 25 MB).
 *   // 3. The API body then carries `files: [uploadId…]`; the service's own `files` claim checks
 *   //    each is the caller's, pending and stored. Where a body is built by hand:
 *   const ids = postedFileIds(parsed);                                       // string[]
 *   // 4. A record's files (name, size, type, SHA-256, who, when, download link /files/{id}):
 *   <FileList files={record.files ?? []} lang={lang} timeZone={tz} name={(staffId) => …} />
 *
 * The field needs the forms script (/assets/forms.js, functions/api/forms/enhance.ts): it hashes
 * each file (SHA-256), asks POST /files/uploads (session + CSRF) for a presigned PUT, sends the
 * bytes with a progress bar per file and adds a hidden `files` input with the upload id. Without
 * script the field says that attaching files needs JavaScript; the rest of the form still works.
 * A page whose Layout lacks `formsScript` still gets the script: the field adds it (it runs once).
 */
import { raw } from 'hono/html';
import { ALLOWED_FILE_TYPES, DEFAULT_MAX_FILE_BYTES, MAX_FILES_PER_CHANGE, type FileRef } from '../../../shared/domain/files.js';
import { instant, type Lang } from '../../../shared/domain/format.js';
import { CSRF_FIELD } from './csrf.js';
import { W } from './i18n.js';
import type { FieldContext } from './fields.js';
import type { FormSpec, FormValues, ParsedForm } from './parse.js';

/** The page route the script asks for a presigned upload (functions/api/routes/file-pages.ts). */
export const UPLOAD_PAGE_PATH = '/files/uploads';
/** The page route that downloads a record's file with the session (303 to a 60-second URL). */
export const filePagePath = (id: string, lang: Lang = 'vi') => `/files/${encodeURIComponent(id)}${lang === 'en' ? '?lang=en' : ''}`;

/** Spread into a form's spec: the upload ids, as the API body's `files` list. */
export const FILE_FIELD_SPEC = { files: 'list' } as const satisfies FormSpec;

/** The upload ids a form posted (hidden `files` inputs), in order, without blanks or repeats. */
export function postedFileIds(form: ParsedForm | FormValues, name = 'files'): string[] {
  const values: FormValues = 'values' in form && typeof form.values === 'object' && !Array.isArray(form.values) ? (form as ParsedForm).values : (form as FormValues);
  const v = values[name];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return [...new Set(list.map((x) => x.trim()).filter((x) => x !== ''))];
}

/** `2,5 MB` in Vietnamese, `2.5 MB` in English. */
export function fileSize(bytes: number, lang: Lang): string {
  const [n, unit] = bytes >= 1024 * 1024 ? [Math.round((bytes / (1024 * 1024)) * 10) / 10, 'MB'] : bytes >= 1024 ? [Math.round(bytes / 1024), 'KB'] : [bytes, 'B'];
  return `${lang === 'vi' ? String(n).replace('.', ',') : String(n)} ${unit}`;
}

/** The short name of a file's type: its usual extension (PDF, DOCX, JPG). */
export const fileKind = (type: string) => (ALLOWED_FILE_TYPES[type]?.[0] ?? type).toUpperCase();

export const FW = {
  vi: {
    label: 'Tệp đính kèm',
    choose: 'Chọn tệp để đính kèm',
    hint: (max: string) => `Nhận PDF, Word, Excel, PowerPoint, OpenDocument, ảnh (JPG, PNG, TIFF, WEBP, HEIC), TXT và ZIP; mỗi tệp tối đa ${max}; tối đa ${MAX_FILES_PER_CHANGE} tệp một lần gửi.`,
    noScript: 'Đính kèm tệp cần bật JavaScript trong trình duyệt. Các nội dung khác của biểu mẫu vẫn gửi được bình thường.',
    kept: 'Tệp đã tải lên',
    hashing: 'Đang kiểm tra tệp (tính mã SHA-256)…',
    requesting: 'Đang chuẩn bị tải lên…',
    uploading: 'Đang tải lên',
    done: 'Đã tải lên',
    remove: 'Bỏ tệp',
    retry: 'Thử lại',
    tooLarge: (max: string) => `Tệp lớn hơn giới hạn ${max}. Hãy chia nhỏ hoặc nén lại.`,
    badType: 'Loại tệp này không được nhận. Chỉ nhận PDF, Word, Excel, PowerPoint, OpenDocument, ảnh (JPG, PNG, TIFF, WEBP, HEIC), TXT và ZIP.',
    empty: 'Tệp rỗng (0 byte), không đính kèm được.',
    tooMany: `Tối đa ${MAX_FILES_PER_CHANGE} tệp một lần gửi.`,
    failed: 'Tải lên không thành công (mất kết nối hoặc lỗi máy chủ). Bấm “Thử lại”.',
    refused: 'Máy chủ lưu trữ từ chối tệp (tệp đã thay đổi trong khi tải lên hoặc liên kết hết hạn). Bấm “Thử lại”.',
    session: 'Phiên đăng nhập đã hết hoặc trang đã cũ. Hãy tải lại trang rồi chọn lại tệp.',
    unavailable: 'Máy chủ chưa được cấu hình lưu trữ tệp; không đính kèm được.',
    noCrypto: 'Trình duyệt này không tính được mã SHA-256. Hãy dùng trình duyệt mới hơn (Chrome, Edge, Firefox, Safari).',
    wait: 'Hãy chờ các tệp tải lên xong, hoặc bỏ các tệp bị lỗi, rồi gửi lại.',
    files: 'Tệp đính kèm',
    evidenceFiles: 'Tệp minh chứng (biên bản, văn bản, ảnh chụp…)',
    name: 'Tên tệp',
    size: 'Dung lượng',
    type: 'Loại',
    sha256: 'Mã băm SHA-256',
    by: 'Người tải lên',
    at: 'Thời điểm',
    download: 'Tải về',
    fullHash: 'Xem đầy đủ',
    noFiles: 'Chưa có tệp nào.',
  },
  en: {
    label: 'Attached files',
    choose: 'Choose files to attach',
    hint: (max: string) => `PDF, Word, Excel, PowerPoint, OpenDocument, images (JPG, PNG, TIFF, WEBP, HEIC), TXT and ZIP; each file at most ${max}; at most ${MAX_FILES_PER_CHANGE} files at a time.`,
    noScript: 'Attaching files needs JavaScript turned on in the browser. The rest of the form can be sent as usual.',
    kept: 'Uploaded file',
    hashing: 'Checking the file (computing its SHA-256)…',
    requesting: 'Preparing the upload…',
    uploading: 'Uploading',
    done: 'Uploaded',
    remove: 'Remove',
    retry: 'Retry',
    tooLarge: (max: string) => `The file is larger than the limit of ${max}. Split or compress it.`,
    badType: 'This type of file is not accepted. Accepted: PDF, Word, Excel, PowerPoint, OpenDocument, images (JPG, PNG, TIFF, WEBP, HEIC), TXT and ZIP.',
    empty: 'The file is empty (0 bytes) and cannot be attached.',
    tooMany: `At most ${MAX_FILES_PER_CHANGE} files at a time.`,
    failed: 'The upload failed (connection lost or a server error). Press “Retry”.',
    refused: 'Storage refused the file (it changed while uploading, or the link expired). Press “Retry”.',
    session: 'Your session has ended or the page is old. Reload the page and choose the files again.',
    unavailable: 'File storage is not configured on this server; files cannot be attached.',
    noCrypto: 'This browser cannot compute a SHA-256. Use a recent browser (Chrome, Edge, Firefox, Safari).',
    wait: 'Wait until the files have uploaded, or remove the failed ones, then send again.',
    files: 'Attached files',
    evidenceFiles: 'Evidence files (minutes, documents, photos…)',
    name: 'File name',
    size: 'Size',
    type: 'Type',
    sha256: 'SHA-256 hash',
    by: 'Uploaded by',
    at: 'When',
    download: 'Download',
    fullHash: 'Show in full',
    noFiles: 'No files yet.',
  },
} as const;

const idOf = (form: string, name: string) => `${form}-${name}`.replace(/[^A-Za-z0-9-]/g, '-');

/** Extension → type, for the script: a phone often reports no type, or another name for the same one. */
const EXTENSION_TYPES: Record<string, string> = Object.fromEntries(Object.entries(ALLOWED_FILE_TYPES).flatMap(([type, exts]) => exts.map((e) => [e, type])));
const ACCEPT = Object.keys(EXTENSION_TYPES)
  .map((e) => `.${e}`)
  .join(',');

export interface FileFieldProps {
  readonly f: FieldContext;
  /** The API body's field of upload ids; default `files`. */
  readonly name?: string;
  /** Defaults to the form's language (f.lang). */
  readonly lang?: Lang;
  readonly label?: string;
  /** Said before the standard hint (types, size limit). */
  readonly hint?: string;
  /** The rulebook's files.maxBytes (FileService.maxBytes); 25 MB when not given. Storage enforces the real limit anyway. */
  readonly maxBytes?: number;
}

export function FileField(p: FileFieldProps) {
  const lang = p.lang ?? p.f.lang;
  const w = FW[lang];
  const name = p.name ?? 'files';
  const id = idOf(p.f.form, name);
  const max = p.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxText = fileSize(max, lang);
  const kept = (() => {
    const v = p.f.state.values[name];
    return v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x.trim() !== '');
  })();
  // Errors on the list (`files`) or on one upload (`files.0`).
  const errors = Object.entries(p.f.state.errors).filter(([k]) => k === name || k.startsWith(`${name}.`));
  const words = {
    hashing: w.hashing,
    requesting: w.requesting,
    uploading: w.uploading,
    done: w.done,
    remove: w.remove,
    retry: w.retry,
    tooLarge: w.tooLarge(maxText),
    badType: w.badType,
    empty: w.empty,
    tooMany: w.tooMany,
    failed: w.failed,
    refused: w.refused,
    session: w.session,
    unavailable: w.unavailable,
    noCrypto: w.noCrypto,
    wait: w.wait,
    kept: w.kept,
    sha256: w.sha256,
    decimal: lang === 'vi' ? ',' : '.',
  };
  const describedBy = [`${id}-hint`, ...errors.map(([k]) => `${idOf(p.f.form, k)}-error`)].join(' ');
  return (
    <div
      class={`field file-field${errors.length ? ' has-error' : ''}`}
      data-file-field=""
      data-name={name}
      data-upload={`${UPLOAD_PAGE_PATH}${lang === 'en' ? '?lang=en' : ''}`}
      data-csrf-field={CSRF_FIELD}
      data-max-bytes={String(max)}
      data-max-files={String(MAX_FILES_PER_CHANGE)}
      data-types={JSON.stringify(EXTENSION_TYPES)}
      data-words={JSON.stringify(words)}
    >
      <p class="file-label" id={`${id}-label`}>
        {p.label ?? w.label} <span class="optional">{W[lang].optional}</span>
      </p>
      <p class="hint" id={`${id}-hint`}>
        {p.hint ? `${p.hint} ` : ''}
        {w.hint(maxText)}
      </p>
      <p class="file-nojs" data-file-nojs="">
        {w.noScript}
      </p>
      <div class="file-picker" data-file-picker="" hidden>
        <input type="file" id={id} class="visually-hidden" multiple accept={ACCEPT} aria-describedby={describedBy} {...(errors.length ? { 'aria-invalid': 'true' as const } : {})} />
        <label for={id} class="file-button">
          {w.choose}
        </label>
      </div>
      <ul class="file-rows" data-file-rows="">
        {kept.map((uploadId, i) => (
          <li class="file-row done" id={idOf(p.f.form, `${name}.${i}`)} data-upload-id={uploadId}>
            <span class="file-name">{w.kept}</span>
            <span class="file-status">{uploadId}</span>
            <input type="hidden" name={name} value={uploadId} />
          </li>
        ))}
      </ul>
      <p class="visually-hidden" aria-live="polite" data-file-live=""></p>
      {errors.map(([k, message]) => (
        <p class="field-error" id={`${idOf(p.f.form, k)}-error`}>
          {message}
        </p>
      ))}
      {/* Runs once however many fields and script tags a page has (enhance.ts guards it). */}
      {raw('<script src="/assets/forms.js"></script>')}
    </div>
  );
}

export interface FileListProps {
  readonly files: readonly FileRef[];
  readonly lang: Lang;
  /** The department's time zone (Directory.timeZone). */
  readonly timeZone: string;
  /** A staff id → the person's name. */
  readonly name: (staffId: string) => string;
  /** A heading above the list; none when absent. */
  readonly heading?: string;
  /** `compact`: one line per file (a history entry); default the full list. */
  readonly compact?: boolean;
}

/** A record's files: name (a download link), size, type, SHA-256 (short, in full on demand), who and when. */
export function FileList(p: FileListProps) {
  const w = FW[p.lang];
  if (p.files.length === 0) return p.heading ? <p class="muted">{w.noFiles}</p> : null;
  const link = (f: FileRef) => (
    <a href={filePagePath(f.id, p.lang)} class="file-link">
      {f.name}
    </a>
  );
  if (p.compact) {
    return (
      <ul class="file-list compact">
        {p.files.map((f) => (
          <li data-file-id={f.id}>
            {link(f)} · {fileSize(f.size, p.lang)} · {w.sha256}: <code class="file-hash" title={f.sha256}>{f.sha256}</code>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div class="file-list-block">
      {p.heading ? <h3 class="file-list-heading">{p.heading}</h3> : null}
      <ul class="file-list">
        {p.files.map((f) => (
          <li class="file-item" data-file-id={f.id}>
            <p class="file-title">
              {link(f)} <span class="badge">{fileKind(f.type)}</span> <span class="muted">{fileSize(f.size, p.lang)}</span>
            </p>
            <p class="file-meta muted">
              {w.by}: {p.name(f.uploadedBy)} · <time datetime={f.uploadedAt}>{instant(f.uploadedAt, p.lang, p.timeZone)}</time>
            </p>
            <details class="file-hash-details">
              <summary>
                {w.sha256}: <code title={f.sha256}>{f.sha256.slice(0, 12)}…</code>
              </summary>
              <code class="file-hash">{f.sha256}</code>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
