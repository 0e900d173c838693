/**
 * The rulebook: one organisation's working regulation as data. Code reads the numbers,
 * names and deadlines from here, never from constants, so another department or province
 * is one more rulebook file. Every object carrying a `rule` cites DOMAIN.md's rule id and
 * the article (Điều) it comes from, so findings can name the clause they enforce.
 *
 * Objects are `.strict()`: a misspelt field is an error, not a silently ignored value.
 * Cross-field checks (`checkRulebook`) run even when the shape has errors, so one parse
 * lists every bad field at once.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------

export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 characters: lowercase letters, digits and hyphens, not starting with a hyphen');

/** A DOMAIN.md rule id: R1, M3, F2... */
export const ruleIdSchema = z.string().regex(/^[A-Z][0-9]{1,2}$/, 'must be a rule id such as R1 or F2');

/** A citation of the original: 'Điều 15.2', 'Điều 9.2.4'. */
export const articleSchema = z.string().regex(/^Điều \d+(\.\d+)*(, \d+(\.\d+)*)*$/, "must cite an article, e.g. 'Điều 15.2'");

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

// ---------------------------------------------------------------------------------------
// Roles and units
// ---------------------------------------------------------------------------------------

export const roleSchema = z.enum([
  'director',
  'deputy-director',
  'chief-of-office',
  'deputy-chief-of-office',
  'chief-inspector',
  'deputy-chief-inspector',
  'inspector',
  'head',
  'deputy-head',
  'specialist',
  'clerk',
  'accountant',
  'treasurer',
  'service',
  'driver',
  'guard',
  'admin',
]);
export type Role = z.infer<typeof roleSchema>;

export const unitKindSchema = z.enum(['board', 'office', 'inspectorate', 'division', 'affiliated-unit']);
export type UnitKind = z.infer<typeof unitKindSchema>;

const HEAD_ROLE = {
  board: 'director',
  office: 'chief-of-office',
  inspectorate: 'chief-inspector',
  division: 'head',
  'affiliated-unit': 'head',
} as const satisfies Record<UnitKind, Role>;

const DEPUTY_ROLE = {
  board: 'deputy-director',
  office: 'deputy-chief-of-office',
  inspectorate: 'deputy-chief-inspector',
  division: 'deputy-head',
  'affiliated-unit': 'deputy-head',
} as const satisfies Record<UnitKind, Role>;

/** The role whose holder heads a unit of this kind (the unit's head is derived, not stored). */
export function unitHeadRole(kind: UnitKind): Role {
  return HEAD_ROLE[kind];
}

/** The role of the deputies who act for the head when authorised (A4). */
export function unitDeputyRole(kind: UnitKind): Role {
  return DEPUTY_ROLE[kind];
}

/**
 * What a person holding `role` in a unit of `kind` is called: the unit kind's own head or deputy
 * title where the rulebook gives one (Giám đốc Trung tâm), else the role's name.
 */
export function roleTitle(
  rulebook: { roles: Partial<Record<Role, LocalizedText>>; unitTitles?: Partial<Record<UnitKind, { head: LocalizedText; deputy: LocalizedText }>> | undefined },
  role: string,
  kind: string | undefined,
): LocalizedText | undefined {
  const titles = kind ? rulebook.unitTitles?.[kind as UnitKind] : undefined;
  if (titles && kind) {
    if (role === HEAD_ROLE[kind as UnitKind]) return titles.head;
    if (role === DEPUTY_ROLE[kind as UnitKind]) return titles.deputy;
  }
  return rulebook.roles[role as Role];
}

/** Leadership roles exist only in units of these kinds; support roles may sit anywhere. */
export const ROLE_UNIT_KINDS: Partial<Record<Role, readonly UnitKind[]>> = {
  director: ['board'],
  'deputy-director': ['board'],
  'chief-of-office': ['office'],
  'deputy-chief-of-office': ['office'],
  'chief-inspector': ['inspectorate'],
  'deputy-chief-inspector': ['inspectorate'],
  inspector: ['inspectorate'],
  head: ['division', 'affiliated-unit'],
  'deputy-head': ['division', 'affiliated-unit'],
};

const BOARD_ROLES: readonly Role[] = ['director', 'deputy-director'];

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

// ---------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------

export const cadenceSchema = z.enum(['week', 'month', 'quarter', 'half', 'year']);
export type Cadence = z.infer<typeof cadenceSchema>;

/**
 * What to do when a computed due date is not a working day. The regulation's literal
 * reading is `keep` (DOMAIN.md, "Working days"), so that is the default.
 */
export const nonWorkingDaySchema = z.enum(['keep', 'previous-working-day', 'next-working-day']);
export type NonWorkingDayPolicy = z.infer<typeof nonWorkingDaySchema>;

/** The given ISO weekday of the ISO week (weekly cadence only); e.g. Thursday 16:00, before Friday's briefing. */
const weekdayInPeriodSchema = z
  .object({
    kind: z.literal('weekday-in-period'),
    weekday: isoWeekdaySchema,
    time: timeOfDaySchema,
    nonWorkingDay: nonWorkingDaySchema.default('keep'),
  })
  .strict();

/** The n-th working day of the period; for programmes and plans due early in the period they cover. */
const workingDayOfPeriodSchema = z
  .object({
    kind: z.literal('working-day-of-period'),
    day: z.number().int().min(1).max(60),
    time: timeOfDaySchema,
  })
  .strict();

/** The last calendar day of the period; e.g. F1's monthly finance report "vào ngày cuối tháng", 23:59:59. */
const periodEndSchema = z
  .object({
    kind: z.literal('period-end'),
    time: timeOfDaySchema,
    nonWorkingDay: nonWorkingDaySchema.default('keep'),
  })
  .strict();

/**
 * The day before the period's first day (the previous period's last day), at `time`; then
 * `nonWorkingDay`. For plans the department must have before the period starts (P1, Điều 10):
 * with previous-working-day, "the last working day of the week (month) before".
 */
const dayBeforePeriodSchema = z
  .object({
    kind: z.literal('day-before-period'),
    time: timeOfDaySchema,
    nonWorkingDay: nonWorkingDaySchema.default('keep'),
  })
  .strict();

/** The n-th working day after the period's last day. */
const workingDaysAfterPeriodEndSchema = z
  .object({
    kind: z.literal('working-days-after-period-end'),
    days: z.number().int().min(1).max(60),
    time: timeOfDaySchema,
  })
  .strict();

/**
 * A day of the period's (last) month; a day past the month's end means its last day.
 * `strictlyBefore`: the act must fall before that day ("trước ngày 15"), so the due date
 * is the day before, at `time`. Not for weekly cadences. `month` (yearly cadences only): that
 * month of the period's year instead of its last month (a yearly plan due in January).
 */
const dayOfMonthSchema = z
  .object({
    kind: z.literal('day-of-month'),
    day: z.number().int().min(1).max(31),
    month: z.number().int().min(1).max(12).optional(),
    time: timeOfDaySchema,
    strictlyBefore: z.boolean().default(false),
    nonWorkingDay: nonWorkingDaySchema.default('keep'),
  })
  .strict();

/**
 * The n-th working day after the local date of an event (a mission's end, a document's
 * receipt). days 0: the event's day if it is a working day, else the next working day.
 */
const workingDaysAfterEventSchema = z
  .object({
    kind: z.literal('working-days-after-event'),
    days: z.number().int().min(0).max(60),
    time: timeOfDaySchema,
  })
  .strict();

/** Deadlines counted from a period (week, month, ...). */
export const periodDeadlineRuleSchema = z.discriminatedUnion('kind', [
  weekdayInPeriodSchema,
  workingDayOfPeriodSchema,
  periodEndSchema,
  workingDaysAfterPeriodEndSchema,
  dayOfMonthSchema,
  dayBeforePeriodSchema,
]);
export type PeriodDeadlineRule = z.infer<typeof periodDeadlineRuleSchema>;

/** Deadlines counted from an event. */
export const eventDeadlineRuleSchema = z.discriminatedUnion('kind', [workingDaysAfterEventSchema]);
export type EventDeadlineRule = z.infer<typeof eventDeadlineRuleSchema>;

export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  weekdayInPeriodSchema,
  workingDayOfPeriodSchema,
  periodEndSchema,
  workingDaysAfterPeriodEndSchema,
  dayOfMonthSchema,
  dayBeforePeriodSchema,
  workingDaysAfterEventSchema,
]);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;
export type DeadlineRuleKind = DeadlineRule['kind'];

/** Which data a periodic report covers. */
export const dataCutOffSchema = z.discriminatedUnion('kind', [
  /** Work up to the moment it is due (weekly reports written before the week ends). */
  z.object({ kind: z.literal('at-deadline') }).strict(),
  /** The whole calendar period. */
  z.object({ kind: z.literal('period-end') }).strict(),
  /** Nghị định 09/2019/NĐ-CP style: from day+1 of the month before the period to `day` of its last month. */
  z.object({ kind: z.literal('day-of-month'), day: z.number().int().min(1).max(28) }).strict(),
]);
export type DataCutOff = z.infer<typeof dataCutOffSchema>;

// ---------------------------------------------------------------------------------------
// Obligations
// ---------------------------------------------------------------------------------------

/** Staff who hold any of `roles`, within the given unit kinds or units (omitted: no limit). */
export const staffSelectorSchema = z
  .object({
    roles: z.array(roleSchema).min(1).optional(),
    unitKinds: z.array(unitKindSchema).min(1).optional(),
    unitIds: z.array(idSchema).min(1).optional(),
  })
  .strict();
export type StaffSelector = z.infer<typeof staffSelectorSchema>;

/** Who owes an obligation: always named by role. */
export const obligedSelectorSchema = z
  .object({
    roles: z.array(roleSchema).min(1),
    unitKinds: z.array(unitKindSchema).min(1).optional(),
    unitIds: z.array(idSchema).min(1).optional(),
  })
  .strict();
export type ObligedSelector = z.infer<typeof obligedSelectorSchema>;

/**
 * Who receives a report. direct-superior: for staff, the head of their unit; for a unit
 * head, the leader overseeing the unit; for a deputy director, the director (A1).
 * outside: a body outside the department (the director's reports to the province and the
 * Ministry, R4): no one here receives it; the submission records that it was sent.
 */
export const recipientSchema = z.enum(['director', 'board', 'head-of-unit', 'chief-of-office', 'direct-superior', 'outside']);
export type Recipient = z.infer<typeof recipientSchema>;

export const cadenceRuleSchema = z
  .object({ deadline: periodDeadlineRuleSchema, dataCutOff: dataCutOffSchema })
  .strict();
export type CadenceRule = z.infer<typeof cadenceRuleSchema>;

/** Events that start an event-relative obligation. */
export const obligationEventSchema = z.enum([
  /** Back from training, a conference, a meeting or a mission (đi học, hội nghị, họp, tập huấn, công tác). */
  'mission-ended',
]);
export type ObligationEvent = z.infer<typeof obligationEventSchema>;

export const reportObligationSchema = z
  .object({
    id: idSchema,
    rule: ruleIdSchema,
    article: articleSchema,
    title: localizedTextSchema,
    from: obligedSelectorSchema,
    to: recipientSchema,
    cadences: z.partialRecord(cadenceSchema, cadenceRuleSchema).optional(),
    events: z
      .array(z.object({ event: obligationEventSchema, deadline: eventDeadlineRuleSchema }).strict())
      .min(1)
      .optional(),
    /** Also owed ad hoc when a superior asks; the request sets the deadline. */
    onRequest: z.boolean().default(false),
    /** Where the regulation is silent, the default chosen and why. */
    note: z.string().optional(),
  })
  .strict();
export type ReportObligation = z.infer<typeof reportObligationSchema>;

/**
 * Plans (P2, Điều 10.1): "phải được Giám đốc, Phó Giám đốc Sở phê duyệt". The text gives the
 * approver no time limit; `approval.deadline` is the department's (counted from the day the plan,
 * or its latest revision, was submitted), and `note` says where its number comes from.
 */
export const plansSchema = z
  .object({
    article: articleSchema,
    approval: z
      .object({
        deadline: workingDaysAfterEventSchema,
        note: z.string().trim().min(1),
      })
      .strict(),
  })
  .strict();
export type PlansSettings = z.infer<typeof plansSchema>;

export const meetingKindSchema = z.enum([
  'weekly-briefing',
  'monthly-unit',
  'semiannual-review',
  'annual-review',
  'extraordinary',
  'topical',
]);
export type MeetingKind = z.infer<typeof meetingKindSchema>;

export const meetingScheduleSchema = z.discriminatedUnion('kind', [
  /**
   * Every week on `weekday`. On a non-working day `previous-working-day` means the last
   * working day before it in the same ISO week (none left: no meeting is due that week).
   */
  z
    .object({
      kind: z.literal('weekly'),
      weekday: isoWeekdaySchema,
      nonWorkingDay: nonWorkingDaySchema.default('previous-working-day'),
    })
    .strict(),
  /** Once in each calendar month, on any day. */
  z.object({ kind: z.literal('monthly') }).strict(),
  /** Once a year within the months startMonth..endMonth; endMonth < startMonth runs into the next year. */
  z
    .object({
      kind: z.literal('yearly-window'),
      startMonth: z.number().int().min(1).max(12),
      endMonth: z.number().int().min(1).max(12),
    })
    .strict(),
  /** Called when needed; only the conclusions rule (M3) applies. */
  z.object({ kind: z.literal('ad-hoc') }).strict(),
]);
export type MeetingSchedule = z.infer<typeof meetingScheduleSchema>;

export const meetingObligationSchema = z
  .object({
    id: idSchema,
    rule: ruleIdSchema,
    article: articleSchema,
    kind: meetingKindSchema,
    title: localizedTextSchema,
    chairRoles: z.array(roleSchema).min(1),
    /** department: one meeting for the organisation; unit: one per unit of `unitKinds`. */
    scope: z.enum(['department', 'unit']),
    unitKinds: z.array(unitKindSchema).min(1).optional(),
    participants: staffSelectorSchema.optional(),
    schedule: meetingScheduleSchema,
    /** Written conclusions are due this many working days after the meeting (M3). */
    conclusionWorkingDays: z.number().int().min(0).max(30).default(2),
    note: z.string().optional(),
  })
  .strict();
export type MeetingObligation = z.infer<typeof meetingObligationSchema>;

const citedRule = { rule: ruleIdSchema, article: articleSchema, note: z.string().optional() };

export const meetingConclusionsSchema = z
  .object({
    ...citedRule,
    /** Time of day on the last working day allowed for the conclusions. */
    time: timeOfDaySchema,
  })
  .strict();

/**
 * M6 (Điều 11.1.a, 11.2.b): the Office prepares the board's meetings: "chuẩn bị chương trình (thành
 * phần, thời gian), tài liệu (nếu có), theo dõi, ghi biên bản". The programme (participants, time)
 * is published `programme.workingDaysBefore` working days before the meeting's day by `time`; the
 * minutes are recorded `minutes.workingDaysAfter` working days after it by `time`. The text gives
 * no number: each `basis` says where it comes from. Announcing the conclusions is M3.
 */
export const meetingPreparationSchema = z
  .object({
    ...citedRule,
    title: localizedTextSchema,
    /** Who a missing or late programme or minutes goes to as a finding. */
    responsibleRole: roleSchema,
    /** Who may publish the programme and record the minutes (with the Office's staff). */
    officeRoles: z.array(roleSchema).min(1),
    /** The department meetings the Office prepares (weekly briefing, the reviews). */
    meetingKinds: z.array(meetingKindSchema).min(1),
    programme: z.object({ workingDaysBefore: z.number().int().min(0).max(10), time: timeOfDaySchema, basis: z.string().min(1) }).strict(),
    minutes: z.object({ workingDaysAfter: z.number().int().min(0).max(30), time: timeOfDaySchema, basis: z.string().min(1) }).strict(),
  })
  .strict();
export type MeetingPreparationSettings = z.infer<typeof meetingPreparationSchema>;

const monthlyFinanceReportSchema = z
  .object({
    ...citedRule,
    title: localizedTextSchema,
    from: obligedSelectorSchema,
    to: z.array(recipientSchema).min(1),
    /** Due each month. */
    deadline: periodDeadlineRuleSchema,
    /**
     * The earliest instant a filing counts (F1 Điều 9.2.3, F5 Điều 9.3.2 "vào ngày cuối tháng"
     * names a day, not only a deadline): filed before it is too early. `basis` says where the day
     * comes from. Default: 00:00 of the month's last working day.
     */
    earliest: z
      .object({ from: periodDeadlineRuleSchema, basis: z.string().min(1) })
      .strict()
      .default({
        from: { kind: 'period-end', time: '00:00:00', nonWorkingDay: 'previous-working-day' },
        basis: "'vào ngày cuối tháng': from the start of the month's last working day.",
      }),
  })
  .strict();

export const financeSchema = z
  .object({
    incomeExpenseReport: monthlyFinanceReportSchema.optional(),
    cashReport: monthlyFinanceReportSchema.optional(),
    payroll: z
      .object({
        ...citedRule,
        from: obligedSelectorSchema,
        /** Due each month. */
        deadline: periodDeadlineRuleSchema,
        reminderWorkingDaysBefore: z.number().int().min(0).max(20).default(3),
      })
      .strict()
      .optional(),
    settlement: z
      .object({
        ...citedRule,
        from: obligedSelectorSchema,
        /** Settled on or before the date of the complete dossier plus `days`. */
        days: z.number().int().min(1).max(365),
        dayCounting: z.enum(['calendar', 'working']).default('calendar'),
        nonWorkingDay: nonWorkingDaySchema.default('keep'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const confidentialityIdSchema = z.enum(['confidential', 'secret', 'top-secret']);

export const documentsSchema = z
  .object({
    distribution: z
      .object({
        ...citedRule,
        registeredBy: obligedSelectorSchema,
        /** The deputy director in charge of distributing incoming documents, if named. */
        distributorId: idSchema.nullable(),
        /** Counted from the document's receipt. */
        deadline: eventDeadlineRuleSchema,
      })
      .strict()
      .optional(),
    confidentialLevels: z
      .object({
        ...citedRule,
        levels: z
          .array(
            z
              .object({
                id: confidentialityIdSchema,
                name: localizedTextSchema,
                /** Roles entitled to see every document of this level; assignees see their own. */
                entitledRoles: z.array(roleSchema).min(1),
              })
              .strict(),
          )
          .min(1),
      })
      .strict()
      .optional(),
    complaint: z
      .object({
        ...citedRule,
        reportTo: recipientSchema,
        /** Counted from the letter's receipt. */
        deadline: eventDeadlineRuleSchema,
      })
      .strict()
      .optional(),
    /** Outgoing documents and signing (D4 Điều 9.1.8, D5 Điều 13.1): shared/domain/outgoing-document.ts. */
    outgoing: z
      .object({
        ...citedRule,
        /** Kinds of document the director authorises the chief of office to sign "TL. GIÁM ĐỐC" (Điều 9.1.8). */
        chiefOfOfficeKinds: z.array(z.enum(['official-letter', 'decision', 'report', 'plan', 'submission', 'invitation', 'notice'])),
        /** Working days each step may take, counted from the day the previous one was taken; due at the end of that day. */
        stepDays: z
          .object({
            vet: z.number().int().min(0).max(30),
            submit: z.number().int().min(0).max(30),
            'check-form': z.number().int().min(0).max(30),
            sign: z.number().int().min(0).max(30),
            number: z.number().int().min(0).max(30),
            seal: z.number().int().min(0).max(30),
            send: z.number().int().min(0).max(30),
            file: z.number().int().min(0).max(30),
            /** A returned document, back with the proposing head. */
            revise: z.number().int().min(0).max(30),
          })
          .strict(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const leaveApproverSchema = z.enum(['head-of-unit', 'overseeing-leader', 'director', 'board']);

export const leaveSchema = z
  .object({
    approval: z
      .object({
        ...citedRule,
        /** For staff and deputy heads, by length; the first threshold the leave fits in names the approver. */
        thresholds: z
          .array(
            z
              .object({ upToDays: z.number().positive().nullable(), approver: leaveApproverSchema })
              .strict(),
          )
          .min(1),
        /** Roles whose leave is decided by `leadersApprovedBy` whatever its length (Điều 18.1). */
        leaderRoles: z.array(roleSchema),
        leadersApprovedBy: leaveApproverSchema,
        /** The director informs up to `informUpToDays`; longer leave is applied for in writing. */
        director: z
          .object({
            informUpToDays: z.number().nonnegative(),
            inform: z.array(recipientSchema).min(1),
            applyInWritingTo: leaveApproverSchema,
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    notice: z
      .object({
        ...citedRule,
        noticeDays: z.number().int().min(0).max(60),
        dayCounting: z.enum(['calendar', 'working']).default('calendar'),
        /** Illness and family emergencies are exempt but reported by phone. */
        emergencyException: z.boolean().default(true),
      })
      .strict()
      .optional(),
    carryOver: z
      .object({
        ...citedRule,
        carryOverYears: z.array(z.number().int().min(2).max(10)).min(1),
        agreementWith: leaveApproverSchema,
        paidOnce: z.boolean(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const workingTimeSchema = z
  .object({
    ...citedRule,
    hoursPerDay: z.number().positive().max(24),
    /** Overtime and weekend work are notified to this role. */
    overtimeNotify: roleSchema,
  })
  .strict();

const caseDeadlineSchema = z
  .object({
    days: z.number().int().min(1).max(90),
    dayCounting: z.enum(['calendar', 'working']),
    /** The law the number comes from. */
    basis: z.string().optional(),
  })
  .strict();

export const citizenReceptionSchema = z
  .object({
    ...citedRule,
    hostRoles: z.array(roleSchema).min(1),
    sessionsPerMonth: z.number().int().min(1).max(31),
    /** Role that proposes the monthly schedule. */
    scheduleProposedBy: roleSchema,
    /** When the month's schedule is due, counted in the month it covers. */
    scheduleDeadline: periodDeadlineRuleSchema,
    /** Role that approves the month's schedule (Điều 14.1: the director). Absent: 'director'. */
    scheduleApprovedBy: roleSchema.optional(),
    /**
     * How long the receiving unit has to take up a complaint or denunciation received at a
     * session (it becomes an assignment due then). Absent: complaint 10 calendar days (Luật
     * Khiếu nại 2011, Điều 27), denunciation 7 working days (Luật Tố cáo 2018, Điều 24).
     */
    caseDeadlines: z
      .object({ complaint: caseDeadlineSchema, denunciation: caseDeadlineSchema })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Receiving delegations (Điều 17): the director decides; the Office records the visit and the
 * units that prepare its content. No DOMAIN.md rule id: nothing here is checked on a schedule.
 */
export const delegationVisitsSchema = z
  .object({
    article: articleSchema,
    /** Who records a visit and hands out its preparation (Điều 17.1: the Office). */
    recordedBy: obligedSelectorSchema,
    /** Whose decision a visit is (Điều 17: the director); preparations are assigned on their authority. */
    decidedBy: roleSchema,
    /** Longest visit, in days. */
    maxDays: z.number().int().min(1).max(31).default(14),
    note: z.string().optional(),
  })
  .strict();

/**
 * A3 (Điều 4.1.2): a deputy director "báo cáo Giám đốc Sở kết quả giải quyết công việc được Giám
 * đốc Sở phân công hoặc ủy quyền": when a delegation of the director's authority (A2) ends, the
 * deputy owes the director a report back within `workingDays`. The text gives no number.
 */
export const delegationReportBackSchema = z
  .object({
    ...citedRule,
    workingDays: z.number().int().min(0).max(30),
    /**
     * How far back the daily check looks for delegations that ended (GSI2 by end date): one ended
     * longer ago that no run ever judged is not found. Open findings are re-read whatever their age.
     */
    sweepDays: z.number().int().min(7).max(400).default(60),
    /** Where sweepDays comes from (the regulation gives no number). */
    sweepBasis: z.string().optional(),
    quote: z.string().optional(),
  })
  .strict();
export type DelegationReportBack = z.infer<typeof delegationReportBackSchema>;

/**
 * Collective decisions of the board (A5, Điều 3.2): the matters the director decides only after
 * the board discussed them, at a meeting or on a circulated draft, and the board's annual
 * self-review (kiểm điểm công tác chỉ đạo, điều hành hàng năm của Lãnh đạo Sở), one of them.
 */
export const collectiveDecisionsSchema = z
  .object({
    rule: z.literal('A5'),
    article: articleSchema,
    /** The text's list, each a category a matter is recorded under. */
    categories: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), title: localizedTextSchema, article: articleSchema }).strict())
      .min(1),
    /** Department meetings whose discussion counts as the board's (held by the board unit). */
    boardMeetingKinds: z.array(meetingKindSchema).min(1),
    /** Shortest window, in working days, a circulated draft stays open for the board's opinions. */
    minCirculationWorkingDays: z.number().int().min(0).max(30).default(2),
    selfReview: z
      .object({
        /** The category whose decided matter is the year's self-review. */
        category: z.string().regex(/^[a-z0-9-]+$/),
        /** Last day (MM-DD) of the year by which the self-review is decided. */
        dueBy: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
        note: z.string().optional(),
      })
      .strict()
      .optional(),
    /**
     * Approvals the tracker records that are the director's decision on a category: approving a
     * plan of the obligation named is refused unless it names a board matter of that category
     * with the board's discussion on record.
     */
    approvals: z
      .array(z.object({ obligationId: z.string().min(1), category: z.string().regex(/^[a-z0-9-]+$/), note: z.string().optional() }).strict())
      .default([]),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((data, ctx) => {
    if (data.selfReview && !data.categories.some((c) => c.id === data.selfReview!.category)) {
      ctx.addIssue({ code: 'custom', message: `no category ${data.selfReview.category}`, path: ['selfReview', 'category'] });
    }
    data.approvals.forEach((a, i) => {
      if (!data.categories.some((c) => c.id === a.category)) ctx.addIssue({ code: 'custom', message: `no category ${a.category}`, path: ['approvals', i, 'category'] });
    });
  });
export type CollectiveDecisions = z.infer<typeof collectiveDecisionsSchema>;

export const escalationLevelSchema = z.enum(['reminder', 'criticism', 'review']);
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;
const ESCALATION_ORDER: readonly EscalationLevel[] = escalationLevelSchema.options;

/**
 * Who an escalation of overdue work reaches (A6, Điều 5.1, 6.1, 7.1: the chief or head "kịp thời
 * báo cáo Phó Giám đốc phụ trách lĩnh vực và Giám đốc Sở"): the person who answers for the work,
 * the head of their unit, the leader overseeing the unit (`units[].overseenBy`), the director.
 */
export const escalationRecipientSchema = z.enum(['responsible', 'head', 'overseeing-leader', 'director']);
export type EscalationRecipient = z.infer<typeof escalationRecipientSchema>;
/** Absent `notify`: the first step reaches the person, their head and the overseeing leader; later steps the director too. */
export const defaultEscalationRecipients = (stepIndex: number): readonly EscalationRecipient[] =>
  stepIndex === 0 ? ['responsible', 'head', 'overseeing-leader'] : ['responsible', 'head', 'overseeing-leader', 'director'];

export const settingsSchema = z
  .object({
    /** An open item is "due soon" this many working days before its deadline. */
    dueSoonWorkingDays: z.number().int().min(0).max(30).default(3),
    /** Ascending; Điều 24: a breach leads to criticism or discipline by its gravity. */
    overdueEscalation: z
      .array(
        z
          .object({
            afterDaysOverdue: z.number().int().min(1),
            level: escalationLevelSchema,
            name: localizedTextSchema,
            /** Who this step notifies; absent: `defaultEscalationRecipients`. */
            notify: z.array(escalationRecipientSchema).min(1).optional(),
          })
          .strict(),
      )
      .default([
        { afterDaysOverdue: 1, level: 'reminder', name: { vi: 'nhắc nhở', en: 'reminder' } },
        { afterDaysOverdue: 5, level: 'criticism', name: { vi: 'phê bình', en: 'criticism' } },
        { afterDaysOverdue: 10, level: 'review', name: { vi: 'kiểm điểm', en: 'disciplinary review' } },
      ]),
    overdueDayCounting: z.enum(['calendar', 'working']).default('working'),
    /** The article the escalation's recipients come from, and where its day counts come from (the text gives none). */
    overdueEscalationBasis: z.object({ rule: ruleIdSchema, article: articleSchema, quote: z.string().optional(), note: z.string() }).strict().optional(),
    reportReminderWorkingDaysBefore: z.number().int().min(0).max(30).default(1),
    /** An assignment due on a date is on time until this time of that day. */
    assignmentDueTime: timeOfDaySchema.default('23:59:59'),
  })
  .strict();
export type RulebookSettings = z.infer<typeof settingsSchema>;

/**
 * Evidence files (issue #22): the largest file a record may carry. The regulation names no size;
 * `basis` says where the department's number comes from. Absent: 25 MB.
 */
export const filesSchema = z
  .object({
    maxBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .max(5 * 1024 * 1024 * 1024)
      .default(25 * 1024 * 1024),
    basis: z.string().min(1).optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------
// The rulebook
// ---------------------------------------------------------------------------------------

const rulebookShape = z
  .object({
    version: z.number().int().min(1),
    organisation: z
      .object({
        id: idSchema,
        name: localizedTextSchema,
        shortName: localizedTextSchema,
        province: z.object({ id: idSchema, name: localizedTextSchema }).strict(),
        timeZone: ianaTimeZoneSchema,
        /** The day the tracker starts counting (go-live): nothing is owed for a period that ended before it. Absent: the day the organisation is seeded. */
        goLiveOn: isoDateSchema.optional(),
      })
      .strict(),
    regulation: z
      .object({
        title: localizedTextSchema,
        issuedOn: isoDateSchema,
        /** The decision's number as printed. */
        reference: z.string().trim().min(1),
        /** Path of the original text, relative to the repository root. */
        source: z.string().trim().min(1),
        note: z.string().optional(),
      })
      .strict(),
    effectiveFrom: isoDateSchema,
    /** The organisation's own name for every role. */
    roles: z.record(roleSchema, localizedTextSchema),
    /** Titles of each unit kind's head and deputy; where absent, the role's name. */
    unitTitles: z.partialRecord(unitKindSchema, unitTitlesSchema).optional(),
    units: z.array(unitSchema).min(1),
    staff: z.array(staffSchema).min(1),
    fields: z.array(fieldSchema),
    districts: z.array(districtSchema),
    leaders: z.array(leaderSchema).min(1),
    /** The rules' titles and descriptions, shown wherever a finding or figure names a rule. */
    rules: z.array(ruleTextSchema).optional(),
    calendar: calendarSchema.prefault({}),
    reportObligations: z.array(reportObligationSchema),
    plans: plansSchema.optional(),
    meetingObligations: z.array(meetingObligationSchema),
    meetingConclusions: meetingConclusionsSchema.optional(),
    meetingPreparation: meetingPreparationSchema.optional(),
    finance: financeSchema,
    documents: documentsSchema,
    citizenReception: citizenReceptionSchema.optional(),
    delegationVisits: delegationVisitsSchema.optional(),
    delegationReportBack: delegationReportBackSchema.optional(),
    collectiveDecisions: collectiveDecisionsSchema.optional(),
    leave: leaveSchema,
    workingTime: workingTimeSchema.optional(),
    settings: settingsSchema.prefault({}),
    files: filesSchema.prefault({}),
  })
  .strict();

export const rulebookSchema = rulebookShape.superRefine((data, ctx) => checkRulebook(data, ctx), {
  // Run even when the shape has errors, so one parse reports every bad field.
  when: () => true,
});

export type Rulebook = z.output<typeof rulebookSchema>;
export type RulebookInput = z.input<typeof rulebookSchema>;

// ---------------------------------------------------------------------------------------
// Cross-field checks. The data may be malformed here (see `when` above), so every access
// is defensive; a shape error already has its own issue.
// ---------------------------------------------------------------------------------------

type Path = (string | number)[];
interface IssueSink {
  addIssue(issue: { code: 'custom'; message: string; path: Path }): void;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asStrArr = (v: unknown): string[] => asArr(v).filter((x): x is string => typeof x === 'string');

function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function checkRulebook(input: unknown, ctx: IssueSink): void {
  const data = asObj(input);
  if (!data) return;
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', message, path });

  /** Unique ids within `key`; returns id -> index of the first holder. */
  const uniqueIds = (key: string, idKey = 'id'): Map<string, number> => {
    const seen = new Map<string, number>();
    asArr(data[key]).forEach((item, i) => {
      const id = asStr(asObj(item)?.[idKey]);
      if (id === undefined) return;
      const first = seen.get(id);
      if (first !== undefined) issue([key, i, idKey], `duplicate id '${id}' (also ${key}[${first}])`);
      else seen.set(id, i);
    });
    return seen;
  };

  const unitIndex = uniqueIds('units');
  uniqueIds('rules');
  const staffIndex = uniqueIds('staff');
  const fieldIndex = uniqueIds('fields');
  const districtIndex = uniqueIds('districts');

  const units = asArr(data.units).map(asObj);
  const staff = asArr(data.staff).map(asObj);
  const unitKindById = new Map<string, string>();
  units.forEach((u) => {
    const id = asStr(u?.id);
    const kind = asStr(u?.kind);
    if (id !== undefined && kind !== undefined && !unitKindById.has(id)) unitKindById.set(id, kind);
  });
  const staffById = new Map<string, Obj>();
  staff.forEach((s) => {
    const id = asStr(s?.id);
    if (s && id !== undefined && !staffById.has(id)) staffById.set(id, s);
  });
  const hasRole = (s: Obj | undefined, roles: readonly string[]) => asStrArr(s?.roles).some((r) => roles.includes(r));

  // Obligation ids share one namespace: the API names them by id alone.
  const obligationSeen = new Map<string, string>();
  for (const key of ['reportObligations', 'meetingObligations']) {
    asArr(data[key]).forEach((item, i) => {
      const id = asStr(asObj(item)?.id);
      if (id === undefined) return;
      const first = obligationSeen.get(id);
      if (first !== undefined) issue([key, i, 'id'], `duplicate obligation id '${id}' (also ${first})`);
      else obligationSeen.set(id, `${key}[${i}]`);
    });
  }
  // A5: an approval that needs the board names a report obligation of the rulebook.
  asArr(asObj(data.collectiveDecisions)?.approvals).forEach((a, i) => {
    const id = asStr(asObj(a)?.obligationId);
    if (id !== undefined && !asArr(data.reportObligations).some((o) => asStr(asObj(o)?.id) === id)) {
      issue(['collectiveDecisions', 'approvals', i, 'obligationId'], `no report obligation '${id}'`);
    }
  });

  // Staff: unit exists, emails unique, leadership roles only in units of the matching kind.
  const emails = new Map<string, number>();
  staff.forEach((s, i) => {
    if (!s) return;
    const unitId = asStr(s.unitId);
    const kind = unitId === undefined ? undefined : unitKindById.get(unitId);
    if (unitId !== undefined && !unitIndex.has(unitId)) issue(['staff', i, 'unitId'], `unknown unit '${unitId}'`);
    const email = asStr(s.email)?.toLowerCase();
    if (email !== undefined) {
      const first = emails.get(email);
      if (first !== undefined) issue(['staff', i, 'email'], `duplicate email (also staff[${first}])`);
      else emails.set(email, i);
    }
    const roles = asArr(s.roles);
    const roleSeen = new Set<unknown>();
    roles.forEach((r, j) => {
      if (roleSeen.has(r)) issue(['staff', i, 'roles', j], `duplicate role '${String(r)}'`);
      roleSeen.add(r);
      const allowed = typeof r === 'string' ? ROLE_UNIT_KINDS[r as Role] : undefined;
      if (allowed && kind !== undefined && !allowed.includes(kind as UnitKind)) {
        issue(['staff', i, 'roles', j], `role '${r}' belongs in a unit of kind ${allowed.join(' or ')}, not '${kind}'`);
      }
    });
    if (kind === 'board' && !hasRole(s, BOARD_ROLES)) {
      issue(['staff', i, 'roles'], 'staff of the board must be the director or a deputy director');
    }
  });

  const directors = staff.flatMap((s, i) => (hasRole(s, ['director']) ? [i] : []));
  if (directors.length !== 1) {
    issue(['staff'], `exactly one staff member must hold the role 'director' (found ${directors.length})`);
  }

  // Units: one board; the board has no overseer, every other unit exactly one leader;
  // exactly one holder of the unit's head role.
  const boards = units.flatMap((u, i) => (asStr(u?.kind) === 'board' ? [i] : []));
  if (boards.length !== 1) issue(['units'], `exactly one unit must be of kind 'board' (found ${boards.length})`);
  units.forEach((u, i) => {
    if (!u) return;
    const id = asStr(u.id);
    const kind = asStr(u.kind) as UnitKind | undefined;
    const overseenBy = u.overseenBy;
    if (kind === 'board') {
      if (overseenBy !== null && overseenBy !== undefined) issue(['units', i, 'overseenBy'], 'the board is overseen by no one: use null');
    } else if (kind !== undefined && overseenBy === null) {
      issue(['units', i, 'overseenBy'], 'every unit but the board is overseen by one leader');
    } else if (typeof overseenBy === 'string') {
      const leader = staffById.get(overseenBy);
      if (!leader) issue(['units', i, 'overseenBy'], `unknown staff member '${overseenBy}'`);
      else if (!hasRole(leader, BOARD_ROLES)) {
        issue(['units', i, 'overseenBy'], `'${overseenBy}' is neither the director nor a deputy director`);
      }
    }
    if (id === undefined || kind === undefined || !(kind in HEAD_ROLE)) return;
    const headRole = HEAD_ROLE[kind];
    const heads = staff.filter((s) => asStr(s?.unitId) === id && hasRole(s, [headRole]));
    if (heads.length !== 1) {
      issue(['units', i], `unit '${id}' must have exactly one staff member with role '${headRole}' (found ${heads.length})`);
    }
  });

  // Leaders: one entry per board member; fields and districts exist and belong to one portfolio.
  const leaderSeen = new Map<string, number>();
  const fieldOwner = new Map<string, string>();
  const districtOwner = new Map<string, string>();
  let mainHolders = 0;
  asArr(data.leaders).forEach((item, i) => {
    const l = asObj(item);
    if (!l) return;
    const staffId = asStr(l.staffId);
    const person = staffId === undefined ? undefined : staffById.get(staffId);
    if (staffId !== undefined) {
      if (!person) issue(['leaders', i, 'staffId'], `unknown staff member '${staffId}'`);
      else if (!hasRole(person, BOARD_ROLES)) {
        issue(['leaders', i, 'staffId'], `'${staffId}' is neither the director nor a deputy director`);
      }
      const first = leaderSeen.get(staffId);
      if (first !== undefined) issue(['leaders', i, 'staffId'], `duplicate leader '${staffId}' (also leaders[${first}])`);
      else leaderSeen.set(staffId, i);
    }
    const portfolio = (key: 'fields' | 'districts', index: Map<string, number>, owner: Map<string, string>) =>
      asArr(l[key]).forEach((ref, j) => {
        if (typeof ref !== 'string') return;
        if (!index.has(ref)) return issue(['leaders', i, key, j], `unknown ${key === 'fields' ? 'field' : 'district'} '${ref}'`);
        const first = owner.get(ref);
        if (first !== undefined) issue(['leaders', i, key, j], `'${ref}' is already in the portfolio of ${first}`);
        else owner.set(ref, staffId ?? `leaders[${i}]`);
      });
    portfolio('fields', fieldIndex, fieldOwner);
    portfolio('districts', districtIndex, districtOwner);
    const isDirector = hasRole(person, ['director']);
    if (l.standsInForDirector === true && person && isDirector) {
      issue(['leaders', i, 'standsInForDirector'], 'only a deputy director stands in for the director');
    }
    if (l.accountHolder === 'main') {
      mainHolders += 1;
      if (person && !isDirector) issue(['leaders', i, 'accountHolder'], 'the main account holder is the director');
      if (mainHolders > 1) issue(['leaders', i, 'accountHolder'], 'only one main account holder');
    }
    if (l.accountHolder === 'second-when-authorised' && person && isDirector) {
      issue(['leaders', i, 'accountHolder'], 'the director is the main account holder');
    }
  });
  staff.forEach((s, i) => {
    const id = asStr(s?.id);
    if (id !== undefined && hasRole(s, BOARD_ROLES) && !leaderSeen.has(id)) {
      issue(['staff', i, 'roles'], `'${id}' leads the department but has no entry in leaders (their portfolio)`);
    }
  });

  checkCalendar(asObj(data.calendar), issue);

  // Obligations: selectors name existing units; deadline kinds fit their cadence.
  const checkSelector = (sel: unknown, path: Path) =>
    asArr(asObj(sel)?.unitIds).forEach((ref, j) => {
      if (typeof ref === 'string' && !unitIndex.has(ref)) issue([...path, 'unitIds', j], `unknown unit '${ref}'`);
    });
  asArr(data.reportObligations).forEach((item, i) => {
    const o = asObj(item);
    if (!o) return;
    const path: Path = ['reportObligations', i];
    checkSelector(o.from, [...path, 'from']);
    const cadences = asObj(o.cadences);
    const cadenceCount = cadences ? Object.keys(cadences).length : 0;
    if (cadenceCount === 0 && o.events === undefined) {
      issue(path, 'an obligation needs at least one cadence or event');
    }
    for (const [cadence, rule] of Object.entries(cadences ?? {})) {
      const kind = asStr(asObj(asObj(rule)?.deadline)?.kind);
      if (kind === 'weekday-in-period' && cadence !== 'week') {
        issue([...path, 'cadences', cadence, 'deadline', 'kind'], "'weekday-in-period' is for weekly cadences only");
      }
      if (kind === 'day-of-month' && cadence === 'week') {
        issue([...path, 'cadences', cadence, 'deadline', 'kind'], "'day-of-month' does not fit a weekly cadence");
      }
      if (kind === 'day-of-month' && asObj(asObj(rule)?.deadline)?.month !== undefined && cadence !== 'year') {
        issue([...path, 'cadences', cadence, 'deadline', 'month'], "a month of the year fits a yearly cadence only");
      }
    }
  });
  asArr(data.meetingObligations).forEach((item, i) => {
    const m = asObj(item);
    if (!m) return;
    const path: Path = ['meetingObligations', i];
    checkSelector(m.participants, [...path, 'participants']);
    if (m.scope === 'unit' && m.unitKinds === undefined) issue([...path, 'unitKinds'], 'a unit meeting names the unit kinds that hold it');
    if (m.scope === 'department' && m.unitKinds !== undefined) issue([...path, 'unitKinds'], 'only unit meetings take unitKinds');
  });

  const finance = asObj(data.finance);
  for (const key of ['incomeExpenseReport', 'cashReport', 'payroll', 'settlement']) {
    const f = asObj(finance?.[key]);
    checkSelector(f?.from, ['finance', key, 'from']);
    if (key === 'incomeExpenseReport' || key === 'cashReport' || key === 'payroll') {
      if (asStr(asObj(f?.deadline)?.kind) === 'weekday-in-period') {
        issue(['finance', key, 'deadline', 'kind'], "'weekday-in-period' is for weekly cadences; this rule is monthly");
      }
    }
  }

  const documents = asObj(data.documents);
  const distribution = asObj(documents?.distribution);
  checkSelector(distribution?.registeredBy, ['documents', 'distribution', 'registeredBy']);
  const distributorId = asStr(distribution?.distributorId);
  if (distributorId !== undefined) {
    const person = staffById.get(distributorId);
    if (!person) issue(['documents', 'distribution', 'distributorId'], `unknown staff member '${distributorId}'`);
    else if (!hasRole(person, BOARD_ROLES)) {
      issue(['documents', 'distribution', 'distributorId'], `'${distributorId}' is neither the director nor a deputy director`);
    }
  }
  const levelSeen = new Set<string>();
  asArr(asObj(documents?.confidentialLevels)?.levels).forEach((lvl, i) => {
    const id = asStr(asObj(lvl)?.id);
    if (id === undefined) return;
    if (levelSeen.has(id)) issue(['documents', 'confidentialLevels', 'levels', i, 'id'], `duplicate level '${id}'`);
    levelSeen.add(id);
  });

  const approval = asObj(asObj(data.leave)?.approval);
  const thresholds = asArr(approval?.thresholds).map(asObj);
  let previous = 0;
  thresholds.forEach((t, i) => {
    const path: Path = ['leave', 'approval', 'thresholds', i, 'upToDays'];
    const upTo = t?.upToDays;
    const last = i === thresholds.length - 1;
    if (upTo === null && !last) issue(path, 'only the last threshold may be open-ended (null)');
    if (upTo === null || typeof upTo !== 'number') return;
    if (upTo <= previous) issue(path, 'thresholds must grow');
    if (last) issue(path, 'the last threshold must be open-ended (null) so every leave has an approver');
    previous = upTo;
  });
  const years = asArr(asObj(asObj(data.leave)?.carryOver)?.carryOverYears);
  if (new Set(years).size !== years.length) issue(['leave', 'carryOver', 'carryOverYears'], 'duplicate number of years');

  const escalation = asArr(asObj(data.settings)?.overdueEscalation).map(asObj);
  let prevDays = 0;
  let prevLevel = -1;
  escalation.forEach((e, i) => {
    const days = e?.afterDaysOverdue;
    const level = ESCALATION_ORDER.indexOf(e?.level as EscalationLevel);
    if (typeof days === 'number' && days <= prevDays) {
      issue(['settings', 'overdueEscalation', i, 'afterDaysOverdue'], 'escalation steps must come later and later');
    }
    if (level !== -1 && level <= prevLevel) {
      issue(['settings', 'overdueEscalation', i, 'level'], 'levels go reminder, criticism, review, each at most once');
    }
    if (typeof days === 'number') prevDays = days;
    if (level !== -1) prevLevel = level;
  });

  const issuedOn = asStr(asObj(data.regulation)?.issuedOn);
  const effectiveFrom = asStr(data.effectiveFrom);
  if (issuedOn && effectiveFrom && isValidIsoDate(issuedOn) && isValidIsoDate(effectiveFrom) && effectiveFrom < issuedOn) {
    issue(['effectiveFrom'], 'a regulation cannot take effect before it is issued');
  }
}

function checkCalendar(calendar: Obj | undefined, issue: (path: Path, message: string) => void): void {
  if (!calendar) return;
  const weekend = asArr(calendar.weekendDays);
  if (new Set(weekend).size !== weekend.length) issue(['calendar', 'weekendDays'], 'duplicate weekday');
  const isWeekend = (date: string) => weekend.includes(isoWeekday(date));
  const holidays = new Map<string, number>();
  asArr(calendar.holidays).forEach((h, i) => {
    const date = asStr(asObj(h)?.date);
    if (date === undefined || !isValidIsoDate(date)) return;
    if (holidays.has(date)) issue(['calendar', 'holidays', i, 'date'], `duplicate holiday ${date} (also calendar.holidays[${holidays.get(date)}])`);
    else holidays.set(date, i);
  });
  const years = new Set<unknown>();
  asArr(calendar.years).forEach((y, i) => {
    const year = asObj(y)?.year;
    if (years.has(year)) issue(['calendar', 'years', i, 'year'], `year ${String(year)} is listed twice`);
    years.add(year);
  });
  // A swap's day off (`replaces`) must be a weekday; when it falls in another year (a swap announced
  // across the new year), that year's calendar is loaded from its own entry, so the day must be
  // listed there among the holidays, or that year would count it as a working day.
  const yearEntries = asArr(calendar.years).map((y) => asObj(y));
  yearEntries.forEach((y, i) => {
    const year = y?.year;
    asArr(y?.workingWeekendDays).forEach((w, j) => {
      const o = asObj(w);
      const path: Path = ['calendar', 'years', i, 'workingWeekendDays', j];
      const date = asStr(o?.date);
      if (date !== undefined && isValidIsoDate(date) && !isWeekend(date)) issue([...path, 'date'], `${date} is not a weekend day`);
      const replaces = asStr(o?.replaces);
      if (replaces === undefined || !isValidIsoDate(replaces) || typeof year !== 'number') return;
      if (isWeekend(replaces)) {
        issue([...path, 'replaces'], `${replaces} is a weekend day already`);
        return;
      }
      const replacedYear = Number(replaces.slice(0, 4));
      if (Math.abs(replacedYear - year) > 1) {
        issue([...path, 'replaces'], `${replaces} is not in ${year} or a year next to it`);
        return;
      }
      if (replacedYear === year) return;
      const k = yearEntries.findIndex((e) => e?.year === replacedYear);
      const listed = k >= 0 && asArr(yearEntries[k]?.holidays).some((h) => asStr(asObj(h)?.date) === replaces);
      if (!listed) {
        issue(
          [...path, 'replaces'],
          k >= 0
            ? `${replaces} is in ${replacedYear}: list it among calendar.years[${k}].holidays, the day off this swap gives`
            : `${replaces} is in ${replacedYear}: add calendar.years for ${replacedYear} with ${replaces} among its holidays, the day off this swap gives`,
        );
      }
    });
  });
  const worked = new Set<string>();
  asArr(calendar.workingWeekendDays).forEach((w, i) => {
    const o = asObj(w);
    const date = asStr(o?.date);
    const path: Path = ['calendar', 'workingWeekendDays', i];
    if (date !== undefined && isValidIsoDate(date)) {
      if (worked.has(date)) issue([...path, 'date'], `duplicate working weekend day ${date}`);
      worked.add(date);
      if (!isWeekend(date)) issue([...path, 'date'], `${date} is not a weekend day`);
      if (holidays.has(date)) issue([...path, 'date'], `${date} is also listed as a holiday`);
    }
    const replaces = asStr(o?.replaces);
    if (replaces !== undefined && isValidIsoDate(replaces) && isWeekend(replaces)) {
      issue([...path, 'replaces'], `${replaces} is a weekend day already`);
    }
  });
}
