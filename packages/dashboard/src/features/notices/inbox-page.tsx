/**
 * A city chief's 通报 inbox (issue 14 §3): the province's monthly 通报 delivered to the unit, newest first, unread in
 * bold. Opening one (/inbox/:id) signs for it (签收) and offers the PDF and Word files.
 */
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { QueryView } from '../../common/states';
import { formatMonth, shanghaiMinute } from '../../format/months';
import { useI18n } from '../../i18n/i18n';
import { NOTICE_INBOX_QUERY } from './notices.queries';

export function InboxPage() {
  const { t, lang } = useI18n();
  const { data, loading, error, refetch } = useQuery(NOTICE_INBOX_QUERY, { fetchPolicy: 'cache-and-network' });
  const notices = data?.noticeInbox;
  return (
    <section className="page" data-testid="inbox-page">
      <div className="page-head">
        <h1>{t('notices.inbox')}</h1>
      </div>
      <QueryView loading={loading && !notices} error={error} empty={notices?.length === 0} onRetry={() => void refetch()}>
        {() => (
          <ul className="card report-list" data-testid="inbox-list">
            {(notices ?? []).map((n) => (
              <li
                key={n.id}
                className={n.read ? 'report-item' : 'report-item unread'}
                data-testid={`inbox-item-${n.month}`}
                data-read={n.read ? 'true' : 'false'}
              >
                <Link to={`/inbox/${n.id}`} className="report-month">
                  {n.read ? '' : '● '}
                  {t('notices.subject', { month: formatMonth(n.month, lang), parent: n.parent.name })}
                </Link>
                <span className="muted">
                  {n.read
                    ? t('notices.signedBy', { user: n.signedBy ?? '', at: shanghaiMinute(n.signedAt ?? '') })
                    : t('notices.notSigned')}
                </span>
                <Link to={`/inbox/${n.id}`} className="btn">
                  {t('notices.open')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
