/**
 * The counts of one load, as both paths keep them (file-loader.ts row by row, engine/ in the engine) and as its
 * summary and ledger entry report them.
 */
export interface LoadCounts {
  rowsRead: number;
  inserted: number;
  replaced: number;
  unchanged: number;
  olderIgnored: number;
  rejected: number;
  warnings: number;
  /** Equal 更新时间 with different content (within the file or against the store); the later row won. */
  conflicts: number;
}

/** Every count of a load at zero. */
export function noLoadCounts(): LoadCounts {
  return { rowsRead: 0, inserted: 0, replaced: 0, unchanged: 0, olderIgnored: 0, rejected: 0, warnings: 0, conflicts: 0 };
}
