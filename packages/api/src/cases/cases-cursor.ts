/**
 * Opaque, stable cursors of the case list, built like the overdue list's (overdue/overdue-cursor.ts): base64url of
 * the sort and the keyset values of the last row (cases.sql.ts `CASE_SORT_KEYS`). A cursor of another sort or a
 * damaged one is a BAD_USER_INPUT naming `after`.
 */
import {
  cursorError,
  encodeKeysetCursor,
  isCursorInt as isInt,
  isCursorText as isText,
  parseKeysetCursor,
} from '../common/keyset-cursor';
import type { CaseSortEnum } from './cases.type';

export interface CaseKeyset {
  caseId: string;
  registeredTs: number;
  handlingUnitCode: string;
}

export const EMPTY_CASE_CURSOR: Readonly<Record<string, unknown>> = { hasCursor: 0, cTs: 0, cCaseId: '', cUnit: '' };

export function encodeCaseCursor(sort: CaseSortEnum, row: CaseKeyset): string {
  const values = sort === 'UNIT' ? [row.handlingUnitCode, row.registeredTs, row.caseId] : [row.registeredTs, row.caseId];
  return encodeKeysetCursor(sort, values);
}

/** The cursor's keyset as query params (every cursor param bound, unused ones neutral). */
export function decodeCaseCursor(sort: CaseSortEnum, cursor: string): Record<string, unknown> {
  const parsed = parseKeysetCursor(sort, cursor);
  const [a, b, c] = parsed;
  if (sort !== 'UNIT' && parsed.length === 2 && isInt(a) && isText(b)) {
    return { ...EMPTY_CASE_CURSOR, hasCursor: 1, cTs: a, cCaseId: b };
  }
  if (sort === 'UNIT' && parsed.length === 3 && isText(a) && isInt(b) && isText(c)) {
    return { ...EMPTY_CASE_CURSOR, hasCursor: 1, cUnit: a, cTs: b, cCaseId: c };
  }
  throw cursorError();
}
