import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { EXPORT_HEADERS } from './columns';
import { generateExport } from './generate-export';
import type { GenerateOptions } from './generate-options';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = { rows: 800, seed: 'bytes', from: '2025-10', to: '2025-12', provinceCode: '440000' } as const;
const run = (o: Partial<GenerateOptions> & { out: string }) => generateExport({ ...base, format: 'csv', ...o });

test('same seed → identical bytes (CSV and JSON Lines); another seed → different bytes', async () => {
  const a = path.join(dir, 'a.csv');
  const b = path.join(dir, 'b.csv');
  const c = path.join(dir, 'c.csv');
  await run({ out: a });
  await run({ out: b });
  await run({ out: c, seed: 'other' });
  expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
  expect(fs.readFileSync(a).equals(fs.readFileSync(c))).toBe(false);
  await run({ out: path.join(dir, 'a.jsonl'), format: 'jsonl' });
  await run({ out: path.join(dir, 'b.jsonl'), format: 'jsonl' });
  expect(fs.readFileSync(path.join(dir, 'a.jsonl')).equals(fs.readFileSync(path.join(dir, 'b.jsonl')))).toBe(true);
});

test('UTF-8 CSV: BOM, RFC 4180, the contract headers, one record per row', async () => {
  const out = path.join(dir, 'utf8.csv');
  const result = await run({ out });
  const buf = fs.readFileSync(out);
  expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(buf.subarray(3), { relax_column_count: false }) as string[][];
  expect(records[0]).toEqual([...EXPORT_HEADERS]);
  expect(records).toHaveLength(result.rows + 1);
  expect(result.rows).toBe(800);
  // Values with commas are quoted (e.g. "1,234.50" or 客体类别 "商品-烟、酒、饮料" survive the round trip).
  const amounts = records.slice(1).map((r) => r[EXPORT_HEADERS.indexOf('涉及金额')] as string);
  expect(amounts.some((a) => a.includes(','))).toBe(true);
});

test('GBK CSV decodes with iconv-lite into the same rows as the UTF-8 file', async () => {
  const gbk = path.join(dir, 'gbk.csv');
  const utf8 = path.join(dir, 'same.csv');
  await run({ out: gbk, encoding: 'gbk' });
  await run({ out: utf8 });
  const raw = fs.readFileSync(gbk);
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(raw)).toThrow();
  const decoded = iconv.decode(raw, 'gbk');
  expect(decoded.startsWith('登记编号,')).toBe(true);
  expect(decoded).toBe(fs.readFileSync(utf8, 'utf8').replace(/^\uFEFF/, ''));
});

test('JSON Lines: Chinese keys, empty values left out, fake personal data only', async () => {
  const out = path.join(dir, 'rows.jsonl');
  await run({ out, format: 'jsonl' });
  const lines = fs
    .readFileSync(out, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string>);
  expect(lines).toHaveLength(800);
  expect(Object.keys(lines[0] as object)).toContain('登记编号');
  expect(lines.every((l) => Object.values(l).every((v) => v !== ''))).toBe(true);
  const phones = lines.map((l) => l.联系电话).filter(Boolean);
  expect(phones.every((p) => /^1\d{2}\*{4}\d{4}$/.test(p as string))).toBe(true);
  const names = lines.map((l) => l.投诉人姓名).filter(Boolean);
  expect(names.length).toBeGreaterThan(150);
  expect(names.every((n) => /^.某某?$/.test(n as string))).toBe(true);
});

test('XLSX: header row, dates both as Excel date cells and as text', async () => {
  const out = path.join(dir, 'rows.xlsx');
  await run({ out, format: 'xlsx', rows: 400 });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_HEADERS]);
  expect(ws.rowCount).toBe(401);
  const regCol = EXPORT_HEADERS.indexOf('登记时间') + 1;
  const values = Array.from({ length: 400 }, (_, i) => ws.getRow(i + 2).getCell(regCol).value);
  const dates = values.filter((v): v is Date => v instanceof Date);
  expect(dates.length).toBeGreaterThan(150);
  expect(values.filter((v) => typeof v === 'string').length).toBeGreaterThan(150);
  // Wall-clock time survives: a date cell reads back as the same Asia/Shanghai clock time, inside the range.
  const iso = (dates[0] as Date).toISOString();
  expect(iso >= '2025-10-01' && iso < '2026-01-01').toBe(true);
});

test('versions file: later versions of cases of the main file, with newer 更新时间 and progress', async () => {
  const out = path.join(dir, 'main.jsonl');
  const versionsOut = path.join(dir, 'later.jsonl');
  const result = await run({ out, versionsOut, format: 'jsonl', rows: 3000 });
  const read = (p: string) =>
    fs
      .readFileSync(p, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
  const main = new Map(read(out).map((r) => [r.登记编号, r]));
  const later = read(versionsOut);
  expect(later).toHaveLength(result.casesWithLaterVersion);
  expect(later.length).toBeGreaterThan(20);
  const norm = (s: string) => s.replace(/\//g, '-').replace(/-(\d)(?=\D)/g, '-0$1');
  for (const v of later) {
    const m = main.get(v.登记编号) as Record<string, string>;
    expect(m).toBeDefined();
    expect(norm(v.更新时间 as string) > norm(m.更新时间 as string)).toBe(true);
    const { 更新时间: _a, ...restLater } = v;
    const { 更新时间: _b, ...restMain } = m;
    expect(restLater).not.toEqual(restMain);
  }
  expect(later.some((v) => main.get(v.登记编号)?.处理状态 !== '已办结' && v.处理状态 === '已办结')).toBe(true);
});
