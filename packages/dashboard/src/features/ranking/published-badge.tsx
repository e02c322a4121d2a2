import { shanghaiMinute } from '../../format/months';
import { useI18n } from '../../i18n/i18n';

export function PublishedBadge({ published, publishedAt }: { published: boolean; publishedAt?: string | null }) {
  const { t } = useI18n();
  return published ? (
    <span className="badge badge-published" data-testid="published-badge">
      ✔ {t('published')}
      {publishedAt ? ` · ${t('publishedAt', { at: shanghaiMinute(publishedAt) })}` : ''}
    </span>
  ) : (
    <span className="badge badge-live" data-testid="published-badge">
      {t('notPublished')}
    </span>
  );
}
