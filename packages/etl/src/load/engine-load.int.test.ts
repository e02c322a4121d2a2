/**
 * The engine-side load (engine/, engine-sql.ts) against the row-by-row load of the same files into
 * the same store: every column of every stored case and case_versions entry, the reject files byte for byte, and
 * the summary counts. Generated files carry every dirty-row kind of the generator, warnings, later versions (newer,
 * unchanged and conflicting rows) and cases whose due dates fall in the provisional calendar year 2027 (stored, marked).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@c12315/store';
import { openTestClickHouse, type TestClickHouse } from '@c12315/store/test-support/clickhouse-test-path';
import ExcelJS from 'exceljs';
import { generateExport } from '../generate';
import { openStores, type Stores } from '../runtime';
import { type LoadSummary, loadFile } from './file-loader';

// After the generated months and their later versions (no rule-6 rejects but the dirty rows'), before 2027 ends.
const loadTime = new Date('2027-06-30T12:00:00+08:00');
let dir: string;
let stores: Stores;
let clickhouse: TestClickHouse;
/**
 * On the server path (CLICKHOUSE_TEST_PATH=http, CLICKHOUSE_TEST_URL) `stores` is the server store, and the engine-side
 * load there (the file streamed to the server: engine/input.ts) is also compared with the embedded one's, on an
 * embedded store of its own in this process. Null on the embedded path.
 */
let embedded: Stores | null = null;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-engine-load-'));
  clickhouse = await openTestClickHouse(path.join(dir, 'store'));
  stores = await openStores({ ...loadConfig({ DATA_DIR: path.join(dir, 'store') }), clickhouseUrl: clickhouse.url });
  clickhouse.assertTaken(stores.ch);
  if (clickhouse.path !== 'embedded') embedded = await openStores(loadConfig({ DATA_DIR: path.join(dir, 'embedded') }));
});

afterAll(async () => {
  await stores.close();
  await embedded?.close();
  await clickhouse.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function text(query: string, on: Stores = stores): Promise<string> {
  return (await on.ch.query({ query, format: 'TabSeparated' })).text();
}

/** Everything stored but the load id (a ledger number): cases under FINAL and the current case_versions. */
async function storeDump(on: Stores): Promise<{ cases: string; versions: string }> {
  return {
    cases: await text('SELECT * EXCEPT (load_id) FROM cases FINAL ORDER BY case_id', on),
    versions: await text('SELECT * EXCEPT (load_id) FROM case_versions FINAL ORDER BY case_id', on),
  };
}

async function emptyStore(on: Stores = stores): Promise<void> {
  await on.ch.command({ query: 'TRUNCATE TABLE cases' });
  await on.ch.command({ query: 'TRUNCATE TABLE case_versions' });
}

/**
 * Load the files in order, one way, into an empty store (`on`: the test's store, or the embedded one of the server
 * path); the summaries, the store and the reject files.
 */
async function loadAll(files: string[], rowByRow: boolean, batchSize = 1_000_000, on: Stores = stores) {
  await emptyStore(on);
  const rejectsDir = path.join(dir, rowByRow ? 'rows' : on === stores ? 'engine' : 'embedded-engine');
  fs.mkdirSync(rejectsDir, { recursive: true });
  const summaries: LoadSummary[] = [];
  // One batch per file on the row-by-row side: the engine decides a file as one batch (see engine/decide.ts).
  for (const file of files) {
    summaries.push(await loadFile(on, file, { runBy: 'test', loadTime, rowByRow, rejectsDir, batchSize }));
  }
  const rejects = files.map((f) => {
    const r = path.join(rejectsDir, `${path.basename(f)}.rejects.csv`);
    return fs.existsSync(r) ? fs.readFileSync(r, 'utf8') : '';
  });
  return { summaries, store: await storeDump(on), rejects };
}

const counts = (s: LoadSummary) => {
  const { loadId: _id, durationMs: _ms, readModelMs: _rm, rejectFile: _f, inEngine: _e, engineRefused: _r, ...rest } = s;
  return rest;
};

/** A generated export base.EXT of months 2025-12 … 2026-12 and its later versions later.EXT, in the test directory. */
async function generatedWithVersions(format: 'csv' | 'jsonl' | 'xlsx', rows: number, seed: string, provinceCode: string) {
  const base = path.join(dir, `base.${format}`);
  const later = path.join(dir, `later.${format}`);
  await generateExport({ rows, seed, from: '2025-12', to: '2026-12', provinceCode, format, out: base, versionsOut: later });
  return [base, later] as const;
}

async function compareBothWays(files: string[], inEngine = true, engineBatchSize?: number): Promise<LoadSummary[]> {
  const rows = await loadAll(files, true);
  const engine = await loadAll(files, false, engineBatchSize);
  expect(rows.summaries.every((s) => !s.inEngine)).toBe(true);
  if (inEngine) {
    expect(engine.summaries.map((s) => [path.basename(s.file), s.inEngine])).toEqual(files.map((f) => [path.basename(f), true]));
  }
  expect(engine.store.cases.length).toBeGreaterThan(0);
  // toEqual on the texts: a failure shows the first differing line.
  expect(engine.store.cases.split('\n')).toEqual(rows.store.cases.split('\n'));
  expect(engine.store.versions.split('\n')).toEqual(rows.store.versions.split('\n'));
  expect(engine.rejects).toEqual(rows.rejects);
  expect(engine.summaries.map(counts)).toEqual(rows.summaries.map(counts));
  if (embedded) {
    // The server path: the engine-side load on the server against the embedded one, column by column.
    const local = await loadAll(files, false, engineBatchSize, embedded);
    expect(engine.summaries.map((s) => s.inEngine)).toEqual(local.summaries.map((s) => s.inEngine));
    expect(engine.store.cases.split('\n')).toEqual(local.store.cases.split('\n'));
    expect(engine.store.versions.split('\n')).toEqual(local.store.versions.split('\n'));
    expect(engine.rejects).toEqual(local.rejects);
    expect(engine.summaries.map(counts)).toEqual(local.summaries.map(counts));
  }
  return engine.summaries;
}

test('UTF-8 CSV and its later versions: the same store, rejects and counts as row by row', async () => {
  const [base, later] = await generatedWithVersions('csv', 12_000, 'engine-load', '140000');
  const [first, second] = await compareBothWays([base, later, base]);
  // The files exercise what they should: rejects, warnings, later versions, and due dates in the provisional 2027.
  expect(first?.rejected).toBeGreaterThan(50);
  expect(first?.warnings).toBeGreaterThan(5);
  expect(second?.replaced).toBeGreaterThan(5);
  expect(Number(await text('SELECT count() FROM cases FINAL WHERE due_provisional_from = 2027'))).toBeGreaterThan(50);
}, 300_000);

test('in buckets of case ids (a file of 12,000 rows in buckets of 2,500): the same store, rejects and counts', async () => {
  const base = path.join(dir, 'base.csv');
  const later = path.join(dir, 'later.csv');
  const repeated = path.join(dir, 'repeated-base.csv');
  // The base file twice in one file: every case in it has two rows, decided within their bucket.
  const lines = fs.readFileSync(base, 'utf8').split('\n');
  fs.writeFileSync(repeated, [...lines.filter((l) => l !== ''), ...lines.slice(1)].join('\n'));
  await compareBothWays([base, later, repeated], true, 2_500);
}, 300_000);

test('JSON Lines and its later versions: the same store, rejects and counts as row by row', async () => {
  const [base, later] = await generatedWithVersions('jsonl', 8_000, 'engine-jsonl', '440000');
  const [first] = await compareBothWays([base, later, base]);
  expect(first?.rejected).toBeGreaterThan(20);
}, 300_000);

test('JSON Lines the engine leaves to the reader (numbers, booleans, null, escapes, repeated keys, blank and non-object lines): the same', async () => {
  const lines = fs
    .readFileSync(path.join(dir, 'base.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const edits: ((o: Record<string, unknown>) => string)[] = [
    (o) => JSON.stringify({ ...o, 涉及金额: 88.5 }),
    (o) => JSON.stringify({ ...o, 中止天数: 3 }),
    (o) => JSON.stringify({ ...o, 是否公示: true }),
    (o) => JSON.stringify({ ...o, 网购平台: null }),
    (o) => JSON.stringify(o).replace('"承办单位":"', '"承办单位":"\\u5e7f'),
    (o) => JSON.stringify(o).replace('{', `{"登记编号":"X-${String(o.登记编号)}",`),
    (o) => `  ${JSON.stringify(o)}\u3000`,
    (o) => JSON.stringify({ ...o, 客体类别: { a: 1 } }),
    () => '[1, 2, 3]',
    () => '{"登记编号": "broken"',
    () => '\u3000 ',
    () => '',
    (o) => `${JSON.stringify(o)}\r`,
  ];
  const out = lines.slice(0, 130).map((line, i) => {
    const edit = edits[i % edits.length] as (o: Record<string, unknown>) => string;
    return edit(JSON.parse(line) as Record<string, unknown>);
  });
  const tricky = path.join(dir, 'tricky.jsonl');
  fs.writeFileSync(tricky, `\uFEFF${out.join('\n')}\n`);
  const [summary] = await compareBothWays([tricky]);
  expect(summary?.rejected).toBeGreaterThan(10);
}, 120_000);

test('XLSX and its later versions (the sheet handed to the engine as text, in parts): the same store, rejects and counts', async () => {
  const [base, later] = await generatedWithVersions('xlsx', 4_000, 'engine-xlsx', '440000');
  const [first, second] = await compareBothWays([base, later, base]);
  // In parts of 1,500 rows (and buckets of as many case ids): the same.
  await compareBothWays([base, later], true, 1_500);
  expect(first?.format).toBe('xlsx');
  expect(first?.rejected).toBeGreaterThan(10);
  expect(second?.replaced).toBeGreaterThan(2);
}, 300_000);

test.each([
  ['inline', false],
  ['shared', true],
])(
  'XLSX typed cells (numbers, booleans, Dates, errors, rich text, formulas; valid and not), text of every shape (%s strings), a title row and blank rows: the same',
  async (strings, useSharedStrings) => {
    const base = fs.readFileSync(path.join(dir, 'base.csv'), 'utf8').split('\n');
    const header = (base[0] as string).replace(/^\uFEFF/, '').split(',');
    const at = (name: string) => header.indexOf(name);
    const typed = path.join(dir, `typed-${strings}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: typed, useSharedStrings, useStyles: true });
    const ws = wb.addWorksheet('导出');
    const addRow = (values: unknown[]) => ws.addRow(values).commit();
    addRow(['12315 案件导出（测试）']);
    addRow([]);
    addRow(header);
    const wall = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
    // Each edit puts one typed cell into a generated row (every row valid as text); some of the values are malformed.
    const edits: [column: string, value: (cell: string) => unknown][] = [
      ['涉及金额', () => 88.5],
      ['涉及金额', () => 0.1 + 0.2],
      ['涉及金额', () => 12.345],
      ['涉及金额', () => -5],
      ['涉及金额', () => ({ error: '#N/A' })],
      ['涉及金额', () => 1e-7], // its text 1e-7 would be "unparseable": the validator must see the number
      ['中止天数', () => 3],
      ['中止天数', () => 2.5],
      ['是否公示', () => true],
      ['是否网购', () => false],
      ['回访结果', () => 5],
      ['回访结果', () => 7],
      ['登记时间', (c) => wall(c)],
      ['登记时间', (c) => (wall(c).getTime() - Date.UTC(1899, 11, 30)) / 86_400_000],
      ['登记时间', () => new Date(Date.UTC(1900, 0, 1))],
      ['更新时间', (c) => wall(c)],
      ['承办单位代码', (c) => Number(c)],
      ['被诉主体名称', () => new Date(Date.UTC(2025, 4, 6, 7, 8, 9))],
      ['被诉主体名称', () => 1e21],
      ['业务类型', () => 1],
      ['登记编号', (c) => Number(c.replace(/\D/g, '').slice(-12))],
      ['承办单位', (c) => ({ richText: [{ text: '富文本' }, { font: { bold: true }, text: c }] })],
      ['被诉主体名称', () => ({ formula: 'CONCAT("某","店")', result: '某店' })],
      // Text the loader copies as written, or decodes first (markup, escapes, line ends, white space, 4-byte characters).
      ['被诉主体名称', () => 'A&B <公司> "引号" \\反斜杠'],
      ['被诉主体名称', () => '第一行\n第二行\t制表 CR\r\nLF'],
      ['被诉主体名称', () => '字面 _x0041_ 转义'],
      ['被诉主体名称', () => '表情😀店'],
      ['网购平台', () => '\u3000\u3000'],
      ['网购平台', () => '\u00a0'],
      ['网购平台', () => '   '],
    ];
    let written = 0;
    for (const line of base.slice(1, 400)) {
      const cells = line.split(',');
      if (cells.length !== header.length || written >= 110) continue;
      const r: unknown[] = cells.map((c) => (c === '' ? null : c));
      const [column, value] = edits[written % edits.length] as [string, (cell: string) => unknown];
      r[at(column)] = value(String(r[at(column)]));
      addRow(r);
      if (written % 37 === 0) addRow([]); // a blank row: skipped, the next row keeps its sheet number
      written++;
    }
    // A row of white space only: blank, skipped like an empty row.
    addRow(header.map(() => ' \u3000'));
    // A row with only a personal-data cell: read as a row, rejected for every required column.
    const personal = header.map((h) => (h === '投诉人姓名' ? '张三' : null));
    addRow(personal);
    ws.commit();
    await wb.commit();
    const [summary] = await compareBothWays([typed]);
    expect(summary?.rowsRead).toBe(111);
    const rejects = fs.readFileSync(path.join(dir, 'engine', `typed-${strings}.xlsx.rejects.csv`), 'utf8');
    // Malformed typed cells are judged as the typed values they are, not as a text for them.
    expect(rejects).toContain('amount has more than 2 decimals ""1e-7""');
    expect(rejects).toContain('amount has more than 2 decimals ""12.345""');
    expect(rejects).toContain('not a whole number ""2.5""');
    expect(rejects).toContain('not an allowed value ""7"" (label or score 1–5)');
  },
  300_000,
);

test('GBK CSV: the same store, rejects and counts as row by row', async () => {
  const gbk = path.join(dir, 'gbk.csv');
  await generateExport({
    rows: 5_000,
    seed: 'engine-gbk',
    from: '2026-01',
    to: '2026-06',
    provinceCode: '440000',
    format: 'csv',
    encoding: 'gbk',
    out: gbk,
  });
  const [summary] = await compareBothWays([gbk]);
  expect(summary?.encoding).toBe('gb18030');
}, 300_000);

test('cells in other shapes (the second engine pass or the validator: quotes, outer spaces, ISO 8601, amounts) load the same', async () => {
  const golden = path.resolve(__dirname, '../../test-fixtures/golden');
  const base = fs.readFileSync(path.join(dir, 'base.csv'), 'utf8').split('\n');
  const header = base[0] as string;
  const cells = header.replace(/^\uFEFF/, '').split(',');
  const at = (name: string) => cells.indexOf(name);
  // Rows of the generated file rewritten into shapes the fast path does not take; each is valid for the validator.
  // The second engine pass's shapes are the same instants written otherwise (ISO 8601 with an offset or Z, fractions of
  // a second, outer spaces).
  const iso = (local: string, offsetHours: number) => {
    const shifted = new Date(Date.parse(`${local.replace(' ', 'T')}Z`) - offsetHours * 3600_000).toISOString().slice(0, 19);
    return offsetHours === 0
      ? `${shifted}Z`
      : `${shifted}${offsetHours > 0 ? '+' : '-'}${String(Math.abs(offsetHours)).padStart(2, '0')}00`;
  };
  const rewritten = base.slice(1, 61).map((line, i) => {
    const r = line.split(',');
    if (r.length !== cells.length) return line;
    const registered = r[at('登记时间')] as string;
    const updated = r[at('更新时间')] as string;
    const canonical = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(updated);
    const shapes: [column: string, value: string][] = [
      ['登记时间', registered.replace(/-/g, '/').slice(0, 16)],
      ['承办单位', `"  ${r[at('承办单位')]}\u3000"`],
      ['被诉主体名称', '"某某""老字号"",有限公司"'],
      ['涉及金额', '"1,234.5"'],
      ['回访结果', '5'],
      ['统一社会信用代码', (r[at('统一社会信用代码')] ?? '').toLowerCase()],
      ['更新时间', canonical ? iso(updated, 8) : updated],
      ['更新时间', canonical ? iso(updated, 0) : updated],
      ['更新时间', canonical ? iso(updated, -5) : updated],
      ['更新时间', canonical ? `${updated}.250` : updated],
      ['更新时间', `"${updated}  "`],
      ['涉及金额', '￥88'],
    ];
    const [column, value] = shapes[i % shapes.length] as [string, string];
    r[at(column)] = value;
    return r.join(',');
  });
  const tricky = path.join(dir, 'tricky.csv');
  fs.writeFileSync(tricky, [header, ...rewritten, ''].join('\n'));
  // In buckets of 7 rows, which also pages the rows left to the validator by 7.
  const [summary] = await compareBothWays([tricky], true, 7);
  expect(summary?.rowsRead).toBe(60);
  // And the hand-written golden CSV fixtures, whichever way the loader takes them (their stored values are checked
  // by hand in golden-store.int.test.ts; some hold rows the engine's parser refuses, which sends them row by row).
  for (const f of ['cases-utf8-bom.csv', 'cases-utf8-shuffled.csv', 'cases-gbk.csv']) {
    await compareBothWays([path.join(golden, f)], false);
  }
}, 300_000);

test('several rows of one case in a file (newer, older, equal with and without other content): decided alike', async () => {
  const base = fs.readFileSync(path.join(dir, 'base.csv'), 'utf8').split('\n');
  const header = base[0] as string;
  const cells = header.replace(/^\uFEFF/, '').split(',');
  const at = (name: string) => cells.indexOf(name);
  const shift = (local: string, seconds: number) =>
    new Date(Date.parse(`${local.replace(' ', 'T')}Z`) + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
  const rows: string[] = [];
  // 30 cases, each written 5 times in one file (each row valid alone): the row-by-row path's walk in file order
  // and the engine's window functions must keep the same row and count the same conflicts.
  for (const line of base.slice(1, 400)) {
    const r = line.split(',');
    const updated = r[at('更新时间')] as string;
    if (r.length !== cells.length || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(updated) || rows.length >= 150) continue;
    const variant = (name: string, seconds: number) => {
      const copy = [...r];
      copy[at('被诉主体名称')] = name;
      copy[at('更新时间')] = shift(updated, seconds);
      return copy.join(',');
    };
    rows.push(
      line,
      variant('另一名称', 0), // equal 更新时间, other content: a conflict, and it wins
      variant('更早的行', -1), // older: ignored
      variant('另一名称', 0), // equal to the row kept: wins, no conflict
      rows.length % 2 === 0 ? variant('最新的行', 3600) : line, // newer wins / equal with other content again
    );
  }
  expect(rows.length).toBe(150);
  const repeated = path.join(dir, 'repeated.csv');
  fs.writeFileSync(repeated, [header, ...rows, ''].join('\n'));
  const [summary] = await compareBothWays([repeated]);
  expect(summary?.conflicts).toBeGreaterThanOrEqual(30);
}, 120_000);

test('a file the engine cannot parse (a short row) is loaded row by row, the short row rejected', async () => {
  const base = fs.readFileSync(path.join(dir, 'base.csv'), 'utf8').split('\n');
  const broken = path.join(dir, 'short-row.csv');
  fs.writeFileSync(broken, [base[0], base[1], 'X1,投诉', base[2], ''].join('\n'));
  await emptyStore();
  const summary = await loadFile(stores, broken, { runBy: 'test', loadTime, rejectsDir: dir });
  expect(summary.inEngine).toBe(false);
  expect(summary.rejected).toBeGreaterThanOrEqual(1);
  expect(fs.readFileSync(path.join(dir, 'short-row.csv.rejects.csv'), 'utf8')).toMatch(/row has \d+ columns, header has \d+/);
  // Nothing of the engine's attempt is left behind.
  expect(await text("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'etl\\\\_%'")).toBe('');
}, 120_000);
