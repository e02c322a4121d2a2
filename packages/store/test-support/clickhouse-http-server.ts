/**
 * Test support: ClickHouse's HTTP interface (the protocol a ClickHouse server speaks on :8123, the one @clickhouse/client
 * uses) in front of the embedded engine (chdb) on a data dir. No ClickHouse server can be installed on these machines,
 * so the store's server path (`CLICKHOUSE_URL`) is tested through this: the same client code, the same wire, the same
 * engine SQL.
 *
 * What it speaks (ClickHouse docs, "HTTP Interface"):
 *  - `GET|POST /` with the query in `?query=` or in the body; with both, the body continues the query (an INSERT's
 *    data). `GET` runs with `readonly=2`, as on a server. `GET /ping` → `Ok.`; `GET /` without a query → `Ok.`.
 *  - `param_<name>` values bound to `{name:Type}` by the engine's own parameter binder (chdb's bound-parameter call
 *    with the text exactly as the client sent it, never put into the SQL), serialized process-wide as chdb requires.
 *  - Output format: the query's `FORMAT`, else `default_format`, else TabSeparated; `X-ClickHouse-Format` and
 *    `Content-Type` name it.
 *  - `INSERT … FORMAT X` with the data in the body (the client's insert), handed to the engine as bytes (a file it
 *    reads: `FROM INFILE`); `INSERT … SELECT … FROM input('structure') … FORMAT X` likewise, the SELECT reading the
 *    body in format X (docs, "input" table function: "Data can be sent in any way like for ordinary INSERT query").
 *  - `database`, `query_id` (a second query with a running id is refused), `session_id` (+ `session_timeout`,
 *    `session_check`): one engine connection per session, so temporary tables and `SET` persist in it; a session in
 *    use by another request is refused (SESSION_IS_LOCKED).
 *  - Every other URL parameter is a setting for this query only: applied to the engine connection before the query
 *    and taken back after it (a session's own values come back; a `SET` inside a sessionless query is undone).
 *  - Compression: a request body with `Content-Encoding: gzip|deflate|br` is inflated; with
 *    `enable_http_compression=1` the answer is compressed with the first of gzip, deflate, br the client accepts
 *    (`http_zlib_compression_level`).
 *  - Headers: `X-ClickHouse-Query-Id`, `-Format`, `-Timezone`, `-Server-Display-Name`, `-Summary` (read / written /
 *    result rows and bytes, elapsed ns); on an error `X-ClickHouse-Exception-Code` and the status a server gives that
 *    exception (its exceptionCodeToHTTPStatus), the body `Code: N. DB::Exception: … (NAME) (version …)`.
 *  - One statement per request: a second statement is refused (SYNTAX_ERROR), as on a server.
 * Not spoken: the native (TCP) protocol, ClickHouse's own `compress=1` block compression, users and passwords (any
 * credentials are accepted), progress headers (answers are sent whole, as with `wait_end_of_query=1`).
 *
 * `startClickHouseHttpServer` runs it in this process; `spawnClickHouseHttpServer` in a child process of its own (as a
 * server would be: the test process and the processes it starts reach it only over HTTP); run directly
 * (`node -r @swc-node/register clickhouse-http-server.ts DIR [PORT]`) it prints its URL and serves until killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

/** The raw answer of the engine's async query / insert calls. */
interface NativeResult {
  bytes: Uint8Array;
  elapsed: number;
  rowsRead: number;
  bytesRead: number;
}
interface NativeInsertResult {
  rowsWritten: number;
  bytesWritten: number;
  elapsed: number;
}
/**
 * chdb's native calls. Its JS layer formats bound parameters from JS values (a string is escaped again); a server
 * binds the text the client sent as it is, so this calls the same native binder with that text.
 */
interface ChdbNative {
  QueryAsyncConnection(connection: unknown, sql: string, format: string, params?: Record<string, string>): Promise<NativeResult>;
  InsertRawAsyncConnection(connection: unknown, prefix: string, data: Buffer, countLines: boolean): Promise<NativeInsertResult>;
}
interface ChdbSession {
  connection: unknown;
  close(): void;
}

function loadChdb(): {
  Session: new (dir: string, opts?: { connectionArgs?: readonly string[] }) => ChdbSession;
  native: ChdbNative;
} {
  const { Session } = require('chdb') as { Session: new (dir: string, opts?: object) => ChdbSession };
  const loader = require(path.join(path.dirname(require.resolve('chdb')), 'dist/loader.js')) as {
    loadNative(): ChdbNative;
  };
  const native = loader.loadNative();
  if (typeof native.QueryAsyncConnection !== 'function' || typeof native.InsertRawAsyncConnection !== 'function')
    throw new Error('this chdb has no QueryAsyncConnection / InsertRawAsyncConnection: update clickhouse-http-server.ts');
  return { Session, native };
}

/** Error codes this server raises itself (ClickHouse's src/Common/ErrorCodes.cpp). */
const CODES = {
  BAD_ARGUMENTS: 36,
  SYNTAX_ERROR: 62,
  UNKNOWN_COMPRESSION_METHOD: 89,
  QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING: 216,
  SESSION_NOT_FOUND: 372,
  SESSION_IS_LOCKED: 373,
} as const;

/** ClickHouse's exceptionCodeToHTTPStatus (src/Server/HTTP/exceptionCodeToHTTPStatus.cpp), by exception name. */
const STATUS_BY_NAME: Record<string, number> = {
  REQUIRED_PASSWORD: 401,
  ...Object.fromEntries(
    ['UNKNOWN_USER', 'WRONG_PASSWORD', 'AUTHENTICATION_FAILED', 'SET_NON_GRANTED_ROLE', 'ACCESS_DENIED'].map((n) => [n, 403]),
  ),
  ...Object.fromEntries(
    [
      'BAD_ARGUMENTS',
      'CANNOT_COMPILE_REGEXP',
      'CANNOT_PARSE_TEXT',
      'CANNOT_PARSE_ESCAPE_SEQUENCE',
      'CANNOT_PARSE_QUOTED_STRING',
      'CANNOT_PARSE_DATE',
      'CANNOT_PARSE_DATETIME',
      'CANNOT_PARSE_NUMBER',
      'CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING',
      'CANNOT_PARSE_IPV4',
      'CANNOT_PARSE_IPV6',
      'CANNOT_PARSE_INPUT_ASSERTION_FAILED',
      'CANNOT_PARSE_UUID',
      'DUPLICATE_COLUMN',
      'ILLEGAL_COLUMN',
      'UNKNOWN_ELEMENT_IN_AST',
      'UNKNOWN_TYPE_OF_AST_NODE',
      'THERE_IS_NO_COLUMN',
      'TOO_DEEP_AST',
      'TOO_BIG_AST',
      'UNEXPECTED_AST_STRUCTURE',
      'SYNTAX_ERROR',
      'INCORRECT_DATA',
      'TYPE_MISMATCH',
      'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE',
    ].map((n) => [n, 400]),
  ),
  ...Object.fromEntries(
    [
      'UNKNOWN_TABLE',
      'UNKNOWN_FUNCTION',
      'UNKNOWN_IDENTIFIER',
      'UNKNOWN_TYPE',
      'UNKNOWN_STORAGE',
      'UNKNOWN_DATABASE',
      'UNKNOWN_SETTING',
      'UNKNOWN_DIRECTION_OF_SORTING',
      'UNKNOWN_AGGREGATE_FUNCTION',
      'UNKNOWN_FORMAT',
      'UNKNOWN_DATABASE_ENGINE',
      'UNKNOWN_TYPE_OF_QUERY',
      'UNKNOWN_ROLE',
    ].map((n) => [n, 404]),
  ),
  QUERY_IS_TOO_LARGE: 413,
  NOT_IMPLEMENTED: 501,
  SOCKET_TIMEOUT: 503,
  CANNOT_OPEN_FILE: 503,
  CANNOT_SCHEDULE_TASK: 503,
  HTTP_LENGTH_REQUIRED: 411,
  TIMEOUT_EXCEEDED: 408,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

/** URL parameters of the HTTP interface itself; every other one (but `param_*`) is a setting. */
const NOT_SETTINGS = new Set([
  'query',
  'query_id',
  'database',
  'default_format',
  'session_id',
  'session_timeout',
  'session_check',
  'user',
  'password',
  'quota_key',
  'buffer_size',
  'wait_end_of_query',
  'compress',
  'decompress',
  'role',
  'stacktrace',
  'client_protocol_version',
]);
/** Settings of the HTTP layer: this server acts on them, the engine is not told. */
const HTTP_SETTINGS = new Set([
  'enable_http_compression',
  'http_zlib_compression_level',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'http_wait_end_of_query',
  'http_response_buffer_size',
  'http_native_compression_disable_checksumming_on_decompress',
  'http_response_compression_method',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

class HttpQueryError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
  ) {
    super(`Code: ${code}. DB::Exception: ${message}. (${codeName})`);
  }
}

/** A setting's value as a SQL literal: plain numbers as they are, anything else a quoted string. */
function settingLiteral(value: string): string {
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Where the first statement of `sql` ends, skipping quoted text and comments: -1 when there is one statement (a
 * trailing `;` and blanks allowed). An INSERT's inline data (after its FORMAT name) is not SQL and is not scanned.
 */
function secondStatementAt(sql: string): number {
  const insertData = /^\s*INSERT\b[\s\S]*?\bFORMAT\s+[A-Za-z0-9_]+/i.exec(sql);
  const end = insertData && !/\bVALUES\b/i.test(insertData[0]) ? insertData[0].length : sql.length;
  let i = 0;
  while (i < end) {
    const c = sql[i] as string;
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < end && sql[i] !== c) i += sql[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < end && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else if (c === ';') {
      if (sql.slice(i + 1, end).trim() !== '') return i;
      return -1;
    } else i++;
  }
  return -1;
}

/**
 * `INSERT … SELECT … FROM input('structure') … FORMAT X` (the "input" table function: the SELECT reads the request's
 * data, parsed in format X with the structure given, as the server receives it): as the same statement with the data
 * in `file` read by the engine's file() in its place — the engine in front of which this runs has no request data.
 * Null for any other statement. The format's settings are the query's (URL settings and its SETTINGS clause), as for
 * input(). A server reads the data as it arrives; this reads it once the body is whole (answers are whole anyway).
 */
function inputInsert(prefix: string): ((file: string) => string) | null {
  const statement = /^(\s*INSERT\b[\s\S]*?)\s+FORMAT\s+([A-Za-z0-9_]+)\s*$/i.exec(prefix);
  const call = /\binput\s*\(\s*('(?:[^'\\]|\\.)*')\s*\)/gi;
  const calls = statement ? [...(statement[1] as string).matchAll(call)] : [];
  if (!statement || calls.length === 0) return null;
  if (calls.length > 1) {
    throw new HttpQueryError(CODES.BAD_ARGUMENTS, 'BAD_ARGUMENTS', 'Table function input() can be used only once in a query');
  }
  const [select, format] = [statement[1] as string, statement[2] as string];
  return (file) =>
    select.replace(call, (_, structure: string) => `file('${file.replace(/'/g, "\\'")}', '${format}', ${structure})`);
}

/** The output format named by the query's own FORMAT clause (not an INSERT's input format). */
function queryFormat(sql: string): string | null {
  if (/^\s*INSERT\b/i.test(sql)) return null;
  const m = /\bFORMAT\s+([A-Za-z0-9_]+)\s*;?\s*$/i.exec(sql);
  return m ? (m[1] as string) : null;
}

function contentType(format: string): string {
  if (/^(TabSeparated|TSV)/i.test(format)) return 'text/tab-separated-values; charset=UTF-8';
  if (/^CSV/i.test(format)) return 'text/csv; charset=UTF-8; header=absent';
  if (/EachRow/i.test(format) && /^JSON/i.test(format)) return 'application/x-ndjson; charset=UTF-8';
  if (/^JSON/i.test(format)) return 'application/json; charset=UTF-8';
  if (/^(RowBinary|Native|Parquet|Arrow|ORC|Avro|Protobuf|MsgPack)/i.test(format)) return 'application/octet-stream';
  return 'text/plain; charset=UTF-8';
}

/** One engine connection: its own settings and temporary tables (a session's, or a pooled one's). */
class EngineConnection {
  /** URL settings applied for the current request, name → literal. */
  readonly applied = new Map<string, string>();
  /** The value each applied setting had before (null: not changed), put back when no request asks for it. */
  private readonly before = new Map<string, string | null>();
  /** Settings changed on the connection that are its own (chdb's at open; a session's SETs), name → value. */
  private own = new Map<string, string>();
  database = 'default';

  constructor(
    readonly session: ChdbSession,
    private readonly engine: Engine,
  ) {}

  async init(readonly: boolean): Promise<void> {
    if (readonly) await this.engine.run(this, 'SET readonly = 2', 'TabSeparated');
    this.own = await this.changedSettings();
  }

  async changedSettings(): Promise<Map<string, string>> {
    const r = await this.engine.run(this, 'SELECT name, value FROM system.settings WHERE changed', 'JSONEachRow');
    const text = Buffer.from(r.bytes).toString('utf8');
    const rows = text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { name: string; value: string });
    return new Map(rows.map((r) => [r.name, r.value]));
  }

  /** Make the connection's settings this request's: set what differs, put back what the last request set. */
  async applySettings(settings: Map<string, string>, database: string): Promise<void> {
    const assignments: string[] = [];
    for (const [name, literal] of settings) {
      if (this.applied.get(name) === literal) continue;
      if (!this.before.has(name)) this.before.set(name, this.own.get(name) ?? null);
      assignments.push(`${name} = ${literal}`);
    }
    for (const name of this.applied.keys()) {
      if (settings.has(name)) continue;
      const previous = this.before.get(name) ?? null;
      assignments.push(`${name} = ${previous === null ? 'DEFAULT' : settingLiteral(previous)}`);
      this.before.delete(name);
    }
    if (assignments.length > 0) {
      this.applied.clear();
      for (const [name, literal] of settings) this.applied.set(name, literal);
      try {
        await this.engine.run(this, `SET ${assignments.join(', ')}`, 'TabSeparated');
      } catch (error) {
        // A refused setting (unknown name, bad value) leaves the connection as it was for the next request.
        this.applied.clear();
        await this.resetTo(new Map()).catch(() => undefined);
        throw error;
      }
    }
    if (database !== this.database) {
      await this.engine.run(this, `USE ${database}`, 'TabSeparated');
      this.database = database;
    }
  }

  /** After a `SET` inside the query: keep a session's (`keep`), undo a sessionless one's. */
  async afterSet(keep: boolean): Promise<void> {
    const now = await this.changedSettings();
    if (keep) {
      for (const [name, value] of now) if (!this.applied.has(name)) this.own.set(name, value);
      for (const name of [...this.own.keys()]) if (!now.has(name) && !this.applied.has(name)) this.own.delete(name);
      return;
    }
    await this.resetTo(now);
  }

  private async resetTo(now: Map<string, string>): Promise<void> {
    const assignments: string[] = [];
    for (const [name, value] of now) {
      if (this.applied.has(name)) continue;
      const own = this.own.get(name);
      if (own === value) continue;
      assignments.push(`${name} = ${own === undefined ? 'DEFAULT' : settingLiteral(own)}`);
    }
    for (const [name, value] of this.own) if (!now.has(name)) assignments.push(`${name} = ${settingLiteral(value)}`);
    if (assignments.length > 0) await this.engine.run(this, `SET ${assignments.join(', ')}`, 'TabSeparated');
  }
}

/** The engine: chdb connections on one data dir, the process-wide order of parameterized queries, in-flight calls. */
class Engine {
  private readonly chdb = loadChdb();
  private readonly anchor: ChdbSession;
  private paramChain: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly idle = { rw: [] as EngineConnection[], ro: [] as EngineConnection[] };
  private readonly all = new Set<EngineConnection>();
  version = '';
  timezone = 'UTC';

  constructor(
    readonly dir: string,
    connectionArgs: readonly string[],
  ) {
    fs.mkdirSync(dir, { recursive: true });
    // Server configuration reaches the engine only with the first connection to the directory (chdb's connectionArgs).
    this.anchor = new this.chdb.Session(dir, { connectionArgs });
  }

  async start(): Promise<void> {
    const c = await this.open(false);
    const r = await this.run(c, 'SELECT version(), timezone()', 'TabSeparated');
    const [version, timezone] = Buffer.from(r.bytes).toString('utf8').trim().split('\t');
    this.version = version ?? '';
    this.timezone = timezone ?? 'UTC';
    this.release(c, false);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  run(c: EngineConnection, sql: string, format: string, params?: Record<string, string>): Promise<NativeResult> {
    if (!params || Object.keys(params).length === 0) {
      return this.track(this.chdb.native.QueryAsyncConnection(c.session.connection, sql, format));
    }
    // chdb's bound parameters are process-wide engine state: one parameterized query at a time.
    const p = this.paramChain.then(() => this.chdb.native.QueryAsyncConnection(c.session.connection, sql, format, params));
    this.paramChain = p.catch(() => undefined);
    return this.track(p);
  }

  /**
   * An INSERT's data, as a file the engine reads as the statement's `FROM INFILE`: chdb's raw insert (kept for a
   * statement this cannot rewrite) ends the data at its first blank line, reading the rest as SQL, and parsed a 367 MB
   * CSV body half as fast. `written_bytes` is then the bytes read.
   */
  async insert(c: EngineConnection, prefix: string, data: Buffer, params: Record<string, string>): Promise<NativeInsertResult> {
    const viaInput = inputInsert(prefix);
    const infile = /^([\s\S]*?)(\s+(?:SETTINGS\b[\s\S]*?\s+)?FORMAT\s+[A-Za-z0-9_]+)$/i.exec(prefix);
    if (!viaInput && !infile) {
      return this.track(this.chdb.native.InsertRawAsyncConnection(c.session.connection, prefix, data, false));
    }
    const file = path.join(os.tmpdir(), `clickhouse-http-insert-${process.pid}-${randomUUID()}`);
    await fs.promises.writeFile(file, data);
    try {
      const sql = viaInput ? viaInput(file) : `${infile?.[1]} FROM INFILE '${file}'${infile?.[2]}`;
      const r = await this.run(c, sql, 'TabSeparated', params);
      return { rowsWritten: r.rowsRead, bytesWritten: r.bytesRead, elapsed: r.elapsed };
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }

  async open(readonly: boolean): Promise<EngineConnection> {
    const c = new EngineConnection(new this.chdb.Session(this.dir), this);
    this.all.add(c);
    try {
      await c.init(readonly);
    } catch (error) {
      this.discard(c);
      throw error;
    }
    return c;
  }

  async acquire(readonly: boolean): Promise<EngineConnection> {
    return this.idle[readonly ? 'ro' : 'rw'].pop() ?? (await this.open(readonly));
  }

  release(c: EngineConnection, readonly: boolean): void {
    const pool = this.idle[readonly ? 'ro' : 'rw'];
    if (pool.length < 8) pool.push(c);
    else this.discard(c);
  }

  discard(c: EngineConnection): void {
    this.all.delete(c);
    c.session.close();
  }

  async close(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    for (const c of this.all) c.session.close();
    this.all.clear();
    this.anchor.close();
  }
}

interface HttpSession {
  connection: EngineConnection;
  busy: boolean;
  timer: NodeJS.Timeout | null;
}

export interface ClickHouseHttpServerOptions {
  /** The engine's data directory (locked by this process while it serves). */
  dir: string;
  /** Default 0: a free port. */
  port?: number;
  /** Extra `clickhouse local` arguments for the engine (chdb connectionArgs), e.g. `--backups.allowed_path=…`. */
  connectionArgs?: readonly string[];
}

export interface ClickHouseHttpServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

function decompressBody(body: Buffer, encoding: string | undefined): Buffer {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === '' || e === 'identity') return body;
  if (e === 'gzip' || e === 'x-gzip') return zlib.gunzipSync(body);
  if (e === 'deflate') return zlib.inflateSync(body);
  if (e === 'br') return zlib.brotliDecompressSync(body);
  throw new HttpQueryError(
    CODES.UNKNOWN_COMPRESSION_METHOD,
    'UNKNOWN_COMPRESSION_METHOD',
    `Unknown HTTP compression method: ${e}`,
  );
}

function responseCodec(acceptEncoding: string | undefined): 'gzip' | 'deflate' | 'br' | null {
  for (const part of (acceptEncoding ?? '').split(',')) {
    const name = part.split(';')[0]?.trim().toLowerCase();
    if (name === 'gzip' || name === 'deflate' || name === 'br') return name;
  }
  return null;
}

function compress(body: Buffer, codec: 'gzip' | 'deflate' | 'br', level: number): Buffer {
  if (codec === 'gzip') return zlib.gzipSync(body, { level });
  if (codec === 'deflate') return zlib.deflateSync(body, { level });
  return zlib.brotliCompressSync(body);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serve ClickHouse's HTTP interface on 127.0.0.1 in this process, in front of the engine on `options.dir`. */
export async function startClickHouseHttpServer(options: ClickHouseHttpServerOptions): Promise<ClickHouseHttpServer> {
  const engine = new Engine(options.dir, options.connectionArgs ?? []);
  await engine.start();
  const sessions = new Map<string, HttpSession>();
  const running = new Set<string>();

  const closeSession = (id: string) => {
    const s = sessions.get(id);
    if (!s || s.busy) return;
    sessions.delete(id);
    engine.discard(s.connection);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' }).end('Ok.\n');
      return;
    }
    const queryId = url.searchParams.get('query_id') || randomUUID();
    const headers: Record<string, string> = {
      'X-ClickHouse-Server-Display-Name': 'clickhouse-http-server',
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Timezone': engine.timezone,
      'Keep-Alive': 'timeout=10',
    };
    const compressionAsked = ['1', 'true'].includes(url.searchParams.get('enable_http_compression') ?? '');
    const codec = compressionAsked ? responseCodec(req.headers['accept-encoding']) : null;
    const level = Number(url.searchParams.get('http_zlib_compression_level') ?? 3) || 3;
    const send = (status: number, body: Buffer) => {
      if (codec && body.length > 0) {
        headers['Content-Encoding'] = codec;
        body = compress(body, codec, level);
      }
      if (process.env.CLICKHOUSE_HTTP_SERVER_LOG === '2') process.stderr.write(`clickhouse-http-server: ${status} ${req.url}\n`);
      res.writeHead(status, headers).end(body);
    };

    let session: HttpSession | null = null;
    let connection: EngineConnection | null = null;
    const readonly = req.method === 'GET';
    let registered = false;
    try {
      if (req.method !== 'GET' && req.method !== 'POST') {
        throw new HttpQueryError(CODES.SYNTAX_ERROR, 'SYNTAX_ERROR', `HTTP method ${req.method} is not supported`);
      }
      const body = decompressBody(await readBody(req), req.headers['content-encoding'] as string | undefined);
      if (running.has(queryId)) {
        throw new HttpQueryError(
          CODES.QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING,
          'QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING',
          `Query with id = ${queryId} is already running`,
        );
      }
      running.add(queryId);
      registered = true;

      const settings = new Map<string, string>();
      const params: Record<string, string> = {};
      for (const [name, value] of url.searchParams) {
        if (name.startsWith('param_')) params[name.slice('param_'.length)] = value;
        else if (!NOT_SETTINGS.has(name) && !HTTP_SETTINGS.has(name)) {
          if (!IDENTIFIER.test(name)) throw new HttpQueryError(CODES.SYNTAX_ERROR, 'SYNTAX_ERROR', `Bad setting name: ${name}`);
          settings.set(name, settingLiteral(value));
        }
      }
      const database = url.searchParams.get('database') || 'default';
      if (!IDENTIFIER.test(database))
        throw new HttpQueryError(CODES.SYNTAX_ERROR, 'SYNTAX_ERROR', `Bad database name: ${database}`);

      const urlQuery = url.searchParams.get('query') ?? '';
      // With the query in the URL, the body continues it (an INSERT's data); else the body is the query.
      let sql: string;
      let insertPrefix: string | null = null;
      let insertData: Buffer | null = null;
      if (urlQuery !== '' && body.length > 0 && /^\s*INSERT\b[\s\S]*\bFORMAT\s+[A-Za-z0-9_]+\s*$/i.test(urlQuery)) {
        sql = urlQuery;
        insertPrefix = urlQuery.trim();
        insertData = body;
      } else {
        sql = urlQuery === '' ? body.toString('utf8') : body.length > 0 ? `${urlQuery}\n${body.toString('utf8')}` : urlQuery;
        const inline = /^\s*INSERT\b[\s\S]*?\bFORMAT\s+[A-Za-z0-9_]+[ \t]*\r?\n?/i.exec(sql);
        if (inline && !/\bVALUES\b/i.test(inline[0]) && Object.keys(params).length === 0) {
          insertPrefix = inline[0].trim();
          // The data as sent (bytes: a binary format survives), after the statement's bytes.
          insertData =
            urlQuery === ''
              ? body.subarray(Buffer.byteLength(inline[0], 'utf8'))
              : Buffer.from(sql.slice(inline[0].length), 'utf8');
        }
      }
      if (sql.trim() === '') throw new HttpQueryError(CODES.SYNTAX_ERROR, 'SYNTAX_ERROR', 'Empty query');
      if (secondStatementAt(sql) >= 0) {
        throw new HttpQueryError(
          CODES.SYNTAX_ERROR,
          'SYNTAX_ERROR',
          `Syntax error (Multi-statements are not allowed): failed at position ${secondStatementAt(sql) + 1}`,
        );
      }
      const defaultFormat = url.searchParams.get('default_format') || 'TabSeparated';
      const format = queryFormat(sql) ?? defaultFormat;

      const sessionId = url.searchParams.get('session_id');
      if (sessionId) {
        const existing = sessions.get(sessionId);
        if (existing?.busy) {
          throw new HttpQueryError(
            CODES.SESSION_IS_LOCKED,
            'SESSION_IS_LOCKED',
            `Session ${sessionId} is locked by a concurrent client`,
          );
        }
        if (!existing && url.searchParams.get('session_check') === '1') {
          throw new HttpQueryError(CODES.SESSION_NOT_FOUND, 'SESSION_NOT_FOUND', `Session ${sessionId} not found`);
        }
        session = existing ?? { connection: await engine.open(false), busy: false, timer: null };
        sessions.set(sessionId, session);
        session.busy = true;
        if (session.timer) clearTimeout(session.timer);
        connection = session.connection;
      } else {
        connection = await engine.acquire(readonly);
      }

      await connection.applySettings(settings, database);
      const summary = {
        read_rows: '0',
        read_bytes: '0',
        written_rows: '0',
        written_bytes: '0',
        total_rows_to_read: '0',
        result_rows: '0',
        result_bytes: '0',
        elapsed_ns: '0',
      };
      let out: Buffer = Buffer.alloc(0);
      if (insertPrefix !== null && insertData !== null) {
        if (insertData.length > 0) {
          const r = await engine.insert(connection, insertPrefix, insertData, params);
          summary.written_rows = String(r.rowsWritten ?? 0);
          summary.written_bytes = String(r.bytesWritten ?? 0);
          summary.elapsed_ns = String(Math.round((r.elapsed ?? 0) * 1e9));
        }
      } else {
        const r = await engine.run(connection, sql, defaultFormat, params);
        out = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
        summary.read_rows = String(r.rowsRead ?? 0);
        summary.read_bytes = String(r.bytesRead ?? 0);
        summary.result_rows = String(r.rowsRead ?? 0);
        summary.result_bytes = String(out.length);
        summary.elapsed_ns = String(Math.round((r.elapsed ?? 0) * 1e9));
      }
      if (/\bSET\b/i.test(sql.slice(0, insertPrefix?.length ?? sql.length))) await connection.afterSet(session !== null);
      headers['X-ClickHouse-Format'] = format;
      headers['Content-Type'] = contentType(format);
      headers['X-ClickHouse-Summary'] = JSON.stringify(summary);
      send(200, out);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = Number(/Code: (\d+)\./.exec(message)?.[1] ?? 1001);
      const name = /\(([A-Z][A-Z0-9_]+)\)\s*$/.exec(message.trim())?.[1] ?? 'STD_EXCEPTION';
      const text = /^Code: \d+\. DB::Exception: /.test(message) ? message : `Code: ${code}. DB::Exception: ${message}. (${name})`;
      if (process.env.CLICKHOUSE_HTTP_SERVER_LOG) process.stderr.write(`clickhouse-http-server: ${req.url}: ${message}\n`);
      headers['X-ClickHouse-Exception-Code'] = String(code);
      headers['Content-Type'] = 'text/plain; charset=UTF-8';
      send(STATUS_BY_NAME[name] ?? 500, Buffer.from(`${text} (version ${engine.version})\n`, 'utf8'));
    } finally {
      if (registered) running.delete(queryId);
      if (session) {
        session.busy = false;
        const id = url.searchParams.get('session_id') as string;
        const seconds = Math.min(Number(url.searchParams.get('session_timeout') ?? 60) || 60, 3600);
        session.timer = setTimeout(() => closeSession(id), seconds * 1000);
        session.timer.unref();
      } else if (connection) {
        engine.release(connection, readonly);
      }
    }
  }

  // A server takes URIs up to http_max_uri_size (1 MiB): bound parameters travel in the URL.
  const server = http.createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (process.env.CLICKHOUSE_HTTP_SERVER_LOG) process.stderr.write(`clickhouse-http-server: ${req.url}: ${String(error)}\n`);
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const s of sessions.values()) if (s.timer) clearTimeout(s.timer);
      sessions.clear();
      await engine.close();
    },
  };
}

/** A ClickHouse HTTP server in a child process of its own, on `dir`; `close()` stops it (SIGTERM) and waits. */
export async function spawnClickHouseHttpServer(
  dir: string,
  options: { connectionArgs?: readonly string[] } = {},
): Promise<ClickHouseHttpServer & { readonly pid: number }> {
  const args = ['-r', '@swc-node/register', __filename, dir, '0', ...(options.connectionArgs ?? [])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: path.resolve(__dirname, '../../..'),
    // The IPC channel: the server stops when this process goes (a test that died before close() leaves no server).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`clickhouse-http-server exited (${code}) before listening: ${stderr}`)));
  });
  // Neither the channel nor the pipes keep this process alive: close() or this process's exit ends the server.
  child.channel?.unref();
  return {
    url,
    pid: child.pid as number,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

if (require.main === module) {
  const [dir, port, ...connectionArgs] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: clickhouse-http-server.ts DATA_DIR [PORT] [ENGINE_ARGS…]\n');
    process.exit(64);
  }
  startClickHouseHttpServer({ dir: path.resolve(dir), port: Number(port ?? 0), connectionArgs }).then(
    (server) => {
      process.stdout.write(`clickhouse-http-server listening ${server.url}\n`);
      const stop = () => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      // Started by spawnClickHouseHttpServer: its parent gone, the server goes too.
      if (process.send) process.once('disconnect', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
