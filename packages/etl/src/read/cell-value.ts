/**
 * The values validation reads from a spreadsheet cell: string | number | boolean | Date | null. A Date carries the
 * sheet's wall-clock time in its UTC fields (serials converted without a time zone), which validation relies on.
 *
 * normaliseCell turns exceljs's cell values (numbers, strings, booleans, Dates, rich text, hyperlinks, formulas or
 * error values) into these: the XLSX reader's tests compare our reader (xlsx-rows.ts) with exceljs's through it.
 */

export type CellPrimitive = string | number | boolean | Date | null;

/** Does a cell hold a value (not null or absent, not a blank string)? What makes a sheet row not blank. */
export function hasValue(v: CellPrimitive | undefined): boolean {
  return v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');
}

export function normaliseCell(value: unknown): CellPrimitive {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    return v.richText.map((part: unknown) => (part as { text?: unknown }).text ?? '').join('');
  }
  // Formula or shared formula: the cached result is what the sheet shows.
  if ('formula' in v || 'sharedFormula' in v) return normaliseCell(v.result);
  if ('text' in v) return normaliseCell(v.text);
  // An error cell (#N/A, #REF!…) is kept as its text so a typed column rejects it visibly instead of reading "empty".
  if (typeof v.error === 'string') return v.error;
  return null;
}
