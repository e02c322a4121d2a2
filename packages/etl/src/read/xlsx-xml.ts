/**
 * The few pieces of SpreadsheetML (ECMA-376 Part 1 §18) an export needs, read from the XML text without building a
 * tree: the workbook's first sheet and date system, the styles that make a number a date, the shared strings, and the
 * sheet's rows one `<row>` element at a time. Values come out as validation wants them (cell-value.ts): string,
 * number, boolean, Date (wall-clock time in its UTC fields) or null.
 *
 * Read as Excel reads a cell: the cached value of a formula typed by the cell's `t`; rich-text runs joined, phonetic
 * runs (`<rPh>`) left out; `_xHHHH_` escapes decoded in strings; XML line ends normalised and entities decoded once.
 */
import path from 'node:path';
import type { CellPrimitive } from './cell-value';
import { utf8FromLatin1 } from './xlsx-zip';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g;

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_m, e: string) => {
    if (e.charCodeAt(0) !== 35) return ENTITIES[e] as string;
    const code = e.charCodeAt(1) === 120 ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Character data as an XML parser reports it: line ends normalised (XML 1.0 §2.11), CDATA literal, entities decoded. */
export function xmlText(raw: string): string {
  const s = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.indexOf('<![CDATA[') < 0) return decodeEntities(s);
  let out = '';
  let at = 0;
  for (;;) {
    const open = s.indexOf('<![CDATA[', at);
    if (open < 0) return out + decodeEntities(s.slice(at));
    const close = s.indexOf(']]>', open);
    out += decodeEntities(s.slice(at, open)) + s.slice(open + 9, close < 0 ? s.length : close);
    if (close < 0) return out;
    at = close + 3;
  }
}

/** ST_Xstring escapes: `_x000D_` is a carriage return, `_x005F_` an underscore (ECMA-376 Part 1 §22.9.2.19). */
export function unescapeXstring(s: string): string {
  return s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of one start tag (`<c r="A1" t="s">`), values decoded. */
export function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const nameEnd = tag.search(/[\s/>]/);
  ATTRIBUTE.lastIndex = nameEnd < 0 ? tag.length : nameEnd;
  for (let m = ATTRIBUTE.exec(tag); m; m = ATTRIBUTE.exec(tag)) found.set(m[1] as string, xmlText(m[2] ?? m[3] ?? ''));
  return found;
}

/** An attribute by local name whatever its namespace prefix (`r:id`). */
function attributeByLocalName(attrs: Map<string, string>, local: string): string | undefined {
  for (const [name, value] of attrs) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** Is the character after a tag name the end of the name (so `<c` does not match `<col`)? */
function endsName(code: number): boolean {
  return code === 0x20 || code === 0x3e || code === 0x2f || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The namespace prefix of the part's root element (`x:` in `<x:worksheet>`), '' when it has none. */
function rootPrefix(xml: string, local: string): string | null {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml);
  return m ? (m[1] ?? '') : null;
}

/**
 * Hands out each complete `<name …>…</name>` (or `<name …/>`) element of a part fed in chunks. The prefix is taken
 * from the root element once it has been seen.
 */
export class ElementScanner {
  private buf = '';
  private open: string | null = null;
  private close = '';
  /** The part's namespace prefix (`x:`), once its root element has been seen. */
  prefix = '';
  constructor(
    private readonly root: string,
    private readonly name: string,
  ) {}

  push(text: string, onElement: (xml: string) => void): void {
    this.buf = this.buf === '' ? text : this.buf + text;
    if (this.open === null) {
      const prefix = rootPrefix(this.buf, this.root);
      if (prefix === null) return;
      this.prefix = prefix;
      this.open = `<${prefix}${this.name}`;
      this.close = `</${prefix}${this.name}>`;
    }
    const buf = this.buf;
    const open = this.open;
    const close = this.close;
    let at = 0;
    for (;;) {
      let start = buf.indexOf(open, at);
      while (start >= 0 && start + open.length < buf.length && !endsName(buf.charCodeAt(start + open.length))) {
        start = buf.indexOf(open, start + open.length);
      }
      if (start < 0 || start + open.length >= buf.length) {
        // Keep a tail that may hold the start of the next element.
        at = start < 0 ? Math.max(at, buf.length - open.length) : start;
        break;
      }
      const gt = buf.indexOf('>', start);
      if (gt < 0) {
        at = start;
        break;
      }
      if (buf.charCodeAt(gt - 1) === 0x2f) {
        onElement(buf.slice(start, gt + 1));
        at = gt + 1;
        continue;
      }
      const end = buf.indexOf(close, gt);
      if (end < 0) {
        at = start;
        break;
      }
      onElement(buf.slice(start, end + close.length));
      at = end + close.length;
    }
    this.buf = at >= buf.length ? '' : buf.slice(at);
  }
}

/** The text of a string item (`<si>`, `<is>`): its `<t>` elements in order, phonetic runs left out. */
export function stringItemText(xml: string): string {
  const body = xml.indexOf('rPh') >= 0 ? xml.replace(/<([\w.-]+:)?rPh[\s>][\s\S]*?<\/([\w.-]+:)?rPh>/g, '') : xml;
  let out = '';
  const t = /<(?:[\w.-]+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g;
  for (let m = t.exec(body); m; m = t.exec(body)) out += xmlText(m[1] ?? '');
  return unescapeXstring(out);
}

/** Built-in number formats that show a date or time (ECMA-376 Part 1 §18.8.30; 27–36 and 50–58 in zh-CN). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format shows a date when, outside quoted text, escapes and [brackets], it has a date or time letter. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhsYMDHS]/.test(bare) && !/^(General|@)$/i.test(bare.trim());
}

/** Per cell style index (`<c s="…">`): does its number format show a date? */
export function dateStyles(stylesXml: string | null): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:[\w.-]+:)?numFmt\s[^>]*>/g)) {
    const attrs = attributes(m[0]);
    custom.set(Number(attrs.get('numFmtId')), attrs.get('formatCode') ?? '');
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs[\s>][\s\S]*?<\/(?:[\w.-]+:)?cellXfs>/.exec(stylesXml)?.[0] ?? '';
  return [...xfs.matchAll(/<(?:[\w.-]+:)?xf[\s>/][^>]*>/g)].map((m) => {
    const id = Number(attributes(m[0]).get('numFmtId') ?? 0);
    const code = custom.get(id);
    return code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormatCode(code);
  });
}

export interface WorkbookParts {
  /** The first sheet of the workbook (tab order), its shared strings and styles (null when the package has none). */
  sheet: string;
  sharedStrings: string | null;
  styles: string | null;
  /** The 1904 date system (Excel for Mac before 2011). */
  date1904: boolean;
}

/** Where a relationship's target lives in the package, from the part that owns the relationship. */
function resolveTarget(owner: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(owner), target));
}

function relationships(relsXml: string | null, owner: string): { type: string; id: string; target: string }[] {
  if (!relsXml) return [];
  return [...relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { type: a.get('Type') ?? '', id: a.get('Id') ?? '', target: resolveTarget(owner, a.get('Target') ?? '') };
  });
}

const relsPathOf = (part: string) => path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);

/** The workbook's parts, found through the package relationships as a spreadsheet application finds them. */
export async function workbookParts(read: (name: string) => Promise<string | null>): Promise<WorkbookParts | null> {
  const root = relationships(await read('_rels/.rels'), '');
  const workbook = root.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = await read(workbook);
  if (!workbookXml) return null;
  const rels = relationships(await read(relsPathOf(workbook)), workbook);
  const firstSheet = /<(?:[\w.-]+:)?sheet\s[^>]*>/.exec(workbookXml)?.[0];
  const sheetId = firstSheet ? attributeByLocalName(attributes(firstSheet), 'id') : undefined;
  const sheet = rels.find((r) => r.id === sheetId)?.target;
  if (!sheet) return null;
  const pr = /<(?:[\w.-]+:)?workbookPr\s[^>]*>/.exec(workbookXml)?.[0];
  const date1904 = pr ? ['1', 'true'].includes(attributes(pr).get('date1904') ?? '') : false;
  const ofType = (suffix: string, fallback: string) => rels.find((r) => r.type.endsWith(suffix))?.target ?? fallback;
  return {
    sheet,
    sharedStrings: ofType('/sharedStrings', 'xl/sharedStrings.xml'),
    styles: ofType('/styles', 'xl/styles.xml'),
    date1904,
  };
}

export interface SheetBook {
  sharedStrings: readonly string[];
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

/** An Excel serial as a Date carrying the wall-clock time in its UTC fields (what exceljs gave). */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY));
}

/** `AB12` (the text of xml[from, to)) → 27, the 0-based column; -1 when the reference has no letters. */
function columnOf(xml: string, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return i === from ? -1 : col - 1;
}

/** The content of the first child element `<name>` of a cell (its `<v>`, `<is>`), null when there is none. */
function childContent(xml: string, open: string, close: string): string | null {
  let at = xml.indexOf(open);
  while (at >= 0 && !endsName(xml.charCodeAt(at + open.length))) at = xml.indexOf(open, at + open.length);
  if (at < 0) return null;
  const gt = xml.indexOf('>', at);
  if (xml.charCodeAt(gt - 1) === 0x2f) return '';
  const end = xml.indexOf(close, gt);
  return xml.slice(gt + 1, end < 0 ? xml.length : end);
}

enum CellType {
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
  IsoDate,
}

/** The cell type of `t="…"` (xml[from, to)); anything unknown reads as a number, the default. */
function cellType(xml: string, from: number, to: number): CellType {
  const first = xml.charCodeAt(from);
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

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** What a cell's start tag says: its column (or -1), style index and type. Reused for every cell of a sheet. */
interface CellTag {
  col: number;
  style: number;
  type: CellType;
}

/** Reads `r`, `s` and `t` from the start tag xml[from, gt) in place (any quoting and spacing XML allows). */
function readCellTag(xml: string, from: number, gt: number, tag: CellTag): void {
  tag.col = -1;
  tag.style = 0;
  tag.type = CellType.Number;
  let i = from;
  while (i < gt) {
    const c = xml.charCodeAt(i);
    if (isSpace(c) || c === 0x2f) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < gt && xml.charCodeAt(i) !== 0x3d && !isSpace(xml.charCodeAt(i))) i++;
    const nameLength = i - nameStart;
    while (i < gt && xml.charCodeAt(i) !== 0x3d) i++;
    i++;
    while (i < gt && isSpace(xml.charCodeAt(i))) i++;
    const valueStart = i + 1;
    const valueEnd = xml.indexOf(xml.charCodeAt(i) === 0x27 ? "'" : '"', valueStart);
    if (valueEnd < 0 || valueEnd > gt) return;
    if (nameLength === 1) {
      const name = xml.charCodeAt(nameStart);
      if (name === 0x72)
        tag.col = columnOf(xml, valueStart, valueEnd); // r
      else if (name === 0x74)
        tag.type = cellType(xml, valueStart, valueEnd); // t
      else if (name === 0x73) tag.style = Number(xml.slice(valueStart, valueEnd)) || 0; // s
    }
    i = valueEnd + 1;
  }
}

/** One cell's value as Excel shows it (cached formula results included); `raw` is its `<v>` text as written. */
function cellValue(type: CellType, style: number, raw: string, book: SheetBook): CellPrimitive {
  // Numbers and shared-string indexes are ASCII; any other value may hold text, read one character per byte.
  const text = xmlText(type === CellType.Number || type === CellType.Shared ? raw : utf8FromLatin1(raw));
  switch (type) {
    case CellType.Shared:
      return book.sharedStrings[Number.parseInt(text, 10)] ?? null;
    case CellType.Inline:
    case CellType.Str:
      return unescapeXstring(text);
    case CellType.Bool:
      return text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : text;
    case CellType.Error:
      return text;
    case CellType.IsoDate: {
      // ISO 8601 date-time: the wall-clock time as written (an offset, if any, is honoured).
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
      return Number.isNaN(d.getTime()) ? text : d;
    }
    default: {
      if (text === '') return null;
      const n = Number.parseFloat(text);
      return book.dateStyles[style] && Number.isFinite(n) ? serialToDate(n, book.date1904) : n;
    }
  }
}

/** The content of a cell element other than a lone `<v>` (an inline string, a formula before its value…). */
function cellContentValue(type: CellType, style: number, inner: string, prefix: string, book: SheetBook): CellPrimitive {
  if (type === CellType.Inline) {
    const is = childContent(inner, `<${prefix}is`, `</${prefix}is>`);
    if (is !== null) return stringItemText(utf8FromLatin1(is));
  }
  const raw = childContent(inner, `<${prefix}v`, `</${prefix}v>`);
  return raw === null ? null : cellValue(type, style, raw, book);
}

const ROW_NUMBER = /\sr\s*=\s*["'](\d+)/;

/**
 * The cells of one `<row>` element (`prefix`: the sheet's namespace prefix), its text read one character per byte
 * (xlsx-zip.ts `latin1`). The common shape `<c r="B2" t="str"><v>…</v></c>` is read in place.
 */
export function parseRow(xml: string, previousRow: number, book: SheetBook, prefix = ''): SheetRow {
  const tagEnd = xml.indexOf('>');
  const number = Number(ROW_NUMBER.exec(xml.slice(0, tagEnd))?.[1] ?? 0) || previousRow + 1;
  const cells: CellPrimitive[] = [];
  if (xml.charCodeAt(tagEnd - 1) === 0x2f) return { number, cells };
  const open = `<${prefix}c`;
  const close = `</${prefix}c>`;
  const vOpen = `<${prefix}v>`;
  const tag: CellTag = { col: -1, style: 0, type: CellType.Number };
  let at = tagEnd + 1;
  let col = -1;
  for (;;) {
    let start = xml.indexOf(open, at);
    while (start >= 0 && !endsName(xml.charCodeAt(start + open.length))) start = xml.indexOf(open, start + open.length);
    if (start < 0) break;
    const gt = xml.indexOf('>', start);
    readCellTag(xml, start + open.length, gt, tag);
    col = tag.col >= 0 ? tag.col : col + 1;
    if (xml.charCodeAt(gt - 1) === 0x2f) {
      cells[col] = null;
      at = gt + 1;
      continue;
    }
    const end = xml.indexOf(close, gt);
    const stop = end < 0 ? xml.length : end;
    if (tag.type !== CellType.Inline && xml.startsWith(vOpen, gt + 1)) {
      const from = gt + 1 + vOpen.length;
      const to = xml.indexOf('<', from);
      // Only a `<v>` in the cell: the usual case.
      if (to >= 0 && to + vOpen.length + 1 === stop) {
        cells[col] = cellValue(tag.type, tag.style, xml.slice(from, to), book);
        at = stop + close.length;
        continue;
      }
    }
    cells[col] = cellContentValue(tag.type, tag.style, xml.slice(gt + 1, stop), prefix, book);
    at = end < 0 ? xml.length : end + close.length;
  }
  return { number, cells };
}
