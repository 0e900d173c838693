import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';

export type SheetFormat = 'csv' | 'xlsx';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return String(value.result ?? '');
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/**
 * Reads the first sheet of a CSV or XLSX file (exceljs reads both) into rows keyed by the
 * canonical names of `headers`, where each canonical name lists the header texts that mean it
 * (Vietnamese and English). Unknown columns are ignored; blank lines are skipped.
 */
export interface SheetRow {
  /** The line in the file (the header is line 1), so errors point where a person can look. */
  readonly line: number;
  readonly values: Record<string, string>;
}

export async function readSheet(bytes: Uint8Array, format: SheetFormat, headers: Record<string, readonly string[]>): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  if (format === 'xlsx') {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    sheet = workbook.worksheets[0];
  } else {
    // Excel saves CSV with a byte-order mark; it is not part of the first header.
    const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
    sheet = await workbook.csv.read(Readable.from([text]));
  }
  if (!sheet) return [];
  const lookup = new Map<string, string>();
  for (const [canonical, names] of Object.entries(headers)) {
    for (const name of [canonical, ...names]) lookup.set(name.trim().toLocaleLowerCase('vi'), canonical);
  }
  const columns: (string | undefined)[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    columns[col] = lookup.get(cellText(cell.value).trim().toLocaleLowerCase('vi'));
  });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const record: Record<string, string> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const key = columns[col];
      if (key) record[key] = cellText(cell.value).trim();
    });
    if (Object.values(record).some((v) => v !== '')) rows.push({ line: number, values: record });
  });
  return rows;
}
