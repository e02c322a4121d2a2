/**
 * The food-safety page's tables as .xlsx, each with the arguments, checks, case scope and read of its GraphQL field
 * (hotspots.resolver.ts):
 *  - GET /export/hotspots.xlsx?month=YYYY-MM[&regionCode=][&top=]: three sheets — operators, industries, counties;
 *  - GET /export/disclosure.xlsx?from=&to=[&regionCode=][&asOf=]: every operator of 投诉信息公示, read page by page;
 *  - GET /export/red-black.xlsx?from=&to=[&regionCode=][&asOf=]: the 放心消费 red list then the black list.
 */
import { findRegion } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { badUserInput } from '../common/errors';
import { DATE_FORMAT, type ExportFile, exportParams, MONTH_FORMAT, required, XLSX_CONTENT_TYPE } from '../common/export-route';
import { isQuestionDate, type MetricRow, questionDateError } from '../common/graphql-types';
import { writeXlsx, type XlsxColumn } from '../common/xlsx-sheet';
import type { AuthUser } from '../context';
import { monthPeriod } from '../indicators/period';
import {
  closedPeriod,
  hotspotTop,
  MAX_DISCLOSURE_FIRST,
  readHotspots,
  readRedBlackList,
  scopedRegion,
} from './hotspots.resolver';
import type { DisclosureRow, OperatorHotspot, OperatorRating } from './hotspots.type';
import { complaintDisclosure, type Period } from './operators.service';

type Deps = { ch: ClickHouseClient; orm: MikroORM };

const regionLabel = (code: string) => `${findRegion(code.slice(0, 6))?.name ?? ''}（${code}）`;

const OPERATOR_COLUMNS: XlsxColumn<OperatorHotspot>[] = [
  { header: '经营者', width: 30, format: 'text', value: (r) => r.operatorName },
  { header: '统一社会信用代码', width: 22, format: 'text', value: (r) => r.uscc },
  { header: '本月投诉举报', width: 12, format: 'integer', value: (r) => r.count },
  { header: '上月', width: 8, format: 'integer', value: (r) => r.previousCount },
  { header: '前三月月均', width: 10, format: 'decimal', value: (r) => r.baseline },
  { header: '突增', width: 6, format: 'text', value: (r) => (r.spike ? '是' : '') },
];

/** Industry and county rows: values count, previous_count, baseline, spike (hotspots.service.ts metricRow). */
function groupColumns(codeHeader: string, labelHeader: string): XlsxColumn<MetricRow>[] {
  const v = (r: MetricRow, id: string) => r.values.find((x) => x.indicatorId === id)?.value;
  return [
    { header: codeHeader, width: 10, format: 'text', value: (r) => r.keys[0]?.code },
    { header: labelHeader, width: 24, format: 'text', value: (r) => r.keys[0]?.label },
    { header: '本月投诉举报', width: 12, format: 'integer', value: (r) => v(r, 'count') },
    { header: '上月', width: 8, format: 'integer', value: (r) => v(r, 'previous_count') },
    { header: '前三月月均', width: 10, format: 'decimal', value: (r) => v(r, 'baseline') },
    { header: '突增', width: 6, format: 'text', value: (r) => (v(r, 'spike') === 1 ? '是' : '') },
  ];
}

export function hotspotsXlsxExport(deps: Deps) {
  return (user: AuthUser, query: Record<string, unknown>): ExportFile => {
    const p = exportParams(query, ['month', 'regionCode', 'top'] as const);
    const month = required(p.month, 'month', MONTH_FORMAT);
    monthPeriod(month);
    if (p.top !== undefined && !/^\d{1,4}$/.test(p.top)) throw badUserInput('top', 'must be a whole number');
    const top = hotspotTop(p.top === undefined ? undefined : Number(p.top));
    const region = scopedRegion(user, p.regionCode);
    const title = `食品安全热点 ${month} · 范围 ${regionLabel(region)} · 前 ${top} 位`;
    return {
      downloadName: `hotspots_${region}_${month}.xlsx`,
      fileName: `食品安全热点_${region}_${month}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      audit: { action: 'EXPORT_XLSX', params: { table: 'hotspots', month, regionCode: region, top } },
      async write(out) {
        const h = await readHotspots({ ch: deps.ch, em: deps.orm.em.fork() }, month, region, top);
        await writeXlsx(
          out,
          { name: '经营者', title: `${title} · 经营者`, columns: OPERATOR_COLUMNS, rows: h.operators },
          {
            name: '行业',
            title: `${title} · 行业（GB/T 4754 门类）`,
            columns: groupColumns('行业代码', '行业'),
            rows: h.industries,
          },
          { name: '县区', title: `${title} · 县（区）`, columns: groupColumns('区划代码', '县（区）'), rows: h.counties },
        );
      },
    };
  };
}

/** from, to, regionCode, asOf of the operator lists: checked and scoped as their GraphQL fields. */
function operatorListRequest(user: AuthUser, query: Record<string, unknown>): { region: string; period: Period } {
  const p = exportParams(query, ['from', 'to', 'regionCode', 'asOf'] as const);
  const from = required(p.from, 'from', DATE_FORMAT);
  const to = required(p.to, 'to', DATE_FORMAT);
  if (p.asOf !== undefined && !isQuestionDate(p.asOf)) throw badUserInput('asOf', questionDateError(p.asOf));
  const period = closedPeriod(from, to, p.asOf);
  return { region: scopedRegion(user, p.regionCode), period };
}

const rateColumns = <
  T extends { mediationSuccessRate: { value: number | null; numerator: number | null; denominator: number | null } },
>(): XlsxColumn<T>[] => [
  { header: '调解成功率', width: 10, format: 'percent', value: (r) => r.mediationSuccessRate.value },
  { header: '调解成功数', width: 10, format: 'integer', value: (r) => r.mediationSuccessRate.numerator },
  { header: '调解办结数', width: 10, format: 'integer', value: (r) => r.mediationSuccessRate.denominator },
];

const DISCLOSURE_COLUMNS: XlsxColumn<DisclosureRow>[] = [
  { header: '经营者', width: 30, format: 'text', value: (r) => r.operatorName },
  { header: '统一社会信用代码', width: 22, format: 'text', value: (r) => r.uscc },
  { header: '公示投诉（登记）', width: 12, format: 'integer', value: (r) => r.complaints },
  { header: '公示投诉（办结）', width: 12, format: 'integer', value: (r) => r.closed },
  ...rateColumns<DisclosureRow>(),
];

async function* disclosureRows(ch: ClickHouseClient, region: string, period: Period): AsyncGenerator<DisclosureRow> {
  let after: string | null = null;
  for (;;) {
    const page = await complaintDisclosure(ch, region, period, MAX_DISCLOSURE_FIRST, after);
    yield* page.nodes;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

const periodText = (region: string, p: Period) => `范围 ${regionLabel(region)} · 期间 ${p.from} 至 ${p.to} · 数据截至 ${p.asOf}`;

export function disclosureXlsxExport(deps: Deps) {
  return (user: AuthUser, query: Record<string, unknown>): ExportFile => {
    const { region, period } = operatorListRequest(user, query);
    const name = `${region}_${period.from}_${period.to}`;
    return {
      downloadName: `disclosure_${name}.xlsx`,
      fileName: `投诉信息公示_${name}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      audit: { action: 'EXPORT_XLSX', params: { table: 'disclosure', regionCode: region, ...period } },
      write: (out) =>
        writeXlsx(out, {
          name: '投诉信息公示',
          title: `投诉信息公示 · ${periodText(region, period)}`,
          columns: DISCLOSURE_COLUMNS,
          rows: disclosureRows(deps.ch, region, period),
        }),
    };
  };
}

type ListedRating = OperatorRating & { list: '红榜' | '黑榜' };

const RED_BLACK_COLUMNS: XlsxColumn<ListedRating>[] = [
  { header: '榜单', width: 6, format: 'text', value: (r) => r.list },
  { header: '名次', width: 6, format: 'integer', value: (r) => r.rank },
  { header: '经营者', width: 30, format: 'text', value: (r) => r.operatorName },
  { header: '统一社会信用代码', width: 22, format: 'text', value: (r) => r.uscc },
  { header: '受理投诉', width: 10, format: 'integer', value: (r) => r.acceptedComplaints },
  ...rateColumns<ListedRating>(),
];

export function redBlackXlsxExport(deps: Deps) {
  return (user: AuthUser, query: Record<string, unknown>): ExportFile => {
    const { region, period } = operatorListRequest(user, query);
    const name = `${region}_${period.from}_${period.to}`;
    return {
      downloadName: `red-black_${name}.xlsx`,
      fileName: `放心消费红黑榜_${name}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      audit: { action: 'EXPORT_XLSX', params: { table: 'red-black', regionCode: region, ...period } },
      async write(out) {
        const lists = await readRedBlackList({ ch: deps.ch, em: deps.orm.em.fork() }, region, period);
        const rows: ListedRating[] = [
          ...lists.red.map((r) => ({ ...r, list: '红榜' as const })),
          ...lists.black.map((r) => ({ ...r, list: '黑榜' as const })),
        ];
        await writeXlsx(out, {
          name: '放心消费红黑榜',
          title: `放心消费红黑榜 · ${periodText(region, period)}`,
          columns: RED_BLACK_COLUMNS,
          rows,
        });
      },
    };
  };
}
