/**
 * Food-safety hotspots of month M (indicators.md §6). Grain: one row per group (operator key, GB/T 4754 division, or
 * handling unit's county) with its counts for M, M−1 and M−3..M−1. Cases: complaints + reports, food-related,
 * registered in M−3..M, in the region of their handling unit. Groups without a case in M are left out.
 * Guards: a case with no operator key ('': neither valid USCC nor name), a section-only industry code ('' division),
 * or a unit above county level ('' county) is left out of that table. The grouping column comes from a closed map.
 *
 * Sources: `facts` sums the read model's hotspot_facts (per station, operator, division and registration month);
 * `cases` — the reference — counts `cases FINAL`. The case set and the name rules are @c12315/store's (operator-terms.ts).
 */
import { BY_USCC, HOTSPOT_CASES, LATEST_NAME, LATEST_NAME_MERGED } from '@c12315/store';
import type { ReadSource } from '../indicators/indicator-sql';
import { regionWhereSql } from '../indicators/region-filter-sql';

export type HotspotGrouping = 'OPERATOR' | 'INDUSTRY' | 'COUNTY';

export const HOTSPOT_GROUP_COLUMN: Readonly<Record<HotspotGrouping, string>> = {
  OPERATOR: 'operator_key',
  INDUSTRY: 'industry_division',
  COUNTY: 'county_code',
};

const month = (date: string) => `toYYYYMM(${date})`;

/** Per source: what a case (or a read-model row) adds, its registration month, names, and the rows read. */
const SOURCES: Readonly<Record<ReadSource, { n: string; month: string; names: string; from: string; where: string }>> = {
  cases: {
    n: '1',
    month: month('registered_date'),
    names: `${BY_USCC} AS by_uscc, ${LATEST_NAME} AS latest_name`,
    from: 'cases FINAL',
    where: `${HOTSPOT_CASES} AND registered_date >= {baselineFrom:Date} AND registered_date <= {monthTo:Date}`,
  },
  facts: {
    n: 'n',
    month: 'reg_month',
    names: `max(by_uscc) AS by_uscc, ${LATEST_NAME_MERGED} AS latest_name`,
    from: 'hotspot_facts',
    where: `reg_month BETWEEN ${month('{baselineFrom:Date}')} AND ${month('{monthTo:Date}')}`,
  },
};

export function hotspotSql(grouping: HotspotGrouping, regionCode: string, source: ReadSource = 'facts'): string {
  const column = HOTSPOT_GROUP_COLUMN[grouping];
  const s = SOURCES[source];
  const m = month('{monthFrom:Date}');
  const previous = month('{previousFrom:Date}');
  return `
SELECT
  ${column} AS group_key,
  sumIf(${s.n}, ${s.month} >= ${m}) AS count,
  sumIf(${s.n}, ${s.month} >= ${previous} AND ${s.month} < ${m}) AS previous_count,
  sumIf(${s.n}, ${s.month} < ${m}) AS prior_three_sum${
    grouping === 'OPERATOR'
      ? `,
  ${s.names}`
      : ''
  }
FROM ${s.from}
WHERE ${regionWhereSql(regionCode)}
  AND ${s.where}
  AND ${column} != ''
GROUP BY group_key
HAVING count > 0
ORDER BY count DESC, group_key ASC
LIMIT {top:UInt32}`;
}
