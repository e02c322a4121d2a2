/**
 * The counts the rise rule (rise-rule.ts) compares, for the 消费预警: per dimension — problem category (问题类别),
 * industry (GB/T 4754 division), operator key (indicators.md §6) and channel — and group, the cases of month M, of its
 * trailing months M−k..M−1, and (seasonal rules) of M−12 and its trailing months M−12−k..M−13. Cases: complaints and
 * reports (RISE_CASES) of any subject, in the region of their handling unit. A group with no key ('') is left out.
 *
 * Source: `cases FINAL`. The read model holds operators and divisions only for food-related cases (hotspot_facts) and
 * neither problem category nor channel, so this reads the case table — bounded to the months it needs: the table is
 * partitioned by registration month, and the date ranges below (k + 1 months, and k + 1 a year earlier) prune the rest.
 */
import { BY_USCC, LATEST_NAME, RISE_CASES } from '@c12315/store';
import { monthPeriod, monthsBefore } from '../indicators/period';
import { regionFilterSql, regionWhereSql } from '../indicators/region-filter-sql';

export const RISE_DIMENSIONS = ['PROBLEM_CATEGORY', 'INDUSTRY', 'OPERATOR', 'CHANNEL'] as const;
export type RiseDimension = (typeof RISE_DIMENSIONS)[number];

/** The grouping column of each dimension (a closed map: no user text reaches the SQL). */
const DIMENSION_KEY: Readonly<Record<RiseDimension, string>> = {
  PROBLEM_CATEGORY: "toString(ifNull(problem_category, ''))",
  INDUSTRY: 'toString(industry_division)',
  OPERATOR: 'operator_key',
  CHANNEL: 'toString(channel)',
};

export interface RiseWindow {
  monthFrom: string;
  monthTo: string;
  trailingFrom: string;
  lastYearFrom: string;
  lastYearTo: string;
  lastYearTrailingFrom: string;
}

/** The dates bounding M, M−k..M−1, M−12 and M−12−k..M−13. */
export function riseWindow(month: string, baselineMonths: number): RiseWindow {
  const m = monthPeriod(month);
  const lastYear = monthsBefore(month, 12);
  const ly = monthPeriod(lastYear);
  return {
    monthFrom: m.from,
    monthTo: m.to,
    trailingFrom: monthPeriod(monthsBefore(month, baselineMonths)).from,
    lastYearFrom: ly.from,
    lastYearTo: ly.to,
    lastYearTrailingFrom: monthPeriod(monthsBefore(lastYear, baselineMonths)).from,
  };
}

/** One statement for every dimension (ARRAY JOIN over the four keys); groups with fewer than minCount cases in M are left out. */
export function riseCountsSql(regionCode: string, seasonal: boolean): string {
  const keys = RISE_DIMENSIONS.map((d) => `tuple('${d}', ${DIMENSION_KEY[d]})`).join(', ');
  const thisYear = 'registered_date >= {trailingFrom:Date} AND registered_date <= {monthTo:Date}';
  const lastYear = 'registered_date >= {lastYearTrailingFrom:Date} AND registered_date <= {lastYearTo:Date}';
  return `
SELECT
  g.1 AS dimension,
  g.2 AS group_key,
  countIf(registered_date >= {monthFrom:Date}) AS count,
  countIf(registered_date >= {trailingFrom:Date} AND registered_date < {monthFrom:Date}) AS trailing_sum,
  countIf(registered_date >= {lastYearFrom:Date} AND registered_date <= {lastYearTo:Date}) AS last_year,
  countIf(registered_date >= {lastYearTrailingFrom:Date} AND registered_date < {lastYearFrom:Date}) AS last_year_trailing_sum,
  ${BY_USCC} AS by_uscc,
  ${LATEST_NAME} AS latest_name
FROM cases FINAL
ARRAY JOIN [${keys}] AS g
WHERE ${regionWhereSql(regionCode)}
  AND ${RISE_CASES}
  AND ((${thisYear})${seasonal ? ` OR (${lastYear})` : ''})
  AND g.2 != ''
GROUP BY dimension, group_key
HAVING count >= {minCount:UInt32}
ORDER BY dimension, count DESC, group_key`;
}

export function riseCountsParams(month: string, regionCode: string, baselineMonths: number, minCount: number) {
  return { ...riseWindow(month, baselineMonths), ...regionFilterSql(regionCode).params, minCount };
}
