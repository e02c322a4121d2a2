/**
 * A unit's breakdown (issue "Dashboard" §Ranking): points per scored indicator against its maximum weight, the
 * indicators that moved its rank (`movement`) and a 12-month trend of score and rank (12 `ranking` queries).
 */
import { useApolloClient, useQuery } from '@apollo/client/react';
import { SCORED_INDICATORS } from '@c12315/domain/src/indicators/catalogue';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { cityOf, levelOfCode, provinceOf } from '../../common/regions';
import { ErrorState, LoadingState, QueryView } from '../../common/states';
import { useUrlState } from '../../common/url-state';
import { isMonth, lastFullMonth, monthsEnding } from '../../format/months';
import { formatByUnit, formatScore } from '../../format/number-format';
import type { RegionLevel } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { MovementList } from './movement-list';
import { RANKING_CONFIG_QUERY, RANKING_QUERY, RANKING_TREND_QUERY } from './ranking.queries';
import { Movement } from './ranking-table';
import { TrendChart, type TrendPoint } from './trend-chart';

function useTrend(code: string, month: string, level: RegionLevel, parentCode: string) {
  const client = useApolloClient();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ points?: TrendPoint[]; error?: Error; attempt: number }>({ attempt: 0 });
  useEffect(() => {
    let live = true;
    setState({ attempt });
    Promise.all(
      monthsEnding(month, 12).map((m) =>
        client.query({ query: RANKING_TREND_QUERY, variables: { month: m, level, parentCode } }).then((res) => {
          const row = res.data?.ranking.rows.find((r) => r.region.code === code);
          return { month: m, score: row?.score ?? null, rank: row?.rank ?? null };
        }),
      ),
    ).then(
      (points) => live && setState({ points, attempt }),
      (error: Error) => live && setState({ error, attempt }),
    );
    return () => {
      live = false;
    };
  }, [client, code, month, level, parentCode, attempt]);
  return { ...state, retry: () => setAttempt((a) => a + 1) };
}

export function UnitBreakdownPage() {
  const { t, lang, indicatorName } = useI18n();
  const { code = '' } = useParams();
  const [params] = useUrlState();
  const month = isMonth(params.get('month')) ? params.get('month')! : lastFullMonth();
  const level: RegionLevel = (params.get('level') as RegionLevel | null) ?? (levelOfCode(code) === 'CITY' ? 'CITY' : 'COUNTY');
  const parentCode = params.get('parent') ?? (level === 'CITY' ? provinceOf(code) : cityOf(code));
  const ranking = useQuery(RANKING_QUERY, { variables: { month, level, parentCode } });
  const config = useQuery(RANKING_CONFIG_QUERY);
  const trend = useTrend(code, month, level, parentCode);
  const row = ranking.data?.ranking.rows.find((r) => r.region.code === code);
  const weights = new Map(config.data?.rankingConfig.indicators.map((i) => [i.id, i.weight]));
  const back = `/ranking?month=${month}&level=${level}&parent=${parentCode}`;

  return (
    <section className="page" data-testid="unit-breakdown">
      <div className="page-head">
        <Link to={back} className="link-btn">
          ← {t('back')}
        </Link>
        <h1>{t('breakdown.title', { name: row?.region.name ?? code })}</h1>
        <span className="muted">{month}</span>
      </div>
      <QueryView
        loading={(ranking.loading && !ranking.data) || (config.loading && !config.data)}
        error={ranking.error ?? config.error}
        empty={!!ranking.data && !row}
        onRetry={() => {
          void ranking.refetch();
          void config.refetch();
        }}
      >
        {() =>
          row && (
            <>
              <div className="kpis">
                <div className="kpi">
                  <span className="kpi-label">{t('rank')}</span>
                  <span className="kpi-value">{row.rank ?? '—'}</span>
                </div>
                <div className="kpi">
                  <span className="kpi-label">{t('score')}</span>
                  <span className="kpi-value">{formatScore(row.score)}</span>
                </div>
                <div className="kpi">
                  <span className="kpi-label">{t('previousRank')}</span>
                  <span className="kpi-value">
                    {row.previousRank ?? '—'} <Movement rank={row.rank} previousRank={row.previousRank} />
                  </span>
                </div>
              </div>
              <div className="grid-2">
                <div className="card">
                  <h2>{t('breakdown.points')}</h2>
                  <ul className="points-list" data-testid="points-list">
                    {SCORED_INDICATORS.map((ind) => {
                      const v = row.values.find((x) => x.indicatorId === ind.id);
                      const max = weights.get(ind.id) ?? ind.weight ?? 0;
                      const pct = v?.points != null && max > 0 ? Math.min(100, (v.points / max) * 100) : 0;
                      return (
                        <li key={ind.id} data-testid={`points-${ind.id}`}>
                          <div className="points-head">
                            <span>{indicatorName(ind.id)}</span>
                            <span className="muted">{formatByUnit(ind.unit, v?.value, lang)}</span>
                            <span className="points-num">
                              {formatScore(v?.points)} / {formatScore(max)}
                            </span>
                          </div>
                          <div className="meter">
                            <div className="meter-fill" style={{ width: `${pct}%` }} />
                          </div>
                        </li>
                      );
                    })}
                  </ul>
                </div>
                <div className="card">
                  <h2>{t('breakdown.movement')}</h2>
                  {row.movement.length === 0 ? (
                    <p className="muted">{t('breakdown.noMovement')}</p>
                  ) : (
                    <MovementList movement={row.movement} withPoints testId="movement-list" />
                  )}
                  <h2>{t('breakdown.trend')}</h2>
                  {trend.error ? (
                    <ErrorState error={trend.error} onRetry={trend.retry} />
                  ) : trend.points ? (
                    <TrendChart points={trend.points} />
                  ) : (
                    <LoadingState />
                  )}
                </div>
              </div>
            </>
          )
        }
      </QueryView>
    </section>
  );
}
