/**
 * Entry point of the readers: picks the reader by file extension (case-export.md §Files) and fails loudly, with an
 * ExportReadError, when the file cannot be read at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openCsv } from './csv-reader';
import { ExportReadError } from './export-read-error';
import type { OpenedExport } from './export-types';
import { openJsonl } from './jsonl-reader';
import { currentReadLimits, type ReadLimits } from './read-limits';
import { openXlsx } from './xlsx-reader';

export interface OpenExportOptions {
  /** Only automatic detection is offered: the contract says "detect, don't ask". */
  encoding?: 'auto';
  /** Read limits (read-limits.ts); default: this process's (ETL_MAX_* variables). */
  limits?: ReadLimits;
}

export async function openExport(filePath: string, opts: OpenExportOptions = {}): Promise<OpenedExport> {
  const limits = opts.limits ?? currentReadLimits();
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExportReadError(code === 'ENOENT' || code === 'ENOTDIR' ? 'NOT_FOUND' : 'UNREADABLE', filePath, code);
  }
  if (!stat.isFile()) throw new ExportReadError('NOT_FOUND', filePath, 'not a regular file');
  const ext = path.extname(filePath).toLowerCase();
  switch (ext) {
    case '.xlsx':
      return openXlsx(filePath, stat.size, limits);
    case '.csv':
      return openCsv(filePath, stat.size, limits);
    case '.jsonl':
    case '.ndjson':
      return openJsonl(filePath, stat.size, limits);
    default:
      throw new ExportReadError('UNSUPPORTED_FORMAT', filePath, ext || '(no extension)');
  }
}
