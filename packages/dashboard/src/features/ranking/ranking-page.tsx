/**
 * 效能评价排名: the city ranking of the province, or the county ranking inside a city (level/parent switch), for a
 * month kept in the URL (DASHBOARD-SPEC: /ranking?month=&level=&parent=). Opened without a month, it shows the last
 * complete month, or the latest month with data when that one has none (issue 14 §4); a month without cases is said
 * to be empty (NoDataNotice) rather than drawn as a chart of 无评分 rows.
 */
import type { WatchQueryFetchPolicy } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { SCORED_INDICATORS } from '@c12315/domain/src/indicators/catalogue';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { MonthPicker } from '../../common/month-picker';
import { QueryView } from '../../common/states';
import { useUrlState } from '../../common/url-state';
import { exportPath, XlsxButton } from '../../common/xlsx-button';
import { useI18n } from '../../i18n/i18n';
import { NoDataNotice } from './no-data-notice';
import { PublishedBadge } from './published-badge';
import { RANKING_QUERY, REGIONS_QUERY } from './ranking.queries';
import { forgetPrefetch, isPrefetched } from './ranking-prefetch';
import { type RankingScope, rankingScope, rankingVariables } from './ranking-scope';
import { RankingTable } from './ranking-table';
import { RedBlackLists } from './red-black-lists';
import { ScoreChart } from './score-chart';

export function useRankingScope(): RankingScope {
  const { user } = useSession();
  const [params] = useUrlState();
  return rankingScope(params, user.regionCode);
}

export function RankingPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [, setParams] = useUrlState();
  const scope = useRankingScope();
  const { month, monthChosen, level, province } = scope;
  // The cities only feed the COUNTY parent picker: the CITY ranking never waits for them.
  const cities = useQuery(REGIONS_QUERY, { variables: { parentCode: province, level: 'CITY' }, skip: level !== 'COUNTY' });
  const variables = rankingVariables(scope) ?? {
    month,
    level,
    parentCode: cities.data?.regions[0]?.code ?? '',
  };
  const parentCode = variables.parentCode || null;
  // Started at app start-up together with `Me` (ranking-prefetch.ts): read that answer instead of asking again.
  // Read during render, forgotten once mounted: a render React throws away must not use the prefetch up.
  const [fetchPolicy] = useState<WatchQueryFetchPolicy>(() =>
    isPrefetched(rankingVariables(scope)) ? 'cache-first' : 'cache-and-network',
  );
  useEffect(forgetPrefetch, []);
  const { data, loading, error, refetch } = useQuery(RANKING_QUERY, {
    variables,
    fetchPolicy,
    skip: !parentCode,
  });
  const ranking = data?.ranking;
  // A published snapshot is the month's record whatever is loaded now: it is shown as it is.
  const monthHasData = !ranking || ranking.published || ranking.dataMonths.includes(month);
  const someScored = ranking?.rows.some((r) => r.score != null) ?? false;
  // Opened without a month and the default one is empty: settle on the latest month with data (replacing the history
  // entry, so Back leaves the page instead of landing on a URL that moves again).
  const settleOn = !monthChosen && !monthHasData ? (ranking?.latestDataMonth ?? null) : null;
  useEffect(() => {
    if (settleOn) setParams({ month: settleOn }, { replace: true });
  }, [settleOn, setParams]);
  const indicatorIds = useMemo(() => {
    const present = new Set(ranking?.rows.flatMap((r) => r.values.map((v) => v.indicatorId)));
    return SCORED_INDICATORS.map((i) => i.id).filter((id) => present.has(id));
  }, [ranking]);
  const bars = useMemo(() => {
    if (!ranking) return [];
    const red = new Set(ranking.redList.regionCodes);
    const black = new Set(ranking.blackList.regionCodes);
    return ranking.rows
      .filter((r) => r.score != null)
      .map((r) => ({
        code: r.region.code,
        name: r.region.name,
        score: r.score!,
        highlight: red.has(r.region.code) ? ('red' as const) : black.has(r.region.code) ? ('black' as const) : undefined,
      }));
  }, [ranking]);

  const open = (code: string) =>
    navigate(`/ranking/unit/${code}?month=${month}&level=${level}${parentCode ? `&parent=${parentCode}` : ''}`);

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('ranking.title')}</h1>
        {ranking && <PublishedBadge published={ranking.published} publishedAt={ranking.publishedAt} />}
      </div>
      <div className="toolbar">
        <MonthPicker value={month} onChange={(m) => setParams({ month: m })} dataMonths={ranking?.dataMonths} />
        <label className="field">
          <span>{t('level')}</span>
          <select
            data-testid="level-switch"
            value={level}
            onChange={(e) => setParams({ level: e.target.value, parent: e.target.value === 'CITY' ? province : null })}
          >
            <option value="CITY">{t('level.CITY')}</option>
            <option value="COUNTY">{t('level.COUNTY')}</option>
          </select>
        </label>
        {level === 'COUNTY' && (
          <label className="field">
            <span>{t('parent')}</span>
            <select data-testid="parent-switch" value={parentCode ?? ''} onChange={(e) => setParams({ parent: e.target.value })}>
              {(cities.data?.regions ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <XlsxButton
          testId="ranking-xlsx"
          disabled={!parentCode}
          path={exportPath('ranking.xlsx', { month, level, parentCode })}
          fileName={`效能评价排名-${parentCode ?? ''}-${month}.xlsx`}
        />
      </div>
      <QueryView
        loading={(loading && !ranking) || settleOn !== null}
        error={error}
        empty={ranking?.rows.length === 0}
        onRetry={() => void refetch()}
      >
        {() =>
          ranking && (
            <>
              {!monthHasData && (
                <NoDataNotice
                  month={month}
                  latestDataMonth={ranking.latestDataMonth ?? null}
                  someScored={someScored}
                  onOpen={(m) => setParams({ month: m })}
                />
              )}
              {(monthHasData || someScored) && (
                <>
                  <div className="grid-2">
                    <div className="card">
                      <h2>{t('scoreChart')}</h2>
                      <ScoreChart bars={bars} />
                    </div>
                    <RedBlackLists ranking={ranking} />
                  </div>
                  <div className="card">
                    <RankingTable rows={ranking.rows} indicatorIds={indicatorIds} onSelect={open} />
                  </div>
                </>
              )}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
