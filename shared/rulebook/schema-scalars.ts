/** Scalars: ids, rule ids, articles, dates, times and localised text. Part of the rulebook schema; `schema.ts` re-exports it. */
import { z } from 'zod';

export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 characters: lowercase letters, digits and hyphens, not starting with a hyphen');

/** A DOMAIN.md rule id: R1, M3, F2... */
export const ruleIdSchema = z.string().regex(/^[A-Z][0-9]{1,2}$/, 'must be a rule id such as R1 or F2');

/** A citation of the original: 'Điều 15.2', 'Điều 9.2.4'. */
// The pattern is a string so that the bundle stays ASCII (shared/domain/text.ts says why).
export const articleSchema = z.string().regex(new RegExp('^Điều \\d+(\\.\\d+)*(, \\d+(\\.\\d+)*)*$'), "must cite an article, e.g. 'Điều 15.2'");

export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date in the organisation's local time, checked to exist (no 2026-02-30). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD', abort: true })
  .refine(isValidIsoDate, { message: 'is not a real calendar date' });

/** Local time of day, 'HH:mm' or 'HH:mm:ss' (24-hour). */
export const timeOfDaySchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/, "must be a time 'HH:mm' or 'HH:mm:ss'");
export type TimeOfDay = z.infer<typeof timeOfDaySchema>;

export function parseTimeOfDay(time: string): { hour: number; minute: number; second: number } {
  const [h = '0', m = '0', s = '0'] = time.split(':');
  return { hour: Number(h), minute: Number(m), second: Number(s) };
}

export const ianaTimeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return tz.includes('/') || tz === 'UTC';
    } catch {
      return false;
    }
  },
  { message: "must be an IANA time zone such as 'Asia/Ho_Chi_Minh'" },
);

export const localizedTextSchema = z
  .object({ vi: z.string().trim().min(1), en: z.string().trim().min(1) })
  .strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const isoWeekdaySchema = z.number().int().min(1).max(7);

export const citedRule = { rule: ruleIdSchema, article: articleSchema, note: z.string().optional() };
