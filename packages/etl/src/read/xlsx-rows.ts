/**
 * The rows of a worksheet part (ECMA-376 Part 1 §18.3), read from its inflated bytes one `<row>` element at a time,
 * without building a tree or decoding the XML as a whole: a sheet of 1 M rows is ~1.6 GB of XML, mostly markup, and
 * only the values are turned into strings. Values come out as validation wants them (cell-value.ts): string, number,
 * boolean, Date (wall-clock time in its UTC fields) or null.
 *
 * Read as Excel shows a cell: the cached value of a formula typed by the cell's `t`; a number whose style shows a date
 * as that date (either date system); shared strings by index; inline rich text joined, phonetic runs left out;
 * `_xHHHH_` escapes decoded in strings; XML line ends normalised and entities decoded once.
 */
import type { CellPrimitive } from './cell-value';
import { childContent, endsName, rootPrefix, stringItemText, unescapeXstring, xmlText } from './xlsx-xml';

export interface SheetBook {
  sharedStrings: readonly string[];
  /** Per cell style index (`<c s="…">`): does its number format show a date? */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

export interface SheetRow {
  /** The sheet's row number (1-based). */
  number: number;
  /** By column, 0 = A; a column without a cell is a hole. */
  cells: CellPrimitive[];
}

const MS_PER_DAY = 24 * 3600 * 1000;

/** Columns of a worksheet (A to XFD, ECMA-376 Part 1 §18.3.1.12). */
export const MAX_SHEET_COLUMNS = 16_384;

/** An Excel serial as a Date carrying the wall-clock time in its UTC fields. */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY));
}

export enum CellType {
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
  IsoDate,
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The cell type of `t="…"` (data[from, to)); anything unknown reads as a number, the default. */
function cellType(data: Uint8Array, from: number, to: number): CellType {
  const first = data[from];
  if (to - from === 1) {
    if (first === 0x73) return CellType.Shared; // s
    if (first === 0x62) return CellType.Bool; // b
    if (first === 0x65) return CellType.Error; // e
    if (first === 0x64) return CellType.IsoDate; // d
    return CellType.Number;
  }
  if (first === 0x69) return CellType.Inline; // inlineStr
  if (first === 0x73) return CellType.Str; // str
  return CellType.Number;
}

/** `AB12` (data[from, to)) → 27, the 0-based column; -1 when the reference has no letters. */
function columnOf(data: Uint8Array, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = (data[i] as number) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return i === from ? -1 : col - 1;
}

/** Decimal digits data[from, to) as a number (NaN when one is not a digit or there are none). */
function wholeNumber(data: Uint8Array, from: number, to: number): number {
  if (from >= to) return Number.NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = (data[i] as number) - 0x30;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Attributes of a start tag that matter here: single-letter names (`r`, `s`, `t`) and where their values are. */
interface TagAttributes {
  /** Value bounds in the data per name, -1 when absent. */
  rFrom: number;
  rTo: number;
  sFrom: number;
  sTo: number;
  tFrom: number;
  tTo: number;
}

/** Reads the start tag data[from, gt) in place (any quoting and spacing XML allows). */
function readTag(data: Uint8Array, from: number, gt: number, a: TagAttributes): void {
  a.rFrom = a.sFrom = a.tFrom = -1;
  let i = from;
  while (i < gt) {
    const c = data[i] as number;
    if (isSpace(c) || c === SLASH) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < gt && data[i] !== 0x3d && !isSpace(data[i] as number)) i++;
    const nameLength = i - nameStart;
    while (i < gt && data[i] !== 0x3d) i++;
    i++;
    while (i < gt && isSpace(data[i] as number)) i++;
    const quote = data[i];
    const valueStart = i + 1;
    let valueEnd = valueStart;
    while (valueEnd < gt && data[valueEnd] !== quote) valueEnd++;
    if (valueEnd >= gt) return;
    if (nameLength === 1) {
      const name = data[nameStart];
      if (name === 0x72) {
        a.rFrom = valueStart; // r
        a.rTo = valueEnd;
      } else if (name === 0x73) {
        a.sFrom = valueStart; // s
        a.sTo = valueEnd;
      } else if (name === 0x74) {
        a.tFrom = valueStart; // t
        a.tTo = valueEnd;
      }
    }
    i = valueEnd + 1;
  }
}

/** Does data hold the bytes of `pattern` at `at`? */
function holds(data: Uint8Array, at: number, pattern: Uint8Array): boolean {
  if (at + pattern.length > data.length) return false;
  for (let k = 0; k < pattern.length; k++) if (data[at + k] !== pattern[k]) return false;
  return true;
}

/** 10^k for k ≤ 22: exact doubles, so m / 10^k is the correctly rounded value of a decimal with m < 2^53. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number written in data[from, to): a plain decimal whose digits make an integer below 2^53 (every cell a
 * spreadsheet writes) computed in place — one correctly rounded division, so exactly what parseFloat gives; anything
 * else (exponents, more digits, other characters) through parseFloat.
 */
function numberAt(data: Buffer, from: number, to: number): number {
  let i = from;
  const negative = data[i] === 0x2d;
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < to; i++) {
    const c = data[i] as number;
    if (c === 0x2e && fraction < 0) {
      fraction = 0;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) return Number.parseFloat(data.toString('latin1', from, to));
    m = m * 10 + d;
    digits++;
    if (fraction >= 0) fraction++;
  }
  if (digits === 0 || m > Number.MAX_SAFE_INTEGER || fraction > 22) {
    return Number.parseFloat(data.toString('latin1', from, to));
  }
  const n = fraction > 0 ? m / (POW10[fraction] as number) : m;
  return negative ? -n : n;
}

interface CachedText {
  bytes: Uint8Array;
  text: string;
}

/**
 * Texts already decoded, per column, by the bytes that wrote them: most columns of an export repeat a few values
 * (业务类型, 处理状态, unit names…), and decoding is the dearest part of reading a cell. At most MAX_CACHED per column.
 */
export class TextCache {
  private readonly columns: Map<number, CachedText>[] = [];
  static readonly MAX_CACHED = 4096;

  get(col: number, hash: number, data: Uint8Array, from: number, to: number): string | undefined {
    const hit = this.columns[col]?.get(hash);
    if (!hit || hit.bytes.length !== to - from) return undefined;
    for (let k = 0; k < hit.bytes.length; k++) if (hit.bytes[k] !== data[from + k]) return undefined;
    return hit.text;
  }

  set(col: number, hash: number, data: Uint8Array, from: number, to: number, text: string): void {
    let column = this.columns[col];
    if (!column) {
      column = new Map();
      this.columns[col] = column;
    }
    if (column.size < TextCache.MAX_CACHED && !column.has(hash))
      column.set(hash, { bytes: Uint8Array.prototype.slice.call(data, from, to), text });
  }
}

/**
 * The text of data[from, to) — UTF-8, with XML markup and `_xHHHH_` escapes decoded where there are any — taken from
 * `cache` when column `col` has had the same bytes before.
 */
function textAt(data: Buffer, from: number, to: number, col: number, cache: TextCache | undefined): string {
  let high = false;
  let markup = false;
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    const c = data[i] as number;
    hash = Math.imul(hash ^ c, 16777619);
    if (c >= 0x80) high = true;
    else if (c === 0x26 || c === 0x0d || c === LT || c === 0x5f) markup = true; // & CR < _
  }
  const cached = cache?.get(col, hash, data, from, to);
  if (cached !== undefined) return cached;
  const raw = data.toString(high ? 'utf8' : 'latin1', from, to);
  const text = markup ? unescapeXstring(xmlText(raw)) : raw;
  cache?.set(col, hash, data, from, to, text);
  return text;
}

/** One cell's value from its `<v>` text data[from, to). */
function cellValue(
  type: CellType,
  style: number,
  data: Buffer,
  from: number,
  to: number,
  book: SheetBook,
  col = 0,
  cache?: TextCache,
): CellPrimitive {
  switch (type) {
    case CellType.Number: {
      if (from === to) return null;
      const n = numberAt(data, from, to);
      return book.dateStyles[style] && Number.isFinite(n) ? serialToDate(n, book.date1904) : n;
    }
    case CellType.Shared:
      return book.sharedStrings[wholeNumber(data, from, to)] ?? null;
    case CellType.Str:
    case CellType.Inline:
      return from === to ? '' : textAt(data, from, to, col, cache);
    case CellType.Bool: {
      const text = xmlText(data.toString('utf8', from, to));
      return text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : text;
    }
    case CellType.Error:
      return xmlText(data.toString('utf8', from, to));
    case CellType.IsoDate: {
      // ISO 8601 date-time: the wall-clock time as written (an offset, if any, is honoured).
      const text = xmlText(data.toString('utf8', from, to));
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
      return Number.isNaN(d.getTime()) ? text : d;
    }
  }
}

/** A cell whose content is not a lone `<v>` (an inline string, a formula before its value…), from its text. */
function cellContentValue(type: CellType, style: number, inner: string, prefix: string, book: SheetBook): CellPrimitive {
  if (type === CellType.Inline) {
    const is = childContent(inner, `<${prefix}is`, `</${prefix}is>`);
    if (is !== null) return stringItemText(is);
  }
  const raw = childContent(inner, `<${prefix}v`, `</${prefix}v>`);
  if (raw === null) return null;
  const bytes = Buffer.from(raw, 'utf8');
  return cellValue(type, style, bytes, 0, bytes.length, book);
}

/** The tag texts of a sheet with namespace prefix `prefix`, as bytes. */
export class SheetNames {
  readonly rowOpen: Buffer;
  readonly rowClose: Buffer;
  readonly cellName: Buffer;
  readonly cellClose: Buffer;
  readonly vOpen: Buffer;
  readonly vThenClose: Buffer;
  constructor(readonly prefix: string) {
    this.rowOpen = Buffer.from(`<${prefix}row`);
    this.rowClose = Buffer.from(`</${prefix}row>`);
    this.cellName = Buffer.from(`${prefix}c`);
    this.cellClose = Buffer.from(`</${prefix}c>`);
    this.vOpen = Buffer.from(`<${prefix}v>`);
    this.vThenClose = Buffer.from(`</${prefix}v></${prefix}c>`);
  }
}

export const NO_PREFIX = new SheetNames('');

/** One cell of a row as scanned; one object is reused for every cell of a sheet. */
export interface ScannedCell {
  col: number;
  type: CellType;
  style: number;
  /** The cell's `<v>` text is data[from, to) when `lone` (its only content); otherwise `value` holds its value. */
  lone: boolean;
  from: number;
  to: number;
  value: CellPrimitive;
}

/**
 * The cells of the `<row>` element data[start, end) in order, handed to `visit` (a self-closing cell has value null).
 * The common shape `<c r="B2" t="str"><v>…</v></c>` is not decoded here: its `<v>` text's bounds are handed over.
 */
export function scanCells(
  data: Buffer,
  start: number,
  end: number,
  book: SheetBook,
  names: SheetNames,
  visit: (cell: ScannedCell) => void,
): void {
  const attrs: TagAttributes = { rFrom: -1, rTo: -1, sFrom: -1, sTo: -1, tFrom: -1, tTo: -1 };
  const cell: ScannedCell = { col: -1, type: CellType.Number, style: 0, lone: false, from: 0, to: 0, value: null };
  let i = start;
  while (i < end && data[i] !== GT) i++;
  if (data[i - 1] === SLASH) return;
  i++;
  const { cellName, cellClose, vOpen, vThenClose } = names;
  let col = -1;
  for (;;) {
    while (i < end && data[i] !== LT) i++;
    if (i >= end) break;
    const nameEnd = i + 1 + cellName.length;
    if (!holds(data, i + 1, cellName) || !endsName(data[nameEnd] as number)) {
      i++;
      continue;
    }
    let gt = nameEnd;
    while (gt < end && data[gt] !== GT) gt++;
    readTag(data, nameEnd, gt, attrs);
    const refCol = attrs.rFrom >= 0 ? columnOf(data, attrs.rFrom, attrs.rTo) : -1;
    col = refCol >= 0 ? refCol : col + 1;
    cell.col = col;
    cell.type = attrs.tFrom >= 0 ? cellType(data, attrs.tFrom, attrs.tTo) : CellType.Number;
    cell.style = attrs.sFrom >= 0 ? wholeNumber(data, attrs.sFrom, attrs.sTo) || 0 : 0;
    cell.lone = false;
    if (data[gt - 1] === SLASH) {
      cell.value = null;
      visit(cell);
      i = gt + 1;
      continue;
    }
    if (cell.type !== CellType.Inline && holds(data, gt + 1, vOpen)) {
      const from = gt + 1 + vOpen.length;
      let to = from;
      while (to < end && data[to] !== LT) to++;
      if (holds(data, to, vThenClose)) {
        cell.lone = true;
        cell.from = from;
        cell.to = to;
        visit(cell);
        i = to + vThenClose.length;
        continue;
      }
    }
    let close = data.indexOf(cellClose, gt);
    if (close < 0 || close > end) close = end;
    cell.value = cellContentValue(cell.type, cell.style, data.toString('utf8', gt + 1, close), names.prefix, book);
    visit(cell);
    i = close + cellClose.length;
  }
}

/** The value of a scanned cell. */
export function scannedValue(cell: ScannedCell, data: Buffer, book: SheetBook, cache?: TextCache): CellPrimitive {
  return cell.lone ? cellValue(cell.type, cell.style, data, cell.from, cell.to, book, cell.col, cache) : cell.value;
}

/** The number of the `<row>` element data[start, end): its `r`, else the one after `previousRow`. */
function rowNumber(data: Buffer, start: number, end: number, names: SheetNames, previousRow: number): number {
  const attrs: TagAttributes = { rFrom: -1, rTo: -1, sFrom: -1, sTo: -1, tFrom: -1, tTo: -1 };
  let tagEnd = start;
  while (tagEnd < end && data[tagEnd] !== GT) tagEnd++;
  readTag(data, start + names.rowOpen.length, tagEnd, attrs);
  return (attrs.rFrom >= 0 ? wholeNumber(data, attrs.rFrom, attrs.rTo) : 0) || previousRow + 1;
}

/** A `<row>` element: data[start, end) is its XML, `number` its row number. Valid until the next chunk is pushed. */
export interface RowSpan {
  data: Buffer;
  start: number;
  end: number;
  number: number;
}

/** The cells of a row, decoded. */
export function parseRow(span: RowSpan, book: SheetBook, names: SheetNames = NO_PREFIX, cache?: TextCache): SheetRow {
  const cells: CellPrimitive[] = [];
  scanCells(span.data, span.start, span.end, book, names, (cell) => {
    // A reference past Excel's last column (XFD) names no cell a spreadsheet holds: left out, so a forged `r` cannot
    // make a row an array of billions of holes.
    if (cell.col >= MAX_SHEET_COLUMNS) return;
    cells[cell.col] = scannedValue(cell, span.data, book, cache);
  });
  return { number: span.number, cells };
}

/**
 * Hands out the `<row>` elements of a worksheet part fed in chunks of bytes, in order. The namespace prefix is taken
 * from the root element once it has been seen.
 */
export class SheetRowScanner {
  private tail: Buffer | null = null;
  private previous = 0;
  names: SheetNames | null = null;

  push(chunk: Buffer, onRow: (row: RowSpan) => void): void {
    const data = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = null;
    if (!this.names) {
      const prefix = rootPrefix(data.toString('latin1', 0, Math.min(data.length, 1 << 16)), 'worksheet');
      if (prefix === null) {
        this.tail = data;
        return;
      }
      this.names = prefix === '' ? NO_PREFIX : new SheetNames(prefix);
    }
    const names = this.names;
    const { rowOpen, rowClose } = names;
    const span: RowSpan = { data, start: 0, end: 0, number: 0 };
    let at = 0;
    for (;;) {
      let start = data.indexOf(rowOpen, at);
      while (start >= 0 && start + rowOpen.length < data.length && !endsName(data[start + rowOpen.length] as number)) {
        start = data.indexOf(rowOpen, start + rowOpen.length);
      }
      if (start < 0) {
        // Keep a tail that may hold the start of the next row.
        at = Math.max(at, data.length - rowOpen.length);
        break;
      }
      if (start + rowOpen.length >= data.length) {
        at = start;
        break;
      }
      const gt = data.indexOf(GT, start);
      if (gt < 0) {
        at = start;
        break;
      }
      let end = gt + 1;
      if (data[gt - 1] !== SLASH) {
        const close = data.indexOf(rowClose, gt);
        if (close < 0) {
          at = start;
          break;
        }
        end = close + rowClose.length;
      }
      span.start = start;
      span.end = end;
      span.number = rowNumber(data, start, end, names, this.previous);
      this.previous = span.number;
      onRow(span);
      at = end;
    }
    if (at < data.length) this.tail = data.subarray(at);
  }
}
