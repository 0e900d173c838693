/**
 * Hostile XLSX files for the upload tests: a real workbook (written by the app's own writer)
 * whose first worksheet is replaced by a part that unpacks to `unpackedBytes`, streamed through
 * zlib so the test never holds the unpacked part in memory. `declaredBytes` lets the archive lie
 * about the unpacked size, as an attacker would to slip past a check of the declared sizes.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { writeXlsx } from '../../shared/adapters/spreadsheet-writer.js';

interface Part {
  readonly name: string;
  readonly packed: Uint8Array;
  readonly crc: number;
  readonly size: number;
  readonly declared: number;
}

async function deflatedRepeat(head: string, filler: Uint8Array, times: number, tail: string): Promise<{ packed: Uint8Array; crc: number; size: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = crc32(head);
  let size = Buffer.byteLength(head);
  deflate.write(head);
  for (let i = 0; i < times; i += 1) {
    crc = crc32(filler, crc);
    size += filler.byteLength;
    if (!deflate.write(filler)) await new Promise((r) => deflate.once('drain', r));
  }
  crc = crc32(tail, crc);
  size += Buffer.byteLength(tail);
  deflate.end(tail);
  await done;
  return { packed: new Uint8Array(Buffer.concat(out)), crc, size };
}

function zip(parts: readonly Part[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.packed.byteLength, 18);
    local.writeUInt32LE(p.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(p.crc >>> 0, 16);
    header.writeUInt32LE(p.packed.byteLength, 20);
    header.writeUInt32LE(p.declared, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(p.packed));
    central.push(header, name);
    offset += 30 + name.length + p.packed.byteLength;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, directory, end]));
}

async function deflated(name: string, data: Uint8Array): Promise<Part> {
  const part = await deflatedRepeat('', data, 1, '');
  return { name, ...part, declared: part.size };
}

const bombs = new Map<number, Promise<{ packed: Uint8Array; crc: number; size: number }>>();

/** A workbook whose first worksheet unpacks to about `unpackedBytes` of whitespace inside <sheetData>. */
export async function zipBombXlsx(unpackedBytes: number, options: { declaredBytes?: number } = {}): Promise<Uint8Array> {
  const base = unzipSync(await writeXlsx([{ name: 'Cán bộ', headers: ['Mã', 'Họ và tên'], rows: [['a', 'A']] }]));
  if (!bombs.has(unpackedBytes)) {
    const filler = new Uint8Array(1 << 20).fill(0x20);
    bombs.set(
      unpackedBytes,
      deflatedRepeat(
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
        filler,
        Math.ceil(unpackedBytes / filler.byteLength),
        '</sheetData></worksheet>',
      ),
    );
  }
  const bomb = await bombs.get(unpackedBytes)!;
  const parts: Part[] = [];
  for (const [name, data] of Object.entries(base)) {
    parts.push(name === 'xl/worksheets/sheet1.xml' ? { name, ...bomb, declared: options.declaredBytes ?? bomb.size } : await deflated(name, data));
  }
  return zip(parts);
}
