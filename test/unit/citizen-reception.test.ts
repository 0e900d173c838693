// The pure citizen reception domain (C1, Điều 14): schedules, sessions, case deadlines and the C1 evaluation.
import { describe, expect, it } from 'vitest';
import {
  approveSchedule,
  caseDueDate,
  proposeSchedule,
  recordSessionOutcome,
  rescheduleSession,
  type ReceptionRules,
} from '../../shared/domain/citizen-reception.js';
import { evaluateCitizenReception } from '../../shared/domain/compliance/citizen-reception.js';
import { ConflictError, ValidationError } from '../../shared/domain/errors.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { sonLa } from '../support/people.js';

const TZ = 'Asia/Ho_Chi_Minh';
const rules: ReceptionRules = sonLa.citizenReception!;
const calendar = calendarOf(sonLa);
const at = (iso: string) => new Date(iso);

function approved() {
  const proposed = proposeSchedule(
    {
      id: 'reception-schedule.2027-03',
      orgId: 'org',
      month: '2027-03',
      proposedBy: 'ci',
      sessions: [
        { date: '2027-03-19', start: '08:00', end: '11:00', hostId: 'deputy' },
        { date: '2027-03-05', start: '08:00', end: '11:00', hostId: 'director' },
      ],
    },
    rules,
    at('2027-02-20T02:00:00Z'),
  ).next;
  return approveSchedule(proposed, { by: 'director' }, at('2027-02-25T02:00:00Z')).next;
}

describe('case deadlines', () => {
  it('a complaint in calendar days, a denunciation in working days (the Sơn La rulebook, the law’s numbers)', () => {
    expect(caseDueDate('complaint', '2027-03-05', rules, calendar)).toBe('2027-03-15');
    expect(caseDueDate('denunciation', '2027-03-05', rules, calendar)).toBe('2027-03-16');
  });

  it('a rulebook without caseDeadlines falls back to the law', () => {
    const { caseDeadlines: _c, ...bare } = rules;
    expect(caseDueDate('complaint', '2027-03-05', bare, calendar)).toBe('2027-03-15');
    expect(caseDueDate('denunciation', '2027-03-05', { ...bare, caseDeadlines: { complaint: { days: 5, dayCounting: 'working' }, denunciation: { days: 2, dayCounting: 'calendar' } } }, calendar)).toBe('2027-03-07');
  });
});

describe('sessions', () => {
  it('numbers sessions by date', () => {
    expect(approved().sessions.map((s) => [s.n, s.date])).toEqual([
      [1, '2027-03-05'],
      [2, '2027-03-19'],
    ]);
  });

  it('moves a session only to a day not yet past, at the latest in the next month', () => {
    const s = approved();
    const issues = (date: string) => {
      try {
        rescheduleSession(s, 1, { date, reason: 'r', by: 'ci' }, '2027-03-04', at('2027-03-04T02:00:00Z'));
        return [];
      } catch (error) {
        return (error as ValidationError).issues.map((i) => i.message);
      }
    };
    expect(issues('2027-03-03')).toEqual(['must be 2027-03-04 or later']);
    expect(issues('2027-05-01')).toEqual(['must be 2027-04-30 or earlier (the month after at the latest)']);
    expect(issues('2027-04-30')).toEqual([]);
  });

  it('a held session cannot be held again or moved', () => {
    const held = recordSessionOutcome(approved(), 1, { receivedBy: 'director', otherStaffIds: [], citizenCount: 0, caseCount: 0, recordedBy: 'ci' }, '2027-03-05', at('2027-03-05T05:00:00Z')).next;
    expect(() => recordSessionOutcome(held, 1, { receivedBy: 'director', otherStaffIds: [], citizenCount: 0, caseCount: 0, recordedBy: 'ci' }, '2027-03-05', at('2027-03-05T05:00:00Z'))).toThrow(ConflictError);
    expect(() => rescheduleSession(held, 1, { date: '2027-03-10', reason: 'r', by: 'ci' }, '2027-03-05', at('2027-03-05T05:00:00Z'))).toThrow(ConflictError);
  });
});

describe('the C1 evaluation', () => {
  const check = (schedule: ReturnType<typeof approved> | undefined, when: string) =>
    evaluateCitizenReception(
      {
        months: [{ month: '2027-03', dueAt: at('2027-03-01T10:00:00Z'), ...(schedule ? { schedule } : {}) }],
        proposer: { staffId: 'ci', unitId: 'inspectorate' },
        approver: { staffId: 'director', unitId: 'board' },
        unitOf: (id) => (id === 'ci' ? 'inspectorate' : 'board'),
        timeZone: TZ,
      },
      at(when),
    );

  it('a schedule approved before its deadline clears the month; a session held on its day, recorded later, clears it too', () => {
    const s = approved();
    const held = recordSessionOutcome(s, 1, { receivedBy: 'director', otherStaffIds: [], citizenCount: 2, caseCount: 0, recordedBy: 'ci' }, '2027-03-08', at('2027-03-08T02:00:00Z')).next;
    const result = check(held, '2027-03-09T00:00:00Z');
    expect(result.observations).toEqual([]);
    expect(result.clearances.map((c) => [c.identity.join('|'), c.putRight.at.toISOString()])).toEqual([
      ['schedule|2027-03', '2027-02-25T02:00:00.000Z'],
      ['session|2027-03|1|2027-03-05', '2027-03-08T02:00:00.000Z'],
    ]);
  });

  it('a proposal still waiting after the deadline is the approver’s finding', () => {
    const proposed = proposeSchedule(
      { id: 'reception-schedule.2027-03', orgId: 'org', month: '2027-03', proposedBy: 'ci', sessions: [{ date: '2027-03-19', start: '08:00', end: '11:00', hostId: 'director' }] },
      rules,
      at('2027-02-20T02:00:00Z'),
    ).next;
    const result = check(proposed, '2027-03-01T10:00:01Z');
    expect(result.observations.map((o) => [o.identity.join('|'), o.subjectId, o.unitId, o.putRight])).toEqual([['schedule|2027-03', 'director', 'board', undefined]]);
  });

  it('a session moved after its day had passed is a finding, already put right at the move', () => {
    const moved = rescheduleSession(approved(), 1, { date: '2027-03-09', reason: 'Lãnh đạo bận họp tỉnh', by: 'ci' }, '2027-03-06', at('2027-03-06T01:00:00Z')).next;
    const result = check(moved, '2027-03-07T00:00:00Z');
    expect(result.observations.map((o) => [o.identity.join('|'), o.subjectId, o.putRight?.at.toISOString(), o.putRight?.resolution])).toEqual([
      ['session|2027-03|1|2027-03-05', 'director', '2027-03-06T01:00:00.000Z', 'put-right'],
    ]);
  });
});
