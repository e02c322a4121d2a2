/**
 * The header's 预警 link with the count of warnings published since the user last looked (issue 15 §2), the 通报
 * badge's pattern (features/notices/notice-badge.tsx): shown to a subscriber only; every role may subscribe.
 */
import { useQuery } from '@apollo/client/react';
import { NavLink } from 'react-router';
import { formatCount } from '../../format/number-format';
import { useI18n } from '../../i18n/i18n';
import { WARNING_SUBSCRIPTION_QUERY } from './warnings.queries';

/** Re-asked every 5 minutes: a warning published while the user works shows up without a reload. */
const POLL_MS = 5 * 60_000;

export function WarningBadge() {
  const { t, lang } = useI18n();
  const { data } = useQuery(WARNING_SUBSCRIPTION_QUERY, { pollInterval: POLL_MS });
  const state = data?.warningSubscription;
  if (!state?.subscribed) return null;
  return (
    <NavLink to="/warnings" className="link-btn notice-link" data-testid="warning-link">
      {t('warnings.badge')}
      {state.unseenCount > 0 && (
        <span
          className="badge badge-unread"
          data-testid="warning-unseen"
          title={t('warnings.unseen', { count: state.unseenCount })}
        >
          {formatCount(state.unseenCount, lang)}
        </span>
      )}
    </NavLink>
  );
}
