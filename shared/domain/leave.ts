// Long file: one state machine (L1–L3) whose transitions share the balance and working-day arithmetic; split, each part would import all the others.
/**
 * Leave and absence (Điều 18; DOMAIN.md L1, L2, L3), pure: how long a leave is in working
 * days, whether it was asked early enough, what a person has left of their annual leave, and
 * the transitions of a leave request. Each transition returns the next state and what the
 * history records; the store writes both in one transaction.
 *
 * Every number comes from the rulebook (`leave.approval`, `leave.notice`, `leave.carryOver`)
 * except the statutory annual entitlement, which the regulation leaves to the law (Điều 18.3
 * "theo quy định của pháp luật hiện hành"): the Labour Code's default, overridable per person
 * and year by the chief of office.
 */
import type { FileRef } from './files.js';
import type { Rulebook } from '../rulebook/schema.js';
import type { WorkingCalendar } from './calendar.js';
import { ConflictError, UnprocessableError, ValidationError, type FieldIssue } from './errors.js';
import { addDays, compareLocalDates, daysBetween, isoWeekday, parseLocalDate, type LocalDate } from './local-time.js';
import type { LeaveRoute } from './leave-routing.js';

export type LeaveKind = 'annual' | 'personal' | 'sick' | 'other';
export const LEAVE_KINDS: readonly LeaveKind[] = ['annual', 'personal', 'sick', 'other'];
export type HalfDay = 'morning' | 'afternoon';
/** pending → approved | refused | withdrawn; reported (the director's own leave, Điều 18.1) → withdrawn before it starts. */
export type LeaveStatus = 'pending' | 'approved' | 'refused' | 'withdrawn' | 'reported';

/**
 * Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), art. 113(1)(a): 12 working days of annual
 * leave a year in normal conditions. The rulebook has no entitlement setting (Điều 18.3 refers
 * to the law), so this is the default; the chief of office records any other figure per person.
 */
export const LABOUR_CODE_ANNUAL_LEAVE_DAYS = 12;

/** The kinds the notice rule names: "Nghỉ phép năm hoặc nghỉ việc riêng, phải báo trước" (Điều 18.3). */
export const NOTICE_KINDS: readonly LeaveKind[] = ['annual', 'personal'];

/** Leave spans at most this many calendar days: a longer absence is not leave. */
export const MAX_LEAVE_SPAN_DAYS = 366;

export type LeaveRules = Rulebook['leave'];
export type NoticeRule = NonNullable<LeaveRules['notice']>;
export type CarryOverRule = NonNullable<LeaveRules['carryOver']>;

export interface LeaveSpan {
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  /** The half the leave starts with: 'afternoon' leaves the first morning worked. */
  readonly startHalf: HalfDay;
  /** The half the leave ends with: 'morning' leaves the last afternoon worked. */
  readonly endHalf: HalfDay;
}

export interface LeaveLength {
  /** Working days, in halves. */
  readonly days: number;
  /** The same days by calendar year: a leave over New Year counts against two balances. */
  readonly daysByYear: Readonly<Record<string, number>>;
  /** Every working day the leave touches (the days someone must hold a leader's authority). */
  readonly workingDays: readonly LocalDate[];
}

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function notWorking(date: LocalDate, calendar: WorkingCalendar): string {
  const holiday = calendar.holidayName(date);
  return holiday ? `${date} is a day off (${holiday.en})` : `${date} is not a working day (${WEEKDAY_NAMES[isoWeekday(date)]})`;
}

/**
 * The length of a leave on the working calendar. A leave starts and ends on working days (a
 * weekend or a holiday is not leave); its halves are taken off the first and last day.
 */
export function leaveLength(span: LeaveSpan, calendar: WorkingCalendar): LeaveLength {
  const issues: FieldIssue[] = [];
  const order = compareLocalDates(span.startDate, span.endDate);
  if (order > 0) issues.push({ path: 'body.endDate', message: `must be on or after startDate ${span.startDate}` });
  else if (daysBetween(span.startDate, span.endDate) >= MAX_LEAVE_SPAN_DAYS) {
    issues.push({ path: 'body.endDate', message: `a leave spans at most ${MAX_LEAVE_SPAN_DAYS} calendar days` });
  }
  if (!calendar.isWorkingDay(span.startDate)) issues.push({ path: 'body.startDate', message: notWorking(span.startDate, calendar) });
  if (order !== 0 && !calendar.isWorkingDay(span.endDate)) issues.push({ path: 'body.endDate', message: notWorking(span.endDate, calendar) });
  if (order === 0 && span.startHalf === 'afternoon' && span.endHalf === 'morning') {
    issues.push({ path: 'body.endHalf', message: 'a one-day leave that starts in the afternoon cannot end in the morning' });
  }
  if (issues.length) throw new ValidationError('The leave dates are not valid.', issues);

  const daysByYear: Record<string, number> = {};
  const workingDays: LocalDate[] = [];
  let days = 0;
  for (let d = span.startDate; compareLocalDates(d, span.endDate) <= 0; d = addDays(d, 1)) {
    if (!calendar.isWorkingDay(d)) continue;
    let share = 1;
    if (d === span.startDate && span.startHalf === 'afternoon') share -= 0.5;
    if (d === span.endDate && span.endHalf === 'morning') share -= 0.5;
    const year = String(parseLocalDate(d).year);
    daysByYear[year] = (daysByYear[year] ?? 0) + share;
    workingDays.push(d);
    days += share;
  }
  return { days, daysByYear, workingDays };
}

export interface NoticeCheck {
  readonly rule: string;
  readonly article: string;
  readonly requiredDays: number;
  /** Days from the day the leave is asked to its first day, counted as `dayCounting`. */
  readonly givenDays: number;
  readonly dayCounting: 'calendar' | 'working';
  /** Asked later than the rule requires. */
  readonly short: boolean;
}

/**
 * L2 (Điều 18.3): annual and personal leave are asked `noticeDays` ahead, counted in calendar
 * days from the day of the request to the first day of leave unless the rulebook counts
 * working days. Undefined when the rule does not apply to the kind (sick leave, other).
 */
export function noticeOf(rule: NoticeRule | undefined, kind: LeaveKind, today: LocalDate, startDate: LocalDate, calendar: WorkingCalendar): NoticeCheck | undefined {
  if (!rule || !NOTICE_KINDS.includes(kind)) return undefined;
  const givenDays = rule.dayCounting === 'working' ? calendar.workingDaysBetween(today, startDate) : daysBetween(today, startDate);
  return {
    rule: rule.rule,
    article: rule.article,
    requiredDays: rule.noticeDays,
    givenDays,
    dayCounting: rule.dayCounting,
    short: givenDays < rule.noticeDays,
  };
}

/** The refusal of leave asked too late without an emergency; cites the rule. */
export function shortNoticeRefusal(kind: LeaveKind, notice: NoticeCheck, rule: NoticeRule, startDate: LocalDate, today: LocalDate): UnprocessableError {
  const unit = notice.dayCounting === 'working' ? 'working days' : 'days';
  const what = kind === 'annual' ? 'Annual leave' : 'Personal leave';
  const given = notice.givenDays < 0 ? `${-notice.givenDays} ${unit} ago` : `${notice.givenDays} ${unit} ahead`;
  const emergency = rule.emergencyException
    ? ' Choose a later first day or, for an emergency (illness, a sudden family matter), send emergency: true with an emergencyReason and report it by phone.'
    : ' This organisation accepts no emergency exception; choose a later first day.';
  const issues: FieldIssue[] = [
    { path: 'body.startDate', message: `${startDate} is ${given} of ${today}; ${notice.rule} requires at least ${notice.requiredDays}` },
  ];
  if (rule.emergencyException) issues.push({ path: 'body.emergencyReason', message: `required for leave at short notice (${notice.rule})` });
  return new UnprocessableError(
    `${what} must be asked at least ${notice.requiredDays} ${unit} ahead (${notice.rule}, ${notice.article}); ${startDate} is ${given}.${emergency}`,
    issues,
  );
}

// ---------------------------------------------------------------------------------------
// The leave request
// ---------------------------------------------------------------------------------------

export interface LeaveRequest {
  readonly id: string;
  readonly orgId: string;
  readonly applicantId: string;
  /** The applicant's unit when they asked: the absence calendar it appears on. */
  readonly unitId: string;
  readonly kind: LeaveKind;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  readonly startHalf: HalfDay;
  readonly endHalf: HalfDay;
  readonly days: number;
  readonly daysByYear: Readonly<Record<string, number>>;
  /** The application (đơn, Điều 18.3). */
  readonly reason: string;
  /** Asked as an emergency (illness, a family matter), reported by phone (L2). */
  readonly emergency: boolean;
  readonly emergencyReason?: string;
  /** The notice check, for the kinds L2 covers. */
  readonly notice?: NoticeCheck;
  readonly route: LeaveRoute;
  /** Who decides: set for routed requests, null for the director's reported leave. */
  readonly approverId: string | null;
  readonly status: LeaveStatus;
  /** The director's leave over `informUpToDays`: a written application to the board (Điều 18.1). */
  readonly applicationRequired: boolean;
  /** The request to delegate raised when the director's leave had no delegation covering it (A2). */
  readonly delegationRequestId?: string;
  readonly decidedBy?: string;
  readonly decidedOnBehalfOf?: string;
  readonly decidedAt?: string;
  readonly decisionNote?: string;
  readonly withdrawnAt?: string;
  readonly withdrawalNote?: string;
  /** Evidence files (issue #22), e.g. a medical certificate: as personal as the request; the list only grows. */
  readonly files?: readonly FileRef[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export type LeaveAction = 'requested' | 'reported' | 'approved' | 'refused' | 'withdrawn' | 'files-added';

export interface LeaveTransition {
  readonly next: LeaveRequest;
  readonly action: LeaveAction;
  readonly data: Record<string, unknown>;
}

/** A leave that is or will be taken: it counts, appears on the absence calendar, blocks overlaps. */
export const isInEffect = (l: Pick<LeaveRequest, 'status'>) => l.status === 'approved' || l.status === 'reported';
export const isLive = (l: Pick<LeaveRequest, 'status'>) => l.status === 'pending' || isInEffect(l);

export type NewLeave = Omit<
  LeaveRequest,
  'status' | 'approverId' | 'applicationRequired' | 'createdAt' | 'updatedAt' | 'version' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'withdrawnAt' | 'withdrawalNote' | 'decidedOnBehalfOf' | 'files'
>;

export function createLeave(input: NewLeave, now: Date): LeaveTransition {
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError('A reason is required: leave is asked by application (Điều 18.3).', [{ path: 'body.reason', message: 'required' }]);
  const at = now.toISOString();
  const reported = input.route.kind === 'report';
  const next: LeaveRequest = {
    ...input,
    reason,
    approverId: input.route.kind === 'approval' ? input.route.approverId : null,
    status: reported ? 'reported' : 'pending',
    applicationRequired: input.route.kind === 'report' ? input.route.applicationRequired : false,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return { next, action: reported ? 'reported' : 'requested', data: { leave: next } };
}

function touch(l: LeaveRequest, now: Date, changes: Partial<LeaveRequest>): LeaveRequest {
  return { ...l, ...changes, updatedAt: now.toISOString(), version: l.version + 1 };
}

export function decideLeave(
  l: LeaveRequest,
  input: { approve: boolean; note?: string; decidedBy: string; onBehalfOf?: string },
  now: Date,
): LeaveTransition {
  if (l.status !== 'pending') throw new ConflictError(`The leave request is ${l.status}; only a pending request can be decided.`);
  const note = input.note?.trim();
  if (!input.approve && !note) {
    throw new ValidationError('A refusal gives its reason.', [{ path: 'body.note', message: 'required when refusing' }]);
  }
  const next = touch(l, now, {
    status: input.approve ? 'approved' : 'refused',
    decidedBy: input.decidedBy,
    ...(input.onBehalfOf ? { decidedOnBehalfOf: input.onBehalfOf } : {}),
    decidedAt: now.toISOString(),
    ...(note ? { decisionNote: note } : {}),
  });
  return { next, action: input.approve ? 'approved' : 'refused', data: { ...(note ? { note } : {}), days: l.days, kind: l.kind } };
}

/** More files for the request (a medical certificate brought after the fact): its list only grows. */
export function addLeaveFiles(l: LeaveRequest, files: readonly FileRef[], now: Date): LeaveTransition {
  const next = touch(l, now, { files: [...(l.files ?? []), ...files] });
  return { next, action: 'files-added', data: { files } };
}

/** The applicant withdraws a pending request, or the director a reported leave that has not begun. */
export function withdrawLeave(l: LeaveRequest, input: { note?: string }, today: LocalDate, now: Date): LeaveTransition {
  if (l.status === 'reported') {
    if (compareLocalDates(today, l.startDate) >= 0) {
      throw new ConflictError(`The leave began on ${l.startDate}; a reported leave can be withdrawn only before its first day.`);
    }
  } else if (l.status !== 'pending') {
    throw new ConflictError(`The leave request is already ${l.status}; it can be withdrawn only before the decision.`);
  }
  const note = input.note?.trim();
  const next = touch(l, now, { status: 'withdrawn', withdrawnAt: now.toISOString(), ...(note ? { withdrawalNote: note } : {}) });
  return { next, action: 'withdrawn', data: { previousStatus: l.status, ...(note ? { note } : {}) } };
}

// ---------------------------------------------------------------------------------------
// Usage counters and balances
// ---------------------------------------------------------------------------------------

/** What a leave adds to its person's counters for one year when it takes effect (negated when undone). */
export function usageDeltas(l: Pick<LeaveRequest, 'kind' | 'daysByYear' | 'emergency' | 'startDate'>, sign: 1 | -1): Record<string, Record<string, number>> {
  const startYear = String(parseLocalDate(l.startDate).year);
  const out: Record<string, Record<string, number>> = {};
  for (const [year, days] of Object.entries(l.daysByYear)) {
    out[year] = {
      [`days_${l.kind}`]: sign * days,
      ...(l.kind === 'annual' ? { usedDays: sign * days } : {}),
      leaves: year === startYear ? sign : 0,
      ...(l.emergency && year === startYear ? { emergencyLeaves: sign } : {}),
    };
  }
  return out;
}

export interface CarryOverRecord {
  readonly id: string;
  readonly days: number;
  readonly fromYear: number;
  readonly toYear: number;
  /** The board's agreement (L3): the number and date of its decision. */
  readonly decisionRef: string;
  readonly note?: string;
  /** The rulebook's "paid once" (L3): leave combined over years is paid for once. */
  readonly paidOnce?: boolean;
  readonly decidedBy: string;
  readonly decidedOnBehalfOf?: string;
  readonly decidedAt: string;
}

/** The stored settings of one person's year: entitlement override and carry-overs. Versioned. */
export interface LeaveBalanceSettings {
  readonly orgId: string;
  readonly staffId: string;
  readonly year: number;
  readonly entitlementDays?: number;
  readonly entitlementNote?: string;
  readonly entitlementSetBy?: string;
  readonly carriedIn: readonly CarryOverRecord[];
  readonly carriedOut: readonly CarryOverRecord[];
  readonly version: number;
}

/** Counters kept in step with the leave that took effect (no version: only ADDed to). */
export interface LeaveUsage {
  readonly usedDays: number;
  readonly leaves: number;
  readonly emergencyLeaves: number;
  readonly daysByKind: Readonly<Record<LeaveKind, number>>;
}

export interface LeaveBalance {
  readonly staffId: string;
  readonly year: number;
  readonly entitlementDays: number;
  readonly entitlementSource: 'labour-code-default' | 'override';
  readonly carriedInDays: number;
  readonly carriedOutDays: number;
  readonly usedDays: number;
  /** entitlement + carried in − carried out − used. */
  readonly remainingDays: number;
  readonly leaves: number;
  readonly emergencyLeaves: number;
  readonly daysByKind: Readonly<Record<LeaveKind, number>>;
  readonly carriedIn: readonly CarryOverRecord[];
  readonly carriedOut: readonly CarryOverRecord[];
  /** The settings' version (0 while nothing was ever set): send it as If-Match. */
  readonly version: number;
}

export const emptySettings = (orgId: string, staffId: string, year: number): LeaveBalanceSettings => ({
  orgId,
  staffId,
  year,
  carriedIn: [],
  carriedOut: [],
  version: 0,
});

export const emptyUsage = (): LeaveUsage => ({
  usedDays: 0,
  leaves: 0,
  emergencyLeaves: 0,
  daysByKind: { annual: 0, personal: 0, sick: 0, other: 0 },
});

const sum = (records: readonly CarryOverRecord[]) => records.reduce((n, r) => n + r.days, 0);

export function balanceOf(settings: LeaveBalanceSettings, usage: LeaveUsage): LeaveBalance {
  const entitlementDays = settings.entitlementDays ?? LABOUR_CODE_ANNUAL_LEAVE_DAYS;
  const carriedInDays = sum(settings.carriedIn);
  const carriedOutDays = sum(settings.carriedOut);
  return {
    staffId: settings.staffId,
    year: settings.year,
    entitlementDays,
    entitlementSource: settings.entitlementDays === undefined ? 'labour-code-default' : 'override',
    carriedInDays,
    carriedOutDays,
    usedDays: usage.usedDays,
    remainingDays: entitlementDays + carriedInDays - carriedOutDays - usage.usedDays,
    leaves: usage.leaves,
    emergencyLeaves: usage.emergencyLeaves,
    daysByKind: usage.daysByKind,
    carriedIn: settings.carriedIn,
    carriedOut: settings.carriedOut,
    version: settings.version,
  };
}

/** The most annual leave that may be in effect for the year: entitlement + carried in − carried out. */
export function annualAllowance(settings: LeaveBalanceSettings): number {
  return (settings.entitlementDays ?? LABOUR_CODE_ANNUAL_LEAVE_DAYS) + sum(settings.carriedIn) - sum(settings.carriedOut);
}

export function insufficientBalance(year: string, wanted: number, balance: LeaveBalance): UnprocessableError {
  return new UnprocessableError(
    `${wanted} days of annual leave in ${year} exceed the ${balance.remainingDays} days left (${balance.entitlementDays} entitled + ${balance.carriedInDays} carried over − ${balance.carriedOutDays} carried on − ${balance.usedDays} taken); the annual leave regime follows the law (Điều 18.3, L3).`,
    [{ path: 'body.endDate', message: `${balance.remainingDays} days of annual leave left in ${year}` }],
  );
}

/**
 * L3 (Điều 18.3): unused annual leave may be combined over 2 or 3 years (the rulebook's
 * `carryOverYears`) by agreement with the board, paid once. `fromYear`'s unused days move
 * into `toYear`; days that were themselves carried in are not carried again, so no
 * combination spans more years than the rule allows.
 */
export function checkCarryOver(
  rule: CarryOverRule | undefined,
  input: { days: number; fromYear: number; toYear: number },
  from: LeaveBalance,
): void {
  if (!rule) throw new UnprocessableError('This organisation’s rulebook allows no carry-over of annual leave (L3).');
  const span = input.toYear - input.fromYear + 1;
  const cite = `${rule.rule}, ${rule.article}`;
  if (input.fromYear >= input.toYear) {
    throw new ValidationError(`Leave is carried from an earlier year into a later one (${cite}).`, [
      { path: 'body.fromYear', message: `must be before ${input.toYear}` },
    ]);
  }
  if (!rule.carryOverYears.includes(span)) {
    throw new UnprocessableError(
      `Annual leave may be combined over ${rule.carryOverYears.join(' or ')} years by agreement with the ${rule.agreementWith} (${cite}); ${input.fromYear} to ${input.toYear} is ${span} years.`,
      [{ path: 'body.fromYear', message: `combines ${span} years; allowed: ${rule.carryOverYears.join(', ')}` }],
    );
  }
  if (from.carriedInDays > 0) {
    throw new UnprocessableError(
      `${input.fromYear} already holds ${from.carriedInDays} days carried over from an earlier year; carried days are not carried again (${cite}).`,
      [{ path: 'body.fromYear', message: 'that year received carried-over days' }],
    );
  }
  if (input.days > from.remainingDays) {
    throw new UnprocessableError(
      `Only ${from.remainingDays} days of ${input.fromYear}'s annual leave are unused; ${input.days} cannot be carried over (${cite}).`,
      [{ path: 'body.days', message: `at most ${from.remainingDays}` }],
    );
  }
}
