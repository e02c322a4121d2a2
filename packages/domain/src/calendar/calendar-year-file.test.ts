// Calendar files add a year without a code change (indicators.md §1). The 2027 file below is made up for the test
// (the 2027 notice is not out): 2027-01-01 is a Friday, 2027-01-09 a Saturday, 2027-10-01 a Friday.
import { parseCalendarYearFile } from './calendar-year-file';
import {
  addWorkdays,
  CalendarYearMissingError,
  isProvisionalDate,
  isWorkday,
  knownCalendarYears,
  provisionalCalendarYears,
  registerCalendarYear,
  workdaysBetween,
} from './working-day-calendar';

const file2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
  makeupWorkdays: ['2027-01-09'],
  source: 'test fixture',
};

describe('parseCalendarYearFile', () => {
  it('accepts a well-formed file', () => {
    expect(parseCalendarYearFile(file2027)).toEqual(file2027);
    const { source: _unused, ...withoutSource } = file2027;
    expect(parseCalendarYearFile(withoutSource)).toEqual(withoutSource);
  });

  it.each([
    [null, 'expected a JSON object'],
    [{ ...file2027, year: '2027' }, '"year" must be a four-digit integer'],
    [{ ...file2027, holidays: undefined }, '"holidays" must be an array'],
    [{ ...file2027, holidays: [] }, '"holidays" of 2027 is empty'],
    [{ ...file2027, holidays: ['2027-02-30'] }, 'holidays[0] "2027-02-30" is not a valid YYYY-MM-DD date'],
    [{ ...file2027, holidays: ['2027-01-01', '2026-12-31'] }, 'holidays[1] "2026-12-31" is not in 2027'],
    [{ ...file2027, holidays: ['2027-01-01', '2027-01-01'] }, 'holidays[1] "2027-01-01" is listed twice'],
    [{ ...file2027, holidays: [20270101] }, 'holidays[0] must be a YYYY-MM-DD string'],
    // 2027-01-11 is a Monday
    [{ ...file2027, makeupWorkdays: ['2027-01-11'] }, 'makeupWorkdays[0] "2027-01-11" is a weekday'],
    [{ ...file2027, makeupWorkdays: ['2027-01-02'] }, '"2027-01-02" is listed both as a holiday and as a make-up working day'],
    [{ ...file2027, makeupWorkday: [] }, 'unknown field(s) "makeupWorkday"'],
    [{ ...file2027, source: 7 }, '"source" must be a string'],
  ])('rejects %j', (json, message) => {
    expect(() => parseCalendarYearFile(json)).toThrow(message);
  });
});

describe('registerCalendarYear', () => {
  it('2027 is provisional until its file is registered, then published', () => {
    // Provisional 2027: 元旦 Fri 01-01 off, no make-up day; Sat 01-09 an ordinary Saturday
    expect(isProvisionalDate('2027-01-04')).toBe(true);
    expect(addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
    expect(isWorkday('2027-01-09')).toBe(false);
    expect(() => isWorkday('2029-01-03')).toThrow(CalendarYearMissingError);
    registerCalendarYear(parseCalendarYearFile(JSON.parse(JSON.stringify(file2027))));
    expect(knownCalendarYears()).toEqual({ from: 2004, to: 2027 });
    expect(provisionalCalendarYears()).toEqual({ from: 2028, to: 2029 });
    expect(isProvisionalDate('2027-12-31')).toBe(false);
    // Thu 2026-12-31 → Fri 01-01 … Sun 01-03 off → Mon 2027-01-04
    expect(addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
    expect(isWorkday('2027-01-09')).toBe(true); // make-up Saturday
    expect(isWorkday('2027-01-10')).toBe(false); // ordinary Sunday
    // (Fri 01-08, Mon 01-11]: Sat 01-09 (1), Mon 01-11 (2)
    expect(workdaysBetween('2027-01-08', '2027-01-11')).toBe(2);
    expect(isProvisionalDate('2028-01-03')).toBe(true);
    expect(() => isWorkday('2030-01-03')).toThrow(/no data for 2030/);
  });
  it('replacing a year rebuilds the table', () => {
    registerCalendarYear({ year: 2027, holidays: ['2027-10-01'], makeupWorkdays: [] });
    expect(addWorkdays('2026-12-31', 1)).toBe('2027-01-01'); // Friday, no longer a holiday
    expect(isWorkday('2027-01-09')).toBe(false); // no longer a make-up day
    expect(isWorkday('2027-10-01')).toBe(false);
  });

  it('keeps years contiguous', () => {
    expect(() => registerCalendarYear({ year: 2029, holidays: ['2029-01-01'], makeupWorkdays: [] })).toThrow(
      'cannot register calendar year 2029: known years are 2004–2027 and must stay contiguous (add 2028 first)',
    );
    expect(() => registerCalendarYear({ year: 2001, holidays: ['2001-01-01'], makeupWorkdays: [] })).toThrow(
      /add 2002–2003 first/,
    );
    expect(knownCalendarYears()).toEqual({ from: 2004, to: 2027 });
  });

  it('validates a file built in code too', () => {
    expect(() => registerCalendarYear({ year: 2027, holidays: ['2027-13-01'], makeupWorkdays: [] })).toThrow('"2027-13-01"');
  });
});
