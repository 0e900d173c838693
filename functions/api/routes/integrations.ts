/**
 * The signed e-office integration (issue #7). No bearer token: each call is verified by the
 * Standard Webhooks convention against the organisation's secret(s) before anything is read or
 * written. Order of checks: size (413), signature and timestamp window (401), JSON (400), fields
 * (400), then the use case; a replayed webhook-id gets the first answer again.
 */
import { createHash } from 'node:crypto';
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { verifyWebhook, WebhookRejected } from '../../../shared/adapters/webhook-signing.js';
import { parseInstant } from '../../../shared/domain/local-time.js';
import type { WebhookCall } from '../../../shared/services/document-service.js';
import type { AppDeps, AppEnv } from '../context.js';
import { problemResponse, validationProblem, zodIssues } from '../problem.js';
import { createRouter } from '../router.js';
import { IdSchema, declaredStatus, jsonBody, jsonResponse, problemResponses } from '../schemas/common.js';
import {
  DistributionBody,
  DistributionResultSchema,
  DocumentSchema,
  ExternalIdSchema,
  RegisterDocumentBody,
  WebhookHeaders,
} from '../schemas/document.js';
import { EofficeOutgoingBody, EofficeOutgoingStepBody, OutgoingDocumentSchema } from '../schemas/outgoing-document.js';
import { UploadRequestBody, UploadTicketSchema } from './files.js';
import { WEBHOOK_SCOPE } from '../../../shared/services/document-service.js';
import { eofficeOwner } from '../../../shared/services/file-service.js';
import type { EofficeSettings } from '../../../shared/adapters/webhook-secrets.js';

/** Largest e-office call accepted, unless the deployment sets another. */
export const DEFAULT_EOFFICE_MAX_BODY_BYTES = 64 * 1024;

const OrgQuery = z.object({
  org: IdSchema.optional().openapi({ description: 'The organisation (department) whose secret signs the call; the deployment’s first when absent' }),
});

const webhookSecurity = [{ standardWebhooks: [] }];
const webhookProblems = {
  400: problemResponses.problem('Malformed JSON, or invalid fields; `errors` names each'),
  401: problemResponses.problem('Missing or bad signature, or a timestamp more than 5 minutes off; nothing written'),
  404: problemResponses.problem('No such document registered'),
  413: problemResponses.problem('The body is larger than the limit'),
  422: problemResponses.problem('webhook-id reused with another body'),
  503: problemResponses.problem('The data store is unavailable; retry after the Retry-After seconds'),
} as const;

const registerDoc = createRoute({
  method: 'post',
  path: '/integrations/eoffice/documents',
  tags: ['E-office integration'],
  summary: 'Signed: an incoming document registered in the e-office system (D1 deadline, D2 register, D3 flag)',
  security: webhookSecurity,
  request: { query: OrgQuery, headers: WebhookHeaders, body: jsonBody(RegisterDocumentBody) },
  responses: {
    201: jsonResponse(DocumentSchema, 'Registered (a replay answers the same, with `idempotent-replayed: true`)'),
    200: jsonResponse(DocumentSchema, 'Already registered with the same details under another webhook-id (its files are not fetched again)'),
    409: problemResponses.problem('Already registered with other details'),
    ...webhookProblems,
    422: problemResponses.problem('webhook-id reused with another body; or a file refused (`body.files.<n>.url|type|sha256|name`, or `body.files.<n>` for an upload): a host not allowed, a redirect elsewhere, a forbidden type, too large, another hash; nothing written'),
    503: problemResponses.problem('A file host could not be reached, or the data store is unavailable; redeliver after Retry-After'),
  },
});

const eofficeUpload = createRoute({
  method: 'post',
  path: '/integrations/eoffice/uploads',
  tags: ['E-office integration'],
  summary: 'Signed: the e-office requests an upload (a presigned PUT with type, size and SHA-256 signed) and names its id in a document’s `files`',
  security: webhookSecurity,
  request: { query: OrgQuery, headers: WebhookHeaders, body: jsonBody(UploadRequestBody) },
  responses: {
    201: jsonResponse(UploadTicketSchema, 'The pending upload (owned by the e-office) and where to PUT the bytes; a redelivery answers the same upload with a fresh URL'),
    ...webhookProblems,
    409: problemResponses.problem('The webhook-id names an upload already kept by a document'),
    422: problemResponses.problem('webhook-id reused with another body, a file over the rulebook’s limit, or a name whose extension does not match its type'),
    503: problemResponses.problem('No file storage configured'),
  },
});

const distributionDoc = createRoute({
  method: 'post',
  path: '/integrations/eoffice/documents/{externalId}/distribution',
  tags: ['E-office integration'],
  summary: 'Signed: the deputy in charge of distribution assigns the document; each person or unit gets an assignment whose source is the document',
  security: webhookSecurity,
  request: {
    params: z.object({ externalId: ExternalIdSchema.openapi({ param: { name: 'externalId', in: 'path' } }) }),
    query: OrgQuery,
    headers: WebhookHeaders,
    body: jsonBody(DistributionBody),
  },
  responses: {
    201: jsonResponse(DistributionResultSchema, 'The document and the assignments made from it'),
    403: problemResponses.problem('The distributing deputy has no authority over an assignee (named); nothing written'),
    ...webhookProblems,
  },
});

const externalIdParam = z.object({ externalId: ExternalIdSchema.openapi({ param: { name: 'externalId', in: 'path' } }) });

const registerOutgoing = createRoute({
  method: 'post',
  path: '/integrations/eoffice/outgoing-documents',
  tags: ['E-office integration'],
  summary: 'Signed: an outgoing document drafted in the e-office system; the head of the drafting unit vets it next (D5, Điều 13.1)',
  security: webhookSecurity,
  request: { query: OrgQuery, headers: WebhookHeaders, body: jsonBody(EofficeOutgoingBody) },
  responses: {
    201: jsonResponse(OutgoingDocumentSchema, 'Registered as drafted (a replay answers the same, with `idempotent-replayed: true`)'),
    200: jsonResponse(OutgoingDocumentSchema, 'Already registered with the same details under another webhook-id'),
    409: problemResponses.problem('Already registered with other details (`body.externalId`)'),
    ...webhookProblems,
    422: problemResponses.problem('webhook-id reused with another body; or the unit is not the drafter’s, or has no head (`body.unitId`)'),
  },
});

const outgoingStep = createRoute({
  method: 'post',
  path: '/integrations/eoffice/outgoing-documents/{externalId}/steps',
  tags: ['E-office integration'],
  summary: 'Signed: a step the e-office took (vet, submit, check-form, sign, number, seal, send, file, return), with the same checks as a person’s step (D4, D5)',
  security: webhookSecurity,
  request: { params: externalIdParam, query: OrgQuery, headers: WebhookHeaders, body: jsonBody(EofficeOutgoingStepBody) },
  responses: {
    200: jsonResponse(OutgoingDocumentSchema, 'The document after the step (a replay answers the same, with `idempotent-replayed: true`)'),
    403: problemResponses.problem('The step is not `body.actorId`’s to take, or a signature outside his authority (D4: reported to the chief of office); nothing of the document written'),
    409: problemResponses.problem('The step is out of order (`body.action`), dated before the last step (`body.at`), the number is taken (`body.number`), or the seal is refused (D4)'),
    ...webhookProblems,
  },
});

interface Verified<T> {
  orgId: string;
  call: WebhookCall;
  body: T;
  settings: EofficeSettings | undefined;
}

async function verified<S extends z.ZodTypeAny>(c: Context<AppEnv>, deps: AppDeps, schema: S): Promise<Verified<z.output<S>> | Response> {
  const org = c.req.query('org');
  if (org !== undefined && !IdSchema.safeParse(org).success) {
    return validationProblem(c, [{ path: 'query.org', message: 'must be an organisation id' }]);
  }
  const orgId = org ?? deps.organisations.defaultOrgId;
  const settings = await deps.eoffice?.settings.settingsFor(orgId);
  const raw = await c.req.text();
  let webhookId: string;
  try {
    webhookId = verifyWebhook(settings?.secrets ?? [], raw, {
      ...(c.req.header('webhook-id') ? { id: c.req.header('webhook-id')! } : {}),
      ...(c.req.header('webhook-timestamp') ? { timestamp: c.req.header('webhook-timestamp')! } : {}),
      ...(c.req.header('webhook-signature') ? { signature: c.req.header('webhook-signature')! } : {}),
    }).id;
  } catch (error) {
    if (!(error instanceof WebhookRejected)) throw error;
    c.get('logger').warn('e-office call refused', { requestId: c.get('requestId'), orgId, reason: error.message });
    return problemResponse(c, 401, error.message);
  }
  if (!/^[\x21-\x7e]{1,255}$/.test(webhookId)) {
    return validationProblem(c, [{ path: 'header.webhook-id', message: 'must be 1-255 visible ASCII characters' }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const message = (error as Error).message;
    return problemResponse(c, 400, `The body is not valid JSON: ${message}`, { errors: [{ path: 'body', message: `Malformed JSON: ${message}` }] });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return validationProblem(c, zodIssues(parsed.error, 'json'));
  const requestHash = createHash('sha256').update(`${c.req.path}\n${raw}`).digest('hex');
  return { orgId, call: { webhookId, requestHash }, body: parsed.data, settings };
}

export function integrationRoutes(deps: AppDeps) {
  const router = createRouter();
  const maxBytes = deps.eoffice?.maxBodyBytes ?? DEFAULT_EOFFICE_MAX_BODY_BYTES;
  router.use(
    '/integrations/eoffice/*',
    bodyLimit({ maxSize: maxBytes, onError: (c) => problemResponse(c as Context<AppEnv>, 413, `An e-office call may carry at most ${maxBytes} bytes.`) }),
  );
  router.openAPIRegistry.registerComponent('securitySchemes', 'standardWebhooks', {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description:
      'Standard Webhooks (standardwebhooks.com): webhook-id, webhook-timestamp (Unix seconds, within 5 minutes of real time) and webhook-signature `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>">` with the organisation’s `whsec_` secret; several space-separated during a rotation.',
  });
  // Documented from the same zod schemas; validated in the handler after the signature, not before.
  for (const route of [registerDoc, distributionDoc, eofficeUpload, registerOutgoing, outgoingStep]) router.openAPIRegistry.registerPath(route);

  const documents = deps.services.documents;
  router.post('/integrations/eoffice/documents', async (c) => {
    const v = await verified(c, deps, RegisterDocumentBody);
    if (v instanceof Response) return v;
    const result = await documents.register(
      v.orgId,
      v.call,
      {
        externalId: v.body.externalId,
        ...(v.body.number ? { number: v.body.number } : {}),
        title: v.body.title,
        issuer: v.body.issuer,
        receivedAt: parseInstant(v.body.receivedAt)!,
        confidentiality: v.body.confidentiality,
        kind: v.body.kind,
        ...(v.body.files ? { files: v.body.files } : {}),
      },
      c.get('now'),
      v.settings?.files,
    );
    if (result.replayed) c.header('idempotent-replayed', 'true');
    return c.json(result.body, declaredStatus(result.status, [200, 201] as const));
  });
  router.post('/integrations/eoffice/uploads', async (c) => {
    const v = await verified(c, deps, UploadRequestBody);
    if (v instanceof Response) return v;
    const result = await deps.services.files.requestUpload(eofficeOwner(v.orgId), v.body, c.get('now'), v.call.webhookId, {
      scope: WEBHOOK_SCOPE,
      requestHash: v.call.requestHash,
    });
    if (result.replayed) c.header('idempotent-replayed', 'true');
    return c.json(result.body, 201);
  });
  router.post('/integrations/eoffice/documents/:externalId/distribution', async (c) => {
    const v = await verified(c, deps, DistributionBody);
    if (v instanceof Response) return v;
    const externalId = c.req.param('externalId');
    if (!ExternalIdSchema.safeParse(externalId).success) {
      return validationProblem(c, [{ path: 'path.externalId', message: 'must be 1-200 visible ASCII characters' }]);
    }
    const result = await documents.distribute(
      v.orgId,
      v.call,
      externalId,
      {
        assigneeIds: v.body.assigneeIds,
        distributedAt: parseInstant(v.body.distributedAt)!,
        ...(v.body.dueDate ? { dueDate: v.body.dueDate } : {}),
      },
      c.get('now'),
    );
    if (result.replayed) c.header('idempotent-replayed', 'true');
    return c.json(result.body, declaredStatus(result.status, [201] as const));
  });
  const outgoing = deps.services.outgoingDocuments;
  router.post('/integrations/eoffice/outgoing-documents', async (c) => {
    const v = await verified(c, deps, EofficeOutgoingBody);
    if (v instanceof Response) return v;
    const { fieldId, unitId, ...rest } = v.body;
    const result = await outgoing.registerFromEoffice(v.orgId, v.call, { ...rest, ...(fieldId ? { fieldId } : {}), ...(unitId ? { unitId } : {}) }, c.get('now'));
    if (result.replayed) c.header('idempotent-replayed', 'true');
    return c.json(result.body, declaredStatus(result.status, [200, 201] as const));
  });
  router.post('/integrations/eoffice/outgoing-documents/:externalId/steps', async (c) => {
    const v = await verified(c, deps, EofficeOutgoingStepBody);
    if (v instanceof Response) return v;
    const externalId = c.req.param('externalId');
    if (!ExternalIdSchema.safeParse(externalId).success) {
      return validationProblem(c, [{ path: 'path.externalId', message: 'must be 1-200 visible ASCII characters' }]);
    }
    const result = await outgoing.stepFromEoffice(v.orgId, v.call, externalId, { ...v.body, at: parseInstant(v.body.at)! }, c.get('now'));
    if (result.replayed) c.header('idempotent-replayed', 'true');
    return c.json(result.body, declaredStatus(result.status, [200] as const));
  });
  return router;
}
