import { formatMonth, monthsEnding, todayShanghai } from '../format/months';
import { useI18n } from '../i18n/i18n';

/** How far back the picker reaches: three years of monthly evaluations. */
export const PICKER_MONTHS = 36;

/**
 * The month to show: a native select (phones open their own wheel) labelled the reader's way — 2026年10月, not the
 * browser's locale text a month input shows — newest first, from the current month back three years. A month from
 * the URL outside that range is kept as an option, so the page never silently shows another month than it names.
 * Given the months with data, it marks the others, so a reader sees which months are empty before choosing one.
 */
export function MonthPicker({
  value,
  onChange,
  testId = 'month-picker',
  now = new Date(),
  dataMonths,
}: {
  value: string;
  onChange: (m: string) => void;
  testId?: string;
  now?: Date;
  /** When known, the months that have data: the others are labelled 无数据 / no data. */
  dataMonths?: readonly string[];
}) {
  const { t, lang } = useI18n();
  const months = monthsEnding(todayShanghai(now).slice(0, 7), PICKER_MONTHS).reverse();
  if (!months.includes(value)) months.push(value);
  return (
    <label className="field">
      <span>{t('month')}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {months.map((m) => (
          <option key={m} value={m}>
            {dataMonths && !dataMonths.includes(m) ? t('month.noData', { month: formatMonth(m, lang) }) : formatMonth(m, lang)}
          </option>
        ))}
      </select>
    </label>
  );
}
