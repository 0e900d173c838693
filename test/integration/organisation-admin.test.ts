import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../shared/adapters/spreadsheet-writer.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const NOW = '2026-11-26T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const body = (b: unknown) => JSON.stringify(b);
const chiefOfOffice = person('chief-of-office');
const director = person('director');

async function assign(as: string, assigneeId: string, title = 'Việc') {
  const res = await t.as(as, '/v1/assignments', { method: 'POST', body: body({ title, assigneeId, dueDate: '2026-12-20' }), clock: NOW });
  expect(res.status).toBe(201);
  return json(res);
}

describe('people and units are records the Office administers', () => {
  it('only the chief of office or an admin; anyone else gets 403 and nothing is written', async () => {
    const before = await t.countItems();
    const res = await t.as(person('specialist', 'it').id, '/v1/admin/staff', { method: 'POST', body: body({ name: 'Lò Thị Hoa', unitId: 'it', roles: ['specialist'] }), clock: NOW });
    expect(res.status).toBe(403);
    expect(await t.countItems()).toBe(before);
  });

  it('adds a person with a Vietnamese name; their dev token works at once; bad fields are named', async () => {
    const res = await t.as(chiefOfOffice.id, '/v1/admin/staff', { method: 'POST', body: body({ name: 'Lường Thị Ánh Tuyết', unitId: 'press', roles: ['specialist'] }), clock: NOW });
    expect(res.status).toBe(201);
    const added = await json(res);
    expect(added).toMatchObject({ id: 'luong-thi-anh-tuyet', name: 'Lường Thị Ánh Tuyết', unitId: 'press', active: true, version: 1 });
    expect((await t.as(added.id, '/v1/org', { clock: NOW })).status).toBe(200);
    const before = await t.countItems();
    const bad = await t.as(chiefOfOffice.id, '/v1/admin/staff', { method: 'POST', body: body({ name: 'X Y', unitId: 'nowhere', roles: ['specialist'] }), clock: NOW });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors.map((e: any) => e.path)).toEqual(['body.unitId']);
    // A leadership role is never given directly: it is proposed, and the director decides.
    const head = await t.as(chiefOfOffice.id, '/v1/admin/staff', { method: 'POST', body: body({ name: 'Hai Trưởng', unitId: 'it', roles: ['head'] }), clock: NOW });
    expect(head.status).toBe(403);
    expect((await json(head)).detail).toContain('/v1/admin/proposals');
    expect(await t.countItems()).toBe(before);
  });

  it('moving a head to another unit moves their authority but not their past work', async () => {
    const own = await createTestApp();
    try {
      const itHead = person('head', 'it');
      const pressHead = person('head', 'press');
      const itSpecialist = person('specialist', 'it');
      const pressSpecialist = person('specialist', 'press');
      const a = async (as: string, to: string) =>
        own.as(as, '/v1/assignments', { method: 'POST', body: body({ title: 'Việc', assigneeId: to, dueDate: '2026-12-20' }), clock: NOW });
      const past = await json(await a(itHead.id, itSpecialist.id));
      // Heads change only on the director's approval of the Office's proposal.
      const approved = async (change: Record<string, unknown>) => {
        const proposed = await own.as(chiefOfOffice.id, '/v1/admin/proposals', { method: 'POST', body: body({ kind: 'staff-change', reason: 'Quyết định điều động', ...change }), clock: NOW });
        expect(proposed.status).toBe(201);
        const decided = await own.as(director.id, `/v1/admin/proposals/${(await json(proposed)).id}/decision`, { method: 'POST', body: body({ approve: true }), clock: NOW });
        expect(decided.status).toBe(200);
      };
      // The press head first becomes a specialist elsewhere, so the press unit has room for a new head.
      expect((await own.as(chiefOfOffice.id, `/v1/admin/staff/${pressHead.id}`, { method: 'PATCH', body: body({ unitId: 'ict-centre', roles: ['specialist'] }), clock: NOW })).status).toBe(403);
      await approved({ staffId: pressHead.id, unitId: 'ict-centre', roles: ['specialist'] });
      await approved({ staffId: itHead.id, unitId: 'press' });
      const moved = await own.as(director.id, `/v1/org`, { clock: NOW });
      expect((await json(moved)).staff.find((s: any) => s.id === itHead.id)).toMatchObject({ unitId: 'press', roles: ['head'] });
      expect((await a(itHead.id, pressSpecialist.id)).status).toBe(201);
      expect((await a(itHead.id, itSpecialist.id)).status).toBe(403);
      const org = await json(await own.as(director.id, '/v1/org', { clock: NOW }));
      expect(org.units.find((u: any) => u.id === 'press').headId).toBe(itHead.id);
      expect(org.units.find((u: any) => u.id === 'it').headId).toBeNull();
      const pastNow = await json(await own.as(director.id, `/v1/assignments/${past.id}`, { clock: NOW }));
      expect(pastNow).toMatchObject({ assignerId: itHead.id, assigneeId: itSpecialist.id, unitId: 'it', version: 1 });
      // A head's name is no protected change: the Office edits it directly (If-Match still applies).
      const stale = await own.as(chiefOfOffice.id, `/v1/admin/staff/${itHead.id}`, { method: 'PATCH', body: body({ name: 'x' }), headers: { 'if-match': '"1"' }, clock: NOW });
      expect(stale.status).toBe(412);
      const history = await json(await own.as(director.id, `/v1/audit?entityId=staff.${itHead.id}`, { clock: NOW }));
      expect(history.items.map((e: any) => e.action)).toEqual(['staff-moved']);
    } finally {
      await own.dispose();
    }
  });

  it('ending employment keeps the record, disables sign-in, and hands open work to the successor with the history saying so', async () => {
    const itHead = person('head', 'it');
    const leaving = person('specialist', 'it', 1);
    const successor = person('specialist', 'it', 0);
    const open1 = await assign(itHead.id, leaving.id, 'Việc 1');
    const open2 = await assign(itHead.id, leaving.id, 'Việc 2');
    const done = await assign(itHead.id, leaving.id, 'Việc đã xong');
    await t.as(leaving.id, `/v1/assignments/${done.id}/complete`, { method: 'POST', body: body({ note: 'xong' }), clock: NOW });
    const res = await t.as(chiefOfOffice.id, `/v1/admin/staff/${leaving.id}/end-employment`, {
      method: 'POST',
      body: body({ endedOn: '2026-11-30', successorId: successor.id, note: 'Nghỉ hưu' }),
      clock: NOW,
    });
    expect(res.status).toBe(200);
    const ended = await json(res);
    expect(ended.staff).toMatchObject({ id: leaving.id, active: false, endedOn: '2026-11-30', successorId: successor.id });
    expect(ended.handedOver.sort()).toEqual([open1.id, open2.id].sort());
    const moved = await json(await t.as(director.id, `/v1/assignments/${open1.id}`, { clock: NOW }));
    expect(moved).toMatchObject({ assigneeId: successor.id, responsibleId: successor.id });
    expect(moved.history.at(-1)).toMatchObject({ action: 'handed-over', actorId: chiefOfOffice.id, data: { from: leaving.id, to: successor.id } });
    const kept = await json(await t.as(director.id, `/v1/assignments/${done.id}`, { clock: NOW }));
    expect(kept).toMatchObject({ assigneeId: leaving.id, status: 'completed' });
    expect((await t.as(leaving.id, '/v1/org', { clock: NOW })).status).toBe(401);
    const all = await json(await t.as(chiefOfOffice.id, '/v1/admin/staff?includeEnded=true', { clock: NOW }));
    expect(all.items.find((s: any) => s.id === leaving.id)).toMatchObject({ active: false });
    // Running it again finishes nothing twice.
    const again = await json(await t.as(chiefOfOffice.id, `/v1/admin/staff/${leaving.id}/end-employment`, { method: 'POST', body: body({ endedOn: '2026-11-30', successorId: successor.id }), clock: NOW }));
    expect(again.handedOver).toEqual([]);
  });

  it('adds a unit, renames it, and changes which deputy director oversees it; every change audited', async () => {
    const deputies = (await json(await t.as(director.id, '/v1/org', { clock: NOW }))).staff.filter((s: any) => s.roles.includes('deputy-director'));
    const added = await t.as(chiefOfOffice.id, '/v1/admin/units', { method: 'POST', body: body({ id: 'digital-transformation', name: { vi: 'Phòng Chuyển đổi số', en: 'Digital Transformation Division' }, kind: 'division', overseenBy: deputies[0].id }), clock: NOW });
    expect(added.status).toBe(201);
    const specialist = person('specialist', 'press');
    // Oversight is not the Office's to change: PATCH refuses it and names the proposal route.
    const direct = await t.as(chiefOfOffice.id, '/v1/admin/units/digital-transformation', { method: 'PATCH', body: body({ overseenBy: deputies[1].id }), clock: NOW });
    expect(direct.status).toBe(403);
    expect((await json(direct)).detail).toContain('/v1/admin/proposals');
    const notLeader = await t.as(chiefOfOffice.id, '/v1/admin/proposals', { method: 'POST', body: body({ kind: 'unit-oversight', unitId: 'digital-transformation', overseenBy: specialist.id, reason: 'x' }), clock: NOW });
    expect(notLeader.status).toBe(400);
    expect((await json(notLeader)).errors[0].path).toBe('body.overseenBy');
    const renamed = await json(await t.as(chiefOfOffice.id, '/v1/admin/units/digital-transformation', { method: 'PATCH', body: body({ name: { vi: 'Phòng Chuyển đổi số và CNTT', en: 'Digital Transformation and IT' } }), clock: NOW }));
    expect(renamed).toMatchObject({ overseenBy: deputies[0].id, version: 2 });
    const proposal = await json(await t.as(chiefOfOffice.id, '/v1/admin/proposals', { method: 'POST', body: body({ kind: 'unit-oversight', unitId: 'digital-transformation', overseenBy: deputies[1].id, reason: 'Phân công lại' }), clock: NOW }));
    const decided = await t.as(director.id, `/v1/admin/proposals/${proposal.id}/decision`, { method: 'POST', body: body({ approve: true }), clock: NOW });
    expect(decided.status).toBe(200);
    const org = await json(await t.as(director.id, '/v1/org', { clock: NOW }));
    expect(org.units.find((u: any) => u.id === 'digital-transformation').overseenBy).toBe(deputies[1].id);
    const history = await json(await t.as(director.id, '/v1/audit?entityId=unit.digital-transformation', { clock: NOW }));
    expect(history.items.map((e: any) => e.action)).toEqual(['unit-added', 'unit-renamed', 'unit-oversight-changed']);
    expect(history.items.at(-1)).toMatchObject({ actorId: director.id, data: { proposalId: proposal.id, proposedBy: chiefOfOffice.id, approvedBy: director.id } });
  });
});

describe('bulk import', () => {
  const csv = (rows: string[]) => `\uFEFFHọ và tên,Đơn vị,Vai trò,Thư điện tử\n${rows.join('\n')}\n`;
  const post = (content: string | Uint8Array, type: string, dryRun: boolean) =>
    t.as(chiefOfOffice.id, `/v1/admin/staff/import?dryRun=${dryRun}`, { method: 'POST', body: content as never, headers: { 'content-type': type }, clock: NOW });

  it('one bad row: the dry run names it, and a real run imports nothing', async () => {
    const file = csv(['Đèo Văn Khánh,it,Chuyên viên,khanh@sonla.gov.vn', 'Hà Thị Xuân,nowhere,Chuyên viên,', 'Sầm Văn Bình,press,phi công,']);
    const before = await t.countItems();
    const dry = await json(await post(file, 'text/csv', true));
    expect(dry).toMatchObject({ dryRun: true, valid: false, imported: 0 });
    expect(dry.rows.map((r: any) => [r.line, r.ok])).toEqual([[2, true], [3, false], [4, false]]);
    expect(dry.rows[1].errors).toEqual([{ path: 'rows.3.unitId', message: 'no unit nowhere' }]);
    expect(dry.rows[2].errors[0]).toMatchObject({ path: 'rows.4.roles', message: 'unknown role "phi công"' });
    const real = await post(file, 'text/csv', false);
    expect(real.status).toBe(422);
    expect((await json(real)).errors.map((e: any) => e.path)).toEqual(['rows.3.unitId', 'rows.4.roles', 'rows.4.roles']);
    expect(await t.countItems()).toBe(before);
  });

  it('a good XLSX file with Vietnamese headers and role names imports every row; a rerun imports nothing twice', async () => {
    const bytes = await writeXlsx([
      {
        name: 'Cán bộ',
        headers: ['Mã', 'Họ và tên', 'Đơn vị', 'Vai trò'],
        rows: [
          // Not the clerk: a role that unlocks a confidential register needs the director's approval (issue #18).
          ['quang-thi-en', 'Quàng Thị Én', 'office', 'Kế toán'],
          ['', 'Tòng Văn Đức', 'ict-centre', 'specialist'],
        ],
      },
    ]);
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const result = await json(await post(bytes, xlsx, false));
    expect(result).toMatchObject({ valid: true, imported: 2 });
    const org = await json(await t.as(director.id, '/v1/org', { clock: NOW }));
    expect(org.staff.find((s: any) => s.id === 'quang-thi-en')).toMatchObject({ name: 'Quàng Thị Én', roles: ['accountant'] });
    expect(org.staff.find((s: any) => s.id === 'tong-van-duc')).toMatchObject({ unitId: 'ict-centre' });
    const count = await t.countItems();
    const rerun = await json(await post(bytes, xlsx, false));
    expect(rerun).toMatchObject({ valid: true, imported: 0 });
    expect(rerun.rows.every((r: any) => r.alreadyImported)).toBe(true);
    expect(await t.countItems()).toBe(count);
  });

  it('anything but CSV or XLSX is refused naming the content type', async () => {
    const res = await post('{}', 'application/json', false);
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].path).toBe('header.content-type');
  });
});

describe('the rulebook is versioned', () => {
  it('an amendment from 1 March: the version in force on a date, and its history', async () => {
    const own = await createTestApp();
    try {
      // Điều 25.2: the chief of office proposes, the director decides; only a decided amendment takes effect.
      const amend = async (changes: unknown, reason: string) => {
        const proposed = await own.as(chiefOfOffice.id, '/v1/rulebook/amendments', { method: 'POST', body: body({ effectiveFrom: '2027-03-01', reason, changes }), clock: NOW });
        expect(proposed.status).toBe(201);
        const p = await json(proposed);
        expect(p).toMatchObject({ kind: 'rulebook-amendment', status: 'proposed', proposedBy: chiefOfOffice.id });
        return p;
      };
      const decide = (id: string, approve: boolean) => own.as(director.id, `/v1/admin/proposals/${id}/decision`, { method: 'POST', body: body({ approve }), clock: NOW });
      const refused = await own.as(director.id, '/v1/rulebook/amendments', { method: 'POST', body: body({ effectiveFrom: '2027-03-01', reason: 'x', changes: { settings: { dueSoonWorkingDays: 5 } } }), clock: NOW });
      expect(refused.status).toBe(403);
      const invalid = await own.as(chiefOfOffice.id, '/v1/rulebook/amendments', { method: 'POST', body: body({ effectiveFrom: '2027-03-01', reason: 'x', changes: { settings: { dueSoonWorkingDays: -2 }, staff: [] } }), clock: NOW });
      expect(invalid.status).toBe(400);
      expect((await json(invalid)).errors.map((e: any) => e.path)).toEqual(['body.changes.staff']);
      const negative = await own.as(chiefOfOffice.id, '/v1/rulebook/amendments', { method: 'POST', body: body({ effectiveFrom: '2027-03-01', reason: 'x', changes: { settings: { dueSoonWorkingDays: -2 } } }), clock: NOW });
      expect(negative.status).toBe(400);
      expect((await json(negative)).errors[0].path).toBe('body.changes.settings.dueSoonWorkingDays');
      const proposal = await amend({ settings: { dueSoonWorkingDays: 5 } }, 'Quyết định sửa đổi số 15/QĐ-STTTT');
      // Proposed is not in force.
      expect((await json(await own.as(director.id, '/v1/rulebook?on=2027-03-01', { clock: NOW }))).version).toBe(1);
      const approved = await decide(proposal.id, true);
      expect(approved.status).toBe(200);
      expect(await json(approved)).toMatchObject({ status: 'approved', decidedBy: director.id, outcome: { version: 2, effectiveFrom: '2027-03-01' } });
      const feb = await json(await own.as(director.id, '/v1/rulebook?on=2027-02-28', { clock: NOW }));
      const mar = await json(await own.as(director.id, '/v1/rulebook?on=2027-03-01', { clock: NOW }));
      expect([feb.version, feb.rulebook.settings.dueSoonWorkingDays]).toEqual([1, 3]);
      expect([mar.version, mar.rulebook.settings.dueSoonWorkingDays]).toEqual([2, 5]);
      expect(mar.history.map((h: any) => [h.version, h.effectiveFrom])).toEqual([[1, '2019-04-18'], [2, '2027-03-01']]);
      // A report deadline amended from 1 March: February's monthly report keeps the old one.
      const current = await json(await own.as(director.id, '/v1/rulebook?on=2027-03-01', { clock: NOW }));
      const obligations = structuredClone(current.rulebook.reportObligations);
      const r3 = obligations.find((o: any) => o.rule === 'R3');
      expect(r3.cadences.month.deadline).toMatchObject({ kind: 'working-days-after-period-end', days: 1 });
      r3.cadences.month.deadline.days = 3;
      const deadlineAmended = await amend({ reportObligations: obligations }, 'Báo cáo tháng: 3 ngày làm việc');
      expect((await decide(deadlineAmended.id, true)).status).toBe(200);
      const specialist = person('specialist', 'it');
      const monthly = async (period: string) =>
        (await json(await own.as(specialist.id, `/v1/reports/obligations?period=${period}&staffId=${specialist.id}`, { clock: NOW }))).items.find(
          (o: any) => o.rule === 'R3' && o.period === period,
        ).dueAt;
      expect(await monthly('2027-02')).toBe('2027-03-01T17:00:00.000+07:00');
      expect(await monthly('2027-03')).toBe('2027-04-05T17:00:00.000+07:00');

      // Four working days before the due date: "due soon" only under the amended threshold of 5,
      // so February is judged by the old rule (3) and March by the new.
      const create = async (dueDate: string) =>
        json(await own.as(director.id, '/v1/assignments', { method: 'POST', body: body({ title: 'x', assigneeId: person('specialist', 'it').id, dueDate }), clock: NOW }));
      const inFeb = await create('2027-02-26');
      const inMar = await create('2027-03-31');
      const at = async (id: string, clock: string) => (await json(await own.as(director.id, `/v1/assignments/${id}`, { clock }))).timeliness;
      expect(await at(inFeb.id, '2027-02-22T09:00:00+07:00')).toBe('within-deadline');
      expect(await at(inMar.id, '2027-03-25T09:00:00+07:00')).toBe('due-soon');
      expect(await at(inMar.id, '2027-03-23T09:00:00+07:00')).toBe('within-deadline');
    } finally {
      await own.dispose();
    }
  });
});

describe('another department runs on the same code', () => {
  it('its rulebook seeds its own units and people, and its own authority applies', async () => {
    const { parseRulebook } = await import('../../shared/rulebook/load.js');
    const { laiChau } = await import('../support/other-department.js');
    const other = await createTestApp({ rulebooks: [parseRulebook(laiChau)] });
    try {
      const org = await json(await other.as('tran-quoc-viet', '/v1/org', { clock: NOW }));
      expect(org.id).toBe('so-tu-phap-lai-chau');
      expect(org.units.map((u: any) => [u.id, u.headId])).toEqual([
        ['board', 'giang-a-sinh'],
        ['office', 'tran-quoc-viet'],
      ]);
      const assigned = await other.as('tran-quoc-viet', '/v1/assignments', { method: 'POST', body: body({ title: 'Báo cáo tháng', assigneeId: 'vang-thi-chu', dueDate: '2026-12-10' }), clock: NOW });
      expect(assigned.status).toBe(201);
      // Its own threshold: 5 working days make "due soon" (Sơn La's is 3).
      const a = await json(assigned);
      expect((await json(await other.as('tran-quoc-viet', `/v1/assignments/${a.id}`, { clock: '2026-12-04T09:00:00+07:00' }))).timeliness).toBe('due-soon');
      expect((await other.as('vang-thi-chu', '/v1/assignments', { method: 'POST', body: body({ title: 'x', assigneeId: 'tran-quoc-viet', dueDate: '2026-12-10' }), clock: NOW })).status).toBe(403);
    } finally {
      await other.dispose();
    }
  });
});
