/**
 * Bar chart of the units' scores (issue "Dashboard" §Ranking), in rank order; unscored units have no bar. The score
 * axis spans the scores, not 0–100 (issue 15 §3: 14 cities between 65.3 and 67.0 drew 14 equal bars), and a caption
 * above the chart says what it is and where it starts, so a bar's height is never read as the score itself.
 */
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../../common/chart-frame';
import { formatScore } from '../../format/number-format';
import { useI18n } from '../../i18n/i18n';

export interface ScoreBar {
  code: string;
  name: string;
  score: number;
  highlight?: 'red' | 'black';
}

const COLORS = { red: '#d9363e', black: '#303030', normal: '#2f6fde' } as const;

/**
 * The score axis: whole points around the scores — a margin of 15 % of their spread, at least half a point, each side —
 * kept within 0–100. No score: the full 0–100.
 */
export function scoreAxisDomain(scores: readonly number[]): [number, number] {
  if (scores.length === 0) return [0, 100];
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  const margin = Math.max((hi - lo) * 0.15, 0.5);
  return [Math.max(0, Math.floor(lo - margin)), Math.min(100, Math.ceil(hi + margin))];
}

export function ScoreChart({ bars, width, height = 260 }: { bars: readonly ScoreBar[]; width?: number; height?: number }) {
  const { t } = useI18n();
  const [from, to] = scoreAxisDomain(bars.map((b) => b.score));
  const chart = (
    <BarChart data={[...bars]} width={width} height={height} margin={{ top: 8, right: 8, bottom: 40, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" interval={0} angle={-35} textAnchor="end" height={50} tick={{ fontSize: 11 }} />
      <YAxis domain={[from, to]} allowDecimals={false} width={36} tick={{ fontSize: 11 }} />
      <Tooltip formatter={(v) => formatScore(Number(v))} />
      <Bar dataKey="score" name={t('score')} isAnimationActive={false}>
        {bars.map((b) => (
          <Cell key={b.code} fill={COLORS[b.highlight ?? 'normal']} />
        ))}
      </Bar>
    </BarChart>
  );
  return (
    <>
      <p className="chart-caption muted" data-testid="score-axis-caption">
        {from === 0 ? t('scoreChart.axisFull', { to }) : t('scoreChart.axis', { from, to })}
      </p>
      <ChartFrame
        chart={chart}
        width={width}
        height={height}
        data-testid="score-chart"
        data-bars={bars.length}
        data-axis={`${from}-${to}`}
      />
    </>
  );
}
