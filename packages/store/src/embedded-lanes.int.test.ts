/**
 * The embedded engine's two lanes (embedded-lanes.ts, clickhouse.ts): a question with bound values answers while a
 * load-sized statement with bound values runs; the next question waits inside the engine, not for JavaScript;
 * statements of both lanes side by side each read their own values; a placeholder without a value is refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ClickHouseClient, createClickHouse, NO_TIME_LIMIT, questionsLaneDepth } from './clickhouse';
import { withSessionParameters } from './embedded-lanes';

let work: string;
let ch: ClickHouseClient;

beforeAll(() => {
  // The lanes as the api server has them (packages/api/src/node-pool.ts): the questions' lane holds 4 statements.
  process.env.UV_THREADPOOL_SIZE = '8';
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-connections-'));
  ch = createClickHouse({ dataDir: work, clickhouseUrl: null, queryTimeoutSeconds: 30 });
});

afterAll(async () => {
  await ch?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A question, or with `unbounded` a statement of the kind that grows with a file or the store (NO_TIME_LIMIT). */
async function rows<T>(query: string, query_params: Record<string, unknown>, unbounded = false): Promise<T[]> {
  const clickhouse_settings = unbounded ? NO_TIME_LIMIT : undefined;
  return (await ch.query({ query, query_params, clickhouse_settings, format: 'JSONEachRow' })).json<T>();
}

test("a question with bound values answers while a load's statement with bound values runs", async () => {
  const order: string[] = [];
  // Two seconds, in blocks of one row: the engine checks nothing in between that could end it early.
  const long = rows<{ n: number }>(
    'SELECT count() AS n FROM numbers({rows:UInt32}) WHERE sleepEachRow({each:Float64}) = 0 SETTINGS max_block_size = 1',
    { rows: 4, each: 0.5 },
    true,
  ).then((r) => {
    order.push('long');
    return r;
  });
  // Started after the long one; answers at once unless it waits for it.
  const short = rows<{ v: string }>('SELECT {v:String} AS v', { v: 'short' }).then((r) => {
    order.push('short');
    return r;
  });
  expect(await Promise.all([long, short])).toEqual([[{ n: 4 }], [{ v: 'short' }]]);
  expect(order).toEqual(['short', 'long']);
}, 30_000);

test('the next question is already in the engine when one ends: it does not wait for JavaScript to get its turn', async () => {
  const first = rows<{ n: number }>('SELECT count() AS n FROM numbers(1) WHERE sleepEachRow({s:Float64}) = 0', { s: 0.5 });
  const next = rows<{ started: string }>('SELECT toString(toUnixTimestamp64Milli(now64(3))) AS started', {});
  await new Promise((resolve) => setTimeout(resolve, 100)); // both handed to the lane
  // JavaScript busy for two seconds from here: the first question ends in the meantime.
  const busyUntil = Date.now() + 2000;
  while (Date.now() < busyUntil);
  const [[started]] = await Promise.all([next, first]);
  // The second question started in the engine while JavaScript was busy, not after.
  expect(Number(started?.started)).toBeLessThan(busyUntil - 500);
}, 30_000);

test("the questions' lane holds 2 statements on Node's default pool of 4 threads, 4 on the api server's 8", () => {
  expect(questionsLaneDepth(4)).toBe(2);
  expect(questionsLaneDepth(8)).toBe(4);
  expect(questionsLaneDepth(64)).toBe(4);
});

test('statements of both lanes side by side each read their own values, whatever the characters', async () => {
  const hostile = ["it's", 'back\\slash', 'tab\there', 'line\nbreak', "'); DROP TABLE x; --", "\\'", 'nul\0byte', '中文“引号”'];
  const asked = Array.from({ length: 240 }, (_, i) => ({
    n: i,
    s: `${hostile[i % hostile.length]}#${i}`,
    d: [`2025-01-${String((i % 28) + 1).padStart(2, '0')}`, '2026-12-31'],
  }));
  const answers = await Promise.all(
    asked.map((p) =>
      rows<{ n: number; s: string; d: string[]; m: number }>(
        // Some work between reading the values, so that statements overlap.
        `SELECT {n:UInt32} AS n, {s:String} AS s, {d:Array(Date)} AS d,
           (SELECT count() FROM numbers(200000) WHERE number % ({n:UInt32} + 1) = 0) AS m`,
        p,
        p.n % 2 === 1,
      ),
    ),
  );
  answers.forEach(([row], i) => {
    const p = asked[i] as (typeof asked)[number];
    expect(row).toEqual({ n: p.n, s: p.s, d: p.d, m: Math.ceil(200000 / (p.n + 1)) });
  });
}, 60_000);

test("a placeholder without a value is refused, even where an earlier statement's value is still set", async () => {
  // Both lanes have run a statement that set x.
  expect(await rows('SELECT {x:UInt8} AS x', { x: 7 })).toEqual([{ x: 7 }]);
  expect(await rows('SELECT {x:UInt8} AS x', { x: 7 }, true)).toEqual([{ x: 7 }]);
  await expect(rows('SELECT {x:UInt8} AS x', {})).rejects.toThrow(/parameter \{x\} has no value/);
  await expect(rows('SELECT {x:UInt8} AS x', {}, true)).rejects.toThrow(/parameter \{x\} has no value/);
  await expect(ch.command({ query: 'SELECT {x:UInt8}' })).rejects.toThrow(/parameter \{x\} has no value/);
});

test('a value longer than the engine allows a statement to be binds', async () => {
  const ids = Array.from({ length: 40_000 }, (_, i) => `case-${i}`);
  expect(await rows('SELECT length({ids:Array(String)}) AS n, {ids:Array(String)}[40000] AS last', { ids })).toEqual([
    { n: 40_000, last: 'case-39999' },
  ]);
});

test('the values are set as string literals, names checked', () => {
  expect(withSessionParameters('SELECT {a:String}, {b:Array(Date)}', { a: "it's", b: ['2025-01-01'] })).toBe(
    "SET max_query_size = 262199;\nSET param_a = 'it\\'s';\nSET param_b = '[\\'2025-01-01\\']';\nSELECT {a:String}, {b:Array(Date)}",
  );
  expect(() => withSessionParameters('SELECT 1', { 'a = 1; DROP': 1 })).toThrow(/not a parameter name/);
  expect(withSessionParameters('SELECT 1', undefined)).toBe('SELECT 1');
});

test('a closed store gives back its directory, unbounded lane unused or not', async () => {
  // The last test: the file's store is closed first (chdb holds one data directory per process).
  await ch.close();
  for (const used of [false, true]) {
    const dir = path.join(work, `reopened-${used}`);
    const first = createClickHouse({ dataDir: dir, clickhouseUrl: null, queryTimeoutSeconds: 30 });
    if (used) await first.command({ query: 'SELECT 1', clickhouse_settings: NO_TIME_LIMIT });
    await first.close();
    // chdb holds one data directory per process: another store opens only once every connection to this one is closed.
    const other = createClickHouse({ dataDir: path.join(work, `other-${used}`), clickhouseUrl: null, queryTimeoutSeconds: 30 });
    await other.close();
  }
});
