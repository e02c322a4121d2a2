/**
 * One 通报, opened from the inbox: opening signs for it (签收, recorded server-side with who and when; the first
 * signature stands), then the PDF and Word files of the month can be downloaded (with the session's token).
 */
import { useMutation } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { downloadWithAuth } from '../../common/download';
import { ErrorState, LoadingState } from '../../common/states';
import { formatMonth, shanghaiMinute } from '../../format/months';
import { useI18n } from '../../i18n/i18n';
import { SIGN_NOTICE_MUTATION, UNREAD_NOTICE_COUNT_QUERY } from './notices.queries';

export function NoticePage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const [sign, { data, error, loading }] = useMutation(SIGN_NOTICE_MUTATION, {
    refetchQueries: [{ query: UNREAD_NOTICE_COUNT_QUERY }],
  });
  const [downloadError, setDownloadError] = useState<string | null>(null);
  useEffect(() => {
    void sign({ variables: { id } }).catch(() => undefined);
  }, [id, sign]);
  const notice = data?.signNotice;
  const download = async (path: string, fileName: string) => {
    setDownloadError(null);
    try {
      await downloadWithAuth(path, fileName);
    } catch (e) {
      setDownloadError(t('downloadFailed', { message: (e as Error).message }));
    }
  };
  return (
    <section className="page" data-testid="notice-page">
      <div className="toolbar">
        <Link to="/inbox" className="link-btn">
          ← {t('back')}
        </Link>
      </div>
      {error && <ErrorState error={error} onRetry={() => void sign({ variables: { id } }).catch(() => undefined)} />}
      {!error && (loading || !notice) && <LoadingState />}
      {notice && (
        <div className="card">
          <h1>{t('notices.subject', { month: formatMonth(notice.month, lang), parent: notice.parent.name })}</h1>
          <p data-testid="notice-signed">
            ✔ {t('notices.signedBy', { user: notice.signedBy ?? '', at: shanghaiMinute(notice.signedAt ?? '') })}
          </p>
          <div className="toolbar">
            <button
              type="button"
              className="btn"
              data-testid="notice-pdf"
              onClick={() => void download(notice.pdfPath, `通报-${notice.month}-${notice.recipient.code}.pdf`)}
            >
              ⤓ {t('notices.pdf')}
            </button>
            <button
              type="button"
              className="btn"
              data-testid="notice-docx"
              onClick={() => void download(notice.docxPath, `通报-${notice.month}-${notice.recipient.code}.docx`)}
            >
              ⤓ {t('notices.docx')}
            </button>
          </div>
          {downloadError && (
            <div className="form-error" role="alert">
              {downloadError}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
