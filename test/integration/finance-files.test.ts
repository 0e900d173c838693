/**
 * Evidence files on finance records (issue #22): a settlement's dossier, the monthly reports and
 * the payroll keep the accountant's or treasurer's uploads with their SHA-256, in the record and its
 * history; whoever may read finance records downloads them, anyone else gets 404; a replay attaches
 * nothing twice; a bad upload id is 422 naming `body.files.N` and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { download, SCAN_PDF, sha256, uploaded } from '../support/uploads.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const CLOCK = '2026-11-20T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const accountant = person('accountant');
const treasurer = person('treasurer');
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const officeSpecialist = person('specialist', 'office');
const itHead = person('head', 'it');

const post = (as: string, path: string, b: unknown, headers: Record<string, string> = {}) =>
  t.as(as, path, { method: 'POST', body: JSON.stringify(b), clock: CLOCK, headers });

describe('a settlement (F3) keeps the dossier’s files', () => {
  let settlementId: string;
  let scan: { id: string };
  const voucher = Buffer.from('Phiếu chi số 118/PC — thanh toán hội nghị chuyển đổi số');

  it('recorded with its scan: the file with its hash in the record and in its history', async () => {
    scan = await uploaded(t, accountant.id, SCAN_PDF, 'ho-so-HS-2026-118.pdf');
    const init = { dossierRef: 'HS-2026-118', completeOn: '2026-11-18', files: [scan.id] };
    const res = await post(accountant.id, '/v1/finance/settlements', init, { 'idempotency-key': 'stl-118' });
    expect(res.status).toBe(201);
    const created = await json(res);
    settlementId = created.id;
    expect(created.files).toEqual([
      expect.objectContaining({ id: scan.id, name: 'ho-so-HS-2026-118.pdf', type: 'application/pdf', size: SCAN_PDF.length, sha256: sha256(SCAN_PDF), uploadedBy: accountant.id }),
    ]);
    const history = await json(await t.as(director.id, `/v1/audit?entityId=${settlementId}`, { clock: CLOCK }));
    expect(history.items[0]).toMatchObject({ action: 'settlement-recorded', data: { files: [expect.objectContaining({ id: scan.id, sha256: sha256(SCAN_PDF) })] } });
    expect((await json(await t.as(accountant.id, `/v1/finance/settlements/${settlementId}`, { clock: CLOCK }))).files[0].sha256).toBe(sha256(SCAN_PDF));
  });

  it('the same Idempotency-Key again answers the first settlement and attaches nothing twice', async () => {
    const before = await t.countItems();
    const again = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-2026-118', completeOn: '2026-11-18', files: [scan.id] }, { 'idempotency-key': 'stl-118' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).files.map((f: any) => f.id)).toEqual([scan.id]);
    expect(await t.countItems()).toBe(before);
  });

  it('those who read finance records download it; anyone else gets 404 as for no file', async () => {
    for (const who of [director.id, chiefOfOffice.id, accountant.id]) {
      const got = await download(t, who, scan.id);
      expect(got.status).toBe(303);
      expect(got.bytes!.equals(SCAN_PDF)).toBe(true);
    }
    expect((await download(t, officeSpecialist.id, scan.id)).status).toBe(404);
    expect((await download(t, itHead.id, scan.id)).status).toBe(404);
  });

  it('a file added later (the voucher) joins the list; the same request again adds nothing', async () => {
    const v = await uploaded(t, accountant.id, voucher, 'phieu-chi-118.txt', 'text/plain');
    const res = await post(accountant.id, `/v1/finance/settlements/${settlementId}/files`, { files: [v.id] });
    expect(res.status).toBe(200);
    const withVoucher = await json(res);
    expect(withVoucher.files.map((f: any) => f.name)).toEqual(['ho-so-HS-2026-118.pdf', 'phieu-chi-118.txt']);
    expect(withVoucher.version).toBe(2);
    const before = await t.countItems();
    const again = await post(accountant.id, `/v1/finance/settlements/${settlementId}/files`, { files: [v.id] });
    expect(again.status).toBe(200);
    expect((await json(again)).version).toBe(2);
    expect(await t.countItems()).toBe(before);
    const history = await json(await t.as(director.id, `/v1/audit?entityId=${settlementId}`, { clock: CLOCK }));
    expect(history.items.find((e: any) => e.action === 'files-added').data.files).toEqual([expect.objectContaining({ id: v.id, sha256: sha256(voucher) })]);
    // Settling keeps the files.
    const settled = await json(await t.as(accountant.id, `/v1/finance/settlements/${settlementId}`, { method: 'PATCH', body: JSON.stringify({ settledOn: '2026-11-20' }), clock: CLOCK }));
    expect(settled.files).toHaveLength(2);
  });

  it('someone who may not keep settlements cannot add files: 404 (may not read) or 403, nothing written', async () => {
    const mine = await uploaded(t, officeSpecialist.id, Buffer.from('x'), 'x.txt', 'text/plain');
    const before = await t.countItems();
    expect((await post(officeSpecialist.id, `/v1/finance/settlements/${settlementId}/files`, { files: [mine.id] })).status).toBe(404);
    expect(await t.countItems()).toBe(before);
  });

  it('an upload that is not the caller’s, or none at all: 422 naming body.files.N, and nothing is written', async () => {
    const others = await uploaded(t, treasurer.id, Buffer.from('quỹ'), 'quy.txt', 'text/plain');
    const mine = await uploaded(t, accountant.id, Buffer.from('hồ sơ 119'), 'hs-119.txt', 'text/plain');
    const before = await t.countItems();
    const res = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-2026-119', completeOn: '2026-11-18', files: [mine.id, others.id, '01JNOSUCHUPLOAD00000000000'] });
    expect(res.status).toBe(422);
    expect((await json(res)).errors.map((e: any) => e.path)).toEqual(['body.files.1', 'body.files.2']);
    expect(await t.countItems()).toBe(before);
    // The refused request left the caller's own upload pending: it still serves the retry.
    const retry = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-2026-119', completeOn: '2026-11-18', files: [mine.id] });
    expect(retry.status).toBe(201);
    // An upload already kept by another record is refused too.
    const reused = await post(accountant.id, '/v1/finance/settlements', { dossierRef: 'HS-2026-120', completeOn: '2026-11-18', files: [mine.id] });
    expect(reused.status).toBe(422);
    expect((await json(reused)).errors[0].path).toBe('body.files.0');
  });
});

describe('monthly reports and the payroll keep files too', () => {
  it('the treasurer’s cash report keeps its spreadsheet; a resubmission keeps the list and adds to it', async () => {
    const sheet = Buffer.from('PK\u0003\u0004 so quy tien mat thang 10');
    const s = await uploaded(t, treasurer.id, sheet, 'so-quy-10.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const first = await json(await post(treasurer.id, '/v1/finance/monthly-reports', { kind: 'cash', month: '2026-10', content: 'Tồn quỹ cuối tháng', files: [s.id] }));
    expect(first.files).toEqual([expect.objectContaining({ id: s.id, sha256: sha256(sheet) })]);
    const second = await json(await post(treasurer.id, '/v1/finance/monthly-reports', { kind: 'cash', month: '2026-10', content: 'Tồn quỹ cuối tháng (sửa)' }));
    expect(second.version).toBe(2);
    expect(second.files.map((f: any) => f.id)).toEqual([s.id]);
    expect((await download(t, chiefOfOffice.id, s.id)).status).toBe(303);
    expect((await download(t, officeSpecialist.id, s.id)).status).toBe(404);
    const history = await json(await t.as(director.id, `/v1/audit?entityId=${first.id}`, { clock: CLOCK }));
    expect(history.items.find((e: any) => e.version === 1).data.files[0].sha256).toBe(sha256(sheet));
  });

  it('the payroll keeps the signed pay sheet', async () => {
    const sheet = Buffer.from('%PDF-1.4 bang luong thang 11');
    const s = await uploaded(t, accountant.id, sheet, 'bang-luong-11.pdf');
    const res = await post(accountant.id, '/v1/finance/payroll', { month: '2026-11', paidOn: '2026-11-12', files: [s.id] });
    expect(res.status).toBe(201);
    expect((await json(res)).files[0]).toMatchObject({ id: s.id, sha256: sha256(sheet) });
    // A second payroll for the month is 409 before any file is taken: the upload stays pending.
    const s2 = await uploaded(t, accountant.id, sheet, 'bang-luong-11b.pdf');
    expect((await post(accountant.id, '/v1/finance/payroll', { month: '2026-11', paidOn: '2026-11-12', files: [s2.id] })).status).toBe(409);
    expect((await download(t, director.id, s2.id)).status).toBe(404);
  });
});
