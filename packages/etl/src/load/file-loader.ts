/**
 * Loading one case export (case-export.md): read → map headers → validate row by row (rejects to a reject file) →
 * drop personal data (never read past the header) → keep the newest row per case inside a batch → write against the
 * store (store-writer.ts) → ledger entry with the counts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type ClickHouseClient, LoadLedgerEntry, newAuditEntry, refreshReadModel } from '@c12315/store';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { ExportReadError, type OpenedExport, openExport } from '../read';
import { type Issue, mapHeaders, RejectFileWriter } from '../validate';
import { asDiskFull } from './disk-full';
import { dropStaleStageTables, engineLoadEligible, loadFileInEngine, removeStaleLocalDirs } from './engine';
import { type LoadCounts, noLoadCounts } from './load-counts';
import { type PendingCase, pendingCase, startBatch } from './store-writer';
import { validateOrReject } from './validate-or-reject';

export interface LoadOptions {
  /** Folder for reject files; default: next to the input. */
  rejectsDir?: string;
  /** Who ran the load (recorded in the ledger and the audit log). */
  runBy: string;
  /** How the load reached this process, for the audit log: `cli` (the default) or `server` (handed over by the CLI). */
  via?: 'cli' | 'server';
  /** The load's own clock (contract rule 6 compares with it + 24 h). */
  loadTime?: Date;
  /**
   * Rows validated per store round trip (row-by-row path); rows per bucket of case ids and per part of an XLSX sheet,
   * and at most per page the validator reads (engine-side load).
   */
  batchSize?: number;
  /** Where the store lives, named when the disk fills (disk-full.ts). */
  dataDir?: string;
  /** Load row by row in JavaScript even where the engine could load the file itself (engine/). */
  rowByRow?: boolean;
  onProgress?: (progress: LoadProgress) => void;
  /**
   * Called once, right before the load's first write readers can see (`cases`; then the read model's months rebuilt
   * and swapped in, then the ledger's outcome); the function it resolves to is called when the ledger entry says
   * SUCCEEDED or FAILED. Reading, staging and validating the file run before it. The api server wraps its loads with
   * it so that no answer mixes data from before and after the load (packages/api/src/common/load-gate.ts).
   */
  visibleChanges?: () => Promise<() => void>;
}

export interface LoadProgress {
  file: string;
  bytesRead: number;
  size: number;
  rowsRead: number;
  /** The step an engine-side load has finished (engine/): staged, validated, decided, written. */
  phase?: string;
}

/** A load's counts (load-counts.ts), what was loaded, and where its rejects went. */
export interface LoadSummary extends LoadCounts {
  loadId: number;
  file: string;
  format: string;
  encoding: string | null;
  droppedColumns: string[];
  unknownColumns: string[];
  rejectFile: string | null;
  durationMs: number;
  /**
   * The read model's months rebuilt after the cases were written (read-model-build.ts), and how long that took (part
   * of durationMs). The ledger says SUCCEEDED only after it: while a load is RUNNING the api caches nothing, so no
   * answer from a read model the load has not yet rebuilt is kept.
   */
  readModelMonths: number;
  readModelMs: number;
  /** Loaded in the engine (engine/: the embedded one or a server's) rather than row by row. */
  inEngine: boolean;
  /**
   * Why the engine refused a file it was handed (a row its CSV parser rejects, a sheet's rows out of order…), which
   * was then loaded row by row: the CLI warns with it. Null when it did not.
   */
  engineRefused: string | null;
}

const PROGRESS_EVERY_ROWS = 500;

export function rejectFilePath(file: string, rejectsDir?: string): string {
  const base = `${path.basename(file)}.rejects.csv`;
  return path.join(rejectsDir ?? path.dirname(file), base);
}

async function fileDigest(file: string): Promise<{ sha256: string; size: number; hasBackslash: boolean }> {
  const hash = createHash('sha256');
  let size = 0;
  let hasBackslash = false;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
    hasBackslash ||= (chunk as Buffer).includes(0x5c);
  }
  return { sha256: hash.digest('hex'), size, hasBackslash };
}

export async function loadFile(
  deps: { ch: ClickHouseClient; orm: MikroORM },
  file: string,
  options: LoadOptions,
): Promise<LoadSummary> {
  const started = Date.now();
  const loadTime = options.loadTime ?? new Date();
  const batchSize = options.batchSize ?? 20_000;
  const absolute = path.resolve(file);
  const em = deps.orm.em.fork();
  // Opening first: a file that cannot be read at all fails before anything is written; one a read limit refuses
  // (a file without line ends, a zip bomb…) is recorded as a FAILED load, naming the limit.
  let opened: OpenedExport;
  try {
    opened = await openExport(absolute);
  } catch (error) {
    if (error instanceof ExportReadError && error.code === 'LIMIT_EXCEEDED') await recordRefused(em, absolute, options, error);
    throw error;
  }
  const { sha256, size, hasBackslash } = await fileDigest(absolute);
  const entry = Object.assign(new LoadLedgerEntry(), {
    fileName: absolute,
    fileSize: size,
    sha256,
    format: opened.format,
    encoding: opened.encoding,
    runBy: options.runBy,
    startedAt: new Date(),
  });
  // A load of the same file killed earlier (kill -9 leaves its entry RUNNING): mark it, the re-run repairs the store.
  const stale = await em.find(LoadLedgerEntry, { sha256, status: 'RUNNING' });
  for (const old of stale) {
    old.status = 'INTERRUPTED';
    old.error = 'the load process ended before finishing; loaded again';
  }
  // The ledger entry and the audit log's entry (who loaded which file; the ledger entry holds the outcome) together.
  await em.begin();
  try {
    em.persist(entry);
    await em.flush();
    em.persist(
      newAuditEntry({
        action: 'FILE_LOAD',
        actor: options.runBy,
        target: absolute,
        detail: `load ledger entry ${entry.id}`,
        params: { ledgerId: entry.id, sha256, bytes: size, format: opened.format, via: options.via ?? 'cli' },
      }),
    );
    await em.flush();
    await em.commit();
  } catch (error) {
    await em.rollback();
    throw error;
  }
  const loadId = String(entry.id);
  const mapping = mapHeaders(opened.headers);
  const rejects = new RejectFileWriter(rejectFilePath(absolute, options.rejectsDir));
  const summary: LoadSummary = {
    loadId: entry.id,
    file: absolute,
    format: opened.format,
    encoding: opened.encoding,
    ...noLoadCounts(),
    droppedColumns: mapping.personal,
    unknownColumns: mapping.unknown,
    rejectFile: null,
    durationMs: 0,
    readModelMonths: 0,
    readModelMs: 0,
    inEngine: false,
    engineRefused: null,
  };
  // The load's visible phase (options.visibleChanges): entered at the first visible write, left with the ledger's outcome.
  let leaveVisible: (() => void) | null = null;
  const enterVisible = async () => {
    if (!leaveVisible && options.visibleChanges) leaveVisible = await options.visibleChanges();
  };
  let batch = new Map<string, PendingCase>();
  // The writes of the last batch, still running while the next batch is read and validated.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    // The previous batch must be stored before this batch's lookup sees case_versions: several rows of one case in
    // different batches still end with the newest one.
    await writing;
    if (batch.size > 0) await enterVisible();
    const { outcome, written } = await startBatch(deps.ch, batch, { loadId, loadSeq: entry.id });
    writing = written;
    written.catch(() => undefined); // awaited at the next flush or the end; no unhandled rejection meanwhile
    summary.inserted += outcome.inserted;
    summary.replaced += outcome.replaced;
    summary.unchanged += outcome.unchanged;
    summary.olderIgnored += outcome.olderIgnored;
    summary.conflicts += outcome.conflicts.length;
    batch = new Map();
  };
  const loadRows = async (): Promise<void> => {
    for await (const row of opened.rows) {
      summary.rowsRead++;
      const record = validateOrReject(row, mapping, loadTime, rejects, summary);
      if (record) {
        const incoming = pendingCase(record, row.rowNumber);
        const earlier = batch.get(incoming.record.caseId);
        // Several rows of one case in a file: the greatest 更新时间 wins; on an equal one with other content the later
        // row wins and the conflict is counted (case-export.md §Files).
        if (!earlier || incoming.record.updatedAt > earlier.record.updatedAt) {
          batch.set(incoming.record.caseId, incoming);
        } else if (incoming.record.updatedAt === earlier.record.updatedAt) {
          if (incoming.hash !== earlier.hash) summary.conflicts++;
          batch.set(incoming.record.caseId, incoming);
        }
        if (batch.size >= batchSize) await flush();
      }
      if (options.onProgress && summary.rowsRead % PROGRESS_EVERY_ROWS === 0) {
        options.onProgress({ file: absolute, bytesRead: opened.bytesRead(), size: opened.size, rowsRead: summary.rowsRead });
      }
    }
    await flush();
    await writing;
  };
  const loadInEngine = async (): Promise<boolean> => {
    // A backslash keeps a CSV file out (the engine reads an unquoted \N as empty); in JSON Lines it is an escape.
    if (options.rowByRow || (hasBackslash && opened.format === 'csv')) return false;
    if (!(await engineLoadEligible(opened, absolute, mapping))) return false;
    const running = await em.find(LoadLedgerEntry, { status: 'RUNNING' });
    await dropStaleStageTables(deps.ch, (id) => running.some((e) => e.id === id));
    await removeStaleLocalDirs();
    const counts = await loadFileInEngine(deps.ch, opened, absolute, mapping, {
      loadId,
      loadTime,
      rejects,
      bucketRows: options.batchSize,
      onRows: (rowsRead) => {
        if (options.onProgress && rowsRead % PROGRESS_EVERY_ROWS === 0) {
          options.onProgress({ file: absolute, bytesRead: opened.bytesRead(), size: opened.size, rowsRead });
        }
      },
      onPhase: (phase, rowsRead) =>
        options.onProgress?.({ file: absolute, bytesRead: opened.size, size: opened.size, rowsRead, phase }),
      beforeVisibleWrites: enterVisible,
      onRefused: (reason) => {
        summary.engineRefused = reason;
      },
    });
    if (!counts) {
      if (opened.format === 'xlsx') {
        // Its rows were read to hand the sheet to the engine: read again from the start.
        await opened.close();
        opened = await openExport(absolute);
      }
      return false;
    }
    Object.assign(summary, counts, { inEngine: true });
    return true;
  };
  try {
    if (!(await loadInEngine())) await loadRows();
    // Months left dirty by an earlier killed load are rebuilt here too: a visible change even when nothing was written.
    await enterVisible();
    const rebuildStarted = Date.now();
    const months = await refreshAfterLoad(deps.ch, absolute, opened.size, summary.rowsRead, options);
    Object.assign(summary, { readModelMonths: months.length, readModelMs: Date.now() - rebuildStarted });
    const rejectRows = await rejects.close();
    summary.rejectFile = rejectRows > 0 ? rejectFilePath(absolute, options.rejectsDir) : null;
    summary.durationMs = Date.now() - started;
    Object.assign(entry, {
      status: 'SUCCEEDED',
      finishedAt: new Date(),
      rowsRead: summary.rowsRead,
      inserted: summary.inserted,
      replaced: summary.replaced,
      unchanged: summary.unchanged,
      olderIgnored: summary.olderIgnored,
      rejected: summary.rejected,
      warnings: summary.warnings,
      conflicts: summary.conflicts,
      droppedColumns: summary.droppedColumns,
      unknownColumns: summary.unknownColumns,
      rejectFile: summary.rejectFile,
    });
    await em.flush();
    options.onProgress?.({ file: absolute, bytesRead: opened.size, size: opened.size, rowsRead: summary.rowsRead });
    return summary;
  } catch (caught) {
    const error = asDiskFull(caught, options.dataDir) ?? caught;
    await writing.catch(() => undefined);
    await rejects.close().catch(() => 0);
    entry.status = 'FAILED';
    entry.finishedAt = new Date();
    entry.error = error instanceof Error ? error.message : String(error);
    await em.flush();
    throw error;
  } finally {
    (leaveVisible as (() => void) | null)?.();
    await opened.close();
  }
}

/** A ledger entry for a file refused by a read limit before any row was read: FAILED, with the limit's message. */
async function recordRefused(
  em: EntityManager,
  file: string,
  options: Pick<LoadOptions, 'runBy'>,
  error: ExportReadError,
): Promise<void> {
  const { sha256, size } = await fileDigest(file);
  const now = new Date();
  em.persist(
    Object.assign(new LoadLedgerEntry(), {
      fileName: file,
      fileSize: size,
      sha256,
      format: path.extname(file).slice(1).toLowerCase(),
      runBy: options.runBy,
      startedAt: now,
      finishedAt: now,
      status: 'FAILED',
      error: error.message,
    }),
  );
  await em.flush();
}

/**
 * The read model's dirty months rebuilt, reported as a load phase: "read model 0/12" as it begins (a batch of months
 * is built by one statement per table, so the first month done can be the last), then "read model 3/12".
 */
async function refreshAfterLoad(
  ch: ClickHouseClient,
  file: string,
  size: number,
  rowsRead: number,
  options: Pick<LoadOptions, 'onProgress'>,
): Promise<number[]> {
  const report = (done: number, total: number) =>
    options.onProgress?.({ file, bytesRead: size, size, rowsRead, phase: `read model ${done}/${total}` });
  return refreshReadModel(ch, ({ done, total }) => report(done, total), { onStart: (total) => report(0, total) });
}

export type { Issue };
