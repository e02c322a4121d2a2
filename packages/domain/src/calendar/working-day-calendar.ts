/**
 * The working-day calendar (工作日, indicators.md §1): Monday–Friday, minus statutory holidays, plus make-up working
 * days, year by year from the State Council's notices. Built in: `chinese-days` (2004–2026); more years come from
 * calendar files (`registerCalendarYear`). The PROVISIONAL_YEARS years after the last published one are provisional
 * (provisional-year.ts: weekends and the holidays the law fixes, no make-up days): every answer that reads one of their
 * days is provisional (`isProvisionalDate` of the latest date it reads), and callers mark it so. A date before the
 * first year or past the provisional ones is an error naming the year — never a weekend-only guess.
 *
 * The ETL calls these millions of times, so everything goes through one lazily built ordinal table:
 * `ord[i]` = working days in [first known day, first known day + i]. Then `workdaysBetween` is a subtraction and
 * `addWorkdays` two array reads.
 */
import type { IsoDate } from '../types';
import { type CalendarYearFile, parseCalendarYearFile } from './calendar-year-file';
import { builtInCalendarYears } from './chinese-days-source';
import { assertInteger, civilToDayNumber, fromDayNumber, isWeekend, parseIsoDate, toDayNumber } from './iso-date';
import { provisionalCalendarYear } from './provisional-year';

export { addCalendarDays } from './iso-date';

export class CalendarYearMissingError extends Error {
  readonly year: number;
  constructor(year: number) {
    super(`working-day calendar has no data for ${year}: add a calendar file for ${year}`);
    this.name = 'CalendarYearMissingError';
    this.year = year;
  }
}

/**
 * How many years after the last published one are provisional. Two: a case registered in December with 45 working
 * days plus paused days, or a 60-day mediation, reaches into the next year, and paused cases (up to 60 paused days
 * are common) sometimes one more. Past them a date is still an error: a guess three years out helps no one.
 */
export const PROVISIONAL_YEARS = 2;

interface OrdinalTable {
  from: number;
  /** The last published year. */
  published: number;
  /** The last year the table holds (published + PROVISIONAL_YEARS). */
  to: number;
  /** Day number of `from`-01-01. */
  firstDay: number;
  /** ord[i]: working days in [firstDay, firstDay + i]. */
  ord: Int32Array;
  /** byOrd[k]: index (day number − firstDay) of the working day with ordinal k; byOrd[0] unused. */
  byOrd: Int32Array;
  totalWorkdays: number;
  /** Formatted dates by index, filled on demand (saves re-formatting in hot loops). */
  text: (IsoDate | undefined)[];
}

let years: Map<number, CalendarYearFile> | null = null;
let table: OrdinalTable | null = null;

function loadedYears(): Map<number, CalendarYearFile> {
  if (!years) {
    years = new Map();
    for (const file of builtInCalendarYears()) years.set(file.year, parseCalendarYearFile(file));
  }
  return years;
}

function buildTable(): OrdinalTable {
  const all = loadedYears();
  const yearList = [...all.keys()].sort((a, b) => a - b);
  const from = yearList[0]!;
  const published = yearList[yearList.length - 1]!;
  const to = published + PROVISIONAL_YEARS;
  const firstDay = civilToDayNumber(from, 1, 1);
  const size = civilToDayNumber(to, 12, 31) - firstDay + 1;
  const off = new Uint8Array(size);
  const makeup = new Uint8Array(size);
  const provisional = Array.from({ length: PROVISIONAL_YEARS }, (_, i) => provisionalCalendarYear(published + 1 + i));
  for (const file of [...all.values(), ...provisional]) {
    for (const d of file.holidays) off[toDayNumber(d) - firstDay] = 1;
    for (const d of file.makeupWorkdays) makeup[toDayNumber(d) - firstDay] = 1;
  }
  const ord = new Int32Array(size);
  const byOrd = new Int32Array(size + 1);
  let count = 0;
  for (let i = 0; i < size; i++) {
    const working = makeup[i] === 1 || (off[i] === 0 && !isWeekend(firstDay + i));
    if (working) byOrd[++count] = i;
    ord[i] = count;
  }
  return { from, published, to, firstDay, ord, byOrd, totalWorkdays: count, text: new Array(size) };
}

function current(): OrdinalTable {
  if (!table) table = buildTable();
  return table;
}

/** Index of d in the table; throws CalendarYearMissingError when d's year is not known. */
function indexOf(t: OrdinalTable, d: IsoDate): number {
  const { year, month, day } = parseIsoDate(d);
  if (year < t.from || year > t.to) throw new CalendarYearMissingError(year);
  return civilToDayNumber(year, month, day) - t.firstDay;
}

function textAt(t: OrdinalTable, i: number): IsoDate {
  let s = t.text[i];
  if (s === undefined) {
    s = fromDayNumber(t.firstDay + i);
    t.text[i] = s;
  }
  return s;
}

/**
 * The ordinal table itself, for an engine that computes deadlines in bulk (the ETL's SQL load of CSV files):
 * `ord[i]` = working days in [firstDate, firstDate + i days], `workdays[k − 1]` = the working day with ordinal k.
 * Covers the known years and the provisional ones; `lastDate` is the last day it holds, `lastPublishedDate` the last
 * day of the last published year (a due date after it is provisional).
 */
export interface WorkdayOrdinalTable {
  firstDate: IsoDate;
  lastDate: IsoDate;
  lastPublishedDate: IsoDate;
  ord: number[];
  workdays: IsoDate[];
}

export function workdayOrdinalTable(): WorkdayOrdinalTable {
  const t = current();
  const workdays: IsoDate[] = [];
  for (let k = 1; k <= t.totalWorkdays; k++) workdays.push(textAt(t, t.byOrd[k]!));
  return {
    firstDate: textAt(t, 0),
    lastDate: textAt(t, t.ord.length - 1),
    lastPublishedDate: `${t.published}-12-31`,
    ord: Array.from(t.ord),
    workdays,
  };
}

/** Adds a year or replaces a known one. Years must stay contiguous, so only from − 1 … to + 1 can be added. */
export function registerCalendarYear(file: CalendarYearFile): void {
  const checked = parseCalendarYearFile(file);
  const all = loadedYears();
  const { from, to } = knownCalendarYears();
  if (checked.year < from - 1 || checked.year > to + 1) {
    const [lo, hi] = checked.year > to ? [to + 1, checked.year - 1] : [checked.year + 1, from - 1];
    const gap = lo === hi ? `${lo}` : `${lo}–${hi}`;
    throw new Error(
      `cannot register calendar year ${checked.year}: known years are ${from}–${to} and must stay contiguous (add ${gap} first)`,
    );
  }
  all.set(checked.year, checked);
  table = null;
}

/** The published years (built in or from calendar files); the provisional ones follow `to`. */
export function knownCalendarYears(): { from: number; to: number } {
  const t = current();
  return { from: t.from, to: t.published };
}

/** The provisional years: the PROVISIONAL_YEARS years after the last published one. */
export function provisionalCalendarYears(): { from: number; to: number } {
  const t = current();
  return { from: t.published + 1, to: t.to };
}

/** A date after the last published year: whatever the calendar says of it (or of any later day) is a guess. */
export function isProvisionalDate(d: IsoDate): boolean {
  return parseIsoDate(d).year > current().published;
}

/**
 * For storage: 0 when none of the dates is provisional, else the first provisional year (last published + 1), so a
 * stored answer can later be found and recomputed once that year's calendar is published.
 */
export function provisionalFromYear(dates: readonly (IsoDate | null | undefined)[]): number {
  const t = current();
  return dates.some((d) => d != null && parseIsoDate(d).year > t.published) ? t.published + 1 : 0;
}

export function isWorkday(d: IsoDate): boolean {
  const t = current();
  const i = indexOf(t, d);
  return t.ord[i]! - (i > 0 ? t.ord[i - 1]! : 0) === 1;
}

/** Working days in [first known day, d]; so workdaysBetween(a, b) = ord(b) − ord(a). */
export function workdayOrdinal(d: IsoDate): number {
  const t = current();
  return t.ord[indexOf(t, d)]!;
}

/** The working day with that ordinal; past either end of the calendar → the missing year is named. */
export function workdayFromOrdinal(ordinal: number): IsoDate {
  assertInteger('workdayFromOrdinal: ordinal', ordinal);
  const t = current();
  if (ordinal < 1) throw new CalendarYearMissingError(t.from - 1);
  if (ordinal > t.totalWorkdays) throw new CalendarYearMissingError(t.to + 1);
  return textAt(t, t.byOrd[ordinal]!);
}

/** The n-th working day after d; d itself is never counted, working day or not (indicators.md §1). n = 0 returns d. */
export function addWorkdays(d: IsoDate, n: number): IsoDate {
  assertInteger('addWorkdays: n', n);
  if (n < 0) throw new RangeError(`addWorkdays: n must be >= 0, got ${n}`);
  const t = current();
  const i = indexOf(t, d);
  if (n === 0) return d;
  return workdayFromOrdinal(t.ord[i]! + n);
}

/** Working days in (a, b]; negative when b < a (then −(working days in (b, a])). */
export function workdaysBetween(a: IsoDate, b: IsoDate): number {
  const t = current();
  return t.ord[indexOf(t, b)]! - t.ord[indexOf(t, a)]!;
}

/** d when it is a working day, else the next working day. */
export function rollToWorkday(d: IsoDate): IsoDate {
  const t = current();
  const i = indexOf(t, d);
  const k = t.ord[i]!;
  if (k - (i > 0 ? t.ord[i - 1]! : 0) === 1) return d;
  return workdayFromOrdinal(k + 1);
}
