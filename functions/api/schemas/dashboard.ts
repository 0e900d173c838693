import { z } from '@hono/zod-openapi';
import { FIGURES } from '../../../shared/domain/dashboard.js';
import { parsePeriod } from '../../../shared/domain/periods.js';
import { IdSchema, LocalizedTextSchema } from './common.js';
import { RuleIdSchema } from './finding.js';

export const PeriodSchema = z
  .string()
  .max(10)
  .refine((p) => parsePeriod(p) !== undefined, 'must be a period such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026')
  .openapi({ example: '2026-11', description: 'A week, month, quarter, half or year; the current month when absent' });

const scopeFields = {
  period: PeriodSchema.optional(),
  unitId: IdSchema.optional().openapi({ description: 'One unit (within what the caller may see)' }),
  staffId: IdSchema.optional().openapi({ description: 'One person (oneself, or someone of a unit the caller may see)' }),
};

export const DashboardQuerySchema = z.object(scopeFields).strict();

export const RecordsQuerySchema = z
  .object({
    ...scopeFields,
    figure: z.enum(FIGURES).openapi({ description: 'The figure whose records to list' }),
    rule: RuleIdSchema.optional().openapi({ description: 'Findings of one rule only' }),
    cursor: z.string().max(4096).optional(),
  })
  .strict();

export const ExportQuerySchema = z
  .object({
    ...scopeFields,
    format: z.enum(['csv', 'xlsx']).default('xlsx'),
    lang: z.enum(['vi', 'en']).optional().openapi({ description: 'The headers’ language: Vietnamese unless `en`.' }),
  })
  .strict();

const count = z.number().int();

export const FiguresSchema = z
  .object({
    assignments: z.object({
      assigned: count,
      open: count,
      withinDeadline: count,
      dueSoon: count,
      overdue: count,
      completedOnTime: count,
      completedAfterExtension: count,
      completedLate: count,
      cancelled: count,
      onTimeRate: z.number().nullable().openapi({ description: '(on time + on time after extension) / (every completion + overdue); null when none' }),
    }),
    reports: z.object({ due: count, onTime: count, late: count, missing: count, pending: count }),
    meetings: z.object({ held: count, withConclusions: count, conclusionsOnTime: count, conclusionsLate: count }),
    findings: z.object({
      detected: count,
      open: count,
      resolved: count,
      byRule: z.record(z.string(), z.object({ detected: count, open: count, resolved: count })),
    }),
  })
  .openapi('DashboardFigures');

const PeriodObject = z.object({ id: z.string(), kind: z.enum(['week', 'month', 'quarter', 'half', 'year']), start: z.string(), end: z.string() });
const ScopeObject = z.object({ kind: z.enum(['department', 'units', 'person']), unitIds: z.array(z.string()), staffId: z.string().optional() });

/** Open work overdue and due soon today, whatever period it was due in (issue #16). */
const OpenNowSchema = z.object({ overdue: z.number().int(), dueSoon: z.number().int() }).openapi({ description: 'All open work overdue / due soon today, from every period' });

export const DashboardSchema = z
  .object({
    organisation: z.object({ id: z.string(), name: LocalizedTextSchema, shortName: LocalizedTextSchema, timeZone: z.string() }),
    period: PeriodObject,
    asOf: z.string(),
    scope: ScopeObject,
    viewer: z.object({ staffId: z.string(), name: z.string(), scope: z.enum(['department', 'units', 'person']), unitIds: z.array(z.string()) }),
    totals: FiguresSchema,
    openNow: OpenNowSchema,
    units: z.array(z.object({ unitId: z.string(), name: LocalizedTextSchema, kind: z.string(), headId: z.string().nullable(), figures: FiguresSchema, openNow: OpenNowSchema })),
    people: z.array(
      z.object({ staffId: z.string(), name: z.string(), unitId: z.string(), roles: z.array(z.string()), active: z.boolean(), figures: FiguresSchema, openNow: OpenNowSchema }),
    ),
    rules: z.array(z.object({ id: z.string(), article: z.string(), title: z.string() })),
  })
  .openapi('Dashboard');

export const TrendSchema = z
  .object({
    scope: ScopeObject,
    months: z.array(
      z.object({
        period: z.string(),
        assigned: count,
        completedOnTime: count,
        completedAfterExtension: count,
        completedLate: count,
        overdue: count,
        onTimeRate: z.number().nullable(),
      }),
    ),
  })
  .openapi('DashboardTrend');

export const RecordsSchema = z
  .object({
    figure: z.enum(FIGURES),
    period: PeriodObject,
    asOf: z.string(),
    scope: ScopeObject,
    items: z.array(z.object({ type: z.enum(['assignment', 'report', 'meeting', 'finding']) }).passthrough()),
    hidden: count.openapi({ description: 'Counted records the caller may not open (confidential): in the figure, not in the list' }),
    nextCursor: z.string().optional(),
  })
  .openapi('DashboardRecords');
