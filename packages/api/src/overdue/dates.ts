/**
 * Date helpers of the overdue and hotspot features. Dates stay `YYYY-MM-DD` strings (Asia/Shanghai, indicators.md
 * §1); arithmetic on UTC day numbers, so no time zone can shift a day.
 */
import { badUserInput } from '../common/errors';
import { isIsoDate } from '../common/graphql-types';

const DAY_MS = 86_400_000;

/** Today in Asia/Shanghai (UTC+8, no daylight saving): the default asOf (indicators.md §3–4). */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` → first and last day; BAD_USER_INPUT naming `argument` otherwise. */
export function monthBounds(month: string, argument = 'month'): { from: string; to: string } {
  if (typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month) || !isIsoDate(`${month}-01`)) {
    throw badUserInput(argument, `expected a month written YYYY-MM, got ${JSON.stringify(month)}`);
  }
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** The month `n` months before `month` (n ≥ 0), across year boundaries. */
export function monthsBefore(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A period [from, to] of dates: both valid, from ≤ to, at most `maxDays` days. */
export function checkPeriod(from: string, to: string, maxDays = 366): void {
  if (!isIsoDate(from)) throw badUserInput('from', `expected a date written YYYY-MM-DD, got ${JSON.stringify(from)}`);
  if (!isIsoDate(to)) throw badUserInput('to', `expected a date written YYYY-MM-DD, got ${JSON.stringify(to)}`);
  if (from > to) throw badUserInput('from', `${from} is after to (${to})`);
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days > maxDays) throw badUserInput('to', `the period spans ${days} days; at most ${maxDays}`);
}
