// The provisional year's holidays checked against the published ones (chinese-days, from the State Council notices):
// every statutory holiday the law fixes must be a day off in the notice of that year, under the law in force then.
import { builtInCalendarYears } from './chinese-days-source';
import { provisionalCalendarYear, qingmingDate, statutoryHolidays } from './provisional-year';
import { isWorkday } from './working-day-calendar';

const published = new Map(builtInCalendarYears().map((y) => [y.year, new Set(y.holidays)]));

describe('statutory holidays (全国年节及纪念日放假办法, 2024 revision)', () => {
  it.each([2025, 2026])('every fixed holiday of %i is a day off in its published notice', (year) => {
    const off = published.get(year)!;
    for (const [name, days] of Object.entries(statutoryHolidays(year))) {
      for (const d of days) expect([name, d, off.has(d)]).toEqual([name, d, true]);
    }
  });

  it('春节 is 除夕 to 初三 by the lunar calendar: 2025-01-28…31, 2026-02-16…19, 2027-02-05…08', () => {
    expect(statutoryHolidays(2025).春节).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(statutoryHolidays(2026).春节).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    expect(statutoryHolidays(2027).春节).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
  });

  it('清明, 端午 and 中秋 of 2008–2026 (statutory since 2008) are days off in every published notice', () => {
    // A day off, not necessarily listed: the package leaves out some weekend days inside a block (2012-06-23).
    for (let year = 2008; year <= 2026; year++) {
      const h = statutoryHolidays(year);
      for (const d of [...h.清明!, ...h.端午!, ...h.中秋!]) expect([year, d, isWorkday(d)]).toEqual([year, d, false]);
    }
  });

  it('清明 by the solar term', () => {
    expect([2025, 2026, 2027, 2028, 2029].map(qingmingDate)).toEqual([
      '2025-04-04',
      '2026-04-05',
      '2027-04-05',
      '2028-04-04',
      '2029-04-04',
    ]);
    expect(() => qingmingDate(2100)).toThrow(RangeError);
  });

  it('2027 and 2028 as provisional calendar files: 13 days each, no make-up working days', () => {
    const y2027 = provisionalCalendarYear(2027);
    expect(y2027.makeupWorkdays).toEqual([]);
    expect(y2027.holidays).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    // 2028: 春节 01-26 (除夕 01-25), 端午 05-28, 中秋 10-03 (inside 国庆: 12 distinct days)
    const y2028 = provisionalCalendarYear(2028);
    expect(y2028.holidays).toContain('2028-01-25');
    expect(y2028.holidays).toContain('2028-05-28');
    expect(y2028.holidays.length).toBe(12);
  });
});
