import { z } from '@hono/zod-openapi';
import { ROLES, UNIT_KINDS } from '../../../shared/rulebook/roles.js';
import { IdSchema, LocalDateSchema, LocalizedTextSchema, text } from './common.js';

// The rulebook's lists, not its schema (which a request would build whole: issue #20).
const roleSchema = z.enum(ROLES);
const unitKindSchema = z.enum(UNIT_KINDS);

const StaffIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes');
const Localized = z.object({ vi: text(200).min(1), en: text(200).min(1) }).strict();

export const StaffRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    unitId: z.string(),
    roles: z.array(roleSchema),
    title: LocalizedTextSchema.optional(),
    email: z.string().optional(),
    active: z.boolean(),
    endedOn: z.string().optional(),
    successorId: z.string().optional(),
    version: z.number().int(),
  })
  .openapi('StaffRecord');

export const AddStaffBody = z
  .object({
    id: StaffIdSchema.optional(),
    name: text(200).min(1),
    unitId: IdSchema,
    roles: z.array(roleSchema).min(1).max(5),
    title: Localized.optional(),
    email: z.string().email().max(254).optional(),
  })
  .strict()
  .openapi('AddStaff');

export const UpdateStaffBody = AddStaffBody.omit({ id: true }).partial().strict().openapi('UpdateStaff');

export const EndEmploymentBody = z
  .object({ endedOn: LocalDateSchema, successorId: StaffIdSchema, note: text(2000).optional() })
  .strict()
  .openapi('EndEmployment');

export const UnitRecordSchema = z
  .object({ id: z.string(), name: LocalizedTextSchema, kind: unitKindSchema, overseenBy: z.string().nullable(), version: z.number().int() })
  .openapi('UnitRecord');

export const AddUnitBody = z
  .object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/), name: Localized, kind: unitKindSchema, overseenBy: StaffIdSchema.nullable() })
  .strict()
  .openapi('AddUnit');

export const UpdateUnitBody = z.object({ name: Localized.optional(), overseenBy: StaffIdSchema.nullable().optional() }).strict().openapi('UpdateUnit');

export const ImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    valid: z.boolean(),
    imported: z.number().int(),
    rows: z.array(
      z.object({
        line: z.number().int(),
        id: z.string(),
        name: z.string(),
        ok: z.boolean(),
        alreadyImported: z.boolean(),
        errors: z.array(z.object({ path: z.string(), message: z.string() })),
      }),
    ),
  })
  .openapi('StaffImportResult');

export const AmendmentBody = z
  .object({
    effectiveFrom: LocalDateSchema,
    reason: text(2000).min(1),
    changes: z.record(z.string(), z.unknown()).openapi({ description: 'A JSON Merge Patch (RFC 7396) of the rulebook in force on effectiveFrom' }),
  })
  .strict()
  .openapi('RulebookAmendment');

// ---------------------------------------------------------------------------------------
// Proposals of the Office, decided by the director (separation of duties)

const reason = text(2000).min(1).openapi({ description: 'Why, e.g. the personnel decision it carries out' });

export const ProposalBody = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('staff-change'),
        staffId: StaffIdSchema,
        roles: z.array(roleSchema).min(1).max(5).optional(),
        unitId: IdSchema.optional(),
        reason,
      })
      .strict(),
    z.object({ kind: z.literal('unit-oversight'), unitId: IdSchema, overseenBy: StaffIdSchema, reason }).strict(),
  ])
  .openapi('ProposalInput', {
    description: 'A change of roles or unit (staff-change) or of which leader oversees a unit (unit-oversight); rulebook amendments are proposed at POST /v1/rulebook/amendments',
  });

/** What a proposal would change, by its kind. */
const ProposalSubjectSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('staff-change'), staffId: z.string(), baseVersion: z.number().int(), roles: z.array(roleSchema).optional(), unitId: z.string().optional() }),
    z.object({ kind: z.literal('unit-oversight'), unitId: z.string(), baseVersion: z.number().int(), overseenBy: z.string() }),
    z.object({
      kind: z.literal('rulebook-amendment'),
      effectiveFrom: z.string(),
      changes: z.record(z.string(), z.unknown()).openapi({ description: 'A JSON Merge Patch (RFC 7396) of the rulebook in force on effectiveFrom' }),
    }),
  ])
  .openapi('ProposalSubject', { description: 'What would change: {staffId, roles?, unitId?, baseVersion}, {unitId, overseenBy, baseVersion} or {effectiveFrom, changes}' });

export const ProposalSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['staff-change', 'unit-oversight', 'rulebook-amendment']),
    subject: ProposalSubjectSchema,
    reason: z.string(),
    status: z.enum(['proposed', 'approved', 'rejected']),
    proposedBy: z.string(),
    proposedAt: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    note: z.string().optional(),
    outcome: z.record(z.string(), z.unknown()).optional(),
    version: z.number().int(),
  })
  .openapi('Proposal');

export const ProposalDecisionBody = z
  .object({ approve: z.boolean(), note: text(2000).optional() })
  .strict()
  .openapi('ProposalDecision');

export const ListProposalsQuery = z
  .object({
    status: z.enum(['proposed', 'approved', 'rejected']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
