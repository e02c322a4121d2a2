/**
 * ranking: every catalogue indicator per ranked unit of one month, under one parent region.
 * Grain: one row per value of the unit's hierarchy column (city_code, or county_code for county rankings and the
 * city ranking of a 直辖市). Rows whose column is '' hold the parent's own units (a province-level unit in a city
 * ranking): left out of the ranking, kept in the totals (indicators.md §5).
 */
import type { RegionLevel } from '@c12315/domain';
import { INDICATORS } from '@c12315/domain';
import { type BuiltQuery, buildIndicatorQuery } from '../indicators/indicator-query';
import { monthParams, PARAM_MONTHS, PARAM_PERIOD, type ReadSource } from '../indicators/indicator-sql';
import type { Period } from '../indicators/period';
import { REGION_COLUMN, regionFilterSql } from '../indicators/region-filter-sql';

export const RANKING_INDICATOR_IDS: readonly string[] = INDICATORS.map((i) => i.id);

export interface RankingQueryArgs {
  parentCode: string;
  unitLevel: RegionLevel;
  period: Period;
  asOf: string;
  /** Default: the read model (the reference path, `cases`, is for reconciliation and benchmarks). */
  source?: ReadSource;
}

export function buildRankingQuery(args: RankingQueryArgs): BuiltQuery {
  return rankingQuery(args, args.period);
}

/** The month's first day as the ranking rows' second key (k1) when several months are asked in one statement. */
export const MONTH_KEY = 1;

/**
 * Several calendar months (oldest first: M−1 and M for a ranking and its previous ranks) in one statement — one plan
 * and one read of the rows the months share instead of one statement each. Rows are keyed by unit (k0) and the
 * month's first day (k1).
 */
export function buildRankingMonthsQuery(args: Omit<RankingQueryArgs, 'period'> & { months: readonly Period[] }): BuiltQuery {
  const first = args.months[0];
  const last = args.months.at(-1);
  if (!first || !last) throw new Error('no month to rank');
  return rankingQuery(args, { from: first.from, to: last.to }, args.months);
}

function rankingQuery(args: Omit<RankingQueryArgs, 'period'>, range: Period, months?: readonly Period[]): BuiltQuery {
  const source = args.source ?? 'facts';
  const region = regionFilterSql(args.parentCode);
  const where = [...region.where];
  if (source === 'cases') where.push('registered_date <= {to:Date}', 'registered_date < {asOf:Date}');
  const params: Record<string, unknown> = { ...region.params, from: range.from, to: range.to, asOf: args.asOf };
  if (months) Object.assign(params, monthParams(months));
  return buildIndicatorQuery({
    indicatorIds: RANKING_INDICATOR_IDS,
    groups: [{ expr: REGION_COLUMN[args.unitLevel] }, ...(months ? [{ expr: 'p_from' }] : [])],
    where,
    params,
    period: PARAM_PERIOD,
    months: months ? PARAM_MONTHS : undefined,
    source,
    // A province's city ranking needs no county: the city grain.
    grain: args.unitLevel === 'CITY' ? 'city' : 'county',
  });
}

/** Representative statements for the EXPLAIN test, on both read sources. */
export function rankingSqlExamples(): BuiltQuery[] {
  const period = { from: '2026-01-01', to: '2026-01-31' };
  return (['facts', 'cases'] as const).flatMap((source) => [
    buildRankingQuery({ parentCode: '140000', unitLevel: 'CITY', period, asOf: '2026-02-10', source }),
    buildRankingQuery({ parentCode: '140100', unitLevel: 'COUNTY', period, asOf: '2026-02-10', source }),
    buildRankingQuery({ parentCode: '110000', unitLevel: 'COUNTY', period, asOf: '2026-02-10', source }),
    buildRankingMonthsQuery({
      parentCode: '140000',
      unitLevel: 'CITY',
      months: [{ from: '2025-12-01', to: '2025-12-31' }, period],
      asOf: '2026-02-10',
      source,
    }),
  ]);
}
