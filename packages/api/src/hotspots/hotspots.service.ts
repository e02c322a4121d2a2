/**
 * foodSafetyHotspots (indicators.md §6): the operator, industry and county tables of month M. The spike rule is
 * compared on integers — count ≥ the sum of M−3..M−1 — never on a rounded baseline.
 */
import { findRegion, industryDivisionName } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';
import { Dimension, type IndicatorValue, type MetricRow } from '../common/graphql-types';
import type { ReadSource } from '../indicators/indicator-sql';
import { monthPeriod, monthsBefore } from '../indicators/period';
import { regionFilterSql } from '../indicators/region-filter-sql';
import { type HotspotGrouping, hotspotSql } from './hotspots.sql';
import type { FoodSafetyHotspots, OperatorHotspot } from './hotspots.type';
import { evaluateRise, SPIKE_RULE } from './rise-rule';

interface DbHotspotRow {
  group_key: string;
  count: string | number;
  previous_count: string | number;
  prior_three_sum: string | number;
  by_uscc?: number | boolean;
  latest_name?: string;
}

export interface HotspotCounts {
  count: number;
  previousCount: number;
  priorThreeSum: number;
}

/** §6: count ≥ 5 and count ≥ 3 × (sum ÷ 3), i.e. count ≥ sum — exact on integers (rise-rule.ts, SPIKE_RULE). */
export function isSpike(c: HotspotCounts): boolean {
  return evaluateRise({ count: c.count, trailingSum: c.priorThreeSum }, SPIKE_RULE).rises;
}

export function monthWindow(month: string): Record<string, string> {
  const m = monthPeriod(month);
  return {
    monthFrom: m.from,
    monthTo: m.to,
    previousFrom: monthPeriod(monthsBefore(month, 1)).from,
    baselineFrom: monthPeriod(monthsBefore(month, 3)).from,
  };
}

async function groups(
  ch: ClickHouseClient,
  grouping: HotspotGrouping,
  month: string,
  regionCode: string,
  top: number,
  source: ReadSource,
) {
  const result = await ch.query({
    query: hotspotSql(grouping, regionCode, source),
    query_params: { ...monthWindow(month), ...regionFilterSql(regionCode).params, top },
    format: 'JSONEachRow',
  });
  return (await result.json<DbHotspotRow>()).map((r) => ({
    key: r.group_key,
    counts: { count: Number(r.count), previousCount: Number(r.previous_count), priorThreeSum: Number(r.prior_three_sum) },
    byUscc: Boolean(Number(r.by_uscc ?? 0)),
    latestName: r.latest_name ?? '',
  }));
}

const value = (indicatorId: string, v: number): IndicatorValue => ({
  indicatorId,
  value: v,
  numerator: null,
  denominator: null,
  points: null,
});

/** Value ids of the industry and county rows: count, previous_count, baseline, spike (1 / 0). */
function metricRow(dimension: Dimension, code: string, label: string, c: HotspotCounts): MetricRow {
  return {
    keys: [{ dimension, code, label }],
    values: [
      value('count', c.count),
      value('previous_count', c.previousCount),
      value('baseline', c.priorThreeSum / 3),
      value('spike', isSpike(c) ? 1 : 0),
    ],
  };
}

export async function foodSafetyHotspots(
  ch: ClickHouseClient,
  month: string,
  regionCode: string,
  top: number,
  source: ReadSource = 'facts',
): Promise<FoodSafetyHotspots> {
  const [operators, industries, counties] = await Promise.all([
    groups(ch, 'OPERATOR', month, regionCode, top, source),
    groups(ch, 'INDUSTRY', month, regionCode, top, source),
    groups(ch, 'COUNTY', month, regionCode, top, source),
  ]);
  return {
    month,
    regionCode,
    operators: operators.map(
      (g): OperatorHotspot => ({
        operatorKey: g.key,
        operatorName: g.byUscc ? g.latestName || g.key : g.key,
        uscc: g.byUscc ? g.key : null,
        count: g.counts.count,
        previousCount: g.counts.previousCount,
        baseline: g.counts.priorThreeSum / 3,
        spike: isSpike(g.counts),
      }),
    ),
    industries: industries.map((g) => metricRow(Dimension.INDUSTRY, g.key, industryDivisionName(g.key) ?? g.key, g.counts)),
    counties: counties.map((g) => metricRow(Dimension.COUNTY, g.key, findRegion(g.key)?.name ?? g.key, g.counts)),
  };
}
