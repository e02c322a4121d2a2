import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ExportReadError } from './export-read-error';
import type { RawRow } from './export-types';
import { openExport } from './open-export';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-export-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function readAll(file: string): Promise<{ headers: string[]; rows: RawRow[]; encoding: string | null }> {
  const opened = await openExport(file);
  const rows: RawRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  await opened.close();
  return { headers: opened.headers, rows, encoding: opened.encoding };
}

async function readError(file: string): Promise<ExportReadError> {
  try {
    await openExport(file);
  } catch (err) {
    if (err instanceof ExportReadError) return err;
    throw err;
  }
  throw new Error('expected an ExportReadError');
}

describe('openExport: files that cannot be read at all', () => {
  it('NOT_FOUND names the file in Chinese and English', async () => {
    const err = await readError(path.join(dir, 'nope.csv'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('文件不存在');
    expect(err.message).toContain('file not found');
    expect(err.message).toContain('nope.csv');
  });

  it('UNSUPPORTED_FORMAT for a .txt file', async () => {
    const err = await readError(write('cases.txt', '登记编号\nA\n'));
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toContain('cases.txt');
  });

  it('NO_HEADER for a CSV without 登记编号', async () => {
    const err = await readError(write('no-header.csv', '编号,业务类型\nA,投诉\n'));
    expect(err.code).toBe('NO_HEADER');
    expect(err.message).toContain('登记编号');
  });

  it('NO_HEADER for an empty CSV and for JSON Lines without a case id key', async () => {
    expect((await readError(write('empty.csv', ''))).code).toBe('NO_HEADER');
    expect((await readError(write('x.jsonl', '{"kind":"投诉"}\n'))).code).toBe('NO_HEADER');
  });

  it('UNREADABLE for an .xlsx that is not a workbook', async () => {
    expect((await readError(write('broken.xlsx', 'this is not a zip file'))).code).toBe('UNREADABLE');
  });
});

describe('CSV reading', () => {
  it('finds the header below title lines; rows are numbered as a spreadsheet shows them', async () => {
    const file = write('title.csv', '投诉数据导出\n\n登记编号,业务类型\nA,投诉\n\nB,举报\n');
    const { headers, rows } = await readAll(file);
    expect(headers).toEqual(['登记编号', '业务类型']);
    // line 1 title, line 2 blank, line 3 header, line 4 A, line 5 blank, line 6 B
    expect(rows.map((r) => [r.rowNumber, r.values.get('登记编号')])).toEqual([
      [4, 'A'],
      [6, 'B'],
    ]);
  });

  it('a stray quote is kept as text, and later rows still load', async () => {
    const { rows } = await readAll(write('quotes.csv', '登记编号,被诉主体名称\nA,x\nB,"bad"x\nC,某某"牌"酒\nD,y\n'));
    expect(rows.map((r) => [r.rowNumber, r.values.get('被诉主体名称'), r.readError])).toEqual([
      [2, 'x', undefined],
      [3, '"bad"x', undefined],
      [4, '某某"牌"酒', undefined],
      [5, 'y', undefined],
    ]);
  });

  it('a quote never closed is one read error (it runs to the end of the file)', async () => {
    const { rows } = await readAll(write('unclosed.csv', '登记编号,业务类型\nA,投诉\nB,"unclosed\nC,咨询\n'));
    expect(rows.map((r) => [r.rowNumber, r.readError ? 'ERROR' : r.values.get('登记编号')])).toEqual([
      [2, 'A'],
      [3, 'ERROR'],
    ]);
  });

  it('a row with a wrong column count keeps its number and case id', async () => {
    const { rows } = await readAll(write('count.csv', '登记编号,业务类型,处理状态\nA,投诉\nB,投诉,处理中,多余\n'));
    expect(rows.map((r) => [r.rowNumber, r.values.get('登记编号'), r.readError?.reasonEn])).toEqual([
      [2, 'A', 'row has 2 columns, header has 3'],
      [3, 'B', 'row has 4 columns, header has 3'],
    ]);
  });

  it('detects GB18030 even when the first megabyte is plain ASCII', async () => {
    const ascii = `case_id,kind\n${'A0000001,x\n'.repeat(110_000)}`; // ~1.2 MB of ASCII
    const file = write('late-gbk.csv', Buffer.concat([Buffer.from(ascii), iconv.encode('Z1,投诉𠮷\n', 'gb18030')]));
    const opened = await openExport(file);
    expect(opened.encoding).toBe('gb18030');
    let last: RawRow | undefined;
    let count = 0;
    for await (const row of opened.rows) {
      last = row;
      count += 1;
    }
    expect(count).toBe(110_001);
    expect(last?.rowNumber).toBe(110_002);
    expect(last?.values.get('kind')).toBe('投诉𠮷');
    expect(opened.bytesRead()).toBe(opened.size);
  }, 60_000);

  it('plain UTF-8 without BOM is UTF-8; close() mid-file ends the stream', async () => {
    const opened = await openExport(write('utf8.csv', '登记编号,业务类型\nA,投诉\nB,举报\n'));
    expect(opened.encoding).toBe('utf-8');
    for await (const row of opened.rows) {
      expect(row.values.get('业务类型')).toBe('投诉');
      break;
    }
    await opened.close();
  });
});

describe('JSON Lines reading', () => {
  it('numbers rows by line, skips blank lines, keeps JSON types, flags non-objects', async () => {
    const file = write(
      'a.ndjson',
      '\uFEFF{"case_id":"A","amount_involved":12.5,"online_purchase":true}\n\n  \nnot json\n42\r\n{"case_id":"B","extra":null}\n',
    );
    const { headers, rows, encoding } = await readAll(file);
    expect(encoding).toBe('utf-8-bom');
    expect(headers).toEqual(['case_id', 'amount_involved', 'online_purchase', 'extra']);
    expect(rows.map((r) => [r.rowNumber, r.readError ? r.readError.reasonEn : r.values.get('case_id')])).toEqual([
      [1, 'A'],
      [4, 'line is not valid JSON'],
      [5, 'line is not a JSON object'],
      [6, 'B'],
    ]);
    expect(rows[0]?.values.get('amount_involved')).toBe(12.5);
    expect(rows[0]?.values.get('online_purchase')).toBe(true);
  });
});

describe('XLSX reading', () => {
  // Regression (from when exceljs read the sheets): each inflated chunk of the sheet XML was decoded on its own, so a
  // 3-byte character cut at a chunk boundary read as "��" (a valid 办结结果 was rejected). Our reader keeps bytes
  // across chunks (xlsx-rows.ts); the shared strings are decoded as a stream.
  it.each([false, true])('keeps every Chinese character across chunk boundaries (shared strings: %s)', async (shared) => {
    const file = path.join(dir, `cut-${shared}.xlsx`);
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: shared });
    const sheet = book.addWorksheet('案件');
    sheet.addRow(['登记编号', '办结结果']).commit();
    const expected: string[] = [];
    for (let i = 0; i < 400; i++) {
      // 3-byte characters only, lengths varying so that the boundaries fall at every offset within a character.
      const text = '调解成功'.repeat(40 + (i % 7)) + '𠮷'.repeat(i % 3);
      expected.push(text);
      sheet.addRow([`C${i}`, text]).commit();
    }
    await book.commit();
    const { rows } = await readAll(file);
    expect(rows.map((r) => r.values.get('办结结果'))).toEqual(expected);
  });
});
