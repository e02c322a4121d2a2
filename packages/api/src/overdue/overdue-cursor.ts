/**
 * Opaque, stable cursors for the overdue list: base64url of the sort and the keyset values of the last row (the
 * sort's key + case_id, overdue.sql.ts `OVERDUE_SORT_KEYS`). A cursor of another sort or a tampered one is a
 * BAD_USER_INPUT naming `after`.
 */

import { isIsoDate } from '../common/graphql-types';
import {
  cursorError,
  encodeKeysetCursor,
  isCursorInt as isInt,
  isCursorText as isText,
  parseKeysetCursor,
} from '../common/keyset-cursor';
import type { OverdueSort } from './overdue.sql';

export interface OverdueKeyset {
  caseId: string;
  overdueWorkdays: number;
  dueDate: string;
  handlingUnitCode: string;
}

export function encodeOverdueCursor(sort: OverdueSort, row: OverdueKeyset): string {
  const values =
    sort === 'OVERDUE_WORKDAYS'
      ? [row.overdueWorkdays, row.caseId]
      : sort === 'DUE_DATE'
        ? [row.dueDate, row.caseId]
        : [row.handlingUnitCode, row.overdueWorkdays, row.caseId];
  return encodeKeysetCursor(sort, values);
}

/** The cursor's keyset as query params (every cursor param bound, unused ones neutral). */
export function decodeOverdueCursor(sort: OverdueSort, cursor: string): Record<string, unknown> {
  const parsed = parseKeysetCursor(sort, cursor);
  const [a, b, c] = parsed;
  if (sort === 'OVERDUE_WORKDAYS' && parsed.length === 2 && isInt(a) && isText(b)) {
    return { ...EMPTY_CURSOR, hasCursor: 1, cWorkdays: a, cCaseId: b };
  }
  if (sort === 'DUE_DATE' && parsed.length === 2 && isText(a) && isIsoDate(a) && isText(b)) {
    return { ...EMPTY_CURSOR, hasCursor: 1, cDue: a, cCaseId: b };
  }
  if (sort === 'UNIT' && parsed.length === 3 && isText(a) && isInt(b) && isText(c)) {
    return { ...EMPTY_CURSOR, hasCursor: 1, cUnit: a, cWorkdays: b, cCaseId: c };
  }
  throw cursorError();
}

export const EMPTY_CURSOR: Readonly<Record<string, unknown>> = {
  hasCursor: 0,
  cWorkdays: 0,
  cCaseId: '',
  cDue: '1970-01-01',
  cUnit: '',
};
