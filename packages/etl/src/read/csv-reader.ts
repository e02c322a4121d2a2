/**
 * CSV export reader (case-export.md §Files): encoding detected, RFC 4180 via csv-parse, streamed with backpressure.
 * A broken row (wrong column count, a quote never closed) becomes that row's read error; other rows still load
 * (an unclosed quote runs to the end of the file by RFC 4180, so it is one broken row at the end).
 * Row numbers are what a spreadsheet shows: header = row 1, blank lines and broken records count as rows, a quoted
 * multi-line value is one row.
 */
import * as fs from 'node:fs';
import { type CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { detectCsvEncoding } from './csv-encoding';
import { ExportReadError } from './export-read-error';
import type { OpenedExport, RawRow } from './export-types';
import { isCaseIdHeader } from './header-text';

interface NumberedRecord {
  record: string[];
  rowNumber: number;
}

function isBlank(record: string[]): boolean {
  return record.every((c) => c.trim() === '');
}

export async function openCsv(filePath: string, size: number): Promise<OpenedExport> {
  const encoding = await detectCsvEncoding(filePath);
  const input = fs.createReadStream(filePath);
  let bytes = 0;
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  // iconv strips the BOM; GB18030 also decodes the 4-byte sequences some names need (e.g. 𠮷).
  const decoder = iconv.decodeStream(encoding === 'gb18030' ? 'gb18030' : 'utf8');
  // A skipped record, noted while parsing (in file order) with the number of records parsed before it.
  const broken: { afterRecords: number; code: string }[] = [];
  const parser = parse({
    // Column counts are checked here, not by csv-parse, so a short row keeps its number and readable case id.
    relax_column_count: true,
    // A stray quote inside a field (某某"牌"酒) is kept as text: strict RFC 4180 would make csv-parse swallow every
    // later row after it. Well-quoted files parse the same either way.
    relax_quotes: true,
    // Blank lines are records here (skipped below) so that they count as spreadsheet rows.
    skip_empty_lines: false,
    skip_records_with_error: true,
  });
  parser.on('skip', (err: CsvError & { records?: number }) => {
    broken.push({ afterRecords: err.records ?? 0, code: err.code });
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(decoder).pipe(parser);

  const fail = (err: unknown): never => {
    throw err instanceof ExportReadError ? err : new ExportReadError('UNREADABLE', filePath, (err as Error).message);
  };

  /** Records and broken records in file order, numbered as spreadsheet rows (row = records + broken so far). */
  async function* numbered(): AsyncGenerator<NumberedRecord | RawRow> {
    const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
    let parsed = 0;
    let skipped = 0;
    for (;;) {
      const next = await records.next().catch(fail);
      const upTo = next.done ? Number.POSITIVE_INFINITY : parsed + 1;
      // A skip noted after `afterRecords` records comes before record number afterRecords + 1.
      while (broken.length > 0 && (broken[0]?.afterRecords ?? 0) < upTo) {
        const { afterRecords, code } = broken.shift()!;
        skipped += 1;
        yield {
          rowNumber: afterRecords + skipped,
          values: new Map(),
          readError: { reasonZh: `CSV 格式错误（${code}）`, reasonEn: `malformed CSV (${code})` },
        };
      }
      if (next.done) return;
      parsed += 1;
      yield { record: next.value, rowNumber: parsed + skipped };
    }
  }

  const source = numbered();
  let headers: string[] | null = null;
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    if ('record' in next.value && next.value.record.some(isCaseIdHeader)) {
      headers = next.value.record;
      break;
    }
  }
  if (!headers) {
    input.destroy();
    throw new ExportReadError('NO_HEADER', filePath);
  }
  const header = headers;

  async function* rows(): AsyncGenerator<RawRow> {
    for await (const item of source) {
      if (!('record' in item)) {
        yield item;
        continue;
      }
      const { record, rowNumber } = item;
      if (isBlank(record)) continue;
      const values = new Map<string, unknown>();
      header.forEach((h, i) => {
        if (h.trim() !== '' && !values.has(h)) values.set(h, record[i] ?? null);
      });
      if (record.length !== header.length) {
        yield {
          rowNumber,
          values,
          readError: {
            reasonZh: `该行有 ${record.length} 列，表头有 ${header.length} 列`,
            reasonEn: `row has ${record.length} columns, header has ${header.length}`,
          },
        };
      } else {
        yield { rowNumber, values };
      }
    }
  }

  return {
    format: 'csv',
    encoding,
    headers: header.filter((h, i) => h.trim() !== '' && header.indexOf(h) === i),
    rows: rows(),
    bytesRead: () => bytes,
    size,
    close: async () => {
      input.destroy();
      parser.destroy();
    },
  };
}
