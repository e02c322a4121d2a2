/**
 * Loading a CSV export inside the embedded engine (issue "Data in" §5: the ETL's rate against the engine's own CSV
 * load). The engine reads the file itself and decides every row it can (engine-sql.ts): a first pass over every row
 * in the shapes most exports use, a second over the rows it left, in every text shape it knows; the rows still
 * undecided — dirty rows, rare shapes, rows with warnings — go through validate-row.ts exactly as in the row-by-row
 * path, and their records come back into the same stage. Then, per bucket of case ids, set-wise against
 * `case_versions`: new / newer / same / conflict / older, the `cases` rows with tombstones of moved sorting keys, and
 * last the `case_versions` rows. Memory does not grow with the file: derivation streams in small blocks, the
 * validator's rows come in pages, and every set, join and sort over case ids holds one bucket's.
 *
 * Same results as the row-by-row path (engine-load.int.test.ts compares stores and reject files), with one
 * difference in the counts only: all rows of a case are decided together, so a case with several rows in one file
 * counts once (the row-by-row path counts "inserted" and then "replaced" when the rows fall into different batches).
 *
 * Used when the store is the embedded engine and the file is UTF-8 or GB18030 CSV whose header is its first line and
 * which has no backslash (the engine reads an unquoted \N as empty, the contract as text), JSON Lines, or XLSX (its
 * first sheet handed over as TabSeparated text with row numbers by sheet-lines.ts, typed cells as the text they
 * validate as). When the engine cannot parse the file (a broken quote, a row with a different column count, a blank
 * line), nothing has been written and the caller loads it row by row, where such rows become rejects.
 *
 * Crash safety is the row-by-row path's: `cases` before `case_versions`, every write idempotent under FINAL, so a
 * re-run after kill -9 decides against the same `case_versions` and rewrites identical rows. Stage tables of a load
 * that did not finish are dropped by the next load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CaseRecord } from '@c12315/domain';
import { type ClickHouseClient, embeddedBulkInsert, markMonthsDirtyFrom } from '@c12315/store';
import { gb18030Decoder } from '../read/csv-encoding';
import { CsvSplitter } from '../read/csv-splitter';
import type { OpenedExport, RawRow } from '../read/export-types';
import { parseJsonLine } from '../read/jsonl-reader';
import { COLUMNS, type ColumnMapping, type RejectFileWriter, validateRow } from '../validate';
import { calendarIssue } from './calendar-check';
import { contentHash } from './case-row';
import { CASE_COLUMNS, VERSION_COLUMNS } from './case-tsv';
import {
  csvCanonicalSql,
  engineLoadParams,
  jsonlCanonicalSql,
  jsonlRawCanonicalSql,
  mappedPositions,
  rawCanonicalSql,
  refTableStatements,
  refTables,
  sheetTsvCanonicalSql,
  slowCanonicalSql,
  sourcePositions,
  stageRowsSql,
} from './engine-sql';
import type { LoadSummary } from './file-loader';
import { SheetRowsOutOfOrder, sheetCell, sheetLineChunks } from './sheet-lines';
import { TsvBuffer, type TsvValue } from './tsv-buffer';

export type EngineLoadCounts = Pick<
  LoadSummary,
  'rowsRead' | 'inserted' | 'replaced' | 'unchanged' | 'olderIgnored' | 'rejected' | 'warnings' | 'conflicts'
>;

/** Every count of a load at zero. */
export function noLoadCounts(): EngineLoadCounts {
  return { rowsRead: 0, inserted: 0, replaced: 0, unchanged: 0, olderIgnored: 0, rejected: 0, warnings: 0, conflicts: 0 };
}

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
  /** Called after each phase with the rows read so far. */
  onPhase?: (phase: 'staged' | 'validated' | 'decided' | 'written', rowsRead: number) => void;
}

/**
 * Every function of engine-sql.ts is total on any text (…OrNull parsers, lookups with defaults, fixed-size arrays), so
 * short-circuit evaluation only costs: it halved the stage query's time. (Should one ever throw, the stage fails and
 * the file is loaded row by row: slower, never wrong.) Blocks of 8,192 rows, not 65,409: the derivation keeps a few
 * hundred intermediate columns per block, and at the default size a thread held ~300 MB of them (peak RSS of a 1 M-row
 * load 1.66 GB → 1.12 GB, same time).
 */
const DERIVE_SETTINGS = "short_circuit_function_evaluation = 'disable', max_block_size = 8192";

/**
 * Writes: blocks squashed to at most 32 MB before a part is written (the default, 256 MB or 1 M rows, held a whole
 * stage); no ReplacingMergeTree collapse on insert (`cases` and `case_versions` are read under FINAL, and a load writes
 * one row per case and key: the collapse only sorted every block again — it took 8 of the 9 s of the `cases` insert
 * of a 1 M-row file); two insert threads.
 */
const WRITE_SETTINGS =
  'min_insert_block_size_rows = 0, min_insert_block_size_bytes = 33554432, optimize_on_insert = 0, max_insert_threads = 2';

/**
 * Files are read with pread, not mmap (the engine's default): mapped pages of the export counted in the process's
 * resident set, which then grew with the file (+370 MB for a 1 M-row, 366 MB export).
 */
const READ_SETTINGS = "storage_file_read_method = 'pread'";

/**
 * The stage is a Log table, not a MergeTree: it is written once in file order and read whole (no key, no merges), and
 * the MergeTree's parts cost ~1.5 s and ~4 s of CPU more per million rows (CSV, 1 M rows: 20.5 s → 17.7 s). Its column
 * files are compressed in blocks of 128 KB, not 1 MB, and read back in blocks of 8,192 rows through 128 KB buffers: a
 * statement reading the stage holds one decompressed block and one buffer per column and stream (~60 columns).
 */
const STAGE_ENGINE = 'Log';
const STAGE_WRITE_SETTINGS = 'max_compress_block_size = 131072';
const STAGE_READ_SETTINGS = 'max_block_size = 8192, max_read_buffer_size = 131072';

/** The settings of the engine's read of a CSV export (also bench/etl-throughput.ts's floor of that read). */
export const CSV_SETTINGS = `SETTINGS input_format_csv_skip_first_lines = 1, input_format_parallel_parsing = 0,
  input_format_csv_trim_whitespaces = 0, format_csv_allow_single_quotes = 0, input_format_csv_allow_cr_end_of_line = 0,
  input_format_csv_allow_variable_number_of_columns = 0, input_format_csv_skip_trailing_empty_lines = 1,
  input_format_csv_empty_as_default = 0, input_format_allow_errors_num = 0, input_format_allow_errors_ratio = 0,
  ${READ_SETTINGS}, ${DERIVE_SETTINGS}, ${WRITE_SETTINGS}, ${STAGE_WRITE_SETTINGS}`;

/** An XLSX sheet's rows as TabSeparated text carrying their row numbers: parsed in parallel. */
const SHEET_SETTINGS = `SETTINGS input_format_tsv_empty_as_default = 0, input_format_allow_errors_num = 0,
  input_format_allow_errors_ratio = 0, ${READ_SETTINGS}, ${DERIVE_SETTINGS}, ${WRITE_SETTINGS}, ${STAGE_WRITE_SETTINGS}`;

/** JSON Lines read as lines, numbered in order (`_row_number` has gaps with parallel parsing). */
const LINES_SETTINGS = `SETTINGS input_format_parallel_parsing = 0, ${READ_SETTINGS}, ${DERIVE_SETTINGS}, ${WRITE_SETTINGS},
  ${STAGE_WRITE_SETTINGS}`;

/** Rows the validator gets from the engine at a time, and validated records written back at a time. */
const SLOW_PAGE_ROWS = 20_000;
/** Steps 3–5 run per bucket of case ids of at most about this many rows (a set, join or sort holds one bucket's). */
const BUCKET_ROWS = 1_000_000;
const SLOW_BATCH_ROWS = 50_000;

/**
 * Can this file be loaded in the engine at all? CSV (the caller has checked it holds no backslash; the engine's parse
 * may still refuse it: then the load returns null) or JSON Lines, on the embedded store, every required column there.
 */
export async function engineLoadEligible(
  ch: ClickHouseClient,
  opened: OpenedExport,
  file: string,
  mapping: ColumnMapping,
): Promise<boolean> {
  if (!embeddedBulkInsert(ch) || mapping.missingRequired.length > 0) return false;
  if (opened.format === 'jsonl' || opened.format === 'xlsx') return true;
  return opened.format === 'csv' && headerIsFirstLine(file, opened);
}

/** The engine skips exactly one line: the header must be the first record and hold no line break. */
async function headerIsFirstLine(file: string, opened: OpenedExport): Promise<boolean> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, bytesRead);
    const end = bytes.indexOf(0x0a);
    if (end < 0) return false;
    let line =
      opened.encoding === 'gb18030' ? gb18030Decoder().write(bytes.subarray(0, end)) : bytes.subarray(0, end).toString('utf8');
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    const records: string[][] = [];
    const splitter = new CsvSplitter();
    splitter.push(line.endsWith('\r') ? line.slice(0, -1) : line, true, (r) => records.push(r));
    const [first] = records;
    return (
      records.length === 1 &&
      first !== undefined &&
      first.length === opened.headers.length &&
      first.every((h, i) => h === opened.headers[i])
    );
  } finally {
    await fh.close();
  }
}

const tableName = (kind: 'stage' | 'undecided' | 'decided', loadId: string) => `etl_${kind}_${Number(loadId)}`;

/** Drop the stage tables of loads that are not running (a load killed part-way leaves its own). */
export async function dropStaleStageTables(ch: ClickHouseClient, isRunning: (loadId: number) => boolean): Promise<void> {
  const result = await ch.query({
    query: `SELECT name FROM system.tables WHERE database = currentDatabase() AND match(name, '^etl_(stage|undecided|decided|cal|wd|units|counties)_\\\\d+$')`,
    format: 'JSONEachRow',
  });
  for (const { name } of await result.json<{ name: string }>()) {
    if (!isRunning(Number(/\d+$/.exec(name)?.[0]))) await ch.command({ query: `DROP TABLE IF EXISTS ${name}` });
  }
}

/**
 * Load `file` (CSV, JSON Lines or XLSX) in the engine. Returns null, having written nothing, when the engine cannot
 * parse the file or an XLSX sheet's rows are out of order: the caller then loads it row by row (an XLSX file opened
 * again: its rows have been read).
 */
export async function loadFileInEngine(
  ch: ClickHouseClient,
  opened: OpenedExport,
  file: string,
  mapping: ColumnMapping,
  ctx: EngineLoadContext,
): Promise<EngineLoadCounts | null> {
  const bulk = embeddedBulkInsert(ch);
  if (!bulk) throw new Error('the engine-side load needs the embedded engine');
  const stage = tableName('stage', ctx.loadId);
  const undecided = tableName('undecided', ctx.loadId);
  const decided = tableName('decided', ctx.loadId);
  const refs = refTables(ctx.loadId);
  const params = engineLoadParams(ctx.loadTime, ctx.loadId);
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
  const run = async (query: string) => {
    await ch.command({ query, query_params: params });
    traced(query);
  };
  const rowsOf = async <T>(query: string): Promise<T[]> => {
    const rows = await (await ch.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
    traced(query);
    return rows;
  };
  const temp: string[] = [];
  try {
    // 1. The file into the stage: every row with its canonical values, derived columns and fast_ok.
    let source = file;
    if (opened.encoding === 'gb18030') {
      source = path.join(bulk.stagingDir, `${stage}.utf8.csv`);
      temp.push(source);
      const decoder = gb18030Decoder();
      await pipeline(
        fs.createReadStream(file, { highWaterMark: 1 << 20 }),
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) yield decoder.write(chunk);
          yield decoder.end();
        },
        fs.createWriteStream(source),
      );
    }
    const positions = sourcePositions(opened.headers, mapping);
    for (const t of [stage, ...Object.values(refs)]) await run(`DROP TABLE IF EXISTS ${t}`);
    for (const { query, params: values } of refTableStatements(refs)) await ch.command({ query, query_params: values });
    const jsonl = opened.format === 'jsonl';
    const stageFrom = (rows: string) => `CREATE TABLE ${stage} ENGINE = ${STAGE_ENGINE} AS ${rows}`;
    if (opened.format === 'xlsx') {
      // The sheet as TabSeparated text with its row numbers (sheet-lines.ts), in parts: the engine stages one part
      // while the next is written.
      let staging: Promise<void> | null = null;
      try {
        for await (const chunk of sheetLineChunks(opened, mapping, path.join(bulk.stagingDir, `${stage}.sheet`), {
          onRow: ctx.onRows,
          rowsPerChunk: ctx.bucketRows,
        })) {
          temp.push(chunk.file);
          const rows = stageRowsSql(sheetTsvCanonicalSql(chunk.file, opened.headers.length, positions, refs), refs);
          const previous = staging;
          staging = (async () => {
            await previous;
            await run(previous ? `INSERT INTO ${stage} ${rows} ${SHEET_SETTINGS}` : `${stageFrom(rows)} ${SHEET_SETTINGS}`);
            await fs.promises.rm(chunk.file, { force: true });
          })();
          // Reading goes on while the engine works; an engine error surfaces at the next part or the end.
          staging.catch(() => undefined);
        }
        await staging;
      } catch (err) {
        // Rows out of order, or the engine refused a part (as a CSV file it cannot parse): loaded row by row.
        await staging?.catch(() => undefined);
        await run(`DROP TABLE IF EXISTS ${stage}`);
        if (!(err instanceof SheetRowsOutOfOrder) && process.env.ETL_TRACE) process.stderr.write(`TRACE ${String(err)}\n`);
        return null;
      }
    } else {
      try {
        await run(
          jsonl
            ? `${stageFrom(stageRowsSql(jsonlCanonicalSql(source, opened.headers, positions, refs), refs))} ${LINES_SETTINGS}`
            : `${stageFrom(stageRowsSql(csvCanonicalSql(source, opened.headers.length, positions, refs), refs))} ${CSV_SETTINGS}`,
        );
      } catch {
        await run(`DROP TABLE IF EXISTS ${stage}`);
        return null;
      }
    }
    const [staged] = await rowsOf<{ rows: string; slow: string }>(
      `SELECT count() AS rows, countIf(fast_ok = 0) AS slow FROM ${stage}`,
    );
    const counts: EngineLoadCounts = { ...noLoadCounts(), rowsRead: Number(staged?.rows ?? 0) };
    ctx.onPhase?.('staged', counts.rowsRead);

    // 2. The rows the first pass did not decide: first the engine again, with every text shape it knows (a few per
    // cent of a file: date-times written 2024/3/5 14:03 or with an offset, amounts 1,234.5 …); what is still
    // undecided goes through the validator — rejects, warnings, or records back to the stage.
    if (Number(staged?.slow ?? 0) > 0) {
      // Into a table of their own, sorted by row (the validator reads it in pages by row number); its decided rows
      // then join the stage. The stage keeps the first pass's undecided rows (fast_ok = 0), which no step reads again.
      const again = jsonl
        ? jsonlRawCanonicalSql(stage, 'fast_ok = 0', opened.headers, positions, refs)
        : rawCanonicalSql(stage, 'fast_ok = 0', positions, refs);
      // The stage's columns, not CREATE … AS SELECT: that plans the (large) query twice.
      await run(`DROP TABLE IF EXISTS ${undecided}`);
      await run(`CREATE TABLE ${undecided} AS ${stage} ENGINE = MergeTree ORDER BY source_row`);
      await run(`INSERT INTO ${undecided} ${stageRowsSql(again, refs)} SETTINGS ${DERIVE_SETTINGS}, ${WRITE_SETTINGS}`);
      await run(
        `INSERT INTO ${stage} SELECT * FROM ${undecided} WHERE fast_ok = 1 SETTINGS ${WRITE_SETTINGS}, ${STAGE_WRITE_SETTINGS}`,
      );
      const headers = mappedPositions(positions).map((p) => opened.headers[p] as string);
      // The row as its reader would have given it: the mapped cells of a CSV row, the JSON line parsed again, or
      // the sheet row with its typed cells.
      const rawRow = (rowNumber: number, raw: string[]): RawRow =>
        jsonl
          ? parseJsonLine((raw[0] ?? '').trim(), rowNumber)
          : opened.format === 'xlsx'
            ? { rowNumber, values: new Map<string, unknown>(headers.map((h, i) => [h, sheetCell(raw[i] ?? '')])) }
            : { rowNumber, values: new Map<string, unknown>(headers.map((h, i) => [h, raw[i] ?? ''])) };
      const slowFile = path.join(bulk.stagingDir, `${stage}.slow.tsv`);
      temp.push(slowFile);
      let tsv = new TsvBuffer();
      const flushSlow = async () => {
        if (tsv.rows === 0) return;
        await fs.promises.writeFile(slowFile, tsv.bytes());
        await run(
          `INSERT INTO ${stage} SELECT * FROM (${stageRowsSql(slowCanonicalSql(slowFile), refs)}) SETTINGS ${READ_SETTINGS}, ${DERIVE_SETTINGS}, ${WRITE_SETTINGS}, ${STAGE_WRITE_SETTINGS}`,
        );
        tsv = new TsvBuffer();
      };
      // A page at a time (the validator's records go to the stage, not to the table being read; pages bound what
      // this process holds whatever the file's size). Source rows are line numbers (a JSON Lines file may skip some).
      for (let after = 0; ; ) {
        const pending = await rowsOf<{ source_row: number; raw: string[] }>(
          `SELECT source_row, raw FROM ${undecided} WHERE fast_ok = 0 AND source_row > ${after}
           ORDER BY source_row LIMIT ${Math.min(SLOW_PAGE_ROWS, ctx.bucketRows ?? SLOW_PAGE_ROWS)}`,
        );
        const lastPending = pending[pending.length - 1];
        if (!lastPending) break;
        after = lastPending.source_row;
        for (const { source_row: rowNumber, raw } of pending) {
          const checked = validateRow(rawRow(rowNumber, raw), mapping, { loadTime: ctx.loadTime });
          const calendar = checked.ok ? calendarIssue(checked.record) : null;
          if (!checked.ok) {
            counts.rejected++;
            ctx.rejects.add(rowNumber, checked.caseId, checked.issues);
          } else if (calendar) {
            counts.rejected++;
            ctx.rejects.add(rowNumber, checked.record.caseId, [calendar]);
          } else {
            counts.warnings += checked.warnings.length;
            tsv.row(slowRowValues(checked.record, rowNumber));
            if (tsv.rows >= SLOW_BATCH_ROWS) await flushSlow();
          }
        }
      }
      await flushSlow();
    }
    ctx.onPhase?.('validated', counts.rowsRead);

    // 3–5 for one bucket of case ids at a time (cityHash64(case_id) % buckets): a case's rows all fall in one bucket,
    // and every set, join and sort over case ids below holds one bucket's — the same for a file of any size.
    const buckets = Math.max(1, Math.ceil(counts.rowsRead / (ctx.bucketRows ?? BUCKET_ROWS)));
    const keys = 'province_code, city_code, county_code, kind, registered_date';
    for (let b = 0; b < buckets; b++) {
      const inBucket = buckets === 1 ? '1' : `cityHash64(case_id) % ${buckets} = ${b}`;
      const fast = `SELECT case_id FROM ${stage} WHERE fast_ok = 1 AND ${inBucket}`;

      // 3. Several rows of one case in the file, as the row-by-row path decides them one after the other
      // (file-loader.ts): the row with the greatest (更新时间, row) is kept; a row with the 更新时间 of the row kept
      // before it and other content is a conflict. In the engine (window functions over the repeated cases only).
      const dupRows = `SELECT case_id, source_row, updated_at, content_hash FROM ${stage} WHERE fast_ok = 1 AND ${inBucket}
        AND case_id IN (${fast} GROUP BY case_id HAVING count() > 1)`;
      const [within] = await rowsOf<{ conflicts: string }>(
        `SELECT countIf(earlier > 0 AND updated_at = earlier_updated AND content_hash != earlier_hash) AS conflicts
         FROM (SELECT updated_at, content_hash, count() OVER before AS earlier, max(updated_at) OVER before AS earlier_updated,
                 argMax(content_hash, (updated_at, source_row)) OVER before AS earlier_hash
               FROM (${dupRows})
               WINDOW before AS (PARTITION BY case_id ORDER BY source_row ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))`,
      );
      counts.conflicts += Number(within?.conflicts ?? 0);
      const losers = `SELECT source_row FROM (SELECT source_row,
          argMax(source_row, (updated_at, source_row)) OVER (PARTITION BY case_id) AS kept FROM (${dupRows}))
        WHERE source_row != kept`;

      // 4. Against the store.
      const decide = `SELECT s.source_row AS source_row, s.case_id AS case_id, s.updated_at AS updated_at,
          s.content_hash AS content_hash, s.province_code AS province_code, s.city_code AS city_code,
          s.county_code AS county_code, s.kind AS kind, s.registered_date AS registered_date,
          multiIf(v.case_id = '', 'new', s.updated_at < v.updated_at, 'older',
            s.updated_at = v.updated_at AND s.content_hash = v.content_hash, 'same',
            s.updated_at = v.updated_at, 'conflict', 'newer') AS verdict,
          bitOr(bitShiftLeft(toUInt64(toUnixTimestamp(s.updated_at)), 24),
            if(verdict = 'conflict', bitAnd(v.version, 16777215) + 1, 0)) AS version,
          verdict IN ('newer', 'conflict') AND (v.province_code != s.province_code OR v.city_code != s.city_code
            OR v.county_code != s.county_code OR toString(v.kind) != s.kind OR v.registered_date != s.registered_date) AS moved,
          v.province_code AS old_province_code, v.city_code AS old_city_code, v.county_code AS old_county_code,
          v.kind AS old_kind, v.registered_date AS old_registered_date
        FROM (SELECT source_row, case_id, updated_at, content_hash, ${keys} FROM ${stage}
              WHERE fast_ok = 1 AND ${inBucket} AND source_row NOT IN (${losers})) AS s
        LEFT JOIN (SELECT case_id, updated_at, content_hash, version, ${keys} FROM case_versions FINAL
                   WHERE case_id IN (${fast})) AS v
        ON s.case_id = v.case_id
        SETTINGS join_use_nulls = 0, ${STAGE_READ_SETTINGS}, ${WRITE_SETTINGS}`;
      // A new table per bucket: TRUNCATE + INSERT made the next cases insert peak ~600 MB higher (measured, 2 M rows).
      await run(`DROP TABLE IF EXISTS ${decided}`);
      await run(`CREATE TABLE ${decided} ENGINE = MergeTree ORDER BY tuple() AS ${decide}`);
      for (const { verdict, n } of await rowsOf<{ verdict: string; n: string }>(
        `SELECT verdict, count() AS n FROM ${decided} GROUP BY verdict`,
      )) {
        const k = Number(n);
        if (verdict === 'new') counts.inserted += k;
        else if (verdict === 'older') counts.olderIgnored += k;
        else if (verdict === 'same') counts.unchanged += k;
        else {
          counts.replaced += k;
          if (verdict === 'conflict') counts.conflicts += k;
        }
      }
      if (b === 0) ctx.onPhase?.('decided', counts.rowsRead);

      // 5. cases (rows, and tombstones of moved sorting keys), then case_versions: a re-run after a crash between
      // them finds this bucket's cases undecided in case_versions and writes the same rows again.
      const written = `verdict IN ('new', 'newer', 'conflict')`;
      // The registration months whose read model this bucket changes, marked before any case is written.
      await markMonthsDirtyFrom(
        ch,
        `SELECT toYYYYMM(registered_date) AS month FROM ${decided} WHERE ${written}
         UNION ALL SELECT toYYYYMM(old_registered_date) AS month FROM ${decided} WHERE verdict IN ('newer', 'conflict')`,
      );
      traced('mark months dirty');
      const caseColumns = CASE_COLUMNS.map((c) =>
        c === 'load_id' ? '{load_id:String}' : c === 'version' ? 'd.version' : c === 'is_deleted' ? 'toUInt8(0)' : `s.${c}`,
      );
      await run(`INSERT INTO cases (${CASE_COLUMNS.join(', ')})
        SELECT ${caseColumns.join(', ')} FROM ${stage} AS s
        INNER JOIN (SELECT source_row, version FROM ${decided} WHERE ${written}) AS d ON s.source_row = d.source_row
        WHERE s.fast_ok = 1 AND ${inBucket.replace('case_id', 's.case_id')} SETTINGS ${STAGE_READ_SETTINGS}, ${WRITE_SETTINGS}`);
      await run(`INSERT INTO cases (case_id, kind, registered_date, province_code, city_code, county_code, load_id, version, is_deleted)
        SELECT case_id, old_kind, old_registered_date, old_province_code, old_city_code, old_county_code, {load_id:String},
          version, toUInt8(1) FROM ${decided} WHERE moved`);
      await run(`INSERT INTO case_versions (${VERSION_COLUMNS.join(', ')})
        SELECT ${VERSION_COLUMNS.map((c) => (c === 'load_id' ? '{load_id:String}' : c)).join(', ')} FROM ${decided}
        WHERE ${written} SETTINGS ${WRITE_SETTINGS}`);
    }
    ctx.onPhase?.('written', counts.rowsRead);
    return counts;
  } finally {
    for (const t of [stage, undecided, decided, ...Object.values(refs)]) {
      await run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    }
    for (const f of temp) await fs.promises.rm(f, { force: true });
  }
}

/** A validated record as the canonical text of engine-sql.ts (SLOW_ROW_STRUCTURE), with its content hash. */
function slowRowValues(record: CaseRecord, rowNumber: number): TsvValue[] {
  const bag = record as unknown as Record<string, unknown>;
  return [
    rowNumber,
    ...COLUMNS.map((spec) => {
      const value = bag[spec.field];
      return value === null || value === undefined ? null : String(value);
    }),
    contentHash(record),
  ];
}
