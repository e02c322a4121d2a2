/**
 * The drill-down's chart (issue 15 §3): above the table, the chosen indicator by unit from the rows the table shows,
 * and by month when the period spans months; one month, no month chart. The API's answers are the mocked link's.
 */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { writeToken } from '../../app/auth-token';
import { RequireSession } from '../../app/session';
import { ME_QUERY } from '../../app/session.queries';
import { I18nProvider } from '../../i18n/i18n';
import { REGIONS_QUERY } from '../ranking/ranking.queries';
import { DRILL_METRICS_QUERY } from './drill.queries';
import { DrillChart } from './drill-chart';
import { filterFromParams } from './drill-filters';
import { DRILL_INDICATORS, DrillPage } from './drill-page';

afterEach(() => writeToken(null));

const me: MockLink.MockedResponse = {
  request: { query: ME_QUERY },
  result: {
    data: { me: { __typename: 'User', username: 'admin', role: 'PROVINCE_ADMIN', regionCode: '140000', regionName: '山西省' } },
  },
};
const regions: MockLink.MockedResponse = {
  request: { query: REGIONS_QUERY, variables: { parentCode: null } },
  result: { data: { regions: [{ __typename: 'Region', code: '140000', name: '山西省', level: 'PROVINCE', parentCode: null }] } },
};

const QUARTER = '?from=2026-01-01&to=2026-03-31';
const JANUARY = '?from=2026-01-01&to=2026-01-31';

/** A metrics row: received and on-time completion rate given, every other drill indicator null. */
function row(dimension: string, code: string, label: string, received: number, onTime: number) {
  const given: Record<string, number> = { received, on_time_completion_rate: onTime };
  return {
    __typename: 'MetricRow',
    keys: [{ __typename: 'GroupKey', dimension, code, label }],
    values: DRILL_INDICATORS.map((id) => ({
      __typename: 'IndicatorValue',
      indicatorId: id,
      value: given[id] ?? null,
      numerator: null,
      denominator: null,
    })),
  };
}
const CITY_ROWS = [
  row('CITY', '140100', '太原市', 120, 90),
  row('CITY', '140200', '大同市', 60, 45),
  row('CITY', '140300', '阳泉市', 30, 30),
];
const MONTH_ROWS = [
  row('MONTH', '2026-01', '2026-01', 70, 80),
  row('MONTH', '2026-02', '2026-02', 90, 70),
  row('MONTH', '2026-03', '2026-03', 40, 60),
];

function metrics(search: string, groupBy: string, rows: unknown[]): MockLink.MockedResponse {
  return {
    request: {
      query: DRILL_METRICS_QUERY,
      variables: {
        filter: filterFromParams(new URLSearchParams(search), '140000'),
        groupBy: [groupBy],
        indicatorIds: [...DRILL_INDICATORS],
      },
    },
    result: { data: { metrics: rows } },
  };
}

function Where() {
  return <output data-testid="where">{useLocation().search}</output>;
}

function renderPage(search: string, mocks: MockLink.MockedResponse[]) {
  writeToken('header.payload.signature');
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider lang="zh">
        <MemoryRouter initialEntries={[`/drill/140000${search}`]}>
          <Routes>
            <Route
              path="/drill/:regionCode"
              element={
                <RequireSession>
                  <DrillPage />
                </RequireSession>
              }
            />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </MockedProvider>,
  );
}

/** The chart alone at a fixed width (jsdom lays out nothing, so the page's responsive chart draws no bars). */
function renderChart(search: string, mocks: MockLink.MockedResponse[]) {
  return render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter initialEntries={[`/drill/140000${search}`]}>
        <Routes>
          <Route
            path="/drill/:regionCode"
            element={
              <>
                <DrillChart
                  rows={CITY_ROWS as never}
                  filter={filterFromParams(new URLSearchParams(search), '140000')}
                  indicators={DRILL_INDICATORS}
                  width={600}
                />
                <Where />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </MockedProvider>,
  );
}

const barHeights = (el: HTMLElement) =>
  [...el.querySelectorAll('.recharts-bar-rectangle path')].map((r) => Number(r.getAttribute('height')));

describe('the drill-down chart', () => {
  test('above the table: the indicator by unit, and by month when the period spans months', async () => {
    renderPage(QUARTER, [me, regions, metrics(QUARTER, 'CITY', CITY_ROWS), metrics(QUARTER, 'MONTH', MONTH_ROWS)]);
    const table = await screen.findByTestId('drill-table', {}, { timeout: 5_000 });
    const chart = screen.getByTestId('drill-chart');
    // the chart comes before the table
    expect(chart.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(chart).getByTestId('drill-unit-chart')).toHaveAttribute('data-points', '3');
    expect(within(chart).getByText('登记量（按单位）')).toBeInTheDocument();
    await waitFor(() => expect(within(chart).getByTestId('drill-month-chart')).toHaveAttribute('data-points', '3'));
  });

  test('one month: the chart by unit only', async () => {
    renderPage(JANUARY, [me, regions, metrics(JANUARY, 'CITY', CITY_ROWS)]);
    await screen.findByTestId('drill-table', {}, { timeout: 5_000 });
    expect(screen.getByTestId('drill-unit-chart')).toHaveAttribute('data-points', '3');
    expect(screen.queryByTestId('drill-month-chart')).toBeNull();
  });

  test('bars follow the chosen indicator’s values, and the choice is kept in the URL', async () => {
    const user = userEvent.setup();
    renderChart(QUARTER, [metrics(QUARTER, 'MONTH', MONTH_ROWS)]);
    const unitChart = screen.getByTestId('drill-unit-chart');
    let h = barHeights(unitChart);
    expect(h).toHaveLength(3);
    // received 120 : 60 : 30 on an axis from 0
    expect(h[0]! / h[1]!).toBeCloseTo(2, 1);
    expect(h[1]! / h[2]!).toBeCloseTo(2, 1);
    await waitFor(() => expect(screen.getByTestId('drill-month-chart').querySelectorAll('.recharts-line-dot')).toHaveLength(3));
    await user.selectOptions(screen.getByTestId('drill-chart-indicator'), 'on_time_completion_rate');
    expect(screen.getByTestId('where')).toHaveTextContent('indicator=on_time_completion_rate');
    h = barHeights(screen.getByTestId('drill-unit-chart'));
    // 90 : 45 : 30
    expect(h[0]! / h[1]!).toBeCloseTo(2, 1);
    expect(h[0]! / h[2]!).toBeCloseTo(3, 1);
    expect(screen.getByText('按时办结率（按单位）')).toBeInTheDocument();
  });
});
