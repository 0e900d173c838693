import type { AppDeps } from '../context.js';
import { groupsFor, mountGroups } from '../route-groups.js';
import { createRouter } from '../router.js';
import { DocsPage, type OpenApiDocument } from '../views/docs.js';
import { pageLanguage } from '../views/meeting-page.js';

export const API_TITLE = 'Quy chế làm việc tracker API';
export const API_VERSION = '1.0.0';

const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: API_TITLE,
    version: API_VERSION,
    description:
      'Assignments, reports, meetings and compliance findings under the working regulation of a Vietnamese provincial department. Errors are RFC 9457 problem+json.',
  },
} as const;

/** The OpenAPI document of every group this deployment mounts, in their order. */
export async function openApiDocument(deps: AppDeps) {
  const all = createRouter();
  await mountGroups(all, groupsFor(deps), deps);
  all.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito (or the province’s OIDC provider) in AWS; POST /dev/token in local mode.',
  });
  return all.getOpenAPI31Document({ ...OPENAPI_CONFIG, info: { ...OPENAPI_CONFIG.info } });
}

/**
 * GET /v1/openapi.json and the API reference (/docs), server-rendered from it, Vietnamese first
 * (?lang=en), its script and style from /assets. The document loads every group, so it is built
 * on its own first request, never at cold start, and kept: it is the same for everyone.
 */
export function referenceRoutes(deps: AppDeps) {
  let document: ReturnType<typeof openApiDocument> | undefined;
  const documentOnce = () => {
    document ??= openApiDocument(deps).catch((error: unknown) => {
      document = undefined;
      throw error;
    });
    return document;
  };
  const docsHtml = new Map<string, string>();
  return createRouter()
    .get('/v1/openapi.json', async (c) => c.json(await documentOnce()))
    .get('/docs', async (c) => {
      const lang = pageLanguage(c.req.query('lang'));
      let html = docsHtml.get(lang);
      if (html === undefined) {
        // The page reads the document as /v1/openapi.json serves it, as JSON (views/docs.tsx names the parts it shows), and a copy: it may not change the one served.
        const doc: OpenApiDocument = JSON.parse(JSON.stringify(await documentOnce()));
        html = String(await DocsPage({ doc, lang, url: lang === 'en' ? '/docs?lang=en' : '/docs' }));
        docsHtml.set(lang, html);
      }
      return c.html(html);
    });
}
