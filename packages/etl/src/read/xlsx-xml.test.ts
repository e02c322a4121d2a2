import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { normaliseCell } from './cell-value';
import { openXlsx } from './xlsx-reader';
import {
  dateStyles,
  ElementScanner,
  isDateFormatCode,
  parseRow,
  type SheetBook,
  stringItemText,
  workbookParts,
  xmlText,
} from './xlsx-xml';

/** The sheet is read one character per byte (xlsx-zip.ts `latin1`): feed the test XML the same way. */
const asRead = (xml: string) => Buffer.from(xml, 'utf8').toString('latin1');

const book: SheetBook = {
  sharedStrings: ['登记编号', '投诉', '富文本'],
  // style 0 General, 1 a date format, 2 a plain number format
  dateStyles: [false, true, false],
  date1904: false,
};

describe('parseRow', () => {
  test('every cell type as Excel shows it', () => {
    const row = parseRow(
      asRead(
        '<row r="7" spans="1:12">' +
          '<c r="A7" t="s"><v>1</v></c>' +
          '<c r="B7" t="str"><v>广州 &amp; 深圳 &lt;店&gt; &#x4E2D;&#25991;</v></c>' +
          '<c r="C7" s="1"><v>45658.5</v></c>' +
          '<c r="D7" s="2"><v>88.5</v></c>' +
          '<c r="E7" t="b"><v>1</v></c>' +
          '<c r="F7" t="e"><v>#N/A</v></c>' +
          '<c r="G7" t="inlineStr"><is><r><t>调解</t></r><r><rPr><b/></rPr><t xml:space="preserve">成功 </t></r>' +
          '<rPh sb="0" eb="2"><t>ちょうてい</t></rPh></is></c>' +
          '<c r="H7" t="str"><f>CONCAT("a","b")</f><v>ab</v></c>' +
          '<c r="I7" s="1"><f>C7+1</f><v>45659.5</v></c>' +
          '<c r="J7" s="1"/>' +
          '<c r="K7" t="str"><v>第一行_x000D_&#13;\r\n第二行 _x005F_x0041_</v></c>' +
          '<c r="L7"><v></v></c>' +
          '</row>',
      ),
      6,
      book,
    );
    expect(row.number).toBe(7);
    expect(row.cells).toEqual([
      '投诉',
      '广州 & 深圳 <店> 中文',
      new Date(Date.UTC(2025, 0, 1, 12)),
      88.5,
      true,
      '#N/A',
      '调解成功 ',
      'ab',
      new Date(Date.UTC(2025, 0, 2, 12)),
      null,
      // _x000D_ and &#13; are carriage returns; a raw CR LF in the XML is one line feed (XML 1.0 §2.11).
      '第一行\r\r\n第二行 _x0041_',
      null,
    ]);
  });

  test('columns from references (sparse rows), else one after another; rows without a number follow the previous', () => {
    const sparse = parseRow(asRead('<row r="3"><c r="C3"><v>1</v></c><c r="AB3"><v>2</v></c></row>'), 2, book);
    expect(sparse.cells.length).toBe(28);
    expect(sparse.cells[2]).toBe(1);
    expect(sparse.cells[27]).toBe(2);
    expect(sparse.cells[0]).toBeUndefined();
    const plain = parseRow(
      asRead('<row><c><v>1</v></c><c t="s"><v>0</v></c><c r="E9"><v>5</v></c><c><v>6</v></c></row>'),
      8,
      book,
    );
    expect(plain.number).toBe(9);
    expect(plain.cells).toEqual([1, '登记编号', undefined, undefined, 5, 6]);
    expect(parseRow(asRead('<row r="12"/>'), 11, book)).toEqual({ number: 12, cells: [] });
  });

  test('any quoting and spacing XML allows, and a namespace prefix', () => {
    const row = parseRow(
      asRead("<x:row r='4'>\n<x:c\n r='B4'  t = 'str' ><x:v>甲</x:v></x:c><x:c r=\"C4\"\ts=\"1\"><x:v>0.25</x:v></x:c></x:row>"),
      3,
      book,
      'x:',
    );
    expect(row).toEqual({ number: 4, cells: [undefined, '甲', new Date(Date.UTC(1899, 11, 30, 6))] });
  });

  test('the 1904 date system and ISO dates', () => {
    const mac = { ...book, date1904: true };
    expect(parseRow(asRead('<row r="2"><c r="A2" s="1"><v>0</v></c></row>'), 1, mac).cells).toEqual([
      new Date(Date.UTC(1904, 0, 1)),
    ]);
    const iso = parseRow(
      asRead('<row r="2"><c r="A2" t="d"><v>2025-03-05T14:03:00</v></c><c t="d"><v>不是日期</v></c></row>'),
      1,
      book,
    );
    expect(iso.cells).toEqual([new Date(Date.UTC(2025, 2, 5, 14, 3)), '不是日期']);
  });
});

describe('ElementScanner', () => {
  test('the same elements whatever the chunking of the part', () => {
    const xml = asRead(
      '<?xml version="1.0"?><worksheet xmlns="…"><sheetData>' +
        '<row r="1"><c r="A1" t="str"><v>登记编号</v></c></row><row r="2"/>' +
        '<row r="3"><c r="A3"><v>3</v></c></row><rowBreaks/></sheetData></worksheet>',
    );
    const whole: string[] = [];
    new ElementScanner('worksheet', 'row').push(xml, (e) => whole.push(e));
    expect(whole).toHaveLength(3);
    for (const size of [1, 2, 3, 7, 50]) {
      const scanner = new ElementScanner('worksheet', 'row');
      const got: string[] = [];
      for (let i = 0; i < xml.length; i += size) scanner.push(xml.slice(i, i + size), (e) => got.push(e));
      expect(got).toEqual(whole);
    }
  });
});

describe('styles, strings and the workbook', () => {
  test('number formats that show a date', () => {
    expect(['yyyy-mm-dd hh:mm:ss', 'yyyy"年"m"月"d"日"', '[$-F800]dddd', 'h:mm AM/PM', 'mm:ss.0'].map(isDateFormatCode)).toEqual(
      Array(5).fill(true),
    );
    expect(['General', '0.00', '#,##0.00 "元"', '[Red]0.00', '0.00E+00', '@', '"yyyy"0', '0\\d'].map(isDateFormatCode)).toEqual(
      Array(8).fill(false),
    );
    const styles =
      '<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="&quot;¥&quot;#,##0.00"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="31"/></cellXfs></styleSheet>';
    expect(dateStyles(styles)).toEqual([false, true, false, true, true]);
    expect(dateStyles(null)).toEqual([]);
  });

  test('shared string items: runs joined, phonetic runs left out', () => {
    expect(stringItemText('<si><t>调解成功</t></si>')).toBe('调解成功');
    expect(stringItemText('<si><r><t>调</t></r><r><rPr/><t xml:space="preserve">解 </t></r><rPh><t>ちょう</t></rPh></si>')).toBe(
      '调解 ',
    );
    expect(stringItemText('<si><t/></si>')).toBe('');
    expect(xmlText('a<![CDATA[<b>&amp;]]>&amp;')).toBe('a<b>&amp;&');
  });

  test('the first sheet in tab order, wherever its part is; the 1904 system', async () => {
    const parts: Record<string, string> = {
      '_rels/.rels':
        '<Relationships><Relationship Id="rId1" Type="http://…/officeDocument" Target="/book/wb.xml"/></Relationships>',
      'book/wb.xml':
        '<workbook><workbookPr date1904="true"/><sheets><sheet name="导出" sheetId="9" r:id="rId7"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'book/_rels/wb.xml.rels':
        '<Relationships><Relationship Id="rId1" Type="http://…/worksheet" Target="sheets/sheet1.xml"/>' +
        '<Relationship Id="rId7" Type="http://…/worksheet" Target="../data/export.xml"/>' +
        '<Relationship Id="rId8" Type="http://…/sharedStrings" Target="strings.xml"/></Relationships>',
    };
    expect(await workbookParts(async (name) => parts[name] ?? null)).toEqual({
      sheet: 'data/export.xml',
      sharedStrings: 'book/strings.xml',
      styles: 'xl/styles.xml',
      date1904: true,
    });
  });
});

describe('openXlsx against exceljs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-reader-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // exceljs's own whole-workbook reader is the reference for cells it reads right (it decodes entities twice in
  // str/inlineStr cells, keeps only the last run of an inline string, and types a formula's cached value as a number).
  test.each([true, false])('the same rows as exceljs reads (shared strings: %s)', async (shared) => {
    const file = path.join(dir, `shared-${shared}.xlsx`);
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: shared, useStyles: true });
    const ws = writer.addWorksheet('导出');
    ws.addRow(['说明：测试']).commit();
    ws.addRow(['登记编号', '登记时间', '涉及金额', '是否公示', '承办单位', '中止天数']).commit();
    for (let i = 0; i < 3000; i++) {
      const row = ws.addRow([
        `44${String(i).padStart(10, '0')}`,
        new Date(Date.UTC(2025, i % 12, 1 + (i % 28), i % 24, i % 60, i % 60)),
        i % 3 === 0 ? i / 4 : `${i}.5`,
        i % 2 === 0,
        `广州市${'天河区'.repeat(i % 4)}市场监督管理局 & “站”`,
        i % 5 === 0 ? null : i % 40,
      ]);
      row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
      row.commit();
    }
    await writer.commit();

    const opened = await openXlsx(file, fs.statSync(file).size);
    const mine: unknown[][] = [];
    for await (const row of opened.rows) mine.push([row.rowNumber, ...opened.headers.map((h) => row.values.get(h) ?? null)]);
    expect(opened.bytesRead()).toBe(opened.size);
    await opened.close();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const expected: unknown[][] = [];
    (wb.worksheets[0] as ExcelJS.Worksheet).eachRow((row, n) => {
      if (n <= 2) return;
      const values = row.values as unknown[];
      expected.push([n, ...opened.headers.map((_, i) => normaliseCell(values[i + 1]) ?? null)]);
    });
    expect(mine).toHaveLength(3000);
    expect(mine).toEqual(expected);
  });
});
