import ExcelJS from 'exceljs';

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

function workbookOf(sheets: readonly SheetData[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quy chế tracker';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...sheet.headers]);
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map(safeCell));
    sheet.headers.forEach((h, i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.min(40, Math.max(10, h.length + 2, ...sheet.rows.map((r) => String(r[i] ?? '').length + 2)));
      const format = sheet.numberFormats?.[i];
      if (format) column.numFmt = format;
    });
  }
  return workbook;
}

/** UTF-8 with a byte-order mark, so Excel opens the Vietnamese headers right; the first sheet only. */
export async function writeCsv(sheet: SheetData): Promise<Uint8Array> {
  const buffer = await workbookOf([sheet]).csv.writeBuffer({ sheetName: sheet.name, formatterOptions: { writeBOM: true } } as never);
  return new Uint8Array(buffer as ArrayBuffer);
}

export async function writeXlsx(sheets: readonly SheetData[]): Promise<Uint8Array> {
  const buffer = await workbookOf(sheets).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
