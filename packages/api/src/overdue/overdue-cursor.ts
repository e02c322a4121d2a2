/**
 * Opaque, stable cursors for the overdue list: base64url of the sort and the keyset values of the last row (the
 * sort's key + case_id, overdue.sql.ts `OVERDUE_SORT_KEYS`). A cursor of another sort or a tampered one is a
 * BAD_USER_INPUT naming `after`.
 */
import { badUserInput } from '../common/errors';
import { isIsoDate } from '../common/graphql-types';
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
  return Buffer.from(JSON.stringify([sort, ...values]), 'utf8').toString('base64url');
}

/** The cursor's keyset as query params (every cursor param bound, unused ones neutral). */
export function decodeOverdueCursor(sort: OverdueSort, cursor: string): Record<string, unknown> {
  const bad = () => badUserInput('after', 'not a cursor of this list (sort order changed or cursor damaged)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed[0] !== sort) throw bad();
  const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
  const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 256;
  const [, a, b, c] = parsed as unknown[];
  if (sort === 'OVERDUE_WORKDAYS' && parsed.length === 3 && isInt(a) && isText(b)) {
    return { ...EMPTY_CURSOR, hasCursor: 1, cWorkdays: a, cCaseId: b };
  }
  if (sort === 'DUE_DATE' && parsed.length === 3 && isText(a) && isIsoDate(a) && isText(b)) {
    return { ...EMPTY_CURSOR, hasCursor: 1, cDue: a, cCaseId: b };
  }
  if (sort === 'UNIT' && parsed.length === 4 && isText(a) && isInt(b) && isText(c)) {
    return { ...EMPTY_CURSOR, hasCursor: 1, cUnit: a, cWorkdays: b, cCaseId: c };
  }
  throw bad();
}

export const EMPTY_CURSOR: Readonly<Record<string, unknown>> = {
  hasCursor: 0,
  cWorkdays: 0,
  cCaseId: '',
  cDue: '1970-01-01',
  cUnit: '',
};
