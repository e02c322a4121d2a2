// Expected dates counted by hand on a printed calendar against the State Council notices:
// 2025 (国办发明电〔2024〕12号): 春节 01-28…02-04 off, 01-26 (Sun) and 02-08 (Sat) work; 国庆+中秋 10-01…10-08 off,
//   09-28 (Sun) and 10-11 (Sat) work; 清明 04-04…04-06 off.
// 2026 (国办发明电〔2025〕7号): 元旦 01-01…01-03 off, 01-04 (Sun) works; 春节 02-15…02-23 off, 02-14 (Sat) and
//   02-28 (Sat) work; 中秋 09-25…09-27 off; 国庆 10-01…10-07 off, 09-20 (Sun) and 10-10 (Sat) work.
import {
  addCalendarDays,
  addWorkdays,
  CalendarYearMissingError,
  isProvisionalDate,
  isWorkday,
  knownCalendarYears,
  provisionalCalendarYears,
  provisionalFromYear,
  rollToWorkday,
  workdayFromOrdinal,
  workdayOrdinal,
  workdaysBetween,
} from './working-day-calendar';

describe('built-in calendar (chinese-days)', () => {
  it('covers 2004–2026', () => {
    expect(knownCalendarYears()).toEqual({ from: 2004, to: 2026 });
  });

  it('2025 Spring Festival: 01-28…02-04 off, make-up Sunday 01-26 and Saturday 02-08 are workdays', () => {
    expect(isWorkday('2025-01-26')).toBe(true); // Sunday, 调休上班
    expect(isWorkday('2025-02-08')).toBe(true); // Saturday, 调休上班
    for (const d of ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04']) {
      expect([d, isWorkday(d)]).toEqual([d, false]);
    }
    expect(isWorkday('2025-01-25')).toBe(false); // ordinary Saturday
    expect(isWorkday('2025-01-27')).toBe(true); // Monday between the make-up Sunday and the holiday
    expect(isWorkday('2025-02-05')).toBe(true); // Wednesday, first day back
  });

  it('2025 National Day: 10-01…10-08 off, 09-28 (Sun) and 10-11 (Sat) work', () => {
    expect(isWorkday('2025-09-28')).toBe(true);
    expect(isWorkday('2025-10-11')).toBe(true);
    expect(isWorkday('2025-10-08')).toBe(false); // Wednesday, last holiday day
    expect(isWorkday('2025-10-09')).toBe(true);
    // Fri 09-26 → Sat 09-27 off → Sun 09-28 work (1) → Mon 09-29 (2)
    expect(addWorkdays('2025-09-26', 2)).toBe('2025-09-29');
    // Tue 09-30 → 10-01…10-08 off → Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 make-up (3)
    expect(addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkdays('2025-09-30', 3)).toBe('2025-10-11');
  });

  it('2026 Spring Festival: 02-15…02-23 off, 02-14 and 02-28 (Saturdays) work', () => {
    expect(isWorkday('2026-02-14')).toBe(true);
    expect(isWorkday('2026-02-28')).toBe(true);
    expect(isWorkday('2026-02-16')).toBe(false); // Monday inside the holiday
    expect(isWorkday('2026-02-23')).toBe(false); // Monday, last holiday day
    expect(addWorkdays('2026-02-13', 1)).toBe('2026-02-14'); // Fri → make-up Sat
    expect(addWorkdays('2026-02-14', 1)).toBe('2026-02-24'); // Sat → 9 days off → Tue
    // (02-13, 02-28]: 02-14 (1); 02-24…02-27 Tue–Fri (5); 02-28 make-up Sat (6)
    expect(workdaysBetween('2026-02-13', '2026-02-28')).toBe(6);
  });

  it('2026 National Day: 10-01…10-07 off, 09-20 (Sun) and 10-10 (Sat) work', () => {
    expect(isWorkday('2026-09-20')).toBe(true);
    expect(isWorkday('2026-10-10')).toBe(true);
    expect(isWorkday('2026-10-07')).toBe(false);
    expect(isWorkday('2026-09-25')).toBe(false); // Friday, 中秋
    expect(addWorkdays('2026-09-30', 1)).toBe('2026-10-08'); // Wed → Thu after the week off
    // (Fri 09-18, Sat 10-10]: Sun 09-20 (1); 09-21…24 (5); 09-25…27 中秋; 09-28…30 (8); 10-01…07 off;
    // 10-08, 10-09 (10); Sat 10-10 (11)
    expect(workdaysBetween('2026-09-18', '2026-10-10')).toBe(11);
  });

  it('has 248 working days in 2025 and in 2026', () => {
    // 2025: 365 − 104 weekend days − 18 weekday holidays (元旦 1, 春节 6, 清明 1, 劳动 3, 端午 1, 国庆 6) + 5 make-up = 248
    expect(workdaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    // 2026: 365 − 104 − 19 (元旦 2, 春节 6, 清明 1, 劳动 3, 端午 1, 中秋 1, 国庆 5) + 6 make-up = 248
    expect(workdaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('crosses December → January (2026 元旦 01-01…03 off, Sun 01-04 works)', () => {
    // Tue 2025-12-30 → Wed 12-31 (1) → 01-01…01-03 off → Sun 01-04 make-up (2) → Mon 01-05 (3)
    expect(addWorkdays('2025-12-30', 3)).toBe('2026-01-05');
    expect(addWorkdays('2025-12-31', 1)).toBe('2026-01-04');
    expect(workdaysBetween('2025-12-30', '2026-01-05')).toBe(3);
  });
});

describe('addWorkdays', () => {
  it('never counts the start day, working or not', () => {
    // Sat 2025-03-08 and Fri 2025-03-07 both → Mon 03-10
    expect(addWorkdays('2025-03-08', 1)).toBe('2025-03-10');
    expect(addWorkdays('2025-03-07', 1)).toBe('2025-03-10');
    // holiday start: Tue 2025-01-28 → first working day after the holiday is Wed 02-05
    expect(addWorkdays('2025-01-28', 1)).toBe('2025-02-05');
  });

  it('n = 0 returns d itself, even on a holiday', () => {
    expect(addWorkdays('2025-02-01', 0)).toBe('2025-02-01');
  });

  it('rejects a negative or fractional n', () => {
    expect(() => addWorkdays('2025-03-03', -1)).toThrow(RangeError);
    expect(() => addWorkdays('2025-03-03', 1.5)).toThrow(RangeError);
  });
});

describe('workdaysBetween', () => {
  it('counts (a, b]: zero for a = b and across a holiday block', () => {
    expect(workdaysBetween('2025-03-05', '2025-03-05')).toBe(0);
    expect(workdaysBetween('2025-01-28', '2025-02-04')).toBe(0); // all days off
    // (Sun 01-26, Sat 02-08]: Mon 01-27 (1); 01-28…02-04 off; 02-05…02-07 (4); make-up Sat 02-08 (5)
    expect(workdaysBetween('2025-01-26', '2025-02-08')).toBe(5);
  });

  it('is negative when b < a', () => {
    expect(workdaysBetween('2025-02-08', '2025-01-26')).toBe(-5);
    expect(workdaysBetween('2025-03-11', '2025-03-10')).toBe(-1); // Tue → Mon
  });
});

describe('rollToWorkday', () => {
  it('keeps a working day, moves a day off to the next working day', () => {
    expect(rollToWorkday('2025-02-05')).toBe('2025-02-05');
    expect(rollToWorkday('2025-02-08')).toBe('2025-02-08'); // make-up Saturday
    expect(rollToWorkday('2025-01-28')).toBe('2025-02-05');
    expect(rollToWorkday('2025-03-08')).toBe('2025-03-10'); // ordinary Saturday → Monday
  });
});

describe('ordinals', () => {
  it('start at the first known day: 2004-01-01 is a holiday (0), Fri 01-02 is working day 1', () => {
    expect(workdayOrdinal('2004-01-01')).toBe(0);
    expect(workdayOrdinal('2004-01-02')).toBe(1);
    expect(workdayOrdinal('2004-01-05')).toBe(2); // after the weekend
    expect(workdayFromOrdinal(1)).toBe('2004-01-02');
  });

  it('round-trip every working day of 2025 and 2026 and agree with workdaysBetween', () => {
    let d = '2025-01-01';
    let workdays = 0;
    while (d <= '2026-12-31') {
      if (isWorkday(d)) {
        workdays++;
        expect(workdayFromOrdinal(workdayOrdinal(d))).toBe(d);
      }
      d = addCalendarDays(d, 1);
    }
    expect(workdayOrdinal('2026-12-31') - workdayOrdinal('2024-12-31')).toBe(workdays);
    expect(workdaysBetween('2024-12-31', '2026-12-31')).toBe(workdays);
  });
});

describe('provisional years 2027–2028 and outside the calendar', () => {
  it('2027 and 2028 are provisional, 2029 is missing', () => {
    expect(provisionalCalendarYears()).toEqual({ from: 2027, to: 2028 });
    expect(isProvisionalDate('2026-12-31')).toBe(false);
    expect(isProvisionalDate('2027-01-01')).toBe(true);
    expect(provisionalFromYear(['2026-05-01', null])).toBe(0);
    expect(provisionalFromYear(['2026-05-01', '2028-03-01'])).toBe(2027);
  });

  it('provisional 2027: the statutory holidays off, no make-up days', () => {
    // 元旦 Fri 01-01; 春节 除夕 Fri 02-05 … 初三 Mon 02-08; 清明 Mon 04-05; 劳动节 Sat 05-01, Sun 05-02;
    // 端午 Wed 06-09; 中秋 Wed 09-15; 国庆 Fri 10-01 … Sun 10-03
    for (const d of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) {
      expect([d, isWorkday(d)]).toEqual([d, false]);
    }
    expect(isWorkday('2027-02-09')).toBe(true); // Tue after 初三: no longer week off guessed
    expect(isWorkday('2027-05-03')).toBe(true); // Monday: no 补假 guessed for the weekend 劳动节
    // Thu 2026-12-31 → Fri 01-01 off → Mon 01-04
    expect(addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
    // 2027: 365 − 104 weekend days − 7 weekday holidays (01-01, 02-05, 02-08, 04-05, 06-09, 09-15, 10-01) = 254
    expect(workdaysBetween('2026-12-31', '2027-12-31')).toBe(365 - 104 - 7);
  });

  it('throws CalendarYearMissingError naming the year', () => {
    expect(() => isWorkday('2029-01-04')).toThrow('working-day calendar has no data for 2029: add a calendar file for 2029');
    expect(() => workdayOrdinal('2003-12-31')).toThrow(CalendarYearMissingError);
    try {
      rollToWorkday('2003-06-01');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarYearMissingError);
      expect((e as CalendarYearMissingError).year).toBe(2003);
    }
  });

  it('throws when a computation walks past the last provisional year', () => {
    expect(addWorkdays('2028-12-28', 1)).toBe('2028-12-29'); // Friday, still provisional
    expect(() => addWorkdays('2028-12-29', 1)).toThrow(/no data for 2029/);
    expect(() => workdayFromOrdinal(0)).toThrow(/no data for 2003/);
  });
});

describe('date validation and calendar days', () => {
  it('names a malformed or impossible date', () => {
    expect(() => isWorkday('2025-1-5')).toThrow('invalid date "2025-1-5"');
    expect(() => isWorkday('2025-02-29')).toThrow('"2025-02-29"');
    expect(() => workdaysBetween('2025-03-01', '2025-13-01')).toThrow('"2025-13-01"');
    expect(() => addWorkdays('2025-03-01 10:00:00', 1)).toThrow('invalid date');
  });

  it('addCalendarDays handles leap years, year ends and years outside the working-day calendar', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-04-20', 60)).toBe('2026-06-19'); // 10 left in April, 31 in May, 19 in June
    expect(addCalendarDays('2030-05-01', 10)).toBe('2030-05-11');
  });
});
