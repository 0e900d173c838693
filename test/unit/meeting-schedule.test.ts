import { describe, expect, it } from 'vitest';
import { Authority, type Delegation } from '../../shared/domain/authority.js';
import { ValidationError } from '../../shared/domain/errors.js';
import { formatInstant } from '../../shared/domain/local-time.js';
import { chairDecision, conclusionsDueAt, obligationForKind, placeOf } from '../../shared/domain/meeting.js';
import { expectedMeetings, matchHeld, type ExpectedMeeting } from '../../shared/domain/meeting-schedule.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import type { MeetingObligation } from '../../shared/rulebook/schema.js';

const rb = rulebookForProvince('son-la')[0]!;
const calendar = calendarOf(rb);
const units = rb.units.map(({ id, name, kind, overseenBy }) => ({ id, name, kind, overseenBy }));
const authority = new Authority({ units, staff: rb.staff.map((s) => ({ ...s, active: true })), leaders: rb.leaders });
const TZ = 'Asia/Ho_Chi_Minh';
const UNITS_WITH_MONTHLY_MEETINGS = ['office', 'inspectorate', 'press', 'posts-telecom', 'it', 'ict-centre'];

const schedule = (start: string, end: string, obligations: readonly MeetingObligation[] = rb.meetingObligations) =>
  expectedMeetings({ obligations, units, calendar, range: { start, end } });
const briefings = (start: string, end: string) => schedule(start, end).filter((e) => e.kind === 'weekly-briefing');
const by = (role: string, unitId?: string) => rb.staff.find((s) => s.roles.includes(role as never) && (!unitId || s.unitId === unitId))!;

describe('the expected weekly briefing (M1)', () => {
  it('is every Friday, one per ISO week, held by the board', () => {
    expect(briefings('2026-11-02', '2026-11-29').map((e) => [e.occurrence, e.expectedOn, e.unitId, e.level])).toEqual([
      ['2026-W45', '2026-11-06', 'board', 'department'],
      ['2026-W46', '2026-11-13', 'board', 'department'],
      ['2026-W47', '2026-11-20', 'board', 'department'],
      ['2026-W48', '2026-11-27', 'board', 'department'],
    ]);
  });

  it('moves to the last working day before a holiday Friday, within the same week, and says why', () => {
    // 30/4 (Thu) and 1/5 (Fri) 2026 are public holidays: the briefing of 2026-W18 is on Wednesday 29/4.
    const [w18] = briefings('2026-04-27', '2026-05-03');
    expect(w18).toEqual({
      key: 'm1-weekly-briefing|2026-W18|board',
      obligationId: 'm1-weekly-briefing',
      rule: 'M1',
      article: 'Điều 11.1',
      kind: 'weekly-briefing',
      title: { vi: 'Họp giao ban hàng tuần', en: 'Weekly briefing' },
      level: 'department',
      unitId: 'board',
      occurrence: '2026-W18',
      window: { start: '2026-04-27', end: '2026-05-03' },
      expectedOn: '2026-04-29',
      movedFrom: '2026-05-01',
      movedBecause: { vi: 'Ngày Quốc tế lao động (1/5)', en: 'International Labour Day (1 May)' },
      conclusionWorkingDays: 2,
    });
    // New Year's Day 2027 is a Friday: the briefing moves to Thursday 31/12/2026, in ISO week 2026-W53.
    expect(briefings('2026-12-28', '2027-01-03').map((e) => [e.occurrence, e.expectedOn, e.movedFrom])).toEqual([['2026-W53', '2026-12-31', '2027-01-01']]);
  });

  it('is not expected in a week with no working day (Tết 2026), nor when its day falls outside the range', () => {
    expect(briefings('2026-02-16', '2026-02-22')).toEqual([]);
    expect(briefings('2026-11-23', '2026-11-26')).toEqual([]);
  });

  it('follows the rulebook: a Thursday briefing kept on a holiday when the policy is keep', () => {
    const briefing = obligationForKind(rb.meetingObligations, 'weekly-briefing');
    const thursdays = { ...briefing, schedule: { kind: 'weekly', weekday: 4, nonWorkingDay: 'keep' } } as MeetingObligation;
    expect(schedule('2026-04-27', '2026-05-03', [thursdays]).map((e) => e.expectedOn)).toEqual(['2026-04-30']);
  });
});

describe('monthly unit meetings (M4) and the reviews (M2)', () => {
  it('expects one meeting per unit (not the board) for each month the range touches, and the Friday briefing in between', () => {
    const keys = schedule('2026-04-27', '2026-05-03').map((e) => e.key);
    expect(keys).toEqual([
      ...UNITS_WITH_MONTHLY_MEETINGS.map((u) => `m4-monthly-unit-meeting|2026-04|${u}`),
      'm1-weekly-briefing|2026-W18|board',
      ...UNITS_WITH_MONTHLY_MEETINGS.map((u) => `m4-monthly-unit-meeting|2026-05|${u}`),
    ]);
  });

  it('expects the semi-annual review within June–July and the annual review within December–January, as the rulebook sets', () => {
    const reviews = (start: string, end: string) =>
      schedule(start, end)
        .filter((e) => e.kind === 'semiannual-review' || e.kind === 'annual-review')
        .map((e) => [e.key, e.window.start, e.window.end]);
    expect(reviews('2026-07-15', '2026-07-15')).toEqual([['m2-semiannual-review|2026|board', '2026-06-01', '2026-07-31']]);
    expect(reviews('2027-01-10', '2027-01-10')).toEqual([['m2-annual-review|2026|board', '2026-12-01', '2027-01-31']]);
    expect(reviews('2026-01-01', '2026-12-31')).toEqual([
      ['m2-annual-review|2025|board', '2025-12-01', '2026-01-31'],
      ['m2-semiannual-review|2026|board', '2026-06-01', '2026-07-31'],
      ['m2-annual-review|2026|board', '2026-12-01', '2027-01-31'],
    ]);
    // Extraordinary and topical meetings are ad hoc: never expected.
    expect(schedule('2026-01-01', '2026-12-31').some((e) => e.kind === 'extraordinary' || e.kind === 'topical')).toBe(false);
  });

  it('refuses a range that ends before it starts or spans more than 400 days, naming the field', () => {
    for (const [start, end] of [['2026-05-02', '2026-05-01'], ['2026-01-01', '2027-02-05']] as const) {
      try {
        schedule(start, end);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).issues.map((i) => i.path)).toEqual(['query.to']);
      }
    }
    expect(schedule('2026-01-01', '2027-02-04').length).toBeGreaterThan(0);
  });
});

describe('held, pending or missed', () => {
  const w47 = briefings('2026-11-16', '2026-11-22');
  const w48 = briefings('2026-11-23', '2026-11-29');
  const expected: ExpectedMeeting[] = [...w47, ...w48];

  // Issue #19: a briefing held on another day of its week used to count as the Friday briefing; it is held, but off schedule.
  it('M1 (Điều 11.1): a briefing held on Thursday 19/11/2026 is held off schedule; an unheld one is pending until its week ends, then missed', () => {
    const held = [{ id: 'm-1', kind: 'weekly-briefing' as const, unitId: 'board', heldOn: '2026-11-19' }];
    const at = (iso: string) => matchHeld(expected, held, new Date(iso), TZ).map((e) => [e.occurrence, e.status, e.offSchedule ?? false, e.meetings.map((m) => m.id)]);
    expect(at('2026-11-29T23:59:59+07:00')).toEqual([
      ['2026-W47', 'held', true, ['m-1']],
      ['2026-W48', 'pending', false, []],
    ]);
    expect(at('2026-11-30T00:00:00+07:00')).toEqual([
      ['2026-W47', 'held', true, ['m-1']],
      ['2026-W48', 'missed', false, []],
    ]);
    // Another kind or unit does not count.
    const other = [{ id: 'x', kind: 'extraordinary' as const, unitId: 'board', heldOn: '2026-11-27' }];
    expect(matchHeld(w48, other, new Date('2026-12-01T00:00:00Z'), TZ)[0]!.status).toBe('missed');
  });
});

describe('M1 (Điều 11.1 "vào thứ 6 hàng tuần"): the day, at its boundaries', () => {
  const status = (range: [string, string], heldOn: string[]) =>
    matchHeld(
      briefings(...range),
      heldOn.map((d, i) => ({ id: `m-${i}`, kind: 'weekly-briefing' as const, unitId: 'board', heldOn: d })),
      new Date('2027-02-01T00:00:00+07:00'),
      TZ,
    ).map((e) => [e.occurrence, e.status, e.offSchedule ?? false]);

  it('M1 (Điều 11.1): a briefing held on Friday 27/11/2026 is held on schedule', () => {
    expect(status(['2026-11-23', '2026-11-29'], ['2026-11-27'])).toEqual([['2026-W48', 'held', false]]);
  });
  it('M1 (Điều 11.1): a briefing held on Thursday 26/11/2026 is held off schedule', () => {
    expect(status(['2026-11-23', '2026-11-29'], ['2026-11-26'])).toEqual([['2026-W48', 'held', true]]);
  });
  it('M1 (Điều 11.1): one of two briefings on the Friday makes the week on schedule', () => {
    expect(status(['2026-11-23', '2026-11-29'], ['2026-11-23', '2026-11-27'])).toEqual([['2026-W48', 'held', false]]);
  });
  it('M1 (Điều 11.1): Friday 01/01/2027 is a holiday: Thursday 31/12/2026 is the day, Friday itself is off schedule', () => {
    expect(status(['2026-12-28', '2027-01-03'], ['2026-12-31'])).toEqual([['2026-W53', 'held', false]]);
    expect(status(['2026-12-28', '2027-01-03'], ['2027-01-01'])).toEqual([['2026-W53', 'held', true]]);
  });
  it('M1 (Điều 11.1): Monday 30/11/2026 is not in the window of 2026-W48: that week is missed', () => {
    expect(status(['2026-11-23', '2026-11-29'], ['2026-11-30'])).toEqual([['2026-W48', 'missed', false]]);
  });
});

describe('where a meeting sits and who may chair it', () => {
  const briefing = obligationForKind(rb.meetingObligations, 'weekly-briefing');
  const monthly = obligationForKind(rb.meetingObligations, 'monthly-unit');
  const extraordinary = obligationForKind(rb.meetingObligations, 'extraordinary');
  const director = by('director');
  const itDeputyDirector = rb.staff.find((s) => s.roles.includes('deputy-director') && units.find((u) => u.id === 'it')!.overseenBy === s.id)!;
  const itHead = by('head', 'it');
  const itDeputyHead = by('deputy-head', 'it');
  const pressHead = by('head', 'press');
  const chiefOfOffice = by('chief-of-office');
  const a2: Delegation = { id: 'd1', delegatorId: director.id, delegateId: itDeputyDirector.id, scope: 'department', from: '2026-11-16', to: '2026-11-20' };
  const a4: Delegation = { id: 'd2', delegatorId: itHead.id, delegateId: itDeputyHead.id, scope: 'unit', from: '2026-11-01', to: '2026-11-30' };
  const decide = (chairId: string, place: ReturnType<typeof placeOf>, delegations: Delegation[] = [], day = '2026-11-20') =>
    chairDecision(authority, chairId, place, delegations, day);

  it('places a unit meeting in its unit and a board meeting in the board, naming the field otherwise', () => {
    expect(placeOf(briefing, undefined, units)).toMatchObject({ level: 'department', unit: { id: 'board' } });
    expect(placeOf(briefing, 'board', units)).toMatchObject({ level: 'department', unit: { id: 'board' } });
    expect(placeOf(monthly, 'it', units)).toMatchObject({ level: 'unit', unit: { id: 'it' }, chairRoles: ['chief-of-office', 'chief-inspector', 'head'] });
    expect(placeOf(extraordinary, 'it', units)).toMatchObject({ level: 'unit', unit: { id: 'it' }, chairRoles: ['head'] });
    for (const [o, unitId] of [[monthly, undefined], [monthly, 'board'], [briefing, 'it'], [briefing, 'no-such-unit']] as const) {
      expect(() => placeOf(o, unitId, units)).toThrowError(ValidationError);
      try {
        placeOf(o, unitId, units);
      } catch (e) {
        expect((e as ValidationError).issues.map((i) => i.path)).toEqual(['body.unitId']);
      }
    }
  });

  it('the director chairs the board’s meetings; a deputy director only under an A2 delegation in force that day', () => {
    const board = placeOf(briefing, undefined, units);
    expect(decide(director.id, board)).toEqual({ allowed: true, rule: 'A1' });
    expect(decide(itDeputyDirector.id, board)).toMatchObject({ allowed: false, rule: 'A2' });
    expect(decide(itDeputyDirector.id, board, [a2])).toEqual({ allowed: true, rule: 'A2', onBehalfOf: director.id });
    expect(decide(itDeputyDirector.id, board, [a2], '2026-11-21')).toMatchObject({ allowed: false, rule: 'A2' });
    expect(decide(itDeputyDirector.id, board, [{ ...a2, revokedAt: '2026-11-18T08:00:00Z' }])).toMatchObject({ allowed: false, rule: 'A2' });
    expect(decide(chiefOfOffice.id, board)).toMatchObject({ allowed: false, rule: 'A1' });
  });

  it('a unit’s head chairs its monthly meeting; their deputy only under A4; nobody from another unit', () => {
    const it = placeOf(monthly, 'it', units);
    expect(decide(itHead.id, it)).toEqual({ allowed: true, rule: 'A1' });
    expect(decide(itDeputyHead.id, it)).toMatchObject({ allowed: false, rule: 'A4' });
    expect(decide(itDeputyHead.id, it, [a4])).toEqual({ allowed: true, rule: 'A4', onBehalfOf: itHead.id });
    expect(decide(pressHead.id, it)).toMatchObject({ allowed: false, rule: 'A1' });
    expect(decide(director.id, it)).toMatchObject({ allowed: false, rule: 'A1' });
    expect(decide('nobody', it)).toMatchObject({ allowed: false });
  });
});

describe('the conclusions deadline (M3)', () => {
  const briefing = obligationForKind(rb.meetingObligations, 'weekly-briefing');
  const due = (heldOn: string, days = 2) => formatInstant(conclusionsDueAt(heldOn, { conclusionWorkingDays: days }, rb.meetingConclusions!.time, calendar, TZ), TZ);

  it('is the rulebook’s number of working days after the meeting, at its time', () => {
    expect(briefing.conclusionWorkingDays).toBe(2);
    expect(due('2026-11-20')).toBe('2026-11-24T17:00:00.000+07:00');
    // Held the day before the 30/4–1/5 holidays: Monday 4/5 is the first working day, Tuesday 5/5 the second.
    expect(due('2026-04-29')).toBe('2026-05-05T17:00:00.000+07:00');
    expect(due('2026-11-20', 0)).toBe('2026-11-20T17:00:00.000+07:00');
    // A Saturday meeting with 0 days: the next working day.
    expect(due('2026-11-21', 0)).toBe('2026-11-23T17:00:00.000+07:00');
  });
});
