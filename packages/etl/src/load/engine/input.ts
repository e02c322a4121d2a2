/**
 * How the bytes an engine-side load hands the engine reach it — the export (CSV, JSON Lines), an XLSX sheet's parts
 * (sheet-lines.ts), the validator's records (validate.ts) — on either store, so that every other step is one code.
 * Each input is read by one statement, an `INSERT … SELECT` (or `CREATE TABLE … AS SELECT`) over its rows:
 *
 * - embedded: the engine reads a file of this process's machine with its own file() reader (a GB18030 export
 *   transcoded to a UTF-8 file in the staging dir first, bytes in memory written there);
 * - server (`CLICKHOUSE_URL`): the engine cannot read this process's files, so the bytes are the statement's data,
 *   streamed through the client in the request body (read from the file as it is sent: this process holds one read
 *   buffer whatever the file's size), and the SELECT reads them with the input() table function — the server parses
 *   and derives the rows as they arrive (docs, "input" table function: "when server receives data from client it
 *   simultaneously converts it according to the list of expressions in the SELECT clause and inserts into the target
 *   table. Temporary table with all transferred data is not created."), so staging overlaps the upload. input() is
 *   one stream of rows in the order sent (parallel parsing is off in every input's settings), so
 *   `rowNumberInAllBlocks()` over it numbers the rows in file order: the `_row_number` of file(). input() serves
 *   INSERT … SELECT only: a table to create is created empty first (`CREATE TABLE … EMPTY AS` the same SELECT over
 *   no rows).
 *
 * Either way the engine parses the same bytes in the same format with the same settings: a file it cannot parse
 * fails the statement, and the load goes row by row, nothing having been written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { type ClickHouseClient, embeddedBulkInsert, handledFailureQueryId, NO_TIME_LIMIT } from '@c12315/store';
import { gb18030Decoder } from '../../read/csv-encoding';
import { fileTable, quoteSql } from '../engine-sql';

/** Bytes for the engine: a file of this process (a GB18030 one read as UTF-8), or bytes in memory. */
export type InputBytes = { file: string; encoding?: string | null } | { data: Buffer };

/** One input's format and the settings the engine parses it with (named as in the engine's SETTINGS). */
export interface InputFormat {
  format: string;
  structure: string;
  settings?: Record<string, number>;
}

/** The statement that reads an input: its rows, selected, into a table. */
export interface InputStatement {
  /** The table the rows go into. */
  into: string;
  /** Given: the table is created by the statement, with this ENGINE (`CREATE TABLE … ENGINE = … AS SELECT`). */
  engine?: string;
  /**
   * The SELECT of the rows to write over `rows`, a table expression of the input's rows with `format.structure`'s
   * columns and `_row_number` (0-based, in order).
   */
  select(rows: string): string;
  /** The statement's SETTINGS clause (`SETTINGS …`), the input format's settings among them. */
  settings: string;
}

export interface EngineInput {
  /**
   * A folder of this process for files it writes on the way (an XLSX sheet's parts); removed when the load ends (the
   * folder of a load killed part-way: by removeStaleLocalDirs). On the embedded store, its staging dir.
   */
  readonly localDir: string;
  /**
   * Run `statement` over `bytes` in `format`. `name`: a plain identifier of the load's for the input (the staging
   * file of the embedded store); a new input of the same name replaces the earlier one.
   */
  insert(name: string, bytes: InputBytes, format: InputFormat, statement: InputStatement): Promise<void>;
  /** The inputs' files removed. */
  close(): Promise<void>;
}

/** The export's bytes as UTF-8: a GB18030 file decoded as it is read. */
function utf8Stream(file: string, encoding: string | null | undefined): Readable {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  if (encoding !== 'gb18030') return raw;
  const decoder = gb18030Decoder();
  return Readable.from(
    (async function* () {
      for await (const chunk of raw) yield Buffer.from(decoder.write(chunk as Buffer), 'utf8');
      yield Buffer.from(decoder.end(), 'utf8');
    })(),
  );
}

/**
 * The input of a load on `ch`'s store; statements run with the load's query parameters `params`, and `traced` is told
 * of each (ETL_TRACE, session.ts).
 */
export function engineInput(ch: ClickHouseClient, params: Record<string, unknown>, traced: (what: string) => void): EngineInput {
  const bulk = embeddedBulkInsert(ch);
  return bulk ? embeddedInput(ch, bulk.stagingDir, params, traced) : serverInput(ch, params, traced);
}

const statementSql = ({ into, engine, select, settings }: InputStatement, rows: string): string =>
  `${engine ? `CREATE TABLE ${into} ENGINE = ${engine} AS` : `INSERT INTO ${into}`} ${select(rows)} ${settings}`;

function embeddedInput(
  ch: ClickHouseClient,
  stagingDir: string,
  params: Record<string, unknown>,
  traced: (what: string) => void,
): EngineInput {
  const files = new Set<string>();
  const rowsOf = async (name: string, bytes: InputBytes, { format, structure }: InputFormat): Promise<string> => {
    if ('file' in bytes && bytes.encoding !== 'gb18030') return fileTable(bytes.file, format, structure);
    const file = path.join(stagingDir, `${name}.${format.toLowerCase()}`);
    files.add(file);
    if ('data' in bytes) await fs.promises.writeFile(file, bytes.data);
    else await pipeline(utf8Stream(bytes.file, bytes.encoding), fs.createWriteStream(file));
    return fileTable(file, format, structure);
  };
  return {
    localDir: stagingDir,
    async insert(name, bytes, format, statement) {
      const query = statementSql(statement, await rowsOf(name, bytes, format));
      await ch.command({ query, query_params: params, clickhouse_settings: NO_TIME_LIMIT });
      traced(query);
    },
    async close() {
      for (const f of files) await fs.promises.rm(f, { force: true });
    },
  };
}

/**
 * A server load's local folder (its XLSX parts) is `c12315-load-<pid>-…` under the system's temp dir, named by the
 * process whose load writes there: one killed (kill -9) leaves its folder, which removeStaleLocalDirs removes.
 */
const LOCAL_DIR_PREFIX = 'c12315-load-';
const LOCAL_DIR = /^c12315-load-(\d+)-[^/]+$/;

/** Whether a process runs (EPERM: it does, as another user's). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the local folders of server loads whose process has ended (killed part-way). Only folders named as
 * serverInput names them, and only those of a process that no longer runs: a live load's folder is never touched (a
 * pid since reused keeps its folder until that process ends too).
 */
export async function removeStaleLocalDirs(tmpDir: string = os.tmpdir()): Promise<void> {
  const entries = await fs.promises.readdir(tmpDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const pid = LOCAL_DIR.exec(entry.name)?.[1];
    if (!entry.isDirectory() || !pid || running(Number(pid))) continue;
    await fs.promises.rm(path.join(tmpDir, entry.name), { recursive: true, force: true });
  }
}

type ExecSettings = Parameters<ClickHouseClient['exec']>[0]['clickhouse_settings'];

function serverInput(ch: ClickHouseClient, params: Record<string, unknown>, traced: (what: string) => void): EngineInput {
  let localDir: string | null = null;
  const rows = (table: string, structure: string) =>
    `(SELECT rowNumberInAllBlocks() AS _row_number, * FROM ${table}(${quoteSql(structure)}))`;
  return {
    get localDir() {
      localDir ??= fs.mkdtempSync(path.join(os.tmpdir(), `${LOCAL_DIR_PREFIX}${process.pid}-`));
      return localDir;
    },
    async insert(_name, bytes, { format, structure, settings }, statement) {
      if (statement.engine) {
        const create = `CREATE TABLE ${statement.into} ENGINE = ${statement.engine} EMPTY AS ${statement.select(rows('null', structure))}`;
        await ch.command({ query: create, query_params: params, clickhouse_settings: NO_TIME_LIMIT });
        traced(create);
      }
      const query = `${statementSql({ ...statement, engine: undefined }, rows('input', structure))} FORMAT ${format}`;
      const values = 'data' in bytes ? Readable.from([bytes.data]) : utf8Stream(bytes.file, bytes.encoding);
      const result = await ch.exec({
        query,
        values,
        query_params: params,
        // A file the engine cannot parse fails this statement: the load reports it (stage.ts), not the client's log.
        query_id: handledFailureQueryId(),
        // The statement lasts as long as the bytes take to send, as every statement of a load: NO_TIME_LIMIT. The input
        // format's settings for the request too, as for a plain INSERT's data.
        clickhouse_settings: { ...settings, ...NO_TIME_LIMIT } as ExecSettings,
      });
      result.stream.resume();
      await finished(result.stream);
      traced(query);
    },
    async close() {
      if (localDir) await fs.promises.rm(localDir, { recursive: true, force: true });
    },
  };
}
