/**
 * The test-support ClickHouse HTTP server (test-support/clickhouse-http-server.ts) as @clickhouse/client and a plain
 * HTTP client see it: the protocol the store's server path (CLICKHOUSE_URL) is tested over.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';
import { type ClickHouseClient, ClickHouseError, createClient } from '@clickhouse/client';
import {
  type ClickHouseHttpServer,
  spawnClickHouseHttpServer,
  startClickHouseHttpServer,
} from '../test-support/clickhouse-http-server';

let dir: string;
let server: ClickHouseHttpServer;
let client: ClickHouseClient;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-http-server-'));
  server = await startClickHouseHttpServer({ dir: path.join(dir, 'clickhouse') });
  client = createClient({ url: server.url });
  await client.command({
    query: 'CREATE TABLE t (id UInt32, name String, tags Array(String), d Date) ENGINE = MergeTree ORDER BY id',
  });
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function rows<T>(query: string, query_params?: Record<string, unknown>, c: ClickHouseClient = client): Promise<T[]> {
  const r = await c.query({ query, query_params, format: 'JSONEachRow' });
  return r.json<T>();
}

async function rejection(p: Promise<unknown>): Promise<ClickHouseError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ClickHouseError)) throw new Error(`expected a ClickHouseError, got ${String(error)}`);
  return error;
}

test('ping, and a query in the URL (GET) or in the body (POST), TabSeparated by default', async () => {
  expect(await client.ping()).toEqual({ success: true });
  expect(await (await fetch(`${server.url}/ping`)).text()).toBe('Ok.\n');
  const get = await fetch(`${server.url}/?query=${encodeURIComponent("SELECT 1 + 1, 'a'")}`);
  expect(get.status).toBe(200);
  expect(await get.text()).toBe('2\ta\n');
  expect(get.headers.get('x-clickhouse-format')).toBe('TabSeparated');
  const post = await fetch(`${server.url}/`, { method: 'POST', body: 'SELECT number FROM numbers(3) FORMAT CSV' });
  expect(await post.text()).toBe('0\n1\n2\n');
  expect(post.headers.get('content-type')).toMatch(/^text\/csv/);
  const byDefault = await fetch(`${server.url}/?default_format=JSONEachRow`, { method: 'POST', body: 'SELECT 7 AS x' });
  expect(await byDefault.text()).toBe('{"x":7}\n');
  expect(byDefault.headers.get('x-clickhouse-format')).toBe('JSONEachRow');
});

test('GET is read-only, as on a server', async () => {
  const r = await fetch(`${server.url}/?query=${encodeURIComponent('CREATE TABLE ro (a UInt8) ENGINE = Memory')}`);
  expect(r.status).toBe(500);
  expect(r.headers.get('x-clickhouse-exception-code')).toBe('164');
  expect(await r.text()).toMatch(/^Code: 164\. DB::Exception: .*\(READONLY\)/);
  // The read-only connection does not leak to POSTs.
  await client.command({ query: 'CREATE TABLE rw (a UInt8) ENGINE = Memory' });
  await client.command({ query: 'DROP TABLE rw' });
});

test('param_ values are bound by the engine as sent, never spliced into the SQL', async () => {
  const hostile = "x'); DROP TABLE t; --\t\\n\nline\\";
  const [row] = await rows<Record<string, unknown>>(
    `SELECT {s:String} AS s, {a:Array(String)} AS a, {n:Nullable(String)} AS n, {d:Date} AS d, {u:UInt32} AS u,
            {b:Bool} AS b, {codes:Array(UInt32)} AS codes`,
    { s: hostile, a: ["it's", 'back\\slash', 'tab\there', ''], n: null, d: '2026-01-04', u: 4294967295, b: true, codes: [1, 2] },
  );
  expect(row).toEqual({
    s: hostile,
    a: ["it's", 'back\\slash', 'tab\there', ''],
    n: null,
    d: '2026-01-04',
    u: 4294967295,
    b: true,
    codes: [1, 2],
  });
  expect(await rows('SELECT count() AS c FROM t')).toEqual([{ c: 0 }]);
  // In the URL by hand: the server reads param_ as the escaped text the protocol defines.
  const r = await fetch(
    `${server.url}/?param_x=${encodeURIComponent('a\\tb')}&query=${encodeURIComponent('SELECT length({x:String})')}`,
  );
  expect(await r.text()).toBe('3\n');
  // Parameters travel in the URL: a server takes URIs up to 1 MiB (http_max_uri_size), so does this one.
  const long = Array.from({ length: 20_000 }, (_, i) => `code-${i}`);
  expect(await rows('SELECT length({codes:Array(String)}) AS n', { codes: long })).toEqual([{ n: 20_000 }]);
});

test('inserts: the client insert (data in the body), an inline INSERT … FORMAT in the body, compressed bodies', async () => {
  const insert = await client.insert({
    table: 't',
    values: [
      { id: 1, name: '甲', tags: ['a'], d: '2026-01-01' },
      { id: 2, name: "o'k\ttab", tags: [], d: '2026-01-02' },
    ],
    format: 'JSONEachRow',
  });
  expect(insert.summary?.written_rows).toBe('2');
  await client.insert({
    table: 't',
    values: Readable.from(['3\tc\t[]\t2026-01-03\n', "4\td\t['x']\t2026-01-04\n"], { objectMode: false }),
    format: 'TabSeparated',
  });
  const inline = await fetch(`${server.url}/`, {
    method: 'POST',
    body: 'INSERT INTO t FORMAT CSV\n5,"e,;","[\'y\']",2026-01-05\n',
  });
  expect(inline.status).toBe(200);
  const compressed = createClient({ url: server.url, compression: { request: true, response: true } });
  try {
    await compressed.insert({ table: 't', values: [{ id: 6, name: 'gz', tags: [], d: '2026-01-06' }], format: 'JSONEachRow' });
    expect(await rows('SELECT id, name FROM t WHERE id >= 5 ORDER BY id', undefined, compressed)).toEqual([
      { id: 5, name: 'e,;' },
      { id: 6, name: 'gz' },
    ]);
  } finally {
    await compressed.close();
  }
  const deflated = await fetch(`${server.url}/?query=${encodeURIComponent('INSERT INTO t FORMAT TabSeparated')}`, {
    method: 'POST',
    headers: { 'Content-Encoding': 'deflate' },
    body: zlib.deflateSync('7\tdeflated\t[]\t2026-01-07\n'),
  });
  expect(deflated.status).toBe(200);
  expect(await rows('SELECT id, name, tags FROM t ORDER BY id')).toEqual([
    { id: 1, name: '甲', tags: ['a'] },
    { id: 2, name: "o'k\ttab", tags: [] },
    { id: 3, name: 'c', tags: [] },
    { id: 4, name: 'd', tags: ['x'] },
    { id: 5, name: 'e,;', tags: ['y'] },
    { id: 6, name: 'gz', tags: [] },
    { id: 7, name: 'deflated', tags: [] },
  ]);
});

test('INSERT … SELECT … FROM input(): the SELECT reads the body in the statement format, with its settings and parameters', async () => {
  await client.command({ query: 'CREATE TABLE via_input (n UInt64, name String, tag String) ENGINE = Log' });
  const body = 'id,name\n10,"two\nlines"\n11,"say ""hi"""\n12,plain\n';
  const r = await client.exec({
    query: `INSERT INTO via_input SELECT rowNumberInAllBlocks(), upper(name), {tag:String}
      FROM input('id UInt32, name String') SETTINGS input_format_csv_skip_first_lines = 1 FORMAT CSV`,
    values: Readable.from([Buffer.from(body)]),
    query_params: { tag: "it's" },
  });
  await finished(r.stream.resume());
  expect(await rows('SELECT n, name, tag FROM via_input ORDER BY n')).toEqual([
    { n: 0, name: 'TWO\nLINES', tag: "it's" },
    { n: 1, name: 'SAY "HI"', tag: "it's" },
    { n: 2, name: 'PLAIN', tag: "it's" },
  ]);
  // A row the format refuses fails the statement, nothing written; input() serves one read per statement.
  const refused = client.exec({
    query: "INSERT INTO via_input SELECT 0, name, '' FROM input('id UInt32, name String') FORMAT CSV",
    values: Readable.from([Buffer.from('13,ok\n14\n')]),
  });
  expect(await rejection(refused)).toMatchObject({ type: 'CANNOT_PARSE_INPUT_ASSERTION_FAILED' });
  const twice = client.exec({
    query: "INSERT INTO via_input SELECT 0, a.name, '' FROM input('name String') AS a, input('name String') AS b FORMAT CSV",
    values: Readable.from([Buffer.from('x\n')]),
  });
  expect(await rejection(twice)).toMatchObject({ type: 'BAD_ARGUMENTS' });
  expect(await rows('SELECT count() AS c FROM via_input')).toEqual([{ c: 3 }]);
});

test('responses are compressed when asked (enable_http_compression + Accept-Encoding), headers name the query', async () => {
  const r = await fetch(`${server.url}/?enable_http_compression=1&query_id=q-42`, {
    method: 'POST',
    headers: { 'Accept-Encoding': 'gzip' },
    body: 'SELECT number FROM numbers(1000) FORMAT TabSeparated',
  });
  expect(r.headers.get('content-encoding')).toBe('gzip');
  expect(r.headers.get('x-clickhouse-query-id')).toBe('q-42');
  expect(JSON.parse(r.headers.get('x-clickhouse-summary') as string)).toMatchObject({ result_rows: '1000' });
  expect(r.headers.get('x-clickhouse-timezone')).toBeTruthy();
  // fetch inflates gzip itself; the bytes are the 1000 numbers.
  expect((await r.text()).split('\n').length).toBe(1001);
  const plain = await fetch(`${server.url}/`, { method: 'POST', headers: { 'Accept-Encoding': 'gzip' }, body: 'SELECT 1' });
  expect(plain.headers.get('content-encoding')).toBeNull();
  const result = await client.query({ query: 'SELECT 1 AS one', format: 'JSONEachRow', query_id: 'mine' });
  expect(result.query_id).toBe('mine');
  expect(result.response_headers['x-clickhouse-format']).toBe('JSONEachRow');
});

test('URL settings apply to their query only; a SET without a session does not outlive its request', async () => {
  const setting = "SELECT value AS v FROM system.settings WHERE name = 'max_threads'";
  const before = await rows<{ v: string }>(setting);
  const r = await client.query({ query: setting, format: 'JSONEachRow', clickhouse_settings: { max_threads: 1 } });
  expect(await r.json()).toEqual([{ v: '1' }]);
  expect(await rows(setting)).toEqual(before);
  await client.command({ query: 'SET max_threads = 1' });
  expect(await rows(setting)).toEqual(before);
  const unknown = await rejection(client.query({ query: 'SELECT 1', clickhouse_settings: { no_such_setting: 1 } as never }));
  expect(unknown).toMatchObject({ code: '115', type: 'UNKNOWN_SETTING' });
  expect(await rows('SELECT 1 AS x')).toEqual([{ x: 1 }]);
});

test('session_id: one connection per session (temporary tables, SET), locked while in use, session_check', async () => {
  const session_id = 'session-a';
  await client.command({ query: 'CREATE TEMPORARY TABLE tmp (x UInt8)', session_id });
  await client.command({ query: 'INSERT INTO tmp VALUES (1), (2)', session_id });
  await client.command({ query: 'SET max_threads = 1', session_id });
  const r = await client.query({
    query: "SELECT (SELECT count() FROM tmp) AS n, (SELECT value FROM system.settings WHERE name = 'max_threads') AS v",
    format: 'JSONEachRow',
    session_id,
  });
  expect(await r.json()).toEqual([{ n: 2, v: '1' }]);
  expect(await rejection(client.query({ query: 'SELECT count() FROM tmp' }))).toMatchObject({ type: 'UNKNOWN_TABLE' });
  const slow = client.query({ query: 'SELECT sleep(1)', session_id });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await rejection(client.query({ query: 'SELECT 1', session_id }))).toMatchObject({
    code: '373',
    type: 'SESSION_IS_LOCKED',
  });
  await (await slow).text();
  const check = await fetch(`${server.url}/?session_id=nobody&session_check=1`, { method: 'POST', body: 'SELECT 1' });
  expect(check.status).toBe(500);
  expect(check.headers.get('x-clickhouse-exception-code')).toBe('372');
});

test('database: the query runs in the named database', async () => {
  await client.command({ query: 'CREATE DATABASE other' });
  const inOther = createClient({ url: server.url, database: 'other' });
  try {
    expect(await rows('SELECT currentDatabase() AS db', undefined, inOther)).toEqual([{ db: 'other' }]);
    expect(await rows('SELECT currentDatabase() AS db')).toEqual([{ db: 'default' }]);
    const missing = createClient({ url: server.url, database: 'missing' });
    expect(await rejection(missing.query({ query: 'SELECT 1' }))).toMatchObject({ type: 'UNKNOWN_DATABASE' });
    await missing.close();
  } finally {
    await inOther.close();
  }
});

test('errors carry the server status, X-ClickHouse-Exception-Code and a Code: N. DB::Exception body', async () => {
  const cases: [string, number, string][] = [
    ['SELECT * FROM nowhere', 404, 'UNKNOWN_TABLE'],
    ['SELEC 1', 400, 'SYNTAX_ERROR'],
    ['SELECT 1; SELECT 2', 400, 'SYNTAX_ERROR'],
    ["SELECT throwIf(1, 'boom')", 500, 'FUNCTION_THROW_IF_VALUE_IS_NON_ZERO'],
    ['', 400, 'SYNTAX_ERROR'],
  ];
  for (const [query, status, type] of cases) {
    const r = await fetch(`${server.url}/`, { method: 'POST', body: query });
    const text = await r.text();
    expect({ query, status: r.status, code: r.headers.get('x-clickhouse-exception-code') }).toEqual({
      query,
      status,
      code: /^Code: (\d+)\./.exec(text)?.[1],
    });
    expect(text).toMatch(new RegExp(`^Code: \\d+\\. DB::Exception: .*\\(${type}\\) \\(version .+\\)\\n$`, 's'));
  }
  const timeout = await rejection(
    client.query({
      query: 'SELECT sleep(1) FROM numbers(3)',
      clickhouse_settings: { max_execution_time: 1, max_block_size: '1' },
    }),
  );
  expect(timeout).toMatchObject({ code: '159', type: 'TIMEOUT_EXCEEDED' });
  const r = await fetch(`${server.url}/?max_execution_time=1&max_block_size=1`, {
    method: 'POST',
    body: 'SELECT sleep(1) FROM numbers(3)',
  });
  expect(r.status).toBe(408);
  await r.text();
  expect(await rejection(client.query({ query: 'SELECT nope()' }))).toMatchObject({ code: '46', type: 'UNKNOWN_FUNCTION' });
});

test('a query id already running is refused', async () => {
  const first = client.query({ query: 'SELECT sleep(1)', query_id: 'same-id' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await rejection(client.query({ query: 'SELECT 1', query_id: 'same-id' }))).toMatchObject({
    code: '216',
    type: 'QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING',
  });
  await (await first).text();
});

test('in a child process of its own, on a data dir that survives it', async () => {
  const childDir = path.join(dir, 'child');
  const child = await spawnClickHouseHttpServer(childDir);
  const c = createClient({ url: child.url });
  try {
    await c.command({ query: 'CREATE TABLE kept (x UInt8) ENGINE = MergeTree ORDER BY x' });
    await c.insert({ table: 'kept', values: [{ x: 9 }], format: 'JSONEachRow' });
  } finally {
    await c.close();
    await child.close();
  }
  const again = await spawnClickHouseHttpServer(childDir);
  const c2 = createClient({ url: again.url });
  try {
    expect(await rows('SELECT x FROM kept', undefined, c2)).toEqual([{ x: 9 }]);
  } finally {
    await c2.close();
    await again.close();
  }
});

test('a child server stops when the process that started it dies (no server outlives a crashed test)', async () => {
  const script = `require('./packages/store/test-support/clickhouse-http-server')
    .spawnClickHouseHttpServer(${JSON.stringify(path.join(dir, 'orphan'))})
    .then((s) => process.stdout.write('server ' + s.pid + '\\n'))`;
  const parent = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: path.resolve(__dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    parent.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /server (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    parent.once('exit', () => reject(new Error(`parent exited: ${out}`)));
  });
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  expect(alive()).toBe(true);
  parent.kill('SIGKILL');
  const deadline = Date.now() + 30_000;
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(alive()).toBe(false);
});
