/**
 * The working-day calendar as two short lists, for exact working-day counts inside SQL (indicators.md §1): weekdays
 * that are not working days (statutory holidays) and weekend days that are (make-up working days, 调休上班). With a
 * Monday-aligned weekday count these give working days in (a, b] for any a, b in the calendar's years.
 */
import { CalendarYearMissingError, isWorkday, knownCalendarYears, provisionalCalendarYears } from '@c12315/domain';
import { dayNumber, fromDayNumber } from '../indicators/period';

export interface CalendarExceptions {
  offWeekdays: string[];
  workWeekends: string[];
}

const cache = new Map<string, CalendarExceptions>();

/**
 * Exceptions from the first known calendar day through `through`, the provisional years included (an overdue count
 * into January must not wait for the notice); throws CalendarYearMissingError past them.
 */
export function calendarExceptionsThrough(through: string): CalendarExceptions {
  const { from } = knownCalendarYears();
  const { to } = provisionalCalendarYears();
  const year = Number(through.slice(0, 4));
  if (year > to || year < from) throw new CalendarYearMissingError(year);
  // The key carries the known years: registering a new year (calendar file) misses the cache. Calendar files are
  // loaded at start-up, before any query, so a replaced year never meets a stale entry.
  const key = `${from}-${knownCalendarYears().to}:${through}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out: CalendarExceptions = { offWeekdays: [], workWeekends: [] };
  const last = dayNumber(through);
  for (let n = dayNumber(`${from}-01-01`); n <= last; n++) {
    const date = fromDayNumber(n);
    const weekday = (((n + 4) % 7) + 7) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
    const weekend = weekday === 0 || weekday === 6;
    const working = isWorkday(date);
    if (weekend && working) out.workWeekends.push(date);
    else if (!weekend && !working) out.offWeekdays.push(date);
  }
  if (cache.size > 64) cache.clear();
  cache.set(key, out);
  return out;
}
