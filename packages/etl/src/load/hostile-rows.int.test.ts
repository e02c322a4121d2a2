/**
 * Broken rows and odd files that still load (issue 13 §1): each through both load paths (in the engine, then row by
 * row, on one store: the second load of a file changes nothing) with the same rejects — row, column, reason in Chinese
 * and English — and the same counts; the store unchanged by a file refused whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { columnLetters, inlineRow, sheetXml, workbookEntries, writeZip } from '../../test-support/hostile-files';
import { generateExport } from '../generate';
import { openStores, type Stores } from '../runtime';
import { type LoadSummary, loadFile } from './file-loader';

let dir: string;
let stores: Stores;
let header: string[];
let rows: string[][];
const loadTime = new Date('2026-04-30T12:00:00+08:00');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-hostile-rows-'));
  const { loadConfig } = await import('@c12315/store');
  stores = await openStores(loadConfig({ DATA_DIR: path.join(dir, 'data') }));
  const base = path.join(dir, 'base.csv');
  await generateExport({
    rows: 60,
    seed: 'rows',
    from: '2026-01',
    to: '2026-03',
    provinceCode: '140000',
    format: 'csv',
    out: base,
    dirtyShare: 0,
  });
  const all = parse(fs.readFileSync(base, 'utf8').replace(/^\uFEFF/, '')) as string[][];
  header = all[0] as string[];
  rows = all.slice(1);
}, 120_000);

afterAll(async () => {
  await stores.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const col = (name: string) => {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
};

function csvFile(name: string, body: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

const csvText = (head: string[], body: string[][], eol = '\n') => stringify([head, ...body], { record_delimiter: eol });

/** Both paths: the same rejects file and counts; returns the engine-side summary and the rejects' lines. */
async function bothPaths(file: string): Promise<{ summary: LoadSummary; rejects: string[] }> {
  const out: { summary: LoadSummary; text: string }[] = [];
  for (const rowByRow of [false, true]) {
    const rejectsDir = path.join(dir, `${path.basename(file)}-${rowByRow ? 'rows' : 'engine'}`);
    fs.mkdirSync(rejectsDir);
    const summary = await loadFile(stores, file, { runBy: 'test', loadTime, rejectsDir, rowByRow });
    const text = summary.rejectFile ? fs.readFileSync(summary.rejectFile, 'utf8') : '';
    out.push({ summary, text });
  }
  const [engine, rowByRow] = out as [{ summary: LoadSummary; text: string }, { summary: LoadSummary; text: string }];
  expect(rowByRow.text).toEqual(engine.text);
  expect({ rowsRead: rowByRow.summary.rowsRead, rejected: rowByRow.summary.rejected }).toEqual({
    rowsRead: engine.summary.rowsRead,
    rejected: engine.summary.rejected,
  });
  return {
    summary: engine.summary,
    rejects: engine.text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
      .slice(1),
  };
}

test('a cell over the cell size limit is rejected naming its row, column and the limit; the other rows load', async () => {
  const body = rows.slice(0, 10).map((r) => [...r]);
  (body[2] as string[])[col('承办单位')] = '局'.repeat(40_000);
  const { summary, rejects } = await bothPaths(csvFile('long-cell.csv', csvText(header, body)));
  expect(summary.rowsRead).toBe(10);
  expect(rejects).toEqual([
    expect.stringMatching(
      /^4,[^,]+,承办单位,单元格超过 32767 个字符的上限（ETL_MAX_CELL_CHARS）,cell longer than the limit of 32767 characters \(ETL_MAX_CELL_CHARS\)$/,
    ),
  ]);
  expect(summary.inEngine).toBe(true);
});

test('numbers 1e309 and -0, a date in the year 10000, a BOM inside a row: rejected naming the column', async () => {
  const body = rows.slice(10, 20).map((r) => [...r]);
  (body[0] as string[])[col('涉及金额')] = '1e309';
  (body[1] as string[])[col('涉及金额')] = '-0';
  (body[2] as string[])[col('登记时间')] = '10000-01-01 09:00:00';
  (body[3] as string[])[col('登记编号')] = `\uFEFF${(body[3] as string[])[col('登记编号')]}`;
  const { summary, rejects } = await bothPaths(csvFile('numbers.csv', csvText(header, body)));
  expect(summary.rowsRead).toBe(10);
  const byRow = new Map(rejects.map((l) => [Number(l.split(',')[0]), l]));
  expect(byRow.get(2)).toMatch(/,涉及金额,/);
  expect(byRow.get(4)).toMatch(/,登记时间,/);
  // A BOM before a case id is white space to the validator (as String.prototype.trim): the row loads, on both paths.
  expect(byRow.has(5)).toBe(false);
  // -0 is an amount of zero: loaded, or refused with a reason — the same on both paths (checked above).
  for (const line of rejects) expect(line.split(',').length).toBeGreaterThanOrEqual(5);
});

test('mixed line endings, duplicate and missing headers, header only, an empty file', async () => {
  const mixed = rows.slice(20, 26).map((r) => stringify([r]).trimEnd());
  const text = `${stringify([header]).trimEnd()}\n${mixed.slice(0, 3).join('\r\n')}\n${mixed.slice(3).join('\n')}\r\n`;
  const m = await bothPaths(csvFile('mixed-eol.csv', text));
  expect(m.summary.rowsRead).toBe(6);

  const dupHeader = [...header, '登记编号'];
  const dup = await bothPaths(
    csvFile(
      'duplicate-header.csv',
      csvText(
        dupHeader,
        rows.slice(26, 30).map((r) => [...r, 'OTHER']),
      ),
    ),
  );
  expect(dup.summary.rowsRead).toBe(4);
  expect(dup.summary.rejected).toBe(0); // the first 登记编号 column is read

  const without = header.map((_, i) => i).filter((i) => header[i] !== '业务类型');
  const missing = await bothPaths(
    csvFile(
      'missing-header.csv',
      csvText(
        without.map((i) => header[i] as string),
        rows.slice(30, 33).map((r) => without.map((i) => r[i] as string)),
      ),
    ),
  );
  expect(missing.summary.rejected).toBe(3);
  expect(missing.rejects[0]).toMatch(/,业务类型,缺少必填列,required column is missing from the header$/);

  const only = await bothPaths(csvFile('header-only.csv', csvText(header, [])));
  expect(only.summary).toMatchObject({ rowsRead: 0, rejected: 0, inserted: 0 });
  await expect(loadFile(stores, csvFile('empty.csv', ''), { runBy: 'test', loadTime })).rejects.toThrow(
    /\[?找不到含“登记编号”的表头行/,
  );
});

test('invalid UTF-8 and GBK byte sequences: every row read, each loaded or rejected, the same on both paths', async () => {
  const good = Buffer.from(csvText(header, rows.slice(33, 43)));
  const at = good.indexOf(Buffer.from(rows[36]?.[col('承办单位')] ?? ''));
  const broken = Buffer.concat([good.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3]), good.subarray(at)]);
  // Not valid UTF-8, so read as GB18030 (case-export.md §Files): its header no longer reads 登记编号, the file is
  // refused whole and nothing is recorded.
  await expect(loadFile(stores, csvFile('invalid-utf8.csv', broken), { runBy: 'test', loadTime })).rejects.toThrow(
    /找不到含“登记编号”的表头行：invalid-utf8.csv \/ no header row containing 登记编号/,
  );

  const gbk = path.join(dir, 'gbk.csv');
  await generateExport({
    rows: 40,
    seed: 'gbk',
    from: '2026-01',
    to: '2026-03',
    provinceCode: '140000',
    format: 'csv',
    encoding: 'gbk',
    out: gbk,
    dirtyShare: 0,
  });
  const bytes = fs.readFileSync(gbk);
  const lines: Buffer[] = [];
  for (let start = 0, i = 0; start < bytes.length; i++) {
    const end = bytes.indexOf(0x0a, start);
    const line = bytes.subarray(start, end < 0 ? bytes.length : end + 1);
    // Every other data row: a lone lead byte and an undefined byte inside it.
    lines.push(
      i > 0 && i % 2 === 0 ? Buffer.concat([line.subarray(0, 30), Buffer.from([0x81, 0x20, 0xff]), line.subarray(30)]) : line,
    );
    start = end < 0 ? bytes.length : end + 1;
  }
  const invalid = await bothPaths(csvFile('invalid-gbk.csv', Buffer.concat(lines)));
  expect(invalid.summary.rowsRead).toBe(40);
  expect(invalid.summary.rejected).toBeGreaterThan(0);
});

test('XLSX: formula cells, an Excel serial date beyond 9999, 1e309 and -0: read as Excel shows them, the same on both paths', async () => {
  const sheetRows = [inlineRow(1, header)];
  const picked = rows.slice(43, 48);
  picked.forEach((r, k) => {
    const n = k + 2;
    let xml = inlineRow(n, r);
    const cell = (name: string, inner: string, attrs = '') => {
      const ref = `${columnLetters(col(name))}${n}`;
      xml = xml.replace(
        new RegExp(`<c r="${ref}" t="inlineStr"><is><t>[^<]*</t></is></c>`),
        `<c r="${ref}"${attrs}>${inner}</c>`,
      );
    };
    if (k === 0) cell('承办单位代码', `<f>TEXT(140105,"0")</f><v>${r[col('承办单位代码')]}</v>`, ' t="str"');
    if (k === 1) cell('登记时间', '<v>3000000.5</v>', ' s="1"');
    if (k === 2) cell('涉及金额', '<f>1/0</f><v>1e309</v>');
    if (k === 3) cell('涉及金额', '<v>-0</v>');
    sheetRows.push(xml);
  });
  const file = path.join(dir, 'cells.xlsx');
  writeZip(file, workbookEntries(sheetXml(sheetRows)));
  const { summary, rejects } = await bothPaths(file);
  expect(summary.rowsRead).toBe(5);
  const byRow = new Map(rejects.map((l) => [Number(l.split(',')[0]), l]));
  expect(byRow.has(2)).toBe(false); // a formula's cached value is what the sheet shows
  expect(byRow.get(3)).toMatch(/,登记时间,/);
  expect(byRow.get(4)).toMatch(/,涉及金额,/);
});
