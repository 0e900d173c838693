/**
 * The year-end lists (issue #23; E1, Điều 24) on DynamoDB Local: the emulation list per title of
 * the rulebook from the decided yearly levels, with the undecided apart, as JSON, XLSX and PDF;
 * the unit ratings against the dashboard's own unit figures; who may read them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/universal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationLevelId } from '../../shared/rulebook/schema.js';
import type { Actor } from '../../shared/services/organisation-service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { cast, scriptMonth } from '../support/dashboard-month.js';
import { person, sonLa } from '../support/people.js';

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'evaluation-year-'));
/** 21 December 2026: the year's decisions (due the 14th) and publication (the 20th) are past. */
const DEC21 = '2026-12-21T09:00:00+07:00';
const now = new Date(DEC21);
const json = async (res: Response) => (await res.json()) as any;
const { director, chiefOfOffice, itHead, itSpecialist, itSpecialist2, pressHead, pressSpecialist, postsHead } = cast;
const overseer = (unitId: string) => sonLa.staff.find((s) => s.id === sonLa.units.find((u) => u.id === unitId)!.overseenBy) ?? director;
const actor = (s: (typeof sonLa.staff)[number]): Actor => ({ orgId: t.orgId, staffId: s.id, name: s.name, unitId: s.unitId, roles: s.roles });

/** The cycle through the service, step by step (E2–E6): the person, the head (or the overseer), the board for a manager, the director. */
async function rate(p: (typeof sonLa.staff)[number], period: string, proposed: EvaluationLevelId, decided?: EvaluationLevelId, publish = false) {
  const s = t.services.evaluations;
  const manager = p.id === sonLa.staff.find((x) => x.unitId === p.unitId && x.roles.some((r) => ['head', 'chief-of-office', 'chief-inspector', 'director-of-centre'].includes(r)))?.id;
  await s.takeStep(actor(p), p.id, period, 'self-assessment', { text: 'Tự đánh giá.', level: proposed }, now);
  await s.takeStep(actor(manager ? overseer(p.unitId) : itHeadOf(p.unitId)), p.id, period, 'head-comment', { text: 'Nhận xét.', level: proposed }, now);
  if (manager) await s.takeStep(actor(director), p.id, period, 'board-review', { text: 'Kết luận tập thể.', level: proposed }, now);
  if (!decided) return;
  await s.takeStep(actor(director), p.id, period, 'director-decision', { level: decided, ...(decided !== proposed ? { reason: 'Kết quả vượt đề xuất.' } : {}) }, now);
  if (publish) await s.takeStep(actor(director), p.id, period, 'publication', {}, now);
}
const itHeadOf = (unitId: string) => sonLa.staff.find((s) => s.unitId === unitId && s.roles.includes(unitId === 'office' ? 'chief-of-office' : 'head'))!;

beforeAll(async () => {
  t = await createTestApp();
  await scriptMonth(t);
  // The year 2026: excellent (published), completed, good (decided, not published), a head proposed only, a head excellent (published).
  await rate(itSpecialist, '2026', 'good', 'excellent', true);
  await rate(itSpecialist2, '2026', 'completed', 'completed', true);
  await rate(pressSpecialist, '2026', 'good', 'good', false);
  await rate(itHead, '2026', 'good');
  await rate(postsHead, '2026', 'excellent', 'excellent', true);
  // A month of the year: November, decided good.
  await rate(itSpecialist, '2026-11', 'good', 'good', true);
}, 300_000);
afterAll(async () => {
  await t?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const get = (as: string, path: string) => t.as(as, path, { clock: DEC21 });
const rated = sonLa.staff.filter((s) => sonLa.units.find((u) => u.id === s.unitId)!.kind !== 'board');
const ids = (people: any[]) => people.map((p) => p.staffId).sort();

describe('the emulation list (Điều 24): per title, the people whose decided yearly level meets its minimum', () => {
  let list: any;
  beforeAll(async () => {
    const res = await get(director.id, '/v1/evaluations/emulation?year=2026');
    expect(res.status).toBe(200);
    list = await json(res);
  });

  it('Lao động tiên tiến (good at least): excellent and good, not completed; Chiến sĩ thi đua cơ sở (excellent): excellent only', () => {
    const titles = Object.fromEntries(list.titles.map((x: any) => [x.id, x]));
    expect(list.titles.map((x: any) => x.id)).toEqual(sonLa.evaluation!.emulationTitles.map((x) => x.id));
    expect(ids(titles['lao-dong-tien-tien'].people)).toEqual([itSpecialist.id, postsHead.id, pressSpecialist.id].sort());
    expect(ids(titles['chien-si-thi-dua-co-so'].people)).toEqual([itSpecialist.id, postsHead.id].sort());
    expect(titles['lao-dong-tien-tien'].people.map((p: any) => p.staffId)).not.toContain(itSpecialist2.id);
    const khoi = titles['chien-si-thi-dua-co-so'].people.find((p: any) => p.staffId === itSpecialist.id);
    expect(khoi).toMatchObject({ name: itSpecialist.name, unitId: 'it', level: 'excellent', published: true, months: [{ period: '2026-11', level: 'good' }] });
    expect(khoi.title.vi).toBe('Chuyên viên');
    expect(titles['lao-dong-tien-tien'].people.find((p: any) => p.staffId === pressSpecialist.id).published).toBe(false);
  });

  it('nobody is dropped: whoever has no decision is listed apart with the step they stand at', () => {
    const decided = new Set(list.titles.flatMap((x: any) => x.people.map((p: any) => p.staffId)));
    decided.add(itSpecialist2.id);
    expect(ids(list.undecided)).toEqual(rated.filter((s) => !decided.has(s.id)).map((s) => s.id).sort());
    expect(list.undecided.find((p: any) => p.staffId === itHead.id).stage).toBe('board-review');
    expect(list.undecided.find((p: any) => p.staffId === pressHead.id).stage).toBe('none');
  });

  it('the chief of office reads it with the published decisions only: an unpublished one stands undecided, its level withheld', async () => {
    const res = await get(chiefOfOffice.id, '/v1/evaluations/emulation?year=2026');
    expect(res.status).toBe(200);
    const own = await json(res);
    const ldtt = own.titles.find((x: any) => x.id === 'lao-dong-tien-tien');
    expect(ids(ldtt.people)).toEqual([itSpecialist.id, postsHead.id].sort());
    expect(own.undecided.find((p: any) => p.staffId === pressSpecialist.id)).toMatchObject({ stage: 'director-decision' });
    expect(JSON.stringify(own.undecided)).not.toContain('"level"');
  });

  it('the XLSX, read back, holds what the JSON holds: a sheet per title, the undecided, the notes with each title’s basis', async () => {
    const res = await get(director.id, '/v1/evaluations/emulation?year=2026&format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('de-nghi-thi-dua_2026');
    const sheets = await readXlsxFile(await res.arrayBuffer());
    expect(sheets.map((s) => s.sheet)).toEqual([...list.titles.map((x: any) => x.name.vi), 'Chưa có quyết định xếp loại', 'Ghi chú']);
    const levelVi = Object.fromEntries(list.levels.map((l: any) => [l.id, l.name.vi]));
    list.titles.forEach((title: any, i: number) => {
      const [header, ...rows] = sheets[i]!.data;
      expect(header).toEqual(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Xếp loại năm', 'Đã công bố', 'Xếp loại các tháng', 'Ghi chú của Hội đồng']);
      expect(rows.map((r) => [r[1], r[2], r[3], r[4], r[5]])).toEqual(title.people.map((p: any) => [p.name, p.title.vi, p.unit.vi, levelVi[p.level], p.published ? 'Có' : 'Chưa']));
    });
    const khoi = sheets[1]!.data.find((r) => r[1] === itSpecialist.name)!;
    expect(khoi[6]).toBe(`Tháng 11/2026: ${levelVi.good}`);
    const [, ...undecided] = sheets[list.titles.length]!.data;
    expect(undecided.map((r) => r[1])).toEqual(list.undecided.map((p: any) => p.name));
    const notes = sheets.at(-1)!.data.map((r) => String(r[1]));
    for (const title of sonLa.evaluation!.emulationTitles) expect(notes.some((n) => n.includes(title.requirement!.vi))).toBe(true);
    // The rulebook's English note stays out of the Vietnamese file.
    for (const title of sonLa.evaluation!.emulationTitles) expect(notes.some((n) => n.includes(title.basis))).toBe(false);
  });

  it('the PDF: A4, the font embedded, the heading, a name with its diacritics, the place and date', async () => {
    const res = await get(director.id, '/v1/evaluations/emulation?year=2026&format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+BeVietnamPro-Regular/);
    expect(raw).toMatch(/\/MediaBox \[0 0 841\.89 595\.2\d\]/);
    const file = join(dir, 'list.pdf');
    writeFileSync(file, bytes);
    // Kept for a person to open (test-output/, like the browser tests' screenshots).
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/emulation-list-2026.pdf', bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('DANH SÁCH ĐỀ NGHỊ DANH HIỆU THI ĐUA NĂM 2026');
    expect(text).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH SƠN LA');
    expect(text).toContain('Sơn La, ngày 21 tháng 12 năm 2026');
    expect(text).toContain(itSpecialist.name);
    expect(text).toContain('Chưa có quyết định xếp loại');
  });
});

describe('the unit ratings: each unit’s figures of the year as the dashboard counts them, and its head’s yearly level', () => {
  it('match the dashboard’s unit figures for 2026, unit by unit; the head’s level decided, proposed with its step, or none', async () => {
    const res = await get(director.id, '/v1/evaluations/units?year=2026');
    expect(res.status).toBe(200);
    const view = await json(res);
    const dash = await json(await get(director.id, '/v1/dashboard?period=2026'));
    const units = dash.units.filter((u: any) => u.kind !== 'board');
    expect(view.units.map((u: any) => u.unitId)).toEqual(units.map((u: any) => u.unitId));
    for (const u of units) {
      const mine = view.units.find((x: any) => x.unitId === u.unitId);
      const a = u.figures.assignments;
      expect(mine.assignments).toEqual({ assigned: a.assigned, completedOnTime: a.completedOnTime, completedAfterExtension: a.completedAfterExtension, completedLate: a.completedLate, overdue: a.overdue, onTimeRate: a.onTimeRate });
      expect(mine.reports).toEqual({ due: u.figures.reports.due, onTime: u.figures.reports.onTime, late: u.figures.reports.late, missing: u.figures.reports.missing });
      expect(mine.head?.staffId ?? null).toBe(u.headId);
    }
    // Something was counted: the figures are not all zeros.
    expect(view.units.find((u: any) => u.unitId === 'it').assignments.assigned).toBeGreaterThan(0);
    const head = (unitId: string) => view.units.find((u: any) => u.unitId === unitId).head;
    expect(head('posts-telecom')).toMatchObject({ staffId: postsHead.id, level: { status: 'published', level: 'excellent' } });
    expect(head('it')).toMatchObject({ staffId: itHead.id, title: { vi: 'Trưởng phòng' }, level: { status: 'proposed', level: 'good', step: 'board-review' } });
    expect(head('press')).toMatchObject({ staffId: pressHead.id, level: null });
  });

  it('the XLSX holds the same rows', async () => {
    const [json1, file] = await Promise.all([get(director.id, '/v1/evaluations/units?year=2026').then(json), get(director.id, '/v1/evaluations/units?year=2026&format=xlsx')]);
    expect(file.status).toBe(200);
    const sheets = await readXlsxFile(await file.arrayBuffer());
    const [header, ...rows] = sheets[0]!.data;
    expect(header![0]).toBe('Đơn vị');
    expect(rows.map((r) => [r[0], r[1], r[2], r[5]])).toEqual(json1.units.map((u: any) => [u.name.vi, u.assignments.assigned, u.assignments.completedOnTime, u.assignments.overdue]));
    expect(rows.find((r) => r[0] === 'Phòng Công nghệ thông tin')?.[11]).toMatch(/^Hoàn thành tốt nhiệm vụ \(đề xuất: Ban Giám đốc đề xuất\)$/);
  });
});

describe('who reads the year-end lists: refused before the query is read', () => {
  const deputy = person('deputy-director');
  it.each([
    ['units', director.id, 200],
    ['units', deputy.id, 200],
    ['units', chiefOfOffice.id, 404],
    ['units', itHead.id, 404],
    ['units', itSpecialist.id, 404],
    ['emulation', director.id, 200],
    ['emulation', deputy.id, 200],
    ['emulation', chiefOfOffice.id, 200],
    ['emulation', pressHead.id, 404],
    ['emulation', pressSpecialist.id, 404],
  ])('%s: %s → %s', async (list, as, status) => {
    expect((await get(as, `/v1/evaluations/${list}?year=2026`)).status).toBe(status);
    // A bad query from someone refused is refused the same way: nothing is parsed first.
    if (status === 404) expect((await get(as, `/v1/evaluations/${list}?year=nope&format=doc`)).status).toBe(404);
  });

  it('a bad year: 400 naming query.year; a bad format: 400 naming query.format', async () => {
    for (const year of ['nope', '2026-11', '26']) {
      const res = await get(director.id, `/v1/evaluations/emulation?year=${year}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('query.year');
    }
    const bad = await get(director.id, '/v1/evaluations/units?year=2026&format=pdf');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('query.format');
  });
});
