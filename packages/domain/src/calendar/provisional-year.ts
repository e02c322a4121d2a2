/**
 * A provisional calendar year (indicators.md §1): the year after the last published one, before the State Council's
 * notice is out (it comes each November or December). Weekends plus the statutory holidays whose dates the law fixes —
 * 全国年节及纪念日放假办法 (2024 revision, in force 2025-01-01), art. 2: 元旦 1 Jan; 春节 农历除夕 to 正月初三 (4 days);
 * 清明 the day of the 清明 solar term; 劳动节 1–2 May; 端午 农历五月初五; 中秋 农历八月十五; 国庆 1–3 Oct — and no
 * make-up working days (调休上班) nor the weekday given for a holiday on a weekend (补假): their dates are the notice's
 * choice, not the law's. Lunar dates from `chinese-days` (its lunar table covers 1900–2100).
 */
import { getSolarDateFromLunar } from 'chinese-days';
import type { IsoDate } from '../types';
import type { CalendarYearFile } from './calendar-year-file';
import { addCalendarDays, parseIsoDate } from './iso-date';

/**
 * The solar date of a lunar month/day of lunar year `year`. chinese-days reads its input with local-time getters and
 * builds its answer in local time, so both sides go through local `Date` fields: the answer does not depend on TZ.
 */
function solarOfLunar(year: number, month: number, day: number): IsoDate {
  const { date } = getSolarDateFromLunar(new Date(year, month - 1, day));
  parseIsoDate(date);
  return date;
}

/**
 * The 清明 solar term's date in April, by the 寿星 formula [Y·D + C] − L for 2000–2099 (D = 0.2422, C = 4.81,
 * L = ⌊Y/4⌋). chinese-days has the same formula but formats its answer through a UTC/local mix that is a day early
 * west of UTC; the test checks this one against every 清明 holiday of 2008–2026 in the published calendar.
 */
export function qingmingDate(year: number): IsoDate {
  if (year < 2000 || year > 2099) throw new RangeError(`qingmingDate: ${year} is outside 2000–2099`);
  const y = year % 100;
  const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
  return `${year}-04-${String(day).padStart(2, '0')}`;
}

/** The statutory holidays of `year` whose dates the law fixes, by name (for tests and messages). */
export function statutoryHolidays(year: number): Record<string, IsoDate[]> {
  const springFestival = solarOfLunar(year, 1, 1);
  return {
    元旦: [`${year}-01-01`],
    // 除夕 is the last day of the previous lunar year: the day before 正月初一, whether 腊月 has 29 or 30 days.
    春节: [-1, 0, 1, 2].map((n) => addCalendarDays(springFestival, n)),
    清明: [qingmingDate(year)],
    劳动节: [`${year}-05-01`, `${year}-05-02`],
    端午: [solarOfLunar(year, 5, 5)],
    中秋: [solarOfLunar(year, 8, 15)],
    国庆: [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`],
  };
}

/** The provisional year as a calendar file: the fixed holidays, no make-up working days. */
export function provisionalCalendarYear(year: number): CalendarYearFile {
  // 春节's eve can fall on 31 Dec of the year before only if 正月初一 were 1 Jan, which the lunar calendar never gives
  // (it falls 21 Jan – 20 Feb); keep the guard so a wrong table fails loudly rather than writing into another year.
  const holidays = [...new Set(Object.values(statutoryHolidays(year)).flat())].sort();
  const outside = holidays.find((d) => !d.startsWith(`${year}-`));
  if (outside) throw new Error(`provisional calendar ${year}: holiday ${outside} is outside the year`);
  return { year, holidays, makeupWorkdays: [], source: `provisional: statutory holidays of ${year} (全国年节及纪念日放假办法)` };
}
