/**
 * 食品安全热点 (indicators.md §6): top operators with spike badges and a 4-month history (M−3, M−2 from those
 * months' own lists; M−1 and M from the API's previousCount and count), industry and county tables, a county × month
 * heat table of food-related cases over 6 months, a client-side CSV of the operator list for inspection planning,
 * and the api's .xlsx of the hotspot tables, the month's disclosure table and red/black lists (下载 Excel).
 */
import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { saveBlob, toCsv } from '../../common/download';
import { MonthPicker } from '../../common/month-picker';
import { QueryView } from '../../common/states';
import { useUrlState } from '../../common/url-state';
import { exportPath, XlsxButton } from '../../common/xlsx-button';
import { addMonths, isMonth, lastFullMonth, monthEnd, monthStart, monthsEnding } from '../../format/months';
import { useI18n } from '../../i18n/i18n';
import { type HeatCell, HeatTable, HotspotMetricTable, type OperatorHistory, OperatorTable } from './hotspot-tables';
import { FOOD_HEAT_QUERY, HOTSPOTS_QUERY } from './hotspots.queries';

const HISTORY_TOP = 100;

export function HotspotsPage() {
  const { t } = useI18n();
  const [params, setParams] = useUrlState();
  const month = isMonth(params.get('month')) ? params.get('month')! : lastFullMonth();
  const regionCode = params.get('region') || null;
  const current = useQuery(HOTSPOTS_QUERY, { variables: { month, regionCode, top: 10 } });
  const m3 = useQuery(HOTSPOTS_QUERY, { variables: { month: addMonths(month, -3), regionCode, top: HISTORY_TOP } });
  const m2 = useQuery(HOTSPOTS_QUERY, { variables: { month: addMonths(month, -2), regionCode, top: HISTORY_TOP } });
  const heatMonths = monthsEnding(month, 6);
  const heat = useQuery(FOOD_HEAT_QUERY, {
    variables: { filter: { regionCode, from: monthStart(heatMonths[0]!), to: monthEnd(month), foodRelated: true } },
  });
  const data = current.data?.foodSafetyHotspots;

  const history: OperatorHistory = useMemo(() => {
    const counts = (ops: { operatorKey: string; count: number }[] | undefined) =>
      new Map(ops?.map((o) => [o.operatorKey, o.count]));
    const a = counts(m3.data?.foodSafetyHotspots.operators);
    const b = counts(m2.data?.foodSafetyHotspots.operators);
    const h: OperatorHistory = new Map();
    for (const o of data?.operators ?? []) {
      // Absent from a month's list of the top 100: shown as 0 when that list is short (everyone listed), else unknown.
      const fill = (m: Map<string, number>, list?: unknown[]) =>
        m.get(o.operatorKey) ?? (list && list.length < HISTORY_TOP ? 0 : null);
      h.set(o.operatorKey, [fill(a, m3.data?.foodSafetyHotspots.operators), fill(b, m2.data?.foodSafetyHotspots.operators)]);
    }
    return h;
  }, [data, m2.data, m3.data]);

  const heatCells: HeatCell[] = useMemo(
    () =>
      (heat.data?.metrics ?? []).map((r) => {
        const county = r.keys.find((k) => k.dimension === 'COUNTY');
        const m = r.keys.find((k) => k.dimension === 'MONTH');
        return {
          county: county?.code ?? '',
          countyName: county?.label || county?.code || '',
          month: (m?.code ?? '').slice(0, 7),
          value: r.values[0]?.value ?? null,
        };
      }),
    [heat.data],
  );

  const exportList = () => {
    if (!data) return;
    const rows = [
      ['月份', '经营者', '统一社会信用代码', '本月', '上月', '前三月均值', '激增'],
      ...data.operators.map((o) => [
        month,
        o.operatorName,
        o.uscc ?? '',
        o.count,
        o.previousCount,
        o.baseline.toFixed(2),
        o.spike ? '是' : '否',
      ]),
    ];
    saveBlob(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), `食品安全热点-${month}.csv`);
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('hotspots.title')}</h1>
      </div>
      <div className="toolbar">
        <MonthPicker value={month} onChange={(m) => setParams({ month: m })} />
        <button type="button" className="btn" data-testid="hotspot-export" disabled={!data} onClick={exportList}>
          ⤓ {t('exportList')}
        </button>
        <XlsxButton
          testId="hotspots-xlsx"
          path={exportPath('hotspots.xlsx', { month, regionCode })}
          fileName={`食品安全热点-${month}.xlsx`}
        />
        <XlsxButton
          testId="disclosure-xlsx"
          label={t('hotspots.disclosureXlsx')}
          path={exportPath('disclosure.xlsx', { from: monthStart(month), to: monthEnd(month), regionCode })}
          fileName={`投诉信息公示-${month}.xlsx`}
        />
        <XlsxButton
          testId="red-black-xlsx"
          label={t('hotspots.redBlackXlsx')}
          path={exportPath('red-black.xlsx', { from: monthStart(month), to: monthEnd(month), regionCode })}
          fileName={`放心消费红黑榜-${month}.xlsx`}
        />
      </div>
      <QueryView loading={current.loading && !data} error={current.error} onRetry={() => void current.refetch()}>
        {() =>
          data && (
            <>
              <div className="card">
                <h2>{t('hotspots.operators')}</h2>
                {data.operators.length === 0 ? (
                  <QueryView loading={false} empty>
                    {() => null}
                  </QueryView>
                ) : (
                  <OperatorTable operators={data.operators} history={history} />
                )}
              </div>
              <div className="grid-2">
                <div className="card">
                  <h2>{t('hotspots.industries')}</h2>
                  <QueryView loading={false} empty={data.industries.length === 0}>
                    {() => <HotspotMetricTable rows={data.industries} testId="hotspot-industries" keyLabel={t('industry')} />}
                  </QueryView>
                </div>
                <div className="card">
                  <h2>{t('hotspots.counties')}</h2>
                  <QueryView loading={false} empty={data.counties.length === 0}>
                    {() => <HotspotMetricTable rows={data.counties} testId="hotspot-counties" keyLabel={t('region')} />}
                  </QueryView>
                </div>
              </div>
            </>
          )
        }
      </QueryView>
      <div className="card">
        <h2>{t('hotspots.heat')}</h2>
        <QueryView
          loading={heat.loading && !heat.data}
          error={heat.error}
          empty={!!heat.data && heatCells.length === 0}
          onRetry={() => void heat.refetch()}
        >
          {() => <HeatTable cells={heatCells} months={heatMonths} />}
        </QueryView>
      </div>
    </section>
  );
}
