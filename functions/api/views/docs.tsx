/** @jsxImportSource hono/jsx */
// The API reference, server-rendered from the OpenAPI document: every operation with its
// parameters, request and response bodies (fields, types, required, enums, examples) and a form
// to try it with a token (/assets/docs.js). Swagger UI would need a CDN (blocked by the CSP and
// by offline machines) or a 1.4 MB bundle in the Lambda; this page needs neither.
import type { Lang } from './dashboard/i18n.js';
import { RESPONSE_VI, SUMMARY_VI } from './docs-vi.js';
import { Layout } from './layout.js';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

interface Media {
  schema?: Schema;
  example?: unknown;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
}

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema>; parameters?: Record<string, Parameter> };
}

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const TEXT = {
  vi: {
    title: 'Tài liệu API',
    intro:
      'Mọi thao tác của API, với tham số, nội dung yêu cầu và phản hồi: tên trường, kiểu, bắt buộc hay không, giá trị cho phép và ví dụ. Lỗi trả về dạng application/problem+json (RFC 9457).',
    machine: 'Tài liệu máy đọc được (OpenAPI 3.1):',
    tokenLabel: 'Mã truy cập (Bearer) dùng cho các lần thử gọi',
    tokenHelp:
      'Trên máy cục bộ (npm start): lấy mã bằng POST /dev/token {"staffId": "…"}; khi triển khai: mã do nhà cung cấp đăng nhập cấp. Mã chỉ nằm trên trang này, không được lưu.',
    sections: 'Nhóm thao tác',
    schemasHeading: 'Lược đồ dùng chung',
    parameters: 'Tham số',
    name: 'Tên',
    in: 'Vị trí',
    where: { path: 'đường dẫn', query: 'truy vấn', header: 'tiêu đề', cookie: 'cookie' } as Record<string, string>,
    field: 'Trường',
    type: 'Kiểu',
    required: 'Bắt buộc',
    details: 'Mô tả',
    yes: 'có',
    no: 'không',
    requestBody: 'Nội dung yêu cầu',
    responses: 'Phản hồi',
    errors: 'Lỗi',
    errorBody: 'nội dung: lược đồ',
    allowed: 'Giá trị cho phép',
    example: 'Ví dụ',
    exampleBody: 'Ví dụ nội dung',
    noFields: 'Không có trường nào được mô tả.',
    file: 'Tệp',
    body: 'toàn bộ nội dung',
    bearer: 'cần mã truy cập',
    signed: 'cần chữ ký webhook (Standard Webhooks)',
    noToken: 'không cần mã truy cập',
    length: 'độ dài',
    items: 'số phần tử',
    pattern: 'mẫu',
    range: 'khoảng',
    more: 'trường khác được chấp nhận',
    tryIt: 'Thử gọi',
    send: 'Gửi',
    bodyJson: 'Nội dung (JSON)',
    result: 'Kết quả',
    englishNote: 'Mô tả của từng trường, và của các phản hồi riêng của từng thao tác, lấy nguyên từ tài liệu OpenAPI, bằng tiếng Anh; tên trường và giá trị là mã của API.',
  },
  en: {
    title: 'API reference',
    intro:
      'Every operation of the API, with its parameters and its request and response bodies: field names, types, whether required, allowed values and examples. Errors are application/problem+json (RFC 9457).',
    machine: 'Machine-readable document (OpenAPI 3.1):',
    tokenLabel: 'Access token (Bearer) for the calls you try',
    tokenHelp:
      'Locally (npm start): get one with POST /dev/token {"staffId": "…"}; deployed: the sign-in provider issues it. The token stays on this page and is not stored.',
    sections: 'Sections',
    schemasHeading: 'Shared schemas',
    parameters: 'Parameters',
    name: 'Name',
    in: 'In',
    where: { path: 'path', query: 'query', header: 'header', cookie: 'cookie' } as Record<string, string>,
    field: 'Field',
    type: 'Type',
    required: 'Required',
    details: 'Description',
    yes: 'yes',
    no: 'no',
    requestBody: 'Request body',
    responses: 'Responses',
    errors: 'Errors',
    errorBody: 'body: schema',
    allowed: 'Allowed values',
    example: 'Example',
    exampleBody: 'Example body',
    noFields: 'No fields are described.',
    file: 'File',
    body: 'the whole body',
    bearer: 'needs an access token',
    signed: 'needs a webhook signature (Standard Webhooks)',
    noToken: 'no access token needed',
    length: 'length',
    items: 'items',
    pattern: 'pattern',
    range: 'range',
    more: 'other fields accepted',
    tryIt: 'Try it',
    send: 'Send',
    bodyJson: 'Body (JSON)',
    result: 'Result',
    englishNote: 'Field and response descriptions come from the OpenAPI document, in English.',
  },
} as const;

type Text = (typeof TEXT)[Lang];

/** The tags of the OpenAPI document, in Vietnamese. */
const TAG_VI: Record<string, string> = {
  Organisation: 'Tổ chức',
  Administration: 'Quản trị',
  Rulebook: 'Quy chế (bộ quy tắc)',
  Assignments: 'Giao việc',
  Audit: 'Lịch sử thay đổi',
  Delegations: 'Ủy quyền',
  Reports: 'Báo cáo',
  Plans: 'Kế hoạch',
  Missions: 'Công tác',
  Notifications: 'Thông báo',
  'E-office integration': 'Kết nối hệ thống quản lý văn bản',
  Documents: 'Văn bản đến',
  Meetings: 'Cuộc họp',
  Leave: 'Nghỉ phép',
  'Working time': 'Thời gian làm việc',
  Evaluation: 'Đánh giá, xếp loại',
  Finance: 'Tài chính',
  Compliance: 'Kiểm tra tuân thủ',
  Dashboard: 'Bảng theo dõi',
  'Citizen reception': 'Tiếp công dân',
  'Delegation visits': 'Đón tiếp đoàn công tác',
  Calendar: 'Lịch công tác',
  'Local mode': 'Chế độ cục bộ',
  Other: 'Khác',
};

const tagName = (tag: string, lang: Lang) => (lang === 'vi' ? (TAG_VI[tag] ?? tag) : tag);

/** A stable anchor for an operation: `op-post-v1-assignments-id-complete`. */
export function operationAnchor(method: string, path: string): string {
  return `op-${method}-${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}
const tagAnchor = (tag: string) => `tag-${tag.replace(/[^A-Za-z0-9]+/g, '-')}`;
const schemaAnchor = (name: string) => `schema-${name}`;

const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** The schema a `$ref` names; allOf merged into one object. */
function resolve(schema: Schema | undefined, doc: OpenApiDocument): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[refName(s.$ref)] ?? {};
  if (s.allOf) {
    const parts = s.allOf.map((p) => resolve(p, doc));
    const { allOf: _allOf, ...rest } = s;
    return {
      ...Object.assign({}, ...parts),
      ...rest,
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), rest.properties ?? {}),
      required: [...new Set([...parts.flatMap((p) => p.required ?? []), ...(rest.required ?? [])])],
    };
  }
  return s;
}

const variantsOf = (s: Schema) => s.anyOf ?? s.oneOf;
const isNull = (s: Schema) => s.type === 'null';

/** A short type: `string (date)`, `integer`, `Assignment[]`, `string | null`. */
function typeLabel(schema: Schema, doc: OpenApiDocument): string {
  if (schema.$ref) {
    const target = resolve(schema, doc);
    return target.type === 'object' || target.properties ? refName(schema.$ref) : typeLabel(target, doc);
  }
  const variants = variantsOf(schema);
  if (variants) return [...new Set(variants.map((v) => typeLabel(v, doc)))].join(' | ');
  if (schema.allOf) return typeLabel(resolve(schema, doc), doc);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const one = (t: string) => {
    if (t === 'array') return `${schema.items ? typeLabel(schema.items, doc) : 'any'}[]`;
    if (t === 'string' && schema.format) return `string (${schema.format})`;
    return t;
  };
  if (types.length === 0) return schema.enum ? 'string' : schema.properties ? 'object' : 'any';
  return types.map(one).join(' | ');
}

function constraintsOf(s: Schema, t: Text): string[] {
  const out: string[] = [];
  const span = (min?: number, max?: number) => (min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `≥ ${min}` : `≤ ${max}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) out.push(`${t.length} ${span(s.minLength, s.maxLength)}`);
  if (s.minItems !== undefined || s.maxItems !== undefined) out.push(`${t.items} ${span(s.minItems, s.maxItems)}`);
  const min = s.minimum ?? s.exclusiveMinimum;
  const max = s.maximum ?? s.exclusiveMaximum;
  if (min !== undefined || max !== undefined) out.push(`${t.range} ${span(min, max)}`);
  if (s.pattern) out.push(`${t.pattern} ${s.pattern}`);
  return out;
}

/** An example value for a schema: its own example, else one made from its type and format. */
export function exampleOf(schema: Schema | undefined, doc: OpenApiDocument, depth = 0, onlyRequired = false): unknown {
  const s = resolve(schema, doc);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const variants = variantsOf(s);
  if (variants) return exampleOf(variants.find((v) => !isNull(v)) ?? variants[0], doc, depth, onlyRequired);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (depth > 6) return type === 'array' ? [] : type === 'object' ? {} : null;
  switch (type ?? (s.properties ? 'object' : undefined)) {
    case 'object': {
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties ?? {}).filter(([k]) => !onlyRequired || required.has(k));
      return Object.fromEntries(entries.map(([k, v]) => [k, exampleOf(v, doc, depth + 1, onlyRequired)]));
    }
    case 'array':
      return [exampleOf(s.items, doc, depth + 1, onlyRequired)];
    case 'integer':
    case 'number':
      return s.minimum ?? s.exclusiveMinimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      switch (s.format) {
        case 'date':
          return '2026-12-03';
        case 'date-time':
          return '2026-12-03T10:00:00+07:00';
        case 'uri':
        case 'url':
          return 'https://example.org/van-ban/1';
        case 'email':
          return 'can.bo@example.org';
        default:
          return 'string';
      }
    default:
      return null;
  }
}

interface Row {
  path: string;
  type: string;
  required: boolean;
  description?: string | undefined;
  values?: unknown[] | undefined;
  constraints: string[];
  example?: unknown;
  open: boolean;
}

/** The fields of a body, nested ones as `a.b` and `items[].c`, each with what a person needs to fill it. */
export function fieldRows(schema: Schema | undefined, doc: OpenApiDocument, t: Text, prefix = '', seen: string[] = []): Row[] {
  const s = resolve(schema, doc);
  const here = schema?.$ref ? [...seen, schema.$ref] : seen;
  if (here.length > 8) return [];
  const variants = variantsOf(s)?.filter((v) => !isNull(v));
  // A union of objects: every field of every variant, required only where all variants require it.
  if (variants && variants.length > 0) {
    const objects = variants.map((v) => resolve(v, doc)).filter((v) => v.properties);
    if (objects.length === 0) return [];
    const merged: Schema = {
      type: 'object',
      properties: Object.assign({}, ...objects.map((o) => o.properties)),
      required: (objects[0]!.required ?? []).filter((r) => objects.every((o) => o.required?.includes(r))),
    };
    return fieldRows(merged, doc, t, prefix, here);
  }
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'array' && s.items) return fieldRows(s.items, doc, t, `${prefix}[].`, here);
  const rows: Row[] = [];
  const required = new Set(s.required ?? []);
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    if (prop.$ref && here.includes(prop.$ref)) continue;
    const p = resolve(prop, doc);
    const path = `${prefix}${key}`;
    const items = p.items ? resolve(p.items, doc) : undefined;
    const values = p.enum ?? items?.enum ?? variantsOf(p)?.flatMap((v) => resolve(v, doc).enum ?? []);
    rows.push({
      path,
      type: typeLabel(prop, doc),
      required: required.has(key),
      description: prop.description ?? p.description,
      values: values && values.length > 0 ? values : undefined,
      constraints: constraintsOf(p, t),
      example: prop.example ?? p.example,
      open: p.additionalProperties !== undefined && p.additionalProperties !== false && !p.properties,
    });
    const nested = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
    if (p.properties || variantsOf(p)?.some((v) => resolve(v, doc).properties)) rows.push(...fieldRows(prop, doc, t, `${path}.`, here));
    else if (nested === 'array' && p.items) rows.push(...fieldRows(p.items, doc, t, `${path}[].`, here));
  }
  return rows;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** An empty description cell is hidden on a phone, where each cell is a line of its own. */
const detailsClass = (r: Row) =>
  r.description || r.values || r.constraints.length || r.open || r.example !== undefined ? 'details' : 'details empty';

function FieldTable(props: { rows: Row[]; caption: string; t: Text }) {
  const { t } = props;
  if (props.rows.length === 0) return <p class="no-fields">{t.noFields}</p>;
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={props.caption}>
      <table class="fields">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.field}</th>
            <th scope="col">{t.type}</th>
            <th scope="col">{t.required}</th>
            <th scope="col">{t.details}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">
                <code class="field-name">{r.path}</code>
              </th>
              <td data-label={t.type}>
                <code>{r.type}</code>
              </td>
              <td data-label={t.required}>{r.required ? <strong>{t.yes}</strong> : t.no}</td>
              <td data-label={t.details} class={detailsClass(r)}>
                {r.description ? <p>{r.description}</p> : null}
                {r.values ? (
                  <p>
                    {t.allowed}:{' '}
                    {r.values.map((v, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        <code class="enum">{String(v)}</code>
                      </>
                    ))}
                  </p>
                ) : null}
                {r.constraints.length ? <p class="constraints">{r.constraints.join('; ')}</p> : null}
                {r.open ? <p class="constraints">{t.more}</p> : null}
                {r.example !== undefined ? (
                  <p>
                    {t.example}: <code>{JSON.stringify(r.example)}</code>
                  </p>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Who may call: a bearer token, a Standard Webhooks signature, or anyone. */
function securityLabel(op: Operation, t: Text): string {
  const schemes = new Set((op.security ?? []).flatMap((r) => Object.keys(r as object)));
  if (schemes.has('bearerAuth')) return t.bearer;
  if (schemes.size > 0) return t.signed;
  return t.noToken;
}

/** A response's description in the page's language where one is written, else as the document has it. */
function ResponseText(props: { text: string | undefined; lang: Lang }) {
  const text = props.text ?? '';
  const vi = props.lang === 'vi' ? RESPONSE_VI[text] : undefined;
  return vi ? <>{vi}</> : props.lang === 'vi' && text ? <span lang="en">{text}</span> : <>{text}</>;
}

function isProblem(media: Media | undefined, type: string): boolean {
  return type === 'application/problem+json' || media?.schema?.$ref?.endsWith('/Problem') === true;
}

function OperationView(props: { method: string; path: string; op: Operation; doc: OpenApiDocument; t: Text; lang: Lang }) {
  const { method, path, op, doc, t, lang } = props;
  const vi = lang === 'vi' ? SUMMARY_VI[`${method.toUpperCase()} ${path}`] : undefined;
  const params = (op.parameters ?? []).map((p) => (p.$ref ? (doc.components?.parameters?.[refName(p.$ref)] ?? p) : p));
  const bodyEntry = Object.entries(op.requestBody?.content ?? {})[0];
  const bodyIsJson = bodyEntry?.[0].includes('json') ?? false;
  const responses = Object.entries(op.responses ?? {});
  const success = responses.filter(([status]) => !/^[45]/.test(status));
  const failures = responses.filter(([status]) => /^[45]/.test(status));
  const anchor = operationAnchor(method, path);
  return (
    <article class="operation" id={anchor} data-method={method.toUpperCase()} data-path={path}>
      <details>
        <summary>
          <code class={`method ${method}`}>{method.toUpperCase()}</code> <code class="path">{path}</code>{' '}
          {vi || lang === 'en' ? <span class="summary-text">{vi ?? op.summary ?? ''}</span> : <span class="summary-text" lang="en">{op.summary ?? ''}</span>}{' '}
          <span class="lock">{securityLabel(op, t)}</span>
        </summary>
        {op.description ? <p>{op.description}</p> : null}
        {params.length ? <h4>{t.parameters}</h4> : null}
        {params.length ? (
          <div class="table-scroll" tabindex={0} role="region" aria-label={t.parameters}>
            <table class="fields">
              <caption class="visually-hidden">{t.parameters}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.in}</th>
                  <th scope="col">{t.type}</th>
                  <th scope="col">{t.required}</th>
                  <th scope="col">{t.details}</th>
                </tr>
              </thead>
              <tbody>
                {params.map((p) => {
                  const s = resolve(p.schema, doc);
                  return (
                    <tr>
                      <th scope="row">
                        <code class="field-name">{p.name}</code>
                      </th>
                      <td data-label={t.in}>{t.where[p.in] ?? p.in}</td>
                      <td data-label={t.type}>
                        <code>{typeLabel(p.schema ?? {}, doc)}</code>
                      </td>
                      <td data-label={t.required}>{p.required ? <strong>{t.yes}</strong> : t.no}</td>
                      <td data-label={t.details} class={p.description || s.description || s.enum || constraintsOf(s, t).length ? 'details' : 'details empty'}>
                        {p.description ?? s.description ?? ''}
                        {s.enum ? (
                          <p>
                            {t.allowed}: {s.enum.map((v) => String(v)).join(', ')}
                          </p>
                        ) : null}
                        {constraintsOf(s, t).length ? <p class="constraints">{constraintsOf(s, t).join('; ')}</p> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {bodyEntry ? (
          <section class="request-body">
            <h4>
              {t.requestBody} <code>{bodyEntry[0]}</code>
              {op.requestBody?.required ? ` (${t.required.toLowerCase()})` : ''}
            </h4>
            {bodyIsJson ? (
              <>
                <FieldTable rows={fieldRows(bodyEntry[1].schema, doc, t)} caption={`${t.requestBody}: ${method.toUpperCase()} ${path}`} t={t} />
                <details class="example">
                  <summary>{t.exampleBody}</summary>
                  <pre>{json(bodyEntry[1].example ?? exampleOf(bodyEntry[1].schema, doc))}</pre>
                </details>
              </>
            ) : (
              <p>
                {t.file}: <code>{Object.keys(op.requestBody?.content ?? {}).join(', ')}</code>
              </p>
            )}
          </section>
        ) : null}
        <section class="responses">
          <h4>{t.responses}</h4>
          {success.map(([status, r]) => {
            const media = Object.entries(r.content ?? {});
            return (
              <div class="response">
                <h5>
                  <code class="status">{status}</code> <ResponseText text={r.description} lang={lang} />
                </h5>
                {media.map(([type, m]) =>
                  type.includes('json') ? (
                    <>
                      <FieldTable rows={fieldRows(m.schema, doc, t)} caption={`${t.responses} ${status}: ${method.toUpperCase()} ${path}`} t={t} />
                      <details class="example">
                        <summary>{t.example}</summary>
                        <pre>{json(m.example ?? exampleOf(m.schema, doc))}</pre>
                      </details>
                    </>
                  ) : (
                    <p>
                      {t.file}: <code>{type}</code>
                    </p>
                  ),
                )}
              </div>
            );
          })}
          {failures.length ? (
            <ul class="failures" aria-label={t.errors}>
              {failures.map(([status, r]) => {
                const [type, m] = Object.entries(r.content ?? {})[0] ?? [];
                return (
                  <li>
                    <code class="status">{status}</code> <ResponseText text={r.description} lang={lang} />
                    {type && isProblem(m, type) ? (
                      <>
                        {' '}
                        ({t.errorBody} <a href={`#${schemaAnchor('Problem')}`}>Problem</a>)
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </section>
        <form class="try" data-method={method.toUpperCase()} data-path={path} data-content-type={bodyEntry?.[0] ?? ''}>
          <fieldset>
            <legend>{t.tryIt}</legend>
            {params
              .filter((p) => p.in !== 'cookie')
              .map((p) => (
                <label>
                  <span>
                    {p.name} <small>({t.where[p.in] ?? p.in})</small>
                  </span>
                  <input name={`${p.in}.${p.name}`} type="text" autocomplete="off" required={p.in === 'path'} />
                </label>
              ))}
            {bodyEntry && bodyIsJson ? (
              <label>
                <span>{t.bodyJson}</span>
                <textarea name="body" rows={6} spellcheck={false}>
                  {json(bodyEntry[1].example ?? exampleOf(bodyEntry[1].schema, doc, 0, true))}
                </textarea>
              </label>
            ) : null}
            <button type="submit">{t.send}</button>
            <output class="try-result" aria-live="polite" aria-label={t.result}></output>
          </fieldset>
        </form>
      </details>
    </article>
  );
}

export function DocsPage({ doc, lang, url }: { doc: OpenApiDocument; lang: Lang; url: string }) {
  const t = TEXT[lang];
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Operation })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'Other'))];
  const schemas = Object.entries(doc.components?.schemas ?? {}).filter(([name]) => name === 'Problem');
  return Layout({
    lang,
    title: `${t.title} — ${doc.info.title}`,
    url,
    children: (
      <>
        <link rel="stylesheet" href="/assets/docs.css" />
        <div class="docs">
          <h1>
            {t.title} <small>v{doc.info.version}</small>
          </h1>
          <p>{t.intro}</p>
          <p>
            {t.machine} <a href="/v1/openapi.json">/v1/openapi.json</a>
          </p>
          {lang === 'vi' ? <p class="note">{t.englishNote}</p> : null}
          <div class="token">
            <label for="docs-token">{t.tokenLabel}</label>
            <input id="docs-token" type="password" autocomplete="off" spellcheck={false} />
            <p class="help">{t.tokenHelp}</p>
          </div>
          <nav aria-label={t.sections} class="docs-nav">
            <ul>
              {tags.map((tag) => (
                <li>
                  <a href={`#${tagAnchor(tag)}`}>{tagName(tag, lang)}</a>
                </li>
              ))}
              <li>
                <a href={`#${schemaAnchor('Problem')}`}>{t.schemasHeading}</a>
              </li>
            </ul>
          </nav>
          {tags.map((tag) => (
            <section id={tagAnchor(tag)} aria-labelledby={`h-${tagAnchor(tag)}`}>
              <h2 id={`h-${tagAnchor(tag)}`}>
                {tagName(tag, lang)}
                {lang === 'vi' && TAG_VI[tag] ? (
                  <>
                    {' '}
                    <small lang="en">{tag}</small>
                  </>
                ) : null}
              </h2>
              {operations
                .filter((o) => (o.op.tags?.[0] ?? 'Other') === tag)
                .map(({ path, method, op }) => (
                  <OperationView method={method} path={path} op={op} doc={doc} t={t} lang={lang} />
                ))}
            </section>
          ))}
          <section aria-labelledby="h-schemas">
            <h2 id="h-schemas">{t.schemasHeading}</h2>
            {schemas.map(([name, schema]) => (
              <section id={schemaAnchor(name)} class="schema">
                <h3>
                  <code>{name}</code>
                </h3>
                <FieldTable rows={fieldRows(schema, doc, t)} caption={name} t={t} />
                <pre>{json(exampleOf(schema, doc))}</pre>
              </section>
            ))}
          </section>
        </div>
        <script src="/assets/docs.js"></script>
      </>
    ),
  });
}
