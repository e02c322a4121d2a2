/**
 * The report page's readiness flag: the server's PDF export (packages/api/src/reports/report-pdf.render.ts) prints
 * the page as soon as `[data-testid=report-page][data-ready="true"]` appears, or fails on `state-error`.
 */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { writeToken } from '../../app/auth-token';
import { RequireSession } from '../../app/session';
import { ME_QUERY } from '../../app/session.queries';
import { I18nProvider } from '../../i18n/i18n';
import { RANKING_CONFIG_QUERY, RANKING_QUERY } from '../ranking/ranking.queries';
import { PUBLISHED_WARNINGS_QUERY } from '../warnings/warnings.queries';
import { ReportPage } from './report-page';
import { REPORT_CITY_METRICS_QUERY, REPORTS_QUERY } from './reports.queries';

const me: MockLink.MockedResponse = {
  request: { query: ME_QUERY },
  result: {
    data: { me: { __typename: 'User', username: 'admin', role: 'PROVINCE_ADMIN', regionCode: '140000', regionName: '山西省' } },
  },
};
const ranking: MockLink.MockedResponse = {
  request: { query: RANKING_QUERY, variables: { month: '2026-01', level: 'CITY', parentCode: '140000' } },
  result: {
    data: {
      ranking: {
        __typename: 'Ranking',
        month: '2026-01',
        level: 'CITY',
        unitLevel: 'CITY',
        parentCode: '140000',
        asOf: '2026-02-02',
        configVersion: 1,
        published: true,
        publishedAt: '2026-02-03T08:00:00.000Z',
        dataMonths: ['2026-01'],
        latestDataMonth: '2026-01',
        rows: [],
        redList: { __typename: 'RankingList', regionCodes: [], tieAtCut: false },
        blackList: { __typename: 'RankingList', regionCodes: [], tieAtCut: false },
        totals: [],
      },
    },
  },
};
const config: MockLink.MockedResponse = {
  request: { query: RANKING_CONFIG_QUERY },
  result: { data: { rankingConfig: { __typename: 'RankingConfiguration', version: 1, indicators: [] } } },
};
const metricsRequest = {
  query: REPORT_CITY_METRICS_QUERY,
  variables: { filter: { regionCode: '140000', from: '2026-01-01', to: '2026-01-31' } },
};
const metrics: MockLink.MockedResponse = { request: metricsRequest, delay: 50, result: { data: { cities: [], problems: [] } } };
const reportMonth = (dueDatesProvisional: boolean): MockLink.MockedResponse => ({
  request: { query: REPORTS_QUERY, variables: { through: '2026-01' } },
  result: {
    data: {
      reports: [
        {
          __typename: 'ReportMonth',
          month: '2026-01',
          published: true,
          publishedAt: '2026-02-03T08:00:00.000Z',
          dueDatesProvisional,
        },
      ],
    },
  },
});

const warning = {
  __typename: 'ConsumerWarningNotice',
  id: '3',
  month: '2026-01',
  regionCode: '140000',
  regionName: '山西省',
  title: '山西省2026年1月消费提示',
  text: '涉及“预付卡”的投诉举报12件。\n请保留好购物凭证。',
  status: 'PUBLISHED',
  ruleVersion: 1,
  author: 'sx-analyst',
  updatedAt: '2026-02-04T02:00:00.000Z',
  publishedAt: '2026-02-05T02:00:00.000Z',
  publishedBy: 'admin',
};
const warnings = (list: (typeof warning)[] = []): MockLink.MockedResponse => ({
  request: { query: PUBLISHED_WARNINGS_QUERY, variables: { month: '2026-01' } },
  result: { data: { publishedConsumerWarnings: list } },
});

function renderReport(mocks: MockLink.MockedResponse[]) {
  writeToken('header.payload.signature');
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider lang="zh">
        <MemoryRouter initialEntries={['/reports/2026-01?print=1&parent=140000']}>
          <Routes>
            <Route
              path="/reports/:month"
              element={
                <RequireSession>
                  <ReportPage />
                </RequireSession>
              }
            />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </MockedProvider>,
  );
}

describe('ReportPage data-ready', () => {
  afterEach(() => writeToken(null));

  test('is set only once the ranking, the targets and the city metrics have all answered', async () => {
    renderReport([me, ranking, config, metrics, reportMonth(false), warnings()]);
    const page = await screen.findByTestId('report-page');
    // the ranking and the targets may be in, the metrics (50 ms late) not yet
    expect(page).not.toHaveAttribute('data-ready');
    await waitFor(() => expect(screen.getByTestId('report-page')).toHaveAttribute('data-ready', 'true'));
    expect(screen.queryByTestId('state-error')).toBeNull();
    expect(screen.queryByTestId('report-provisional-note')).toBeNull();
  });

  test('a month with provisional due dates carries the footnote before it says ready', async () => {
    renderReport([me, ranking, config, metrics, reportMonth(true), warnings()]);
    await screen.findByTestId('report-page');
    await waitFor(() => expect(screen.getByTestId('report-page')).toHaveAttribute('data-ready', 'true'), { timeout: 10_000 });
    expect(screen.getByTestId('report-provisional-note')).toHaveTextContent('2026 年工作日历尚未发布');
  });

  test('a failed query shows state-error and the page never says ready', async () => {
    renderReport([
      me,
      ranking,
      config,
      { request: metricsRequest, error: new Error('metrics down') },
      reportMonth(false),
      warnings(),
    ]);
    await screen.findByTestId('state-error');
    expect(screen.getByTestId('report-page')).not.toHaveAttribute('data-ready');
  });

  test('the month’s published 消费提示 are in the report, with date and author, before it says ready', async () => {
    renderReport([me, ranking, config, metrics, reportMonth(false), warnings([warning])]);
    await waitFor(() => expect(screen.getByTestId('report-page')).toHaveAttribute('data-ready', 'true'));
    const section = screen.getByTestId('report-warnings');
    expect(section).toHaveTextContent('山西省2026年1月消费提示');
    expect(section).toHaveTextContent('涉及“预付卡”的投诉举报12件。');
    expect(section).toHaveTextContent('admin 于 2026-02-05 10:00 发布');
  });
});
