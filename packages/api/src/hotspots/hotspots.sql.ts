/**
 * Food-safety hotspots of month M (indicators.md §6). Grain: one row per group (operator key, GB/T 4754 division, or
 * handling unit's county) with its counts for M, M−1 and M−3..M−1. Cases: complaints + reports, food-related,
 * registered in M−3..M, in the region of their handling unit (`cases FINAL`). Groups without a case in M are left out.
 * Guards: a case with no operator key ('': neither valid USCC nor name), a section-only industry code ('' division),
 * or a unit above county level ('' county) is left out of that table. The grouping column comes from a closed map.
 */
import { regionWhereSql } from '../overdue/region-sql';

export type HotspotGrouping = 'OPERATOR' | 'INDUSTRY' | 'COUNTY';

export const HOTSPOT_GROUP_COLUMN: Readonly<Record<HotspotGrouping, string>> = {
  OPERATOR: 'operator_key',
  INDUSTRY: 'industry_division',
  COUNTY: 'county_code',
};

/** Only operators carry a display name: the USCC's latest name, or the folded name itself. */
const OPERATOR_COLUMNS = `,
  max(ifNull(respondent_uscc, '') = operator_key) AS by_uscc,
  ifNull(argMaxIf(respondent_name, registered_at, respondent_name IS NOT NULL), '') AS latest_name`;

export function hotspotSql(grouping: HotspotGrouping, regionCode: string): string {
  const column = HOTSPOT_GROUP_COLUMN[grouping];
  return `
SELECT
  ${column} AS group_key,
  countIf(registered_date >= {monthFrom:Date}) AS count,
  countIf(registered_date >= {previousFrom:Date} AND registered_date < {monthFrom:Date}) AS previous_count,
  countIf(registered_date < {monthFrom:Date}) AS prior_three_sum${grouping === 'OPERATOR' ? OPERATOR_COLUMNS : ''}
FROM cases FINAL
WHERE ${regionWhereSql(regionCode)}
  AND kind IN ('COMPLAINT', 'REPORT')
  AND food_related
  AND ${column} != ''
  AND registered_date >= {baselineFrom:Date}
  AND registered_date <= {monthTo:Date}
GROUP BY group_key
HAVING count > 0
ORDER BY count DESC, group_key ASC
LIMIT {top:UInt32}`;
}
