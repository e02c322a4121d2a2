/**
 * Every .xlsx export writes its sheets here, from column definitions (header, width, number format, value getter):
 * row 1 says what the sheet is (its title and parameters), row 2 holds the Chinese headers, rows 1–2 stay frozen, the
 * data follow. Written with exceljs' streaming WorkbookWriter, row by row from an async iterable: a list of any length
 * is never held whole in memory (the overdue list is read page by page).
 *
 * Cells keep the API's numbers: a percent is written as the fraction (95.3 → 0.953) under the format 0.0%, so Excel
 * shows 95.3%; money is 元 with two decimals; dates are real Excel dates (the stored calendar date and wall-clock time
 * in Asia/Shanghai, as the screen shows them; Excel dates carry no time zone).
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type XlsxFormat = 'text' | 'integer' | 'decimal' | 'percent' | 'yuan' | 'days' | 'date' | 'datetime';

/** Excel number formats of each kind of cell (written once: the test reads them back). */
export const XLSX_NUMBER_FORMATS: Record<XlsxFormat, string | undefined> = {
  text: undefined,
  integer: '#,##0',
  decimal: '0.00',
  percent: '0.0%',
  yuan: '#,##0.00',
  days: '0.0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

export type XlsxValue = string | number | boolean | null | undefined;

export interface XlsxColumn<T> {
  header: string;
  /** In characters (a CJK character counts about 2). */
  width: number;
  format: XlsxFormat;
  /**
   * The API's value: a number (a percent in percent points, as the API answers), a date `YYYY-MM-DD` or date-time
   * `YYYY-MM-DD HH:MM:SS` for the date formats, text otherwise; null or undefined leaves the cell empty.
   */
  value: (row: T) => XlsxValue;
}

export interface XlsxSheet<T> {
  /** The sheet's tab name (at most 31 characters, no []:*?/\). */
  name: string;
  /** Row 1: what the sheet is and the parameters it was asked with. */
  title: string;
  columns: readonly XlsxColumn<T>[];
  rows: AsyncIterable<T> | Iterable<T>;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** `YYYY-MM-DD[ HH:MM[:SS]]` → the Date whose UTC fields are those (exceljs writes a Date's UTC fields as the serial). */
export function excelDate(text: string): Date | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  return new Date(
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)),
  );
}

function cellValue(format: XlsxFormat, value: XlsxValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (format) {
    case 'percent':
      return typeof value === 'number' ? value / 100 : value;
    case 'date':
    case 'datetime':
      return typeof value === 'string' ? (excelDate(value) ?? value) : value;
    default:
      return value;
  }
}

/** Writes a workbook of the given sheets, in order, to `out` (ended by the writer once the zip is complete). */
export async function writeXlsx<T extends unknown[]>(
  out: Writable,
  ...sheets: { [K in keyof T]: XlsxSheet<T[K]> }
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const sheet of sheets) await writeSheet(workbook, sheet);
  await workbook.commit();
}

async function writeSheet<T>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: XlsxSheet<T>): Promise<void> {
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }] });
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  const title = ws.addRow([sheet.title]);
  title.font = { bold: true };
  title.commit();
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  for await (const item of sheet.rows) {
    const row = ws.addRow(sheet.columns.map((c) => cellValue(c.format, c.value(item))));
    sheet.columns.forEach((c, i) => {
      const numFmt = XLSX_NUMBER_FORMATS[c.format];
      if (numFmt) row.getCell(i + 1).numFmt = numFmt;
    });
    row.commit();
  }
  ws.commit();
}
