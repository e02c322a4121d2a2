/**
 * JSON Lines export reader (case-export.md §Files): one object per line, Chinese headers or English keys.
 * A line that is not a JSON object is a row-level read error, not a file failure; blank lines are skipped.
 * Keys are not declared up front, so the header is the union of keys over the first lines (bounded, so memory stays
 * constant); a key first seen later is not mapped.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { ExportReadError } from './export-read-error';
import type { OpenedExport, RawRow } from './export-types';
import { isCaseIdHeader } from './header-text';
import { checkLineLengths } from './line-limit';
import { type ReadLimits, tooManyColumns } from './read-limits';

/** Lines read ahead to collect the header keys. */
export const JSONL_HEADER_LOOKAHEAD = 1000;

/** One trimmed, non-blank line as a row (also the engine-side load's way back for the lines it leaves). */
export function parseJsonLine(line: string, lineNumber: number): RawRow {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return {
      rowNumber: lineNumber,
      values: new Map(),
      readError: { reasonZh: '该行不是合法的 JSON', reasonEn: 'line is not valid JSON' },
    };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      rowNumber: lineNumber,
      values: new Map(),
      readError: { reasonZh: '该行不是 JSON 对象', reasonEn: 'line is not a JSON object' },
    };
  }
  return { rowNumber: lineNumber, values: new Map(Object.entries(parsed as Record<string, unknown>)) };
}

export async function openJsonl(filePath: string, size: number, limits: ReadLimits): Promise<OpenedExport> {
  // Before readline holds a line: none may outgrow the limit.
  await checkLineLengths(filePath, limits.maxLineBytes);
  const input = fs.createReadStream(filePath);
  let bytes = 0;
  let bom = false;
  input.on('data', (chunk) => {
    const buf = chunk as Buffer;
    if (bytes === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) bom = true;
    bytes += buf.length;
  });
  const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 0;

  async function nextRow(): Promise<RawRow | null> {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await iterator.next();
      } catch (err) {
        throw new ExportReadError('UNREADABLE', filePath, (err as Error).message);
      }
      if (next.done) return null;
      lineNumber += 1;
      const line = (lineNumber === 1 ? next.value.replace(/^\uFEFF/, '') : next.value).trim();
      if (line !== '') return parseJsonLine(line, lineNumber);
    }
  }

  const ahead: RawRow[] = [];
  const keys = new Set<string>();
  while (ahead.length < JSONL_HEADER_LOOKAHEAD) {
    const row = await nextRow();
    if (!row) break;
    ahead.push(row);
    for (const k of row.values.keys()) keys.add(k);
  }
  if (keys.size > limits.maxColumns) {
    lines.close();
    input.destroy();
    throw tooManyColumns(filePath, limits.maxColumns, null, keys.size);
  }
  if (![...keys].some(isCaseIdHeader)) {
    lines.close();
    input.destroy();
    throw new ExportReadError('NO_HEADER', filePath);
  }

  async function* rows(): AsyncGenerator<RawRow> {
    while (ahead.length > 0) yield ahead.shift()!;
    for (;;) {
      const row = await nextRow();
      if (!row) return;
      yield row;
    }
  }

  return {
    format: 'jsonl',
    encoding: bom ? 'utf-8-bom' : 'utf-8',
    headers: [...keys],
    rows: rows(),
    bytesRead: () => bytes,
    size,
    close: async () => {
      lines.close();
      input.destroy();
    },
  };
}
