/**
 * Opaque keyset cursors for paginated lists: the sort order's name plus the last row's sort key, base64url JSON.
 * Each list checks the shape of the key values itself (they differ per sort order).
 */
import { badUserInput } from './errors';

export function encodeKeysetCursor(sort: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([sort, ...values]), 'utf8').toString('base64url');
}

export function cursorError(): Error {
  return badUserInput('after', 'not a cursor of this list (sort order changed or cursor damaged)');
}

/** The key values of a cursor made for `sort`; BAD_USER_INPUT naming `after` for anything else. */
export function parseKeysetCursor(sort: string, cursor: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw cursorError();
  }
  if (!Array.isArray(parsed) || parsed[0] !== sort) throw cursorError();
  return parsed.slice(1);
}

export const isCursorInt = (v: unknown): v is number => Number.isSafeInteger(v);
export const isCursorText = (v: unknown): v is string => typeof v === 'string' && v.length <= 256;
