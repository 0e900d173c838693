import { z } from '@hono/zod-openapi';
import { ROLES } from '../../../shared/rulebook/roles.js';
import { LocalizedTextSchema } from './common.js';

// The rulebook's list, not its schema (which a request would build whole: issue #20).
const roleSchema = z.enum(ROLES);

export const StaffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    unitId: z.string(),
    roles: z.array(roleSchema),
    title: LocalizedTextSchema.optional(),
  })
  .openapi('Staff');

export const OrganisationSchema = z
  .object({
    id: z.string(),
    name: LocalizedTextSchema,
    shortName: LocalizedTextSchema,
    province: z.object({ id: z.string(), name: LocalizedTextSchema }),
    timeZone: z.string(),
    goLiveOn: z.string().optional().openapi({ description: 'Go-live: nothing before this local day is owed or counted (docs/go-live.md)', example: '2026-12-03' }),
    rulebookVersion: z.number().int(),
    units: z.array(
      z.object({
        id: z.string(),
        name: LocalizedTextSchema,
        kind: z.string(),
        headId: z.string().nullable(),
        overseenBy: z.string().nullable(),
      }),
    ),
    staff: z.array(StaffSchema),
    leaders: z.array(
      z.object({
        staffId: z.string(),
        name: z.string(),
        article: z.string(),
        unitsOverseen: z.array(z.string()),
        fields: z.array(z.object({ id: z.string(), name: LocalizedTextSchema })),
        districts: z.array(z.object({ id: z.string(), name: z.union([LocalizedTextSchema, z.string()]) })),
      }),
    ),
  })
  .openapi('Organisation');
