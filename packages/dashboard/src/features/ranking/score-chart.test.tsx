import { render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { type ScoreBar, ScoreChart, scoreAxisDomain } from './score-chart';

/** The score axis's tick labels as drawn (the only numeric tick labels: the other axis names the units). */
const ticks = (container: HTMLElement) =>
  [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')]
    .map((t) => Number(t.textContent))
    .filter((n) => !Number.isNaN(n));
const heights = (container: HTMLElement) =>
  [...container.querySelectorAll('.recharts-bar-rectangle path')].map((r) => Number(r.getAttribute('height')));

// 14 cities between 65.3 and 67.0, as a real province's month came out.
const CLOSE: ScoreBar[] = [67.0, 66.9, 66.7, 66.6, 66.4, 66.3, 66.1, 66.0, 65.9, 65.8, 65.6, 65.5, 65.4, 65.3].map(
  (score, i) => ({
    code: String(140100 + i * 100),
    name: `城市${i + 1}`,
    score,
  }),
);

describe('ScoreChart', () => {
  it('draws one bar per score given, taller for the higher score, coloured by its list', () => {
    const { container } = render(
      <ScoreChart
        width={600}
        height={300}
        bars={[
          { code: '140100', name: '太原市', score: 90, highlight: 'red' },
          { code: '140200', name: '大同市', score: 45 },
          { code: '140300', name: '阳泉市', score: 30, highlight: 'black' },
        ]}
      />,
    );
    expect(screen.getByTestId('score-chart')).toBeInTheDocument();
    const h = heights(container);
    expect(h).toHaveLength(3);
    expect(h[0]).toBeGreaterThan(h[1]!);
    expect(h[1]).toBeGreaterThan(h[2]!);
    expect(container.querySelector('.recharts-bar-rectangle path')!.getAttribute('fill')).toBe('#d9363e');
    expect(screen.getByText('太原市')).toBeInTheDocument();
  });

  it('scores close together: the axis spans them, not 0–100, so the bars differ visibly', () => {
    const { container } = render(<ScoreChart width={800} height={300} bars={CLOSE} />);
    expect(screen.getByTestId('score-chart')).toHaveAttribute('data-axis', '64-68');
    const t = ticks(container);
    expect(Math.min(...t)).toBe(64);
    expect(Math.max(...t)).toBe(68);
    expect(t).not.toContain(0);
    expect(t).not.toContain(100);
    const h = heights(container);
    expect(h).toHaveLength(14);
    // On 0–100 the highest bar would be 1.03 times the lowest; around the scores it is more than twice.
    expect(h[0]! / h[13]!).toBeGreaterThan(2);
    // Heights are linear in the score above the axis's start: (67.0 − 64) / (65.3 − 64).
    expect(h[0]! / h[13]!).toBeCloseTo(3 / 1.3, 1);
  });

  it('says what the axis is and where it starts, in Chinese and in English', () => {
    const { unmount } = render(<ScoreChart width={800} height={300} bars={CLOSE} />);
    expect(screen.getByTestId('score-axis-caption')).toHaveTextContent(
      '纵轴：综合得分（分），刻度为 64–68 分，不从 0 起，柱高只表示高低之差',
    );
    unmount();
    render(
      <I18nProvider lang="en">
        <ScoreChart width={800} height={300} bars={CLOSE} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('score-axis-caption')).toHaveTextContent(
      'Axis: total score (points), from 64 to 68, not from 0: bar heights show the differences only',
    );
  });

  it('the axis: whole points, a margin each side, within 0–100', () => {
    expect(scoreAxisDomain([65.3, 67.0])).toEqual([64, 68]);
    expect(scoreAxisDomain([80])).toEqual([79, 81]);
    expect(scoreAxisDomain([30, 90])).toEqual([21, 99]);
    expect(scoreAxisDomain([0.2, 99.9])).toEqual([0, 100]);
    expect(scoreAxisDomain([])).toEqual([0, 100]);
  });

  it('draws no bar when no unit has a score', () => {
    const { container } = render(<ScoreChart width={600} height={300} bars={[]} />);
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(0);
    expect(screen.getByTestId('score-axis-caption')).toHaveTextContent('纵轴：综合得分（分），刻度为 0–100 分');
  });
});
