/**
 * Built-in calendar years from the `chinese-days` package (2004–2026, each year from the State Council's notice;
 * indicators.md §1). Its `holidays` map holds the days off, `workdays` the make-up working days on weekends.
 * Bundled JSON, not a file read at run time: the domain package does no I/O.
 */
import chineseDaysJson from 'chinese-days/dist/chinese-days.json';
import type { CalendarYearFile } from './calendar-year-file';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const SOURCE = 'npm chinese-days 1.5.7 (dist/chinese-days.json)';

export function builtInCalendarYears(): CalendarYearFile[] {
  const data = chineseDaysJson as unknown as ChineseDaysData;
  const byYear = new Map<number, CalendarYearFile>();
  const yearOf = (d: string): CalendarYearFile => {
    const year = Number(d.slice(0, 4));
    let file = byYear.get(year);
    if (!file) {
      file = { year, holidays: [], makeupWorkdays: [], source: SOURCE };
      byYear.set(year, file);
    }
    return file;
  };
  for (const d of Object.keys(data.holidays)) yearOf(d).holidays.push(d);
  for (const d of Object.keys(data.workdays)) yearOf(d).makeupWorkdays.push(d);
  return [...byYear.values()]
    .map((f) => ({ ...f, holidays: f.holidays.sort(), makeupWorkdays: f.makeupWorkdays.sort() }))
    .sort((a, b) => a.year - b.year);
}
