/**
 * CSV export reader (case-export.md §Files): encoding detected, RFC 4180 split by CsvSplitter (the rules csv-parse
 * applied before, at a fraction of the cost), streamed chunk by chunk so memory stays flat.
 * A broken row (wrong column count, a quote never closed) becomes that row's read error; other rows still load
 * (an unclosed quote runs to the end of the file by RFC 4180, so it is one broken row at the end).
 * Row numbers are what a spreadsheet shows: header = row 1, blank lines and broken records count as rows, a quoted
 * multi-line value is one row.
 */
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { type ChunkDecoder, detectCsvEncoding, gb18030Decoder } from './csv-encoding';
import { CsvSplitter } from './csv-splitter';
import { ExportReadError } from './export-read-error';
import type { OpenedExport, RawRow } from './export-types';
import { isCaseIdHeader } from './header-text';
import { checkLineLengths } from './line-limit';
import { type ReadLimits, tooManyColumns } from './read-limits';
import { HeaderIndex, RowCells } from './row-cells';

const CHUNK_BYTES = 1 << 20;

interface NumberedRecord {
  record: string[];
  rowNumber: number;
}

function isBlank(record: string[]): boolean {
  for (const c of record) if (c.trim() !== '') return false;
  return true;
}

export async function openCsv(filePath: string, size: number, limits: ReadLimits): Promise<OpenedExport> {
  // Before anything is held: no line may outgrow the limit (a file without line ends, NUL bytes…).
  await checkLineLengths(filePath, limits.maxLineBytes);
  const encoding = await detectCsvEncoding(filePath);
  const input = fs.createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
  let bytes = 0;
  // GB18030 also decodes the 4-byte sequences some names need (e.g. 𠮷); both decoders keep a character cut at a
  // chunk boundary for the next chunk.
  const decoder: ChunkDecoder = encoding === 'gb18030' ? gb18030Decoder() : new StringDecoder('utf8');
  const splitter = new CsvSplitter();
  const fail = (err: unknown): never => {
    throw err instanceof ExportReadError ? err : new ExportReadError('UNREADABLE', filePath, (err as Error).message);
  };

  /** Records in file order, numbered as spreadsheet rows; the broken record of an unclosed quote comes last. */
  async function* numbered(): AsyncGenerator<NumberedRecord | RawRow> {
    let rowNumber = 0;
    let first = true;
    const batch: string[][] = [];
    const collect = (r: string[]) => batch.push(r);
    const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    for (;;) {
      const next = await chunks.next().catch(fail);
      let text: string;
      if (next.done) text = decoder.end();
      else {
        bytes += next.value.length;
        text = decoder.write(next.value);
      }
      // The BOM is not text (the GB18030 BOM decodes to U+FEFF too).
      if (first && text !== '') {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      splitter.push(text, Boolean(next.done), collect);
      for (const record of batch) yield { record, rowNumber: ++rowNumber };
      batch.length = 0;
      if (next.done) break;
    }
    if (splitter.unclosedQuote) {
      const code = 'CSV_QUOTE_NOT_CLOSED';
      yield {
        rowNumber: ++rowNumber,
        values: new Map(),
        readError: { reasonZh: `CSV 格式错误（${code}）`, reasonEn: `malformed CSV (${code})` },
      };
    }
  }

  const source = numbered();
  let headers: string[] | null = null;
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    if ('record' in next.value && next.value.record.some(isCaseIdHeader)) {
      headers = next.value.record;
      if (headers.length > limits.maxColumns) {
        input.destroy();
        throw tooManyColumns(filePath, limits.maxColumns, next.value.rowNumber, headers.length);
      }
      break;
    }
  }
  if (!headers) {
    input.destroy();
    throw new ExportReadError('NO_HEADER', filePath);
  }
  const header = headers;
  const index = new HeaderIndex(header);

  async function* rows(): AsyncGenerator<RawRow> {
    for await (const item of source) {
      if (!('record' in item)) {
        yield item;
        continue;
      }
      const { record, rowNumber } = item;
      if (isBlank(record)) continue;
      const values = new RowCells(index, record);
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
    headers: [...index.position.keys()],
    rows: rows(),
    bytesRead: () => bytes,
    size,
    close: async () => {
      input.destroy();
    },
  };
}
