import { addMonths, lastFullMonth, monthEnd, monthsEnding, shanghaiMinute } from './months';
import { formatByUnit, formatCount, formatPercent, formatScore, formatYuan } from './number-format';

describe('Chinese number formatting', () => {
  it('writes counts from 10,000 in 万 with 2 decimals', () => {
    expect(formatCount(9999)).toBe('9999');
    expect(formatCount(10_000)).toBe('1.00万');
    expect(formatCount(12_345)).toBe('1.23万');
    expect(formatCount(1_234_567)).toBe('123.46万');
    expect(formatCount(12_345, 'en')).toBe('12,345');
  });
  it('writes rates as % with 2 decimals and null as N/A, never 0', () => {
    expect(formatPercent(97.5)).toBe('97.50%');
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(null)).toBe('—');
    expect(formatByUnit('%', 33.333)).toBe('33.33%');
  });
  it('writes amounts in 元, and in 万元 from 10,000', () => {
    expect(formatYuan(3456.5)).toBe('3456.50元');
    expect(formatYuan(123_456)).toBe('12.35万元');
    expect(formatByUnit('yuan', 10_000)).toBe('1.00万元');
  });
  it('writes scores with 2 decimals', () => {
    expect(formatScore(87.456)).toBe('87.46');
    expect(formatScore(undefined)).toBe('—');
  });
});

describe('months', () => {
  it('adds months across years and finds month ends', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2026-04')).toBe('2026-04-30');
    expect(monthsEnding('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
  it('takes the last full month in Asia/Shanghai', () => {
    // 2026-03-31 17:00 UTC is already 2026-04-01 in Shanghai.
    expect(lastFullMonth(new Date('2026-03-31T17:00:00Z'))).toBe('2026-03');
    expect(lastFullMonth(new Date('2026-03-31T15:00:00Z'))).toBe('2026-02');
  });
});

test('publication times are shown in Asia/Shanghai, not UTC', () => {
  expect(shanghaiMinute('2026-11-26T00:57:12.000Z')).toBe('2026-11-26 08:57');
  expect(shanghaiMinute('2026-01-31T16:30:00Z')).toBe('2026-02-01 00:30');
});
