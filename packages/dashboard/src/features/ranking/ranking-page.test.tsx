/**
 * The ranking page and the months with data (issue 14 §4): opened without a month it settles on the latest month with
 * data when the last complete month has none; a month without cases is said to be empty, in Chinese or English, with
 * the latest month one click away, instead of a chart of 无评分 rows. The API's answers are the mocked link's.
 */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { writeToken } from '../../app/auth-token';
import { RequireSession } from '../../app/session';
import { ME_QUERY } from '../../app/session.queries';
import { lastFullMonth } from '../../format/months';
import type { Lang } from '../../format/number-format';
import { I18nProvider } from '../../i18n/i18n';
import { RANKING_QUERY } from './ranking.queries';
import { RankingPage } from './ranking-page';

afterEach(() => writeToken(null));

// Months far before any clock this test runs on: the last complete month is never one of them.
const DATA_MONTHS = ['2020-03', '2020-02'];
const DEFAULT_MONTH = lastFullMonth();

const me: MockLink.MockedResponse = {
  request: { query: ME_QUERY },
  result: {
    data: { me: { __typename: 'User', username: 'admin', role: 'PROVINCE_ADMIN', regionCode: '140000', regionName: '山西省' } },
  },
};

const CITIES = [
  ['140100', '太原市'],
  ['140200', '大同市'],
] as const;

function rankingAnswer(month: string, scores: (number | null)[], dataMonths: string[]): MockLink.MockedResponse {
  return {
    request: { query: RANKING_QUERY, variables: { month, level: 'CITY', parentCode: '140000' } },
    result: {
      data: {
        ranking: {
          __typename: 'Ranking',
          month,
          level: 'CITY',
          unitLevel: 'CITY',
          parentCode: '140000',
          asOf: '2026-12-01',
          configVersion: 1,
          published: false,
          publishedAt: null,
          dataMonths,
          latestDataMonth: dataMonths[0] ?? null,
          rows: CITIES.map(([code, name], i) => ({
            __typename: 'RankingRow',
            region: { __typename: 'Region', code, name, level: 'CITY' },
            rank: scores[i] == null ? null : i + 1,
            previousRank: null,
            score: scores[i] ?? null,
            noScore: scores[i] == null,
            values: [],
            movement: [],
          })),
          redList: { __typename: 'RankingCut', regionCodes: [], tieAtCut: false },
          blackList: { __typename: 'RankingCut', regionCodes: [], tieAtCut: false },
          totals: [],
        },
      },
    },
  };
}

function Where() {
  return <output data-testid="where">{useLocation().search}</output>;
}

function renderAt(url: string, mocks: MockLink.MockedResponse[], lang: Lang = 'zh') {
  writeToken('header.payload.signature');
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider lang={lang}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route
              path="/ranking"
              element={
                <RequireSession>
                  <RankingPage />
                  <Where />
                </RequireSession>
              }
            />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </MockedProvider>,
  );
}

const picker = () => screen.getByTestId('month-picker') as HTMLSelectElement;

describe('RankingPage and the months with data', () => {
  test('opened without a month, it settles on the latest month with data and shows that ranking', async () => {
    renderAt('/ranking', [
      me,
      rankingAnswer(DEFAULT_MONTH, [null, null], DATA_MONTHS),
      rankingAnswer('2020-03', [80, 70], DATA_MONTHS),
    ]);
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('month=2020-03'), { timeout: 5_000 });
    expect(await screen.findByTestId('ranking-row-140100')).toBeInTheDocument();
    expect(picker().value).toBe('2020-03');
    expect(screen.queryByTestId('ranking-no-data')).toBeNull();
    // The picker says which months are empty.
    expect(picker().selectedOptions[0]?.textContent).toBe('2020年3月');
    const empty = [...picker().options].find((o) => o.value === DEFAULT_MONTH);
    expect(empty?.textContent).toMatch(/（无数据）$/);
  });

  test('a month the reader chose without cases is said to be empty, with the latest month one click away', async () => {
    const user = userEvent.setup();
    renderAt('/ranking?month=2026-11', [
      me,
      rankingAnswer('2026-11', [null, null], DATA_MONTHS),
      rankingAnswer('2020-03', [80, 70], DATA_MONTHS),
    ]);
    const notice = await screen.findByTestId('ranking-no-data', {}, { timeout: 5_000 });
    expect(notice).toHaveTextContent('2026年11月没有登记的案件：该月尚无数据。有数据的最近月份是2020年3月。');
    // No chart of 无评分 rows, no table.
    expect(screen.queryByTestId('score-chart')).toBeNull();
    expect(screen.queryByTestId('ranking-row-140100')).toBeNull();
    expect(screen.getByTestId('where')).toHaveTextContent('month=2026-11');
    await user.click(screen.getByTestId('ranking-open-latest'));
    expect(await screen.findByTestId('ranking-row-140100')).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('month=2020-03');
    expect(screen.queryByTestId('ranking-no-data')).toBeNull();
  });

  test('in English too', async () => {
    renderAt('/ranking?month=2026-11', [me, rankingAnswer('2026-11', [null, null], DATA_MONTHS)], 'en');
    const notice = await screen.findByTestId('ranking-no-data');
    expect(notice).toHaveTextContent(
      'No cases were received in Nov 2026: that month has no data yet. The latest month with data is Mar 2020.',
    );
    expect(screen.getByTestId('ranking-open-latest')).toHaveTextContent('Show Mar 2020');
  });

  test('scores of a month without new cases (cases received earlier) stay shown, under the notice', async () => {
    renderAt('/ranking?month=2026-11', [me, rankingAnswer('2026-11', [60, null], DATA_MONTHS)]);
    expect(await screen.findByTestId('ranking-no-data')).toHaveTextContent('下表的得分来自此前登记、在该月办理的案件。');
    expect(screen.getByTestId('ranking-row-140100')).toBeInTheDocument();
  });

  test('nothing loaded at all: it says so and how data gets in, and stays on the month', async () => {
    renderAt('/ranking', [me, rankingAnswer(DEFAULT_MONTH, [null, null], [])]);
    expect(await screen.findByTestId('ranking-no-data')).toHaveTextContent('尚未导入任何案件，排名无从计算。');
    expect(screen.queryByTestId('ranking-open-latest')).toBeNull();
    expect(screen.queryByTestId('score-chart')).toBeNull();
    expect(picker().value).toBe(DEFAULT_MONTH);
  });

  test('a month with data shows its ranking and no notice', async () => {
    renderAt('/ranking?month=2020-03', [me, rankingAnswer('2020-03', [80, 70], DATA_MONTHS)]);
    expect(await screen.findByTestId('ranking-row-140200')).toBeInTheDocument();
    expect(screen.queryByTestId('ranking-no-data')).toBeNull();
  });
});
