// Long file: the obligations of two rulebooks checked against the same fixtures built at the top; split, each file would rebuild them.
import { describe, expect, it } from 'vitest';
import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };
import { ValidationError } from '../../shared/domain/errors.js';
import { formatInstant, parseInstant } from '../../shared/domain/local-time.js';
import {
  eventObligations,
  obligationStatus,
  orgSnapshotOf,
  periodicObligations,
  type ObligationInstance,
  type OrgSnapshot,
} from '../../shared/domain/obligations.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { parseRulebook, rulebookForProvince } from '../../shared/rulebook/load.js';
import type { RulebookInput } from '../../shared/rulebook/schema.js';

const rb = rulebookForProvince('son-la')[0]!;
const cal = calendarOf(rb);
const org = orgSnapshotOf(rb);
const TZ = 'Asia/Ho_Chi_Minh';

const DIRECTOR = 'nguyen-van-hung';
const DEPUTY_POSTS = 'lo-van-thang'; // oversees the Office and Posts and Telecommunications
const CHIEF_OF_OFFICE = 'dang-thi-hong-nhung';
const PRESS_HEAD = 'tran-van-long'; // press is overseen by the director
const POSTS_HEAD = 'do-manh-cuong';
const SPECIALIST = 'le-thi-ngoc-anh'; // press
const CHIEF_INSPECTOR = 'nguyen-thi-thanh-ha';
const ACCOUNTANT = 'vu-thi-lan-anh';
const TREASURER = 'hoang-thi-yen';

const local = (d: Date) => formatInstant(d, TZ);
const at = (s: string): Date => {
  const d = parseInstant(s);
  if (!d) throw new Error(`bad instant ${s}`);
  return d;
};
/** [key, due (local), recipients]: enough to read a list at a glance. */
const rows = (xs: ObligationInstance[]) => xs.map((x) => [x.key, local(x.dueAt), x.recipients]);
const of = (periodId: string, staffId?: string, includeSubPeriods = false) =>
  periodicObligations(rb, org, cal, { periodId, ...(staffId ? { staffIds: [staffId] } : {}), includeSubPeriods });
const countBy = (xs: ObligationInstance[], f: (x: ObligationInstance) => string | undefined) =>
  xs.reduce<Record<string, number>>((acc, x) => {
    const k = f(x) ?? '-';
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

describe('orgSnapshotOf', () => {
  it('takes every unit and every member of the rulebook, active', () => {
    expect(org.units.map((u) => u.id)).toEqual(['board', 'office', 'inspectorate', 'press', 'posts-telecom', 'it', 'ict-centre']);
    expect(org.staff).toHaveLength(33);
    expect(org.staff.every((s) => s.active)).toBe(true);
  });
});

describe('periodicObligations (Sơn La)', () => {
  it('gives a specialist the weekly R3 report and P3 programme for 2026-W48', () => {
    const xs = of('2026-W48', SPECIALIST);
    expect(xs).toEqual([
      {
        key: `p3-personal-programme|2026-W48|${SPECIALIST}`,
        obligationId: 'p3-personal-programme',
        rule: 'P3',
        article: 'Điều 10.2',
        title: { vi: 'Chương trình công tác cá nhân tuần, tháng', en: 'Personal weekly and monthly work programme' },
        staffId: SPECIALIST,
        unitId: 'press',
        recipients: [PRESS_HEAD],
        cadence: 'week',
        periodId: '2026-W48',
        dueAt: at('2026-11-23T10:00:00+07:00'),
        dataCutOffAt: at('2026-11-29T23:59:59.999+07:00'),
      },
      {
        key: `r3-staff-report|2026-W48|${SPECIALIST}`,
        obligationId: 'r3-staff-report',
        rule: 'R3',
        article: 'Điều 15.4',
        title: {
          vi: 'Báo cáo định kỳ của Phó Trưởng phòng, công chức, người lao động với Trưởng phòng',
          en: "Deputy heads' and staff's periodic reports to their head",
        },
        staffId: SPECIALIST,
        unitId: 'press',
        recipients: [PRESS_HEAD],
        cadence: 'week',
        periodId: '2026-W48',
        dueAt: at('2026-11-26T10:00:00+07:00'),
        dataCutOffAt: at('2026-11-26T10:00:00+07:00'),
      },
    ]);
  });

  it('gives a head R2 (Điều 15.3) to the director and the overseeing deputy, P2, the unit programme and a personal programme (Điều 10.2) to the overseer, and no R3', () => {
    expect(rows(of('2026-W48', POSTS_HEAD))).toEqual([
      [`p3-personal-programme|2026-W48|${POSTS_HEAD}`, '2026-11-23T10:00:00.000+07:00', [DEPUTY_POSTS]],
      [`r2-head-report|2026-W48|${POSTS_HEAD}`, '2026-11-26T16:00:00.000+07:00', [DIRECTOR, DEPUTY_POSTS]],
    ]);
    expect(rows(of('2026-11', POSTS_HEAD))).toEqual([
      [`p3-personal-programme|2026-11|${POSTS_HEAD}`, '2026-11-03T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`p3-unit-programme|2026-11|${POSTS_HEAD}`, '2026-11-03T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`r2-head-report|2026-11|${POSTS_HEAD}`, '2026-12-02T17:00:00.000+07:00', [DIRECTOR, DEPUTY_POSTS]],
    ]);
    expect(rows(of('2026-Q4', POSTS_HEAD))).toEqual([
      [`p2-unit-plan|2026-Q4|${POSTS_HEAD}`, '2026-10-07T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`r2-head-report|2026-Q4|${POSTS_HEAD}`, '2027-01-05T17:00:00.000+07:00', [DIRECTOR, DEPUTY_POSTS]],
    ]);
    expect(rows(of('2026-H2', POSTS_HEAD))).toEqual([
      [`p2-unit-plan|2026-H2|${POSTS_HEAD}`, '2026-07-07T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`r2-head-report|2026-H2|${POSTS_HEAD}`, '2027-01-05T17:00:00.000+07:00', [DIRECTOR, DEPUTY_POSTS]],
    ]);
  });

  it('sends a head of a unit the director oversees to the director once', () => {
    expect(rows(of('2026-11', PRESS_HEAD))).toEqual([
      [`p3-personal-programme|2026-11|${PRESS_HEAD}`, '2026-11-03T17:00:00.000+07:00', [DIRECTOR]],
      [`p3-unit-programme|2026-11|${PRESS_HEAD}`, '2026-11-03T17:00:00.000+07:00', [DIRECTOR]],
      [`r2-head-report|2026-11|${PRESS_HEAD}`, '2026-12-02T17:00:00.000+07:00', [DIRECTOR]],
    ]);
  });

  it("gives the chief of office R2, the Office's programme, her own (Điều 10.2) and the department's weekly programme (P1), not a division's", () => {
    expect(rows(of('2026-W48', CHIEF_OF_OFFICE))).toEqual([
      [`p1-weekly-programme|2026-W48|${CHIEF_OF_OFFICE}`, '2026-11-20T16:00:00.000+07:00', [DIRECTOR]],
      [`p3-office-programme|2026-W48|${CHIEF_OF_OFFICE}`, '2026-11-23T10:00:00.000+07:00', [DEPUTY_POSTS]],
      [`p3-personal-programme|2026-W48|${CHIEF_OF_OFFICE}`, '2026-11-23T10:00:00.000+07:00', [DEPUTY_POSTS]],
      [`r2-head-report|2026-W48|${CHIEF_OF_OFFICE}`, '2026-11-26T16:00:00.000+07:00', [DIRECTOR, DEPUTY_POSTS]],
    ]);
  });

  it('gives a deputy director R1 (Điều 15.2) to the director, weekly only, and a personal programme (Điều 10.2)', () => {
    const xs = of('2026-W48', DEPUTY_POSTS);
    expect(rows(xs)).toEqual([
      [`p3-personal-programme|2026-W48|${DEPUTY_POSTS}`, '2026-11-23T10:00:00.000+07:00', [DIRECTOR]],
      [`r1-deputy-weekly-report|2026-W48|${DEPUTY_POSTS}`, '2026-11-26T16:00:00.000+07:00', [DIRECTOR]],
    ]);
    expect(xs[1]).toMatchObject({ rule: 'R1', article: 'Điều 15.2', unitId: 'board', cadence: 'week' });
    expect(of('2026-11', DEPUTY_POSTS).map((x) => x.obligationId)).toEqual(['p3-personal-programme']);
    // The director answers to no one in the department: he owes no personal programme here.
    expect(of('2026-W48', DIRECTOR)).toEqual([]);
  });

  it('gives the chief inspector R6 beside R2 and P2 (Điều 6.1)', () => {
    const xs = of('2026-Q4', CHIEF_INSPECTOR);
    expect(rows(xs)).toEqual([
      [`p2-unit-plan|2026-Q4|${CHIEF_INSPECTOR}`, '2026-10-07T17:00:00.000+07:00', [DIRECTOR]],
      [`r2-head-report|2026-Q4|${CHIEF_INSPECTOR}`, '2027-01-05T17:00:00.000+07:00', [DIRECTOR]],
      [`r6-inspection-report|2026-Q4|${CHIEF_INSPECTOR}`, '2027-01-05T17:00:00.000+07:00', [DIRECTOR]],
    ]);
    expect(xs[2]).toMatchObject({ rule: 'R6', article: 'Điều 6.1', dataCutOffAt: at('2026-12-31T23:59:59.999+07:00') });
    expect(rows(of('2026-W48', CHIEF_INSPECTOR))).toEqual([
      [`p3-personal-programme|2026-W48|${CHIEF_INSPECTOR}`, '2026-11-23T10:00:00.000+07:00', [DIRECTOR]],
      [`r2-head-report|2026-W48|${CHIEF_INSPECTOR}`, '2026-11-26T16:00:00.000+07:00', [DIRECTOR]],
    ]);
  });

  it("gives the accountant R3, P3 and F1 (to the chief of office and the director, with no cut-off)", () => {
    const xs = of('2026-01', ACCOUNTANT);
    expect(rows(xs)).toEqual([
      [`p3-personal-programme|2026-01|${ACCOUNTANT}`, '2026-01-06T17:00:00.000+07:00', [CHIEF_OF_OFFICE]],
      [`finance.incomeExpenseReport|2026-01|${ACCOUNTANT}`, '2026-01-31T23:59:59.000+07:00', [CHIEF_OF_OFFICE, DIRECTOR]],
      [`r3-staff-report|2026-01|${ACCOUNTANT}`, '2026-02-02T17:00:00.000+07:00', [CHIEF_OF_OFFICE]],
    ]);
    expect(xs[1]).toEqual({
      key: `finance.incomeExpenseReport|2026-01|${ACCOUNTANT}`,
      obligationId: 'finance.incomeExpenseReport',
      rule: 'F1',
      article: 'Điều 9.2.3',
      title: { vi: 'Báo cáo thu, chi hằng tháng', en: 'Monthly income and expense report' },
      staffId: ACCOUNTANT,
      unitId: 'office',
      recipients: [CHIEF_OF_OFFICE, DIRECTOR],
      cadence: 'month',
      periodId: '2026-01',
      dueAt: at('2026-01-31T23:59:59+07:00'),
    });
    // F1 is monthly: nothing of it in a week.
    expect(of('2026-W48', ACCOUNTANT).map((x) => x.obligationId)).toEqual(['p3-personal-programme', 'r3-staff-report']);
  });

  it('gives the treasurer F5', () => {
    expect(rows(of('2026-01', TREASURER))).toEqual([
      [`p3-personal-programme|2026-01|${TREASURER}`, '2026-01-06T17:00:00.000+07:00', [CHIEF_OF_OFFICE]],
      [`finance.cashReport|2026-01|${TREASURER}`, '2026-01-31T23:59:59.000+07:00', [CHIEF_OF_OFFICE, DIRECTOR]],
      [`r3-staff-report|2026-01|${TREASURER}`, '2026-02-02T17:00:00.000+07:00', [CHIEF_OF_OFFICE]],
    ]);
  });

  it('covers the whole department for 2026-W48: P3 (Điều 10.2) from everyone but the director, R3 not from support staff', () => {
    const xs = of('2026-W48');
    expect(xs).toHaveLength(63);
    expect(countBy(xs, (x) => x.obligationId)).toEqual({
      'p1-weekly-programme': 1,
      'r1-deputy-weekly-report': 2,
      'r2-head-report': 6,
      'r3-staff-report': 21,
      'p3-personal-programme': 32,
      'p3-office-programme': 1,
    });
    const owing = new Set(xs.map((x) => x.staffId));
    expect(owing.has(DIRECTOR)).toBe(false);
    // Service staff, the driver and the guard (người lao động) owe their programme, not R3.
    for (const id of ['quang-thi-hoa', 'tong-van-dung', 'lo-van-binh']) {
      expect(xs.filter((x) => x.staffId === id).map((x) => x.obligationId), id).toEqual(['p3-personal-programme']);
    }
    expect(owing.size).toBe(32);
    expect(new Set(xs.map((x) => x.key)).size).toBe(63);
    // Sorted by due instant.
    expect(xs.map((x) => x.dueAt.getTime())).toEqual([...xs.map((x) => x.dueAt.getTime())].sort((a, b) => a - b));
  });

  it('filters by unit and by staff', () => {
    const it_ = periodicObligations(rb, org, cal, { periodId: '2026-W48', unitId: 'it' });
    expect(countBy(it_, (x) => x.staffId)).toEqual({ 'hoang-van-nam': 2, 'ngo-thi-thuy': 2, 'le-dinh-khoi': 2, 'cam-thi-duyen': 2 });
    expect(periodicObligations(rb, org, cal, { periodId: '2026-W48', unitId: 'it', staffIds: [SPECIALIST] })).toEqual([]);
    expect(periodicObligations(rb, org, cal, { periodId: '2026-W48', staffIds: [SPECIALIST, POSTS_HEAD] })).toHaveLength(4);
  });

  it('includes the months and the weeks of a quarter when asked', () => {
    const xs = of('2026-Q4', POSTS_HEAD, true);
    expect(xs).toHaveLength(39);
    expect(countBy(xs, (x) => x.cadence)).toEqual({ week: 28, month: 9, quarter: 2 });
    expect([...new Set(xs.filter((x) => x.cadence === 'week').map((x) => x.periodId))]).toEqual(
      Array.from({ length: 14 }, (_, i) => `2026-W${40 + i}`),
    );
    expect(rows(xs.filter((x) => x.cadence === 'month'))).toEqual([
      [`p3-personal-programme|2026-10|${POSTS_HEAD}`, '2026-10-02T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`p3-unit-programme|2026-10|${POSTS_HEAD}`, '2026-10-02T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`p3-personal-programme|2026-11|${POSTS_HEAD}`, '2026-11-03T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`p3-unit-programme|2026-11|${POSTS_HEAD}`, '2026-11-03T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`r2-head-report|2026-10|${POSTS_HEAD}`, '2026-11-03T17:00:00.000+07:00', [DIRECTOR, DEPUTY_POSTS]],
      [`p3-personal-programme|2026-12|${POSTS_HEAD}`, '2026-12-02T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`p3-unit-programme|2026-12|${POSTS_HEAD}`, '2026-12-02T17:00:00.000+07:00', [DEPUTY_POSTS]],
      [`r2-head-report|2026-11|${POSTS_HEAD}`, '2026-12-02T17:00:00.000+07:00', [DIRECTOR, DEPUTY_POSTS]],
      [`r2-head-report|2026-12|${POSTS_HEAD}`, '2027-01-05T17:00:00.000+07:00', [DIRECTOR, DEPUTY_POSTS]],
    ]);
    // Without the flag, the quarter's own cadence only.
    expect(of('2026-Q4', POSTS_HEAD)).toHaveLength(2);
  });

  it('puts 2026-W53 in December 2026 and starts January 2027 with 2027-W01', () => {
    const dec = of('2026-12', SPECIALIST, true).filter((x) => x.cadence === 'week');
    expect([...new Set(dec.map((x) => x.periodId))]).toEqual(['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53']);
    const jan = of('2027-01', SPECIALIST, true).filter((x) => x.cadence === 'week');
    expect([...new Set(jan.map((x) => x.periodId))]).toEqual(['2027-W01', '2027-W02', '2027-W03', '2027-W04']);
    expect(rows(of('2026-W53', SPECIALIST))).toEqual([
      [`p3-personal-programme|2026-W53|${SPECIALIST}`, '2026-12-28T10:00:00.000+07:00', [PRESS_HEAD]],
      [`r3-staff-report|2026-W53|${SPECIALIST}`, '2026-12-31T10:00:00.000+07:00', [PRESS_HEAD]],
    ]);
    // 2026-W01 runs Mon 29 Dec 2025 - Sun 4 Jan 2026; its Thursday is New Year's Day.
    expect(rows(of('2026-W01', SPECIALIST))).toEqual([
      [`p3-personal-programme|2026-W01|${SPECIALIST}`, '2025-12-29T10:00:00.000+07:00', [PRESS_HEAD]],
      [`r3-staff-report|2026-W01|${SPECIALIST}`, '2025-12-31T10:00:00.000+07:00', [PRESS_HEAD]],
    ]);
  });

  it('owes nothing for the Tết week 2026-W08, which has no working day', () => {
    expect(of('2026-W08')).toEqual([]);
    const feb = of('2026-02', SPECIALIST, true);
    expect([...new Set(feb.filter((x) => x.cadence === 'week').map((x) => x.periodId))]).toEqual(['2026-W06', '2026-W07', '2026-W09']);
    expect(rows(feb.filter((x) => x.periodId === '2026-W09'))).toEqual([
      [`p3-personal-programme|2026-W09|${SPECIALIST}`, '2026-02-23T10:00:00.000+07:00', [PRESS_HEAD]],
      [`r3-staff-report|2026-W09|${SPECIALIST}`, '2026-02-26T10:00:00.000+07:00', [PRESS_HEAD]],
    ]);
    expect(feb).toHaveLength(8); // 3 weeks x 2, the month's R3 and P3
  });

  it('moves a holiday Thursday to Wednesday 29 Apr 2026', () => {
    expect(rows(of('2026-W18', POSTS_HEAD))).toEqual([
      [`p3-personal-programme|2026-W18|${POSTS_HEAD}`, '2026-04-28T10:00:00.000+07:00', [DEPUTY_POSTS]],
      [`r2-head-report|2026-W18|${POSTS_HEAD}`, '2026-04-29T16:00:00.000+07:00', [DIRECTOR, DEPUTY_POSTS]],
    ]);
    expect(rows(of('2026-W18', SPECIALIST))).toEqual([
      [`p3-personal-programme|2026-W18|${SPECIALIST}`, '2026-04-28T10:00:00.000+07:00', [PRESS_HEAD]],
      [`r3-staff-report|2026-W18|${SPECIALIST}`, '2026-04-29T10:00:00.000+07:00', [PRESS_HEAD]],
    ]);
  });

  it("counts a specialist's year 2026 with every sub-period", () => {
    const xs = of('2026', SPECIALIST, true);
    // 53 ISO weeks less the Tết week, x (R3 + P3); 12 months x 2; R3 for 4 quarters, 2 halves, 1 year.
    expect(countBy(xs, (x) => x.cadence)).toEqual({ week: 104, month: 24, quarter: 4, half: 2, year: 1 });
    expect(new Set(xs.map((x) => x.key)).size).toBe(135);
    expect(rows(xs.filter((x) => x.cadence === 'year'))).toEqual([
      [`r3-staff-report|2026|${SPECIALIST}`, '2027-01-04T17:00:00.000+07:00', [PRESS_HEAD]],
    ]);
  });

  it('skips inactive staff and leaves the recipients of a vacant post empty', () => {
    const withoutHead: OrgSnapshot = {
      units: org.units,
      staff: org.staff.map((s) => (s.id === PRESS_HEAD ? { ...s, active: false } : s)),
    };
    expect(periodicObligations(rb, withoutHead, cal, { periodId: '2026-W48', staffIds: [PRESS_HEAD] })).toEqual([]);
    expect(rows(periodicObligations(rb, withoutHead, cal, { periodId: '2026-W48', staffIds: [SPECIALIST] }))).toEqual([
      [`p3-personal-programme|2026-W48|${SPECIALIST}`, '2026-11-23T10:00:00.000+07:00', []],
      [`r3-staff-report|2026-W48|${SPECIALIST}`, '2026-11-26T10:00:00.000+07:00', []],
    ]);
  });

  it('rejects an unknown period', () => {
    expect(() => of('2026-W54')).toThrow(ValidationError);
    expect(() => of('2026-13')).toThrow("Unknown period '2026-13'");
  });
});

describe('eventObligations: R5 after a mission', () => {
  const mission = (staffId: string) =>
    eventObligations(rb, org, cal, { kind: 'mission-ended', staffId, ref: 'mission-42', date: '2026-04-24' });

  it('is due the 3rd working day after a mission ending on Friday 24 Apr 2026, past the holidays', () => {
    expect(mission(SPECIALIST)).toEqual([
      {
        key: `r5-mission-report|mission-ended:mission-42|${SPECIALIST}`,
        obligationId: 'r5-mission-report',
        rule: 'R5',
        article: 'Điều 16.4',
        title: {
          vi: 'Báo cáo kết quả đi học, hội nghị, tập huấn, công tác',
          en: 'Report on the results of training, a conference or a mission',
        },
        staffId: SPECIALIST,
        unitId: 'press',
        recipients: [PRESS_HEAD],
        event: { kind: 'mission-ended', ref: 'mission-42', date: '2026-04-24' },
        dueAt: at('2026-05-04T17:00:00+07:00'),
      },
    ]);
  });

  it('goes to the direct superior', () => {
    expect(mission(POSTS_HEAD).map((x) => x.recipients)).toEqual([[DEPUTY_POSTS]]);
    expect(mission(DEPUTY_POSTS).map((x) => x.recipients)).toEqual([[DIRECTOR]]);
    expect(mission('quang-van-tam').map((x) => x.recipients)).toEqual([[POSTS_HEAD]]); // deputy head
    expect(mission('tong-van-dung').map((x) => x.recipients)).toEqual([[CHIEF_OF_OFFICE]]); // driver
  });

  it('is owed by no one the rule does not name, nor by someone inactive', () => {
    expect(mission(DIRECTOR)).toEqual([]);
    const gone: OrgSnapshot = { units: org.units, staff: org.staff.map((s) => (s.id === SPECIALIST ? { ...s, active: false } : s)) };
    expect(eventObligations(rb, gone, cal, { kind: 'mission-ended', staffId: SPECIALIST, ref: 'm', date: '2026-04-24' })).toEqual([]);
    expect(() => mission('no-such-person')).toThrow("Unknown staff member 'no-such-person'");
  });
});

describe('another department: its rulebook, its obligations', () => {
  /** Two units, its own calendar (no national holidays) and deadlines; nothing of Sơn La's. */
  const dienBien: RulebookInput = {
    version: 1,
    organisation: {
      id: 'so-noi-vu-dien-bien',
      name: { vi: 'Sở Nội vụ tỉnh Điện Biên', en: 'Department of Home Affairs of Điện Biên province' },
      shortName: { vi: 'Sở Nội vụ Điện Biên', en: 'Điện Biên DOHA' },
      province: { id: 'dien-bien', name: { vi: 'Tỉnh Điện Biên', en: 'Điện Biên province' } },
      timeZone: 'Asia/Ho_Chi_Minh',
    },
    regulation: {
      title: { vi: 'Quy chế làm việc của Sở Nội vụ', en: 'Working regulation of the Department of Home Affairs' },
      issuedOn: '2025-03-01',
      reference: '12/QĐ-SNV',
      source: 'regulation/quy-che-so-noi-vu-dien-bien.md',
    },
    effectiveFrom: '2025-03-15',
    roles: sonLaJson.roles as RulebookInput['roles'],
    units: [
      { id: 'board', name: { vi: 'Ban Giám đốc', en: 'Board' }, kind: 'board', overseenBy: null, article: 'Điều 3' },
      { id: 'civil-service', name: { vi: 'Phòng Công chức', en: 'Civil Service Division' }, kind: 'division', overseenBy: 'lo-van-pha', article: 'Điều 6' },
    ],
    staff: [
      { id: 'mua-a-vang', name: 'Mùa A Vàng', unitId: 'board', roles: ['director'] },
      { id: 'lo-van-pha', name: 'Lò Văn Pha', unitId: 'board', roles: ['deputy-director'] },
      { id: 'quang-thi-kim', name: 'Quàng Thị Kim', unitId: 'civil-service', roles: ['head'] },
      { id: 'lu-van-seo', name: 'Lù Văn Seo', unitId: 'civil-service', roles: ['specialist'] },
    ],
    fields: [],
    districts: [],
    leaders: [
      { staffId: 'mua-a-vang', article: 'Điều 3', fields: [], districts: [], accountHolder: 'main' },
      { staffId: 'lo-van-pha', article: 'Điều 4', fields: [], districts: [] },
    ],
    calendar: {
      useNationalHolidays: false,
      holidays: [{ date: '2026-05-07', name: { vi: 'Kỷ niệm Chiến thắng Điện Biên Phủ', en: 'Điện Biên Phủ Victory Day' } }],
    },
    reportObligations: [
      {
        id: 'specialist-report',
        rule: 'R3',
        article: 'Điều 8',
        title: { vi: 'Báo cáo của chuyên viên', en: "Specialist's report" },
        from: { roles: ['specialist'] },
        to: 'head-of-unit',
        cadences: {
          week: { deadline: { kind: 'weekday-in-period', weekday: 4, time: '11:00', nonWorkingDay: 'next-working-day' }, dataCutOff: { kind: 'at-deadline' } },
          month: { deadline: { kind: 'day-of-month', day: 25, time: '17:00' }, dataCutOff: { kind: 'day-of-month', day: 24 } },
        },
      },
      {
        id: 'division-report',
        rule: 'R2',
        article: 'Điều 9',
        title: { vi: 'Báo cáo tháng của phòng', en: "Division's monthly report" },
        from: { roles: ['head'] },
        to: 'board',
        cadences: {
          month: { deadline: { kind: 'period-end', time: '17:00', nonWorkingDay: 'previous-working-day' }, dataCutOff: { kind: 'day-of-month', day: 24 } },
        },
      },
      {
        id: 'trip-report',
        rule: 'R5',
        article: 'Điều 10',
        title: { vi: 'Báo cáo sau chuyến công tác', en: 'Report after a mission' },
        from: { roles: ['head', 'specialist'] },
        to: 'direct-superior',
        events: [{ event: 'mission-ended', deadline: { kind: 'working-days-after-event', days: 5, time: '11:00' } }],
      },
    ],
    meetingObligations: [],
    finance: {},
    documents: {},
    leave: {},
  };
  const db = parseRulebook(dienBien);
  const dbCal = calendarOf(db);
  const dbOrg = orgSnapshotOf(db);

  it('yields its own weekly obligations on its own calendar', () => {
    // 30 Apr 2026 is a national holiday, but not in this calendar.
    expect(rows(periodicObligations(db, dbOrg, dbCal, { periodId: '2026-W18' }))).toEqual([
      ['specialist-report|2026-W18|lu-van-seo', '2026-04-30T11:00:00.000+07:00', ['quang-thi-kim']],
    ]);
    // Its own holiday, Thursday 7 May, moves the report to Friday.
    expect(rows(periodicObligations(db, dbOrg, dbCal, { periodId: '2026-W19' }))).toEqual([
      ['specialist-report|2026-W19|lu-van-seo', '2026-05-08T11:00:00.000+07:00', ['quang-thi-kim']],
    ]);
  });

  it('yields its own monthly obligations, cut-offs and recipients', () => {
    const xs = periodicObligations(db, dbOrg, dbCal, { periodId: '2026-05' });
    expect(rows(xs)).toEqual([
      ['specialist-report|2026-05|lu-van-seo', '2026-05-25T17:00:00.000+07:00', ['quang-thi-kim']],
      // 31 May 2026 is a Sunday: the working day before is Friday 29 May.
      ['division-report|2026-05|quang-thi-kim', '2026-05-29T17:00:00.000+07:00', ['mua-a-vang', 'lo-van-pha']],
    ]);
    expect(xs.map((x) => local(x.dataCutOffAt!))).toEqual(['2026-05-24T23:59:59.999+07:00', '2026-05-24T23:59:59.999+07:00']);
    expect(periodicObligations(db, dbOrg, dbCal, { periodId: '2026-05', includeSubPeriods: true })).toHaveLength(6); // + 4 weeks
    expect(periodicObligations(db, dbOrg, dbCal, { periodId: '2026-Q2' })).toEqual([]);
  });

  it('owes no report addressed to oneself or to a superior one does not have', () => {
    const monthly = { month: { deadline: { kind: 'working-days-after-period-end', days: 1, time: '17:00' }, dataCutOff: { kind: 'period-end' } } } as const;
    const rb2 = parseRulebook({
      ...dienBien,
      reportObligations: [
        // The head is selected too, but would report to herself.
        { id: 'to-head', rule: 'R3', article: 'Điều 8', title: { vi: 'Báo cáo', en: 'Report' }, from: { roles: ['head', 'specialist'] }, to: 'head-of-unit', cadences: monthly },
        // The director has no direct superior in the department.
        { id: 'to-superior', rule: 'R1', article: 'Điều 7', title: { vi: 'Báo cáo', en: 'Report' }, from: { roles: ['director', 'deputy-director'] }, to: 'direct-superior', cadences: monthly },
      ],
    });
    expect(rows(periodicObligations(rb2, orgSnapshotOf(rb2), calendarOf(rb2), { periodId: '2026-05' }))).toEqual([
      ['to-head|2026-05|lu-van-seo', '2026-06-01T17:00:00.000+07:00', ['quang-thi-kim']],
      ['to-superior|2026-05|lo-van-pha', '2026-06-01T17:00:00.000+07:00', ['mua-a-vang']],
    ]);
  });

  it('yields its own event obligations', () => {
    expect(rows(eventObligations(db, dbOrg, dbCal, { kind: 'mission-ended', staffId: 'quang-thi-kim', ref: 'trip-7', date: '2026-05-04' }))).toEqual([
      // Tue 5, Wed 6, Fri 8, Mon 11, Tue 12 (Thursday 7 May is off).
      ['trip-report|mission-ended:trip-7|quang-thi-kim', '2026-05-12T11:00:00.000+07:00', ['lo-van-pha']],
    ]);
  });
});

describe('obligationStatus at the boundary second', () => {
  const f1 = of('2026-01', ACCOUNTANT).find((x) => x.obligationId === 'finance.incomeExpenseReport')!;
  const lastMs = at('2026-01-31T23:59:59.999+07:00');
  const nextDay = at('2026-02-01T00:00:00.000+07:00');

  it('tells submitted, late, pending and missing apart for a 23:59:59 deadline', () => {
    expect(local(f1.dueAt)).toBe('2026-01-31T23:59:59.000+07:00');
    expect(obligationStatus(f1, { submittedAt: lastMs }, nextDay)).toBe('submitted');
    expect(obligationStatus(f1, { submittedAt: at('2026-01-31T23:59:59.000+07:00') }, nextDay)).toBe('submitted');
    expect(obligationStatus(f1, { submittedAt: nextDay }, nextDay)).toBe('late');
    expect(obligationStatus(f1, undefined, lastMs)).toBe('pending');
    expect(obligationStatus(f1, undefined, nextDay)).toBe('missing');
  });

  it('keeps a submission on time whenever it is checked', () => {
    expect(obligationStatus(f1, { submittedAt: lastMs }, at('2026-06-01T00:00:00+07:00'))).toBe('submitted');
    expect(obligationStatus(f1, { submittedAt: at('2026-01-05T08:00:00+07:00') }, at('2026-01-05T08:00:01+07:00'))).toBe('submitted');
  });
});
