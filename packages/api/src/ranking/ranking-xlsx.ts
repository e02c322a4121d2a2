/**
 * GET /export/ranking.xlsx?month=YYYY-MM&parentCode=CODE[&asOf=YYYY-MM-DD][&level=CITY|COUNTY] — the ranking as the
 * GraphQL `ranking` field answers it (the same request checks, scope and read: a published month is its snapshot), one
 * sheet, a row per unit in rank order: rank, code, name, score (无评分 when none), each indicator's value, numerator,
 * denominator and points, previous rank. Row 1 says which ranking it is (month, parent, asOf, published or not,
 * configuration version). `level` defaults to CITY under a province and COUNTY under a city.
 */
import { findRegion, INDICATORS, type IndicatorDefinition } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { badUserInput } from '../common/errors';
import { type ExportFile, exportParams, MONTH_FORMAT, required, XLSX_CONTENT_TYPE } from '../common/export-route';
import { type IndicatorValue, isQuestionDate, questionDateError, RegionLevel } from '../common/graphql-types';
import { writeXlsx, type XlsxColumn, type XlsxFormat } from '../common/xlsx-sheet';
import type { AuthUser } from '../context';
import { assertCanSeeRanking, rankingRequest } from './ranking.resolver';
import { type RankingRequest, readRanking } from './ranking.service';
import type { Ranking, RankingRow } from './ranking.type';

const LEVEL_ZH: Record<string, string> = { PROVINCE: '省', CITY: '市', COUNTY: '县（区）' };

/** The query string → the ranking request, checked and scoped exactly as the GraphQL field does. */
export function rankingExportRequest(user: AuthUser, query: Record<string, unknown>): RankingRequest {
  const p = exportParams(query, ['month', 'parentCode', 'asOf', 'level'] as const);
  const month = required(p.month, 'month', MONTH_FORMAT);
  if (p.asOf !== undefined && !isQuestionDate(p.asOf)) throw badUserInput('asOf', questionDateError(p.asOf));
  let level: RegionLevel | undefined;
  if (p.level !== undefined) {
    if (p.level !== RegionLevel.CITY && p.level !== RegionLevel.COUNTY)
      throw badUserInput('level', `CITY or COUNTY, got ${JSON.stringify(p.level)}`);
    level = p.level;
  } else if (p.parentCode !== undefined && /^\d{6}$/.test(p.parentCode) && findRegion(p.parentCode)?.level === 'CITY') {
    level = RegionLevel.COUNTY;
  }
  const req = rankingRequest(user, month, level, p.parentCode, p.asOf);
  assertCanSeeRanking(user, req);
  return req;
}

const UNIT_FORMAT: Record<IndicatorDefinition['unit'], XlsxFormat> = {
  '%': 'percent',
  count: 'integer',
  yuan: 'yuan',
  days: 'days',
};

/** Numerator and denominator: counts, except a sum of money (元) or of working days. */
const TERM_FORMAT: Record<IndicatorDefinition['unit'], XlsxFormat> = {
  '%': 'integer',
  count: 'integer',
  yuan: 'yuan',
  days: 'decimal',
};

function indicatorOf(row: RankingRow, id: string): IndicatorValue | undefined {
  return row.values.find((v) => v.indicatorId === id);
}

/** Every column of the sheet: the unit, then four per indicator in catalogue order, then the previous rank. */
export function rankingColumns(): XlsxColumn<RankingRow>[] {
  const perIndicator = INDICATORS.flatMap((ind): XlsxColumn<RankingRow>[] => {
    const unit = ind.unit === 'yuan' ? '（元）' : ind.unit === 'days' ? '（工作日）' : '';
    return [
      { header: `${ind.nameZh}${unit}`, width: 12, format: UNIT_FORMAT[ind.unit], value: (r) => indicatorOf(r, ind.id)?.value },
      { header: `${ind.nameZh}·分子`, width: 10, format: TERM_FORMAT[ind.unit], value: (r) => indicatorOf(r, ind.id)?.numerator },
      {
        header: `${ind.nameZh}·分母`,
        width: 10,
        format: TERM_FORMAT[ind.unit],
        value: (r) => indicatorOf(r, ind.id)?.denominator,
      },
      { header: `${ind.nameZh}·得分`, width: 10, format: 'decimal', value: (r) => indicatorOf(r, ind.id)?.points },
    ];
  });
  return [
    { header: '排名', width: 6, format: 'integer', value: (r) => r.rank },
    { header: '区划代码', width: 10, format: 'text', value: (r) => r.region.code },
    { header: '单位', width: 16, format: 'text', value: (r) => r.region.name },
    { header: '综合得分', width: 10, format: 'decimal', value: (r) => (r.noScore || r.score === null ? '无评分' : r.score) },
    ...perIndicator,
    { header: '上月排名', width: 8, format: 'integer', value: (r) => r.previousRank },
  ];
}

export function rankingTitle(ranking: Ranking): string {
  const parent = ranking.parentCode ? findRegion(ranking.parentCode) : undefined;
  const state = ranking.published ? `已发布（${ranking.publishedAt?.slice(0, 10) ?? ''}，快照）` : '未发布（实时计算）';
  return [
    `效能评价排名 ${ranking.month}`,
    `${parent?.name ?? ranking.parentCode}（${ranking.parentCode}）各${LEVEL_ZH[ranking.unitLevel] ?? ranking.unitLevel}`,
    `数据截至 ${ranking.asOf}`,
    state,
    `排名配置第 ${ranking.configVersion} 版`,
  ].join(' · ');
}

export function rankingXlsxExport(deps: { ch: ClickHouseClient; orm: MikroORM }) {
  return (user: AuthUser, query: Record<string, unknown>): ExportFile => {
    const req = rankingExportRequest(user, query);
    const name = `${req.parentCode}_${req.month}`;
    return {
      downloadName: `ranking_${name}.xlsx`,
      fileName: `效能评价排名_${name}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      audit: { action: 'EXPORT_XLSX', params: { table: 'ranking', ...req } },
      async write(out) {
        const ranking = await readRanking({ ch: deps.ch, em: deps.orm.em.fork() }, req, false);
        await writeXlsx(out, {
          name: '效能评价排名',
          title: rankingTitle(ranking),
          columns: rankingColumns(),
          rows: ranking.rows,
        });
      },
    };
  };
}
