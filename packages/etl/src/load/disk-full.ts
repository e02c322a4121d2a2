/**
 * A disk that fills during a load. The embedded engine reports it as NOT_ENOUGH_SPACE ("Cannot reserve 1.94 MiB, not
 * enough space", before it writes a part) or as a failed write (errno 28, "No space left on device"); Node's own
 * writes (reject files, stage files) as ENOSPC. Whatever the wording, the load ends FAILED (file-loader.ts) with one
 * message that says so in both languages and names where the space ran out; `pnpm etl load` exits 74.
 */
export const DISK_FULL_EXIT_CODE = 74;

const NO_SPACE = /ENOSPC|No space left on device|not enough space|NOT_ENOUGH_SPACE|errno:? 28\b/i;

export class DiskFullError extends Error {
  readonly code = 'DISK_FULL';
  constructor(
    readonly reasonZh: string,
    readonly reasonEn: string,
    readonly detail: string,
  ) {
    super(`${reasonZh} / ${reasonEn} (${detail})`);
  }
}

/** `error` as a DiskFullError naming `where` (the data dir, or the file Node could not write), or null. */
export function asDiskFull(error: unknown, dataDir: string | undefined): DiskFullError | null {
  if (error instanceof DiskFullError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const errno = error as NodeJS.ErrnoException;
  if (errno?.code !== 'ENOSPC' && !NO_SPACE.test(message)) return null;
  const where = errno?.code === 'ENOSPC' && errno.path ? errno.path : (dataDir ?? 'DATA_DIR');
  return new DiskFullError(
    `磁盘空间不足：${where} 所在的文件系统已满，本次加载已中止（台账记为 FAILED）；释放空间后重新运行同一加载命令，` +
      '即可完成加载并只留下正确的案件',
    `no space left on device: the filesystem holding ${where} is full; the load was stopped (ledger: FAILED); free ` +
      'some space, then run the same load again: it completes the load and leaves exactly the right cases',
    message.slice(0, 300),
  );
}
