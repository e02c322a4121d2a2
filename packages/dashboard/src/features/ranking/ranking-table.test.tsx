import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type RankingRowData, RankingTable } from './ranking-table';

// Hand-built rows as the API returns them (rank order, shared ranks 1, 1, 3; an unscored unit last, rank null).
function row(
  code: string,
  name: string,
  rank: number | null,
  previousRank: number | null,
  score: number | null,
  rate: number | null,
): RankingRowData {
  return {
    region: { code, name, level: 'CITY' },
    rank,
    previousRank,
    score,
    noScore: score === null,
    movement: [],
    values: [
      {
        indicatorId: 'on_time_completion_rate',
        value: rate,
        points: rate === null ? null : 10,
        numerator: null,
        denominator: null,
      },
    ],
  };
}

const ROWS = [
  row('140200', '大同市', 1, 3, 90.5, 95.5),
  row('140300', '阳泉市', 1, 1, 90.5, 99.25),
  row('140100', '太原市', 3, 2, 80, 88),
  row('140400', '长治市', 4, null, 70.25, 12345),
  row('140500', '晋城市', null, 4, null, null),
];

const codesInOrder = () =>
  screen.getAllByTestId(/^ranking-row-/).map((tr) => tr.getAttribute('data-testid')!.replace('ranking-row-', ''));

describe('RankingTable', () => {
  it('lists the rows in rank order with shared ranks shown as given and the unscored unit last, flagged', () => {
    render(<RankingTable rows={ROWS} indicatorIds={['on_time_completion_rate']} />);
    expect(codesInOrder()).toEqual(['140200', '140300', '140100', '140400', '140500']);
    expect(screen.getByTestId('ranking-rank-140200')).toHaveTextContent('1');
    expect(screen.getByTestId('ranking-rank-140300')).toHaveTextContent('1');
    expect(screen.getByTestId('ranking-rank-140100')).toHaveTextContent('3');
    expect(within(screen.getByTestId('ranking-row-140200')).getByText('并列')).toBeInTheDocument();
    expect(within(screen.getByTestId('ranking-row-140100')).queryByText('并列')).toBeNull();
    expect(screen.getByTestId('ranking-rank-140500')).toHaveTextContent('—');
    expect(screen.getByTestId('ranking-noscore-140500')).toHaveTextContent('无评分');
    expect(screen.getByTestId('ranking-score-140500')).toHaveTextContent('—');
    expect(screen.getByTestId('ranking-score-140400')).toHaveTextContent('70.25');
  });

  it('shows movement arrows from the previous rank', () => {
    render(<RankingTable rows={ROWS} indicatorIds={['on_time_completion_rate']} />);
    // 大同市 3 → 1: up 2; 太原市 2 → 3: down 1; 阳泉市 1 → 1: unchanged; 长治市 no previous rank: new.
    expect(within(screen.getByTestId('ranking-row-140200')).getByText('▲2')).toHaveClass('move-up');
    expect(within(screen.getByTestId('ranking-row-140100')).getByText('▼1')).toHaveClass('move-down');
    expect(within(screen.getByTestId('ranking-row-140300')).getByText('—', { selector: '.move' })).toHaveClass('move-same');
    expect(within(screen.getByTestId('ranking-row-140400')).getByText('新')).toBeInTheDocument();
    expect(screen.getByTestId('ranking-prev-140400')).toHaveTextContent('—');
    expect(screen.getByTestId('ranking-prev-140200')).toHaveTextContent('3');
  });

  it('formats indicator values by unit (% with 2 decimals)', () => {
    render(<RankingTable rows={ROWS} indicatorIds={['on_time_completion_rate']} />);
    expect(within(screen.getByTestId('ranking-row-140300')).getByText('99.25%')).toBeInTheDocument();
  });

  it('sorts by a column both ways and keeps the unscored unit last', async () => {
    const user = userEvent.setup();
    render(<RankingTable rows={ROWS} indicatorIds={['on_time_completion_rate']} />);
    await user.click(screen.getByTestId('sort-value:on_time_completion_rate'));
    // Descending by value: 12345, 99.25, 95.5, 88; null-score row last.
    expect(codesInOrder()).toEqual(['140400', '140300', '140200', '140100', '140500']);
    await user.click(screen.getByTestId('sort-value:on_time_completion_rate'));
    expect(codesInOrder()).toEqual(['140100', '140200', '140300', '140400', '140500']);
    await user.click(screen.getByTestId('sort-score'));
    // Score descending; the tie 90.5 keeps the API order (region code).
    expect(codesInOrder()).toEqual(['140200', '140300', '140100', '140400', '140500']);
    await user.click(screen.getByTestId('sort-score'));
    expect(codesInOrder()).toEqual(['140400', '140100', '140200', '140300', '140500']);
  });

  it('opens a unit on click', async () => {
    const user = userEvent.setup();
    const onSelect = jest.fn();
    render(<RankingTable rows={ROWS} indicatorIds={['on_time_completion_rate']} onSelect={onSelect} />);
    await user.click(screen.getByText('太原市'));
    expect(onSelect).toHaveBeenCalledWith('140100');
  });
});
