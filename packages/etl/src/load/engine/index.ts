/**
 * Loading an export inside the engine (issue "Data in" §5: the ETL's rate against the engine's own CSV load), the
 * embedded one or a server's (`CLICKHOUSE_URL`). The engine parses the file and decides every row it can
 * (engine-sql.ts), in named steps:
 *
 * 1. stage.ts — the file (CSV, JSON Lines or XLSX) into the stage table: a first pass over every row, in the shapes
 *    most exports use. The embedded engine reads the file itself; a server gets it streamed through the client and
 *    stages the rows as they arrive (input.ts). Every step after this one is the same SQL on both;
 * 2. validate.ts — a second pass over the rows it left, in every text shape it knows; the rows still undecided go
 *    through validate-row.ts exactly as in the row-by-row path, and their records come back into the same stage;
 * 3–4. decide.ts — per bucket of case ids, set-wise against `case_versions`: new / newer / same / conflict / older;
 * 5. write.ts — the `cases` rows with tombstones of moved sorting keys, and last the `case_versions` rows.
 *
 * Memory does not grow with the file: derivation streams in small blocks (settings.ts), the validator's rows come
 * in pages, and every set, join and sort over case ids holds one bucket's. Which files qualify: eligible.ts; the
 * load's tables, parameters and trace: session.ts. A file the engine cannot parse is loaded row by row
 * (file-loader.ts), nothing having been written. Same results as the row-by-row path (engine-load.int.test.ts
 * compares stores and reject files), counts aside for a case with several rows in one file (decide.ts); the same
 * crash safety (write.ts).
 */
import type { ClickHouseClient } from '@c12315/store';
import type { OpenedExport } from '../../read/export-types';
import type { ColumnMapping } from '../../validate';
import { sourcePositions } from '../engine-sql';
import { type LoadCounts, noLoadCounts } from '../load-counts';
import { decideBucket } from './decide';
import { closeSession, type EngineLoadContext, openSession } from './session';
import { stageFile } from './stage';
import { validateUndecided } from './validate';
import { writeBucket } from './write';

export { engineLoadEligible } from './eligible';
export { removeStaleLocalDirs } from './input';
export { dropStaleStageTables, type EngineLoadContext } from './session';

/** Steps 3–5 run per bucket of case ids of at most about this many rows (a set, join or sort holds one bucket's). */
const BUCKET_ROWS = 1_000_000;

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
): Promise<LoadCounts | null> {
  const s = openSession(ch, ctx.loadId, ctx.loadTime);
  try {
    // 1. The file into the stage: every row with its canonical values, derived columns and fast_ok.
    const positions = sourcePositions(opened.headers, mapping);
    const staged = await stageFile(s, opened, file, mapping, positions, ctx);
    if (!staged) return null;
    const counts: LoadCounts = { ...noLoadCounts(), rowsRead: staged.rows };
    ctx.onPhase?.('staged', counts.rowsRead);

    // 2. The rows the first pass did not decide: the engine again, then the validator.
    if (staged.undecided > 0) await validateUndecided(s, opened, mapping, positions, ctx, counts);
    ctx.onPhase?.('validated', counts.rowsRead);

    // 3–5 for one bucket of case ids at a time (cityHash64(case_id) % buckets): a case's rows all fall in one bucket,
    // and every set, join and sort over case ids below holds one bucket's — the same for a file of any size.
    const buckets = Math.max(1, Math.ceil(counts.rowsRead / (ctx.bucketRows ?? BUCKET_ROWS)));
    for (let b = 0; b < buckets; b++) {
      const inBucket = buckets === 1 ? '1' : `cityHash64(case_id) % ${buckets} = ${b}`;
      await decideBucket(s, inBucket, counts);
      if (b === 0) {
        ctx.onPhase?.('decided', counts.rowsRead);
        await ctx.beforeVisibleWrites?.();
      }
      await writeBucket(s, inBucket);
    }
    ctx.onPhase?.('written', counts.rowsRead);
    return counts;
  } finally {
    // Stage tables and local files of a load that did not finish (killed) are removed by the next load
    // (dropStaleStageTables, removeStaleLocalDirs).
    await closeSession(s);
  }
}
