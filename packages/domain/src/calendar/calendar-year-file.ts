/**
 * The calendar-file format: one year of the State Council's holiday notice (国务院办公厅关于…部分节假日安排的通知),
 * so an admin can add a newly published year without a code change (indicators.md §1). Example:
 *   { "year": 2027, "holidays": ["2027-01-01", …], "makeupWorkdays": ["2027-02-07", …],
 *     "source": "https://www.gov.cn/…" }
 * `holidays` are the days off (weekend days inside a holiday block may be listed or not: they are off either way);
 * `makeupWorkdays` are the weekend days that are working days (调休上班).
 */
import type { IsoDate } from '../types';
import { isWeekend, parseIsoDate, toDayNumber } from './iso-date';

export interface CalendarYearFile {
  year: number;
  holidays: IsoDate[];
  makeupWorkdays: IsoDate[];
  source?: string;
}

const KNOWN_FIELDS = new Set(['year', 'holidays', 'makeupWorkdays', 'source']);

function fail(message: string): never {
  throw new Error(`invalid calendar file: ${message}`);
}

function parseDateList(field: 'holidays' | 'makeupWorkdays', value: unknown, year: number): IsoDate[] {
  if (!Array.isArray(value)) fail(`"${field}" must be an array of YYYY-MM-DD dates`);
  const seen = new Set<string>();
  return value.map((item: unknown, i: number) => {
    const where = `${field}[${i}]`;
    if (typeof item !== 'string') fail(`${where} must be a YYYY-MM-DD string, got ${JSON.stringify(item)}`);
    let parsed: { year: number };
    try {
      parsed = parseIsoDate(item);
    } catch {
      fail(`${where} "${item}" is not a valid YYYY-MM-DD date`);
    }
    if (parsed.year !== year) fail(`${where} "${item}" is not in ${year}`);
    if (seen.has(item)) fail(`${where} "${item}" is listed twice`);
    seen.add(item);
    // A make-up working day on a weekday would change nothing; it is almost surely a date typed into the wrong list.
    if (field === 'makeupWorkdays' && !isWeekend(toDayNumber(item))) {
      fail(`${where} "${item}" is a weekday: make-up working days (调休上班) fall on a Saturday or Sunday`);
    }
    return item;
  });
}

/** Validates a parsed JSON calendar file; throws with a message naming the bad field or date. */
export function parseCalendarYearFile(json: unknown): CalendarYearFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('expected a JSON object');
  const obj = json as Record<string, unknown>;
  const unknown = Object.keys(obj).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length > 0) fail(`unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}`);
  const year = obj.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999) {
    fail(`"year" must be a four-digit integer, got ${JSON.stringify(year)}`);
  }
  const holidays = parseDateList('holidays', obj.holidays, year);
  // Every year has New Year's Day off at least; an empty list means the notice was not copied in.
  if (holidays.length === 0) fail(`"holidays" of ${year} is empty`);
  const makeupWorkdays = parseDateList('makeupWorkdays', obj.makeupWorkdays, year);
  const holidaySet = new Set(holidays);
  const both = makeupWorkdays.find((d) => holidaySet.has(d));
  if (both !== undefined) fail(`"${both}" is listed both as a holiday and as a make-up working day`);
  const file: CalendarYearFile = { year, holidays, makeupWorkdays };
  if (obj.source !== undefined) {
    if (typeof obj.source !== 'string') fail(`"source" must be a string, got ${JSON.stringify(obj.source)}`);
    file.source = obj.source;
  }
  return file;
}
