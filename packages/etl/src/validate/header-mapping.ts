/**
 * Source headers → CaseRecord fields (case-export.md §Files): NFKC + trim for Chinese headers, English keys
 * case-insensitive, any column order. Personal-data columns are set apart so validation never reads them; unknown
 * columns are listed once for the load summary.
 */
import type { CaseRecord } from '@c12315/domain';
import { normaliseHeader } from '../read/header-text';
import { COLUMNS, type ColumnSpec, PERSONAL_HEADERS_ZH, PERSONAL_KEYS_EN } from './column-catalogue';

export interface ColumnMapping {
  /** Source header (as written) → field. */
  field: Map<string, keyof CaseRecord>;
  /** Personal-data headers found: dropped, never read. */
  personal: string[];
  /** Headers that match no column. */
  unknown: string[];
  /** Required fields with no column at all: every row rejects naming them. */
  missingRequired: (keyof CaseRecord)[];
}

const BY_ZH = new Map<string, ColumnSpec>(COLUMNS.map((c) => [c.zh, c]));
const BY_EN = new Map<string, ColumnSpec>(COLUMNS.map((c) => [c.en, c]));
const PERSONAL = new Set<string>([...PERSONAL_HEADERS_ZH, ...PERSONAL_KEYS_EN]);

export function mapHeaders(headers: string[]): ColumnMapping {
  const field = new Map<string, keyof CaseRecord>();
  const mapped = new Set<keyof CaseRecord>();
  const personal: string[] = [];
  const unknown: string[] = [];
  for (const header of headers) {
    const h = normaliseHeader(header);
    const lower = h.toLowerCase();
    if (PERSONAL.has(h) || PERSONAL.has(lower)) {
      personal.push(header);
      continue;
    }
    const spec = BY_ZH.get(h) ?? BY_EN.get(lower);
    // Two headers may name one field (JSON Lines keys written in different cases): the first non-empty value wins.
    if (!spec) {
      unknown.push(header);
      continue;
    }
    field.set(header, spec.field);
    mapped.add(spec.field);
  }
  const missingRequired = COLUMNS.filter((c) => c.required && !mapped.has(c.field)).map((c) => c.field);
  return { field, personal, unknown, missingRequired };
}
