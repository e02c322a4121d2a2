/**
 * Said in words when the ranking's month has no cases (issue 14 §4), instead of a chart without bars and every unit
 * 无评分: which month is empty, the latest month that has data (one click away), or that nothing is loaded at all.
 */
import { formatMonth } from '../../format/months';
import { useI18n } from '../../i18n/i18n';

export function NoDataNotice({
  month,
  latestDataMonth,
  someScored,
  onOpen,
}: {
  /** The month shown, which has no cases. */
  month: string;
  /** The newest month with cases (never `month`), null when no case is loaded. */
  latestDataMonth: string | null;
  /** Some unit is scored all the same (cases received earlier, handled in the month): the ranking follows. */
  someScored: boolean;
  onOpen: (month: string) => void;
}) {
  const { t, lang } = useI18n();
  if (latestDataMonth === null) {
    return (
      <div className="card notice" data-testid="ranking-no-data">
        <p>{t('ranking.noCasesLoaded')}</p>
      </div>
    );
  }
  const latest = formatMonth(latestDataMonth, lang);
  return (
    <div className="card notice" data-testid="ranking-no-data">
      <p>{t('ranking.noCasesInMonth', { month: formatMonth(month, lang), latest })}</p>
      {someScored && <p className="muted small">{t('ranking.scoresFromEarlier')}</p>}
      <button type="button" className="btn" data-testid="ranking-open-latest" onClick={() => onOpen(latestDataMonth)}>
        {t('ranking.openLatest', { latest })}
      </button>
    </div>
  );
}
