/** The year-end lists of the evaluation cycle (issue #23; E1, Điều 24): unit ratings and the emulation list. */
import { z } from '@hono/zod-openapi';
import { EVALUATION_LEVEL_IDS, EVALUATION_STEP_IDS } from '../../../shared/rulebook/kinds.js';
import { LocalizedTextSchema } from './common.js';

const Level = z.enum(EVALUATION_LEVEL_IDS);
const Year = z.string().regex(/^\d{4}$/, 'must be a year such as 2026').openapi({ example: '2026', description: 'The year rated (a year such as 2026); anything else is a 400 naming `query.year`' });
const Lang = z.enum(['vi', 'en']).optional().openapi({ description: 'The files’ language: Vietnamese unless `en`' });

export const UnitRatingsQuery = z.object({ year: Year, format: z.enum(['json', 'xlsx']).default('json'), lang: Lang }).strict();
export const EmulationQuery = z.object({ year: Year, format: z.enum(['json', 'xlsx', 'pdf']).default('json'), lang: Lang }).strict();

const Header = {
  year: z.string(),
  organisation: z.object({ id: z.string(), name: LocalizedTextSchema, province: LocalizedTextSchema }),
  asOf: z.string(),
  levels: z.array(z.object({ id: Level, name: LocalizedTextSchema })),
};
const Person = {
  staffId: z.string(),
  name: z.string(),
  unitId: z.string(),
  unit: LocalizedTextSchema,
  title: LocalizedTextSchema.openapi({ description: 'The official title(s) of the person’s roles' }),
};
const count = z.number().int();

const HeadLevel = z
  .union([
    z.object({ status: z.enum(['published', 'decided']), level: Level, at: z.string() }),
    z.object({ status: z.literal('proposed'), level: Level, step: z.enum(['self-assessment', 'head-comment', 'board-review']), at: z.string() }),
  ])
  .nullable()
  .openapi({ description: 'The head’s yearly level: decided (published or not), else the latest proposal and its step, else null' });

export const UnitRatingsSchema = z
  .object({
    ...Header,
    units: z.array(
      z.object({
        unitId: z.string(),
        name: LocalizedTextSchema,
        kind: z.string(),
        assignments: z.object({
          assigned: count,
          completedOnTime: count,
          completedAfterExtension: count,
          completedLate: count,
          overdue: count,
          onTimeRate: z.number().nullable().openapi({ description: 'The dashboard’s on-time rate: (on time + after extension) / (completed + overdue); null when nothing settled' }),
        }),
        reports: z.object({ due: count, onTime: count, late: count, missing: count }),
        head: z.object({ ...Person, level: HeadLevel }).nullable(),
      }),
    ),
  })
  .openapi('UnitRatings');

export const EmulationListSchema = z
  .object({
    ...Header,
    titles: z.array(
      z.object({
        id: z.string(),
        name: LocalizedTextSchema,
        minimumLevel: Level,
        requirement: LocalizedTextSchema.optional(),
        basis: z.string(),
        people: z.array(
          z.object({
            ...Person,
            level: Level.openapi({ description: 'The decided yearly level' }),
            published: z.boolean(),
            months: z.array(z.object({ period: z.string(), level: Level })).openapi({ description: 'The monthly levels decided in the year' }),
          }),
        ),
      }),
    ),
    undecided: z
      .array(z.object({ ...Person, stage: z.enum(['none', ...EVALUATION_STEP_IDS]) }))
      .openapi({ description: 'Chưa có quyết định xếp loại: the people rated with no decision on the year the reader may see, and the step each stands at' }),
  })
  .openapi('EmulationList');
