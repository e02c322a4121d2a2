/**
 * Step 2: the rows the first pass did not decide. First the engine again, with every text shape it knows (a few per
 * cent of a file: date-times written 2024/3/5 14:03 or with an offset, amounts 1,234.5 …); the rows still undecided —
 * dirty rows, rare shapes, rows with warnings — go through validate-row.ts exactly as in the row-by-row path
 * (validate-or-reject.ts): rejects, warnings, or records back to the same stage. The validator's rows come in pages
 * and its records go back in batches, so what this process holds does not grow with the file.
 */
import type { CaseRecord } from '@c12315/domain';
import type { OpenedExport, RawRow } from '../../read/export-types';
import { parseJsonLine } from '../../read/jsonl-reader';
import { COLUMNS, type ColumnMapping } from '../../validate';
import { contentHash } from '../case-row';
import {
  jsonlRawCanonicalSql,
  mappedPositions,
  rawCanonicalSql,
  SLOW_ROW_STRUCTURE,
  slowCanonicalSql,
  stageRowsSql,
} from '../engine-sql';
import type { LoadCounts } from '../load-counts';
import { sheetCell } from '../sheet-lines';
import { TsvBuffer, type TsvValue } from '../tsv-buffer';
import { validateOrReject } from '../validate-or-reject';
import type { EngineLoadContext, LoadSession } from './session';
import { DERIVE_SETTINGS, READ_SETTINGS, STAGE_WRITE_SETTINGS, WRITE_SETTINGS } from './settings';

/** Rows the validator gets from the engine at a time, and validated records written back at a time. */
const SLOW_PAGE_ROWS = 20_000;
const SLOW_BATCH_ROWS = 50_000;

/** The stage's undecided rows decided: by the engine's second pass, then by the validator (counts.rejected, warnings). */
export async function validateUndecided(
  s: LoadSession,
  opened: OpenedExport,
  mapping: ColumnMapping,
  positions: Map<string, number[]>,
  ctx: Pick<EngineLoadContext, 'loadTime' | 'rejects' | 'bucketRows'>,
  counts: LoadCounts,
): Promise<void> {
  const { stage, undecided, refs, run } = s;
  const jsonl = opened.format === 'jsonl';
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
  let tsv = new TsvBuffer();
  const flushSlow = async () => {
    if (tsv.rows === 0) return;
    await s.input.insert(
      s.slow,
      { data: tsv.bytes() },
      { format: 'TabSeparated', structure: SLOW_ROW_STRUCTURE },
      {
        into: stage,
        select: (records) => `SELECT * FROM (${stageRowsSql(slowCanonicalSql(records), refs)})`,
        settings: `SETTINGS ${READ_SETTINGS}, ${DERIVE_SETTINGS}, ${WRITE_SETTINGS}, ${STAGE_WRITE_SETTINGS}`,
      },
    );
    tsv = new TsvBuffer();
  };
  // A page at a time (the validator's records go to the stage, not to the table being read; pages bound what
  // this process holds whatever the file's size). Source rows are line numbers (a JSON Lines file may skip some).
  for (let after = 0; ; ) {
    const pending = await s.rowsOf<{ source_row: number; raw: string[] }>(
      `SELECT source_row, raw FROM ${undecided} WHERE fast_ok = 0 AND source_row > ${after}
           ORDER BY source_row LIMIT ${Math.min(SLOW_PAGE_ROWS, ctx.bucketRows ?? SLOW_PAGE_ROWS)}`,
    );
    const lastPending = pending[pending.length - 1];
    if (!lastPending) break;
    after = lastPending.source_row;
    for (const { source_row: rowNumber, raw } of pending) {
      const record = validateOrReject(rawRow(rowNumber, raw), mapping, ctx.loadTime, ctx.rejects, counts);
      if (record) {
        tsv.row(slowRowValues(record, rowNumber));
        if (tsv.rows >= SLOW_BATCH_ROWS) await flushSlow();
      }
    }
  }
  await flushSlow();
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
