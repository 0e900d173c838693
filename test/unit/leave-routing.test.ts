import { describe, expect, it } from 'vitest';
import { Authority, type OrgChart } from '../../shared/domain/authority.js';
import { UnprocessableError, ValidationError } from '../../shared/domain/errors.js';
import {
  balanceOf,
  checkCarryOver,
  emptySettings,
  emptyUsage,
  leaveLength,
  noticeOf,
  shortNoticeRefusal,
  type LeaveBalanceSettings,
} from '../../shared/domain/leave.js';
import { routeLeave, type LeaveApprovalRules } from '../../shared/domain/leave-routing.js';
import type { StaffMember } from '../../shared/domain/organisation.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import type { Role } from '../../shared/rulebook/schema.js';

const rulebook = rulebookForProvince('son-la')[0]!;
const approval = rulebook.leave.approval!;
const calendar = calendarOf(rulebook);
const staff: StaffMember[] = rulebook.staff.map((s) => ({ ...s, active: true }));
const chart: OrgChart = {
  units: rulebook.units.map(({ id, name, kind, overseenBy }) => ({ id, name, kind, overseenBy })),
  staff,
  leaders: rulebook.leaders,
};
const authority = new Authority(chart);

function who(role: Role, unitId?: string): StaffMember {
  const found = staff.find((s) => s.roles.includes(role) && (unitId === undefined || s.unitId === unitId));
  if (!found) throw new Error(`test setup: no ${role} in ${unitId ?? 'the department'}`);
  return found;
}
const overseerOf = (unitId: string) => rulebook.units.find((u) => u.id === unitId)!.overseenBy!;
const director = who('director');
const deputies = staff.filter((s) => s.roles.includes('deputy-director')).map((s) => s.id);
const route = (applicant: StaffMember, days: number, rules: LeaveApprovalRules = approval, a = authority) =>
  routeLeave(rules, a, a === authority ? staff : [...staff], applicant.id, days);

describe('L1 (Điều 18.2): staff and deputy heads, by length, from the rulebook thresholds', () => {
  it('the Sơn La thresholds are half a day to the head, one day to the overseeing leader, more to the director', () => {
    expect(approval.thresholds).toEqual([
      { upToDays: 0.5, approver: 'head-of-unit' },
      { upToDays: 1, approver: 'overseeing-leader' },
      { upToDays: null, approver: 'director' },
    ]);
  });

  it('half a day: the head of the unit', () => {
    const r = route(who('specialist', 'it'), 0.5);
    expect(r).toMatchObject({ kind: 'approval', approverRole: 'head-of-unit', approverId: who('head', 'it').id, basis: 'threshold', upToDays: 0.5, rule: 'L1', article: 'Điều 18.2' });
    expect(r.explanation).toBe('Leave of up to 0.5 days is decided by the head of the unit (L1, Điều 18.2).');
  });

  it('a deputy head is staff of the unit under Điều 18.2: half a day to the head', () => {
    expect(route(who('deputy-head', 'press'), 0.5)).toMatchObject({ approverRole: 'head-of-unit', approverId: who('head', 'press').id });
  });

  it('the office and the inspectorate: half a day to the chief of office / chief inspector', () => {
    expect(route(who('clerk', 'office'), 0.5)).toMatchObject({ approverId: who('chief-of-office').id });
    expect(route(who('inspector', 'inspectorate'), 0.5)).toMatchObject({ approverId: who('chief-inspector').id });
  });

  it('one day: the deputy director overseeing the unit', () => {
    const r = route(who('specialist', 'it'), 1);
    expect(r).toMatchObject({ kind: 'approval', approverRole: 'overseeing-leader', approverId: overseerOf('it'), upToDays: 1 });
    expect(deputies).toContain(overseerOf('it'));
    expect(route(who('deputy-chief-of-office'), 1)).toMatchObject({ approverRole: 'overseeing-leader', approverId: overseerOf('office') });
  });

  it('one day in a unit the director oversees himself (press): the director, as the overseeing leader', () => {
    expect(overseerOf('press')).toBe(director.id);
    expect(route(who('specialist', 'press'), 1)).toMatchObject({ approverRole: 'overseeing-leader', approverId: director.id });
  });

  it('more than one day: the director', () => {
    for (const days of [1.5, 2, 10]) {
      const r = route(who('specialist', 'posts-telecom'), days);
      expect(r).toMatchObject({ kind: 'approval', approverRole: 'director', approverId: director.id, upToDays: null });
    }
    expect(route(who('specialist', 'it'), 1.5).explanation).toBe('Leave of 1.5 days, longer than 1 day, is decided by the director (L1, Điều 18.2).');
  });
});

describe('L1 (Điều 18.1): leaders and the director', () => {
  it.each(['deputy-director', 'chief-of-office', 'chief-inspector', 'head'] as const)('a %s: the director, whatever the length', (role) => {
    for (const days of [0.5, 1, 3]) {
      expect(route(who(role), days)).toMatchObject({ kind: 'approval', approverRole: 'director', approverId: director.id, basis: 'leader' });
    }
  });

  it("the director's one day is reported to the board and the chief of office: no approval", () => {
    for (const days of [0.5, 1]) {
      const r = route(director, days);
      expect(r).toMatchObject({ kind: 'report', recipients: ['board', 'chief-of-office'], applicationRequired: false });
      if (r.kind !== 'report') throw new Error('unreachable');
      expect([...r.recipientIds].sort()).toEqual([...deputies, who('chief-of-office').id].sort());
    }
  });

  it("the director's leave over one day is applied for in writing to the board", () => {
    const r = route(director, 1.5);
    expect(r).toMatchObject({ kind: 'report', recipients: ['board', 'chief-of-office'], applicationRequired: true });
    expect(r.explanation).toBe("The director's leave of 1.5 days is longer than 1 day: it is applied for in writing to the board (L1, Điều 18.2).");
  });
});

describe('routing reads the rulebook, and passes up a place nobody holds', () => {
  it('other thresholds give other approvers', () => {
    const other: LeaveApprovalRules = {
      ...approval,
      thresholds: [
        { upToDays: 1, approver: 'head-of-unit' },
        { upToDays: 3, approver: 'overseeing-leader' },
        { upToDays: null, approver: 'director' },
      ],
      leaderRoles: ['deputy-director'],
      director: { informUpToDays: 2, inform: ['board'], applyInWritingTo: 'board' },
    };
    expect(route(who('specialist', 'it'), 1, other)).toMatchObject({ approverRole: 'head-of-unit', approverId: who('head', 'it').id });
    expect(route(who('specialist', 'it'), 3, other)).toMatchObject({ approverRole: 'overseeing-leader' });
    expect(route(who('specialist', 'it'), 3.5, other)).toMatchObject({ approverRole: 'director' });
    // A head is no longer a leader here: by length; their unit's head is themself, so it passes up.
    expect(route(who('head', 'it'), 0.5, other)).toMatchObject({ approverRole: 'overseeing-leader', escalatedFrom: ['head-of-unit'], approverId: overseerOf('it') });
    expect(route(director, 2, other)).toMatchObject({ kind: 'report', recipients: ['board'], applicationRequired: false });
  });

  it('a unit without a current head: half a day goes to the overseeing leader', () => {
    const itHead = who('head', 'it');
    const headless = new Authority({ ...chart, staff: staff.map((s) => (s.id === itHead.id ? { ...s, active: false } : s)) });
    const r = routeLeave(approval, headless, staff, who('specialist', 'it').id, 0.5);
    expect(r).toMatchObject({ approverRole: 'overseeing-leader', escalatedFrom: ['head-of-unit'], approverId: overseerOf('it') });
    expect(r.explanation).toContain('nobody holds that place');
  });
});

describe('leave length on the working calendar', () => {
  const span = (startDate: string, endDate: string, startHalf: 'morning' | 'afternoon' = 'morning', endHalf: 'morning' | 'afternoon' = 'afternoon') => ({ startDate, endDate, startHalf, endHalf });

  it('counts working days: Friday to Monday is 2', () => {
    expect(leaveLength(span('2026-11-27', '2026-11-30'), calendar)).toEqual({ days: 2, daysByYear: { '2026': 2 }, workingDays: ['2026-11-27', '2026-11-30'] });
  });

  it('half days come off the first and last day', () => {
    expect(leaveLength(span('2026-12-01', '2026-12-01', 'morning', 'morning'), calendar).days).toBe(0.5);
    expect(leaveLength(span('2026-12-01', '2026-12-01', 'afternoon', 'afternoon'), calendar).days).toBe(0.5);
    expect(leaveLength(span('2026-12-01', '2026-12-02', 'afternoon', 'morning'), calendar).days).toBe(1);
    expect(leaveLength(span('2026-12-01', '2026-12-03', 'afternoon'), calendar).days).toBe(2.5);
  });

  it('public holidays are not leave, and New Year splits a leave between two years', () => {
    // Hùng Kings' compensatory Monday 27/4/2026 falls inside.
    expect(leaveLength(span('2026-04-24', '2026-04-28'), calendar).days).toBe(2);
    expect(leaveLength(span('2026-12-31', '2027-01-04'), calendar)).toMatchObject({ days: 2, daysByYear: { '2026': 1, '2027': 1 } });
  });

  it('a leave starts and ends on working days; each bad field is named', () => {
    let error: unknown;
    try {
      leaveLength(span('2026-11-28', '2026-11-29'), calendar);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'body.startDate', message: '2026-11-28 is not a working day (Saturday)' },
      { path: 'body.endDate', message: '2026-11-29 is not a working day (Sunday)' },
    ]);
    expect(() => leaveLength(span('2026-12-02', '2026-12-01'), calendar)).toThrow(ValidationError);
    expect(() => leaveLength(span('2026-12-01', '2026-12-01', 'afternoon', 'morning'), calendar)).toThrow(/cannot end in the morning|not valid/);
    expect(() => leaveLength(span('2026-09-02', '2026-09-02'), calendar)).toThrow(ValidationError);
  });
});

describe('L2 (Điều 18.3): notice', () => {
  const rule = rulebook.leave.notice!;

  it('the rulebook asks 3 calendar days', () => {
    expect(rule).toMatchObject({ rule: 'L2', article: 'Điều 18.3', noticeDays: 3, dayCounting: 'calendar', emergencyException: true });
  });

  it('counts calendar days from the day asked to the first day of leave', () => {
    expect(noticeOf(rule, 'annual', '2026-11-30', '2026-12-02', calendar)).toMatchObject({ givenDays: 2, requiredDays: 3, short: true });
    expect(noticeOf(rule, 'personal', '2026-11-30', '2026-12-03', calendar)).toMatchObject({ givenDays: 3, short: false });
  });

  it('applies to annual and personal leave only', () => {
    expect(noticeOf(rule, 'sick', '2026-11-30', '2026-11-30', calendar)).toBeUndefined();
    expect(noticeOf(rule, 'other', '2026-11-30', '2026-11-30', calendar)).toBeUndefined();
  });

  it('a rulebook counting working days: Thursday to Monday is 2', () => {
    const working = { ...rule, dayCounting: 'working' as const };
    expect(noticeOf(working, 'annual', '2026-11-26', '2026-11-30', calendar)).toMatchObject({ givenDays: 2, short: true, dayCounting: 'working' });
    expect(noticeOf(rule, 'annual', '2026-11-26', '2026-11-30', calendar)).toMatchObject({ givenDays: 4, short: false });
  });

  it('the refusal cites the rule and names the fields', () => {
    const notice = noticeOf(rule, 'annual', '2026-11-30', '2026-12-02', calendar)!;
    const e = shortNoticeRefusal('annual', notice, rule, '2026-12-02', '2026-11-30');
    expect(e).toBeInstanceOf(UnprocessableError);
    expect(e.message).toMatch(/^Annual leave must be asked at least 3 days ahead \(L2, Điều 18\.3\); 2026-12-02 is 2 days ahead\./);
    expect(e.issues.map((i) => i.path)).toEqual(['body.startDate', 'body.emergencyReason']);
  });
});

describe('L3 (Điều 18.3): balances and carry-over', () => {
  const settings = (changes: Partial<LeaveBalanceSettings> = {}): LeaveBalanceSettings => ({ ...emptySettings('org', 's', 2025), ...changes });
  const rule = rulebook.leave.carryOver!;

  it('12 days by default (Labour Code art. 113), or the recorded figure', () => {
    expect(balanceOf(settings(), { ...emptyUsage(), usedDays: 4 })).toMatchObject({ entitlementDays: 12, entitlementSource: 'labour-code-default', remainingDays: 8 });
    expect(balanceOf(settings({ entitlementDays: 14 }), emptyUsage())).toMatchObject({ entitlementDays: 14, entitlementSource: 'override', remainingDays: 14 });
  });

  it('combines over 2 or 3 years only, up to the unused days, never carrying carried days again', () => {
    const from = balanceOf(settings(), { ...emptyUsage(), usedDays: 7 });
    expect(() => checkCarryOver(rule, { days: 5, fromYear: 2025, toYear: 2026 }, from)).not.toThrow();
    expect(() => checkCarryOver(rule, { days: 5, fromYear: 2024, toYear: 2026 }, from)).not.toThrow();
    expect(() => checkCarryOver(rule, { days: 5, fromYear: 2023, toYear: 2026 }, from)).toThrow(/combined over 2 or 3 years by agreement with the board \(L3, Điều 18\.3\)/);
    expect(() => checkCarryOver(rule, { days: 5.5, fromYear: 2025, toYear: 2026 }, from)).toThrow(/Only 5 days/);
    expect(() => checkCarryOver(rule, { days: 1, fromYear: 2026, toYear: 2026 }, from)).toThrow(ValidationError);
    const carried = balanceOf(
      settings({ carriedIn: [{ id: 'c', days: 2, fromYear: 2024, toYear: 2025, decisionRef: 'x', decidedBy: 'd', decidedAt: '' }] }),
      emptyUsage(),
    );
    expect(() => checkCarryOver(rule, { days: 1, fromYear: 2025, toYear: 2026 }, carried)).toThrow(/not carried again/);
    expect(() => checkCarryOver(undefined, { days: 1, fromYear: 2025, toYear: 2026 }, from)).toThrow(UnprocessableError);
  });
});
