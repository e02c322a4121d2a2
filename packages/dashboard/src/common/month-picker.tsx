import { useI18n } from '../i18n/i18n';

/** A native month input (works on phones); `data-testid="month-picker"` for the e2e tests. */
export function MonthPicker({
  value,
  onChange,
  testId = 'month-picker',
}: {
  value: string;
  onChange: (m: string) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t('month')}</span>
      <input
        type="month"
        data-testid={testId}
        value={value}
        onChange={(e) => {
          if (/^\d{4}-\d{2}$/.test(e.target.value)) onChange(e.target.value);
        }}
      />
    </label>
  );
}
