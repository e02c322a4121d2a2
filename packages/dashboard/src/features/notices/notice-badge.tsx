/**
 * The header's 通报 link with the unread count (issue 14 §3): a city chief sees how many 通报 of the unit are not
 * yet signed for. Other roles have no inbox, so nothing is shown (nor asked).
 */
import { useQuery } from '@apollo/client/react';
import { NavLink } from 'react-router';
import { formatCount } from '../../format/number-format';
import { useI18n } from '../../i18n/i18n';
import { UNREAD_NOTICE_COUNT_QUERY } from './notices.queries';

/** Re-asked every 5 minutes: a month published while the chief works shows up without a reload. */
const POLL_MS = 5 * 60_000;

export function NoticeBadge({ userRole }: { userRole: string }) {
  const { t, lang } = useI18n();
  const chief = userRole === 'CITY_CHIEF';
  const { data } = useQuery(UNREAD_NOTICE_COUNT_QUERY, { skip: !chief, pollInterval: POLL_MS });
  if (!chief) return null;
  const unread = data?.unreadNoticeCount ?? 0;
  return (
    <NavLink to="/inbox" className="link-btn notice-link" data-testid="notice-link">
      {t('notices.inbox')}
      {unread > 0 && (
        <span className="badge badge-unread" data-testid="notice-unread" title={t('notices.unread', { count: unread })}>
          {formatCount(unread, lang)}
        </span>
      )}
    </NavLink>
  );
}
