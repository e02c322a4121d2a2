/**
 * Which files the engine loads (on the embedded store or a server: input.ts): with every required column there, a
 * UTF-8 or GB18030 CSV whose header is its first line and which has no backslash (the engine reads an unquoted \N as
 * empty, the contract as text; the caller checks), JSON Lines, or XLSX (its first sheet handed over as TabSeparated
 * text with row numbers by sheet-lines.ts, typed cells as the text they validate as). Any other file is loaded row by
 * row.
 */
import fs from 'node:fs';
import { gb18030Decoder } from '../../read/csv-encoding';
import { CsvSplitter } from '../../read/csv-splitter';
import type { OpenedExport } from '../../read/export-types';
import type { ColumnMapping } from '../../validate';

/**
 * Can this file be loaded in the engine at all? CSV (the caller has checked it holds no backslash; the engine's parse
 * may still refuse it: then the load returns null), JSON Lines or XLSX, every required column there.
 */
export async function engineLoadEligible(opened: OpenedExport, file: string, mapping: ColumnMapping): Promise<boolean> {
  if (mapping.missingRequired.length > 0) return false;
  if (opened.format === 'jsonl' || opened.format === 'xlsx') return true;
  return opened.format === 'csv' && headerIsFirstLine(file, opened);
}

/** The engine skips exactly one line: the header must be the first record and hold no line break. */
async function headerIsFirstLine(file: string, opened: OpenedExport): Promise<boolean> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, bytesRead);
    const end = bytes.indexOf(0x0a);
    if (end < 0) return false;
    let line =
      opened.encoding === 'gb18030' ? gb18030Decoder().write(bytes.subarray(0, end)) : bytes.subarray(0, end).toString('utf8');
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    const records: string[][] = [];
    const splitter = new CsvSplitter();
    splitter.push(line.endsWith('\r') ? line.slice(0, -1) : line, true, (r) => records.push(r));
    const [first] = records;
    return (
      records.length === 1 &&
      first !== undefined &&
      first.length === opened.headers.length &&
      first.every((h, i) => h === opened.headers[i])
    );
  } finally {
    await fh.close();
  }
}
