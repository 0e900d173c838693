import readXlsxFile from 'read-excel-file/universal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../../shared/domain/local-time.js';
import { EVALUATION_HEADERS, EVALUATION_HEADERS_EN } from '../../shared/services/evaluation-export.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { cast, scriptMonth, type ScriptedMonth } from '../support/dashboard-month.js';
import { deputyDirectors, sonLa, unitOverseenBy } from '../support/people.js';
import { measureCapacity, recordQueries, repeated } from '../support/read-capacity.js';

let t: TestApp;
let month: ScriptedMonth;
const json = async (res: Response) => (await res.json()) as any;
const { director, itHead, itSpecialist, itSpecialist2, pressHead, pressSpecialist } = cast;
const NOW = '2026-11-30T09:00:00+07:00';
const TZ = 'Asia/Ho_Chi_Minh';
const inNovember = (instant: string) => toLocalDate(new Date(instant), TZ).startsWith('2026-11');

beforeAll(async () => {
  t = await createTestApp();
  month = await scriptMonth(t);
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

const get = async (as: string, path: string, status = 200) => {
  const res = await t.as(as, path, { clock: NOW });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
};

/** Every page of a list the API gives, as the director (who sees everything, confidential work included). */
async function all(path: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(director.id, `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

type Counts = Record<string, number>;
const bump = (map: Map<string, Counts>, key: string, name: string) => {
  const c = map.get(key) ?? {};
  c[name] = (c[name] ?? 0) + 1;
  map.set(key, c);
};

/** The November figures recomputed from the records the API lists, per unit and per `unit|person`. */
async function recomputeFromRecords() {
  const units = new Map<string, Counts>();
  const people = new Map<string, Counts>();
  const count = (unitId: string, staffId: string, name: string) => {
    bump(units, unitId, name);
    bump(people, `${unitId}|${staffId}`, name);
  };
  const timeliness: Record<string, string> = {
    'within-deadline': 'withinDeadline',
    'due-soon': 'dueSoon',
    overdue: 'overdue',
    'on-time': 'completedOnTime',
    'on-time-after-extension': 'completedAfterExtension',
    late: 'completedLate',
    cancelled: 'cancelled',
  };
  for (const a of await all('/v1/assignments?limit=100')) {
    if (!a.originalDueDate.startsWith('2026-11')) continue;
    count(a.unitId, a.responsibleId, 'a.assigned');
    count(a.unitId, a.responsibleId, `a.${timeliness[a.timeliness]}`);
  }
  for (const s of sonLa.staff) {
    for (const o of await all(`/v1/reports/obligations?period=2026&staffId=${s.id}&subPeriods=true&limit=100`)) {
      if (!inNovember(o.dueAt)) continue;
      count(o.unitId, o.staffId, 'r.due');
      count(o.unitId, o.staffId, `r.${{ submitted: 'onTime', late: 'late', missing: 'missing', pending: 'pending' }[o.status as string]}`);
    }
  }
  for (const m of await all('/v1/meetings?from=2026-11-01&to=2026-11-30&limit=100')) {
    count(m.unitId, m.chairId, 'm.held');
    if (m.conclusionStatus === 'on-time' || m.conclusionStatus === 'late') {
      count(m.unitId, m.chairId, 'm.withConclusions');
      count(m.unitId, m.chairId, m.conclusionStatus === 'on-time' ? 'm.conclusionsOnTime' : 'm.conclusionsLate');
    }
  }
  for (const f of await all('/v1/findings?limit=100')) {
    if (!inNovember(f.detectedAt)) continue;
    count(f.unitId, f.subjectId, 'f.detected');
    count(f.unitId, f.subjectId, f.resolvedAt ? 'f.resolved' : 'f.open');
    count(f.unitId, f.subjectId, `f.${f.rule}.detected`);
    count(f.unitId, f.subjectId, f.resolvedAt ? `f.${f.rule}.resolved` : `f.${f.rule}.open`);
  }
  return { units, people };
}

/** The dashboard's figures in the same flat shape. */
function flat(figures: any): Counts {
  const out: Counts = {};
  const put = (k: string, v: number) => {
    if (v !== 0) out[k] = v;
  };
  for (const [k, v] of Object.entries(figures.assignments)) if (k !== 'onTimeRate' && k !== 'open') put(`a.${k}`, v as number);
  for (const [k, v] of Object.entries(figures.reports)) put(`r.${k}`, v as number);
  for (const [k, v] of Object.entries(figures.meetings)) put(`m.${k}`, v as number);
  for (const k of ['detected', 'open', 'resolved']) put(`f.${k}`, figures.findings[k]);
  for (const [rule, r] of Object.entries(figures.findings.byRule as Record<string, Counts>)) for (const [k, v] of Object.entries(r)) put(`f.${rule}.${k}`, v);
  return out;
}

describe('GET /v1/dashboard after a scripted month', () => {
  it('every unit’s and person’s figures equal the figures recomputed from the records', async () => {
    const dashboard = await get(director.id, '/v1/dashboard?period=2026-11');
    const expected = await recomputeFromRecords();
    expect(dashboard.units.map((u: any) => u.unitId)).toEqual(sonLa.units.map((u) => u.id));
    for (const u of dashboard.units) expect({ unit: u.unitId, ...flat(u.figures) }).toEqual({ unit: u.unitId, ...(expected.units.get(u.unitId) ?? {}) });
    const shown = new Set<string>();
    for (const p of dashboard.people) {
      const key = `${p.unitId}|${p.staffId}`;
      shown.add(key);
      expect({ person: key, ...flat(p.figures) }).toEqual({ person: key, ...(expected.people.get(key) ?? {}) });
    }
    for (const key of expected.people.keys()) expect(shown, key).toContain(key);
  });

  it('gives the exact figures of the month for the IT unit, its people and the department', async () => {
    const dashboard = await get(director.id, '/v1/dashboard?period=2026-11');
    expect(dashboard.period).toEqual({ id: '2026-11', kind: 'month', start: '2026-11-01', end: '2026-11-30' });
    expect(dashboard.asOf).toBe('2026-11-30T09:00:00.000+07:00');
    expect(dashboard.scope).toEqual({ kind: 'department', unitIds: [] });
    const it = dashboard.units.find((u: any) => u.unitId === 'it');
    expect(it.figures.assignments).toEqual({
      assigned: 7,
      open: 1,
      withinDeadline: 1,
      dueSoon: 0,
      overdue: 0,
      completedOnTime: 2,
      completedAfterExtension: 1,
      completedLate: 2,
      cancelled: 1,
      onTimeRate: 0.6,
    });
    // W45 by both specialists and October's monthly report by the head on time, W49's programme ahead of time; W46 late.
    expect(it.figures.reports).toMatchObject({ onTime: 4, late: 1 });
    expect(it.figures.meetings).toEqual({ held: 1, withConclusions: 1, conclusionsOnTime: 1, conclusionsLate: 0 });
    const specialist2 = dashboard.people.find((p: any) => p.staffId === itSpecialist2.id);
    expect(specialist2.figures.assignments).toMatchObject({ assigned: 3, withinDeadline: 1, completedAfterExtension: 1, cancelled: 1, onTimeRate: 1 });
    const press = dashboard.units.find((u: any) => u.unitId === 'press').figures;
    expect(press.assignments).toMatchObject({ assigned: 2, open: 2, overdue: 1, dueSoon: 1, withinDeadline: 0, onTimeRate: 0 });
    expect(press.findings).toEqual({ detected: 1, open: 0, resolved: 1, byRule: { A6: { detected: 1, open: 0, resolved: 1 } } });
    const posts = dashboard.units.find((u: any) => u.unitId === 'posts-telecom').figures.assignments;
    expect(posts).toMatchObject({ assigned: 1, overdue: 1 });
    const board = dashboard.units.find((u: any) => u.unitId === 'board').figures.meetings;
    expect(board).toEqual({ held: 3, withConclusions: 2, conclusionsOnTime: 1, conclusionsLate: 1 });
    expect(dashboard.totals.assignments).toMatchObject({ assigned: 10, overdue: 2, dueSoon: 1, completedOnTime: 2 });
    expect(dashboard.totals.findings.byRule).toEqual({ A6: { detected: 1, open: 0, resolved: 1 }, F2: { detected: 1, open: 1, resolved: 0 } });
    expect(dashboard.rules.map((r: any) => r.id)).toEqual(['A6', 'F2']);
  });

  it('counts the report submitted ahead of a deadline still to come as neither missing nor pending', async () => {
    const me = await get(itSpecialist.id, '/v1/dashboard?period=2026-11');
    expect(me.scope).toEqual({ kind: 'person', unitIds: ['it'], staffId: itSpecialist.id });
    const records = await get(itSpecialist.id, '/v1/dashboard/records?period=2026-11&figure=reports.due');
    const p3 = records.items.find((r: any) => r.key === `p3-personal-programme|2026-W49|${itSpecialist.id}`);
    expect(p3).toMatchObject({ status: 'submitted', dueAt: '2026-11-30T10:00:00.000+07:00' });
    const byStatus = (s: string) => records.items.filter((r: any) => r.status === s).length;
    expect(me.totals.reports).toEqual({
      due: records.items.length,
      onTime: byStatus('submitted'),
      late: byStatus('late'),
      missing: byStatus('missing'),
      pending: byStatus('pending'),
    });
    expect(me.totals.reports.onTime).toBe(2);
    expect(me.totals.reports.late).toBe(1);
  });

  it('sums the months of a quarter, and counts a week by itself', async () => {
    const q4 = await get(director.id, '/v1/dashboard?period=2026-Q4&unitId=it');
    const [oct, nov, dec] = await Promise.all(['2026-10', '2026-11', '2026-12'].map((p) => get(director.id, `/v1/dashboard?period=${p}&unitId=it`)));
    for (const k of ['assigned', 'completedOnTime', 'completedLate', 'cancelled', 'overdue', 'withinDeadline']) {
      expect(q4.totals.assignments[k], k).toBe(oct.totals.assignments[k] + nov.totals.assignments[k] + dec.totals.assignments[k]);
    }
    expect(oct.totals.assignments).toMatchObject({ assigned: 1, completedOnTime: 1 });
    // December: the work due on the 2nd (due soon) and two conclusions of November's meetings.
    expect(dec.totals.assignments).toMatchObject({ assigned: 3, dueSoon: 1, withinDeadline: 2 });
    const year = await get(director.id, '/v1/dashboard?period=2026&unitId=it');
    expect(year.totals.assignments.assigned).toBe(q4.totals.assignments.assigned);
    expect(year.totals.assignments).toMatchObject({ assigned: 11, completedOnTime: 3, completedLate: 2 });
    expect(year.totals.reports.onTime).toBe(q4.totals.reports.onTime);
    const w46 = await get(director.id, '/v1/dashboard?period=2026-W46&unitId=it');
    expect(w46.period).toEqual({ id: '2026-W46', kind: 'week', start: '2026-11-09', end: '2026-11-15' });
    expect(w46.totals.assignments).toMatchObject({ assigned: 2, completedLate: 1, completedOnTime: 1 });
    expect(w46.totals.reports).toMatchObject({ late: 1 });
  });

  it('answers a bad period or an unknown figure with 400 naming the field, and writes nothing', async () => {
    const before = await t.countItems();
    const bad = await get(director.id, '/v1/dashboard?period=2026-13', 400);
    expect(bad.errors).toEqual([{ path: 'query.period', message: 'must be a period such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026' }]);
    const figure = await get(director.id, '/v1/dashboard/records?period=2026-11&figure=assignments.everything', 400);
    expect(figure.errors.map((e: any) => e.path)).toEqual(['query.figure']);
    const extra = await get(director.id, '/v1/dashboard?period=2026-11&colour=red', 400);
    expect(extra.errors[0].path).toBe('query');
    expect(await t.countItems()).toBe(before);
  });
});

describe('who sees what', () => {
  const itDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;

  it('the director sees all seven units; a deputy director the units overseen; a head their unit; a specialist themselves', async () => {
    expect((await get(director.id, '/v1/dashboard?period=2026-11')).units).toHaveLength(7);
    const deputy = await get(itDeputy.id, '/v1/dashboard?period=2026-11');
    expect(deputy.scope).toEqual({ kind: 'units', unitIds: unitOverseenBy(itDeputy.id) });
    expect(deputy.units.map((u: any) => u.unitId)).toEqual(unitOverseenBy(itDeputy.id));
    const head = await get(itHead.id, '/v1/dashboard?period=2026-11');
    expect(head.units.map((u: any) => u.unitId)).toEqual(['it']);
    expect(new Set(head.people.map((p: any) => p.unitId))).toEqual(new Set(['it']));
    const own = await get(itSpecialist.id, '/v1/dashboard?period=2026-11');
    expect(own.units).toEqual([]);
    expect(own.people.map((p: any) => p.staffId)).toEqual([itSpecialist.id]);
    const fromDirector = (await get(director.id, '/v1/dashboard?period=2026-11')).people.find((p: any) => p.staffId === itSpecialist.id);
    expect(own.totals).toEqual(fromDirector.figures);
  });

  it('answers 404, as for a missing id, for a unit or person outside what the caller may see', async () => {
    await get(itHead.id, '/v1/dashboard?period=2026-11&unitId=press', 404);
    await get(itHead.id, `/v1/dashboard?period=2026-11&staffId=${pressSpecialist.id}`, 404);
    await get(itSpecialist.id, '/v1/dashboard?period=2026-11&unitId=it', 404);
    await get(itSpecialist.id, `/v1/dashboard?period=2026-11&staffId=${itSpecialist2.id}`, 404);
    await get(itSpecialist.id, `/v1/dashboard/records?period=2026-11&figure=assignments.assigned&staffId=${itSpecialist2.id}`, 404);
    await get(director.id, '/v1/dashboard?period=2026-11&unitId=no-such-unit', 404);
    expect((await get(itHead.id, `/v1/dashboard?period=2026-11&staffId=${itSpecialist.id}`)).people).toHaveLength(1);
  });
});

describe('the records behind each figure', () => {
  it('lists, for every figure of the IT unit, exactly as many records as the figure counts (confidential ones counted, not shown to the head)', async () => {
    const dashboard = await get(itHead.id, '/v1/dashboard?period=2026-11&unitId=it');
    const figures = dashboard.totals;
    const checks: [string, number][] = [
      ...Object.entries(figures.assignments).filter(([k]) => k !== 'onTimeRate').map(([k, v]) => [`assignments.${k}`, v as number] as [string, number]),
      ...Object.entries(figures.reports).map(([k, v]) => [`reports.${k}`, v as number] as [string, number]),
      ...Object.entries(figures.meetings).map(([k, v]) => [`meetings.${k}`, v as number] as [string, number]),
      ...['detected', 'open', 'resolved'].map((k) => [`findings.${k}`, figures.findings[k]] as [string, number]),
    ];
    for (const [figure, value] of checks) {
      const records = await get(itHead.id, `/v1/dashboard/records?period=2026-11&unitId=it&figure=${figure}`);
      expect(records.nextCursor, figure).toBeUndefined();
      expect(records.items.length + records.hidden, figure).toBe(value);
    }
    const completed = await get(itHead.id, '/v1/dashboard/records?period=2026-11&unitId=it&figure=assignments.completedOnTime');
    expect(completed.hidden).toBe(1);
    expect(completed.items.map((a: any) => a.id)).toEqual([month.assignments.onTime]);
    const asDirector = await get(director.id, '/v1/dashboard/records?period=2026-11&unitId=it&figure=assignments.completedOnTime');
    expect(asDirector.hidden).toBe(0);
    expect(asDirector.items.map((a: any) => a.id).sort()).toEqual([month.assignments.onTime, month.assignments.confidential].sort());
  });

  it('lists an extended assignment under the period of its original due date', async () => {
    const records = await get(director.id, `/v1/dashboard/records?period=2026-11&staffId=${itSpecialist2.id}&figure=assignments.withinDeadline`);
    expect(records.items).toEqual([
      expect.objectContaining({ type: 'assignment', id: month.assignments.within, originalDueDate: '2026-11-24', dueDate: '2026-12-15', timeliness: 'within-deadline' }),
    ]);
    const december = await get(director.id, `/v1/dashboard/records?period=2026-12&staffId=${itSpecialist2.id}&figure=assignments.assigned`);
    expect(december.items).toEqual([]);
  });

  it('lists meetings, the missing mission report and findings with the article each cites', async () => {
    const late = await get(director.id, '/v1/dashboard/records?period=2026-11&unitId=board&figure=meetings.conclusionsLate');
    expect(late.items).toEqual([expect.objectContaining({ type: 'meeting', id: month.meetings.late, heldOn: '2026-11-13', conclusions: 'late' })]);
    const missing = await get(director.id, `/v1/dashboard/records?period=2026-11&staffId=${itSpecialist2.id}&figure=reports.missing`);
    expect(missing.items.map((r: any) => r.obligationId)).toContain('r5-mission-report');
    const findings = await get(director.id, '/v1/dashboard/records?period=2026-11&figure=findings.detected');
    expect(findings.items.map((f: any) => [f.rule, f.article, f.unitId]).sort()).toEqual([
      ['A6', expect.stringMatching(/^Điều/), 'press'],
      ['F2', 'Điều 9.2.4', 'office'],
    ]);
    const open = await get(director.id, '/v1/dashboard/records?period=2026-11&figure=findings.open&rule=F2');
    expect(open.items).toHaveLength(1);
  });
});

describe('the 12-month trend', () => {
  it('gives each month’s assignments and on-time rate, oldest first', async () => {
    const trend = await get(itHead.id, '/v1/dashboard/trend?period=2026-11');
    expect(trend.months.map((m: any) => m.period)).toEqual([
      '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    expect(trend.months.at(-1)).toEqual({ period: '2026-11', assigned: 7, completedOnTime: 2, completedAfterExtension: 1, completedLate: 2, overdue: 0, onTimeRate: 0.6 });
    expect(trend.months.at(-2)).toEqual({ period: '2026-10', assigned: 1, completedOnTime: 1, completedAfterExtension: 0, completedLate: 0, overdue: 0, onTimeRate: 1 });
    expect(trend.months[0]).toEqual({ period: '2025-12', assigned: 0, completedOnTime: 0, completedAfterExtension: 0, completedLate: 0, overdue: 0, onTimeRate: null });
  });
});

describe('the export for the annual evaluation (E1, Điều 24)', () => {
  it('writes the head’s unit as CSV with Vietnamese headers, one row per person, the same figures', async () => {
    const res = await t.as(itHead.id, '/v1/dashboard/export?period=2026-11&format=csv', { clock: NOW });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="danh-gia_so-tttt-son-la_it_2026-11.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\n');
    expect(lines[0]).toBe(EVALUATION_HEADERS.join(','));
    const itPeople = sonLa.staff.filter((s) => s.unitId === 'it');
    expect(lines).toHaveLength(1 + itPeople.length);
    const row = lines.find((l) => l.startsWith(`${itSpecialist2.id},`))!.split(',');
    const col = (h: string) => row[EVALUATION_HEADERS.indexOf(h)];
    expect(col('Họ và tên')).toBe(itSpecialist2.name);
    expect(col('Đơn vị')).toBe('Phòng Công nghệ thông tin');
    expect(col('Nhiệm vụ được giao')).toBe('3');
    expect(col('Hoàn thành đúng hạn sau gia hạn')).toBe('1');
    expect(col('Tỷ lệ đúng hạn (%)')).toBe('100');
    expect(col('Báo cáo quá hạn chưa nộp')).not.toBe('0');
  });

  it('writes the department as an XLSX workbook with a notes sheet', async () => {
    const res = await t.as(director.id, '/v1/dashboard/export?period=2026-11&format=xlsx', { clock: NOW });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheets = await readXlsxFile(await res.arrayBuffer());
    expect(sheets.map((w) => w.sheet)).toEqual(['Đánh giá 2026-11', 'Ghi chú']);
    const sheet = sheets[0]!.data;
    expect(sheet[0]).toEqual(EVALUATION_HEADERS);
    expect(sheet.length).toBe(1 + sonLa.staff.length);
    const rows = new Map<string, unknown[]>();
    sheet.slice(1).forEach((row) => rows.set(String(row[0]), row));
    const press = rows.get(pressSpecialist.id)!;
    expect(press[EVALUATION_HEADERS.indexOf('Quá hạn')]).toBe(1);
    expect(press[EVALUATION_HEADERS.indexOf('Sắp đến hạn')]).toBe(1);
    expect(press[EVALUATION_HEADERS.indexOf('Kết quả kiểm tra đã xử lý')]).toBe(1);
    expect(press[EVALUATION_HEADERS.indexOf('Tỷ lệ đúng hạn (%)')]).toBe(0);
    expect(rows.get(pressHead.id)![EVALUATION_HEADERS.indexOf('Chức vụ')]).toBe('Trưởng phòng');
    // The ICT Centre is led by its Giám đốc Trung tâm, not a Trưởng phòng.
    const centreHead = sonLa.staff.find((s) => s.unitId === 'ict-centre' && s.roles.includes('head'))!;
    const centreDeputy = sonLa.staff.find((s) => s.unitId === 'ict-centre' && s.roles.includes('deputy-head'))!;
    expect(rows.get(centreHead.id)![EVALUATION_HEADERS.indexOf('Chức vụ')]).toBe('Giám đốc Trung tâm');
    expect(rows.get(centreDeputy.id)![EVALUATION_HEADERS.indexOf('Chức vụ')]).toBe('Phó Giám đốc Trung tâm');
    const notes = sheets[1]!.data;
    expect(notes[2]).toEqual(['Kỳ', 'Tháng 11/2026']);
  });

  it('writes English headers with lang=en', async () => {
    const res = await t.as(itHead.id, '/v1/dashboard/export?period=2026-11&format=csv&lang=en', { clock: NOW });
    expect(res.status).toBe(200);
    const lines = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(3)).trim().split('\n');
    expect(lines[0]).toBe(EVALUATION_HEADERS_EN.join(','));
    expect(lines[0]).toContain('Name,Unit,Title,Assigned');
    const headRow = lines.find((l) => l.startsWith(`${itHead.id},`))!.split(',');
    expect(headRow[EVALUATION_HEADERS_EN.indexOf('Title')]).toBe('Head of Division');
  });
});

describe('cost', () => {
  it('reads at most 10 capacity units for one view of the department, a unit or a person', async () => {
    const cost = (as: string, period: string) => measureCapacity(t.table, () => get(as, `/v1/dashboard?period=${period}`));
    await cost(director.id, '2026-11'); // the rulebook versions are cached after the first request
    const department = await cost(director.id, '2026-11');
    const unit = await cost(itHead.id, '2026-11');
    const person = await cost(itSpecialist.id, '2026-11');
    const quarter = await cost(director.id, '2026-Q4');
    for (const [name, c] of Object.entries({ department, unit, person, quarter })) {
      expect(c.reads, name).toBeGreaterThan(0);
      expect(c.readUnits, name).toBeLessThanOrEqual(10);
      expect(c.writes, name).toBe(0);
    }
    console.info('dashboard view read units', { department, unit, person, quarter });
  });

  it('reads the 12-month trend with one Query per month, whatever the number of assignments', async () => {
    const trend = await measureCapacity(t.table, () => get(director.id, '/v1/dashboard/trend?period=2026-11'));
    const view = await measureCapacity(t.table, () => get(director.id, '/v1/dashboard?period=2026-11'));
    // The organisation snapshot's version item (every request), 12 counter partitions, the open work due.
    expect(trend.reads).toBe(1 + 12 + 1);
    // A view: the version item, the month's counters (with the reports submitted ahead and the missions), the open work due (issue #20, item 2).
    expect(view.reads).toBe(3);
    console.info('trend read units', trend);
  });

  it('reads no partition twice for a page: its figures and its trend share the month and the open work', async () => {
    for (const [as, path] of [[director.id, '/dashboard?period=2026-11'], [itHead.id, `/dashboard/units/${itHead.unitId}?period=2026-11`]] as const) {
      await (await t.as(as, path, { clock: NOW })).text(); // a warm process
      let html = '';
      const queries = await recordQueries(t.table, async () => void (html = await (await t.as(as, path, { clock: NOW })).text()));
      expect(html, path).toContain('Tháng 11/2026');
      expect(queries.filter((q) => q.includes('#CNT#2026-11"')), path).toHaveLength(1);
      expect(queries.filter((q) => q.startsWith('["GSI4"')), path).toHaveLength(1);
      expect(repeated(queries), path).toEqual([]);
    }
  });
});
