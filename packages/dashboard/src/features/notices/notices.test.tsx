/**
 * The 通报 badge, inbox and notice page (issue 14 §3): a chief sees the unread count, the inbox marks unread items,
 * opening a 通报 signs for it (the mutation runs, the count is asked again) and offers the PDF and Word files; other
 * roles get no badge and ask nothing.
 */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { I18nProvider } from '../../i18n/i18n';
import { InboxPage } from './inbox-page';
import { NoticeBadge } from './notice-badge';
import { NoticePage } from './notice-page';
import { NOTICE_INBOX_QUERY, SIGN_NOTICE_MUTATION, UNREAD_NOTICE_COUNT_QUERY } from './notices.queries';

const unread = (count: number): MockLink.MockedResponse => ({
  request: { query: UNREAD_NOTICE_COUNT_QUERY },
  result: { data: { unreadNoticeCount: count } },
});

const notice = (id: string, month: string, read: boolean) => ({
  __typename: 'NoticeInboxItem',
  id,
  month,
  parent: { __typename: 'Region', code: '140000', name: '山西省' },
  recipient: { __typename: 'Region', code: '140100', name: '太原市' },
  deliveredAt: '2026-11-05T02:00:00.000Z',
  read,
  signedAt: read ? '2026-11-06T01:30:00.000Z' : null,
  signedBy: read ? 'ty-chief' : null,
  pdfPath: `/export/notice.pdf?month=${month}&parentCode=140000&city=140100`,
  docxPath: `/export/notice.docx?month=${month}&parentCode=140000&city=140100`,
});

function renderAt(path: string, mocks: MockLink.MockedResponse[], element: ReactNode, route = path) {
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider lang="zh">
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={element} />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </MockedProvider>,
  );
}

test('a city chief’s badge shows the unread count; none when all are signed', async () => {
  const { unmount } = renderAt('/', [unread(2)], <NoticeBadge userRole="CITY_CHIEF" />);
  expect(await screen.findByTestId('notice-unread')).toHaveTextContent('2');
  expect(screen.getByTestId('notice-link')).toHaveAttribute('href', '/inbox');
  unmount();
  renderAt('/', [unread(0)], <NoticeBadge userRole="CITY_CHIEF" />);
  await screen.findByTestId('notice-link');
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  expect(screen.queryByTestId('notice-unread')).toBeNull();
});

test('other roles have no inbox: no badge, no request', async () => {
  let asked = 0;
  const count: MockLink.MockedResponse = {
    request: { query: UNREAD_NOTICE_COUNT_QUERY },
    result: () => {
      asked++;
      return { data: { unreadNoticeCount: 3 } };
    },
  };
  renderAt('/', [count], <NoticeBadge userRole="ANALYST" />);
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  expect(screen.queryByTestId('notice-link')).toBeNull();
  expect(asked).toBe(0);
});

test('the inbox lists the 通报, unread ones marked', async () => {
  const inbox: MockLink.MockedResponse = {
    request: { query: NOTICE_INBOX_QUERY },
    result: { data: { noticeInbox: [notice('8', '2026-10', false), notice('7', '2026-09', true)] } },
  };
  renderAt('/inbox', [inbox], <InboxPage />);
  const october = await screen.findByTestId('inbox-item-2026-10');
  expect(october).toHaveAttribute('data-read', 'false');
  expect(october).toHaveTextContent('未签收');
  const september = screen.getByTestId('inbox-item-2026-09');
  expect(september).toHaveAttribute('data-read', 'true');
  expect(september).toHaveTextContent('ty-chief 已于');
  expect(october.querySelector('a')).toHaveAttribute('href', '/inbox/8');
});

test('opening a 通报 signs for it, asks the count again and offers PDF and Word', async () => {
  let signed = 0;
  const sign: MockLink.MockedResponse = {
    request: { query: SIGN_NOTICE_MUTATION, variables: { id: '8' } },
    result: () => {
      signed++;
      return { data: { signNotice: notice('8', '2026-10', true) } };
    },
  };
  let counted = 0;
  const count: MockLink.MockedResponse = {
    request: { query: UNREAD_NOTICE_COUNT_QUERY },
    result: () => {
      counted++;
      return { data: { unreadNoticeCount: 0 } };
    },
  };
  renderAt('/inbox/8', [sign, count], <NoticePage />, '/inbox/:id');
  expect(await screen.findByTestId('notice-signed')).toHaveTextContent('ty-chief 已于');
  expect(signed).toBe(1);
  await waitFor(() => expect(counted).toBe(1));
  expect(screen.getByTestId('notice-pdf')).toHaveTextContent('下载 PDF');
  expect(screen.getByTestId('notice-docx')).toHaveTextContent('下载 Word');
});

test('a refused opening shows the error with a retry', async () => {
  const refused: MockLink.MockedResponse = {
    request: { query: SIGN_NOTICE_MUTATION, variables: { id: '9' } },
    error: new Error('通报 9 is addressed to 140200'),
  };
  renderAt('/inbox/9', [refused], <NoticePage />, '/inbox/:id');
  expect(await screen.findByTestId('state-error')).toHaveTextContent('addressed to 140200');
  expect(screen.queryByTestId('notice-pdf')).toBeNull();
});
