/** Bar chart of the units' scores (issue "Dashboard" §Ranking), in rank order; unscored units have no bar. */
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../../common/chart-frame';
import { formatScore } from '../../format/number-format';

export interface ScoreBar {
  code: string;
  name: string;
  score: number;
  highlight?: 'red' | 'black';
}

const COLORS = { red: '#d9363e', black: '#303030', normal: '#2f6fde' } as const;

export function ScoreChart({ bars, width, height = 260 }: { bars: readonly ScoreBar[]; width?: number; height?: number }) {
  const chart = (
    <BarChart data={[...bars]} width={width} height={height} margin={{ top: 8, right: 8, bottom: 40, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" interval={0} angle={-35} textAnchor="end" height={50} tick={{ fontSize: 11 }} />
      <YAxis domain={[0, 100]} width={36} tick={{ fontSize: 11 }} />
      <Tooltip formatter={(v) => formatScore(Number(v))} />
      <Bar dataKey="score" isAnimationActive={false}>
        {bars.map((b) => (
          <Cell key={b.code} fill={COLORS[b.highlight ?? 'normal']} />
        ))}
      </Bar>
    </BarChart>
  );
  return <ChartFrame chart={chart} width={width} height={height} data-testid="score-chart" data-bars={bars.length} />;
}
