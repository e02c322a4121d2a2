import { EntitySchema } from '@mikro-orm/core';

/** One row per load attempt (issue "Data in" §3): what was loaded, by whom, how it ended. */
/**
 * INTERRUPTED: a RUNNING load found dead (killed): when the embedded store is next opened (load-ledger-sweep.ts) or
 * when the same file is loaded again.
 */
export type LoadStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'INTERRUPTED';

export class LoadLedgerEntry {
  /** Also the load sequence folded into case versions: a later load wins an equal-更新时间 conflict. */
  id!: number;
  fileName!: string;
  fileSize!: number;
  sha256!: string;
  format!: string;
  encoding: string | null = null;
  startedAt: Date = new Date();
  finishedAt: Date | null = null;
  status: LoadStatus = 'RUNNING';
  rowsRead = 0;
  inserted = 0;
  replaced = 0;
  unchanged = 0;
  /** Rows older than the stored version of their case: ignored. */
  olderIgnored = 0;
  rejected = 0;
  warnings = 0;
  conflicts = 0;
  /** Personal-data columns found and dropped (header names only, never values). */
  droppedColumns: string[] = [];
  unknownColumns: string[] = [];
  rejectFile: string | null = null;
  runBy!: string;
  error: string | null = null;
}

export const LoadLedgerSchema = new EntitySchema<LoadLedgerEntry>({
  class: LoadLedgerEntry,
  tableName: 'load_ledger',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    fileName: { type: 'string', length: 1024 },
    fileSize: { type: 'bigint', mapToPk: false, runtimeType: 'number' },
    sha256: { type: 'string', length: 64, index: true },
    format: { type: 'string', length: 16 },
    encoding: { type: 'string', length: 16, nullable: true },
    startedAt: { type: 'datetime' },
    finishedAt: { type: 'datetime', nullable: true },
    status: { type: 'string', length: 16 },
    rowsRead: { type: 'integer' },
    inserted: { type: 'integer' },
    replaced: { type: 'integer' },
    unchanged: { type: 'integer' },
    olderIgnored: { type: 'integer' },
    rejected: { type: 'integer' },
    warnings: { type: 'integer' },
    conflicts: { type: 'integer' },
    droppedColumns: { type: 'json' },
    unknownColumns: { type: 'json' },
    rejectFile: { type: 'string', length: 1024, nullable: true },
    runBy: { type: 'string', length: 128 },
    error: { type: 'text', nullable: true },
  },
});
