/**
 * Opaque, stable cursors of the case list, built like the overdue list's (overdue/overdue-cursor.ts): base64url of
 * the sort and the keyset values of the last row (cases.sql.ts `CASE_SORT_KEYS`). A cursor of another sort or a
 * damaged one is a BAD_USER_INPUT naming `after`.
 */
import { badUserInput } from '../common/errors';
import type { CaseSortEnum } from './cases.type';

export interface CaseKeyset {
  caseId: string;
  registeredTs: number;
  handlingUnitCode: string;
}

export const EMPTY_CASE_CURSOR: Readonly<Record<string, unknown>> = { hasCursor: 0, cTs: 0, cCaseId: '', cUnit: '' };

export function encodeCaseCursor(sort: CaseSortEnum, row: CaseKeyset): string {
  const values = sort === 'UNIT' ? [row.handlingUnitCode, row.registeredTs, row.caseId] : [row.registeredTs, row.caseId];
  return Buffer.from(JSON.stringify([sort, ...values]), 'utf8').toString('base64url');
}

/** The cursor's keyset as query params (every cursor param bound, unused ones neutral). */
export function decodeCaseCursor(sort: CaseSortEnum, cursor: string): Record<string, unknown> {
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
  if (sort !== 'UNIT' && parsed.length === 3 && isInt(a) && isText(b)) {
    return { ...EMPTY_CASE_CURSOR, hasCursor: 1, cTs: a, cCaseId: b };
  }
  if (sort === 'UNIT' && parsed.length === 4 && isText(a) && isInt(b) && isText(c)) {
    return { ...EMPTY_CASE_CURSOR, hasCursor: 1, cUnit: a, cTs: b, cCaseId: c };
  }
  throw bad();
}
