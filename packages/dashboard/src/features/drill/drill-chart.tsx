/**
 * The drill-down's chart above its table (issue 15 §3): the indicator chosen (URL `indicator`, carried down the
 * levels) by unit — the rows the table shows — and, when the period spans calendar months, by month over the whole
 * region (the table's `metrics` query grouped by MONTH). Values are the API's; the axis is written in the indicator's
 * unit (万, %, 元).
 */
import { useQuery } from '@apollo/client/react';
import { indicatorById } from '@c12315/domain/src/indicators/catalogue';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../../common/chart-frame';
import { useUrlState } from '../../common/url-state';
import { formatMonth } from '../../format/months';
import { formatByUnit } from '../../format/number-format';
import type { CaseFilter, DrillMetricsQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { DRILL_METRICS_QUERY } from './drill.queries';

type MetricRows = DrillMetricsQuery['metrics'];

/** The URL parameter naming the charted indicator (one of `indicators`; default the first). */
export const CHART_PARAM = 'indicator';

export interface ChartPoint {
  key: string;
  label: string;
  value: number | null;
}

/** One point per row: the row's first key and its value of `indicatorId` (null when the API has none). */
export function chartPoints(rows: MetricRows, indicatorId: string): ChartPoint[] {
  return rows.map((row) => {
    const key = row.keys[0];
    return {
      key: key?.code ?? '',
      label: key?.label || key?.code || '',
      value: row.values.find((v) => v.indicatorId === indicatorId)?.value ?? null,
    };
  });
}

/** true when [from, to] meets more than one calendar month. */
export function spansMonths(filter: Pick<CaseFilter, 'from' | 'to'>): boolean {
  return filter.from.slice(0, 7) !== filter.to.slice(0, 7);
}

function UnitChart({ points, unit, width }: { points: ChartPoint[]; unit: string; width?: number }) {
  const { lang } = useI18n();
  const format = (v: unknown) => formatByUnit(unit, Number(v), lang);
  const chart = (
    <BarChart data={points} width={width} height={240} margin={{ top: 8, right: 8, bottom: 40, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" interval={0} angle={-35} textAnchor="end" height={50} tick={{ fontSize: 11 }} />
      <YAxis width={64} tick={{ fontSize: 11 }} tickFormatter={format} />
      <Tooltip formatter={format} />
      <Bar dataKey="value" fill="#2f6fde" isAnimationActive={false} />
    </BarChart>
  );
  return (
    <ChartFrame
      chart={chart}
      width={width}
      height={240}
      data-testid="drill-unit-chart"
      data-points={points.filter((p) => p.value !== null).length}
    />
  );
}

function MonthChart({ points, unit, width }: { points: ChartPoint[]; unit: string; width?: number }) {
  const { lang } = useI18n();
  const format = (v: unknown) => formatByUnit(unit, Number(v), lang);
  const data = points.map((p) => ({ ...p, label: formatMonth(p.key, lang) }));
  const chart = (
    <LineChart data={data} width={width} height={240} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="label" tick={{ fontSize: 11 }} />
      <YAxis width={64} tick={{ fontSize: 11 }} tickFormatter={format} />
      <Tooltip formatter={format} />
      <Line type="linear" dataKey="value" stroke="#2f6fde" dot isAnimationActive={false} />
    </LineChart>
  );
  return (
    <ChartFrame
      chart={chart}
      width={width}
      height={240}
      data-testid="drill-month-chart"
      data-points={points.filter((p) => p.value !== null).length}
    />
  );
}

/**
 * The chart card: the indicator picker, the by-unit bars from `rows` (the table's answer), and the by-month line when
 * the filter's period spans months. `width`: fixed-width charts (tests).
 */
export function DrillChart({
  rows,
  filter,
  indicators,
  width,
}: {
  rows: MetricRows;
  filter: CaseFilter;
  indicators: readonly string[];
  width?: number;
}) {
  const { t, indicatorName } = useI18n();
  const [params, setParams] = useUrlState();
  const asked = params.get(CHART_PARAM);
  const indicatorId = asked && indicators.includes(asked) ? asked : (indicators[0] as string);
  const unit = indicatorById(indicatorId)?.unit ?? 'count';
  const monthly = spansMonths(filter);
  const byMonth = useQuery(DRILL_METRICS_QUERY, {
    variables: { filter, groupBy: ['MONTH'], indicatorIds: [...indicators] },
    skip: !monthly,
  });
  const name = indicatorName(indicatorId);
  return (
    <div className="card" data-testid="drill-chart">
      <div className="toolbar">
        <label>
          {t('drill.chartIndicator')}{' '}
          <select
            data-testid="drill-chart-indicator"
            value={indicatorId}
            onChange={(e) => setParams({ [CHART_PARAM]: e.target.value }, { replace: true })}
          >
            {indicators.map((id) => (
              <option key={id} value={id}>
                {indicatorName(id)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={monthly ? 'grid-2' : undefined}>
        <div>
          <h2>{t('drill.byUnit', { indicator: name })}</h2>
          <UnitChart points={chartPoints(rows, indicatorId)} unit={unit} width={width} />
        </div>
        {monthly && (
          <div>
            <h2>{t('drill.byMonth', { indicator: name })}</h2>
            {byMonth.error ? (
              <p className="muted" data-testid="drill-month-chart-error">
                {t('drill.byMonthFailed')}
              </p>
            ) : (
              <MonthChart points={chartPoints(byMonth.data?.metrics ?? [], indicatorId)} unit={unit} width={width} />
            )}
          </div>
        )}
      </div>
    </div>
  );
}
