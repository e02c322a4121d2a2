/** 12-month trend of a unit's score (left axis) and rank (right axis, 1 on top). */
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../../common/chart-frame';
import { useI18n } from '../../i18n/i18n';

export interface TrendPoint {
  month: string;
  score: number | null;
  rank: number | null;
}

export function TrendChart({ points, width, height = 260 }: { points: readonly TrendPoint[]; width?: number; height?: number }) {
  const { t } = useI18n();
  const chart = (
    <LineChart data={[...points]} width={width} height={height} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="month" tick={{ fontSize: 11 }} />
      <YAxis yAxisId="score" domain={[0, 100]} width={36} tick={{ fontSize: 11 }} />
      <YAxis
        yAxisId="rank"
        orientation="right"
        reversed
        allowDecimals={false}
        domain={[1, 'dataMax']}
        width={30}
        tick={{ fontSize: 11 }}
      />
      <Tooltip />
      <Legend />
      <Line
        yAxisId="score"
        type="monotone"
        dataKey="score"
        name={t('score')}
        stroke="#2f6fde"
        connectNulls
        isAnimationActive={false}
      />
      <Line
        yAxisId="rank"
        type="stepAfter"
        dataKey="rank"
        name={t('rank')}
        stroke="#e08a00"
        connectNulls
        isAnimationActive={false}
      />
    </LineChart>
  );
  return <ChartFrame chart={chart} width={width} height={height} data-testid="trend-chart" />;
}
