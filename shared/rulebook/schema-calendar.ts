/** The working-day calendar. Part of the rulebook schema; `schema.ts` re-exports it. */
import { z } from 'zod';
import { roleSchema } from './schema-organisation.js';
import { isoDateSchema, isoWeekdaySchema, localizedTextSchema } from './schema-scalars.js';

export const namedDateSchema = z.object({ date: isoDateSchema, name: localizedTextSchema }).strict();
export type NamedDate = z.infer<typeof namedDateSchema>;

/** A weekend day worked to make up for `replaces`, a weekday given off (ngày làm bù). */
export const workingWeekendDaySchema = z
  .object({ date: isoDateSchema, name: localizedTextSchema, replaces: isoDateSchema.optional() })
  .strict();
export type WorkingWeekendDay = z.infer<typeof workingWeekendDaySchema>;

/**
 * A year's status (Bộ luật Lao động 2019, Điều 112(3): the Prime Minister fixes the Tết days and the
 * day next to National Day each year). `announced` with `basis` (the decision) marks the year as
 * decided; `holidays`/`workingWeekendDays`, when given, are that year's whole national list and
 * replace the built-in or computed one; without them the built-in/computed days are confirmed.
 */
export const calendarYearSchema = z
  .object({
    year: z.number().int().min(2021).max(2199),
    status: z.enum(['announced', 'provisional']),
    basis: localizedTextSchema.optional(),
    holidays: z.array(namedDateSchema).optional(),
    workingWeekendDays: z.array(workingWeekendDaySchema).optional(),
  })
  .strict()
  .refine((y) => y.status !== 'announced' || y.basis !== undefined, { message: 'an announced year names its basis (the decision)', path: ['basis'] })
  .refine((y) => [...(y.holidays ?? []), ...(y.workingWeekendDays ?? [])].every((d) => d.date.startsWith(`${y.year}-`)), {
    message: 'every date belongs to the year',
    path: ['holidays'],
  });
export type RulebookCalendarYear = z.infer<typeof calendarYearSchema>;

/** CAL: next year's calendar still provisional on 1 December goes to the chief of office as a finding. */
export const calendarCheckSchema = z
  .object({
    /** Cites the Labour Code and the regulation's "Working days", so not a plain 'Điều N' of the regulation. */
    article: z.string().min(1).default('Bộ luật Lao động 2019, Điều 112; Quy chế, Working days'),
    /** The role the finding goes to (the Office keeps the calendar). */
    responsibleRole: roleSchema.default('chief-of-office'),
    /** From this local day (MM-DD) of a year, the next year must be announced. */
    from: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/).default('12-01'),
    title: localizedTextSchema.default({
      vi: 'Lịch làm việc năm sau được công bố (nhập quyết định của Thủ tướng Chính phủ) trước ngày 01/12',
      en: "Next year's working calendar announced (the Prime Minister's decision entered) by 1 December",
    }),
    note: z.string().optional(),
  })
  .strict();

export const calendarSchema = z
  .object({
    /** Take the national public holidays and swaps from the tracker's built-in calendar. */
    useNationalHolidays: z.boolean().default(true),
    weekendDays: z.array(isoWeekdaySchema).max(6).default([6, 7]),
    /** Added to the national ones (or the whole list when useNationalHolidays is false). */
    holidays: z.array(namedDateSchema).default([]),
    workingWeekendDays: z.array(workingWeekendDaySchema).default([]),
    /** Each year's status: announced (the Prime Minister's decision) or provisional; see calendarYearSchema. */
    years: z.array(calendarYearSchema).default([]),
    check: calendarCheckSchema.prefault({}),
  })
  .strict();
export type RulebookCalendar = z.infer<typeof calendarSchema>;
