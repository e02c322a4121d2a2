/** A station's case list (`cases(filter, first, after)`), paged by cursor; a row opens the case page. */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { QueryView } from '../../common/states';
import type { CaseFilter, CaseKind } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { CASE_LIST_QUERY } from './drill.queries';

const PAGE_SIZE = 50;

export function CaseList({ filter }: { filter: CaseFilter }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const { data, loading, error, refetch } = useQuery(CASE_LIST_QUERY, { variables: { filter, first: PAGE_SIZE, after } });
  const conn = data?.cases;
  return (
    <div className="card">
      <h2>
        {t('drill.cases')} {conn && <span className="muted small">{t('totalCount', { n: conn.totalCount })}</span>}
      </h2>
      <QueryView
        loading={loading && !data}
        error={error}
        empty={!!conn && conn.nodes.length === 0}
        onRetry={() => void refetch()}
      >
        {() =>
          conn && (
            <>
              <div className="table-scroll">
                <table className="table" data-testid="case-list">
                  <thead>
                    <tr>
                      <th className="sticky-col">{t('caseId')}</th>
                      <th>{t('kind')}</th>
                      <th>{t('registeredAt')}</th>
                      <th>{t('status')}</th>
                      <th>{t('respondent')}</th>
                      <th>{t('objectCategory')}</th>
                      <th>{t('problemCategory')}</th>
                      <th>{t('handlingUnit')}</th>
                      <th>{t('closedAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {conn.nodes.map((c) => (
                      <tr
                        key={c.caseId}
                        className="clickable"
                        data-testid={`case-row-${c.caseId}`}
                        onClick={() => navigate(`/cases/${c.caseId}`)}
                      >
                        <td className="sticky-col mono">{c.caseId}</td>
                        <td>{t(`kind.${c.kind as CaseKind}`)}</td>
                        <td>{c.registeredAt}</td>
                        <td>{c.status}</td>
                        <td>{c.respondentName ?? '—'}</td>
                        <td>{c.objectCategory ?? '—'}</td>
                        <td>{c.problemCategory ?? '—'}</td>
                        <td>{c.handlingUnitName}</td>
                        <td>{c.closedAt ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                page={cursors.length}
                hasNext={conn.pageInfo.hasNextPage}
                onPrev={() => setCursors((c) => c.slice(0, -1))}
                onNext={() => setCursors((c) => [...c, conn.pageInfo.endCursor ?? null])}
              />
            </>
          )
        }
      </QueryView>
    </div>
  );
}

export function Pager({
  page,
  hasNext,
  onPrev,
  onNext,
  nextTestId = 'case-list-next-page',
}: {
  page: number;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  nextTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="pager">
      <button type="button" className="btn" disabled={page <= 1} onClick={onPrev}>
        ‹ {t('prevPage')}
      </button>
      <span className="muted">{t('page', { n: page })}</span>
      <button type="button" className="btn" data-testid={nextTestId} disabled={!hasNext} onClick={onNext}>
        {t('nextPage')} ›
      </button>
    </div>
  );
}
