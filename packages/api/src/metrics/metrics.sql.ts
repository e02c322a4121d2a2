/**
 * metrics: the catalogue indicators per group of any combination of Dimensions, over the cases of a CaseFilter.
 * Grain: one output row per distinct group key; one input row per case (`cases FINAL`).
 *
 * MONTH cannot group by a cohort's month (a case sits in different months for different cohorts: registered in
 * December, closed in January), so MONTH splits [from, to] into its calendar months and evaluates every indicator over
 * each month as its own period: the case rows are ARRAY JOINed with the month bounds `p_from` / `p_to` (bound array
 * parameters), and each indicator reads its period from those columns.
 *
 * Pruning: every cohort needs registration on or before `to` and before asOf (an event, a due date or an overdue check
 * all come after registration), so older rows stay in (open overdue cases) but later ones never reach the aggregates.
 *
 * Read source: the read model (`indicator_facts`) holds units down to the county, and kind; a question that filters
 * or groups by nothing else — the ranking's and the drill-down's region × month tables — is answered from it. A
 * station, channel, industry, category or food filter or grouping reads the cases (`metricsReadSource`).
 */
import { levelOfCode } from '@c12315/domain';
import { Dimension } from '../common/graphql-types';
import { type CaseFilterValues, caseFilterSql } from '../indicators/case-filter-sql';
import { type BuiltQuery, buildIndicatorQuery, type GroupColumn } from '../indicators/indicator-query';
import { monthParams, PARAM_MONTHS, PARAM_PERIOD, type ReadSource } from '../indicators/indicator-sql';
import { monthsOf, type Period } from '../indicators/period';

/** The group-by expression of each dimension: a closed map keyed by the enum. */
export const DIMENSION_SQL: Readonly<Record<Dimension, GroupColumn>> = {
  [Dimension.PROVINCE]: { expr: 'province_code' },
  [Dimension.CITY]: { expr: 'city_code' },
  [Dimension.COUNTY]: { expr: 'county_code' },
  // Stations have no reference list: their label is the handling unit's name as exported.
  [Dimension.STATION]: { expr: 'station_code', labelExpr: 'handling_unit_name' },
  [Dimension.MONTH]: { expr: 'p_from' },
  // The Enum8 itself: its name in the output, its catalogue order (投诉, 举报, 咨询, 建议) in ORDER BY.
  [Dimension.KIND]: { expr: 'kind' },
  [Dimension.CHANNEL]: { expr: 'channel' },
  [Dimension.INDUSTRY]: { expr: 'industry_division' },
  // L1-L2 of the 客体类别 path (L3 is free text, too fine to group by).
  [Dimension.OBJECT_CATEGORY]: {
    expr: "arrayStringConcat(arraySlice(splitByChar('-', ifNull(object_category, '')), 1, 2), '-')",
  },
  [Dimension.PROBLEM_CATEGORY]: { expr: "ifNull(problem_category, '')" },
  [Dimension.FOOD_RELATED]: { expr: "if(food_related, 'true', 'false')" },
};

/** Groupings the read model holds: the unit hierarchy down to the county, kind and month. */
const FACT_DIMENSIONS: ReadonlySet<Dimension> = new Set([
  Dimension.PROVINCE,
  Dimension.CITY,
  Dimension.COUNTY,
  Dimension.KIND,
  Dimension.MONTH,
]);

/** The read model when it holds every filter and grouping of the question, else the cases. */
export function metricsReadSource(args: Pick<MetricsQueryArgs, 'filter' | 'groupBy'>): ReadSource {
  const f = args.filter;
  const other = [f.channels, f.industryCodes, f.objectCategories, f.problemCategories].some((list) => list?.length);
  const food = f.foodRelated !== null && f.foodRelated !== undefined;
  if (other || food || levelOfCode(f.regionCode) === 'STATION') return 'cases';
  return args.groupBy.every((d) => FACT_DIMENSIONS.has(d)) ? 'facts' : 'cases';
}

export interface MetricsQueryArgs {
  indicatorIds: readonly string[];
  groupBy: readonly Dimension[];
  filter: CaseFilterValues & Period;
  asOf: string;
  /** Region columns whose '' rows (units above that level) must be left out — scope (metrics-scope.ts). */
  excludeEmptyColumns?: readonly Dimension[];
  /** Default: the read model where it holds the question (metricsReadSource). */
  source?: ReadSource;
}

export function buildMetricsQuery(args: MetricsQueryArgs): BuiltQuery {
  const source = args.source ?? metricsReadSource(args);
  if (source === 'facts' && metricsReadSource(args) === 'cases') throw new Error('the read model does not hold this question');
  const { where, params } = caseFilterSql(args.filter);
  if (source === 'cases') where.push('registered_date <= {to:Date}', 'registered_date < {asOf:Date}');
  for (const dimension of args.excludeEmptyColumns ?? []) where.push(`${DIMENSION_SQL[dimension].expr} != ''`);
  Object.assign(params, { from: args.filter.from, to: args.filter.to, asOf: args.asOf });
  const byMonth = args.groupBy.includes(Dimension.MONTH);
  if (byMonth) Object.assign(params, monthParams(monthsOf(args.filter)));
  return buildIndicatorQuery({
    indicatorIds: args.indicatorIds,
    groups: args.groupBy.map((d) => DIMENSION_SQL[d]),
    where,
    params,
    period: PARAM_PERIOD,
    months: byMonth ? PARAM_MONTHS : undefined,
    grain: args.groupBy.includes(Dimension.COUNTY) || levelOfCode(args.filter.regionCode) === 'COUNTY' ? 'county' : 'city',
    source,
  });
}

/** Representative statements for the EXPLAIN test: every dimension, every filter, with and without MONTH. */
export function metricsSqlExamples(allIndicatorIds: readonly string[]): BuiltQuery[] {
  const filter = { regionCode: '140000', from: '2025-12-01', to: '2026-01-31' };
  const full = {
    ...filter,
    regionCode: '140100',
    kinds: ['COMPLAINT'],
    channels: ['12315热线'],
    industryCodes: ['62', 'H'],
    objectCategories: ['商品-食品'],
    problemCategories: ['质量'],
    foodRelated: true,
  };
  const asOf = '2026-02-10';
  return [
    buildMetricsQuery({ indicatorIds: allIndicatorIds, groupBy: [], filter, asOf }),
    buildMetricsQuery({ indicatorIds: allIndicatorIds, groupBy: Object.values(Dimension), filter: full, asOf }),
    buildMetricsQuery({
      indicatorIds: allIndicatorIds,
      groupBy: [Dimension.CITY],
      filter,
      asOf,
      excludeEmptyColumns: [Dimension.CITY],
    }),
    buildMetricsQuery({
      indicatorIds: allIndicatorIds,
      groupBy: [Dimension.STATION, Dimension.KIND],
      filter: { ...filter, regionCode: '140105001' },
      asOf,
    }),
    // The read model and the reference for the same region × month question.
    ...(['facts', 'cases'] as const).map((source) =>
      buildMetricsQuery({
        indicatorIds: allIndicatorIds,
        groupBy: [Dimension.CITY, Dimension.MONTH, Dimension.KIND],
        filter: { ...filter, kinds: ['COMPLAINT', 'REPORT'] },
        asOf,
        source,
      }),
    ),
  ];
}
