/**
 * Hostile and broken files through the real CLI (issue 13 §1): each refused with exit 2 and an error naming the limit
 * and the row or part (zh + en), a FAILED ledger entry, peak RSS ≤ 1.5 GB, no hang, the store unchanged — on both load
 * paths. Sizes: HOSTILE_BIG_MB (the line without end, default 200 MB, under the real default limits) and
 * HOSTILE_SHEET_MB (the sheet without a header, default 120 MB of XML; the was 1.5 GB).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadLedgerEntry, loadConfig, openMetadataStore } from '@c12315/store';
import { type CliRun, runCli, storeDigest } from '../../test-support/cli-run';
import {
  inlineRow,
  repeatedSharedStrings,
  repeatedSheet,
  sheetXml,
  workbookEntries,
  writeHeaderThen,
  writeZip,
} from '../../test-support/hostile-files';
import type { StoreDigest } from '../../test-support/store-digest';
import { generateExport } from '../generate';

const MB = 1 << 20;
const BIG_MB = Number(process.env.HOSTILE_BIG_MB ?? 200);
const SHEET_MB = Number(process.env.HOSTILE_SHEET_MB ?? 120);
const PEAK_MB = 1536;

let work: string;
let dataDir: string;
let header: string;
let before: StoreDigest;
const figures: string[] = [];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-hostile-'));
  dataDir = path.join(work, 'data');
  const base = path.join(work, 'base.csv');
  await generateExport({
    rows: 300,
    seed: 'hostile',
    from: '2026-01',
    to: '2026-03',
    provinceCode: '140000',
    format: 'csv',
    out: base,
  });
  header = (fs.readFileSync(base, 'utf8').split(/\r?\n/)[0] as string).replace(/^\uFEFF/, '');
  expect(runCli(dataDir, ['load', base, '--rejects-dir', work]).code).toBe(0);
  before = storeDigest(dataDir);
  expect(before.cases).toBeGreaterThan(250);
}, 300_000);

afterAll(() => {
  process.stdout.write(`${figures.join('\n')}\n`);
  fs.rmSync(work, { recursive: true, force: true });
});

async function lastLedgerEntry(): Promise<LoadLedgerEntry | null> {
  const orm = await openMetadataStore(loadConfig({ DATA_DIR: dataDir }));
  try {
    const [entry] = await orm.em.fork().find(LoadLedgerEntry, {}, { orderBy: { id: 'desc' }, limit: 1 });
    return entry ?? null;
  } finally {
    await orm.close();
  }
}

/**
 * Load `file` on both paths (engine, then --row-by-row): each refused with exit 2 and `message` on stderr, under the
 * memory bound, a FAILED ledger entry when `ledger` (a limit met after opening, or at it), the store unchanged.
 */
async function expectRefused(
  name: string,
  file: string,
  message: RegExp,
  opts: { env?: Record<string, string>; ledgerFailed?: boolean } = {},
): Promise<void> {
  for (const mode of [[], ['--row-by-row']]) {
    const run: CliRun = runCli(dataDir, ['load', file, '--rejects-dir', work, ...mode], opts.env);
    figures.push(
      `${name}${mode.length ? ' (row by row)' : ''}: exit ${run.code}, peak ${run.peakMb} MB, ${run.seconds.toFixed(1)} s — ${/\[[A-Z_]+\]: .*/.exec(run.out)?.[0] ?? run.out.slice(-300)}`,
    );
    expect(run.out).toMatch(message);
    expect(run.code).toBe(2);
    expect(run.peakMb).toBeLessThanOrEqual(PEAK_MB);
    if (opts.ledgerFailed !== false) {
      const entry = await lastLedgerEntry();
      expect(entry).toMatchObject({ fileName: file, status: 'FAILED' });
      expect(`[LIMIT_EXCEEDED]: ${entry?.error}`).toMatch(message);
    }
  }
  expect(storeDigest(dataDir)).toEqual(before);
}

test(`a CSV whose second line is ${BIG_MB} MB with no line end, under the default limits: refused naming line 2 and the limit`, async () => {
  const file = path.join(work, 'no-line-end.csv');
  writeHeaderThen(file, header, 0x78, BIG_MB * MB);
  await expectRefused(
    'no line end',
    file,
    /\[LIMIT_EXCEEDED\]: .*文件第 2 行长于 4194304 字节，超过行长度上限 4194304（ETL_MAX_LINE_BYTES） \/ line 2: longer than 4194304 bytes, over the line length limit 4194304 \(ETL_MAX_LINE_BYTES\)/,
  );
}, 600_000);

test('a header then 50 MB of NUL bytes, a first line of 20 MB, a JSON Lines line over a lowered limit: each refused by the line limit', async () => {
  const nul = path.join(work, 'nul.csv');
  writeHeaderThen(nul, header, 0, 50 * MB);
  await expectRefused('50 MB of NUL bytes', nul, /line 2: longer than 4194304 bytes/);
  const first = path.join(work, 'first-line.csv');
  writeHeaderThen(first, 'x'.repeat(20 * MB), 0x0a, 0);
  await expectRefused('20 MB first line', first, /line 1: longer than 4194304 bytes/);
  const jsonl = path.join(work, 'long.jsonl');
  fs.writeFileSync(jsonl, `{"登记编号":"A1"}\n{"登记编号":"A2","备注":"${'x'.repeat(200_000)}"}\n`);
  await expectRefused('JSON Lines long line', jsonl, /line 2: longer than 65536 bytes, over the line length limit 65536/, {
    env: { ETL_MAX_LINE_BYTES: '65536' },
  });
}, 600_000);

test('zip bombs: a ratio bomb (default limit), a part over the absolute size, a part larger than its directory says', async () => {
  const zeros = () =>
    (function* () {
      for (let i = 0; i < 100; i++) yield Buffer.alloc(MB);
    })();
  const ratio = path.join(work, 'ratio-bomb.xlsx');
  writeZip(ratio, workbookEntries(zeros));
  await expectRefused(
    'ratio bomb',
    ratio,
    /部件 xl\/worksheets\/sheet1\.xml压缩比 \d+:1.*XLSX compression ratio limit 500 \(ETL_MAX_XLSX_RATIO\)/,
  );

  const row = inlineRow(2, ['A1', '投诉', '2026-01-05 09:00:00']);
  const big = path.join(work, 'size-bomb.xlsx');
  writeZip(
    big,
    workbookEntries(() => repeatedSheet(row, 80 * MB)),
  );
  await expectRefused(
    'absolute size',
    big,
    /part xl\/worksheets\/sheet1\.xml: at least \d+ bytes inflated, over the inflated XLSX part size limit 67108864 \(ETL_MAX_XLSX_PART_BYTES\)/,
    {
      env: { ETL_MAX_XLSX_PART_BYTES: String(64 * MB), ETL_MAX_XLSX_RATIO: '100000' },
    },
  );

  const lying = path.join(work, 'lying.xlsx');
  writeZip(
    lying,
    workbookEntries(() => repeatedSheet(row, 20 * MB), { sheetDeclaredSize: 4096 }),
  );
  await expectRefused(
    'lying sizes',
    lying,
    /\[UNREADABLE\]: .*inflates to more than the 4096 bytes its directory entry declares/,
    {
      ledgerFailed: false,
    },
  );
}, 600_000);

test('shared strings that explode, a sheet of 16,384 columns: refused naming the limit and the row', async () => {
  const sst = path.join(work, 'sst-bomb.xlsx');
  writeZip(sst, workbookEntries(sheetXml([]), { sharedStrings: () => repeatedSharedStrings(40 * MB) }));
  await expectRefused(
    'shared strings',
    sst,
    /part xl\/sharedStrings\.xml: .*shared-string table size limit 16777216 \(ETL_MAX_SHARED_STRINGS_BYTES\)/,
    {
      env: { ETL_MAX_SHARED_STRINGS_BYTES: String(16 * MB), ETL_MAX_XLSX_RATIO: '100000' },
    },
  );
  const wide = path.join(work, 'wide.xlsx');
  const cells = Array.from({ length: 16_384 }, (_, i) => (i === 0 ? '登记编号' : `列${i}`));
  writeZip(wide, workbookEntries(sheetXml([inlineRow(1, cells), inlineRow(2, ['A1'])])));
  await expectRefused(
    '16,384 columns',
    wide,
    /表头（第 1 行）有 16384 列，超过列数上限 1000（ETL_MAX_COLUMNS） \/ header \(row 1\): 16384 columns, over the column limit 1000/,
  );
}, 600_000);

test(`a sheet of ${SHEET_MB} MB of XML without a header, a truncated workbook, path-traversal names: refused, nothing written outside`, async () => {
  const noHeader = path.join(work, 'no-header.xlsx');
  let n = 0;
  writeZip(
    noHeader,
    workbookEntries(() =>
      (function* () {
        yield Buffer.from(sheetXml([]).replace('</sheetData></worksheet>', ''));
        for (let written = 0; written < SHEET_MB * MB; ) {
          const rows: string[] = [];
          for (let k = 0; k < 2000; k++) {
            n++;
            rows.push(
              `<row r="${n}"><c r="A${n}"><v>${(n * 7919) % 1000003}</v></c><c r="B${n}" t="inlineStr"><is><t>行${n}</t></is></c></row>`,
            );
          }
          const block = Buffer.from(rows.join(''));
          written += block.length;
          yield block;
        }
        yield Buffer.from('</sheetData></worksheet>');
      })(),
    ),
  );
  await expectRefused('sheet without header', noHeader, /\[NO_HEADER\]/, { ledgerFailed: false });

  const valid = path.join(work, 'valid.xlsx');
  await generateExport({
    rows: 2000,
    seed: 'truncated',
    from: '2026-01',
    to: '2026-03',
    provinceCode: '140000',
    format: 'xlsx',
    out: valid,
  });
  const truncated = path.join(work, 'truncated.xlsx');
  const bytes = fs.readFileSync(valid);
  fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await expectRefused('truncated workbook', truncated, /\[UNREADABLE\]/, { ledgerFailed: false });

  const traversal = path.join(work, 'sub', 'traversal.xlsx');
  fs.mkdirSync(path.dirname(traversal));
  const entries = workbookEntries(sheetXml([inlineRow(1, ['登记编号']), inlineRow(2, ['A1'])]), {
    sheetName: '../../evil-sheet.xml',
    sheetTarget: '../../../evil-sheet.xml',
  });
  entries.push({ name: '/etc/evil.xml', data: 'x' }, { name: '..\\..\\evil.xml', data: 'x' });
  writeZip(traversal, entries);
  await expectRefused('path traversal', traversal, /\[UNREADABLE\]: .*invalid relative path: \.\.\/\.\.\/evil-sheet\.xml/, {
    ledgerFailed: false,
  });
  for (const p of [path.join(work, 'evil-sheet.xml'), path.join(path.dirname(work), 'evil-sheet.xml'), '/etc/evil.xml']) {
    expect(fs.existsSync(p)).toBe(false);
  }
}, 600_000);
