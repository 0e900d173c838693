import { z } from '@hono/zod-openapi';
import { IdSchema, LocalDateSchema, text } from './common.js';
import { FileIdsSchema, FileRefSchema } from './assignment.js';

const filesOut = z.array(FileRefSchema()).optional().openapi({ description: 'Evidence files (issue #22), each with its SHA-256; download with GET /v1/files/{id}' });

export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .openapi({ example: '2026-11' });

export const MonthlyReportKindSchema = z.enum(['income-expense', 'cash']);

export const PayrollBody = z
  .object({ month: MonthSchema, paidOn: LocalDateSchema.openapi({ description: 'The day salaries and allowances were paid' }), files: FileIdsSchema.optional() })
  .strict()
  .openapi('PayrollInput');

export const PayrollSchema = z
  .object({
    id: z.string(),
    month: z.string(),
    paidOn: z.string(),
    dueOn: z.string().openapi({ description: 'The last day allowed (F2: before the 15th, so the 14th)' }),
    onTime: z.boolean(),
    recordedBy: z.string(),
    recordedAt: z.string(),
    files: filesOut,
    version: z.number().int(),
  })
  .openapi('Payroll');

export const MonthlyReportBody = z
  .object({ kind: MonthlyReportKindSchema, month: MonthSchema, content: text(50_000).min(1), files: FileIdsSchema.optional() })
  .strict()
  .openapi('MonthlyFinanceReportInput');

export const MonthlyReportSchema = z
  .object({
    id: z.string(),
    kind: MonthlyReportKindSchema,
    month: z.string(),
    content: z.string(),
    submittedBy: z.string(),
    submittedAt: z.string().openapi({ description: 'Server time of this version' }),
    firstSubmittedAt: z.string().openapi({ description: 'Server time of the first version, judged against the deadline' }),
    dueAt: z.string(),
    late: z.boolean(),
    earliestAt: z.string().optional().openapi({ description: 'F1, F5 "vào ngày cuối tháng": the first instant a filing counts (00:00 of the month’s last working day by default)' }),
    tooEarly: z.boolean().optional().openapi({ description: 'This version was filed before earliestAt; a version filed within the day puts it right' }),
    files: filesOut,
    version: z.number().int(),
  })
  .openapi('MonthlyFinanceReport');

export const MonthlyReportWithVersionsSchema = MonthlyReportSchema.extend({
  versions: z.array(
    z.object({ version: z.number().int(), submittedAt: z.string(), submittedBy: z.string(), content: z.unknown(), late: z.unknown() }),
  ),
}).openapi('MonthlyFinanceReportWithVersions');

export const SettlementBody = z
  .object({
    dossierRef: text(200).min(1),
    completeOn: LocalDateSchema.openapi({ description: 'The day the dossier was received complete' }),
    settledOn: LocalDateSchema.optional(),
    files: FileIdsSchema.optional(),
  })
  .strict()
  .openapi('SettlementInput');

/** More files for a record already kept (a settlement's voucher, a leave request's medical certificate). */
export const AddFilesBody = z
  .object({ files: FileIdsSchema.min(1) })
  .strict()
  .openapi('AddFiles', { description: 'Upload ids (POST /v1/uploads) of the caller; ids the record already keeps are skipped, so a repeat adds nothing' });

export const SettleBody = z.object({ settledOn: LocalDateSchema }).strict().openapi('SettleInput');

export const SettlementSchema = z
  .object({
    id: z.string(),
    dossierRef: z.string(),
    completeOn: z.string(),
    dueOn: z.string().openapi({ description: 'The last day it may be settled on (F3)' }),
    settledOn: z.string().optional(),
    settledRecordedAt: z.string().optional(),
    onTime: z.boolean().optional(),
    recordedBy: z.string(),
    files: filesOut,
    version: z.number().int(),
  })
  .openapi('Settlement');

export const MonthParam = z.object({ month: MonthSchema.openapi({ param: { name: 'month', in: 'path' } }) });
export const ReportParams = MonthParam.extend({ kind: MonthlyReportKindSchema.openapi({ param: { name: 'kind', in: 'path' } }) });
export const SettlementParam = z.object({ id: IdSchema.openapi({ param: { name: 'id', in: 'path' } }) });
