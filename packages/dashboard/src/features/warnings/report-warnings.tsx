/** The monthly report's 消费提示 section: the month's published warnings concerning the reader's region. */
import type { WarningNoticeFieldsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { PublishedWarnings } from './published-warnings';

export function ReportWarnings({ warnings }: { warnings: readonly WarningNoticeFieldsFragment[] }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <div className="card report-warnings" data-testid="report-warnings">
      <h2>{t('warnings.reportSection')}</h2>
      <PublishedWarnings warnings={warnings} testId="report-warning-list" />
    </div>
  );
}
