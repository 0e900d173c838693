/** @jsxImportSource hono/jsx */
// The API reference, server-rendered from the OpenAPI document: every operation with its
// parameters, request and response bodies (fields, types, required, enums, examples) and a form
// to try it with a token (/assets/docs.js). Swagger UI would need a CDN (blocked by the CSP and
// by offline machines) or a 1.4 MB bundle in the Lambda; this page needs neither.
import type { Lang } from './dashboard/i18n.js';
import { constraintsOf, exampleOf, fieldRows, METHODS, refName, resolve, typeLabel, type Media, type OpenApiDocument, type Operation, type Row } from './docs-schema.js';
import { TAG_VI, TEXT, tagName, type Text } from './docs-text.js';
import { RESPONSE_VI, SUMMARY_VI } from './docs-vi.js';
import { Layout } from './layout.js';

export type { OpenApiDocument } from './docs-schema.js';

/** A stable anchor for an operation: `op-post-v1-assignments-id-complete`. */
export function operationAnchor(method: string, path: string): string {
  return `op-${method}-${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}
const tagAnchor = (tag: string) => `tag-${tag.replace(/[^A-Za-z0-9]+/g, '-')}`;
const schemaAnchor = (name: string) => `schema-${name}`;


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
