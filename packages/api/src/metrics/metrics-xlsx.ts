/**
 * GET /export/metrics.xlsx — the `metrics` query's table as a sheet (the drill-down page's table): the same arguments
 * as query parameters — indicatorIds, groupBy (lists, repeated or comma-separated), from, to, regionCode, kinds,
 * channels, industryCodes, objectCategories, problemCategories, foodRelated, asOf — each checked and named when bad,
 * the same scope and the same read (metrics.resolver.ts). Row 1 writes the filters; a column per group key (its code
 * and label), then each indicator's value, and numerator and denominator where it is a ratio.
 */
import { findRegion, indicatorById } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { badUserInput } from '../common/errors';
import { DATE_FORMAT, type ExportFile, exportParams, required, XLSX_CONTENT_TYPE } from '../common/export-route';
import {
  type CaseFilter,
  CaseKindEnum,
  Dimension,
  isQuestionDate,
  type MetricRow,
  questionDateError,
} from '../common/graphql-types';
import { writeXlsx, type XlsxColumn, type XlsxFormat } from '../common/xlsx-sheet';
import type { AuthUser } from '../context';
import { checkPeriod } from '../indicators/period';
import { validateRegionCode } from '../indicators/region-code';
import { metricsQueryArgs, readMetrics } from './metrics.resolver';
import type { MetricsQueryArgs } from './metrics.sql';

const SCALARS = ['from', 'to', 'regionCode', 'asOf', 'foodRelated'] as const;
const LISTS = ['indicatorIds', 'groupBy', 'kinds', 'channels', 'industryCodes', 'objectCategories', 'problemCategories'] as const;

function enumList<E extends string>(name: string, values: readonly string[] | undefined, allowed: readonly E[]): E[] {
  for (const v of values ?? []) {
    if (!(allowed as readonly string[]).includes(v))
      throw badUserInput(name, `unknown value ${JSON.stringify(v)} (one of ${allowed.join(', ')})`);
  }
  return (values ?? []) as E[];
}

/** The query string → the metrics question, checked and scoped as the GraphQL field does (errors name the param). */
export function metricsExportArgs(user: AuthUser, query: Record<string, unknown>): MetricsQueryArgs {
  const p = exportParams(query, SCALARS, LISTS);
  const from = required(p.from, 'from', DATE_FORMAT);
  const to = required(p.to, 'to', DATE_FORMAT);
  checkPeriod(from, to);
  if (p.regionCode !== undefined) validateRegionCode(p.regionCode, 'regionCode');
  if (p.asOf !== undefined && !isQuestionDate(p.asOf)) throw badUserInput('asOf', questionDateError(p.asOf));
  if (p.foodRelated !== undefined && p.foodRelated !== 'true' && p.foodRelated !== 'false')
    throw badUserInput('foodRelated', `true or false, got ${JSON.stringify(p.foodRelated)}`);
  const filter: CaseFilter = {
    from,
    to,
    regionCode: p.regionCode ?? null,
    kinds: p.kinds ? enumList('kinds', p.kinds, Object.values(CaseKindEnum)) : null,
    channels: p.channels ?? null,
    industryCodes: p.industryCodes ?? null,
    objectCategories: p.objectCategories ?? null,
    problemCategories: p.problemCategories ?? null,
    foodRelated: p.foodRelated === undefined ? null : p.foodRelated === 'true',
  };
  const groupBy = enumList('groupBy', p.groupBy, Object.values(Dimension));
  return metricsQueryArgs(user, p.indicatorIds ?? [], groupBy, filter, p.asOf);
}

const DIMENSION_ZH: Record<Dimension, string> = {
  PROVINCE: '省',
  CITY: '市',
  COUNTY: '县（区）',
  STATION: '市场监管所',
  MONTH: '月份',
  KIND: '类型',
  CHANNEL: '渠道',
  INDUSTRY: '行业',
  OBJECT_CATEGORY: '客体类别',
  PROBLEM_CATEGORY: '问题类别',
  FOOD_RELATED: '食品相关',
};
/** Group keys whose code says something the label does not (region codes, GB/T 4754 divisions). */
const CODED = new Set<Dimension>([Dimension.PROVINCE, Dimension.CITY, Dimension.COUNTY, Dimension.STATION, Dimension.INDUSTRY]);

const VALUE_FORMAT: Record<string, XlsxFormat> = { '%': 'percent', count: 'integer', yuan: 'yuan', days: 'days' };

export function metricsColumns(args: Pick<MetricsQueryArgs, 'groupBy' | 'indicatorIds'>): XlsxColumn<MetricRow>[] {
  const keys = args.groupBy.flatMap((dimension, i): XlsxColumn<MetricRow>[] => [
    ...(CODED.has(dimension)
      ? [
          {
            header: `${DIMENSION_ZH[dimension]}代码`,
            width: 11,
            format: 'text' as const,
            value: (r: MetricRow) => r.keys[i]?.code,
          },
        ]
      : []),
    { header: DIMENSION_ZH[dimension], width: 16, format: 'text', value: (r) => r.keys[i]?.label },
  ]);
  const values = args.indicatorIds.flatMap((id, i): XlsxColumn<MetricRow>[] => {
    const ind = indicatorById(id);
    const unit = ind?.unit ?? 'count';
    const name = ind?.nameZh ?? id;
    const suffix = unit === 'yuan' ? '（元）' : unit === 'days' ? '（工作日）' : '';
    const value: XlsxColumn<MetricRow> = {
      header: `${name}${suffix}`,
      width: 12,
      format: VALUE_FORMAT[unit] ?? 'decimal',
      value: (r) => r.values[i]?.value,
    };
    if (unit !== '%' && unit !== 'days') return [value];
    const term = unit === 'days' ? 'decimal' : 'integer';
    return [
      value,
      { header: `${name}·分子`, width: 10, format: term, value: (r) => r.values[i]?.numerator },
      { header: `${name}·分母`, width: 10, format: 'integer', value: (r) => r.values[i]?.denominator },
    ];
  });
  return [...keys, ...values];
}

const FILTER_ZH: [keyof CaseFilter, string][] = [
  ['kinds', '类型'],
  ['channels', '渠道'],
  ['industryCodes', '行业'],
  ['objectCategories', '客体类别'],
  ['problemCategories', '问题类别'],
];

export function metricsTitle(args: MetricsQueryArgs): string {
  const f = args.filter;
  const filters = FILTER_ZH.filter(([key]) => (f[key] as readonly string[] | null | undefined)?.length).map(
    ([key, zh]) => `${zh}：${(f[key] as readonly string[]).join('、')}`,
  );
  if (f.foodRelated !== null && f.foodRelated !== undefined) filters.push(f.foodRelated ? '仅食品相关' : '仅非食品相关');
  return [
    '指标明细',
    `范围 ${findRegion(f.regionCode.slice(0, 6))?.name ?? ''}（${f.regionCode}）`,
    `期间 ${f.from} 至 ${f.to}`,
    `数据截至 ${args.asOf}`,
    `分组 ${args.groupBy.map((d) => DIMENSION_ZH[d]).join('、') || '无'}`,
    `筛选 ${filters.length ? filters.join('；') : '无'}`,
  ].join(' · ');
}

export function metricsXlsxExport(deps: { ch: ClickHouseClient; orm: MikroORM }) {
  return (user: AuthUser, query: Record<string, unknown>): ExportFile => {
    const args = metricsExportArgs(user, query);
    const name = `${args.filter.regionCode}_${args.filter.from}_${args.filter.to}`;
    return {
      downloadName: `metrics_${name}.xlsx`,
      fileName: `指标明细_${name}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      audit: {
        action: 'EXPORT_XLSX',
        params: {
          table: 'metrics',
          indicatorIds: args.indicatorIds,
          groupBy: args.groupBy,
          asOf: args.asOf,
          ...Object.fromEntries(Object.entries(args.filter).filter(([, v]) => v !== null && v !== undefined)),
        },
      },
      async write(out) {
        const rows = await readMetrics({ ch: deps.ch, em: deps.orm.em.fork() }, args);
        await writeXlsx(out, { name: '指标明细', title: metricsTitle(args), columns: metricsColumns(args), rows });
      },
    };
  };
}
