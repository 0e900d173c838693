import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };
import { laiChau } from '../support/other-department.js';
import {
  RulebookError,
  buildRegistry,
  listProvinces,
  organisationIdsOfProvince,
  parseRulebook,
  requireRulebook,
  rulebookById,
  rulebookForProvince,
  UnknownOrganisationError,
} from '../../shared/rulebook/load.js';
import {
  deadlineRuleSchema,
  roleSchema,
  unitHeadRole,
  type Rulebook,
  type RulebookInput,
} from '../../shared/rulebook/schema.js';

/** The regulation in English with its rule ids (docs/domain.md, once the workspace's DOMAIN.md). */
const domainMd = readFileSync(new URL('../../docs/domain.md', import.meta.url), 'utf8');

/** Rule id -> every clause number DOMAIN.md cites in that rule's bullet. */
function domainRules(): Map<string, Set<string>> {
  const rules = new Map<string, Set<string>>();
  let current: string | undefined;
  for (const line of domainMd.split('\n')) {
    const start = /^- ([A-Z]\d+) \(/.exec(line);
    if (start) current = start[1];
    else if (!line.startsWith('  ')) current = undefined;
    if (!current) continue;
    const clauses = rules.get(current) ?? new Set<string>();
    for (const m of line.matchAll(/Điều (\d[\d.]*(?:, \d[\d.]*)*)/g)) {
      for (const n of (m[1] ?? '').split(',')) clauses.add(n.trim().replace(/\.$/, ''));
    }
    rules.set(current, clauses);
  }
  return rules;
}

/** Every object in the rulebook that cites a rule, with where it is. */
function citedRules(value: unknown, path = ''): { path: string; rule: string; article: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => citedRules(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const obj = value as Record<string, unknown>;
  const own = typeof obj.rule === 'string' ? [{ path, rule: obj.rule, article: obj.article }] : [];
  return [...own, ...Object.entries(obj).flatMap(([k, v]) => citedRules(v, path ? `${path}.${k}` : k))];
}

const clone = (): any => structuredClone(sonLaJson);

function issuesOf(input: unknown): RulebookError {
  try {
    parseRulebook(input);
  } catch (error) {
    if (error instanceof RulebookError) return error;
    throw error;
  }
  throw new Error('expected the rulebook to be rejected');
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');

describe('the Sơn La rulebook', () => {
  const rb: Rulebook = parseRulebook(sonLaJson, 'so-tttt-son-la.json');

  it('parses and is what the registry serves', () => {
    expect(rb.organisation).toMatchObject({ id: 'so-tttt-son-la', province: { id: 'son-la' }, timeZone: 'Asia/Ho_Chi_Minh' });
    expect(rulebookById('so-tttt-son-la')).toEqual(rb);
    expect(rulebookForProvince('son-la').map((r) => r.organisation.id)).toEqual(['so-tttt-son-la']);
    expect(rulebookForProvince('lai-chau')).toEqual([]);
    // The cold start's unchecked read of the ids names the organisations the checked registry has, in its order.
    for (const p of listProvinces()) expect(organisationIdsOfProvince(p.id)).toEqual(rulebookForProvince(p.id).map((r) => r.organisation.id));
    expect(organisationIdsOfProvince('lai-chau')).toEqual([]);
    expect(rulebookById('nope')).toBeUndefined();
    expect(() => requireRulebook('nope')).toThrow(UnknownOrganisationError);
    expect(listProvinces()).toEqual([
      { id: 'son-la', name: { vi: 'Tỉnh Sơn La', en: 'Sơn La province' }, organisationIds: ['so-tttt-son-la'] },
    ]);
    expect(Object.isFrozen(rulebookById('so-tttt-son-la')!.staff[0])).toBe(true);
  });

  it('has the seven units of Điều 3-7 with their kinds', () => {
    expect(rb.units.map((u) => [u.id, u.kind])).toEqual([
      ['board', 'board'],
      ['office', 'office'],
      ['inspectorate', 'inspectorate'],
      ['press', 'division'],
      ['posts-telecom', 'division'],
      ['it', 'division'],
      ['ict-centre', 'affiliated-unit'],
    ]);
    expect(rb.units.find((u) => u.id === 'press')!.name.vi).toBe('Phòng Thông tin – Báo chí – Xuất bản');
    for (const unit of rb.units) {
      const heads = rb.staff.filter((s) => s.unitId === unit.id && s.roles.includes(unitHeadRole(unit.kind)));
      expect(heads, unit.id).toHaveLength(1);
    }
  });

  it('has someone in every role, with readable name-based ids', () => {
    for (const role of roleSchema.options) {
      expect(rb.staff.some((s) => s.roles.includes(role)), role).toBe(true);
    }
    for (const s of rb.staff) expect(s.id).toBe(slug(s.name));
    expect(rb.staff.filter((s) => s.unitId === 'board').flatMap((s) => s.roles).sort()).toEqual([
      'deputy-director',
      'deputy-director',
      'director',
    ]);
    for (const unitId of ['press', 'posts-telecom', 'it', 'ict-centre']) {
      const members = rb.staff.filter((s) => s.unitId === unitId);
      expect(members.filter((s) => s.roles.includes('deputy-head')), unitId).toHaveLength(1);
      expect(members.filter((s) => s.roles.includes('specialist')).length, unitId).toBeGreaterThanOrEqual(2);
    }
  });

  it('oversees the units and follows the districts as DOMAIN.md tables them', () => {
    const leaderByArticle = (article: string) => rb.leaders.find((l) => l.article === article)!;
    const overseen = (staffId: string) => rb.units.filter((u) => u.overseenBy === staffId).map((u) => u.id).sort();
    const director = leaderByArticle('Điều 3.3.2');
    const postsDeputy = leaderByArticle('Điều 4.2.1');
    const itDeputy = leaderByArticle('Điều 4.2.2');
    expect(rb.staff.find((s) => s.id === director.staffId)!.roles).toContain('director');
    expect(overseen(director.staffId)).toEqual(['inspectorate', 'press']);
    expect(overseen(postsDeputy.staffId)).toEqual(['office', 'posts-telecom']);
    expect(overseen(itDeputy.staffId)).toEqual(['ict-centre', 'it']);
    expect(rb.units.find((u) => u.kind === 'board')!.overseenBy).toBeNull();

    // Districts: the last column of DOMAIN.md's leader table.
    const rows = domainMd.split('\n').filter((l) => /^\| (Director|Deputy director)/.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const cells = row.split('|').map((c) => c.trim());
      const article = /\((Điều [\d.]+)\)/.exec(cells[1] ?? '')![1]!;
      const expected = (cells[4] ?? '').split(',').map((d) => d.trim().toLowerCase());
      const names = leaderByArticle(article).districts.map((id) => rb.districts.find((d) => d.id === id)!.name.vi.toLowerCase());
      expect(names, article).toHaveLength(expected.length);
      for (const d of expected) expect(names.some((n) => n.endsWith(d)), `${article}: ${d}`).toBe(true);
    }
    expect(director.accountHolder).toBe('main');
    expect(postsDeputy).toMatchObject({ standsInForDirector: true, accountHolder: 'second-when-authorised' });
    expect(rb.fields.find((f) => f.id === 'chieng-la-support')!.name.vi).toContain('Chiềng La');
  });

  it('cites a DOMAIN.md rule id and an article of that rule for every obligation', () => {
    const rules = domainRules();
    const cited = citedRules(rb);
    for (const { path, rule, article } of cited) {
      expect(rules.has(rule), `${path}: ${rule}`).toBe(true);
      expect(typeof article, path).toBe('string');
      const clauses = (article as string).replace(/^Điều /, '').split(',').map((c) => c.trim());
      for (const c of clauses) expect(rules.get(rule), `${path}: ${rule} ${article as string}`).toContain(c);
    }
    const covered = new Set(cited.map((c) => c.rule));
    for (const rule of ['R1', 'R2', 'R3', 'R5', 'R6', 'P2', 'P3', 'M1', 'M2', 'M3', 'M4', 'F1', 'F2', 'F3', 'F5', 'D1', 'D3', 'L1', 'L2', 'L3', 'W1', 'C1']) {
      expect(covered.has(rule), rule).toBe(true);
    }
  });

  it('encodes the deadlines the regulation states, read literally', () => {
    expect(rb.finance.incomeExpenseReport?.deadline).toEqual({ kind: 'period-end', time: '23:59:59', nonWorkingDay: 'keep' });
    expect(rb.finance.cashReport?.deadline).toEqual({ kind: 'period-end', time: '23:59:59', nonWorkingDay: 'keep' });
    expect(rb.finance.payroll).toMatchObject({ deadline: { kind: 'day-of-month', day: 15, strictlyBefore: true }, reminderWorkingDaysBefore: 3 });
    expect(rb.finance.settlement).toMatchObject({ days: 10, dayCounting: 'calendar' });
    expect(rb.documents.distribution?.deadline).toEqual({ kind: 'working-days-after-event', days: 1, time: '09:00' });
    expect(rb.leave.approval?.thresholds).toEqual([
      { upToDays: 0.5, approver: 'head-of-unit' },
      { upToDays: 1, approver: 'overseeing-leader' },
      { upToDays: null, approver: 'director' },
    ]);
    expect(rb.leave.notice?.noticeDays).toBe(3);
    expect(rb.leave.carryOver?.carryOverYears).toEqual([2, 3]);
    expect(rb.workingTime?.hoursPerDay).toBe(8);
    const briefing = rb.meetingObligations.find((m) => m.kind === 'weekly-briefing')!;
    expect(briefing.schedule).toEqual({ kind: 'weekly', weekday: 5, nonWorkingDay: 'previous-working-day' });
    expect(rb.meetingObligations.find((m) => m.kind === 'semiannual-review')!.schedule).toEqual({ kind: 'yearly-window', startMonth: 6, endMonth: 7 });
    expect(rb.meetingObligations.find((m) => m.kind === 'annual-review')!.schedule).toEqual({ kind: 'yearly-window', startMonth: 12, endMonth: 1 });
    expect(rb.settings.overdueEscalation.map((e) => e.name.vi)).toEqual(['nhắc nhở', 'phê bình', 'kiểm điểm']);
    // Every default the regulation does not give is explained.
    for (const o of rb.reportObligations) expect(o.note, o.id).toBeTruthy();
  });

  it('keeps its text in NFC and points at the original it encodes', () => {
    const text = JSON.stringify(sonLaJson);
    expect(text.normalize('NFC')).toBe(text);
    expect(existsSync(new URL(`../../${rb.regulation.source}`, import.meta.url))).toBe(true);
  });
});

describe('a broken rulebook', () => {
  it('lists every bad field, with its exact path, in one error', () => {
    const bad = clone();
    bad.staff[8].unitId = 'no-such-unit';
    bad.calendar.holidays = [{ date: '2026-02-30', name: { vi: 'Ngày không có', en: 'No such day' } }];
    bad.staff[10].id = bad.staff[9].id;
    delete bad.units[2].name;
    bad.staff[0].nickname = 'Anh Hùng';
    const weekly = bad.reportObligations[0].cadences.week.deadline;
    weekly.wekday = weekly.weekday;
    delete weekly.weekday;

    const error = issuesOf(bad);
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      [
        'staff[8].unitId',
        'calendar.holidays[0].date',
        'staff[10].id',
        'units[2].name',
        'staff[0].nickname',
        'reportObligations[0].cadences.week.deadline.weekday',
        'reportObligations[0].cadences.week.deadline.wekday',
      ].sort(),
    );
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Invalid rulebook (7 issues):');
    for (const issue of error.issues) expect(lines).toContain(`  ${issue.path}: ${issue.message}`);
    expect(error.issues.find((i) => i.path === 'staff[8].unitId')!.message).toBe("unknown unit 'no-such-unit'");
    expect(error.issues.find((i) => i.path === 'staff[10].id')!.message).toMatch(/duplicate id 'quang-thi-hoa' \(also staff\[9\]\)/);
    expect(error.issues.find((i) => i.path === 'calendar.holidays[0].date')!.message).toMatch(/not a real calendar date/);
    expect(error.issues.find((i) => i.path === 'units[2].name')!.message).toBe('missing (expected object)');
    expect(error.issues.find((i) => i.path === 'staff[0].nickname')!.message).toBe('unknown field');
  });

  // One mutation each; the paths are the exact places to fix.
  const crossFieldCases: [string, (r: any) => void, string[]][] = [
    ['an overseer who is not a leader', (r) => (r.units[3].overseenBy = 'bui-quang-huy'), ['units[3].overseenBy']],
    ['an overseer who does not exist', (r) => (r.units[3].overseenBy = 'nobody'), ['units[3].overseenBy']],
    ['a unit with no overseer', (r) => (r.units[3].overseenBy = null), ['units[3].overseenBy']],
    ['a second director', (r) => (r.staff[2].roles = ['director']), ['staff', 'units[0]', 'leaders[2].standsInForDirector']],
    ['a division without a head', (r) => (r.staff.find((s: any) => s.id === 'tran-van-long').roles = ['specialist']), ['units[3]']],
    ['a head placed in the Office', (r) => (r.staff[8].roles = ['head']), ['staff[8].roles[0]']],
    ['a portfolio naming an unknown field', (r) => r.leaders[1].fields.push('astrology'), ['leaders[1].fields[6]']],
    ['a district in two portfolios', (r) => r.leaders[2].districts.push('van-ho'), ['leaders[2].districts[4]']],
    ['an unknown leader', (r) => (r.leaders[2].staffId = 'ghost'), ['leaders[2].staffId', 'staff[2].roles']],
    ['a working "weekend" day on a Wednesday', (r) => r.calendar.workingWeekendDays.push({ date: '2026-11-25', name: { vi: 'x', en: 'x' } }), ['calendar.workingWeekendDays[0].date']],
    ['a weekly deadline kind in a monthly cadence', (r) => (r.reportObligations[1].cadences.month.deadline = { kind: 'weekday-in-period', weekday: 4, time: '16:00' }), ['reportObligations[1].cadences.month.deadline.kind']],
    ['a duplicate obligation id', (r) => (r.meetingObligations[0].id = r.reportObligations[0].id), ['meetingObligations[0].id']],
    ['escalation out of order', (r) => (r.settings.overdueEscalation[2].afterDaysOverdue = 3), ['settings.overdueEscalation[2].afterDaysOverdue']],
    ['leave thresholds with no open end', (r) => (r.leave.approval.thresholds[2].upToDays = 30), ['leave.approval.thresholds[2].upToDays']],
    ['an unknown deadline kind', (r) => (r.finance.payroll.deadline.kind = 'whenever'), ['finance.payroll.deadline.kind']],
    ['a time of day past midnight', (r) => (r.documents.distribution.deadline.time = '24:00'), ['documents.distribution.deadline.time']],
    ['an unknown role', (r) => (r.staff[4].roles = ['janitor']), ['staff[4].roles[0]']],
    ['a bad id', (r) => (r.units[6].id = 'ICT Centre'), ['units[6].id', 'units[6]', 'staff[28].unitId', 'staff[29].unitId', 'staff[30].unitId', 'staff[31].unitId', 'staff[32].unitId']],
    ['a missing section', (r) => delete r.finance, ['finance']],
    ['an unknown time zone', (r) => (r.organisation.timeZone = 'Asia/Hanoi'), ['organisation.timeZone']],
  ];
  it.each(crossFieldCases)('rejects %s', (_name, mutate, paths) => {
    const bad = clone();
    mutate(bad);
    expect(issuesOf(bad).issues.map((i) => i.path).sort()).toEqual([...paths].sort());
  });
});

describe('another organisation', () => {
  it('parses with its own units, thresholds and defaults', () => {
    const rb = parseRulebook(laiChau);
    expect(rb.units).toHaveLength(2);
    expect(rb.finance.payroll?.deadline).toEqual({ kind: 'day-of-month', day: 10, time: '17:00', strictlyBefore: false, nonWorkingDay: 'keep' });
    expect(rb.finance.settlement?.dayCounting).toBe('working');
    expect(rb.finance.cashReport).toBeUndefined();
    expect(rb.leave.approval?.thresholds[0]).toEqual({ upToDays: 2, approver: 'head-of-unit' });
    expect(rb.calendar).toEqual({
      useNationalHolidays: true,
      weekendDays: [6, 7],
      holidays: [],
      workingWeekendDays: [{ date: '2026-01-03', name: { vi: 'Làm bù', en: 'Make-up day' }, replaces: '2026-01-02' }],
      // CAL's defaults: no year marked, so every year is provisional until marked; warned from 1 December.
      years: [],
      check: expect.objectContaining({ responsibleRole: 'chief-of-office', from: '12-01', article: 'Bộ luật Lao động 2019, Điều 112; Quy chế, Working days' }),
    });
    expect(rb.settings).toMatchObject({ dueSoonWorkingDays: 5, reportReminderWorkingDaysBefore: 1, assignmentDueTime: '23:59:59' });
    expect(rb.reportObligations[0]!.onRequest).toBe(false);
    expect(rb.meetingObligations[0]!.conclusionWorkingDays).toBe(1);
  });

  it('sits beside Sơn La in a registry, one province each', () => {
    const registry = buildRegistry([
      { file: 'so-tttt-son-la.json', data: sonLaJson },
      { file: 'so-tu-phap-lai-chau.json', data: laiChau },
    ]);
    expect([...registry.keys()]).toEqual(['so-tttt-son-la', 'so-tu-phap-lai-chau']);
    expect(() => buildRegistry([{ file: 'a.json', data: laiChau }, { file: 'b.json', data: laiChau }])).toThrow(/Two rulebooks/);
    expect(() => buildRegistry([{ file: 'broken.json', data: { ...laiChau, units: [] } }])).toThrow(/Invalid rulebook broken\.json/);
  });
});

describe('deadlineRuleSchema', () => {
  it('accepts each kind and rejects what does not fit it', () => {
    expect(deadlineRuleSchema.parse({ kind: 'weekday-in-period', weekday: 4, time: '16:00' })).toEqual({ kind: 'weekday-in-period', weekday: 4, time: '16:00', nonWorkingDay: 'keep' });
    expect(deadlineRuleSchema.safeParse({ kind: 'working-days-after-event', days: 3, time: '17:00' }).success).toBe(true);
    expect(deadlineRuleSchema.safeParse({ kind: 'weekday-in-period', weekday: 8, time: '16:00' }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ kind: 'period-end', time: '23:60' }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ kind: 'day-of-month', day: 15, time: '00:00', strictlyBefore: 'yes' }).success).toBe(false);
  });
});
