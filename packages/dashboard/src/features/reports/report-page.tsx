/**
 * 月度通报 of a month, print-ready (CSS @media print, one page per city): province summary + each city's page. The
 * PDF comes from the server (headless Chromium printing this page with ?print=1); PROVINCE_ADMIN can publish (freeze)
 * the month's ranking.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { SCORED_INDICATORS } from '@c12315/domain/src/indicators/catalogue';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { downloadWithAuth } from '../../common/download';
import { provinceOf } from '../../common/regions';
import { QueryView } from '../../common/states';
import { isMonth, monthEnd, monthStart } from '../../format/months';
import { formatByUnit, formatCount, formatScore } from '../../format/number-format';
import { useI18n } from '../../i18n/i18n';
import { ReceiptsTable } from '../notices/receipts-table';
import { PublishedBadge } from '../ranking/published-badge';
import { RANKING_CONFIG_QUERY, RANKING_QUERY } from '../ranking/ranking.queries';
import { ReportWarnings } from '../warnings/report-warnings';
import { PUBLISHED_WARNINGS_QUERY } from '../warnings/warnings.queries';
import { type CityFacts, CityReport } from './city-report';
import { PUBLISH_MUTATION, REPORT_CITY_METRICS_QUERY, REPORTS_QUERY } from './reports.queries';

export function ReportPage() {
  const { t, lang, indicatorName } = useI18n();
  const { user } = useSession();
  const { month = '' } = useParams();
  const [params] = useSearchParams();
  const printMode = params.get('print') === '1';
  const parentCode = params.get('parent') ?? provinceOf(user.regionCode);
  const valid = isMonth(month);
  // 签收情况 is the province's view (schema.graphql `noticeReceipts`).
  const isProvinceUser = user.regionCode.endsWith('0000') && parentCode === provinceOf(user.regionCode);
  const ranking = useQuery(RANKING_QUERY, { variables: { month, level: 'CITY', parentCode }, skip: !valid });
  const config = useQuery(RANKING_CONFIG_QUERY);
  const facts = useQuery(REPORT_CITY_METRICS_QUERY, {
    variables: { filter: { regionCode: parentCode, from: monthStart(month), to: monthEnd(month) } },
    skip: !valid,
  });
  // The month's entry of the report list says whether its due dates are provisional (indicators.md §1): a footnote.
  const reportMonth = useQuery(REPORTS_QUERY, { variables: { through: month }, skip: !valid });
  const provisional = reportMonth.data?.reports.find((m) => m.month === month)?.dueDatesProvisional === true;
  // The month's published 消费提示 (issue 15 §2) are part of the report: the page is ready once they are in.
  const warnings = useQuery(PUBLISHED_WARNINGS_QUERY, { variables: { month }, skip: !valid });
  const [publish, publishing] = useMutation(PUBLISH_MUTATION);
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [pdfBusy, setPdfBusy] = useState(false);

  const targets = useMemo(
    () => new Map(config.data?.rankingConfig.indicators.map((i) => [i.id, { target: i.target, weight: i.weight }])),
    [config.data],
  );
  const cityFacts = useMemo(() => {
    const m = new Map<string, CityFacts>();
    for (const r of facts.data?.cities ?? []) {
      const v = (id: string) => r.values.find((x) => x.indicatorId === id)?.value ?? null;
      m.set(r.keys[0]!.code, { received: v('received'), overdueOpen: v('overdue_open'), topProblems: [] });
    }
    for (const r of facts.data?.problems ?? []) {
      const city = r.keys.find((k) => k.dimension === 'CITY')?.code;
      const problem = r.keys.find((k) => k.dimension === 'PROBLEM_CATEGORY');
      const count = r.values[0]?.value ?? 0;
      if (!city || !problem || !problem.code || count <= 0) continue;
      const f = m.get(city) ?? { received: null, overdueOpen: null, topProblems: [] };
      f.topProblems.push({ label: problem.label || problem.code, count });
      m.set(city, f);
    }
    for (const f of m.values()) f.topProblems = f.topProblems.sort((a, b) => b.count - a.count).slice(0, 3);
    return m;
  }, [facts.data]);

  // The report PDF prints this page; the 通报 (PDF, Word) is the official document the server writes (notices/).
  const download = async (file: 'report.pdf' | 'notice.pdf' | 'notice.docx') => {
    setPdfError(null);
    setPdfBusy(true);
    const name = file === 'report.pdf' ? `月度通报-${month}.pdf` : `通报-${month}.${file.slice(7)}`;
    try {
      await downloadWithAuth(`/export/${file}?month=${month}&parentCode=${parentCode}`, name);
    } catch (e) {
      setPdfError(t('downloadFailed', { message: (e as Error).message }));
    } finally {
      setPdfBusy(false);
    }
  };
  const r = ranking.data?.ranking;
  const scoredCount = r?.rows.filter((x) => x.rank != null).length ?? 0;
  // The server's PDF export and the e2e tests wait for data-ready (report-pdf.render.ts): it is set only once every
  // query of the page has answered, so the printed page never misses the overdue counts or the targets.
  const queries = [ranking, config, facts, reportMonth, warnings];
  const error = !valid ? { message: `month ${month}` } : queries.find((q) => q.error)?.error;
  const loading = valid && queries.some((q) => q.loading && !q.data);
  const ready = valid && !error && !loading && queries.every((q) => q.data !== undefined && !q.loading);

  return (
    <section
      className={printMode ? 'page report print' : 'page report'}
      data-testid="report-page"
      data-ready={ready ? 'true' : undefined}
    >
      {!printMode && (
        <div className="toolbar no-print">
          <Link to="/reports" className="link-btn">
            ← {t('back')}
          </Link>
          {r && <PublishedBadge published={r.published} publishedAt={r.publishedAt} />}
          <button
            type="button"
            className="btn"
            data-testid="report-pdf"
            disabled={pdfBusy}
            onClick={() => void download('report.pdf')}
          >
            ⤓ {t('report.pdf')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="notice-pdf"
            disabled={pdfBusy}
            onClick={() => void download('notice.pdf')}
          >
            ⤓ {t('report.noticePdf')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="notice-docx"
            disabled={pdfBusy}
            onClick={() => void download('notice.docx')}
          >
            ⤓ {t('report.noticeDocx')}
          </button>
          <button type="button" className="btn" onClick={() => window.print()}>
            {t('print')}
          </button>
          {user.role === 'PROVINCE_ADMIN' && r && !r.published && (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="publish-month"
              disabled={publishing.loading}
              onClick={() =>
                void publish({ variables: { month, parentCode } })
                  .then(() => ranking.refetch())
                  .catch(() => undefined)
              }
            >
              {t('report.publish')}
            </button>
          )}
        </div>
      )}
      {(pdfError || publishing.error) && (
        <div className="form-error no-print" role="alert">
          {pdfError ?? publishing.error?.message}
        </div>
      )}
      <QueryView
        loading={loading}
        error={error}
        empty={!!r && r.rows.length === 0}
        onRetry={() => {
          for (const q of queries) if (q.error) void q.refetch();
        }}
      >
        {() =>
          r && (
            <>
              <div className="report-cover card">
                <h1>{t('report.title', { month })}</h1>
                {r.published && <p className="muted">{t('report.published')}</p>}
                <h2>{t('report.summary')}</h2>
                <div className="summary-grid">
                  {SCORED_INDICATORS.map((ind) => (
                    <div key={ind.id} className="kpi">
                      <span className="kpi-label">{indicatorName(ind.id)}</span>
                      <span className="kpi-value">
                        {formatByUnit(ind.unit, r.totals.find((x) => x.indicatorId === ind.id)?.value, lang)}
                      </span>
                    </div>
                  ))}
                </div>
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>{t('rank')}</th>
                      <th>{t('region')}</th>
                      <th className="num">{t('score')}</th>
                      <th className="num">{t('previousRank')}</th>
                      <th className="num">{t('report.overdue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.rows.map((row) => (
                      <tr
                        key={row.region.code}
                        className={
                          r.redList.regionCodes.includes(row.region.code)
                            ? 'row-red'
                            : r.blackList.regionCodes.includes(row.region.code)
                              ? 'row-black'
                              : undefined
                        }
                      >
                        <td>{row.rank ?? t('noScore')}</td>
                        <td>{row.region.name}</td>
                        <td className="num">{formatScore(row.score)}</td>
                        <td className="num">{row.previousRank ?? '—'}</td>
                        <td className="num">{formatCount(cityFacts.get(row.region.code)?.overdueOpen, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {r.rows.map((row) => (
                <CityReport
                  key={row.region.code}
                  row={row}
                  facts={cityFacts.get(row.region.code)}
                  targets={targets}
                  total={scoredCount}
                />
              ))}
            </>
          )
        }
      </QueryView>
      {ready && <ReportWarnings warnings={warnings.data?.publishedConsumerWarnings ?? []} />}
      {!printMode && ready && r?.published && isProvinceUser && <ReceiptsTable month={month} parentCode={parentCode} />}
      {ready && provisional && (
        <p className="muted small" data-testid="report-provisional-note">
          {t('report.provisionalNote', { year: month.slice(0, 4) })}
        </p>
      )}
    </section>
  );
}
