import type { RowSpan, SheetBook, SheetNames, TextCache } from './xlsx-rows';

/**
 * What a reader hands to validation: one raw row per spreadsheet row / JSON line, keyed by the source header text as
 * written (contract case-export.md §Files). Nothing here is parsed or checked yet.
 */

/** A row the reader could not split into cells (bad CSV quoting, wrong column count, a JSON line that is no object). */
export interface RowReadError {
  reasonZh: string;
  reasonEn: string;
}

export interface RawRow {
  /** As a spreadsheet shows it: header = row 1 for CSV; the real sheet row for XLSX; the line number for JSON Lines. */
  rowNumber: number;
  values: ReadonlyMap<string, unknown>;
  /** Set when the row could not be read; `values` then holds whatever cells could be recovered (maybe none). */
  readError?: RowReadError;
}

export type ExportFormat = 'xlsx' | 'csv' | 'jsonl';
export type ExportEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface OpenedExport {
  format: ExportFormat;
  /** Text encoding detected (CSV) or assumed (JSON Lines); null for XLSX. */
  encoding: ExportEncoding | null;
  /** Source header texts as written, in column order (JSON Lines: keys in first-seen order). */
  headers: string[];
  /** Data rows after the header, streamed: iterate once. */
  rows: AsyncIterable<RawRow>;
  /**
   * XLSX only: the same rows as the sheet's `<row>` elements, for a reader of their cells that decodes only what it
   * needs (sheet-lines.ts). Iterate either this or `rows`: they share one stream.
   */
  sheet?: XlsxSheet;
  /** Bytes of the file consumed so far (for a progress bar against `size`). */
  bytesRead(): number;
  size: number;
  close(): Promise<void>;
}

/** The first sheet of an XLSX export after its header row (xlsx-reader.ts). */
export interface XlsxSheet {
  /** Header texts by sheet column; '' where a column has none or repeats an earlier header. */
  header: readonly string[];
  book: SheetBook;
  names: SheetNames;
  cache: TextCache;
  spans: AsyncIterable<RowSpan>;
}
