/** Routes (DASHBOARD-SPEC "Routes"): the pages load lazily so the initial bundle stays small (recharts lives in them). */
import { ApolloProvider } from '@apollo/client/react';
import { lazy, Suspense, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoadingState } from '../common/states';
import { LoginPage } from '../features/login/login-page';
import { loadedRankingPage, loadRankingPage, prefetchRanking } from '../features/ranking/ranking-prefetch';
import { I18nProvider } from '../i18n/i18n';
import { createApolloClient } from './apollo-client';
import { readToken } from './auth-token';
import { Layout } from './layout';
import { RequireSession } from './session';
import { regionOfToken, roleOfToken } from './token-claims';

/** The app's one client; the ranking (the default page) is asked for right away, in parallel with `Me`. */
function startClient() {
  const client = createApolloClient();
  // The wall display's token reads the screen only: no ranking to prefetch for it.
  if (roleOfToken(readToken()) !== 'SCREEN') prefetchRanking(client, window.location, regionOfToken(readToken()));
  return client;
}

const LazyRankingPage = lazy(() => loadRankingPage().then((m) => ({ default: m.RankingPage })));

/** The ranking page without a Suspense round when start-up already loaded its chunk (ranking-prefetch.ts). */
function RankingRoute() {
  const [loaded] = useState(loadedRankingPage);
  return loaded ? <loaded.RankingPage /> : <LazyRankingPage />;
}
const UnitBreakdownPage = lazy(() =>
  import('../features/ranking/unit-breakdown-page').then((m) => ({ default: m.UnitBreakdownPage })),
);
const DrillPage = lazy(() => import('../features/drill/drill-page').then((m) => ({ default: m.DrillPage })));
const DrillHome = lazy(() => import('../features/drill/drill-page').then((m) => ({ default: m.DrillHome })));
const CasePage = lazy(() => import('../features/cases/case-page').then((m) => ({ default: m.CasePage })));
const OverduePage = lazy(() => import('../features/overdue/overdue-page').then((m) => ({ default: m.OverduePage })));
const HotspotsPage = lazy(() => import('../features/hotspots/hotspots-page').then((m) => ({ default: m.HotspotsPage })));
const ReportsListPage = lazy(() => import('../features/reports/reports-list-page').then((m) => ({ default: m.ReportsListPage })));
const InboxPage = lazy(() => import('../features/notices/inbox-page').then((m) => ({ default: m.InboxPage })));
const NoticePage = lazy(() => import('../features/notices/notice-page').then((m) => ({ default: m.NoticePage })));
const ScreenPage = lazy(() => import('../features/screen/screen-page').then((m) => ({ default: m.ScreenPage })));
const WarningsPage = lazy(() => import('../features/warnings/warnings-page').then((m) => ({ default: m.WarningsPage })));
const ReportPage = lazy(() => import('../features/reports/report-page').then((m) => ({ default: m.ReportPage })));

export function App() {
  const client = useMemo(startClient, []);
  return (
    <ApolloProvider client={client}>
      <I18nProvider>
        <BrowserRouter>
          <Suspense fallback={<LoadingState />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              {/* The command-centre wall view: full screen, without the app's header and navigation. */}
              <Route
                path="/screen"
                element={
                  <RequireSession>
                    <ScreenPage />
                  </RequireSession>
                }
              />
              <Route
                element={
                  <RequireSession>
                    <Layout />
                  </RequireSession>
                }
              >
                <Route path="/ranking" element={<RankingRoute />} />
                <Route path="/ranking/unit/:code" element={<UnitBreakdownPage />} />
                <Route path="/drill" element={<DrillHome />} />
                <Route path="/drill/:regionCode" element={<DrillPage />} />
                <Route path="/cases/:caseId" element={<CasePage />} />
                <Route path="/overdue" element={<OverduePage />} />
                <Route path="/hotspots" element={<HotspotsPage />} />
                <Route path="/warnings" element={<WarningsPage />} />
                <Route path="/reports" element={<ReportsListPage />} />
                <Route path="/reports/:month" element={<ReportPage />} />
                <Route path="/inbox" element={<InboxPage />} />
                <Route path="/inbox/:id" element={<NoticePage />} />
                <Route path="*" element={<Navigate to="/ranking" replace />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </I18nProvider>
    </ApolloProvider>
  );
}
