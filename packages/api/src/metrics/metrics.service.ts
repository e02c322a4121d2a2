/**
 * metrics: run the query of metrics.sql.ts and map its rows to MetricRows with Chinese labels.
 */
import { CASE_KIND_ZH, type CaseKind, findRegion, industryDivisionName } from '@c12315/domain';
import { Dimension, type GroupKey, type MetricRow } from '../common/graphql-types';
import type { AppContext } from '../context';
import { answerIndicatorQuery, readIndicatorValues, readKey, readLabel } from '../indicators/indicator-query';
import { buildMetricsQuery, type MetricsQueryArgs } from './metrics.sql';

const REGION_DIMENSIONS = new Set([Dimension.PROVINCE, Dimension.CITY, Dimension.COUNTY, Dimension.STATION]);

/** '' in a region column: cases of units above that level (e.g. the province's own units in a CITY grouping). */
const OWN_UNITS_LABEL = '（本级单位）';
const EMPTY_LABEL = '（未填写）';

export function groupLabel(dimension: Dimension, code: string, rowLabel?: string): string {
  if (REGION_DIMENSIONS.has(dimension)) {
    if (code === '') return OWN_UNITS_LABEL;
    return findRegion(code)?.name ?? rowLabel ?? code;
  }
  switch (dimension) {
    case Dimension.MONTH:
      return code;
    case Dimension.KIND:
      return CASE_KIND_ZH[code as CaseKind] ?? code;
    case Dimension.INDUSTRY:
      return code === '' ? EMPTY_LABEL : (industryDivisionName(code) ?? code);
    case Dimension.FOOD_RELATED:
      return code === 'true' ? '食品相关' : '非食品相关';
    default:
      return code === '' ? EMPTY_LABEL : code;
  }
}

export async function computeMetrics(ctx: Pick<AppContext, 'ch' | 'em'>, args: MetricsQueryArgs): Promise<MetricRow[]> {
  const rows = await answerIndicatorQuery(ctx, buildMetricsQuery(args));
  return rows.map((row) => ({
    keys: args.groupBy.map((dimension, i): GroupKey => {
      const raw = readKey(row, i);
      const code = dimension === Dimension.MONTH ? raw.slice(0, 7) : raw;
      return { dimension, code, label: groupLabel(dimension, code, readLabel(row, i)) };
    }),
    values: readIndicatorValues(row, args.indicatorIds).map((v) => ({ ...v, points: null })),
  }));
}
