/**
 * The 预警 page (issue 15 §2): the month's rises with the rule and figures, the seasonal ones apart, the draft editor
 * (prefilled from the figures; saving and publishing by role), the published list with date and author; and the
 * header badge with the count of new warnings for a subscriber.
 */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { writeToken } from '../../app/auth-token';
import { RequireSession } from '../../app/session';
import { ME_QUERY } from '../../app/session.queries';
import { I18nProvider } from '../../i18n/i18n';
import { WarningBadge } from './warning-badge';
import {
  CONSUMER_WARNINGS_QUERY,
  MARK_WARNINGS_SEEN_MUTATION,
  PUBLISHED_WARNINGS_QUERY,
  SAVE_WARNING_MUTATION,
  WARNING_SUBSCRIPTION_QUERY,
} from './warnings.queries';
import { WarningsPage } from './warnings-page';

const me = (role: string): MockLink.MockedResponse => ({
  request: { query: ME_QUERY },
  result: {
    data: { me: { __typename: 'User', username: `hz-${role.toLowerCase()}`, role, regionCode: '330100', regionName: '杭州市' } },
  },
});

const rise = (dimension: string, code: string, label: string, count: number, baseline: number, extra = {}) => ({
  __typename: 'RiseWarning',
  dimension,
  code,
  label,
  count,
  trailingSum: baseline * 3,
  trailingBaseline: baseline,
  lastYearCount: 2,
  lastYearTrailingSum: 6,
  seasonalBaseline: 2,
  baseline,
  threshold: Math.max(5, 3 * baseline),
  ratio: baseline > 0 ? count / baseline : null,
  ...extra,
});

const notice = (id: string, status: string, text: string) => ({
  __typename: 'ConsumerWarningNotice',
  id,
  month: '2026-07',
  regionCode: '330100',
  regionName: '杭州市',
  title: '杭州市2026年7月消费提示',
  text,
  status,
  ruleVersion: 1,
  author: 'hz-analyst',
  updatedAt: '2026-08-03T01:00:00.000Z',
  publishedAt: status === 'PUBLISHED' ? '2026-08-04T02:30:00.000Z' : null,
  publishedBy: status === 'PUBLISHED' ? 'hz-chief' : null,
});

const warnings = (notices: ReturnType<typeof notice>[] = []): MockLink.MockedResponse => ({
  request: { query: CONSUMER_WARNINGS_QUERY, variables: { month: '2026-07', regionCode: null } },
  maxUsageCount: 10,
  result: {
    data: {
      consumerWarnings: {
        __typename: 'ConsumerWarnings',
        month: '2026-07',
        regionCode: '330100',
        regionName: '杭州市',
        rule: {
          __typename: 'WarningRule',
          version: 2,
          minCount: 5,
          ratio: 3,
          baselineMonths: 3,
          seasonal: true,
          maxPerDimension: 10,
          description: '当月投诉举报不少于5件，且不低于前3个月月均与去年同月中的较大者的3倍',
        },
        rises: [rise('PROBLEM_CATEGORY', '虚假宣传', '虚假宣传', 12, 2), rise('OPERATOR', 'K', '甲电器有限公司', 6, 0)],
        seasonal: [rise('PROBLEM_CATEGORY', '安装维修', '安装维修', 9, 8)],
        draftTitle: '杭州市2026年7月消费提示',
        draftText: '2026年7月，杭州市12315投诉举报中……\n（1）涉及“虚假宣传”的投诉举报12件。',
        notices,
      },
    },
  },
});

const published = (list: ReturnType<typeof notice>[]): MockLink.MockedResponse => ({
  request: { query: PUBLISHED_WARNINGS_QUERY, variables: { month: null } },
  maxUsageCount: 10,
  result: { data: { publishedConsumerWarnings: list } },
});

const subscription = (subscribed: boolean, unseenCount: number): MockLink.MockedResponse => ({
  request: { query: WARNING_SUBSCRIPTION_QUERY },
  maxUsageCount: 10,
  result: {
    data: { warningSubscription: { __typename: 'WarningSubscriptionState', subscribed, regionCode: '330100', unseenCount } },
  },
});

function renderPage(mocks: MockLink.MockedResponse[]) {
  writeToken('header.payload.signature');
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider lang="zh">
        <MemoryRouter initialEntries={['/warnings?month=2026-07']}>
          <Routes>
            <Route
              path="/warnings"
              element={
                <RequireSession>
                  <WarningsPage />
                </RequireSession>
              }
            />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </MockedProvider>,
  );
}

afterEach(() => writeToken(null));

test('lists the rises with rule and figures, the seasonal ones apart, and the published warnings with date and author', async () => {
  renderPage([me('SUPERVISOR'), warnings(), published([notice('4', 'PUBLISHED', '定稿正文')]), subscription(false, 0)]);
  const table = await screen.findByTestId('rise-table');
  const rows = within(table).getAllByTestId('rise-row');
  expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))).toEqual([
    ['问题类别', '虚假宣传', '12', '2', '2', '2', '2', '6×', '6'],
    ['经营者', '甲电器有限公司', '6', '0', '2', '2', '0', '新出现', '5'],
  ]);
  expect(within(screen.getByTestId('seasonal-table')).getByText('安装维修')).toBeInTheDocument();
  expect(screen.getByTestId('warning-rule')).toHaveTextContent('规则（第 2 版）：当月投诉举报不少于5件');
  // A supervisor reads the draft but can neither save nor publish.
  expect(screen.getByTestId('warning-text')).toBeDisabled();
  expect(screen.queryByTestId('warning-save')).toBeNull();
  expect(screen.queryByTestId('warning-publish')).toBeNull();
  const list = await screen.findByTestId('published-warnings');
  expect(list).toHaveTextContent('定稿正文');
  expect(list).toHaveTextContent('杭州市 · 2026年7月 · hz-chief 于 2026-08-04 10:30 发布');
});

test('a chief edits the draft written from the figures and publishes it', async () => {
  let publishes = 0;
  // Matched on its exact variables: the edited text, publish: true.
  const save: MockLink.MockedResponse = {
    request: {
      query: SAVE_WARNING_MUTATION,
      variables: {
        input: {
          id: null,
          month: '2026-07',
          regionCode: '330100',
          title: '杭州市2026年7月消费提示',
          text: '改过的正文',
          publish: true,
        },
      },
    },
    result: () => {
      publishes++;
      return { data: { saveConsumerWarning: notice('9', 'PUBLISHED', '改过的正文') } };
    },
  };
  renderPage([me('CITY_CHIEF'), warnings(), published([]), subscription(false, 0), save]);
  const text = await screen.findByTestId('warning-text');
  expect(text).toHaveValue('2026年7月，杭州市12315投诉举报中……\n（1）涉及“虚假宣传”的投诉举报12件。');
  expect(screen.getByTestId('warning-title')).toHaveValue('杭州市2026年7月消费提示');
  fireEvent.change(text, { target: { value: '改过的正文' } });
  fireEvent.click(screen.getByTestId('warning-publish'));
  await waitFor(() => expect(screen.getByTestId('warning-message')).toHaveTextContent('已发布'));
  expect(publishes).toBe(1);
});

test('an analyst continues the saved draft and may save but not publish', async () => {
  renderPage([me('ANALYST'), warnings([notice('5', 'DRAFT', '已保存的草稿')]), published([]), subscription(false, 0)]);
  expect(await screen.findByTestId('warning-text')).toHaveValue('已保存的草稿');
  expect(screen.getByTestId('warning-save')).toBeEnabled();
  expect(screen.queryByTestId('warning-publish')).toBeNull();
  expect(screen.getByTestId('draft-state')).toHaveTextContent('草稿：hz-analyst 于 2026-08-03 09:00 保存');
});

test('opening the page marks a subscriber’s new warnings seen', async () => {
  let marked = 0;
  const seen: MockLink.MockedResponse = {
    request: { query: MARK_WARNINGS_SEEN_MUTATION },
    result: () => {
      marked++;
      return {
        data: {
          markWarningsSeen: { __typename: 'WarningSubscriptionState', subscribed: true, regionCode: '330100', unseenCount: 0 },
        },
      };
    },
  };
  renderPage([me('ANALYST'), warnings(), published([]), subscription(true, 2), seen]);
  expect(await screen.findByTestId('warning-subscribe')).toBeChecked();
  await waitFor(() => expect(marked).toBe(1));
});

test('the header badge shows a subscriber’s new warnings; nothing when not subscribed', async () => {
  const renderBadge = (mock: MockLink.MockedResponse) =>
    render(
      <MockedProvider mocks={[mock]}>
        <I18nProvider lang="zh">
          <MemoryRouter>
            <WarningBadge />
          </MemoryRouter>
        </I18nProvider>
      </MockedProvider>,
    );
  const { unmount } = renderBadge(subscription(true, 3));
  expect(await screen.findByTestId('warning-unseen')).toHaveTextContent('3');
  expect(screen.getByTestId('warning-link')).toHaveAttribute('href', '/warnings');
  unmount();
  renderBadge(subscription(false, 0));
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  expect(screen.queryByTestId('warning-link')).toBeNull();
});
