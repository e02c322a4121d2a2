/**
 * One engine-side load's statements: what the caller hands the load (EngineLoadContext), the tables it works in
 * (named by its load id), the query parameters of engine-sql.ts, ETL_TRACE, and the files and tables it removes when
 * it ends. Stage tables of a load that did not finish are dropped by the next load (dropStaleStageTables).
 */
import fs from 'node:fs';
import { type ClickHouseClient, NO_TIME_LIMIT } from '@c12315/store';
import type { RejectFileWriter } from '../../validate';
import { engineLoadParams, type RefTables, refTables } from '../engine-sql';
import { type EngineInput, engineInput } from './input';

export interface EngineLoadContext {
  loadId: string;
  loadTime: Date;
  rejects: RejectFileWriter;
  /**
   * Rows per bucket of case ids in steps 3–5 (default BUCKET_ROWS), per part of an XLSX sheet (default 250,000), and
   * at most per page of rows the validator reads (default SLOW_PAGE_ROWS).
   */
  bucketRows?: number;
  /** Called as an XLSX sheet is read (before the engine reads its rows), with the rows read so far. */
  onRows?: (rowsRead: number) => void;
  /** Called when the engine cannot take the file, which the caller then loads row by row: why (no text of the file). */
  onRefused?: (reason: string) => void;
  /** Called after each phase with the rows read so far. */
  onPhase?: (phase: 'staged' | 'validated' | 'decided' | 'written', rowsRead: number) => void;
  /** Awaited before the first write readers can see (write.ts: the dirty months, then `cases`). */
  beforeVisibleWrites?: () => Promise<void>;
}

export interface LoadSession {
  ch: ClickHouseClient;
  /** How the file's bytes reach the engine: its own file() reader (embedded), or streamed to it (server): input.ts. */
  input: EngineInput;
  /** Every row of the file with its canonical values, derived columns and fast_ok (step 1). */
  stage: string;
  /** The rows the first pass left, derived again (step 2). */
  undecided: string;
  /** One bucket's rows with their verdict against `case_versions` (step 4). */
  decided: string;
  /** The names of the load's inputs (input.ts): the export or a part of its sheet, and the validator's records. */
  upload: string;
  slow: string;
  refs: RefTables;
  params: Record<string, unknown>;
  /** Files removed when the load ends. */
  temp: string[];
  /** Run a statement with the load's parameters; a load's statements grow with its file (NO_TIME_LIMIT). */
  run(query: string): Promise<void>;
  /** A query's rows (JSONEachRow), with the load's parameters. */
  rowsOf<T>(query: string): Promise<T[]>;
  /** ETL_TRACE: the time since the previous statement ended, the peak RSS, and the statement's start. */
  traced(query: string): void;
}

const tableName = (kind: 'stage' | 'undecided' | 'decided' | 'upload' | 'slow', loadId: string) =>
  `etl_${kind}_${Number(loadId)}`;

export function openSession(ch: ClickHouseClient, loadId: string, loadTime: Date): LoadSession {
  const params = engineLoadParams(loadTime, loadId);
  // ETL_TRACE=1: each statement's time (since the previous one ended) on stderr, for profiling a load.
  let last = Date.now();
  const traced = (query: string) => {
    if (process.env.ETL_TRACE) {
      const peak = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
      const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
      process.stderr.write(
        `TRACE ${Date.now() - last} ms, peak RSS ${mb(Number(peak))}: ${query.slice(0, 60).replace(/\s+/g, ' ')}\n`,
      );
    }
    last = Date.now();
  };
  return {
    ch,
    input: engineInput(ch, params, traced),
    stage: tableName('stage', loadId),
    undecided: tableName('undecided', loadId),
    decided: tableName('decided', loadId),
    upload: tableName('upload', loadId),
    slow: tableName('slow', loadId),
    refs: refTables(loadId),
    params,
    temp: [],
    run: async (query) => {
      await ch.command({ query, query_params: params, clickhouse_settings: NO_TIME_LIMIT });
      traced(query);
    },
    rowsOf: async <T>(query: string): Promise<T[]> => {
      const rows = await (
        await ch.query({ query, query_params: params, format: 'JSONEachRow', clickhouse_settings: NO_TIME_LIMIT })
      ).json<T>();
      traced(query);
      return rows;
    },
    traced,
  };
}

/** The load's tables dropped and its files removed, whether it finished or not. */
export async function closeSession(s: LoadSession): Promise<void> {
  for (const t of [s.stage, s.undecided, s.decided, ...Object.values(s.refs)]) {
    await s.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
  for (const f of s.temp) await fs.promises.rm(f, { force: true });
  await s.input.close();
}

/** Drop the stage tables of loads that are not running (a load killed part-way leaves its own). */
export async function dropStaleStageTables(ch: ClickHouseClient, isRunning: (loadId: number) => boolean): Promise<void> {
  const result = await ch.query({
    query: `SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^etl_(stage|undecided|decided|upload|slow|cal|wd|units|counties)_\\\\d+$')`,
    format: 'JSONEachRow',
  });
  for (const { name } of await result.json<{ name: string }>()) {
    if (!isRunning(Number(/\d+$/.exec(name)?.[0]))) await ch.command({ query: `DROP TABLE IF EXISTS ${name}` });
  }
}
