import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { openExport } from '../read';
import { COLUMN_BY_FIELD, type ColumnSpec, mapHeaders, typedCellText } from '../validate';
import { SheetRowsOutOfOrder, sheetCell, sheetLineChunks } from './sheet-lines';

/** A zip of stored parts (enough for yauzl, which reads the central directory). */
function zip(parts: Record<string, Buffer | string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A workbook whose first sheet holds `rows` (the XML of its `<row>` elements, as bytes: any byte can be tested). */
function workbook(rows: Buffer): Buffer {
  return zip({
    '_rels/.rels':
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<workbook><sheets><sheet name="导出" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships><Relationship Id="rId1" Type="http://…/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://…/styles" Target="styles.xml"/></Relationships>',
    'xl/styles.xml': '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>',
    'xl/worksheets/sheet1.xml': Buffer.concat([
      Buffer.from('<worksheet><sheetData>'),
      rows,
      Buffer.from('</sheetData></worksheet>'),
    ]),
  });
}

const HEADER = ['登记编号', '业务类型', '登记时间', '承办单位', '涉及金额', '投诉人姓名', '被诉主体名称', '网购平台'];
const str = (ref: string, text: string) => `<c r="${ref}" t="str"><v>${text}</v></c>`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheet-lines-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every part written for `file`, as rows of fields (TabSeparated unescaped, tagged cells revived). */
async function written(file: string, rowsPerChunk?: number) {
  const opened = await openExport(file);
  const chunks: { rows: number; lines: unknown[][] }[] = [];
  try {
    for await (const chunk of sheetLineChunks(opened, mapHeaders(opened.headers), path.join(dir, 'out'), { rowsPerChunk })) {
      const bytes = fs.readFileSync(chunk.file);
      fs.rmSync(chunk.file);
      // Well-formed UTF-8 throughout: the engine keeps bytes as they are, where the reader decodes.
      const text = bytes.toString('utf8');
      expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
      const lines = text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) =>
          l.split('\t').map((field, i) => {
            const value = field.replace(/\\(.)/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r', '0': '\0' })[c] ?? c);
            return i === 0 ? Number(value) : sheetCell(value);
          }),
        );
      chunks.push({ rows: chunk.rows, lines });
    }
  } finally {
    await opened.close();
  }
  return { headers: opened.headers, chunks };
}

/** What the reader gives for the same file: per row, its number and each mapped header's value as it would be written. */
async function read(file: string) {
  const opened = await openExport(file);
  const mapping = mapHeaders(opened.headers);
  const rows: unknown[][] = [];
  for await (const row of opened.rows) {
    rows.push([
      row.rowNumber,
      ...opened.headers.map((h) => {
        const field = mapping.field.get(h);
        const v = row.values.get(h);
        if (!field || v === null || v === undefined) return '';
        if (typeof v !== 'number' && typeof v !== 'boolean' && !(v instanceof Date)) return v;
        return typedCellText(COLUMN_BY_FIELD.get(field) as ColumnSpec, v) ?? v;
      }),
    ]);
  }
  await opened.close();
  return rows;
}

test('every row as the reader reads it: text copied or decoded, typed cells as text or tagged, personal data left out', async () => {
  const rows = [
    `<row r="3">${HEADER.map((h, i) => str(`${String.fromCharCode(65 + i)}3`, h)).join('')}</row>`,
    // Plain text (copied as written), a date cell, an amount.
    `<row r="4">${str('A4', 'C-1')}${str('B4', '投诉')}<c r="C4" s="1"><v>45658.5</v></c>${str('D4', '广州市天河区市场监督管理局')}<c r="E4"><v>88.5</v></c>${str('F4', '张三')}${str('G4', '某某 "老字号" 店')}${str('H4', '只有\t制表符')}</row>`,
    // Text the field must escape or the reader decodes: a literal tab, line ends, a backslash, markup, OOXML escapes.
    `<row r="5">${str('A5', 'C-2')}${str('B5', '投诉')}${str('C5', '2025-01-02 03:04:05')}${str('D5', '甲\t乙\n丙\r\n丁\\戊')}<c r="E5"><v>12.345</v></c>${str('G5', 'A &amp; B &lt;店&gt; _x000D_ _x005F_x0041_')}</row>`,
    // White space only (ASCII, U+00A0, U+3000), 4-byte characters; a blank row between.
    `<row r="7">${str('A7', 'C-3')}${str('B7', '咨询')}${str('C7', '2025-01-02 03:04:05')}${str('D7', '\u00a0')}${str('G7', '表情😀')}${str('H7', '\u3000 ')}</row>`,
    `<row r="8">${str('A8', '  ')}${str('F8', '\u3000')}</row>`,
    // Only a personal-data cell: a row (rejected later), written without it.
    `<row r="9">${str('F9', '李四')}</row>`,
    '<row r="10"/>',
  ];
  const bytes = Buffer.concat([
    Buffer.from(rows.join('')),
    // Bytes that are no UTF-8: the reader decodes them to U+FFFD, and so must the written text.
    Buffer.from(`<row r="11">${str('A11', 'C-4')}<c r="D11" t="str"><v>`),
    Buffer.from([0xe5, 0xb9, 0xff, 0x41]),
    Buffer.from('</v></c><c r="G11" t="str"><v>'),
    Buffer.from([0x41, 0xff, 0x42]),
    Buffer.from('</v></c></row>'),
  ]);
  const file = path.join(dir, 'shapes.xlsx');
  fs.writeFileSync(file, workbook(bytes));
  const { headers, chunks } = await written(file);
  expect(headers).toEqual(HEADER);
  const lines = chunks.flatMap((c) => c.lines);
  expect(lines).toEqual(await read(file));
  expect(lines.map((l) => l[0])).toEqual([4, 5, 7, 9, 11]);
  // Spot checks of what the comparison covers.
  expect(lines[1]?.[4]).toBe('甲\t乙\n丙\n丁\\戊');
  expect(lines[1]?.[5]).toBe(12.345); // no text reads as this number: tagged, the validator gets the number
  expect(lines[1]?.[7]).toBe('A & B <店> \r _x0041_');
  expect(lines[0]?.[3]).toBe('2025-01-01 12:00:00');
  expect(lines[0]?.[6]).toBe(''); // 投诉人姓名: personal data, never written
  expect(lines[4]?.[4]).toBe('\ufffd\ufffdA');
  expect(lines[4]?.[7]).toBe('A\ufffdB');
  expect(lines[0]?.[8]).toBe('只有\t制表符');
});

test('in parts of a few rows; rows out of order are refused', async () => {
  const rows = Array.from({ length: 7 }, (_, i) => `<row r="${i + 2}">${str(`A${i + 2}`, `C-${i}`)}</row>`).join('');
  const file = path.join(dir, 'parts.xlsx');
  fs.writeFileSync(file, workbook(Buffer.from(`<row r="1">${str('A1', '登记编号')}</row>${rows}`)));
  const { chunks } = await written(file, 3);
  expect(chunks.map((c) => c.rows)).toEqual([3, 3, 1]);
  expect(chunks.flatMap((c) => c.lines)).toEqual(Array.from({ length: 7 }, (_, i) => [i + 2, `C-${i}`]));
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('out'))).toEqual([]);

  const backwards = path.join(dir, 'backwards.xlsx');
  fs.writeFileSync(
    backwards,
    workbook(
      Buffer.from(
        `<row r="1">${str('A1', '登记编号')}</row><row r="5">${str('A5', 'C-5')}</row><row r="4">${str('A4', 'C-4')}</row>`,
      ),
    ),
  );
  await expect(written(backwards)).rejects.toBeInstanceOf(SheetRowsOutOfOrder);
  // The part being written is removed.
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('out'))).toEqual([]);
});
