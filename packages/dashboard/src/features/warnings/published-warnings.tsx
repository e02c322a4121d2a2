/** Published 消费提示 with date and author: the 预警 page's list and the monthly report's section (issue 15 §2). */

import { formatMonth, shanghaiMinute } from '../../format/months';
import type { WarningNoticeFieldsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

export function PublishedWarnings({ warnings, testId }: { warnings: readonly WarningNoticeFieldsFragment[]; testId: string }) {
  const { t, lang } = useI18n();
  if (warnings.length === 0) return <p className="muted">{t('warnings.nonePublished')}</p>;
  return (
    <ul className="warning-list" data-testid={testId}>
      {warnings.map((w) => (
        <li key={w.id} className="warning-item" data-testid="published-warning">
          <h3>{w.title}</h3>
          <p className="muted small">
            {t('warnings.publishedBy', {
              region: w.regionName,
              month: formatMonth(w.month, lang),
              at: w.publishedAt ? shanghaiMinute(w.publishedAt) : '—',
              user: w.publishedBy ?? w.author,
            })}
          </p>
          <div className="warning-text">
            {w.text.split('\n').map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed text
              <p key={i}>{line}</p>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
