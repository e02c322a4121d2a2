import type { ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { ExportReadError } from '../read';
import { DiskFullError } from './disk-full';
import { type LoadOptions, type LoadProgress, type LoadSummary, loadFile } from './file-loader';

/** What a run of several files reports, in order; the same events travel from the api server to the CLI. */
export type LoadEvent =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'summary'; summary: LoadSummary }
  | { type: 'error'; file: string; code: string; message: string };

/**
 * Load files one after another. A file that cannot be read is reported and the others still load; the run is ok only
 * when every file was read (case-export.md: exit status non-zero when a file could not be read at all).
 */
export async function loadFiles(
  deps: { ch: ClickHouseClient; orm: MikroORM },
  files: string[],
  options: Omit<LoadOptions, 'onProgress'>,
  emit: (event: LoadEvent) => void,
): Promise<boolean> {
  let ok = true;
  const onProgress = (progress: LoadProgress) => emit({ type: 'progress', progress });
  for (const file of files) {
    try {
      const summary = await loadFile(deps, file, { ...options, onProgress });
      emit({ type: 'summary', summary });
    } catch (error) {
      ok = false;
      if (error instanceof ExportReadError || error instanceof DiskFullError) {
        emit({ type: 'error', file, code: error.code, message: error.message });
      } else {
        emit({ type: 'error', file, code: 'LOAD_FAILED', message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return ok;
}
