/** @jsxImportSource hono/jsx */
// A server-rendered browser for the OpenAPI document. Swagger UI would need a CDN (blocked by the
// CSP and by offline machines) or a 1.4 MB bundle in the Lambda, so the page renders it itself.

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function DocsPage({ doc }: { doc: OpenApiDocument }) {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Operation })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'Other'))];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.info.title} — API`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <main class="docs">
          <h1>
            {doc.info.title} <small>v{doc.info.version}</small>
          </h1>
          {doc.info.description ? <p>{doc.info.description}</p> : null}
          <p>
            Machine-readable document: <a href="/v1/openapi.json">/v1/openapi.json</a>
          </p>
          <nav aria-label="Sections">
            <ul>
              {tags.map((tag) => (
                <li>
                  <a href={`#${encodeURIComponent(tag)}`}>{tag}</a>
                </li>
              ))}
            </ul>
          </nav>
          {tags.map((tag) => (
            <section id={tag} aria-labelledby={`h-${tag}`}>
              <h2 id={`h-${tag}`}>{tag}</h2>
              {operations
                .filter((o) => (o.op.tags?.[0] ?? 'Other') === tag)
                .map(({ path, method, op }) => (
                  <details class="operation">
                    <summary>
                      <code class={`method ${method}`}>{method.toUpperCase()}</code> <code>{path}</code>{' '}
                      {op.summary ?? ''} {op.security?.length ? <span class="lock">🔒 bearer</span> : null}
                    </summary>
                    {op.description ? <p>{op.description}</p> : null}
                    {op.parameters?.length ? (
                      <table>
                        <caption>Parameters</caption>
                        <thead>
                          <tr>
                            <th scope="col">name</th>
                            <th scope="col">in</th>
                            <th scope="col">required</th>
                            <th scope="col">schema</th>
                          </tr>
                        </thead>
                        <tbody>
                          {op.parameters.map((p) => (
                            <tr>
                              <td>
                                <code>{p.name}</code>
                              </td>
                              <td>{p.in}</td>
                              <td>{p.required ? 'yes' : 'no'}</td>
                              <td>
                                <code>{JSON.stringify(p.schema ?? {})}</code>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ) : null}
                    {op.requestBody?.content
                      ? Object.entries(op.requestBody.content).map(([type, media]) => (
                          <div>
                            <h3>Request body ({type})</h3>
                            <pre>{JSON.stringify(media.schema ?? {}, null, 2)}</pre>
                          </div>
                        ))
                      : null}
                    <h3>Responses</h3>
                    <ul>
                      {Object.entries(op.responses ?? {}).map(([status, r]) => (
                        <li>
                          <code>{status}</code> {r.description ?? ''}
                        </li>
                      ))}
                    </ul>
                  </details>
                ))}
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}
