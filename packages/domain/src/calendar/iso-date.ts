/**
 * `YYYY-MM-DD` arithmetic on UTC day numbers (days since 1970-01-01). Business dates are Asia/Shanghai calendar dates
 * (indicators.md §1); doing the arithmetic on plain day numbers, never on `Date` in local time, keeps them free of
 * timezone and DST drift.
 */
import type { IsoDate } from '../types';

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DASH = 45;

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= DIGIT_0 && c <= DIGIT_9 ? c - DIGIT_0 : -1;
}

function invalidDate(value: unknown): Error {
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return new TypeError(`invalid date ${shown}: expected a calendar date written YYYY-MM-DD`);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function civilToDayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Validates the format and the date itself (month 1–12, day within the month); throws naming the bad value. */
export function parseIsoDate(value: IsoDate): { year: number; month: number; day: number } {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) {
    throw invalidDate(value);
  }
  const y0 = digit(value, 0);
  const y1 = digit(value, 1);
  const y2 = digit(value, 2);
  const y3 = digit(value, 3);
  const m0 = digit(value, 5);
  const m1 = digit(value, 6);
  const d0 = digit(value, 8);
  const d1 = digit(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) throw invalidDate(value);
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalidDate(value);
  return { year, month, day };
}

export function toDayNumber(value: IsoDate): number {
  const { year, month, day } = parseIsoDate(value);
  return civilToDayNumber(year, month, day);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Inverse of `toDayNumber` (H. Hinnant's civil_from_days). */
export function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) throw new RangeError(`date out of range: day number ${dayNumber} is not in years 0001–9999`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const w = weekdayOfDayNumber(dayNumber);
  return w === 0 || w === 6;
}

export function assertInteger(name: string, n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

export function addCalendarDays(d: IsoDate, n: number): IsoDate {
  assertInteger('addCalendarDays: n', n);
  return fromDayNumber(toDayNumber(d) + n);
}
