/** Roles, units, staff, leaders: the organisation (Điều 3, 4). Part of the rulebook schema; `schema.ts` re-exports it. */
import { z } from 'zod';
import { HEAD_ROLE, ROLES, ROLE_UNIT_KINDS, UNIT_KINDS, roleTitle, unitDeputyRole, unitHeadRole } from './roles.js';
import { articleSchema, idSchema, localizedTextSchema } from './schema-scalars.js';

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

export { HEAD_ROLE, ROLE_UNIT_KINDS, roleTitle, unitDeputyRole, unitHeadRole };

export const BOARD_ROLES: readonly Role[] = ['director', 'deputy-director'];

export const unitSchema = z
  .object({
    id: idSchema,
    name: localizedTextSchema,
    kind: unitKindSchema,
    /** The one leader (director or a deputy) who oversees the unit; null for the board. */
    overseenBy: idSchema.nullable(),
    /** The article setting the unit's responsibilities. */
    article: articleSchema,
  })
  .strict();
export type Unit = z.infer<typeof unitSchema>;

export const staffSchema = z
  .object({
    id: idSchema,
    name: z.string().trim().min(1),
    unitId: idSchema,
    roles: z.array(roleSchema).min(1),
    /** The title as printed, where the role's generic name is not what the person is called. */
    title: localizedTextSchema.optional(),
    email: z.email().optional(),
  })
  .strict();
export type StaffMember = z.infer<typeof staffSchema>;

/** How a unit kind's head and deputy are called (the ICT Centre's head is its Giám đốc Trung tâm, not a Trưởng phòng). */
export const unitTitlesSchema = z.object({ head: localizedTextSchema, deputy: localizedTextSchema }).strict();

/** A rule of DOMAIN.md as people read it: its id and article, a title and a description in both languages. */
export const ruleTextSchema = z
  .object({
    id: z.string().regex(/^[A-Z]\d{1,2}$/, "must be a rule id such as 'A6'"),
    article: articleSchema,
    title: localizedTextSchema,
    description: localizedTextSchema,
  })
  .strict();
export type RuleText = z.infer<typeof ruleTextSchema>;

export const fieldSchema = z.object({ id: idSchema, name: localizedTextSchema }).strict();
export type Field = z.infer<typeof fieldSchema>;

export const districtSchema = z.object({ id: idSchema, name: localizedTextSchema }).strict();
export type District = z.infer<typeof districtSchema>;

/** A leader's portfolio (Điều 3.3.2, 4.2.1, 4.2.2); the units overseen are in `units[].overseenBy`. */
export const leaderSchema = z
  .object({
    staffId: idSchema,
    article: articleSchema,
    fields: z.array(idSchema),
    districts: z.array(idSchema),
    /** May receive the director's delegation while the director is away (A2). */
    standsInForDirector: z.boolean().optional(),
    /** Holder of the organisation's account: the director, or a deputy when authorised. */
    accountHolder: z.enum(['main', 'second-when-authorised']).optional(),
  })
  .strict();
export type Leader = z.infer<typeof leaderSchema>;
