/**
 * Dates of a request: periods, months and the default asOf. Dates stay `YYYY-MM-DD` strings (Asia/Shanghai,
 * indicators.md §1); arithmetic goes through UTC day numbers so no time zone can shift a day.
 */
import { badUserInput } from '../common/errors';
import { isIsoDate, isQuestionDate, QUESTION_DATES, questionDateError } from '../common/graphql-types';

const DAY_MS = 86_400_000;

export interface Period {
  from: string;
  to: string;
}

/** Today in Asia/Shanghai: the default asOf (indicators.md §3–4). */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** A `YYYY-MM` month's first and last day (no check). */
function monthDays(month: string): Period {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** `YYYY-MM` → its first and last day, both dates a question may name; BAD_USER_INPUT naming `argument` otherwise. */
export function monthPeriod(month: string, argument = 'month'): Period {
  if (typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month) || !isIsoDate(`${month}-01`)) {
    throw badUserInput(argument, `expected a month written YYYY-MM, got ${JSON.stringify(month)}`);
  }
  const days = monthDays(month);
  if (!isQuestionDate(days.from) || !isQuestionDate(days.to)) {
    throw badUserInput(
      argument,
      `expected a month whose days all lie from ${QUESTION_DATES.first} to ${QUESTION_DATES.last}, got ${JSON.stringify(month)}`,
    );
  }
  return days;
}

/** The month `n` months before `month` (n ≥ 0), across year boundaries. */
export function monthsBefore(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  return monthsBefore(month, 1);
}

/** The calendar months meeting [from, to], each clipped to the range (MONTH grouping: one period per month). */
export function monthsOf(period: Period): Period[] {
  const out: Period[] = [];
  let start = period.from;
  while (start <= period.to) {
    const monthEnd = monthDays(start.slice(0, 7)).to;
    const end = monthEnd < period.to ? monthEnd : period.to;
    out.push({ from: start, to: end });
    start = fromDayNumber(dayNumber(monthEnd) + 1);
  }
  return out;
}

export const MAX_RANGE_DAYS = 366;

/** from ≤ to and at most MAX_RANGE_DAYS days (inclusive). */
export function validatePeriod(period: Period, argument = 'filter'): void {
  if (period.from > period.to) throw badUserInput(`${argument}.from`, `${period.from} is after ${argument}.to ${period.to}`);
  const days = dayNumber(period.to) - dayNumber(period.from) + 1;
  if (days > MAX_RANGE_DAYS) throw badUserInput(`${argument}.to`, `the range spans ${days} days; at most ${MAX_RANGE_DAYS}`);
}

/** A period [from, to] of dates given as arguments `from` and `to`: both valid, from ≤ to, at most `maxDays` days. */
export function checkPeriod(from: string, to: string, maxDays = MAX_RANGE_DAYS): void {
  if (!isQuestionDate(from)) throw badUserInput('from', questionDateError(from));
  if (!isQuestionDate(to)) throw badUserInput('to', questionDateError(to));
  if (from > to) throw badUserInput('from', `${from} is after to (${to})`);
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days > maxDays) throw badUserInput('to', `the period spans ${days} days; at most ${maxDays}`);
}
