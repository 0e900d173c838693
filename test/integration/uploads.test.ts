/**
 * Issue 18, items 2 and 3: the staff import authorises before it reads the body, caps what a
 * file may unpack to, reads `;` CSV, and never calls an unreadable file valid. Real app, real
 * DynamoDB Local; the zip bomb is measured in a server process of its own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import readXlsxFile from 'read-excel-file/universal';
import { readSheet, SheetTooLargeError, UPLOAD_LIMITS, XLSX_TYPE } from '../../shared/adapters/spreadsheet.js';
import { writeCsv, writeXlsx } from '../../shared/adapters/spreadsheet-writer.js';
import { STAFF_IMPORT_COLUMNS } from '../../shared/services/organisation-admin-service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { zipBombXlsx } from '../support/zip-bomb.js';

let t: TestApp;
let scratch: string;
beforeAll(async () => {
  t = await createTestApp();
  scratch = mkdtempSync(join(tmpdir(), 'uploads-test-'));
});
afterAll(async () => {
  await t?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const NOW = '2026-11-26T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const chiefOfOffice = person('chief-of-office');
const specialist = person('specialist', 'it');
const director = person('director');

const importAs = (staffId: string, body: NonNullable<RequestInit['body']>, type: string, dryRun = false) =>
  t.as(staffId, `/v1/admin/staff/import?dryRun=${dryRun}`, {
    method: 'POST',
    body,
    headers: { 'content-type': type },
    clock: NOW,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit & { clock: string });

/** A body of `bytes` bytes made only when read, that records how much was read. */
function recordingBody(bytes: number) {
  const seen = { pulls: 0, bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulls += 1;
        if (seen.bytes >= bytes) return controller.close();
        seen.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

describe('authorisation comes before the body is read', () => {
  it('a specialist’s import is 403 and not one byte of the body is pulled, whatever its size or type', async () => {
    for (const [type, size] of [[XLSX_TYPE, 1024], ['text/csv', 10 * 1024 * 1024]] as const) {
      const { stream, seen } = recordingBody(size);
      const before = await t.countItems();
      const res = await importAs(specialist.id, stream, type);
      expect(res.status, type).toBe(403);
      expect((await json(res)).type).toMatch(/forbidden/);
      expect(seen, type).toEqual({ pulls: 0, bytes: 0 });
      expect(await t.countItems()).toBe(before);
    }
  });

  it('for the chief of office the same streamed body is read, and over the body limit it is 413', async () => {
    const { stream, seen } = recordingBody(1024 * 1024);
    const res = await importAs(chiefOfOffice.id, stream, 'text/csv');
    expect(res.status).toBe(413);
    expect((await json(res)).status).toBe(413);
    expect(seen.pulls).toBeGreaterThan(0);
    expect(seen.bytes).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
  });
});

describe('limits', () => {
  it('a 200 MB zip bomb is 413 in well under a second, and the server’s peak memory barely moves, even when the archive lies about its size', async () => {
    const honest = await zipBombXlsx(200 * 1024 * 1024);
    const liar = await zipBombXlsx(200 * 1024 * 1024, { declaredBytes: 2048 });
    const paths = [honest, liar].map((bomb, i) => {
      expect(bomb.byteLength).toBeLessThan(256 * 1024);
      const path = join(scratch, `bomb-${i}.xlsx`);
      writeFileSync(path, bomb);
      return path;
    });
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/support/upload-memory-probe.ts'], {
      env: {
        ...process.env,
        PROBE_ENDPOINT: inject('dynamoEndpoint'),
        PROBE_TABLE: t.table.tableName,
        PROBE_ORG: t.orgId,
        PROBE_STAFF: chiefOfOffice.id,
        PROBE_FILES: paths.join(','),
        PROBE_TYPE: XLSX_TYPE,
      },
      timeout: 60_000,
    });
    const probe = JSON.parse(stdout.trim().split('\n').at(-1)!);
    console.info('zip bombs', probe.files.map((f: any) => ({ fileKB: Math.round(f.fileBytes / 1024), ms: Math.round(f.ms), maxRssDeltaMB: Math.round(f.maxRssDeltaMB) })));
    expect(probe.warmStatus).toBe(200);
    const [declared, lying] = probe.files;
    expect(JSON.parse(declared.body)).toMatchObject({ status: 413, detail: expect.stringMatching(/sheet1\.xml unpacks to \d+ bytes; at most 4194304/) });
    // Declared small, the part is unpacked and stopped at the cap.
    expect(JSON.parse(lying.body)).toMatchObject({ status: 413, detail: expect.stringMatching(/sheet1\.xml unpacks to more than 4194304 bytes/) });
    for (const f of probe.files) {
      expect(f.status).toBe(413);
      expect(f.ms).toBeLessThan(1000);
    }
    expect(probe.totalMaxRssDeltaMB).toBeLessThan(64);
  }, 120_000);

  it(`more than ${UPLOAD_LIMITS.maxRows} rows is 413, as CSV and as XLSX, and nothing is written`, async () => {
    const rows = Array.from({ length: UPLOAD_LIMITS.maxRows + 1 }, (_, i) => [`Người ${i}`, 'it', 'specialist']);
    const sheet = { name: 'Cán bộ', headers: ['Họ và tên', 'Đơn vị', 'Vai trò'], rows };
    const before = await t.countItems();
    for (const [type, file] of [['text/csv', await writeCsv(sheet)], [XLSX_TYPE, await writeXlsx([sheet])]] as const) {
      expect(file.byteLength).toBeLessThan(256 * 1024);
      const res = await importAs(chiefOfOffice.id, file as never, type);
      expect(res.status, type).toBe(413);
      expect((await json(res)).detail, type).toMatch(/more than 2000 rows/);
    }
    expect(await t.countItems()).toBe(before);
  });

  it('a cell addressed far to the right or far down is 413 before the reader builds its grid', async () => {
    const { unzipSync, zipSync, strFromU8, strToU8 } = await import('fflate');
    const parts = unzipSync(await writeXlsx([{ name: 'Cán bộ', headers: ['Họ và tên'], rows: [['Lò Văn A']] }]));
    for (const [from, to] of [[/r="A2"/, 'r="XFD2"'], [/<row r="2"/, '<row r="1048576"']] as const) {
      const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
      expect(sheet).toMatch(from);
      const file = zipSync({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(sheet.replace(from, to).replace(/r="A2"/, 'r="A1048576"')) });
      const res = await importAs(chiefOfOffice.id, file as never, XLSX_TYPE, true);
      expect(res.status, to).toBe(413);
    }
    // The same sheet stored outside xl/worksheets/, which the workbook's relationships may name.
    const moved = (text: string) => text.replaceAll('worksheets/sheet1.xml', 'data.xml');
    const { 'xl/worksheets/sheet1.xml': sheet, ...rest } = parts;
    const hidden = zipSync({
      ...rest,
      'xl/_rels/workbook.xml.rels': strToU8(moved(strFromU8(parts['xl/_rels/workbook.xml.rels']!))),
      '[Content_Types].xml': strToU8(moved(strFromU8(parts['[Content_Types].xml']!))),
      'xl/data.xml': strToU8(strFromU8(sheet!).replace(/<row r="2"/, '<row r="1048576"').replace(/r="A2"/, 'r="XFD1048576"')),
    });
    const res = await importAs(chiefOfOffice.id, hidden as never, XLSX_TYPE, true);
    expect(res.status).toBe(413);
    expect((await json(res)).detail).toMatch(/xl\/data\.xml/);
  });

  it('the reader takes exactly the row cap and no more', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`Người ${i}`]);
    const at = await readSheet(await writeXlsx([{ name: 'S', headers: ['Họ và tên'], rows: rows(UPLOAD_LIMITS.maxRows) }]), 'xlsx', STAFF_IMPORT_COLUMNS);
    expect(at).toHaveLength(UPLOAD_LIMITS.maxRows);
    expect(at.at(-1)).toEqual({ line: UPLOAD_LIMITS.maxRows + 1, values: { name: `Người ${UPLOAD_LIMITS.maxRows - 1}` } });
    await expect(readSheet(await writeCsv({ name: 'S', headers: ['Họ và tên'], rows: rows(UPLOAD_LIMITS.maxRows + 1) }), 'csv', STAFF_IMPORT_COLUMNS)).rejects.toBeInstanceOf(SheetTooLargeError);
  });
});

describe('what the file holds', () => {
  const semicolonCsv =
    '\uFEFFMã;Họ và tên;Đơn vị;Vai trò;Thư điện tử\r\n' +
    'lo-van-son;Lò Văn Sơn;it;Chuyên viên;son@sonla.gov.vn\r\n' +
    // Two roles in one cell, with a comma inside the quotes; neither needs the director's approval (issue #18, item 4).
    ';Cầm Thị Hoa;press;"Chuyên viên, Thủ quỹ";\r\n';

  it('a ;-separated CSV, as Excel saves it in a Vietnamese locale, imports its rows', async () => {
    const dry = await json(await importAs(chiefOfOffice.id, semicolonCsv, 'text/csv', true));
    expect(dry).toMatchObject({ dryRun: true, valid: true, imported: 0 });
    expect(dry.rows.map((r: any) => [r.line, r.ok])).toEqual([[2, true], [3, true]]);
    const real = await importAs(chiefOfOffice.id, semicolonCsv, 'text/csv');
    expect(real.status).toBe(200);
    expect(await json(real)).toMatchObject({ valid: true, imported: 2 });
    const org = await json(await t.as(director.id, '/v1/org', { clock: NOW }));
    expect(org.staff.find((s: any) => s.id === 'lo-van-son')).toMatchObject({ name: 'Lò Văn Sơn', unitId: 'it', roles: ['specialist'] });
    expect(org.staff.find((s: any) => s.id === 'cam-thi-hoa')).toMatchObject({ unitId: 'press', roles: ['specialist', 'treasurer'] });
  });

  it('a header that names no known column is 400 naming line 1, and nothing is written', async () => {
    for (const [type, file] of [
      ['text/csv', 'Tên,Phòng ban\nLò Văn A,it\n'],
      ['text/csv', 'Mã|Họ và tên|Đơn vị\nx|Lò Văn A|it\n'],
      [XLSX_TYPE, await writeXlsx([{ name: 'S', headers: ['Tên', 'Phòng'], rows: [['Lò Văn A', 'it']] }])],
    ] as const) {
      const before = await t.countItems();
      const res = await importAs(chiefOfOffice.id, file as never, type);
      expect(res.status, String(file)).toBe(400);
      const problem = await json(res);
      expect(problem.detail).toMatch(/^Line 1 of the file names no known column/);
      expect(problem.errors).toEqual([{ path: 'body.rows.1', message: expect.stringContaining('Họ và tên') }]);
      expect(problem).not.toHaveProperty('valid');
      expect(await t.countItems()).toBe(before);
    }
  });

  it('a file with a header and no data rows is 400, never valid', async () => {
    for (const [type, file] of [
      ['text/csv', '\uFEFFMã,Họ và tên,Đơn vị\n\n\n'],
      [XLSX_TYPE, await writeXlsx([{ name: 'S', headers: ['Mã', 'Họ và tên', 'Đơn vị'], rows: [] }])],
    ] as const) {
      const res = await importAs(chiefOfOffice.id, file as never, type, true);
      expect(res.status, type).toBe(400);
      expect((await json(res)).errors).toEqual([{ path: 'body.rows.2', message: 'no data rows after the header on line 1' }]);
    }
  });

  it('an unreadable file is 400 naming the body, never valid: true', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const latin = new Uint8Array([...new TextEncoder().encode('Họ và tên,Đơn vị\n'), 0x4c, 0xf2, 0x20, 0x56, 0xe3, 0x6e, 0x2c, 0x69, 0x74, 0x0a]);
    for (const [type, file] of [
      [XLSX_TYPE, new TextEncoder().encode('Họ và tên,Đơn vị\nLò Văn A,it\n')],
      [XLSX_TYPE, zipSync({ 'notes.txt': strToU8('not a workbook') })],
      [XLSX_TYPE, new Uint8Array(0)],
      ['text/csv', latin],
    ] as const) {
      const res = await importAs(chiefOfOffice.id, file as never, type, true);
      expect(res.status, `${type} ${file.byteLength}`).toBe(400);
      const problem = await json(res);
      expect(problem.valid).toBeUndefined();
      expect(problem.errors[0].path).toBe('body');
    }
  });
});

describe('files the app writes open in the reader', () => {
  it('an XLSX written with Vietnamese text, numbers and formula-like text reads back cell for cell', async () => {
    const file = await writeXlsx([
      { name: 'Đánh giá 2026-11', headers: ['Mã cán bộ', 'Họ và tên', 'Tỷ lệ đúng hạn (%)'], rows: [['a', 'Nguyễn Thị Ngọc Ánh', 87.5], ['b', '=HYPERLINK("x")', null]], numberFormats: { 2: '0.0' } },
      { name: 'Ghi chú', headers: ['Mục', 'Nội dung'], rows: [['Kỳ', 'Tuần 49/2026']] },
    ]);
    const sheets = await readXlsxFile(file.slice().buffer);
    expect(sheets.map((s) => s.sheet)).toEqual(['Đánh giá 2026-11', 'Ghi chú']);
    expect(sheets[0]!.data).toEqual([
      ['Mã cán bộ', 'Họ và tên', 'Tỷ lệ đúng hạn (%)'],
      ['a', 'Nguyễn Thị Ngọc Ánh', 87.5],
      ['b', `'=HYPERLINK("x")`, null],
    ]);
    expect(sheets[1]!.data).toEqual([['Mục', 'Nội dung'], ['Kỳ', 'Tuần 49/2026']]);
  });

  it('a CSV written with commas and quotes in cells reads back through the import reader', async () => {
    const csv = await writeCsv({ name: 'S', headers: ['Họ và tên', 'Vai trò'], rows: [['Hà Thị "Xuân"', 'Chuyên viên, Văn thư – Lưu trữ']] });
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await readSheet(csv, 'csv', STAFF_IMPORT_COLUMNS)).toEqual([{ line: 2, values: { name: 'Hà Thị "Xuân"', roles: 'Chuyên viên, Văn thư – Lưu trữ' } }]);
  });
});
