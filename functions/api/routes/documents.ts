import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import { IdParam, authenticatedProblems, bearerSecurity as security, jsonResponse as ok, pageOf, problemResponses } from '../schemas/common.js';
import { DocumentSchema, DocumentWithHistorySchema, FlagSchema, ListDocumentsQuery } from '../schemas/document.js';

const list = createRoute({
  method: 'get',
  path: '/documents',
  tags: ['Documents'],
  summary: 'Incoming documents the caller may see, newest first; `register=confidential` is the separate register (D2)',
  security,
  request: { query: ListDocumentsQuery },
  responses: { 200: ok(pageOf(DocumentSchema), 'One page'), ...authenticatedProblems },
});

const flags = createRoute({
  method: 'get',
  path: '/documents/flags',
  tags: ['Documents'],
  summary: 'Flags raised for the caller: complaint and denunciation letters reported to the director (D3)',
  security,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(2048).optional() }).strict() },
  responses: { 200: ok(pageOf(FlagSchema), 'Newest first'), ...authenticatedProblems },
});

const get = createRoute({
  method: 'get',
  path: '/documents/{id}',
  tags: ['Documents'],
  summary: 'An incoming document with its history; 404 when it does not exist or the caller may not see it (D2)',
  security,
  request: { params: IdParam },
  responses: {
    200: ok(DocumentWithHistorySchema, 'The document'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such document, or not visible to the caller'),
  },
});

export function documentRoutes(deps: AppDeps) {
  const service = deps.services.documents;
  return createRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const result = await paginate(deps, c, q, (cursor) =>
        service.list(
          c.get('actor'),
          {
            register: q.register,
            ...(q.receivedFrom ? { receivedFrom: q.receivedFrom } : {}),
            ...(q.receivedTo ? { receivedTo: q.receivedTo } : {}),
            limit: q.limit,
            ...(cursor ? { cursor } : {}),
          },
          c.get('now'),
        ),
      );
      return c.json(result, 200);
    })
    .openapi(flags, async (c) => {
      const q = c.req.valid('query');
      return c.json((await paginate(deps, c, q, (cursor) => service.flags(c.get('actor'), q.limit, cursor))), 200);
    })
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id, c.get('now'))), 200));
}
