/**
 * 10,000 randomly mutated rows of a valid export (fast-check, fixed seed FUZZ_SEED, printed on failure) through the
 * validator and the loader (issue 13 §1): nothing throws, every row is either loaded or rejected with a reason, loaded
 * + rejected = rows, and every line of the reject file is well-formed (row, case id, column, reason zh, reason en).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@c12315/store';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { generateExport } from '../generate';
import { openStores, type Stores } from '../runtime';
import { mapHeaders, validateRow } from '../validate';
import { loadFile } from './file-loader';

const SEED = Number(process.env.FUZZ_SEED ?? 13_2026);
const ROWS = Number(process.env.FUZZ_ROWS ?? 10_000);
const loadTime = new Date('2026-04-30T12:00:00+08:00');

let dir: string;
let stores: Stores;
let header: string[];
let valid: string[][];

/** One mutation of a row: a cell replaced by any text, emptied, dropped, doubled, swapped, cut, or the row kept. */
const mutation = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'keep' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      text: fc.string({ unit: 'binary', maxLength: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('number' as const),
      at: fc.nat(),
      text: fc.constantFrom('1e309', '-0', 'NaN', '-1', '0x10', '1,234.567', '99999999999999999999.99', ''),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('date' as const),
      at: fc.nat(),
      text: fc.constantFrom(
        '10000-01-01 00:00:00',
        '2026-02-30 09:00:00',
        '2026/3/5 14:03',
        '45000.5',
        '1899-12-31',
        '2026-03-05T09:00:00+08:00',
        '24:00',
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('double' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(row: readonly string[], m: Mutation): string[] {
  const r = [...row];
  if (m.kind === 'keep') return r;
  const i = m.at % r.length;
  switch (m.kind) {
    case 'replace':
    case 'number':
    case 'date':
      r[i] = m.text;
      return r;
    case 'drop':
      r.splice(i, 1);
      return r;
    case 'double':
      r.splice(i, 0, r[i] as string);
      return r;
    case 'swap': {
      const j = m.other % r.length;
      [r[i], r[j]] = [r[j] as string, r[i] as string];
      return r;
    }
    case 'cut':
      r[i] = (r[i] as string).slice(0, Math.floor((r[i] as string).length / 2));
      return r;
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-fuzz-'));
  stores = await openStores(loadConfig({ DATA_DIR: path.join(dir, 'data') }));
  const base = path.join(dir, 'base.csv');
  await generateExport({
    rows: 2000,
    seed: 'fuzz',
    from: '2026-01',
    to: '2026-03',
    provinceCode: '140000',
    format: 'csv',
    out: base,
    dirtyShare: 0,
  });
  const all = parse(fs.readFileSync(base, 'utf8').replace(/^\uFEFF/, '')) as string[][];
  header = all[0] as string[];
  valid = all.slice(1);
}, 300_000);

afterAll(async () => {
  await stores.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test(`the validator on mutated rows (seed ${SEED}): never throws; a row is a record or has issues, each with zh and en`, () => {
  const mapping = mapHeaders(header);
  fc.assert(
    fc.property(fc.nat(), mutation, (k, m) => {
      const cells = mutate(valid[k % valid.length] as string[], m);
      const values = new Map(header.map((h, i) => [h, cells[i] ?? null]));
      const result = validateRow({ rowNumber: 2, values }, mapping, { loadTime });
      if (!result.ok) {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(issue.column).not.toBe('');
          expect(issue.reasonZh).not.toBe('');
          expect(issue.reasonEn).not.toBe('');
        }
      }
    }),
    { seed: SEED, numRuns: 2000 },
  );
});

test(`${ROWS} mutated rows through the loader (seed ${SEED}): loaded + rejected = rows, every reject well-formed`, async () => {
  const mutations = fc.sample(fc.tuple(fc.nat(), mutation), { seed: SEED, numRuns: ROWS });
  const rows = mutations.map(([k, m], n) => {
    const row = mutate(valid[k % valid.length] as string[], m);
    // Distinct case ids where the id cell is intact, so each accepted row is one stored case.
    const id = header.indexOf('登记编号');
    if (row[id] === (valid[k % valid.length] as string[])[id]) row[id] = `${row[id]}F${n}`;
    return row;
  });
  const file = path.join(dir, 'mutated.csv');
  fs.writeFileSync(file, stringify([header, ...rows], { record_delimiter: '\r\n' }));
  try {
    const summary = await loadFile(stores, file, { runBy: 'fuzz', loadTime, rejectsDir: dir });
    expect(summary.rowsRead).toBe(ROWS);
    const rejects = summary.rejectFile
      ? (
          parse(fs.readFileSync(summary.rejectFile, 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][]
        ).slice(1)
      : [];
    const rejectedRows = new Set<number>();
    for (const line of rejects) {
      expect(line).toHaveLength(5);
      const [row, , column, zh, en] = line as [string, string, string, string, string];
      expect(row).toMatch(/^\d+$/);
      expect(Number(row)).toBeGreaterThanOrEqual(2);
      expect(Number(row)).toBeLessThanOrEqual(ROWS + 1);
      expect(column).not.toBe('');
      expect(zh).not.toBe('');
      expect(en).not.toBe('');
      rejectedRows.add(Number(row));
    }
    expect(rejectedRows.size).toBe(summary.rejected);
    // Every row not rejected is a case in the store under its id.
    const id = header.indexOf('登记编号');
    const accepted = [...new Set(rows.filter((_, n) => !rejectedRows.has(n + 2)).map((r) => (r[id] as string).trim()))];
    const result = await stores.ch.query({
      query: 'SELECT count() AS n FROM cases FINAL WHERE case_id IN {ids:Array(String)}',
      query_params: { ids: accepted },
      format: 'JSONEachRow',
    });
    const [{ n }] = (await result.json()) as [{ n: string }];
    // loaded + rejected = rows: every row the reject file does not name is stored (rows of one case as that case).
    expect(Number(n)).toBe(accepted.length);
    expect(summary.inserted).toBe(accepted.length);
  } catch (error) {
    process.stderr.write(`fuzz failed with FUZZ_SEED=${SEED} FUZZ_ROWS=${ROWS}\n`);
    throw error;
  }
}, 600_000);
