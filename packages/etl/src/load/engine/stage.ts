/**
 * Step 1: the file into the stage table — every row with its canonical values, derived columns and fast_ok
 * (engine-sql.ts: the first pass, over every row in the shapes most exports use). The engine parses the file (read by
 * its own file() on the embedded store, streamed to it on a server: input.ts): a CSV export (a GB18030 one as UTF-8),
 * JSON Lines as lines, or an XLSX sheet as TabSeparated text in parts (sheet-lines.ts). When the engine cannot parse
 * the file (a broken quote, a row with a different column count, a blank line) or a sheet's rows are out of order,
 * nothing has been written and the caller loads it row by row, where such rows become rejects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NO_TIME_LIMIT } from '@c12315/store';
import { ExportReadError } from '../../read/export-read-error';
import type { OpenedExport } from '../../read/export-types';
import type { ColumnMapping } from '../../validate';
import {
  cellsStructure,
  csvCanonicalSql,
  jsonlCanonicalSql,
  LINES_STRUCTURE,
  refTableStatements,
  sheetStructure,
  sheetTsvCanonicalSql,
  stageRowsSql,
} from '../engine-sql';
import { SheetRowsOutOfOrder, sheetLineChunks } from '../sheet-lines';
import type { EngineLoadContext, LoadSession } from './session';
import { CSV_INPUT, CSV_SETTINGS, LINES_INPUT, LINES_SETTINGS, SHEET_INPUT, SHEET_SETTINGS, STAGE_ENGINE } from './settings';

export interface Staged {
  /** Rows in the stage: every row of the file. */
  rows: number;
  /** Rows the first pass left undecided (fast_ok = 0). */
  undecided: number;
}

/**
 * Why the engine refused a file: the name of its error (CANNOT_PARSE_INPUT_ASSERTION_FAILED …), never the message,
 * which quotes the file's text (personal data stays out of logs).
 */
function refusal(err: unknown): string {
  const type = (err as { type?: unknown }).type;
  const name = typeof type === 'string' ? type : /\(([A-Z][A-Z0-9_]+)\)[\s.]*$/.exec(String((err as Error)?.message ?? ''))?.[1];
  return `the engine refused it (${name ?? (err instanceof Error ? err.name : 'an error')})`;
}

/** The file into `s.stage`; null, with the stage dropped, when the engine cannot read it (load it row by row). */
export async function stageFile(
  s: LoadSession,
  opened: OpenedExport,
  file: string,
  mapping: ColumnMapping,
  positions: Map<string, number[]>,
  ctx: Pick<EngineLoadContext, 'onRows' | 'bucketRows' | 'onRefused'>,
): Promise<Staged | null> {
  const { stage, refs, run, input, upload } = s;
  for (const t of [stage, ...Object.values(refs)]) await run(`DROP TABLE IF EXISTS ${t}`);
  for (const { query, params: values } of refTableStatements(refs))
    await s.ch.command({ query, query_params: values, clickhouse_settings: NO_TIME_LIMIT });
  // The stage created by the statement that reads the first (or only) input, written by the others.
  let created = false;
  const intoStage = (select: (rows: string) => string, settings: string) => {
    const statement = { into: stage, engine: created ? undefined : STAGE_ENGINE, select, settings };
    created = true;
    return statement;
  };
  if (opened.format === 'xlsx') {
    // The sheet as TabSeparated text with its row numbers (sheet-lines.ts), in parts: the engine stages one part
    // while the next is written.
    let staging: Promise<void> | null = null;
    try {
      const sheet = { format: 'TabSeparated', structure: sheetStructure(opened.headers.length), settings: SHEET_INPUT };
      for await (const chunk of sheetLineChunks(opened, mapping, path.join(input.localDir, `${stage}.sheet`), {
        onRow: ctx.onRows,
        rowsPerChunk: ctx.bucketRows,
      })) {
        s.temp.push(chunk.file);
        const previous = staging;
        staging = (async () => {
          await previous;
          const select = (rows: string) => stageRowsSql(sheetTsvCanonicalSql(rows, positions, refs), refs);
          await input.insert(upload, { file: chunk.file }, sheet, intoStage(select, SHEET_SETTINGS));
          await fs.promises.rm(chunk.file, { force: true });
        })();
        // Reading goes on while the engine works; an engine error surfaces at the next part or the end.
        staging.catch(() => undefined);
      }
      await staging;
    } catch (err) {
      // Rows out of order, or the engine refused a part (as a CSV file it cannot parse): loaded row by row. A sheet
      // that cannot be read (a limit, a broken package) fails the load here, only the stage written.
      await staging?.catch(() => undefined);
      await run(`DROP TABLE IF EXISTS ${stage}`);
      if (err instanceof ExportReadError) throw err;
      if (!(err instanceof SheetRowsOutOfOrder) && process.env.ETL_TRACE) process.stderr.write(`TRACE ${String(err)}\n`);
      ctx.onRefused?.(err instanceof SheetRowsOutOfOrder ? "the sheet's rows are out of order" : refusal(err));
      return null;
    }
  } else {
    try {
      const bytes = { file, encoding: opened.encoding };
      if (opened.format === 'jsonl') {
        const lines = { format: 'LineAsString', structure: LINES_STRUCTURE, settings: LINES_INPUT };
        const select = (rows: string) => stageRowsSql(jsonlCanonicalSql(rows, opened.headers, positions, refs), refs);
        await input.insert(upload, bytes, lines, intoStage(select, LINES_SETTINGS));
      } else {
        const cells = { format: 'CSV', structure: cellsStructure(opened.headers.length), settings: CSV_INPUT };
        const select = (rows: string) => stageRowsSql(csvCanonicalSql(rows, positions, refs), refs);
        await input.insert(upload, bytes, cells, intoStage(select, CSV_SETTINGS));
      }
    } catch (err) {
      if (process.env.ETL_TRACE) process.stderr.write(`TRACE ${String(err)}\n`);
      await run(`DROP TABLE IF EXISTS ${stage}`);
      ctx.onRefused?.(refusal(err));
      return null;
    }
  }
  const [staged] = await s.rowsOf<{ rows: string; slow: string }>(
    `SELECT count() AS rows, countIf(fast_ok = 0) AS slow FROM ${stage}`,
  );
  return { rows: Number(staged?.rows ?? 0), undecided: Number(staged?.slow ?? 0) };
}
