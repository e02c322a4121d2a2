/**
 * XLSX export reader (case-export.md §Files): first sheet only, streamed with exceljs' WorkbookReader so a 1 M-row
 * sheet never sits in memory; the header is the first row whose cells include 登记编号.
 */
import * as fs from 'node:fs';
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

export async function openXlsx(filePath: string, size: number): Promise<OpenedExport> {
  const input = fs.createReadStream(filePath);
  let bytes = 0;
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
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
