/** One case: its facts, its 督办 history and the supervise form (issue "Dashboard" §Overdue workbench). */
import { useQuery } from '@apollo/client/react';
import { useParams } from 'react-router';
import { useSession } from '../../app/session';
import { QueryView } from '../../common/states';
import type { CaseKind } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { CASE_QUERY } from './case.queries';
import { SUPERVISING_ROLES, SuperviseForm } from './supervise-form';

export function CasePage() {
  const { t } = useI18n();
  const { user } = useSession();
  const { caseId = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(CASE_QUERY, { variables: { caseId } });
  const c = data?.case;
  const canSupervise = (SUPERVISING_ROLES as readonly string[]).includes(user.role);
  return (
    <section className="page">
      <div className="page-head">
        <button type="button" className="link-btn" onClick={() => window.history.back()}>
          ← {t('back')}
        </button>
        <h1>
          {t('case.title')} <span className="mono">{caseId}</span>
        </h1>
      </div>
      <QueryView loading={loading && !data} error={error} empty={!!data && !c} onRetry={() => void refetch()}>
        {() =>
          c && (
            <div className="grid-2">
              <div className="card" data-testid="case-detail">
                <dl className="facts">
                  <dt>{t('caseId')}</dt>
                  <dd className="mono">{c.caseId}</dd>
                  <dt>{t('kind')}</dt>
                  <dd>{t(`kind.${c.kind as CaseKind}`)}</dd>
                  <dt>{t('registeredAt')}</dt>
                  <dd>{c.registeredAt}</dd>
                  <dt>{t('status')}</dt>
                  <dd>{c.status}</dd>
                  <dt>{t('handlingUnit')}</dt>
                  <dd>
                    {c.handlingUnitName} <span className="muted mono">{c.handlingUnitCode}</span>
                  </dd>
                  <dt>{t('respondent')}</dt>
                  <dd>{c.respondentName ?? '—'}</dd>
                  <dt>{t('objectCategory')}</dt>
                  <dd>{c.objectCategory ?? '—'}</dd>
                  <dt>{t('problemCategory')}</dt>
                  <dd>{c.problemCategory ?? '—'}</dd>
                  <dt>{t('channel')}</dt>
                  <dd>{c.channel}</dd>
                  <dt>{t('industry')}</dt>
                  <dd>{c.industryCode ?? '—'}</dd>
                  <dt>{t('foodRelated')}</dt>
                  <dd>{c.foodRelated ? '✔' : '—'}</dd>
                  <dt>{t('case.acceptance')}</dt>
                  <dd>{c.acceptance ?? '—'}</dd>
                  <dt>{t('case.outcome')}</dt>
                  <dd>{c.outcome ?? '—'}</dd>
                  <dt>{t('dueDate')}</dt>
                  <dd>
                    {[
                      c.acceptanceDue && `${t('stage.ACCEPTANCE')} ${c.acceptanceDue}`,
                      c.verificationDue && `${t('stage.VERIFICATION')} ${c.verificationDue}`,
                      c.closingDue && `${t('stage.CLOSING')} ${c.closingDue}`,
                    ]
                      .filter(Boolean)
                      .join(' · ') || '—'}
                  </dd>
                  <dt>{t('closedAt')}</dt>
                  <dd>{c.closedAt ?? '—'}</dd>
                </dl>
              </div>
              <div>
                <div className="card" data-testid="supervision-history">
                  <h2>{t('case.history')}</h2>
                  {c.supervisions.length === 0 ? (
                    <p className="muted">{t('case.noHistory')}</p>
                  ) : (
                    <ol className="timeline">
                      {c.supervisions.map((s) => (
                        <li key={s.id} data-testid={`supervision-${s.id}`}>
                          <div className="timeline-head">
                            <strong>{s.supervisedBy}</strong>
                            <span className="badge badge-role">{t(`role.${s.role}` as MessageKey)}</span>
                            <span className="muted">{s.createdAt}</span>
                          </div>
                          <p>{s.note}</p>
                          <div className="muted small">
                            {t('case.deadline')}: {s.deadline}
                          </div>
                        </li>
                      ))}
                    </ol>
                  )}
                </div>
                {canSupervise && <SuperviseForm caseId={c.caseId} onSaved={() => void refetch()} />}
              </div>
            </div>
          )
        }
      </QueryView>
    </section>
  );
}
