import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { normaliseCell } from './cell-value';
import { currentReadLimits } from './read-limits';
import { openXlsx } from './xlsx-reader';
import { dateStyles, ElementScanner, isDateFormatCode, stringItemText, workbookParts, xmlText } from './xlsx-xml';

describe('ElementScanner', () => {
  test('the same elements whatever the chunking of the part', () => {
    const xml =
      '<?xml version="1.0"?><sst xmlns="…" count="3"><si><t>投诉</t></si><si/><si><r><t>调</t></r><r><t>解</t></r></si></sst>';
    const whole: string[] = [];
    new ElementScanner('sst', 'si').push(xml, (e) => whole.push(e));
    expect(whole.map(stringItemText)).toEqual(['投诉', '', '调解']);
    for (const size of [1, 2, 3, 7, 50]) {
      const scanner = new ElementScanner('sst', 'si');
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

    const opened = await openXlsx(file, fs.statSync(file).size, currentReadLimits());
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
