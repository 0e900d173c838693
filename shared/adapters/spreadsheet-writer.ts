/**
 * CSV with csv-stringify, XLSX with write-excel-file (both maintained; write-excel-file needs only
 * fflate). Each library loads on the first export, not with the API (cold start).
 */
export type Cell = string | number | null;

export interface SheetData {
  /** The worksheet's name (at most 31 characters, none of : \ / ? * [ ]). */
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Number formats by column index, for XLSX (e.g. '0.0'). */
  readonly numberFormats?: Readonly<Record<number, string>>;
}

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) is written as text, so a
 * name typed into the records can never run in the reader's spreadsheet (CSV injection).
 */
export function safeCell(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function columnWidths(sheet: SheetData): { width: number }[] {
  return sheet.headers.map((h, i) => ({
    width: Math.min(40, Math.max(10, h.length + 2, ...sheet.rows.map((r) => String(r[i] ?? '').length + 2))),
  }));
}

/** UTF-8 with a byte-order mark, so Excel opens the Vietnamese headers right; the first sheet only. */
export async function writeCsv(sheet: SheetData): Promise<Uint8Array> {
  const { stringify } = await import('csv-stringify/sync');
  const text = stringify([[...sheet.headers], ...sheet.rows.map((row) => row.map(safeCell))], { bom: true });
  return new TextEncoder().encode(text);
}

/** One worksheet per sheet: a bold, frozen header row, column widths, number formats by column. */
export async function writeXlsx(sheets: readonly SheetData[]): Promise<Uint8Array> {
  const { default: writeExcelFile } = await import('write-excel-file/node');
  const buffer = await writeExcelFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      stickyRowsCount: 1,
      columns: columnWidths(sheet),
      data: [
        sheet.headers.map((h) => ({ value: h, fontWeight: 'bold' as const })),
        ...sheet.rows.map((row) =>
          row.map((cell, i) => {
            const value = safeCell(cell);
            const format = sheet.numberFormats?.[i];
            return typeof value === 'number' && format ? { value, format } : value;
          }),
        ),
      ],
    })),
  ).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
