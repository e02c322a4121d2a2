/**
 * An XLSX export handed to the engine-side load (engine/stage.ts) as TabSeparated text: per sheet row that is not
 * blank, its row number (as in the reject file of the row-by-row path) and one cell per header, in header order. Only
 * mapped columns are written — personal-data columns stay empty, they never leave the reader.
 *
 * A text cell is written as its string. A typed cell (number, boolean, Date) is written as the text the validator
 * reads exactly as it reads the cell (typedCellText), so the engine decides it as it decides any text; when there is
 * no such text (a malformed value: its reject names the value as the sheet holds it) the cell is written tagged,
 * NUL + `xlsx:{"xlsx":"number","text":"1.5"}`, which no check of the engine passes: the validator gets the row, and
 * sheetCell gives the cell back its type.
 *
 * Written from the sheet's bytes (xlsx-rows.ts): a text cell that needs no decoding or escaping is copied as it is.
 */
import fs from 'node:fs';
import { hasValue } from '../read/cell-value';
import type { OpenedExport } from '../read/export-types';
import { CellType, scanCells, scannedValue } from '../read/xlsx-rows';
import { COLUMN_BY_FIELD, type ColumnMapping, type ColumnSpec, typedCellText } from '../validate';

type TaggedCell = { xlsx: 'number'; text: string } | { xlsx: 'boolean'; value: boolean } | { xlsx: 'date'; ms: number };

function tagged(value: number | boolean | Date): TaggedCell {
  if (typeof value === 'number') return { xlsx: 'number', text: String(value) };
  if (typeof value === 'boolean') return { xlsx: 'boolean', value };
  return { xlsx: 'date', ms: value.getTime() };
}

const TAG = '\u0000xlsx:';

function untagged(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const cell = value as Partial<TaggedCell & { text: string; value: boolean; ms: number }>;
  if (cell.xlsx === 'number') return Number(cell.text);
  if (cell.xlsx === 'boolean') return cell.value;
  if (cell.xlsx === 'date') return new Date(cell.ms as number);
  return value;
}

/** A cell of the written text back as the reader gave it (a tagged cell with its type). */
export function sheetCell(text: string): unknown {
  if (!text.startsWith(TAG)) return text;
  try {
    return untagged(JSON.parse(text.slice(TAG.length)));
  } catch {
    return text;
  }
}

const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u0000': '\\0' };

/** A string as a TabSeparated field (the engine reads back exactly the string). */
function tsvField(s: string): string {
  let out = '';
  let at = 0;
  for (let i = 0; i < s.length; i++) {
    const escaped = TSV_ESCAPES[s[i] as string];
    if (escaped === undefined) continue;
    out += s.slice(at, i) + escaped;
    at = i + 1;
  }
  return at === 0 ? s : out + s.slice(at);
}

/** A growable byte buffer written at `pos`, handed to the file a few MB at a time (between rows). */
class LineBuffer {
  buf = Buffer.allocUnsafe(1 << 22);
  pos = 0;
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }
  bytes(src: Uint8Array, from: number, to: number): void {
    this.ensure(to - from);
    const { buf } = this;
    let p = this.pos;
    for (let i = from; i < to; i++) buf[p++] = src[i] as number;
    this.pos = p;
  }
  text(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
}

/**
 * A lone `<v>` text data[from, to) of a string cell: 2 when it can be copied into a TabSeparated field as it is
 * (well-formed UTF-8, nothing to unescape for XML nor to escape for the field) and is not blank, 1 when it can be copied
 * but may be blank (only spaces, or characters that might be white space to String.trim), 0 when it must be decoded.
 */
function copyableText(data: Uint8Array, from: number, to: number): 0 | 1 | 2 {
  let printable = false;
  for (let i = from; i < to; i++) {
    const c = data[i] as number;
    if (c < 0x80) {
      // XML markup (& <), OOXML escapes (_xHHHH_), line ends (normalised by XML) and what the field escapes (\ and
      // control characters) need decoding.
      if (c < 0x20 || c === 0x5c || c === 0x26 || c === 0x3c || c === 0x5f) return 0;
      if (c !== 0x20) printable = true;
      continue;
    }
    // Well-formed UTF-8 only (RFC 3629): anything else is decoded, as the reader would, to U+FFFD.
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return 0;
    if (i + n >= to) return 0;
    const second = data[i + 1] as number;
    if (second < lo || second > hi) return 0;
    for (let k = 2; k <= n; k++) {
      const next = data[i + k] as number;
      if (next < 0x80 || next > 0xbf) return 0;
    }
    // Lead bytes of white space String.trim removes: U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3),
    // U+FEFF (EF). Any other character is printable.
    if (c !== 0xc2 && c !== 0xe1 && c !== 0xe2 && c !== 0xe3 && c !== 0xef) printable = true;
    i += n;
  }
  return printable ? 2 : 1;
}

const FLUSH_BYTES = 1 << 21;

/** A part of sheetLineChunks: `rows` rows of the sheet in a TabSeparated file. */
export interface SheetLineChunk {
  file: string;
  rows: number;
}

/** The sheet's rows are not in ascending order (the file is loaded row by row). */
export class SheetRowsOutOfOrder extends Error {
  constructor(row: number) {
    super(`sheet row ${row} comes after a later row`);
  }
}

/**
 * Write the sheet's rows to files `${prefix}.0.tsv`, `${prefix}.1.tsv`… of about `rowsPerChunk` rows each, handed out
 * as each is complete (the engine reads one while the next is written). A part's file belongs to the caller once
 * handed out. Throws SheetRowsOutOfOrder when the sheet's rows are not in ascending order (as the row-by-row path
 * would number them, a case's later row must come later).
 */
export async function* sheetLineChunks(
  opened: OpenedExport,
  mapping: ColumnMapping,
  prefix: string,
  { rowsPerChunk = 250_000, onRow }: { rowsPerChunk?: number; onRow?: (rowsRead: number) => void } = {},
): AsyncGenerator<SheetLineChunk> {
  const sheet = opened.sheet;
  if (!sheet) throw new Error('sheetLineChunks reads the sheet of an XLSX export');
  const { book, names, cache } = sheet;
  // Sheet column → field of the written text (its place in opened.headers), and what is written there.
  const slots = opened.headers.length;
  const slotOf = sheet.header.map((h) => (h === '' ? -1 : opened.headers.indexOf(h)));
  const specOf = opened.headers.map((h) => {
    const field = mapping.field.get(h);
    return field ? (COLUMN_BY_FIELD.get(field) as ColumnSpec) : null;
  });
  // Per row: each field as bytes of the sheet (from, to) or as text; whether a header column has a value.
  const from = new Int32Array(slots);
  const to = new Int32Array(slots);
  const texts: (string | null)[] = new Array(slots).fill(null);
  let any = false;
  const lines = new LineBuffer();
  let line = 0;
  let rows = 0;
  let chunks = 0;
  let chunk: SheetLineChunk = { file: `${prefix}.${chunks}.tsv`, rows: 0 };
  let fd = await fs.promises.open(chunk.file, 'w');
  // The current part's file is ours until it is handed out (removed if reading stops before that).
  let ours = true;
  try {
    for await (const span of sheet.spans) {
      const { data } = span;
      from.fill(0);
      to.fill(0);
      texts.fill(null);
      any = false;
      scanCells(data, span.start, span.end, book, names, (cell) => {
        const slot = slotOf[cell.col] ?? -1;
        if (slot < 0) return;
        const spec = specOf[slot] ?? null;
        if (cell.lone && (cell.type === CellType.Str || cell.type === CellType.Inline)) {
          const kind = cell.from === cell.to ? 1 : copyableText(data, cell.from, cell.to);
          if (kind !== 0) {
            if (kind === 2) any = true;
            else if (!any && cell.from !== cell.to) any = hasValue(data.toString('utf8', cell.from, cell.to));
            if (spec) {
              from[slot] = cell.from;
              to[slot] = cell.to;
              texts[slot] = null;
            }
            return;
          }
        }
        const value = scannedValue(cell, data, book, cache);
        if (hasValue(value)) any = true;
        if (!spec || value === null || value === undefined) return;
        to[slot] = from[slot] = 0;
        texts[slot] = typeof value === 'string' ? value : (typedCellText(spec, value) ?? TAG + JSON.stringify(tagged(value)));
      });
      // A blank row (often trailing formatting) is not a case.
      if (!any) continue;
      if (span.number <= line) throw new SheetRowsOutOfOrder(span.number);
      lines.text(String(span.number));
      for (let k = 0; k < slots; k++) {
        lines.byte(0x09);
        const text = texts[k];
        if (text !== null && text !== undefined) lines.text(tsvField(text));
        else if ((to[k] as number) > (from[k] as number)) lines.bytes(data, from[k] as number, to[k] as number);
      }
      lines.byte(0x0a);
      line = span.number;
      rows++;
      chunk.rows++;
      onRow?.(rows);
      if (lines.pos >= FLUSH_BYTES || chunk.rows >= rowsPerChunk) {
        await fd.write(lines.buf, 0, lines.pos);
        lines.pos = 0;
      }
      if (chunk.rows >= rowsPerChunk) {
        await fd.close();
        const done = chunk;
        chunks++;
        chunk = { file: `${prefix}.${chunks}.tsv`, rows: 0 };
        fd = await fs.promises.open(chunk.file, 'w');
        yield done;
      }
    }
    await fd.write(lines.buf, 0, lines.pos);
    await fd.close();
    // The last part; an empty one only when the sheet has no rows at all (the stage still needs its table).
    if (chunk.rows > 0 || chunks === 0) {
      ours = false;
      yield chunk;
    }
  } finally {
    if (ours) {
      await fd.close().catch(() => undefined);
      await fs.promises.rm(chunk.file, { force: true });
    }
  }
}
