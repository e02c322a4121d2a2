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
import type { OpenedExport, RawRow } from '../read/export-types';
import { parseJsonLine } from '../read/jsonl-reader';
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

const FLUSH_BYTES = 1 << 20;

/**
 * Write the sheet's rows to `out`. Returns the rows written, or null when the sheet's rows are not in ascending
 * order (the file is then loaded row by row; the reader has been read).
 */
export async function writeSheetLines(
  opened: OpenedExport,
  mapping: ColumnMapping,
  out: string,
  onRow?: (rowsRead: number) => void,
): Promise<number | null> {
  const specs = new Map<keyof CaseRecord, ColumnSpec>(COLUMNS.map((c) => [c.field, c]));
  const columns = [...mapping.field].map(([header, field]) => ({
    header,
    key: `${JSON.stringify(header)}:`,
    spec: specs.get(field) as ColumnSpec,
  }));
  const fd = await fs.promises.open(out, 'w');
  try {
    let text = '';
    let line = 0;
    let rows = 0;
    for await (const row of opened.rows) {
      if (row.rowNumber <= line) return null;
      text += '\n'.repeat(row.rowNumber - line - 1);
      line = row.rowNumber;
      let object = '';
      for (const { header, key, spec } of columns) {
        const value = row.values.get(header);
        if (value === null || value === undefined) continue;
        let json: string;
        if (typeof value === 'string') json = JSON.stringify(value);
        else if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
          const asText = typedCellText(spec, value);
          json = JSON.stringify(asText ?? tagged(value));
        } else json = JSON.stringify(String(value));
        object += object === '' ? key + json : `,${key}${json}`;
      }
      text += `{${object}}\n`;
      rows++;
      onRow?.(rows);
      if (text.length >= FLUSH_BYTES) {
        await fd.write(text);
        text = '';
      }
    }
    await fd.write(text);
    return rows;
  } finally {
    await fd.close();
  }
}
