/**
 * 月度通报 list: the last 12 complete months, newest first, with their published flag — one `reports` query (the
 * server lists the months of the caller's province and whether each city ranking is frozen).
 */
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { QueryView } from '../../common/states';
import { formatMonth } from '../../format/months';
import { useI18n } from '../../i18n/i18n';
import { PublishedBadge } from '../ranking/published-badge';
import { REPORTS_QUERY } from './reports.queries';

export function ReportsListPage() {
  const { t, lang } = useI18n();
  const { data, loading, error, refetch } = useQuery(REPORTS_QUERY);
  const months = data?.reports;
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('reports.title')}</h1>
      </div>
      <QueryView loading={loading && !months} error={error} empty={months?.length === 0} onRetry={() => void refetch()}>
        {() => (
          <ul className="card report-list" data-testid="report-list">
            {(months ?? []).map((m) => (
              <li key={m.month} className="report-item" data-testid={`report-item-${m.month}`}>
                <Link to={`/reports/${m.month}`} className="report-month">
                  {formatMonth(m.month, lang)}
                </Link>
                <span>
                  <PublishedBadge published={m.published} publishedAt={m.publishedAt} />
                </span>
                <Link to={`/reports/${m.month}`} className="btn">
                  {t('reports.open')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
