/**
 * 数据下钻: province → city → county → station through `metrics` grouped by the next level, then the station's case
 * list (`cases`). The filters live in the URL (issue "Dashboard" §Drill-down).
 */
import { useQuery } from '@apollo/client/react';
import { indicatorById } from '@c12315/domain/src/indicators/catalogue';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { levelOfCode, NEXT_LEVEL } from '../../common/regions';
import { QueryView } from '../../common/states';
import { exportPath, XlsxButton } from '../../common/xlsx-button';
import { formatByUnit } from '../../format/number-format';
import type { Dimension } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { Breadcrumbs } from './breadcrumbs';
import { CaseList } from './case-list';
import { DRILL_METRICS_QUERY } from './drill.queries';
import { DrillChart } from './drill-chart';
import { filterFromParams, filterSearch } from './drill-filters';
import { FilterBar } from './filter-bar';

export const DRILL_INDICATORS = [
  'received',
  'complaints',
  'reports',
  'accepted',
  'completion_rate',
  'on_time_completion_rate',
  'mediation_success_rate',
  'satisfaction_rate',
  'recovered_amount',
  'overdue_open',
] as const;

export function DrillHome() {
  const { user } = useSession();
  const [params] = useSearchParams();
  return <Navigate to={`/drill/${user.regionCode}${filterSearch(params)}`} replace />;
}

export function DrillPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const { regionCode = '' } = useParams();
  const [params] = useSearchParams();
  const filter = filterFromParams(params, regionCode);
  const search = filterSearch(params);
  const next = NEXT_LEVEL[levelOfCode(regionCode)];
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('drill.title')}</h1>
      </div>
      <Breadcrumbs code={regionCode} search={search} top={user.regionCode} />
      <FilterBar filter={filter} />
      {next ? <DrillTable filter={filter} groupBy={next} search={search} /> : <CaseList filter={filter} />}
    </section>
  );
}

function DrillTable({
  filter,
  groupBy,
  search,
}: {
  filter: ReturnType<typeof filterFromParams>;
  groupBy: Dimension;
  search: string;
}) {
  const { lang, indicatorName } = useI18n();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(DRILL_METRICS_QUERY, {
    variables: { filter, groupBy: [groupBy], indicatorIds: [...DRILL_INDICATORS] },
  });
  const rows = data?.metrics ?? [];
  const xlsx = exportPath('metrics.xlsx', {
    indicatorIds: DRILL_INDICATORS,
    groupBy,
    from: filter.from,
    to: filter.to,
    regionCode: filter.regionCode,
    kinds: filter.kinds,
    channels: filter.channels,
    industryCodes: filter.industryCodes,
    objectCategories: filter.objectCategories,
    problemCategories: filter.problemCategories,
    foodRelated: filter.foodRelated == null ? null : String(filter.foodRelated),
  });
  return (
    <>
      {data && rows.length > 0 && <DrillChart rows={rows} filter={filter} indicators={DRILL_INDICATORS} />}
      <div className="card">
        <div className="toolbar">
          <XlsxButton
            testId="drill-xlsx"
            path={xlsx}
            fileName={`指标明细-${filter.regionCode ?? ''}-${filter.from}-${filter.to}.xlsx`}
          />
        </div>
        <QueryView loading={loading && !data} error={error} empty={!!data && rows.length === 0} onRetry={() => void refetch()}>
          {() => (
            <div className="table-scroll">
              <table className="table" data-testid="drill-table">
                <thead>
                  <tr>
                    <th className="sticky-col">{lang === 'en' ? 'Unit' : '单位'}</th>
                    {DRILL_INDICATORS.map((id) => (
                      <th key={id} className="num">
                        {indicatorName(id)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const key = row.keys[0]!;
                    // The parent's own handling units (本级) come back under the parent's code: not a level further down.
                    const own = key.code === filter.regionCode || !key.code;
                    return (
                      <tr
                        key={key.code}
                        className={own ? 'row-own' : 'clickable'}
                        data-testid={`drill-row-${key.code}`}
                        onClick={own ? undefined : () => navigate(`/drill/${key.code}${search}`)}
                      >
                        <td className="sticky-col">
                          {own ? (
                            <span className="muted">{key.label || key.code}</span>
                          ) : (
                            <button type="button" className="link-btn">
                              {key.label || key.code}
                            </button>
                          )}
                        </td>
                        {DRILL_INDICATORS.map((id) => (
                          <td key={id} className="num">
                            {formatByUnit(
                              indicatorById(id)?.unit ?? 'count',
                              row.values.find((v) => v.indicatorId === id)?.value,
                              lang,
                            )}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </QueryView>
      </div>
    </>
  );
}
