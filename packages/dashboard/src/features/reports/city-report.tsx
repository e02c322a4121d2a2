/** One city's page of the monthly report: rank, score, indicators against targets, movement, overdue, top problems. */
import { indicatorById, SCORED_INDICATORS } from '@c12315/domain/src/indicators/catalogue';
import { formatByUnit, formatCount, formatScore } from '../../format/number-format';
import type { RankingQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { MovementList } from '../ranking/movement-list';
import { Movement } from '../ranking/ranking-table';

type Row = RankingQuery['ranking']['rows'][number];

export interface CityFacts {
  received: number | null;
  overdueOpen: number | null;
  topProblems: { label: string; count: number }[];
}

export function CityReport({
  row,
  facts,
  targets,
  total,
}: {
  row: Row;
  facts: CityFacts | undefined;
  targets: Map<string, { target: number; weight: number }>;
  total: number;
}) {
  const { t, lang, indicatorName } = useI18n();
  return (
    <article className="report-city card" data-testid={`report-city-${row.region.code}`}>
      <header className="report-city-head">
        <h2>{row.region.name}</h2>
        <div className="report-city-kpis">
          <span>
            {t('rank')} <strong data-testid={`report-rank-${row.region.code}`}>{row.rank ?? '—'}</strong> / {total}
          </span>
          <span>
            {t('score')} <strong>{formatScore(row.score)}</strong>
          </span>
          <span>
            {t('previousRank')} {row.previousRank ?? '—'} <Movement rank={row.rank} previousRank={row.previousRank} />
          </span>
          <span>
            {t('report.overdue')} <strong>{formatCount(facts?.overdueOpen, lang)}</strong>
          </span>
        </div>
      </header>
      <div className="report-city-body">
        <table className="table compact">
          <thead>
            <tr>
              <th>{t('report.indicators')}</th>
              <th className="num">{t('value')}</th>
              <th className="num">{t('target')}</th>
              <th className="num">{t('points')}</th>
            </tr>
          </thead>
          <tbody>
            {SCORED_INDICATORS.map((ind) => {
              const v = row.values.find((x) => x.indicatorId === ind.id);
              const cfg = targets.get(ind.id);
              const full = v?.points != null && cfg !== undefined && v.points >= cfg.weight;
              return (
                <tr key={ind.id}>
                  <td>{indicatorName(ind.id)}</td>
                  <td className={`num ${full ? 'ok' : v?.points === 0 ? 'bad' : ''}`}>
                    {formatByUnit(ind.unit, v?.value, lang)}
                  </td>
                  <td className="num muted">{cfg ? formatByUnit(indicatorById(ind.id)?.unit ?? '%', cfg.target, lang) : '—'}</td>
                  <td className="num">
                    {formatScore(v?.points)}
                    {cfg && <span className="muted"> / {cfg.weight}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="report-side">
          <h3>{t('report.movement')}</h3>
          {row.movement.length === 0 ? (
            <p className="muted small">{t('breakdown.noMovement')}</p>
          ) : (
            <MovementList movement={row.movement} />
          )}
          <h3>{t('report.topProblems')}</h3>
          {facts && facts.topProblems.length > 0 ? (
            <ol className="problems">
              {facts.topProblems.map((p) => (
                <li key={p.label}>
                  {p.label} <span className="muted">{formatCount(p.count, lang)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted small">{t('state.empty')}</p>
          )}
        </div>
      </div>
    </article>
  );
}
