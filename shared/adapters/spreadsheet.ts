import { ValidationError } from '../domain/errors.js';

export type SheetFormat = 'csv' | 'xlsx';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * What an uploaded spreadsheet may hold (docs/security/uploads.md). The request body itself is
 * capped by the app's body limit (256 KB); these bound what it may unpack to, so a small file
 * can never cost the API Lambda (512 MB) more than a few megabytes.
 */
export interface UploadLimits {
  /** Unpacked bytes of any one entry of an XLSX archive. */
  readonly maxEntryBytes: number;
  /** Unpacked bytes of all entries together. */
  readonly maxUnpackedBytes: number;
  /** Entries in the archive (a workbook has about ten). */
  readonly maxEntries: number;
  /** Data rows after the header. */
  readonly maxRows: number;
  /** Columns of any row. */
  readonly maxColumns: number;
}

export const UPLOAD_LIMITS: UploadLimits = {
  maxEntryBytes: 4 * 1024 * 1024,
  maxUnpackedBytes: 8 * 1024 * 1024,
  maxEntries: 256,
  maxRows: 2000,
  maxColumns: 64,
};

/** Over one of the limits: the API answers 413. */
export class SheetTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetTooLargeError';
  }
}

/**
 * Rows read from the first sheet, keyed by the canonical names of `headers`, where each
 * canonical name lists the header texts that mean it (Vietnamese and English).
 */
export interface SheetRow {
  /** The line in the file (the header is line 1), so errors point where a person can look. */
  readonly line: number;
  readonly values: Record<string, string>;
}

type Cell = string | number | boolean | Date | null | undefined;

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** Excel writes `;`-separated CSV where the decimal separator is a comma (Vietnamese locale): the header line says which. */
export function csvDelimiter(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => header.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

async function csvLines(bytes: Uint8Array, limits: UploadLimits): Promise<{ line: number; cells: Cell[] }[]> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ValidationError('The file is not UTF-8 text: save it from Excel as "CSV UTF-8".', [{ path: 'body', message: 'not UTF-8' }]);
  }
  const { parse } = await import('csv-parse/sync');
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      delimiter: csvDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      // One record past the cap is enough to know the file is over it.
      to: limits.maxRows + 2,
    }) as never;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ValidationError(`The file could not be read as CSV${line ? ` (line ${line})` : ''}.`, [
      { path: line ? `body.rows.${line}` : 'body', message: (error as Error).message },
    ]);
  }
  return records.map(({ record, info, raw }) => ({
    // `lines` counts to the end of the record; a quoted cell may span lines.
    line: info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0),
    cells: record,
  }));
}

async function xlsxLines(bytes: Uint8Array, limits: UploadLimits): Promise<{ line: number; cells: Cell[] }[]> {
  const { checkXlsxArchive } = await import('./spreadsheet-zip.js');
  // Every entry is unpacked once, counted and thrown away, before the reader unpacks anything.
  checkXlsxArchive(bytes, limits);
  const { readSheet: readXlsx } = await import('read-excel-file/universal');
  let data: Cell[][];
  try {
    const copy = bytes.slice().buffer;
    data = (await readXlsx(copy)) as Cell[][];
  } catch {
    throw new ValidationError('The file could not be read as XLSX.', [{ path: 'body', message: 'not a readable xlsx file' }]);
  }
  return data.map((cells, i) => ({ line: i + 1, cells }));
}

/**
 * Reads the first sheet of a CSV (`,` or `;`) or XLSX file. Unknown columns are ignored and
 * blank lines skipped; a header row naming no known column, a file with no data row, or one
 * that cannot be read is a ValidationError naming the line; a file over `limits` is a
 * SheetTooLargeError. The parsing libraries load on the first call, not with the API.
 */
export async function readSheet(
  bytes: Uint8Array,
  format: SheetFormat,
  headers: Record<string, readonly string[]>,
  limits: UploadLimits = UPLOAD_LIMITS,
): Promise<SheetRow[]> {
  if (bytes.byteLength === 0) throw new ValidationError('The file is empty.', [{ path: 'body', message: 'empty file' }]);
  const lines = format === 'xlsx' ? await xlsxLines(bytes, limits) : await csvLines(bytes, limits);
  const lookup = new Map<string, string>();
  for (const [canonical, names] of Object.entries(headers)) {
    for (const name of [canonical, ...names]) lookup.set(name.trim().toLocaleLowerCase('vi'), canonical);
  }
  const expected = Object.entries(headers)
    .map(([canonical, names]) => {
      const name = names[0] ?? canonical;
      return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
    })
    .join(', ');
  const header = lines[0];
  const columns = header?.line === 1 ? header.cells.map((cell) => lookup.get(cellText(cell).toLocaleLowerCase('vi'))) : [];
  if (!columns.some(Boolean)) {
    throw new ValidationError(`Line 1 of the file names no known column; expected some of: ${expected}.`, [
      { path: 'body.rows.1', message: `no known column (expected some of: ${expected})` },
    ]);
  }
  const rows: SheetRow[] = [];
  for (const { line, cells } of lines) {
    if (cells.length > limits.maxColumns) throw new SheetTooLargeError(`Line ${line} has more than ${limits.maxColumns} columns.`);
    if (line === 1) continue;
    const record: Record<string, string> = {};
    cells.forEach((cell, i) => {
      const key = columns[i];
      if (key) record[key] = cellText(cell);
    });
    if (!Object.values(record).some((v) => v !== '')) continue;
    if (rows.length === limits.maxRows) throw new SheetTooLargeError(`The file has more than ${limits.maxRows} rows.`);
    rows.push({ line, values: record });
  }
  if (rows.length === 0) {
    throw new ValidationError('The file has a header on line 1 but no data rows under it.', [
      { path: 'body.rows.2', message: 'no data rows after the header on line 1' },
    ]);
  }
  return rows;
}
