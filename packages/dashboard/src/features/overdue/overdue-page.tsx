/**
 * 超期督办: the overdue list as of a date, filters (kind, stage), sort, cursor paging, CSV and .xlsx exports (fetch + Bearer
 * → blob); a row opens the case page with its 督办 history and form. State in the URL:
 * /overdue?asOf=&region=&sort=&stage=&kind=&page= (DASHBOARD-SPEC).
 */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { downloadWithAuth } from '../../common/download';
import { QueryView } from '../../common/states';
import { useUrlState } from '../../common/url-state';
import { exportPath, XlsxButton } from '../../common/xlsx-button';
import { isDate, todayShanghai } from '../../format/months';
import type { CaseKind, OverdueSort, OverdueStage } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { Pager } from '../drill/case-list';
import { OVERDUE_QUERY } from './overdue.queries';
import { OverdueTable } from './overdue-table';

const PAGE_SIZE = 50;
const SORTS: OverdueSort[] = ['OVERDUE_WORKDAYS', 'DUE_DATE', 'UNIT'];
const STAGES: OverdueStage[] = ['ACCEPTANCE', 'CLOSING', 'VERIFICATION'];
const KINDS: CaseKind[] = ['COMPLAINT', 'REPORT', 'CONSULTATION', 'SUGGESTION'];

export function OverduePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useUrlState();
  const asOf = isDate(params.get('asOf')) ? params.get('asOf')! : todayShanghai();
  const regionCode = params.get('region') || null;
  const sort = (SORTS as string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as OverdueSort) : 'OVERDUE_WORKDAYS';
  const stage = (STAGES as string[]).includes(params.get('stage') ?? '') ? (params.get('stage') as OverdueStage) : null;
  const kind = (KINDS as string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as CaseKind) : null;
  const filterKey = [asOf, regionCode, sort, stage, kind].join('|');
  // Cursors of the pages seen so far, per filter set; a page beyond them (a shared link) starts from page 1.
  const [cursors, setCursors] = useState<{ key: string; list: (string | null)[] }>({ key: filterKey, list: [null] });
  const list = cursors.key === filterKey ? cursors.list : [null];
  const page = Math.min(Number(params.get('page')) || 1, list.length);
  const after = list[page - 1] ?? null;
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const { data, loading, error, refetch } = useQuery(OVERDUE_QUERY, {
    variables: { asOf, regionCode, sort, stages: stage ? [stage] : null, kinds: kind ? [kind] : null, first: PAGE_SIZE, after },
  });
  const conn = data?.overdueCases;

  const setFilter = (patch: Record<string, string | null>) => setParams({ ...patch, page: null });
  const exportCsv = async () => {
    setExportError(null);
    setExporting(true);
    const q = new URLSearchParams({ asOf, sort });
    if (regionCode) q.set('regionCode', regionCode);
    if (stage) q.set('stages', stage);
    if (kind) q.set('kinds', kind);
    try {
      await downloadWithAuth(`/export/overdue.csv?${q}`, `超期案件-${asOf}.csv`);
    } catch (e) {
      setExportError(t('downloadFailed', { message: (e as Error).message }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('overdue.title')}</h1>
        {conn && <span className="muted">{t('totalCount', { n: conn.totalCount })}</span>}
      </div>
      <div className="toolbar">
        <label className="field">
          <span>{t('asOf')}</span>
          <input
            type="date"
            data-testid="overdue-asof"
            value={asOf}
            onChange={(e) => isDate(e.target.value) && setFilter({ asOf: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('kind')}</span>
          <select data-testid="overdue-kind" value={kind ?? ''} onChange={(e) => setFilter({ kind: e.target.value || null })}>
            <option value="">{t('all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('stage')}</span>
          <select data-testid="overdue-stage" value={stage ?? ''} onChange={(e) => setFilter({ stage: e.target.value || null })}>
            <option value="">{t('all')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('sort')}</span>
          <select data-testid="overdue-sort" value={sort} onChange={(e) => setFilter({ sort: e.target.value })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          data-testid="overdue-export-csv"
          disabled={exporting}
          onClick={() => void exportCsv()}
        >
          ⤓ {t('exportCsv')}
        </button>
        <XlsxButton
          testId="overdue-export-xlsx"
          path={exportPath('overdue.xlsx', { asOf, sort, regionCode, stages: stage, kinds: kind })}
          fileName={`超期案件-${asOf}.xlsx`}
        />
      </div>
      {exportError && (
        <div className="form-error" role="alert">
          {exportError}
        </div>
      )}
      <div className="legend">
        <span className="sev sev-yellow">≥1</span>
        <span className="sev sev-orange">≥5</span>
        <span className="sev sev-red">≥15</span>
        <span className="muted small">{t('overdueWorkdays')}</span>
      </div>
      <div className="card">
        <QueryView
          loading={loading && !data}
          error={error}
          empty={!!conn && conn.nodes.length === 0}
          onRetry={() => void refetch()}
        >
          {() =>
            conn && (
              <>
                <OverdueTable nodes={conn.nodes} onOpen={(id) => navigate(`/cases/${id}`)} />
                <Pager
                  page={page}
                  hasNext={conn.pageInfo.hasNextPage}
                  nextTestId="overdue-next-page"
                  onPrev={() => setParams({ page: page > 2 ? String(page - 1) : null })}
                  onNext={() => {
                    setCursors({ key: filterKey, list: [...list.slice(0, page), conn.pageInfo.endCursor ?? null] });
                    setParams({ page: String(page + 1) });
                  }}
                />
              </>
            )
          }
        </QueryView>
      </div>
    </section>
  );
}
