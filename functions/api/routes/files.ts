import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import {
  IdParam,
  IdempotencyHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  problemResponses,
  text,
} from '../schemas/common.js';
import { ALLOWED_FILE_TYPES } from '../../../shared/domain/files.js';

/** The upload request; the pages' upload route (file-pages.ts) validates its form with it too. */
export const UploadRequestBody = z
  .object({
    name: text(255).min(1).openapi({ description: 'The file name, with its extension (e.g. bien-ban.pdf)' }),
    type: z.enum(Object.keys(ALLOWED_FILE_TYPES) as [string, ...string[]]).openapi({ description: 'The media type: PDF, Office documents, images, plain text or ZIP' }),
    size: z.number().int().min(1).openapi({ description: 'Bytes; at most the rulebook’s files.maxBytes (25 MB by default)' }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 is 64 lower-case hexadecimal characters').openapi({ description: 'Lower-case hex SHA-256 of the bytes' }),
  })
  .strict()
  .openapi('UploadRequest');

export const UploadTicketSchema = z
  .object({
    id: z.string().openapi({ description: 'The upload id: name it in a record’s `files` to attach it' }),
    status: z.literal('pending'),
    name: z.string(),
    type: z.string(),
    size: z.number(),
    sha256: z.string(),
    upload: z.object({
      url: z.string().openapi({ description: 'Presigned S3 PUT; type, length and checksum are in its signature' }),
      method: z.literal('PUT'),
      headers: z.record(z.string(), z.string()).openapi({ description: 'Send exactly these headers with the bytes' }),
      expiresAt: z.string(),
    }),
  })
  .openapi('UploadTicket');

const requestUpload = createRoute({
  method: 'post',
  path: '/uploads',
  tags: ['Files'],
  summary: 'Request an upload: a presigned PUT for one file (type, size and SHA-256 signed); pending until a record uses it',
  security,
  request: { body: json(UploadRequestBody), headers: IdempotencyHeaders },
  responses: {
    201: ok(UploadTicketSchema, 'The pending upload and where to PUT the bytes'),
    ...authenticatedProblems,
    409: problemResponses.problem('Idempotency-Key of an upload already used by a record'),
    422: problemResponses.problem('A file over the rulebook’s limit, or a name whose extension does not match its type'),
    503: problemResponses.problem('No file storage configured'),
  },
});

const download = createRoute({
  method: 'get',
  path: '/files/{id}',
  tags: ['Files'],
  summary: 'Download a record’s file: 303 to a presigned URL valid for 60 seconds; audited',
  security,
  request: { params: IdParam },
  responses: {
    303: { description: 'Location: the short-lived download URL' },
    ...authenticatedProblems,
    404: problemResponses.problem('No such file, a pending upload, or a record the caller may not see'),
    409: problemResponses.problem('Found infected, or unreadable by the malware scan: never served'),
    503: problemResponses.problem('Still being scanned for malware, or no file storage configured'),
  },
});

export function fileRoutes(deps: AppDeps) {
  const service = deps.services.files;
  return createRouter()
    .openapi(requestUpload, async (c) => {
      const result = await service.requestUpload(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(download, async (c) => {
      const url = await service.download(c.get('actor'), c.req.valid('param').id, c.get('now'));
      c.header('cache-control', 'no-store');
      return c.redirect(url, 303);
    });
}
