/**
 * The groups of month M that rose (rise-rule.ts) by problem category, industry, operator and channel (rises.sql.ts):
 * flagged ones, strongest first (ratio, then count), and those the seasonal baseline explains, listed apart.
 */
import { industryDivisionName } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';
import { evaluateRise, type RiseRule, type RiseVerdict } from './rise-rule';
import { type RiseDimension, riseCountsParams, riseCountsSql } from './rises.sql';

interface DbRiseRow {
  dimension: RiseDimension;
  group_key: string;
  count: string | number;
  trailing_sum: string | number;
  last_year: string | number;
  last_year_trailing_sum: string | number;
  by_uscc: number | boolean;
  latest_name: string;
}

export interface Rise extends RiseVerdict {
  dimension: RiseDimension;
  code: string;
  label: string;
  count: number;
  trailingSum: number;
  lastYear: number | null;
  lastYearTrailingSum: number | null;
}

export interface MonthRises {
  rises: Rise[];
  /** Above the trailing threshold but explained by the seasonal baseline: not flagged. */
  seasonal: Rise[];
}

function label(dimension: RiseDimension, key: string, byUscc: boolean, latestName: string): string {
  if (dimension === 'INDUSTRY') return industryDivisionName(key) ?? key;
  if (dimension === 'OPERATOR') return byUscc ? latestName || key : key;
  return key;
}

const stronger = (a: Rise, b: Rise) =>
  (b.ratio ?? Number.POSITIVE_INFINITY) - (a.ratio ?? Number.POSITIVE_INFINITY) ||
  b.count - a.count ||
  (a.code < b.code ? -1 : 1);

export async function monthRises(
  ch: ClickHouseClient,
  month: string,
  regionCode: string,
  rule: RiseRule,
  maxPerDimension: number,
): Promise<MonthRises> {
  const result = await ch.query({
    query: riseCountsSql(regionCode, rule.seasonal),
    query_params: riseCountsParams(month, regionCode, rule.baselineMonths, rule.minCount),
    format: 'JSONEachRow',
  });
  const rows = (await result.json<DbRiseRow>()).map((r): Rise => {
    const counts = {
      count: Number(r.count),
      trailingSum: Number(r.trailing_sum),
      lastYear: rule.seasonal ? Number(r.last_year) : undefined,
      lastYearTrailingSum: rule.seasonal ? Number(r.last_year_trailing_sum) : undefined,
    };
    return {
      dimension: r.dimension,
      code: r.group_key,
      label: label(r.dimension, r.group_key, Boolean(Number(r.by_uscc)), r.latest_name),
      ...counts,
      lastYear: counts.lastYear ?? null,
      lastYearTrailingSum: counts.lastYearTrailingSum ?? null,
      ...evaluateRise(counts, rule),
    };
  });
  const capped = (list: Rise[]) => {
    const perDimension = new Map<RiseDimension, number>();
    return list.sort(stronger).filter((r) => {
      const n = (perDimension.get(r.dimension) ?? 0) + 1;
      perDimension.set(r.dimension, n);
      return n <= maxPerDimension;
    });
  };
  return { rises: capped(rows.filter((r) => r.rises)), seasonal: capped(rows.filter((r) => r.seasonal)) };
}
