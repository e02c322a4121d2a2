/**
 * The engine's canonical values of date-times and amounts (engine-sql.ts, both tiers) against the validator's
 * parsers (value-parsers.ts) on many generated cells: where the engine gives a value it is the validator's value,
 * where it gives none the row goes to the validator (correct, only slower) — and every shape a tier promises to
 * decide, it decides. engine-load.int.test.ts then compares whole stores.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isValidUscc, usccCheckChar } from '@c12315/domain';
import { type ClickHouseClient, createClickHouse, loadConfig } from '@c12315/store';
import { COLUMNS } from '../validate';
import { parseAmount, parseDateTime } from '../validate/value-parsers';
import { type CanonicalTier, canonicalExpr, engineLoadParams, refTables } from './engine-sql';

let dir: string;
let ch: ClickHouseClient;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-engine-sql-'));
  ch = createClickHouse(loadConfig({ DATA_DIR: dir }));
});

afterAll(async () => {
  await ch.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const spec = (en: string) => COLUMNS.find((c) => c.en === en) ?? (undefined as never);

/** The engine's canonical value of each cell (null = left to the validator). */
async function engineValues(en: string, tier: CanonicalTier, cells: string[]): Promise<(string | null)[]> {
  const expr = canonicalExpr(spec(en), 'x', refTables('0'), tier);
  const result = await ch.query({
    query: `SELECT ${expr} AS v FROM (SELECT arrayJoin({cells:Array(String)}) AS x)`,
    query_params: { ...engineLoadParams(new Date(), '0'), cells },
    format: 'JSONEachRow',
  });
  return (await result.json<{ v: string | null }>()).map((r) => r.v);
}

/** Deterministic pseudo-random picks (a small LCG, its high bits: the same cells every run). */
function picker(seed: number) {
  let state = seed;
  return <T>(items: readonly T[]): T => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return items[Math.floor(state / 2 ** 16) % items.length] as T;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateTimeCells(count: number): string[] {
  const pick = picker(7);
  const years = [1970, 1971, 1999, 2024, 2025, 2100, 2105, 2106];
  const months = [0, 1, 2, 9, 12, 13];
  const days = [0, 1, 9, 28, 29, 30, 31, 32];
  const hours = [0, 4, 9, 14, 23, 24];
  const minutes = [0, 3, 59, 60];
  const seconds = [null, 0, 9, 59, 60];
  const zones = ['', '', '', 'Z', 'z', '+08:00', '+0800', '+08', '-05:30', '+14:00', '-12:00', '+99:99', ' +08:00', '+8'];
  const cells: string[] = [];
  for (let i = 0; i < count; i++) {
    const [y, mo, d, h, mi, s] = [pick(years), pick(months), pick(days), pick(hours), pick(minutes), pick(seconds)];
    if (i % 2 === 0) {
      // The canonical shape, its fields valid or not.
      cells.push(`${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s ?? 0)}`);
      continue;
    }
    const dateSep = pick(['-', '/', '-']);
    const date = pick([`${y}${dateSep}${pad(mo)}${dateSep}${pad(d)}`, `${y}${dateSep}${mo}${dateSep}${d}`]);
    const time = `${pick([pad(h), String(h)])}:${pad(mi)}${s === null ? '' : `:${pad(s)}${pick(['', '', '.250', '.123456789', '.'])}`}`;
    cells.push(`${date}${pick([' ', 'T', '  ', 't', '\t'])}${time}${pick(zones)}`);
  }
  return [...cells, '', 'yesterday', '45356.5', '2024-03-05', '2024-03-05 14:03:00 ', ' 2024-03-05 14:03:00'];
}

describe('date-times', () => {
  const cells = dateTimeCells(4000);

  it.each(['common', 'general'] as const)('%s tier: every value the engine gives is the validator’s', async (tier) => {
    const values = await engineValues('registered_at', tier, cells);
    const wrong = cells
      .map((cell, i) => ({ cell, engine: values[i], js: cell === '' ? null : parseDateTime(cell) }))
      .filter(({ engine, js }) => engine !== null && engine !== undefined && (js === null || !js.ok || js.value !== engine));
    expect(wrong).toEqual([]);
    // The generated cells reach the engine's shapes, valid and not.
    expect(values.filter((v) => v !== null).length).toBeGreaterThan(tier === 'common' ? 200 : 350);
  });

  it('the general tier decides every valid ASCII-spaced shape with an upper-case T/Z zone', async () => {
    const values = await engineValues('registered_at', 'general', cells);
    const promised = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}(T| +)\d{1,2}:\d{2}(:\d{2}(\.\d{1,9})?)? *(Z|[+-]\d{2}(:?\d{2})?)?$/;
    const missed = cells.filter((cell, i) => {
      const js = parseDateTime(cell);
      // The engine wants the wall-clock year itself in 1971–2105 (the validator checks the converted one).
      const year = Number(cell.slice(0, 4));
      return promised.test(cell) && js.ok && year >= 1971 && year <= 2105 && values[i] === null;
    });
    expect(missed).toEqual([]);
  });

  it('the common tier decides the canonical shape', async () => {
    const canonical = ['2024-03-05 14:03:00', '2025-12-31 23:59:59', '1971-01-01 00:00:00', '2024-02-29 10:00:00'];
    expect(await engineValues('registered_at', 'common', canonical)).toEqual(canonical);
    expect(await engineValues('registered_at', 'common', ['2024/3/5 14:03', '2023-02-29 10:00:00'])).toEqual([null, null]);
  });
});

describe('amounts', () => {
  const pick = picker(11);
  const ints = [
    '0',
    '00',
    '007',
    '5',
    '12',
    '999',
    '1000',
    '1,000',
    '12,345',
    '1,234,567',
    '1,23',
    '12345678901234567',
    '9999999999999999',
  ];
  const fracs = ['', '.', '.5', '.50', '.05', '.555', '.00'];
  const prefixes = ['', '', '', '¥', '￥', '-', '$', '¥ '];
  const cells = Array.from({ length: 1500 }, () => `${pick(prefixes)}${pick(ints)}${pick(fracs)}`);

  it.each(['common', 'general'] as const)('%s tier: every value the engine gives is the validator’s', async (tier) => {
    const values = await engineValues('amount_involved', tier, cells);
    const wrong = cells
      .map((cell, i) => ({ cell, engine: values[i], js: parseAmount(cell) }))
      .filter(({ engine, js }) => engine !== null && engine !== undefined && (!js.ok || js.value !== engine));
    expect(wrong).toEqual([]);
    expect(values.filter((v) => v !== null).length).toBeGreaterThan(tier === 'common' ? 50 : 500);
  });

  it('the common tier decides plain yuan with two decimals; the general tier the prefixed and grouped shapes', async () => {
    expect(await engineValues('amount_involved', 'common', ['0.00', '12.50', '1234567890123456.99'])).toEqual([
      '0.00',
      '12.50',
      '1234567890123456.99',
    ]);
    expect(await engineValues('amount_involved', 'common', ['12.5', '1,234.50', '￥12.50', '012.50'])).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(await engineValues('amount_involved', 'general', ['12.5', '1,234.50', '￥12.50', '012.50', '7'])).toEqual([
      '12.50',
      '1234.50',
      '12.50',
      '12.50',
      '7.00',
    ]);
  });
});

describe('USCC (统一社会信用代码)', () => {
  it('the engine keeps exactly the codes whose check character is right, every character of the set included', async () => {
    const pick = picker(5);
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const cells: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const body = Array.from({ length: 17 }, () => pick([...charset])).join('');
      const check = i % 2 === 0 ? usccCheckChar(body) : pick([...charset]);
      cells.push(pick([`${body}${check}`, `${body}${check}`, `${body}${check}`.toLowerCase(), `${body}I`, body]));
    }
    const values = await engineValues('respondent_uscc', 'common', cells);
    const expected = cells.map((c) => (isValidUscc(c.toUpperCase()) ? c.toUpperCase() : null));
    expect(values).toEqual(expected);
    expect(expected.filter((v) => v !== null).length).toBeGreaterThan(500);
  });
});
