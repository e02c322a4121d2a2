/**
 * 签收情况 (issue 14 §3): on the province's report page, every recipient city of the month's 通报, signed or not, by
 * whom and when, and what became of its e-mail. Shown to users bound to a province only (the server refuses others).
 */
import { useQuery } from '@apollo/client/react';
import { QueryView } from '../../common/states';
import { shanghaiMinute } from '../../format/months';
import { formatCount } from '../../format/number-format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { NOTICE_RECEIPTS_QUERY } from './notices.queries';

export function ReceiptsTable({ month, parentCode }: { month: string; parentCode: string }) {
  const { t, lang } = useI18n();
  const { data, loading, error, refetch } = useQuery(NOTICE_RECEIPTS_QUERY, {
    variables: { month, parentCode },
    fetchPolicy: 'cache-and-network',
  });
  const receipts = data?.noticeReceipts;
  return (
    <div className="card no-print" data-testid="notice-receipts">
      <h2>{t('notices.receipts')}</h2>
      <QueryView loading={loading && !receipts} error={error} onRetry={() => void refetch()}>
        {() =>
          receipts && !receipts.published ? (
            <p className="muted">{t('notices.notDelivered')}</p>
          ) : (
            receipts && (
              <>
                <p className="muted" data-testid="notice-receipts-summary">
                  {t('notices.signedCount', {
                    signed: formatCount(receipts.signedCount, lang),
                    total: formatCount(receipts.rows.length, lang),
                  })}
                </p>
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>{t('region')}</th>
                      <th>{t('notices.status')}</th>
                      <th>{t('notices.signer')}</th>
                      <th>{t('notices.signedAt')}</th>
                      <th>{t('notices.mail')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {receipts.rows.map((row) => (
                      <tr
                        key={row.recipient.code}
                        data-testid={`receipt-${row.recipient.code}`}
                        className={row.signed ? undefined : 'row-black'}
                      >
                        <td>{row.recipient.name}</td>
                        <td>{row.signed ? `✔ ${t('notices.signed')}` : t('notices.notSigned')}</td>
                        <td>{row.signedBy ?? '—'}</td>
                        <td>{row.signedAt ? shanghaiMinute(row.signedAt) : '—'}</td>
                        <td title={row.mailError ?? undefined}>
                          {t(`notices.mail.${row.mailStatus}` as MessageKey)}
                          {row.mailError ? `（${row.mailError}）` : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )
          )
        }
      </QueryView>
    </div>
  );
}
