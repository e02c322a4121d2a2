/**
 * The loader's read limits (issue 13 §1), from the environment once per process (packages/store config.ts validates
 * the variables), and the error a file passing one gets: it names the limit, its variable, where (row, line, column
 * or part) and the figure found, in Chinese and English.
 */
import { loadReadLimits, READ_LIMIT_VARIABLES, type ReadLimits } from '@c12315/store';
import { ExportReadError } from './export-read-error';

export type { ReadLimits };

let current: ReadLimits | null = null;

/** The limits of this process (ETL_MAX_* variables; defaults otherwise). Throws ConfigError on a bad value. */
export function currentReadLimits(): ReadLimits {
  current ??= loadReadLimits(process.env);
  return current;
}

const LIMIT_NAMES: Record<keyof ReadLimits, { zh: string; en: string }> = {
  maxLineBytes: { zh: '行长度上限', en: 'line length limit' },
  maxCellChars: { zh: '单元格长度上限', en: 'cell size limit' },
  maxColumns: { zh: '列数上限', en: 'column limit' },
  maxXlsxPartBytes: { zh: 'XLSX 部件解压后大小上限', en: 'inflated XLSX part size limit' },
  maxXlsxRatio: { zh: 'XLSX 压缩比上限', en: 'XLSX compression ratio limit' },
  maxSharedStringsBytes: { zh: 'XLSX 共享字符串表大小上限', en: 'XLSX shared-string table size limit' },
};

/** What a limit is called, with its value and variable: `行长度上限 4194304 (ETL_MAX_LINE_BYTES)`. */
export function limitText(limit: keyof ReadLimits, value: number): { zh: string; en: string } {
  const { variable } = READ_LIMIT_VARIABLES[limit];
  const names = LIMIT_NAMES[limit];
  return { zh: `${names.zh} ${value}（${variable}）`, en: `${names.en} ${value} (${variable})` };
}

/**
 * A file refused by a limit: `where` says where (第 2 行 / line 2), `found` what was found there (超过 4194304 字节 /
 * more than 4194304 bytes).
 */
export function limitExceeded(
  file: string,
  limit: keyof ReadLimits,
  value: number,
  where: { zh: string; en: string },
  found: { zh: string; en: string },
): ExportReadError {
  const name = limitText(limit, value);
  return new ExportReadError(
    'LIMIT_EXCEEDED',
    file,
    `${where.zh}${found.zh}，超过${name.zh} / ${where.en}: ${found.en}, over the ${name.en}`,
  );
}

/** A header of more columns than the limit (`row` null: the keys of a JSON Lines file's first lines). */
export function tooManyColumns(file: string, max: number, row: number | null, columns: number): ExportReadError {
  return limitExceeded(
    file,
    'maxColumns',
    max,
    row === null
      ? { zh: '前若干行的键', en: 'the keys of the first lines' }
      : { zh: `表头（第 ${row} 行）`, en: `header (row ${row})` },
    { zh: `有 ${columns} 列`, en: `${columns} columns` },
  );
}
