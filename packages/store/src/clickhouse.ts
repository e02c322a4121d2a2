import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  type ClickHouseClient,
  type ClickHouseSettings,
  createClient,
  type ErrorLogParams,
  type Logger,
  type LogParams,
  type WarnLogParams,
} from '@clickhouse/client';
import type { AppConfig } from './config';
import { EmbeddedLane, sqlStringLiteral } from './embedded-lanes';

export type { ClickHouseClient } from '@clickhouse/client';

/**
 * Bulk insert on the embedded engine. The rows are written to a staging file and the engine reads it with its own
 * file() reader (`INSERT … SELECT * FROM file(…, TabSeparated)`, the structure taken from the target table): measured
 * 2–3× cheaper than handing the same bytes inline (chdb's rawInsert or @clickhouse/client's insert, which put the
 * payload into the query text). A server (`CLICKHOUSE_URL`) has none: writers use `client.insert` there.
 */
export interface EmbeddedBulkInsert {
  /** Insert TabSeparated rows whose fields follow `columns`; one INSERT, so one atomic block per call. */
  insertTabSeparated(table: string, columns: readonly string[], rows: string | Buffer): Promise<void>;
  /** A directory of this process's own for files the engine reads (emptied when the store is opened). */
  readonly stagingDir: string;
}

const bulkInserts = new WeakMap<ClickHouseClient, EmbeddedBulkInsert>();

/** The bulk insert of an embedded (chdb) client made by `createClickHouse`; null for a server client. */
export function embeddedBulkInsert(client: ClickHouseClient): EmbeddedBulkInsert | null {
  return bulkInserts.get(client) ?? null;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface ChdbQuery {
  queryAsync(sql: string, opts?: { format?: string }): Promise<{ text(): string }>;
}

/** A type as file() should read it: LowCardinality(T) read as T (3× cheaper to parse; the insert converts). */
function readType(type: string): string {
  const m = /^LowCardinality\((.*)\)$/.exec(type);
  return m ? (m[1] as string) : type;
}

function bulkInsertOn(engine: ChdbQuery, stagingDir: string): EmbeddedBulkInsert {
  // Staging files of a process killed mid-insert are stale: this process holds the store now.
  fs.rmSync(stagingDir, { recursive: true, force: true });
  fs.mkdirSync(stagingDir, { recursive: true });
  const types = new Map<string, Promise<Map<string, string>>>();
  const typesOf = (table: string): Promise<Map<string, string>> => {
    let known = types.get(table);
    if (!known) {
      known = engine
        .queryAsync(
          `SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = ${sqlStringLiteral(table)}`,
          {
            format: 'JSONEachRow',
          },
        )
        .then((result) => {
          const rows = result
            .text()
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as { name: string; type: string });
          return new Map(rows.map((r) => [r.name, r.type]));
        });
      known.catch(() => types.delete(table));
      types.set(table, known);
    }
    return known;
  };
  let seq = 0;
  return {
    stagingDir,
    async insertTabSeparated(table, columns, rows) {
      for (const name of [table, ...columns]) {
        if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
      }
      const columnTypes = await typesOf(table);
      const structure = columns
        .map((c) => {
          const type = columnTypes.get(c);
          if (!type) throw new Error(`${table} has no column ${c}`);
          return `${c} ${readType(type)}`;
        })
        .join(', ');
      const file = path.join(stagingDir, `${process.pid}-${++seq}.tsv`);
      await fs.promises.writeFile(file, rows);
      try {
        await engine.queryAsync(
          // No ReplacingMergeTree collapse per inserted block: readers use FINAL, and the collapse re-sorted every block.
          `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM file(${sqlStringLiteral(file)}, 'TabSeparated', ${sqlStringLiteral(structure)})
           SETTINGS optimize_on_insert = 0`,
          { format: 'TabSeparated' },
        );
      } finally {
        await fs.promises.rm(file, { force: true });
      }
    },
  };
}

/**
 * Ask the embedded engine's allocator (the jemalloc inside libchdb, which reads JE_MALLOC_CONF when the library
 * loads) to hand freed memory back to the system within 200 ms, from a background thread. Its default keeps freed
 * pages for reuse, so a process running one large streaming statement after another (the loader) grew with the
 * file: peak RSS of the engine-side stage of a CSV export 1.12 GB at 1 M rows, 1.85 GB at 2 M; with this 0.80 GB at
 * both (and 0.78 GB at 200 k), ~10 % slower. The loader and the api server (which runs the loads the loader hands
 * over: its peak during a 1 M-row CSV load 1.24 GB → 0.95 GB, same time; query latency and throughput of
 * bench/api-latency.ts unchanged) call it before their first createClickHouse (later it has no effect); a JE_MALLOC_CONF
 * already set wins.
 */
export function returnEngineMemoryPromptly(): void {
  process.env.JE_MALLOC_CONF ??= 'background_thread:true,dirty_decay_ms:200,muzzy_decay_ms:0';
}

/**
 * How many questions the embedded engine holds at once (EmbeddedLane's depth): each waits on a thread of Node's pool
 * (`poolThreads`, UV_THREADPOOL_SIZE; 4 by default), beside the load lane's one, and some must stay for files,
 * passwords and compression. 2 with the default pool (3 of 4 threads at most), 4 from 8 threads on (the api server's:
 * packages/api/src/node-pool.ts). Measured in the 50-client run of bench/api-latency.ts at 10 M: p95 5.8 s with 1, 3.2 s
 * with 2, 1.0 s with 4 (8 gave no more), the same ~90 answers a second: on a busy api the event loop takes a
 * statement's end 100–200 ms late, and only statements already inside the engine keep it working meanwhile.
 */
export function questionsLaneDepth(poolThreads: number): number {
  return Math.min(4, Math.max(2, poolThreads - 4));
}

/** Where the embedded engine keeps its files. chdb locks this directory: one process at a time. */
export function embeddedClickHousePath(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'clickhouse');
}

/** Where the embedded engine may write and read `BACKUP … TO File(…)` by default (a server's backup goes here first). */
export function embeddedBackupsPath(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'clickhouse-backups');
}

const backupsDirs = new WeakMap<ClickHouseClient, string>();

/** The directory BACKUP/RESTORE may use on an embedded client made by `createClickHouse`; null for a server client. */
export function embeddedBackupsDir(client: ClickHouseClient): string | null {
  return backupsDirs.get(client) ?? null;
}

export interface ClickHouseOptions {
  /**
   * The engine's `backups.allowed_path` (embedded only): BACKUP and RESTORE read and write `File(…)` under it, nowhere
   * else. A server setting, fixed when the store is opened; default `DATA_DIR/clickhouse-backups`.
   */
  backupsDir?: string;
}

const clusters = new WeakMap<ClickHouseClient, string>();

/** The cluster a server client made by `createClickHouse` writes to (CLICKHOUSE_CLUSTER); null: one node. */
export function clickHouseCluster(client: ClickHouseClient): string | null {
  return clusters.get(client) ?? null;
}

/**
 * Settings of every statement on a cluster (infra/README.md §Cluster layout):
 *  - inserts into a Distributed table return once every shard stored its rows (not queued for later), and a shard's
 *    insert once a quorum of its replicas has it ('auto': a majority; both replicas at the replication factor of 2), so
 *    the read that follows a write — the loader's next lookup, the read-model build — sees it whichever replica serves;
 *  - every IN and JOIN is GLOBAL: its right side is computed once by the node that received the statement and sent to
 *    the shards. That is what the loader needs (its stage tables exist on the node it talks to only) and what keeps a
 *    national question's subqueries national.
 */
export const CLUSTER_SETTINGS = {
  insert_distributed_sync: 1,
  insert_quorum: 'auto',
  prefer_global_in_and_join: 1,
} as const;

const HANDLED_FAILURE = 'handled-failure-';

/**
 * A query id for a statement whose failure the caller handles and reports itself, such as the engine-side load's
 * read of an export (a file the engine cannot parse is then loaded row by row, with a warning naming why): the server
 * client does not log that failure as an ERROR (ServerClientLog) — which would also put the engine's message, quoting
 * the file's text, in the log.
 */
export function handledFailureQueryId(): string {
  return `${HANDLED_FAILURE}${randomUUID()}`;
}

/**
 * The server client's log: the client's own lines (its DefaultLogger's format, on the console), but the failure of a
 * statement run with a handledFailureQueryId, which the client also throws to its caller.
 */
class ServerClientLog implements Logger {
  private write(to: (...args: unknown[]) => void, level: string, { module, message, args }: LogParams, err?: Error): void {
    const line = `[${new Date().toISOString()}][${level}][@clickhouse/client][${module}] ${message}`;
    to(line, ...(args ? ['\nArguments:', args] : []), ...(err ? ['\nCaused by:', err] : []));
  }
  trace(p: LogParams): void {
    this.write(console.debug, 'TRACE', p);
  }
  debug(p: LogParams): void {
    this.write(console.debug, 'DEBUG', p);
  }
  info(p: LogParams): void {
    this.write(console.info, 'INFO', p);
  }
  warn(p: WarnLogParams): void {
    this.write(console.warn, 'WARN', p, p.err);
  }
  error(p: ErrorLogParams): void {
    if (String(p.args?.query_id ?? '').startsWith(HANDLED_FAILURE)) return;
    this.write(console.error, 'ERROR', p, p.err);
  }
}

/**
 * The settings of a statement that the per-question time limit (QUERY_TIMEOUT_SECONDS) does not bound: a load's, a
 * read-model build's, a recomputation's — work that grows with the file or the store, not with a question. On a server
 * client such a statement is not cut by the client's request timeout either (routeUnboundedStatements).
 */
export const NO_TIME_LIMIT = { max_execution_time: 0 } as const;

/**
 * A server client's request timeout counts time without a byte on the socket, and a statement sends none until it
 * answers: the bounded client's (QUERY_TIMEOUT_SECONDS + 5 s) would cut a build or a load's statement that the server
 * lets run. Those go through a second client whose statements ask the server for its progress in HTTP headers every
 * minute (so neither the client nor a proxy between them sees an idle connection), and which gives up on a server
 * silent for 10 minutes. (Node takes 16 KB of response headers, ~70 progress headers: an hour of one statement.)
 */
const UNBOUNDED_SERVER_SETTINGS: ClickHouseSettings = {
  ...NO_TIME_LIMIT,
  send_progress_in_http_headers: 1,
  http_headers_progress_interval_ms: '60000',
};
const UNBOUNDED_REQUEST_TIMEOUT_MS = 600_000;

/** Statements with NO_TIME_LIMIT's setting go through the client `unbounded` makes (once, on first use). */
function routeUnboundedStatements(client: ClickHouseClient, unbounded: () => ClickHouseClient): void {
  let other: ClickHouseClient | null = null;
  const clientFor = (p: { clickhouse_settings?: { max_execution_time?: number } }): ClickHouseClient => {
    if (p.clickhouse_settings?.max_execution_time !== 0) return client;
    other ??= unbounded();
    return other;
  };
  const route = <P extends { clickhouse_settings?: object }, R>(method: (p: P) => R) =>
    ((p: P) => method.call(clientFor(p), p)) as (p: P) => R;
  client.query = route(client.query) as typeof client.query;
  client.command = route(client.command);
  client.exec = route(client.exec) as typeof client.exec;
  client.insert = route(client.insert) as typeof client.insert;
  const close = client.close.bind(client);
  client.close = async () => {
    await close();
    await other?.close();
  };
}

/**
 * The one ClickHouse client factory: embedded chdb (default) or a server / cluster by `CLICKHOUSE_URL`. The same SQL
 * and the same client calls serve both. Throws `EmbeddedStoreBusyError` when another process holds the embedded store.
 */
export function createClickHouse(
  config: Pick<AppConfig, 'dataDir' | 'clickhouseUrl' | 'queryTimeoutSeconds'> & Partial<Pick<AppConfig, 'clickhouseCluster'>>,
  options: ClickHouseOptions = {},
): ClickHouseClient {
  const clickhouse_settings = { max_execution_time: config.queryTimeoutSeconds };
  if (config.clickhouseUrl) {
    const cluster = config.clickhouseCluster ?? null;
    const server = (settings: ClickHouseSettings, requestTimeoutMs: number) =>
      createClient({
        url: config.clickhouseUrl as string,
        clickhouse_settings: cluster ? { ...settings, ...CLUSTER_SETTINGS } : settings,
        request_timeout: requestTimeoutMs,
        log: { LoggerClass: ServerClientLog },
      });
    const client = server(clickhouse_settings, (config.queryTimeoutSeconds + 5) * 1000);
    routeUnboundedStatements(client, () => server(UNBOUNDED_SERVER_SETTINGS, UNBOUNDED_REQUEST_TIMEOUT_MS));
    if (cluster) clusters.set(client, cluster);
    return client;
  }
  const dir = embeddedClickHousePath(config);
  fs.mkdirSync(dir, { recursive: true });
  const backupsDir = path.resolve(options.backupsDir ?? embeddedBackupsPath(config));
  // Loaded lazily: the 560 MB engine library is only mapped when the embedded store is used.
  const { Session } = require('chdb') as typeof import('chdb');
  const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/connection');
  // Server configuration reaches the engine only as arguments of the first connection to the directory (chdb's
  // `connectionArgs`; createChdbConnection passes none): this session starts the engine with the backups path and
  // lives as long as the client. The client's own connection then joins the same engine.
  let configSession: InstanceType<typeof Session>;
  type ChdbConnection = ReturnType<typeof createChdbConnection>;
  const chdbConnections: ChdbConnection[] = [];
  try {
    configSession = new Session(dir, { connectionArgs: [`--backups.allowed_path=${backupsDir}`] });
  } catch (error) {
    throw new EmbeddedStoreBusyError(dir, error);
  }
  try {
    for (const _lane of ['questions', 'unbounded']) chdbConnections.push(createChdbConnection({ path: dir }));
  } catch (error) {
    for (const c of chdbConnections) void c.close();
    configSession.close();
    throw new EmbeddedStoreBusyError(dir, error);
  }
  // Questions are short: the next ones wait inside the engine (EmbeddedLane depth). A load's statements run one by one.
  const [questionsConnection, unboundedConnection] = chdbConnections as [ChdbConnection, ChdbConnection];
  const questions = new EmbeddedLane(questionsConnection, questionsLaneDepth(Number(process.env.UV_THREADPOOL_SIZE) || 4));
  const unbounded = new EmbeddedLane(unboundedConnection);
  // chdb types its connection against @clickhouse/client-common, which the client now bundles: same shape, two
  // declarations, hence the cast.
  const embedded = (lane: EmbeddedLane) =>
    createClient({
      connection: lane.connection() as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection'],
      clickhouse_settings,
    });
  const client = embedded(questions);
  routeUnboundedStatements(client, () => embedded(unbounded));
  const closeClient = client.close.bind(client);
  client.close = async () => {
    await closeClient();
    // The unbounded lane's client is made on its first statement: its connection is closed here whether or not.
    await Promise.all(chdbConnections.map((c) => c.close()));
    configSession.close();
  };
  const staging = path.join(config.dataDir, 'clickhouse-staging');
  // The bulk insert is a load's: the lane of the statements that grow with the file.
  bulkInserts.set(
    client,
    bulkInsertOn({ queryAsync: (sql, opts) => unbounded.use((c) => c.chdb.queryAsync(sql, opts)) }, staging),
  );
  backupsDirs.set(client, backupsDir);
  return client;
}

export class EmbeddedStoreBusyError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(`the embedded ClickHouse store ${dir} is held by another process`, { cause });
    this.name = 'EmbeddedStoreBusyError';
  }
}
