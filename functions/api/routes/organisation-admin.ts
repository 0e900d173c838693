import { createRoute, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { CSV_TYPE, readSheet, SheetTooLargeError, UPLOAD_LIMITS, XLSX_TYPE } from '../../../shared/adapters/spreadsheet.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { requireStaffAdministrator, STAFF_IMPORT_COLUMNS } from '../../../shared/services/organisation-admin-service.js';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import {
  AddStaffBody,
  AddUnitBody,
  AmendmentBody,
  EndEmploymentBody,
  ImportResultSchema,
  ListProposalsQuery,
  ProposalBody,
  ProposalDecisionBody,
  ProposalSchema,
  StaffRecordSchema,
  UnitRecordSchema,
  UpdateStaffBody,
  UpdateUnitBody,
} from '../schemas/organisation-admin.js';
import {
  IdParam,
  IdempotencyHeaders,
  IfMatchHeaders,
  LocalDateSchema,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody,
  jsonResponse,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';

const tags = ['Administration'];
const problems = {
  ...authenticatedProblems,
  404: problemResponses.problem('No such record'),
  409: problemResponses.problem('Conflicts with the records'),
  412: problemResponses.problem('If-Match named a stale version'),
};

const listStaff = createRoute({
  method: 'get', path: '/admin/staff', tags, security,
  summary: 'Every staff record, ended ones too with includeEnded=true (chief of office, admin)',
  request: { query: z.object({ includeEnded: z.enum(['true', 'false']).optional() }).strict() },
  responses: { 200: jsonResponse(z.object({ items: z.array(StaffRecordSchema) }), 'Staff records'), ...problems },
});
const addStaff = createRoute({
  method: 'post', path: '/admin/staff', tags, security, summary: 'Add a person (creates their sign-in in AWS)',
  request: { body: jsonBody(AddStaffBody) },
  responses: { 201: jsonResponse(StaffRecordSchema, 'The record'), ...problems },
});
const updateStaff = createRoute({
  method: 'patch', path: '/admin/staff/{id}', tags, security, summary: 'Move a person to another unit, change their roles or details',
  request: { params: IdParam, body: jsonBody(UpdateStaffBody), headers: IfMatchHeaders },
  responses: { 200: jsonResponse(StaffRecordSchema, 'The record'), ...problems },
});
const endEmployment = createRoute({
  method: 'post', path: '/admin/staff/{id}/end-employment', tags, security,
  summary: 'End employment: the record and history stay; sign-in is disabled; open work goes to the successor',
  request: { params: IdParam, body: jsonBody(EndEmploymentBody) },
  responses: { 200: jsonResponse(z.object({ staff: StaffRecordSchema, handedOver: z.array(z.string()) }), 'The record and the assignments handed over'), ...problems },
});
const importStaff = createRoute({
  method: 'post', path: '/admin/staff/import', tags, security,
  summary: `Bulk import from CSV (, or ;) or XLSX (columns: Mã, Họ và tên, Đơn vị, Vai trò, Thư điện tử); dryRun=true reports each row. At most ${UPLOAD_LIMITS.maxRows} rows; an XLSX may unpack to ${UPLOAD_LIMITS.maxUnpackedBytes / 1024 / 1024} MB`,
  request: {
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }).strict(),
    body: { required: true, content: { [CSV_TYPE]: { schema: z.string() }, [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } } },
  },
  responses: {
    200: jsonResponse(ImportResultSchema, 'Row by row'),
    ...problems,
    413: problemResponses.problem('The file is over a limit (size, unpacked size, rows or columns)'),
    415: problemResponses.problem('Send text/csv or an XLSX workbook'),
    422: problemResponses.problem('Some rows are invalid: nothing was imported'),
  },
});
const addUnit = createRoute({
  method: 'post', path: '/admin/units', tags, security, summary: 'Add a unit',
  request: { body: jsonBody(AddUnitBody) },
  responses: { 201: jsonResponse(UnitRecordSchema, 'The unit'), ...problems },
});
const updateUnit = createRoute({
  method: 'patch', path: '/admin/units/{id}', tags, security, summary: 'Rename a unit or change which deputy director oversees it',
  request: { params: IdParam, body: jsonBody(UpdateUnitBody), headers: IfMatchHeaders },
  responses: { 200: jsonResponse(UnitRecordSchema, 'The unit'), ...problems },
});
const getRulebook = createRoute({
  method: 'get', path: '/rulebook', tags: ['Rulebook'], security,
  summary: 'The rulebook version in force on a date (today by default) and the history of versions',
  request: { query: z.object({ on: LocalDateSchema.optional() }).strict() },
  responses: {
    200: jsonResponse(
      z.object({
        on: z.string(),
        version: z.number().int(),
        effectiveFrom: z.string(),
        rulebook: z.record(z.string(), z.unknown()),
        history: z.array(z.object({ version: z.number().int(), effectiveFrom: z.string(), recordedAt: z.string(), recordedBy: z.string().optional(), reason: z.string().optional() })),
      }),
      'The rulebook',
    ),
    ...authenticatedProblems,
  },
});
const amend = createRoute({
  method: 'post', path: '/rulebook/amendments', tags: ['Rulebook'], security,
  summary: 'Propose an amendment of the rulebook from a date (the Office: chief of office, admin; Điều 25.2): a merge patch checked by the schema, in force only once the director approves it at POST /v1/admin/proposals/{id}/decision',
  request: { body: jsonBody(AmendmentBody), headers: IdempotencyHeaders },
  responses: {
    201: jsonResponse(ProposalSchema, 'The proposal (kind rulebook-amendment), waiting for the director'),
    ...problems,
    422: problemResponses.problem('Idempotency-Key reused with another body'),
  },
});

const SOD = ' (separation of duties: the Office proposes, the director decides; nobody about themselves)';
const propose = createRoute({
  method: 'post', path: '/admin/proposals', tags, security,
  summary: `Propose a change of leadership roles, of the unit of their holder, or of a unit's oversight${SOD}`,
  request: { body: jsonBody(ProposalBody), headers: IdempotencyHeaders },
  responses: {
    201: jsonResponse(ProposalSchema, 'The proposal, waiting for the director'),
    ...problems,
    409: problemResponses.problem('Another proposal about the same record is still open'),
    422: problemResponses.problem('Idempotency-Key reused with another body'),
  },
});
const listProposals = createRoute({
  method: 'get', path: '/admin/proposals', tags, security,
  summary: 'The newest proposals first (the Office, the director, the chief inspector)',
  request: { query: ListProposalsQuery },
  responses: { 200: jsonResponse(z.object({ items: z.array(ProposalSchema) }), 'Proposals'), ...problems },
});
const getProposal = createRoute({
  method: 'get', path: '/admin/proposals/{id}', tags, security, summary: 'One proposal and its decision',
  request: { params: IdParam },
  responses: { 200: jsonResponse(ProposalSchema, 'The proposal'), ...problems },
});
const decide = createRoute({
  method: 'post', path: '/admin/proposals/{id}/decision', tags, security,
  summary: `The director approves or rejects a proposal; an approval applies it in the same transaction, and is refused when it would leave zero or two directors${SOD}`,
  request: { params: IdParam, body: jsonBody(ProposalDecisionBody) },
  responses: { 200: jsonResponse(ProposalSchema, 'The decided proposal'), ...problems, 409: problemResponses.problem('Already decided, or no longer fits the records') },
});

export function organisationAdminRoutes(deps: AppDeps) {
  const admin = deps.services.organisationAdmin;
  return createRouter()
    .openapi(listStaff, async (c) =>
      c.json({ items: await admin.listStaff(c.get('actor'), c.req.valid('query').includeEnded === 'true', c.get('now')) }, 200),
    )
    .openapi(addStaff, async (c) => c.json((await admin.addStaff(c.get('actor'), c.req.valid('json'), c.get('now'))), 201))
    .openapi(updateStaff, async (c) =>
      c.json(
        (await admin.updateStaff(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(endEmployment, async (c) => {
      const body = c.req.valid('json');
      return c.json((await admin.endEmployment(c.get('actor'), c.req.valid('param').id, { endedOn: body.endedOn, successorId: body.successorId, ...(body.note ? { note: body.note } : {}) }, c.get('now'))), 200);
    })
    .openapi(importStaff, async (c) => {
      // Authorise before the body is read: this route's validators check only the query (the
      // body is neither JSON nor a form), so a caller who may not import never has a byte read.
      requireStaffAdministrator(c.get('actor').roles);
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const format = type === CSV_TYPE ? 'csv' : type === XLSX_TYPE ? 'xlsx' : undefined;
      if (!format) throw new ValidationError('Send the file as text/csv or as an XLSX workbook.', [{ path: 'header.content-type', message: `expected ${CSV_TYPE} or ${XLSX_TYPE}` }]);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      let rows;
      try {
        rows = await readSheet(bytes, format, STAFF_IMPORT_COLUMNS);
      } catch (error) {
        if (error instanceof SheetTooLargeError) throw new HTTPException(413, { message: error.message });
        if (error instanceof ValidationError) throw error;
        throw new ValidationError(`The file could not be read as ${format.toUpperCase()}.`, [{ path: 'body', message: `not a readable ${format} file` }]);
      }
      return c.json((await admin.importStaff(c.get('actor'), rows, c.req.valid('query').dryRun === 'true', c.get('now'))), 200);
    })
    .openapi(addUnit, async (c) => c.json((await admin.addUnit(c.get('actor'), c.req.valid('json'), c.get('now'))), 201))
    .openapi(updateUnit, async (c) =>
      c.json(
        (await admin.updateUnit(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(getRulebook, async (c) => c.json((await admin.rulebook(c.get('actor'), c.req.valid('query').on, c.get('now'))), 200))
    .openapi(amend, async (c) => {
      const result = await admin.proposeAmendment(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(propose, async (c) => {
      const result = await admin.propose(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(listProposals, async (c) => {
      const q = c.req.valid('query');
      return c.json({ items: await admin.listProposals(c.get('actor'), { ...(q.status ? { status: q.status } : {}), limit: q.limit }, c.get('now')) }, 200);
    })
    .openapi(getProposal, async (c) => c.json((await admin.getProposal(c.get('actor'), c.req.valid('param').id, c.get('now'))), 200))
    .openapi(decide, async (c) => {
      const body = c.req.valid('json');
      return c.json((await admin.decideProposal(c.get('actor'), c.req.valid('param').id, { approve: body.approve, ...(body.note ? { note: body.note } : {}) }, c.get('now'))), 200);
    });
}
