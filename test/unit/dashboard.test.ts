import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../shared/domain/assignment.js';
import { Authority } from '../../shared/domain/authority.js';
import { splitWeekAttribute } from '../../shared/domain/counter-attributes.js';
import {
  counterCellOfPeriods,
  counterDifferences,
  countersFromRecords,
  counterKey,
  figureDifferences,
  figuresInPeriod,
  splitCounterKey,
} from '../../shared/domain/counter-rebuild.js';
import {
  counterPartitionsOf,
  dashboardScopeOf,
  dueSoonHorizon,
  figuresOf,
  missionObligationsDueIn,
  openStanding,
  parseCounterSk,
  periodicObligationsDueIn,
  trendMonths,
} from '../../shared/domain/dashboard.js';
import { orgSnapshotOf } from '../../shared/domain/obligations.js';
import { parsePeriod } from '../../shared/domain/periods.js';
import { CalendarCoverageError } from '../../shared/domain/vietnam-holidays.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { hostedUiFromEnv, pkceChallenge } from '../../shared/adapters/hosted-ui.js';
import { safeCell } from '../../shared/adapters/spreadsheet-writer.js';
import { person, sonLa } from '../support/people.js';

const calendar = calendarOf(sonLa);
const org = orgSnapshotOf(sonLa);
const rulebooks = { rulebookOn: () => sonLa, calendarOn: () => calendar };
const dueRules = { dueTime: '23:59:59', dueSoonWorkingDays: 3, timeZone: 'Asia/Ho_Chi_Minh' };
const period = (id: string) => parsePeriod(id)!;

describe('figures from a tally', () => {
  it('splits open work, and counts on-time work over work whose deadline is settled', () => {
    const f = figuresOf({
      asg_assigned: 10,
      asg_open: 4,
      asg_completedOnTime: 2,
      asg_completedAfterExtension: 1,
      asg_completedLate: 2,
      asg_cancelled: 1,
      now_overdue: 1,
      now_dueSoon: 2,
    });
    expect(f.assignments).toEqual({
      assigned: 10,
      open: 4,
      withinDeadline: 1,
      dueSoon: 2,
      overdue: 1,
      completedOnTime: 2,
      completedAfterExtension: 1,
      completedLate: 2,
      cancelled: 1,
      onTimeRate: 0.5,
    });
    expect(figuresOf({ asg_completedOnTime: 2, asg_completedLate: 1 }).assignments.onTimeRate).toBe(0.6667);
    expect(figuresOf({ asg_assigned: 3, asg_open: 3 }).assignments.onTimeRate).toBeNull();
  });

  it('counts a report submitted ahead of a deadline still to come as neither missing nor pending', () => {
    // 6 due, 4 past their deadline; 3 submitted, one of them for a deadline still ahead.
    const f = figuresOf({ due_reports: 6, due_reportsPast: 4, rep_submitted: 3, rep_onTime: 2, rep_late: 1, due_submittedAhead: 1 });
    expect(f.reports).toEqual({ due: 6, onTime: 2, late: 1, missing: 2, pending: 1 });
  });

  it('gives open and resolved findings per rule', () => {
    const f = figuresOf({ fnd_detected: 3, fnd_resolved: 1, fnd_detected_A6: 2, fnd_resolved_A6: 1, fnd_detected_F2: 1 });
    expect(f.findings).toEqual({
      detected: 3,
      open: 2,
      resolved: 1,
      byRule: { A6: { detected: 2, open: 1, resolved: 1 }, F2: { detected: 1, open: 1, resolved: 0 } },
    });
  });
});

describe('periods and counter partitions', () => {
  it('reads every period from the months it touches: a week from the one or two its days fall in', () => {
    expect(counterPartitionsOf(period('2026-W48'))).toEqual(['2026-11']);
    expect(counterPartitionsOf(period('2026-W49'))).toEqual(['2026-11', '2026-12']);
    expect(counterPartitionsOf(period('2026-W53'))).toEqual(['2026-12', '2027-01']);
    expect(counterPartitionsOf(period('2026-11'))).toEqual(['2026-11']);
    expect(counterPartitionsOf(period('2026'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(counterPartitionsOf(period('2026-Q4'))).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(counterPartitionsOf(period('2026-H1'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  });

  it('keeps a change in one item, its person’s month, as the figure of its week; a period sums what falls in it', () => {
    // Monday 30 November 2026 is in week 49, whose other days are in December.
    expect(counterCellOfPeriods(['2026-W49', '2026-11', '2026'])).toEqual({ monthId: '2026-11', weekId: '2026-W49' });
    expect(() => counterCellOfPeriods(['2026-11', '2026'])).toThrow(RangeError);
    const november = { 'asg_assigned@2026-W48': 2, 'asg_assigned@2026-W49': 1, 'asg_open@2026-W49': 1, asg_assigned: 7, other: 4 };
    // The month: every week's share; attributes of the earlier layout and others are not figures.
    expect(figuresInPeriod(november)).toEqual({ asg_assigned: 3, asg_open: 1 });
    expect(figuresInPeriod(november, '2026-W49')).toEqual({ asg_assigned: 1, asg_open: 1 });
    expect(figuresInPeriod(november, '2026-W47')).toEqual({});
    expect(splitWeekAttribute('fnd_detected_F2@2026-W46')).toEqual({ figure: 'fnd_detected_F2', weekId: '2026-W46' });
  });

  it('parses counter sort keys', () => {
    expect(parseCounterSk('UNIT#it')).toEqual({ unitId: 'it' });
    expect(parseCounterSk('UNIT#it#STAFF#le-dinh-khoi')).toEqual({ unitId: 'it', staffId: 'le-dinh-khoi' });
    expect(parseCounterSk('STAFF#x')).toBeUndefined();
  });

  it('the trend is the 12 months ending with the period’s last month', () => {
    expect(trendMonths(period('2026-Q1')).map((p) => p.id)).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
    expect(trendMonths(period('2026-W01')).at(-1)!.id).toBe('2026-01');
  });
});

describe('open work at now', () => {
  it('reads open work due up to the last day that can be due soon', () => {
    // Friday 27 November: Mon 30, Tue 1, Wed 2 are the next 3 working days; Thursday 3 December is not due soon.
    expect(dueSoonHorizon('2026-11-27', dueRules, calendar)).toBe('2026-12-02');
    expect(dueSoonHorizon('2026-11-30', dueRules, calendar)).toBe('2026-12-03');
  });

  it('classes an open item by its due date in force, to the second', () => {
    const item = { id: 'a', unitId: 'it', responsibleId: 'x', originalDueDate: '2026-11-20', status: 'assigned' as const };
    const at = (iso: string) => new Date(iso);
    expect(openStanding({ ...item, dueDate: '2026-11-20' }, at('2026-11-20T23:59:59.999+07:00'), dueRules, calendar)).toBe('dueSoon');
    expect(openStanding({ ...item, dueDate: '2026-11-20' }, at('2026-11-21T00:00:00+07:00'), dueRules, calendar)).toBe('overdue');
    expect(openStanding({ ...item, dueDate: '2026-12-15' }, at('2026-11-21T00:00:00+07:00'), dueRules, calendar)).toBeUndefined();
  });
});

describe('who sees what', () => {
  const authority = new Authority({ units: org.units, staff: org.staff, leaders: sonLa.leaders });
  it('the director and the chief inspector: the department; a deputy director: their units; a head: their unit; a specialist: themselves', () => {
    expect(dashboardScopeOf(authority, person('director').id)).toEqual({ kind: 'department' });
    expect(dashboardScopeOf(authority, person('chief-inspector').id)).toEqual({ kind: 'department' });
    const deputy = person('deputy-director', undefined, 0);
    expect(dashboardScopeOf(authority, deputy.id)).toEqual({ kind: 'units', unitIds: sonLa.units.filter((u) => u.overseenBy === deputy.id).map((u) => u.id) });
    expect(dashboardScopeOf(authority, person('head', 'it').id)).toEqual({ kind: 'units', unitIds: ['it'] });
    expect(dashboardScopeOf(authority, person('specialist', 'it').id)).toEqual({ kind: 'person', staffId: person('specialist', 'it').id, unitId: 'it' });
  });
});

describe('reports due in a period, from the rulebook', () => {
  const specialist = person('specialist', 'it');
  it('a specialist owes in November the weekly reports and programmes due in it, and October’s monthly report due on 2 November', () => {
    const keys = periodicObligationsDueIn(period('2026-11'), rulebooks, org, { staffIds: [specialist.id] }).map((i) => i.key.split('|').slice(0, 2).join('|'));
    expect(keys.sort()).toEqual(
      [
        'p3-personal-programme|2026-11',
        'p3-personal-programme|2026-W45',
        'p3-personal-programme|2026-W46',
        'p3-personal-programme|2026-W47',
        'p3-personal-programme|2026-W48',
        'p3-personal-programme|2026-W49',
        'r3-staff-report|2026-10',
        'r3-staff-report|2026-W45',
        'r3-staff-report|2026-W46',
        'r3-staff-report|2026-W47',
        'r3-staff-report|2026-W48',
      ].sort(),
    );
  });

  it('the third quarter’s report falls due in October, not September', () => {
    const october = periodicObligationsDueIn(period('2026-10'), rulebooks, org, { staffIds: [specialist.id] }).map((i) => i.key);
    expect(october).toContain(`r3-staff-report|2026-Q3|${specialist.id}`);
    const september = periodicObligationsDueIn(period('2026-09'), rulebooks, org, { staffIds: [specialist.id] }).map((i) => i.key);
    expect(september).not.toContain(`r3-staff-report|2026-Q3|${specialist.id}`);
  });

  it('a mission ending on 20 November raises a report due on the 25th', () => {
    const due = missionObligationsDueIn(period('2026-11'), rulebooks, org, [{ id: 'm1', staffId: specialist.id, to: '2026-11-20' }]);
    expect(due.map((i) => [i.obligationId, i.dueAt.toISOString()])).toEqual([['r5-mission-report', '2026-11-25T10:00:00.000Z']]);
    expect(missionObligationsDueIn(period('2026-12'), rulebooks, org, [{ id: 'm1', staffId: specialist.id, to: '2026-11-20' }])).toEqual([]);
  });
});

describe('counters recomputed from records', () => {
  const assignment = (over: Partial<Assignment>): Assignment =>
    ({ id: 'a', unitId: 'it', responsibleId: 'khoi', originalDueDate: '2026-11-20', dueDate: '2026-11-20', status: 'assigned', ...over }) as Assignment;

  it('counts each record as its writer does, in the week, month and year of its date', () => {
    const table = countersFromRecords(
      {
        assignments: [
          assignment({}),
          assignment({ id: 'b', status: 'completed', completion: 'on-time-after-extension', dueDate: '2026-12-04' }),
          assignment({ id: 'c', status: 'cancelled' }),
        ],
        reports: [{ staffId: 'khoi', unitId: 'it', dueAt: '2026-11-30T17:00:00.000Z', onTime: false }],
        meetings: [{ unitId: 'board', chairId: 'hung', heldOn: '2026-11-13', conclusions: { onTime: true } as never }],
        findings: [{ unitId: 'press', subjectId: 'anh', rule: 'A6', detectedAt: '2026-11-24T17:05:00.000Z', resolvedAt: '2026-11-26T02:00:00.000Z' }],
      },
      'Asia/Ho_Chi_Minh',
    );
    // One item per person and month, each figure by week; a period's figures are what its months' items hold for it.
    expect(Object.fromEntries(table.get(counterKey('2026-11', 'UNIT#it#STAFF#khoi'))!)).toEqual({
      'asg_assigned@2026-W47': 3,
      'asg_open@2026-W47': 1,
      'asg_completedAfterExtension@2026-W47': 1,
      'asg_cancelled@2026-W47': 1,
    });
    const at = (periodId: string, unit: string, staffId?: string) => {
      const p = period(periodId);
      const out: Record<string, number> = {};
      for (const [key, values] of table) {
        const { periodId: month, sk } = splitCounterKey(key);
        const sum = (staffId ? sk === `UNIT#${unit}#STAFF#${staffId}` : sk.startsWith(`UNIT#${unit}#STAFF#`)) && counterPartitionsOf(p).includes(month);
        if (sum) for (const [f, v] of Object.entries(figuresInPeriod(Object.fromEntries(values), p.kind === 'week' ? p.id : undefined))) out[f] = (out[f] ?? 0) + v;
      }
      return out;
    };
    expect(at('2026-11', 'it', 'khoi')).toEqual({ asg_assigned: 3, asg_open: 1, asg_completedAfterExtension: 1, asg_cancelled: 1 });
    expect(at('2026-W47', 'it')).toEqual({ asg_assigned: 3, asg_open: 1, asg_completedAfterExtension: 1, asg_cancelled: 1 });
    // 17:00 UTC on 30 November is 1 December in Hà Nội.
    expect(at('2026-12', 'it')).toEqual({ rep_submitted: 1, rep_late: 1 });
    expect(at('2026', 'board', 'hung')).toEqual({ mtg_held: 1, mtg_withConclusions: 1, mtg_conclusionsOnTime: 1 });
    expect(at('2026-W48', 'press')).toEqual({ fnd_detected: 1, fnd_detected_A6: 1, fnd_resolved: 1, fnd_resolved_A6: 1 });
  });

  it('lists every stored counter that differs, a missing one as 0, one under its earlier name as moved, and ignores attributes that are not the dashboard’s', () => {
    const khoi = counterKey('2026-11', 'UNIT#it#STAFF#khoi');
    const recomputed = new Map([[khoi, new Map([['asg_open@2026-W48', 1], ['asg_assigned@2026-W48', 2]])]]);
    const stored = new Map([
      [khoi, new Map([['o48', 1], ['asg_assigned@2026-W48', 2], ['leave_days', 4], ['SK', 0]])],
      [counterKey('2025-03', 'UNIT#x'), new Map([['rep_submitted', 2]])],
    ]);
    expect(counterDifferences(recomputed, stored)).toEqual([
      { periodId: '2025-03', sk: 'UNIT#x', attribute: 'rep_submitted', figure: 'rep_submitted', stored: 2, recomputed: 0 },
      { periodId: '2026-11', sk: 'UNIT#it#STAFF#khoi', attribute: 'a48', figure: 'asg_assigned@2026-W48', stored: 0, recomputed: 2 },
      { periodId: '2026-11', sk: 'UNIT#it#STAFF#khoi', attribute: 'asg_assigned@2026-W48', figure: 'asg_assigned@2026-W48', stored: 2, recomputed: 0 },
    ]);
  });

  it('reports each differing figure once, its value over every name it is stored under: a figure that only moves has the records’ value', () => {
    const khoi = counterKey('2026-11', 'UNIT#it#STAFF#khoi');
    const recomputed = new Map([[khoi, new Map([['asg_open@2026-W48', 1], ['asg_assigned@2026-W48', 2], ['rep_late@2026-W47', 3]])]]);
    const stored = new Map([
      // assigned: all under its earlier name (moves); late: split over both names and one too many; open: right.
      [khoi, new Map([['o48', 1], ['asg_assigned@2026-W48', 2], ['rep_late@2026-W47', 1], ['u47', 3], ['leave_days', 4]])],
      [counterKey('2025-03', 'UNIT#x'), new Map([['rep_submitted', 2]])],
    ]);
    const differences = counterDifferences(recomputed, stored);
    expect(figureDifferences(differences, recomputed, stored)).toEqual([
      { periodId: '2025-03', sk: 'UNIT#x', figure: 'rep_submitted', stored: 2, recomputed: 0, storedUnder: ['rep_submitted'], writtenUnder: 'rep_submitted' },
      { periodId: '2026-11', sk: 'UNIT#it#STAFF#khoi', figure: 'asg_assigned@2026-W48', stored: 2, recomputed: 2, storedUnder: ['asg_assigned@2026-W48'], writtenUnder: 'a48' },
      { periodId: '2026-11', sk: 'UNIT#it#STAFF#khoi', figure: 'rep_late@2026-W47', stored: 4, recomputed: 3, storedUnder: ['rep_late@2026-W47', 'u47'], writtenUnder: 'u47' },
    ]);
    // Four stored attributes to write, three figures to tell a person about.
    expect(differences).toHaveLength(4);
  });
});

describe('the hosted UI settings and the export', () => {
  it('derives the Cognito endpoints from the domain or its authorize URL; takes an OIDC provider’s as given', () => {
    const cognito = 'https://tracker-son-la.auth.ap-southeast-1.amazoncognito.com';
    expect(hostedUiFromEnv({ AUTH_HOSTED_UI_URL: cognito, AUTH_CLIENT_ID: 'abc' })).toEqual({
      authorizeUrl: `${cognito}/oauth2/authorize`,
      tokenUrl: `${cognito}/oauth2/token`,
      logoutUrl: `${cognito}/logout`,
      clientId: 'abc',
      scopes: ['openid', 'email', 'profile'],
    });
    expect(hostedUiFromEnv({ AUTH_HOSTED_UI_URL: `${cognito}/oauth2/authorize`, AUTH_CLIENT_ID: 'abc' })?.tokenUrl).toBe(`${cognito}/oauth2/token`);
    expect(
      hostedUiFromEnv({ AUTH_AUTHORIZE_URL: 'https://sso.sonla.gov.vn/auth', AUTH_TOKEN_URL: 'https://sso.sonla.gov.vn/token', AUTH_CLIENT_ID: 'x', AUTH_SCOPES: 'openid profile' }),
    ).toEqual({ authorizeUrl: 'https://sso.sonla.gov.vn/auth', tokenUrl: 'https://sso.sonla.gov.vn/token', clientId: 'x', scopes: ['openid', 'profile'] });
    expect(hostedUiFromEnv({})).toBeUndefined();
    expect(() => hostedUiFromEnv({ AUTH_HOSTED_UI_URL: cognito })).toThrow('AUTH_CLIENT_ID');
    // RFC 7636, appendix B.
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('writes a cell a spreadsheet would run as a formula as text', () => {
    expect(safeCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(safeCell('+84 912')).toBe("'+84 912");
    expect(safeCell('Nguyễn Văn Hùng')).toBe('Nguyễn Văn Hùng');
    expect(safeCell(-3)).toBe(-3);
  });
});

describe('the ends of the supported years', () => {
  // Issue #19: a year the working calendar cannot answer for (before 2021 or after 2199) is an error the
  // caller sees (CalendarCoverageError, a 422), no longer computed as if it had no holidays.
  it('reports due in the months well inside the working calendar (2021-2199) are computed; outside it, a 422 error', () => {
    expect(() => periodicObligationsDueIn(period('2022-03'), rulebooks, org, {})).not.toThrow();
    expect(() => periodicObligationsDueIn(period('2198-06'), rulebooks, org, {})).not.toThrow();
    expect(() => periodicObligationsDueIn(period('0001-01'), rulebooks, org, {})).toThrow(CalendarCoverageError);
    expect(() => periodicObligationsDueIn(period('9998-12'), rulebooks, org, {})).toThrow(CalendarCoverageError);
    expect(trendMonths(period('0001-03')).map((p) => p.start)).toEqual(['0001-01-01', '0001-02-01', '0001-03-01']);
  });
});
