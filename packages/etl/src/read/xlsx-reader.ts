/**
 * XLSX export reader (case-export.md §Files): first sheet only, streamed with exceljs' WorkbookReader so a 1 M-row
 * sheet never sits in memory; the header is the first row whose cells include 登记编号.
 */
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { normaliseCell } from './cell-value';
import { ExportReadError } from './export-read-error';
import type { OpenedExport, RawRow } from './export-types';
import { isCaseIdHeader } from './header-text';

interface SheetRow {
  number: number;
  values: unknown;
}

interface Column {
  index: number;
  header: string;
}

function cellsOf(row: SheetRow): unknown[] {
  return Array.isArray(row.values) ? row.values : [];
}

function headerColumns(cells: unknown[]): Column[] {
  const columns: Column[] = [];
  const seen = new Set<string>();
  cells.forEach((cell, index) => {
    const v = normaliseCell(cell);
    if (v === null || v instanceof Date) return;
    const header = String(v);
    // A repeated header keeps its first column: two columns cannot both be the same field.
    if (header.trim() === '' || seen.has(header)) return;
    seen.add(header);
    columns.push({ index, header });
  });
  return columns;
}

type EntryStream = Readable;
type ChunkSource = AsyncIterable<Buffer | string>;

/** Decode a byte stream as UTF-8 keeping a character cut at a chunk boundary for the next chunk. */
async function* utf8Chunks(source: ChunkSource): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

/**
 * exceljs 4 decodes every inflated chunk of the workbook's XML on its own (TextDecoder without `stream`), so a Chinese
 * character cut at a chunk boundary became two U+FFFD and a valid row was rejected (办结结果 "调解成��"). The parts
 * are handed to exceljs already decoded instead: strings pass through its decoder untouched.
 */
const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => ExcelJS.stream.xlsx.WorkbookReader;
type PartParsers = Record<'_parseRels' | '_parseWorkbook' | '_parseStyles', (entry: EntryStream) => Promise<void>> & {
  _parseSharedStrings(entry: EntryStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: ChunkSource, sheetNo: string): Generator<unknown>;
};

class Utf8WorkbookReader extends BaseReader {
  constructor(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
    super(input, options);
    const base = Object.getPrototypeOf(Object.getPrototypeOf(this)) as PartParsers;
    const self = this as unknown as PartParsers;
    for (const name of ['_parseRels', '_parseWorkbook', '_parseStyles'] as const) {
      self[name] = (entry) => base[name].call(this, entry.setEncoding('utf8'));
    }
    self._parseSharedStrings = (entry) => base._parseSharedStrings.call(this, entry.setEncoding('utf8'));
    self._parseWorksheet = (iterator, sheetNo) => base._parseWorksheet.call(this, utf8Chunks(iterator), sheetNo);
  }
}

export async function openXlsx(filePath: string, size: number): Promise<OpenedExport> {
  const input = fs.createReadStream(filePath);
  let bytes = 0;
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const reader = new Utf8WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache', // needed to see which numeric cells are dates
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });

  async function* firstSheetRows(): AsyncGenerator<SheetRow> {
    try {
      for await (const sheet of reader) {
        for await (const row of sheet as AsyncIterable<SheetRow>) yield row;
        return;
      }
    } catch (err) {
      throw new ExportReadError('UNREADABLE', filePath, (err as Error).message);
    }
  }

  const sheetRows = firstSheetRows();
  let columns: Column[] | null = null;
  for (;;) {
    const next = await sheetRows.next();
    if (next.done) break;
    const cells = cellsOf(next.value);
    if (cells.some((c) => typeof normaliseCell(c) === 'string' && isCaseIdHeader(String(normaliseCell(c))))) {
      columns = headerColumns(cells);
      break;
    }
  }
  if (!columns) {
    input.destroy();
    throw new ExportReadError('NO_HEADER', filePath);
  }
  const cols = columns;

  async function* rows(): AsyncGenerator<RawRow> {
    for await (const row of sheetRows) {
      const cells = cellsOf(row);
      const values = new Map<string, unknown>();
      let any = false;
      for (const { index, header } of cols) {
        const v = normaliseCell(cells[index]);
        if (v !== null && !(typeof v === 'string' && v.trim() === '')) any = true;
        values.set(header, v);
      }
      // Fully blank rows (often trailing formatting) are not cases.
      if (any) yield { rowNumber: row.number, values };
    }
  }

  return {
    format: 'xlsx',
    encoding: null,
    headers: cols.map((c) => c.header),
    rows: rows(),
    bytesRead: () => bytes,
    size,
    close: async () => {
      await sheetRows.return(undefined);
      input.destroy();
    },
  };
}
