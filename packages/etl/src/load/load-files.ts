import type { ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { ExportReadError } from '../read';
import { type LoadOptions, type LoadProgress, type LoadSummary, loadFile, refreshAfterLoad } from './file-loader';

/** What a run of several files reports, in order; the same events travel from the api server to the CLI. */
export type LoadEvent =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'summary'; summary: LoadSummary }
  /** The read model's months rebuilt after the run (read-model-build.ts), and how long that took. */
  | { type: 'readModel'; months: number; ms: number }
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
  let last: LoadSummary | null = null;
  for (const file of files) {
    try {
      const summary = await loadFile(deps, file, { ...options, refreshReadModel: false, onProgress });
      last = summary;
      emit({ type: 'summary', summary });
    } catch (error) {
      ok = false;
      if (error instanceof ExportReadError) {
        emit({ type: 'error', file, code: error.code, message: error.message });
      } else {
        emit({ type: 'error', file, code: 'LOAD_FAILED', message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  // The read model once for the whole run (also after a failed file: the months it marked are rebuilt).
  try {
    const started = Date.now();
    const months = await refreshAfterLoad(deps.ch, last?.file ?? files.at(-1) ?? '', 0, last?.rowsRead ?? 0, { onProgress });
    emit({ type: 'readModel', months: months.length, ms: Date.now() - started });
  } catch (error) {
    ok = false;
    emit({ type: 'error', file: files.at(-1) ?? '', code: 'READ_MODEL_FAILED', message: String(error) });
  }
  return ok;
}
