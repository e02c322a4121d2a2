/**
 * XLSX export reader (case-export.md §Files): the workbook's first sheet, streamed — the sheet's XML is inflated and
 * scanned one `<row>` at a time (xlsx-rows.ts), so a 1 M-row sheet never sits in memory; only its shared strings do,
 * as in any reader of the format. The header is the first row whose cells include 登记编号.
 */
import { hasValue } from './cell-value';
import { ExportReadError } from './export-read-error';
import type { OpenedExport, RawRow, XlsxSheet } from './export-types';
import { isCaseIdHeader } from './header-text';
import { type ReadLimits, tooManyColumns } from './read-limits';
import { HeaderIndex, RowCells } from './row-cells';
import { NO_PREFIX, parseRow, type RowSpan, type SheetBook, type SheetRow, SheetRowScanner, TextCache } from './xlsx-rows';
import { dateStyles, ElementScanner, stringItemText, workbookParts } from './xlsx-xml';
import { openZipPackage, type ZipPackage } from './xlsx-zip';

/** Header texts by sheet column ('' where a column has none): a repeated header keeps its first column. */
function headerByColumn(row: SheetRow, file: string, maxColumns: number): string[] {
  if (row.cells.length > maxColumns) throw tooManyColumns(file, maxColumns, row.number, row.cells.length);
  const seen = new Set<string>();
  return Array.from(row.cells, (cell) => {
    if (cell === null || cell === undefined || cell instanceof Date) return '';
    const header = String(cell);
    if (header.trim() === '' || seen.has(header)) return '';
    seen.add(header);
    return header;
  });
}

async function sharedStrings(zip: ZipPackage, part: string | null): Promise<string[]> {
  if (!part || !zip.has(part)) return [];
  const strings: string[] = [];
  const scanner = new ElementScanner('sst', 'si');
  for await (const chunk of zip.chunks(part)) scanner.push(chunk, (si) => strings.push(stringItemText(si)));
  return strings;
}

export async function openXlsx(filePath: string, size: number, limits: ReadLimits): Promise<OpenedExport> {
  let zip: ZipPackage;
  try {
    zip = await openZipPackage(filePath, limits);
  } catch (err) {
    throw new ExportReadError('UNREADABLE', filePath, (err as Error).message);
  }
  let bytes = 0;
  const scanner = new SheetRowScanner();
  const cache = new TextCache();
  let book: SheetBook;
  let spans: AsyncGenerator<RowSpan>;
  let header: string[] | null = null;
  try {
    const parts = await workbookParts((name) => zip.text(name));
    if (!parts || !zip.has(parts.sheet)) throw new Error('the workbook names no worksheet the package holds');
    book = {
      sharedStrings: await sharedStrings(zip, parts.sharedStrings),
      dateStyles: dateStyles(parts.styles && (await zip.text(parts.styles))),
      date1904: parts.date1904,
    };
    const sheet = parts.sheet;
    spans = (async function* () {
      const progress = (position: number) => {
        bytes = position;
      };
      for await (const chunk of zip.bytes(sheet, progress)) {
        const ready: RowSpan[] = [];
        scanner.push(chunk, (span) => ready.push({ ...span }));
        yield* ready;
      }
      bytes = size; // the rest of the package (after the sheet) holds no rows
    })();
    for (;;) {
      const next = await spans.next();
      if (next.done) break;
      const row = parseRow(next.value, book, scanner.names ?? NO_PREFIX, cache);
      if (row.cells.some((c) => typeof c === 'string' && isCaseIdHeader(c))) {
        header = headerByColumn(row, filePath, limits.maxColumns);
        break;
      }
    }
  } catch (err) {
    zip.close();
    throw err instanceof ExportReadError ? err : new ExportReadError('UNREADABLE', filePath, (err as Error).message);
  }
  if (!header) {
    zip.close();
    throw new ExportReadError('NO_HEADER', filePath);
  }
  const index = new HeaderIndex(header);
  const positions = [...index.position.values()];
  const names = scanner.names ?? NO_PREFIX;

  // The rows after the header as spans, for a reader of their cells (sheet-lines.ts); the reading errors named.
  async function* remainingSpans(): AsyncGenerator<RowSpan> {
    try {
      yield* spans;
    } catch (err) {
      throw err instanceof ExportReadError ? err : new ExportReadError('UNREADABLE', filePath, (err as Error).message);
    }
  }

  async function* dataRows(): AsyncGenerator<RawRow> {
    for await (const span of remainingSpans()) {
      const { cells } = parseRow(span, book, names, cache);
      // Fully blank rows (often trailing formatting) are not cases.
      const any = positions.some((i) => hasValue(cells[i]));
      if (any) yield { rowNumber: span.number, values: new RowCells(index, cells) };
    }
  }

  const sheet: XlsxSheet = { header, book, names, cache, spans: remainingSpans() };
  return {
    format: 'xlsx',
    encoding: null,
    headers: [...index.position.keys()],
    rows: dataRows(),
    sheet,
    bytesRead: () => bytes,
    size,
    close: async () => {
      await spans.return(undefined);
      zip.close();
    },
  };
}
