/** 月度通报 list: the last 12 months with their published flag (the ranking's `published`, one query per month). */
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { provinceOf } from '../../common/regions';
import { lastFullMonth, monthsEnding } from '../../format/months';
import { useI18n } from '../../i18n/i18n';
import { PublishedBadge } from '../ranking/published-badge';
import { REPORT_STATUS_QUERY } from './reports.queries';

function ReportRow({ month, parentCode }: { month: string; parentCode: string }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(REPORT_STATUS_QUERY, { variables: { month, parentCode } });
  return (
    <li className="report-item" data-testid={`report-item-${month}`}>
      <Link to={`/reports/${month}`} className="report-month">
        {month}
      </Link>
      <span>
        {error ? (
          <button type="button" className="link-btn" data-testid="state-error-retry" onClick={() => void refetch()}>
            ⚠ {t('state.retry')}
          </button>
        ) : loading && !data ? (
          <span className="muted small">{t('state.loading')}</span>
        ) : data ? (
          <PublishedBadge published={data.ranking.published} publishedAt={data.ranking.publishedAt} />
        ) : null}
      </span>
      <Link to={`/reports/${month}`} className="btn">
        {t('reports.open')}
      </Link>
    </li>
  );
}

export function ReportsListPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const parentCode = provinceOf(user.regionCode);
  const months = monthsEnding(lastFullMonth(), 12).reverse();
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('reports.title')}</h1>
      </div>
      <ul className="card report-list" data-testid="report-list">
        {months.map((m) => (
          <ReportRow key={m} month={m} parentCode={parentCode} />
        ))}
      </ul>
    </section>
  );
}
