import { evaluateRise, SPIKE_RULE } from './rise-rule';

describe('the rise rule', () => {
  test('with SPIKE_RULE it is indicators.md §6: count ≥ 5 and count ≥ the sum of the three months before', () => {
    for (let count = 0; count <= 12; count++) {
      for (let sum = 0; sum <= 12; sum++) {
        expect(evaluateRise({ count, trailingSum: sum }, SPIKE_RULE).rises).toBe(count >= 5 && count >= sum);
      }
    }
  });

  test('compares exactly, the ratio in tenths: 11 = 1.1 × 30 ÷ 3 rises, 10 does not', () => {
    const rule = { minCount: 1, ratioTenths: 11, baselineMonths: 3, seasonal: false };
    expect(evaluateRise({ count: 11, trailingSum: 30 }, rule)).toMatchObject({ rises: true, baseline: 10, ratio: 1.1 });
    expect(evaluateRise({ count: 10, trailingSum: 30 }, rule).rises).toBe(false);
  });

  test('the seasonal baseline: last year’s month, grown by the trailing months’ growth, never below it', () => {
    const rule = { ...SPIKE_RULE, seasonal: true };
    // Trailing mean 4 (12 over 3), last year 8 with 6 before: grown × 2 → 16; 47 < 48 is explained, 48 rises.
    expect(evaluateRise({ count: 47, trailingSum: 12, lastYear: 8, lastYearTrailingSum: 6 }, rule)).toMatchObject({
      aboveTrailing: true,
      rises: false,
      seasonal: true,
      seasonalBaseline: 16,
      threshold: 48,
    });
    expect(evaluateRise({ count: 48, trailingSum: 12, lastYear: 8, lastYearTrailingSum: 6 }, rule).rises).toBe(true);
    // Shrinking trailing months: last year's count as is (8 × 3 = 24).
    expect(evaluateRise({ count: 23, trailingSum: 3, lastYear: 8, lastYearTrailingSum: 6 }, rule)).toMatchObject({
      seasonal: true,
      seasonalBaseline: 8,
    });
    // No last year: only the trailing rule.
    expect(evaluateRise({ count: 5, trailingSum: 0, lastYear: 0, lastYearTrailingSum: 0 }, rule)).toMatchObject({
      rises: true,
      ratio: null,
      threshold: 5,
    });
  });
});
