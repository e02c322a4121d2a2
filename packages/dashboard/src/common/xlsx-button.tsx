/**
 * 下载 Excel: one table's .xlsx export (GET /export/*.xlsx, the api's sheet of what the screen shows) fetched with the
 * Bearer token (download.ts) and saved; a refusal or failure is shown beside the button.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { downloadWithAuth } from './download';

/** `/export/<route>?<params>`: empty and null values left out, lists comma-separated. */
export function exportPath(route: string, params: Record<string, string | readonly string[] | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const text = Array.isArray(value) ? value.join(',') : value;
    if (typeof text === 'string' && text !== '') q.set(key, text);
  }
  const s = q.toString();
  return `/export/${route}${s ? `?${s}` : ''}`;
}

export function XlsxButton({
  path,
  fileName,
  testId,
  label,
  disabled = false,
}: {
  path: string;
  fileName: string;
  testId: string;
  /** Default: 下载 Excel / Download Excel. */
  label?: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setError(null);
    setBusy(true);
    try {
      await downloadWithAuth(path, fileName);
    } catch (e) {
      setError(t('downloadFailed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn" data-testid={testId} disabled={disabled || busy} onClick={() => void download()}>
        ⤓ {label ?? t('downloadXlsx')}
      </button>
      {error && (
        <span className="form-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </>
  );
}
