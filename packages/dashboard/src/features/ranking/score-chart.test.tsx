import { render, screen } from '@testing-library/react';
import { ScoreChart } from './score-chart';

describe('ScoreChart', () => {
  it('draws one bar per score given, taller for the higher score', () => {
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
    const rects = [...container.querySelectorAll('.recharts-bar-rectangle path')];
    expect(rects).toHaveLength(3);
    const heights = rects.map((r) => Number(r.getAttribute('height')));
    expect(heights[0]).toBeGreaterThan(heights[1]!);
    // 90 is twice 45 on a 0–100 axis.
    expect(heights[0]! / heights[1]!).toBeCloseTo(2, 1);
    expect(rects[0]!.getAttribute('fill')).toBe('#d9363e');
    expect(screen.getByText('太原市')).toBeInTheDocument();
  });

  it('draws no bar when no unit has a score', () => {
    const { container } = render(<ScoreChart width={600} height={300} bars={[]} />);
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(0);
  });
});
