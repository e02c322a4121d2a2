/**
 * How the bytes an engine-side load hands the engine reach it — the export (CSV, JSON Lines), an XLSX sheet's parts
 * (sheet-lines.ts), the validator's records (validate.ts) — on either store, so that every other step is one code:
 *
 * - embedded: the engine reads a file of this process's machine with its own file() reader (a GB18030 export
 *   transcoded to a UTF-8 file in the staging dir first, bytes in memory written there);
 * - server (`CLICKHOUSE_URL`): the engine cannot read this process's files, so the bytes are streamed through the
 *   client (`INSERT … FORMAT`, the body read from the file as it is sent: this process holds one read buffer
 *   whatever the file's size) into a TinyLog table of the load's own on the server, and the statements read that
 *   table. A TinyLog table is written in insert order and read in one stream, so `rowNumberInAllBlocks()` over it
 *   numbers the rows in file order: the `_row_number` of file().
 *
 * Either way the engine parses the same bytes in the same format with the same settings: a file it cannot parse
 * fails the statement (embedded) or the upload (server), and the load goes row by row, nothing having been written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ClickHouseClient, embeddedBulkInsert } from '@c12315/store';
import { gb18030Decoder } from '../../read/csv-encoding';
import { fileTable } from '../engine-sql';

/** Bytes for the engine: a file of this process (a GB18030 one read as UTF-8), or bytes in memory. */
export type InputBytes = { file: string; encoding?: string | null } | { data: Buffer };

/** One input's format and the settings the engine parses it with (named as in the engine's SETTINGS). */
export interface InputFormat {
  format: string;
  structure: string;
  settings?: Record<string, number>;
}

export interface EngineInput {
  /** A folder of this process for files it writes on the way (an XLSX sheet's parts); removed when the load ends. */
  readonly localDir: string;
  /**
   * `bytes` in `format` as a table expression with `format.structure`'s columns and `_row_number` (0-based, in
   * order), under `name` (a plain identifier of the load's: the server's table, the staging file). A new call with
   * the same name replaces the earlier input.
   */
  open(name: string, bytes: InputBytes, format: InputFormat): Promise<string>;
  /** The inputs' tables dropped and files removed. */
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

/** The input of a load on `ch`'s store; `traced` is told of each upload (ETL_TRACE, session.ts). */
export function engineInput(ch: ClickHouseClient, traced: (what: string) => void): EngineInput {
  const bulk = embeddedBulkInsert(ch);
  return bulk ? embeddedInput(bulk.stagingDir) : serverInput(ch, traced);
}

function embeddedInput(stagingDir: string): EngineInput {
  const files = new Set<string>();
  return {
    localDir: stagingDir,
    async open(name, bytes, { format, structure }) {
      if ('file' in bytes && bytes.encoding !== 'gb18030') return fileTable(bytes.file, format, structure);
      const file = path.join(stagingDir, `${name}.${format.toLowerCase()}`);
      files.add(file);
      if ('data' in bytes) await fs.promises.writeFile(file, bytes.data);
      else await pipeline(utf8Stream(bytes.file, bytes.encoding), fs.createWriteStream(file));
      return fileTable(file, format, structure);
    },
    async close() {
      for (const f of files) await fs.promises.rm(f, { force: true });
    },
  };
}

function serverInput(ch: ClickHouseClient, traced: (what: string) => void): EngineInput {
  const tables = new Set<string>();
  let localDir: string | null = null;
  return {
    get localDir() {
      localDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'c12315-load-'));
      return localDir;
    },
    async open(name, bytes, { format, structure, settings }) {
      tables.add(name);
      await ch.command({ query: `DROP TABLE IF EXISTS ${name}` });
      await ch.command({ query: `CREATE TABLE ${name} (${structure}) ENGINE = TinyLog` });
      const values = 'data' in bytes ? Readable.from([bytes.data]) : utf8Stream(bytes.file, bytes.encoding);
      const result = await ch.exec({
        query: `INSERT INTO ${name} FORMAT ${format}`,
        values,
        // An upload takes as long as the file does to send: no statement time limit (QUERY_TIMEOUT_SECONDS).
        clickhouse_settings: { ...settings, max_execution_time: 0 } as Parameters<
          ClickHouseClient['exec']
        >[0]['clickhouse_settings'],
      });
      result.stream.resume();
      traced(`upload ${name} (${format})`);
      return `(SELECT rowNumberInAllBlocks() AS _row_number, * FROM ${name})`;
    },
    async close() {
      for (const t of tables) await ch.command({ query: `DROP TABLE IF EXISTS ${t}` }).catch(() => undefined);
      if (localDir) await fs.promises.rm(localDir, { recursive: true, force: true });
    },
  };
}
