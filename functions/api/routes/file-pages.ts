/**
 * Evidence files for the pages (issue #22), with the session cookie instead of a bearer token:
 *
 * - `POST /files/uploads`: the forms script (functions/api/forms/enhance.ts) asks here for a
 *   presigned PUT, with the session's CSRF token in the form body (checked by the middleware
 *   before this runs). Same body as POST /v1/uploads (`name`, `type`, `size`, `sha256`, plus
 *   `_idem` as its Idempotency-Key), same schema, same FileService call; answers the same JSON
 *   ticket, or a problem naming the field. The bytes never come here.
 * - `GET /files/{id}`: a record's file, 303 to a 60-second URL like GET /v1/files/{id}, audited;
 *   the 404 page for a file one may not see.
 */
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import type { AppDeps } from '../context.js';
import { problemPage } from '../forms/action.js';
import { formFields, IDEMPOTENCY_FIELD } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { zodIssues } from '../problem.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { langOf } from '../views/dashboard/i18n.js';
import { UploadRequestBody } from './files.js';

export function filePageRoutes(deps: AppDeps) {
  const service = deps.services.files;
  const router = createRouter();
  router.use('/files/*', authenticate(deps));

  router.post('/files/uploads', async (c) => {
    c.header('cache-control', 'private, no-store');
    const fields = await formFields(c);
    const one = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string) : undefined);
    const size = one('size');
    const body = {
      ...(one('name') !== undefined ? { name: one('name') } : {}),
      ...(one('type') !== undefined ? { type: one('type') } : {}),
      ...(size !== undefined ? { size: /^\d{1,16}$/.test(size) ? Number(size) : size } : {}),
      ...(one('sha256') !== undefined ? { sha256: one('sha256') } : {}),
    };
    const checked = UploadRequestBody.safeParse(body);
    if (!checked.success) throw new ValidationError('The upload request has invalid fields.', zodIssues(checked.error, 'json'));
    const idem = one(IDEMPOTENCY_FIELD);
    const key = idem && /^[\x21-\x7e]{1,255}$/.test(idem) ? idem : undefined;
    const result = await service.requestUpload(c.get('actor'), checked.data, c.get('now'), key);
    if (result.replayed) c.header('idempotent-replayed', 'true');
    return c.json(result.body, 201);
  });

  router.get('/files/:id', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) return problemPage(c, lang, 404);
    try {
      const url = await service.download(c.get('actor'), id.data, c.get('now'));
      c.header('cache-control', 'no-store');
      return c.redirect(url, 303);
    } catch (error) {
      if (error instanceof NotFoundError) return problemPage(c, lang, 404);
      throw error;
    }
  });
  return router;
}
