/**
 * First render of the ranking (issue "Dashboard" §Quality: under 1.5 s). Without this the page is a waterfall:
 * entry JS → `Me` → the ranking chunk → the Ranking query. At start-up, when the URL is /ranking and a token is
 * present, the app starts the Ranking query (variables from the URL and the token's region claim, the same function
 * the page uses) and the ranking chunk download, both in parallel with `Me`. The page then takes the answer from the
 * cache instead of asking again (isPrefetched).
 */
import type { ApolloClient } from '@apollo/client';
import { RANKING_QUERY } from './ranking.queries';
import { rankingScope, rankingVariables } from './ranking-scope';

type RankingPageModule = typeof import('./ranking-page');
let loadedModule: RankingPageModule | null = null;

export const loadRankingPage = (): Promise<RankingPageModule> =>
  import('./ranking-page').then((m) => {
    loadedModule = m;
    return m;
  });

/**
 * The page module once loaded. The route renders it directly then: going through React.lazy would suspend for a
 * tick even on a loaded chunk, and React holds a revealed Suspense fallback ~300 ms (its fallback throttle).
 */
export const loadedRankingPage = (): RankingPageModule | null => loadedModule;

let prefetched: string | null = null;

const keyOf = (v: object) => JSON.stringify(v);

export function prefetchRanking(
  client: ApolloClient,
  location: { pathname: string; search: string },
  regionCode: string | null,
): void {
  if (location.pathname.replace(/\/$/, '') !== '/ranking' || !regionCode) return;
  // The page chunk (recharts included) downloads and compiles while `Me` is on its way.
  void loadRankingPage().catch(() => undefined);
  const variables = rankingVariables(rankingScope(new URLSearchParams(location.search), regionCode));
  if (!variables) return;
  prefetched = keyOf(variables);
  // An error is left for the page to show: it asks again (isPrefetched is false once it failed).
  client.query({ query: RANKING_QUERY, variables, fetchPolicy: 'network-only' }).catch(() => {
    prefetched = null;
  });
}

/**
 * Whether the start-up prefetch asked for these variables: the page then reads the cache (`cache-first`; a request
 * still in flight is shared through Apollo's query deduplication) instead of fetching the same ranking twice.
 */
export function isPrefetched(variables: object | null): boolean {
  return variables !== null && prefetched === keyOf(variables);
}

/** Called once the page has mounted: later visits refresh the ranking as usual (`cache-and-network`). */
export function forgetPrefetch(): void {
  prefetched = null;
}
