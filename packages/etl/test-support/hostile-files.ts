/**
 * Hostile and broken export files (issue 13 §1), built by the tests and by bench/hostile-files.ts, never checked in:
 * a minimal ZIP writer (stored or deflated entries, optionally lying sizes) for forged workbooks, and builders of the
 * big files, written in chunks so building them costs no memory.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** The entry's bytes; or a generator of chunks, deflated as they come (a bomb needs no memory to build). */
  data: Buffer | string | (() => Iterable<Buffer>);
  /** Declare this uncompressed size in the headers instead of the real one (a lying zip). */
  declaredSize?: number;
}

/** Write a ZIP (deflate, no ZIP64: entries below 4 GiB) to `file`. */
export function writeZip(file: string, entries: ZipEntry[]): void {
  const fd = fs.openSync(file, 'w');
  let offset = 0;
  const write = (b: Buffer) => {
    fs.writeSync(fd, b);
    offset += b.length;
  };
  const central: Buffer[] = [];
  try {
    for (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8');
      const chunks = typeof entry.data === 'function' ? entry.data() : [Buffer.from(entry.data)];
      // Each chunk deflated on its own, ending in a sync flush (no final bit), then one final empty block: a valid
      // deflate stream built without holding the inflated data.
      const out: Buffer[] = [];
      let crc = 0;
      let size = 0;
      for (const chunk of chunks) {
        crc = zlib.crc32(chunk, crc);
        size += chunk.length;
        out.push(zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
      }
      out.push(zlib.deflateRawSync(Buffer.alloc(0)));
      const compressed = Buffer.concat(out);
      const declared = entry.declaredSize ?? size;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(compressed.length, 18);
      local.writeUInt32LE(declared, 22);
      local.writeUInt16LE(name.length, 26);
      const localOffset = offset;
      write(local);
      write(name);
      write(compressed);
      const dir = Buffer.alloc(46);
      dir.writeUInt32LE(0x02014b50, 0);
      dir.writeUInt16LE(20, 4);
      dir.writeUInt16LE(20, 6);
      dir.writeUInt16LE(0x0800, 8);
      dir.writeUInt16LE(8, 10);
      dir.writeUInt32LE(crc >>> 0, 16);
      dir.writeUInt32LE(compressed.length, 20);
      dir.writeUInt32LE(declared, 24);
      dir.writeUInt16LE(name.length, 28);
      dir.writeUInt32LE(localOffset, 42);
      central.push(dir, name);
    }
    const dirOffset = offset;
    const dirBytes = Buffer.concat(central);
    write(dirBytes);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(dirBytes.length, 12);
    end.writeUInt32LE(dirOffset, 16);
    write(end);
  } finally {
    fs.closeSync(fd);
  }
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Column letters of a 0-based index: 0 → A, 16383 → XFD. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet row of inline strings. */
export function inlineRow(rowNumber: number, cells: readonly string[]): string {
  const cs = cells.map((v, i) => `<c r="${columnLetters(i)}${rowNumber}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`);
  return `<row r="${rowNumber}">${cs.join('')}</row>`;
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** The parts of a one-sheet workbook around `sheet` (and a shared-string part when given). */
export function workbookEntries(
  sheet: ZipEntry['data'],
  options: { sharedStrings?: ZipEntry['data']; sheetName?: string; sheetTarget?: string; sheetDeclaredSize?: number } = {},
): ZipEntry[] {
  const sheetName = options.sheetName ?? 'xl/worksheets/sheet1.xml';
  const entries: ZipEntry[] = [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${options.sheetTarget ?? 'worksheets/sheet1.xml'}"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    },
    {
      // Style 1 shows a date and time (built-in format 22): `<c s="1">` holds an Excel serial.
      name: 'xl/styles.xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>',
    },
    { name: sheetName, data: sheet, declaredSize: options.sheetDeclaredSize },
  ];
  if (options.sharedStrings) entries.push({ name: 'xl/sharedStrings.xml', data: options.sharedStrings });
  return entries;
}

/** A sheet's XML from its rows' XML. */
export function sheetXml(rows: readonly string[]): string {
  return `${SHEET_HEAD}${rows.join('')}${SHEET_TAIL}`;
}

/** Chunks of a sheet of `bytes` bytes or more: the head, then `row` repeated, then the tail. */
export function* repeatedSheet(row: string, bytes: number): Iterable<Buffer> {
  yield Buffer.from(SHEET_HEAD);
  const block = Buffer.from(row.repeat(Math.max(1, Math.floor((1 << 20) / row.length))));
  for (let written = 0; written < bytes; written += block.length) yield block;
  yield Buffer.from(SHEET_TAIL);
}

/** Chunks of a shared-string table of `bytes` bytes or more (one string item repeated). */
export function* repeatedSharedStrings(bytes: number): Iterable<Buffer> {
  yield Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
  );
  const block = Buffer.from('<si><t>登记编号</t></si>'.repeat(32_768));
  for (let written = 0; written < bytes; written += block.length) yield block;
  yield Buffer.from('</sst>');
}

/** `header` then `bytes` bytes of `fill` with no line end: a broken export, or the wrong file picked. */
export function writeHeaderThen(file: string, header: string, fill: number, bytes: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, Buffer.from(`${header}\n`));
    const block = Buffer.alloc(1 << 20, fill);
    for (let written = 0; written < bytes; written += block.length)
      fs.writeSync(fd, block, 0, Math.min(block.length, bytes - written));
  } finally {
    fs.closeSync(fd);
  }
}
