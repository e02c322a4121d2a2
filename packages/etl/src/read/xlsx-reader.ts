/**
 * XLSX export reader (case-export.md §Files): the workbook's first sheet, streamed — the sheet's XML is inflated and
 * scanned one `<row>` at a time (xlsx-xml.ts), so a 1 M-row sheet never sits in memory; only its shared strings do,
 * as in any reader of the format. The header is the first row whose cells include 登记编号.
 */
import { ExportReadError } from './export-read-error';
import type { OpenedExport, RawRow } from './export-types';
import { isCaseIdHeader } from './header-text';
import { HeaderIndex, RowCells } from './row-cells';
import { dateStyles, ElementScanner, parseRow, type SheetBook, type SheetRow, stringItemText, workbookParts } from './xlsx-xml';
import { openZipPackage, type ZipPackage } from './xlsx-zip';

/** Header texts by sheet column ('' where a column has none): a repeated header keeps its first column. */
function headerByColumn(row: SheetRow): string[] {
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

/** The first sheet's rows in order, read a chunk of the sheet's XML at a time. */
async function* sheetRows(zip: ZipPackage, sheet: string, book: SheetBook, onRaw: (p: number) => void): AsyncGenerator<SheetRow> {
  const scanner = new ElementScanner('worksheet', 'row');
  let previous = 0;
  let ready: SheetRow[] = [];
  for await (const chunk of zip.chunks(sheet, { latin1: true, onRawBytes: onRaw })) {
    scanner.push(chunk, (xml) => {
      const row = parseRow(xml, previous, book, scanner.prefix);
      previous = row.number;
      ready.push(row);
    });
    if (ready.length > 0) {
      const rows = ready;
      ready = [];
      yield* rows;
    }
  }
}

export async function openXlsx(filePath: string, size: number): Promise<OpenedExport> {
  let zip: ZipPackage;
  try {
    zip = await openZipPackage(filePath);
  } catch (err) {
    throw new ExportReadError('UNREADABLE', filePath, (err as Error).message);
  }
  let bytes = 0;
  let rows: AsyncGenerator<SheetRow>;
  let header: string[] | null = null;
  try {
    const parts = await workbookParts((name) => zip.text(name));
    if (!parts || !zip.has(parts.sheet)) throw new Error('the workbook names no worksheet the package holds');
    const book: SheetBook = {
      sharedStrings: await sharedStrings(zip, parts.sharedStrings),
      dateStyles: dateStyles(parts.styles && (await zip.text(parts.styles))),
      date1904: parts.date1904,
    };
    rows = sheetRows(zip, parts.sheet, book, (position) => {
      bytes = position;
    });
    for (;;) {
      const next = await rows.next();
      if (next.done) break;
      if (next.value.cells.some((c) => typeof c === 'string' && isCaseIdHeader(c))) {
        header = headerByColumn(next.value);
        break;
      }
    }
  } catch (err) {
    zip.close();
    throw new ExportReadError('UNREADABLE', filePath, (err as Error).message);
  }
  if (!header) {
    zip.close();
    throw new ExportReadError('NO_HEADER', filePath);
  }
  const index = new HeaderIndex(header);
  const positions = [...index.position.values()];

  async function* dataRows(): AsyncGenerator<RawRow> {
    try {
      for await (const row of rows) {
        const { cells } = row;
        // Fully blank rows (often trailing formatting) are not cases.
        const any = positions.some((i) => {
          const v = cells[i];
          return v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');
        });
        if (any) yield { rowNumber: row.number, values: new RowCells(index, cells) };
      }
      bytes = size; // the rest of the package (after the sheet) holds no rows
    } catch (err) {
      throw new ExportReadError('UNREADABLE', filePath, (err as Error).message);
    }
  }

  return {
    format: 'xlsx',
    encoding: null,
    headers: [...index.position.keys()],
    rows: dataRows(),
    bytesRead: () => bytes,
    size,
    close: async () => {
      await rows.return(undefined);
      zip.close();
    },
  };
}
