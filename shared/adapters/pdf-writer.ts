/**
 * A4 PDF documents in the layout of a Vietnamese administrative document: the issuing body and
 * the national motto at the top, the place and date, a heading, then numbered tables that carry
 * their header row over page breaks, and page numbers.
 *
 * pdfkit: maintained, writes PDF itself with few dependencies (fontkit to embed and subset a
 * TrueType font, no native code, nothing deprecated), so Vietnamese text is drawn with a font
 * that has its glyphs (pdf-font-files.ts). Both load with the first PDF, not with the API.
 */
import { readFile } from 'node:fs/promises';
import { pdfFontFile } from './pdf-font-files.js';

export interface PdfTable {
  /** Above the table, bold: '1. Danh hiệu "Lao động tiên tiến"'. */
  readonly caption: string;
  /** Under the caption, smaller: what the table holds, its basis. */
  readonly note?: string;
  readonly headers: readonly string[];
  /** Relative column widths. */
  readonly widths: readonly number[];
  readonly rows: readonly (readonly string[])[];
  /** Written in place of the table when it has no rows. */
  readonly empty: string;
}

export interface PdfDocument {
  readonly info: { readonly title: string; readonly author: string };
  /** Top left: the issuing body (its superior, then itself, bold). */
  readonly issuer: readonly [string, string];
  /** Top right: the national motto (two lines, the second bold). */
  readonly motto: readonly [string, string];
  /** 'Sơn La, ngày 04 tháng 12 năm 2026', right-aligned under the motto. */
  readonly placeAndDate: string;
  readonly heading: string;
  readonly subheading?: string;
  readonly tables: readonly PdfTable[];
  /** Small print at the end (where the figures come from). */
  readonly notes?: readonly string[];
  /** '{page}/{pages}' is replaced. */
  readonly pageLabel: string;
}

const MARGIN = 40;

/** The document's bytes (landscape A4: the tables have many columns). */
export async function writePdf(doc: PdfDocument): Promise<Uint8Array> {
  const [{ default: PDFDocument }, regular, bold] = await Promise.all([import('pdfkit'), readFile(pdfFontFile('regular')), readFile(pdfFontFile('bold'))]);
  const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, bufferPages: true, info: { Title: doc.info.title, Author: doc.info.author }, lang: 'vi-VN', font: pdfFontFile('regular') } as PDFKit.PDFDocumentOptions);
  pdf.registerFont('regular', regular);
  pdf.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;
  const half = width / 2;
  const top = pdf.y;
  // The issuing body (left) and the motto (right), each centred in its half.
  pdf.font('regular').fontSize(11).text(doc.issuer[0], MARGIN, top, { width: half * 0.8, align: 'center' });
  pdf.font('bold').text(doc.issuer[1], { width: half * 0.8, align: 'center' });
  const leftEnd = pdf.y;
  pdf.font('bold').fontSize(11).text(doc.motto[0], MARGIN + half * 0.8, top, { width: width - half * 0.8, align: 'center' });
  pdf.font('bold').text(doc.motto[1], { width: width - half * 0.8, align: 'center' });
  pdf.y = Math.max(leftEnd, pdf.y) + 8;
  pdf.font('regular').fontSize(11).text(doc.placeAndDate, MARGIN + half * 0.8, pdf.y, { width: width - half * 0.8, align: 'center', oblique: true });
  pdf.moveDown(1.2);
  pdf.font('bold').fontSize(14).text(doc.heading, MARGIN, pdf.y, { width, align: 'center' });
  if (doc.subheading) pdf.font('regular').fontSize(11).text(doc.subheading, { width, align: 'center' });
  pdf.moveDown(1);

  for (const table of doc.tables) drawTable(pdf, table, width);
  if (doc.notes?.length) {
    pdf.moveDown(0.5);
    for (const n of doc.notes) pdf.font('regular').fontSize(8.5).fillColor('#444444').text(n, MARGIN, pdf.y, { width });
    pdf.fillColor('black');
  }
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Below the bottom margin: without this pdfkit would open a page for the label.
    pdf.page.margins.bottom = 0;
    const label = doc.pageLabel.replace('{page}', String(i + 1)).replace('{pages}', String(range.count));
    pdf.font('regular').fontSize(8).text(label, MARGIN, pdf.page.height - MARGIN + 10, { width, align: 'right', lineBreak: false });
  }
  pdf.end();
  return done;
}

function drawTable(pdf: PDFKit.PDFDocument, table: PdfTable, width: number): void {
  const bottom = pdf.page.height - MARGIN - 10;
  if (pdf.y + 60 > bottom) pdf.addPage();
  pdf.font('bold').fontSize(11.5).text(table.caption, MARGIN, pdf.y, { width });
  if (table.note) pdf.font('regular').fontSize(9).fillColor('#333333').text(table.note, { width }).fillColor('black');
  pdf.moveDown(0.3);
  if (table.rows.length === 0) {
    pdf.font('regular').fontSize(10).text(table.empty, MARGIN, pdf.y, { width });
    pdf.moveDown(1);
    return;
  }
  const total = table.widths.reduce((a, b) => a + b, 0);
  const widths = table.widths.map((w) => (w / total) * width);
  const pad = 3;
  const heightOf = (cells: readonly string[], font: 'regular' | 'bold', size: number) => {
    pdf.font(font).fontSize(size);
    return Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: readonly string[], font: 'regular' | 'bold', size: number, fill?: string) => {
    const h = heightOf(cells, font, size);
    const y = pdf.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (fill) pdf.rect(x, y, w, h).fill(fill).fillColor('black');
      pdf.rect(x, y, w, h).lineWidth(0.5).stroke('#555555');
      pdf.font(font).fontSize(size).text(cell, x + pad, y + pad, { width: w - 2 * pad, align: font === 'bold' ? 'center' : 'left' });
      x += w;
    });
    pdf.x = MARGIN;
    pdf.y = y + h;
  };
  const header = () => drawRow(table.headers, 'bold', 9, '#eeeeee');
  header();
  for (const row of table.rows) {
    if (pdf.y + heightOf(row, 'regular', 9.5) > bottom) {
      pdf.addPage();
      header();
    }
    drawRow(row, 'regular', 9.5);
  }
  pdf.moveDown(1);
}
