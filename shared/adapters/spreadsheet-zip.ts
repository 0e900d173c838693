import { inflateRawSync } from 'node:zlib';
import { Parser } from 'saxen';
import { ValidationError } from '../domain/errors.js';
import { SheetTooLargeError, type UploadLimits } from './spreadsheet.js';

/**
 * The zip-bomb guard of XLSX uploads. It reads the archive's central directory the way fflate's
 * unzip (under read-excel-file) does, so it checks exactly the entries the reader will unpack;
 * refuses declared sizes over the limits at once; then unpacks every entry with zlib capped at
 * the room left (declared sizes can lie), and counts the rows and columns in every XML part.
 * Memory stays within the limits (a few megabytes) whatever the archive claims or holds.
 */

const u16 = (d: Uint8Array, at: number) => d[at]! | (d[at + 1]! << 8);
const u32 = (d: Uint8Array, at: number) => (d[at]! | (d[at + 1]! << 8) | (d[at + 2]! << 16) | (d[at + 3]! << 24)) >>> 0;

function unreadable(why: string): ValidationError {
  return new ValidationError('The file could not be read as XLSX.', [{ path: 'body', message: `not a readable xlsx file (${why})` }]);
}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly dataStart: number;
}

function centralDirectory(data: Uint8Array, limits: UploadLimits): Entry[] {
  if (data.length < 22 || u32(data, 0) !== 0x04034b50) throw unreadable('not a zip archive');
  let end = data.length - 22;
  while (u32(data, end) !== 0x06054b50) {
    if (end === 0 || data.length - end > 65558) throw unreadable('no end of central directory');
    end -= 1;
  }
  const count = u16(data, end + 8);
  let at = u32(data, end + 16);
  if (end >= 20 && u32(data, end - 20) === 0x07064b50) throw unreadable('ZIP64 archives are not accepted');
  if (count > limits.maxEntries) throw new SheetTooLargeError(`The workbook has ${count} parts; at most ${limits.maxEntries} are accepted.`);
  const entries: Entry[] = [];
  let declaredTotal = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > data.length || u32(data, at) !== 0x02014b50) throw unreadable('damaged central directory');
    const nameLength = u16(data, at + 28);
    const extraLength = u16(data, at + 30);
    const commentLength = u16(data, at + 32);
    const compressedSize = u32(data, at + 20);
    const declaredSize = u32(data, at + 24);
    const offset = u32(data, at + 42);
    const name = new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLength));
    if (offset + 30 > data.length) throw unreadable(`entry ${name} lies outside the file`);
    const dataStart = offset + 30 + u16(data, offset + 26) + u16(data, offset + 28);
    if (dataStart + compressedSize > data.length) throw unreadable(`entry ${name} lies outside the file`);
    if (declaredSize > limits.maxEntryBytes) {
      throw new SheetTooLargeError(`The workbook part ${name} unpacks to ${declaredSize} bytes; at most ${limits.maxEntryBytes} are accepted.`);
    }
    declaredTotal += declaredSize;
    if (declaredTotal > limits.maxUnpackedBytes) {
      throw new SheetTooLargeError(`The workbook unpacks to more than ${limits.maxUnpackedBytes} bytes.`);
    }
    entries.push({ name, method: u16(data, at + 10), compressedSize, declaredSize, dataStart });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const cellAddress = (ref: string | undefined) => {
  const m = ref ? /^([A-Z]{1,3})(\d+)$/.exec(ref) : null;
  return m ? { column: [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(m[2]) } : undefined;
};

/**
 * Counts the rows and columns of a worksheet with the SAX parser the reader uses (saxen): a row
 * number or cell address far down or right would make the reader build a huge empty grid, so
 * addresses are capped as well as counts. Throws at the first limit crossed.
 */
function checkWorksheet(name: string, xml: string, limits: UploadLimits): void {
  const tooLarge = (what: string) => new SheetTooLargeError(`The workbook part ${name} has ${what}.`);
  const lastRow = limits.maxRows + 1;
  let rows = 0;
  let cellsInRow = 0;
  const parser = new Parser();
  parser.on('openTag', (element, attributes) => {
    const tag = element.slice(element.indexOf(':') + 1);
    if (tag === 'row') {
      rows += 1;
      cellsInRow = 0;
      if (rows > lastRow || Number(attributes().r ?? 0) > lastRow) throw tooLarge(`more than ${limits.maxRows} rows under its header`);
    } else if (tag === 'c') {
      cellsInRow += 1;
      const at = cellAddress(attributes().r);
      if (cellsInRow > limits.maxColumns || (at && at.column > limits.maxColumns)) throw tooLarge(`a row of more than ${limits.maxColumns} columns`);
      if (at && at.row > lastRow) throw tooLarge(`more than ${limits.maxRows} rows under its header`);
    }
  });
  parser.on('error', (error) => {
    throw unreadable(`${name} is not well-formed XML: ${error.message}`);
  });
  parser.parse(xml);
}

export function checkXlsxArchive(data: Uint8Array, limits: UploadLimits): void {
  let total = 0;
  for (const entry of centralDirectory(data, limits)) {
    if (entry.method !== 0 && entry.method !== 8) throw unreadable(`entry ${entry.name} uses compression method ${entry.method}`);
    const packed = data.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const room = Math.min(limits.maxEntryBytes, limits.maxUnpackedBytes - total);
    const overflow = () =>
      room < limits.maxEntryBytes
        ? new SheetTooLargeError(`The workbook unpacks to more than ${limits.maxUnpackedBytes} bytes.`)
        : new SheetTooLargeError(`The workbook part ${entry.name} unpacks to more than ${limits.maxEntryBytes} bytes.`);
    let unpacked: Uint8Array;
    if (entry.method === 0) {
      unpacked = packed;
    } else {
      try {
        // zlib stops as soon as the output passes the room left, whatever the archive declared.
        unpacked = inflateRawSync(packed, { maxOutputLength: room + 1 });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw overflow();
        throw unreadable(`entry ${entry.name} is damaged`);
      }
    }
    if (unpacked.byteLength > room) throw overflow();
    total += unpacked.byteLength;
    // Every XML part, not only xl/worksheets/: the workbook's relationships may name any part as a sheet.
    if (/\.xml$/i.test(entry.name)) checkWorksheet(entry.name, new TextDecoder().decode(unpacked), limits);
  }
}
