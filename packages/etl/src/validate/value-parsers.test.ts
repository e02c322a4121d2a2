import {
  excelSerialToLocal,
  parseAmount,
  parseDateTime,
  parseEnum,
  parseSatisfaction,
  parseWholeDays,
  parseYesNo,
  toShanghaiLocal,
} from './value-parsers';

const value = <T>(p: { ok: true; value: T } | { ok: false }): T | 'REJECT' => (p.ok ? p.value : 'REJECT');

describe('parseDateTime (case-export.md §Columns 登记时间 shapes)', () => {
  it.each([
    ['2024-03-05 14:03:00', '2024-03-05 14:03:00'],
    ['2024-03-05 14:03', '2024-03-05 14:03:00'],
    ['2024/3/5 14:03', '2024-03-05 14:03:00'],
    ['2024/3/5 4:03:09', '2024-03-05 04:03:09'],
    ['2024-03-05T14:03:00+08:00', '2024-03-05 14:03:00'],
    ['2024-03-05T06:03:00Z', '2024-03-05 14:03:00'],
    ['2024-03-05T23:30:00+09:00', '2024-03-05 22:30:00'],
    ['2024-03-05T20:00:00-05:00', '2024-03-06 09:00:00'], // 01:00 UTC next day
    ['2024-03-05T14:03:00.250+0800', '2024-03-05 14:03:00'],
    ['2024-02-29 10:00', '2024-02-29 10:00:00'],
    ['45356.5', '2024-03-05 12:00:00'], // numeric text is a serial
  ])('%s → %s', (input, expected) => {
    expect(value(parseDateTime(input))).toBe(expected);
  });

  it.each([
    '2024-03-05', // a date alone would silently mean midnight
    '2023-02-29 10:00',
    '2024-13-01 10:00',
    '2024-03-05 24:00',
    '2024-03-05 14:60',
    '05/03/2024 14:03',
    'yesterday',
    '1960-01-01 00:00', // before anything ClickHouse DateTime stores
  ])('rejects %s', (input) => {
    expect(parseDateTime(input).ok).toBe(false);
  });

  it('reads Excel serials in the 1900 date system', () => {
    // 44927 = 2023-01-01 (Excel), 45292 = 2024-01-01; 2024-03-05 is 64 days later; 14:03 = 843/1440 of a day.
    expect(value(parseDateTime(45292))).toBe('2024-01-01 00:00:00');
    expect(value(parseDateTime(45356.58541666667))).toBe('2024-03-05 14:03:00');
    expect(value(excelSerialToLocal(44927.75))).toBe('2023-01-01 18:00:00');
    expect(excelSerialToLocal(60).ok).toBe(false); // Excel's fictitious 1900-02-29
    expect(excelSerialToLocal(0).ok).toBe(false);
    expect(excelSerialToLocal(20240305).ok).toBe(false); // far beyond 2105
  });

  it('reads Date cells by their wall-clock (UTC) fields, rounded to the second', () => {
    expect(value(parseDateTime(new Date(Date.UTC(2024, 2, 5, 14, 2, 59, 700))))).toBe('2024-03-05 14:03:00');
  });

  it('toShanghaiLocal shifts an instant by 8 hours', () => {
    expect(toShanghaiLocal(new Date('2024-03-05T16:30:00Z'))).toBe('2024-03-06 00:30:00');
  });
});

describe('parseAmount', () => {
  it.each<[string | number, string]>([
    ['1,234.50', '1234.50'],
    ['￥1234.5', '1234.50'],
    ['¥ 88', '88.00'],
    ['12,345,678.9', '12345678.90'],
    ['007', '7.00'],
    ['0', '0.00'],
    [1234.5, '1234.50'],
    [0.1 + 0.2, '0.30'], // float noise of a spreadsheet formula
    [0, '0.00'],
  ])('%s → %s', (input, expected) => {
    expect(value(parseAmount(input))).toBe(expected);
  });

  it.each<string | number>(['-5', '￥-5', -0.01, '1.234', 1.005, '1,23.4', '12.', 'abc', '1e5', '12345678901234567'])(
    'rejects %s',
    (input) => {
      expect(parseAmount(input).ok).toBe(false);
    },
  );
});

describe('parseWholeDays', () => {
  it('accepts whole days ≥ 0', () => {
    expect(value(parseWholeDays('3'))).toBe(3);
    expect(value(parseWholeDays(0))).toBe(0);
    expect(value(parseWholeDays(2.0))).toBe(2);
  });
  it.each<string | number>(['-1', -1, '2.5', 2.5, 'three', 65536])('rejects %s', (input) => {
    expect(parseWholeDays(input).ok).toBe(false);
  });
});

describe('parseYesNo', () => {
  it('reads 是/否 and JSON booleans', () => {
    expect(value(parseYesNo('是'))).toBe(true);
    expect(value(parseYesNo('否'))).toBe(false);
    expect(value(parseYesNo(true))).toBe(true);
    expect(value(parseYesNo(false))).toBe(false);
  });
  it.each<string | number>(['Y', '1', 1, 'true'])('rejects %s', (input) => {
    expect(parseYesNo(input).ok).toBe(false);
  });
});

describe('parseSatisfaction', () => {
  it.each<[string | number, string]>([
    ['满意', '满意'],
    ['基本满意', '基本满意'],
    ['不满意', '不满意'],
    ['未回访', '未回访'],
    [5, '满意'],
    ['4', '满意'],
    [3, '基本满意'],
    ['2', '不满意'],
    [1, '不满意'],
  ])('%s → %s', (input, expected) => {
    expect(value(parseSatisfaction(input))).toBe(expected);
  });
  it.each<string | number>([0, 6, '6', 4.5, '非常满意'])('rejects %s', (input) => {
    expect(parseSatisfaction(input).ok).toBe(false);
  });
});

describe('parseEnum', () => {
  it('accepts only listed values, exactly', () => {
    expect(value(parseEnum('APP', ['APP', '微信']))).toBe('APP');
    expect(parseEnum('app', ['APP', '微信']).ok).toBe(false);
    expect(parseEnum(1, ['1']).ok).toBe(false);
  });
});

describe('parseDateTime, the YYYY-MM-DD HH:mm:ss fast path', () => {
  it('takes a real date and time as it is', () => {
    expect(parseDateTime('2024-02-29 23:59:59')).toEqual({ ok: true, value: '2024-02-29 23:59:59' });
    expect(parseDateTime('2000-02-29 00:00:00')).toEqual({ ok: true, value: '2000-02-29 00:00:00' });
    expect(parseDateTime('2105-12-31 23:59:59')).toEqual({ ok: true, value: '2105-12-31 23:59:59' });
  });
  it('leaves anything else to the general rules (same reasons as before)', () => {
    for (const v of ['2023-02-29 10:00:00', '1900-02-29 10:00:00', '2024-04-31 10:00:00', '2024-01-01 24:00:00']) {
      expect(parseDateTime(v)).toMatchObject({ ok: false, reasonEn: expect.stringContaining('no such date or time') });
    }
    expect(parseDateTime('2106-01-01 00:00:00')).toMatchObject({ ok: false, reasonEn: 'date out of range (1971–2105)' });
    expect(parseDateTime('1970-12-31 23:59:59')).toMatchObject({ ok: false, reasonEn: 'date out of range (1971–2105)' });
  });
});
