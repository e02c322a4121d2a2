/**
 * Loading, empty and error states (issue "Dashboard": an error never looks like an empty ranking — it names itself
 * and offers a retry).
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export function LoadingState() {
  const { t } = useI18n();
  return (
    <output className="state state-loading" data-testid="state-loading">
      <span className="spinner" aria-hidden="true" /> {t('state.loading')}
    </output>
  );
}

export function EmptyState({ message }: { message?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-empty" data-testid="state-empty">
      {message ?? t('state.empty')}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: { message: string } | string; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div className="state state-error" data-testid="state-error" role="alert">
      <strong>⚠ {t('state.error')}</strong>
      <span className="state-error-message">{message}</span>
      {onRetry && (
        <button type="button" className="btn" data-testid="state-error-retry" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/** One switch for the three states of a query; `children` renders only with data that is not empty. */
export function QueryView({
  loading,
  error,
  empty,
  onRetry,
  children,
}: {
  loading: boolean;
  error?: { message: string } | null;
  empty?: boolean;
  onRetry?: () => void;
  children: () => ReactNode;
}) {
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (loading) return <LoadingState />;
  if (empty) return <EmptyState />;
  return <>{children()}</>;
}
