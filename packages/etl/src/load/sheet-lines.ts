/**
 * An XLSX export handed to the engine-side load as JSON Lines (engine-csv-load.ts): line k holds sheet row k — the
 * lines before the first data row and those of blank rows are empty, which the engine skips — so the engine's line
 * numbers are the sheet's row numbers, as in the reject file of the row-by-row path. Only mapped columns are
 * written: personal-data columns never leave the reader.
 *
 * A text cell is written as its string. A typed cell (number, boolean, Date) is written as the text the validator
 * reads exactly as it reads the cell (typedCellText), so the engine decides it as it decides any text; when there is
 * no such text (a malformed value: its reject names the value as the sheet holds it) the cell is written tagged,
 * `{"xlsx":"number","text":"1.5"}`, which keeps the line away from the engine's passes: the validator gets it through
 * sheetLineRow, which gives the cell back its type.
 */
import fs from 'node:fs';
import type { CaseRecord } from '@c12315/domain';
import type { CellPrimitive } from '../read/cell-value';
import type { OpenedExport, RawRow } from '../read/export-types';
import { parseJsonLine } from '../read/jsonl-reader';
import { CellType, scanCells, scannedValue } from '../read/xlsx-rows';
import { COLUMNS, type ColumnMapping, type ColumnSpec, typedCellText } from '../validate';

type TaggedCell = { xlsx: 'number'; text: string } | { xlsx: 'boolean'; value: boolean } | { xlsx: 'date'; ms: number };

function tagged(value: number | boolean | Date): TaggedCell {
  if (typeof value === 'number') return { xlsx: 'number', text: String(value) };
  if (typeof value === 'boolean') return { xlsx: 'boolean', value };
  return { xlsx: 'date', ms: value.getTime() };
}

function untagged(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const cell = value as Partial<TaggedCell & { text: string; value: boolean; ms: number }>;
  if (cell.xlsx === 'number') return Number(cell.text);
  if (cell.xlsx === 'boolean') return cell.value;
  if (cell.xlsx === 'date') return new Date(cell.ms as number);
  return value;
}

/** A line of sheetLines back as the row its reader gave (a typed cell with its type). */
export function sheetLineRow(line: string, rowNumber: number): RawRow {
  const row = parseJsonLine(line, rowNumber);
  if (row.readError) return row;
  return { rowNumber, values: new Map([...row.values].map(([header, value]) => [header, untagged(value)])) };
}

/** Has `s` a character JSON.stringify would escape (quote, backslash, controls; any surrogate, to be safe)? */
function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** A string as a JSON string: most cells need no escape at all. */
const jsonString = (s: string) => (needsEscape(s) ? JSON.stringify(s) : `"${s}"`);

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

const QUOTE = 0x22;

/**
 * A lone `<v>` text data[from, to) of a string cell: 2 when it can be copied into a JSON string as it is (well-formed
 * UTF-8, nothing to unescape for XML or JSON) and is not blank, 1 when it can be copied but may be blank (only white
 * space, or characters that might be white space to String.trim), 0 when it must be decoded.
 */
function copyableText(data: Uint8Array, from: number, to: number): 0 | 1 | 2 {
  let printable = false;
  for (let i = from; i < to; i++) {
    const c = data[i] as number;
    if (c < 0x80) {
      // XML markup (& <), OOXML escapes (_xHHHH_), JSON escapes (" \ controls), and CR (XML line ends) need decoding.
      if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x26 || c === 0x3c || c === 0x5f) {
        if (c !== 0x09 && c !== 0x0a) return 0;
      } else if (c !== 0x20) printable = true;
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

/** Is a decoded cell value present (not null, not a blank string)? As the reader decides a blank row. */
const present = (v: CellPrimitive | undefined) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');

const FLUSH_BYTES = 1 << 21;

interface ColumnOut {
  /** `"header":` as UTF-8; null for a header column that is not mapped (read only to tell a blank row). */
  key: Buffer | null;
  spec: ColumnSpec | null;
}

/**
 * Write the sheet's rows to `out`, reading their cells from the sheet's bytes: a text cell is copied as it is written
 * when it can be (most cells), decoded otherwise. Returns the rows written, or null when the sheet's rows are not in
 * ascending order (the file is then loaded row by row; the reader has been read).
 */
export async function writeSheetLines(
  opened: OpenedExport,
  mapping: ColumnMapping,
  out: string,
  onRow?: (rowsRead: number) => void,
): Promise<number | null> {
  const sheet = opened.sheet;
  if (!sheet) throw new Error('writeSheetLines reads the sheet of an XLSX export');
  const { book, names, cache } = sheet;
  const specs = new Map<keyof CaseRecord, ColumnSpec>(COLUMNS.map((c) => [c.field, c]));
  const columns: (ColumnOut | undefined)[] = sheet.header.map((header) => {
    if (header === '') return undefined;
    const field = mapping.field.get(header);
    return field
      ? { key: Buffer.from(`${JSON.stringify(header)}:`), spec: specs.get(field) as ColumnSpec }
      : { key: null, spec: null };
  });
  const lines = new LineBuffer();
  let line = 0;
  let rows = 0;
  // Per row: has a header column a value, and has the object a member yet.
  let any = false;
  let members = 0;
  const member = (key: Buffer) => {
    if (members++ > 0) lines.byte(0x2c);
    lines.bytes(key, 0, key.length);
  };
  const fd = await fs.promises.open(out, 'w');
  try {
    for await (const span of sheet.spans) {
      const { data } = span;
      const mark = lines.pos;
      // Line k is sheet row k: empty lines before it for the rows not written (taken back if this row is blank).
      const padding = Math.max(0, span.number - line - 1);
      lines.ensure(padding);
      lines.buf.fill(0x0a, lines.pos, lines.pos + padding);
      lines.pos += padding;
      any = false;
      members = 0;
      lines.byte(0x7b);
      scanCells(data, span.start, span.end, book, names, (cell) => {
        const column = columns[cell.col];
        if (!column) return;
        if (cell.lone && (cell.type === CellType.Str || cell.type === CellType.Inline)) {
          const kind = cell.from === cell.to ? 1 : copyableText(data, cell.from, cell.to);
          if (kind !== 0) {
            if (kind === 2) any = true;
            else if (!any && cell.from !== cell.to) any = present(data.toString('utf8', cell.from, cell.to));
            if (column.key) {
              member(column.key);
              lines.byte(QUOTE);
              lines.bytes(data, cell.from, cell.to);
              lines.byte(QUOTE);
            }
            return;
          }
        }
        const value = scannedValue(cell, data, book, cache);
        if (!present(value)) {
          if (typeof value !== 'string' || !column.key) return;
        } else any = true;
        if (!column.key || value === null) return;
        member(column.key);
        if (typeof value === 'string') lines.text(jsonString(value));
        else lines.text(JSON.stringify(typedCellText(column.spec as ColumnSpec, value) ?? tagged(value)));
      });
      if (!any) {
        // A blank row (often trailing formatting) is not a case: its line stays empty.
        lines.pos = mark;
        continue;
      }
      if (span.number <= line) return null;
      lines.byte(0x7d);
      lines.byte(0x0a);
      line = span.number;
      rows++;
      onRow?.(rows);
      if (lines.pos >= FLUSH_BYTES) {
        await fd.write(lines.buf, 0, lines.pos);
        lines.pos = 0;
      }
    }
    await fd.write(lines.buf, 0, lines.pos);
    return rows;
  } finally {
    await fd.close();
  }
}
