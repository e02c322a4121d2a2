/**
 * The 通报's content model (issue 14 §1), built only from the API's own services: the ranking (its published snapshot
 * when the month is published), its totals and per-unit values and points (overdue_open included), the received count
 * of months M−1 and M−12 for the comparisons (their snapshots' totals where published, else the metrics service's),
 * the ranking configuration's targets, and the food-safety hotspots. No indicator is computed here.
 *
 * A published month's notice is frozen when the month is published (NoticeIssue, stored in the publication's own flush:
 * ranking/ranking-publication.ts): its running number and its whole content, so it stays the same text whatever is
 * loaded afterwards. Anything unpublished is a draft, built anew.
 */
import { findRegion, indicatorById, isMunicipality, type RegionLevel } from '@c12315/domain';
import { type ClickHouseClient, NoticeIssue } from '@c12315/store';
import { type MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { IndicatorValue } from '../common/graphql-types';
import { storeGate } from '../common/load-gate';
import { foodSafetyHotspots } from '../hotspots/hotspots.service';
import { monthPeriod, monthsBefore, previousMonth, todayInShanghai } from '../indicators/period';
import { computeMetrics } from '../metrics/metrics.service';
import { findSnapshot, type RankingRequest, readRanking, snapshotRanking } from '../ranking/ranking.service';
import type { Ranking } from '../ranking/ranking.type';
import { currentRankingConfig, rankingConfigVersion } from '../ranking/ranking-config.service';
import type { NoticeContent, NoticeUnit, NoticeValue } from './notice.model';
import { docNumber, nextNoticeNumber, noticeNumbering } from './notice-config.service';
import { dateZh, monthZh, type NoticeFacts, noticeSections } from './notice-text';

export interface NoticeDeps {
  ch: ClickHouseClient;
  orm: MikroORM;
}

/** What a notice is read through: the store and a metadata entity manager (a publication's own fork, or the ORM's). */
interface NoticeReadContext {
  ch: ClickHouseClient;
  em: MikroORM['em'];
}

export interface NoticeRequest {
  month: string;
  /** A province (its city notice) or a city (its county notice). */
  parentCode: string;
}

/** Hotspot operators and industries named in the body. */
const HOTSPOTS_NAMED = 5;
const INDUSTRIES_NAMED = 3;

const BUREAU = '市场监督管理局';

function noticeValue(v: IndicatorValue): NoticeValue {
  const def = indicatorById(v.indicatorId);
  return {
    indicatorId: v.indicatorId,
    nameZh: def?.nameZh ?? v.indicatorId,
    unit: def?.unit ?? '',
    value: v.value,
    numerator: v.numerator,
    denominator: v.denominator,
    points: v.points,
  };
}

function noticeUnits(ranking: Ranking): NoticeUnit[] {
  return ranking.rows.map((row) => ({
    code: row.region.code,
    name: row.region.name,
    bureau: `${row.region.name}${BUREAU}`,
    rank: row.rank,
    previousRank: row.previousRank,
    score: row.score,
    values: row.values.map(noticeValue),
    overdue: row.values.find((v) => v.indicatorId === 'overdue_open')?.value ?? 0,
    movement: row.movement.map((m) => ({
      indicatorId: m.indicatorId,
      nameZh: indicatorById(m.indicatorId)?.nameZh ?? m.indicatorId,
      pointsDelta: m.pointsDelta,
    })),
  }));
}

function received(ranking: Ranking): number | null {
  return ranking.totals.find((v) => v.indicatorId === 'received')?.value ?? null;
}

/**
 * The received count of a month compared with: its published ranking's total, else counted now over the parent region
 * with the same asOf (the metrics service: one statement of one indicator, not a whole ranking of two months).
 */
async function receivedIn(ctx: NoticeReadContext, req: RankingRequest): Promise<number | null> {
  const snapshot = await findSnapshot(ctx.em, req);
  if (snapshot) return received(snapshotRanking(snapshot));
  const [row] = await computeMetrics(ctx, {
    indicatorIds: ['received'],
    groupBy: [],
    filter: { regionCode: req.parentCode, ...monthPeriod(req.month) },
    asOf: req.asOf,
  });
  return row?.values[0]?.value ?? 0;
}

/** The day overdue_open is counted at the start of: min(asOf, month end + 1) (indicators.md §4). */
function overdueDay(month: string, asOf: string): string {
  const next = `${monthsBefore(month, -1)}-01`;
  return asOf < next ? asOf : next;
}

/** The ranking a notice of `parentCode` reports: a province's ranks its cities (CITY), a city's its counties (COUNTY). */
export function noticeRankingLevel(parentCode: string): RegionLevel {
  return findRegion(parentCode)?.level === 'PROVINCE' ? 'CITY' : 'COUNTY';
}

/**
 * The notice's content, its year and running number. `published`: the month's publication (its ranking — given by a
 * publication about to store it, else read from its snapshot — its time and asOf); null: a draft as of `today`.
 */
async function draftContent(
  deps: NoticeReadContext,
  req: NoticeRequest,
  published: { publishedAt: Date; asOf: string; ranking?: Ranking } | null,
  today: string,
): Promise<{ content: NoticeContent; year: number; number: number }> {
  const em = deps.em.fork();
  const ctx = { ch: deps.ch, em };
  const parent = findRegion(req.parentCode);
  if (!parent) throw new Error(`unknown region ${req.parentCode}`);
  const rankingReq: RankingRequest = {
    month: req.month,
    level: noticeRankingLevel(req.parentCode),
    parentCode: req.parentCode,
    asOf: published?.asOf ?? today,
  };
  const ranking = published?.ranking ?? (await readRanking(ctx, rankingReq, false));
  const [config, previousReceived, yearAgoReceived, hotspots] = await Promise.all([
    published ? rankingConfigVersion(em, ranking.configVersion) : currentRankingConfig(em),
    receivedIn(ctx, { ...rankingReq, month: previousMonth(req.month) }),
    receivedIn(ctx, { ...rankingReq, month: monthsBefore(req.month, 12) }),
    foodSafetyHotspots(deps.ch, req.month, req.parentCode, HOTSPOTS_NAMED),
  ]);
  const units = noticeUnits(ranking);
  const cityNotice = ranking.unitLevel === 'CITY';
  const scopeWord = parent.level === 'PROVINCE' && !isMunicipality(parent.code) ? '全省' : '全市';
  const unitWord = cityNotice ? '市' : '县（区）';
  const facts: NoticeFacts = {
    month: req.month,
    scopeWord,
    unitWord,
    configVersion: ranking.configVersion,
    totals: Object.fromEntries(ranking.totals.map((v) => [v.indicatorId, noticeValue(v)])),
    previousReceived,
    yearAgoReceived,
    targets: Object.fromEntries(config.indicators.map((p) => [p.id, p.target])),
    units,
    redList: ranking.redList,
    blackList: ranking.blackList,
    overdueAsOf: overdueDay(req.month, ranking.asOf),
    operators: hotspots.operators.map((o) => ({
      name: o.operatorName,
      count: o.count,
      previousCount: o.previousCount,
      spike: o.spike,
    })),
    industries: hotspots.industries.slice(0, INDUSTRIES_NAMED).map((row) => {
      const value = (id: string) => row.values.find((v) => v.indicatorId === id)?.value ?? 0;
      return {
        name: row.keys[0]?.label ?? '',
        count: value('count'),
        previousCount: value('previous_count'),
        spike: value('spike') === 1,
      };
    }),
  };
  const date = published ? todayInShanghai(published.publishedAt) : today;
  const year = Number(date.slice(0, 4));
  const numbering = await noticeNumbering(em, req.parentCode);
  const number = await nextNoticeNumber(em, req.parentCode, year, numbering.firstNumber);
  const m = monthZh(req.month);
  const plural = cityNotice ? '各市' : '各县（区）';
  return {
    year,
    number,
    content: {
      month: req.month,
      parentCode: req.parentCode,
      unitLevel: ranking.unitLevel,
      published: published !== null,
      asOf: ranking.asOf,
      configVersion: ranking.configVersion,
      issuer: `${parent.name}${BUREAU}`,
      docNumber: docNumber(numbering.docPrefix, year, number),
      title: `关于${m}${scopeWord}12315投诉举报处理效能评价情况的通报`,
      recipients: units.map((u) => u.bureau),
      sections: noticeSections(facts),
      attachments: [`${m}${plural}12315投诉举报处理效能评价排名表`, `${m}${plural}12315投诉举报处理效能评价指标表`],
      date: dateZh(date),
      scoredIndicators: config.indicators.map((p) => ({
        id: p.id,
        nameZh: indicatorById(p.id)?.nameZh ?? p.id,
        weight: p.weight,
        target: p.target,
      })),
      units,
    },
  };
}

/**
 * The frozen notice of a month being published, for the publication to store in its own flush (so the document is
 * fixed at publication, not when first asked for): `ranking` is the ranking the snapshot stores, `publishedAt` its
 * time. Read through the publication's metadata fork and store; the number is the next of the publication's year.
 */
export async function newNoticeIssue(
  deps: NoticeReadContext,
  req: NoticeRequest,
  ranking: Ranking,
  publishedAt: Date,
): Promise<NoticeIssue> {
  const draft = await draftContent(deps, req, { publishedAt, asOf: ranking.asOf, ranking }, todayInShanghai(publishedAt));
  return Object.assign(new NoticeIssue(), {
    issuerCode: req.parentCode,
    month: req.month,
    year: draft.year,
    number: draft.number,
    content: draft.content,
    frozenAt: publishedAt,
  });
}

/**
 * The notice of a month under a parent region. Published month: the issue frozen at publication. A month published
 * before notices were frozen with it has none: it is frozen at its first build (two first builds racing store one,
 * the unique (issuer, month) keeps the winner). `today` (Asia/Shanghai) is the draft's 成文日期 and asOf.
 */
export async function buildNoticeContent(
  deps: NoticeDeps,
  req: NoticeRequest,
  today: string = todayInShanghai(),
): Promise<NoticeContent> {
  monthPeriod(req.month);
  const level = noticeRankingLevel(req.parentCode);
  const em = deps.orm.em.fork();
  const readCtx = { ch: deps.ch, em: deps.orm.em };
  const frozen = () => em.fork().findOne(NoticeIssue, { issuerCode: req.parentCode, month: req.month });
  const snapshot = await findSnapshot(em, { month: req.month, level, parentCode: req.parentCode });
  if (!snapshot) return (await storeGate.read(() => draftContent(readCtx, req, null, today))).content;
  for (let attempt = 0; ; attempt++) {
    const issued = await frozen();
    if (issued) return issued.content as NoticeContent;
    const draft = await storeGate.read(() => draftContent(readCtx, req, snapshot, today));
    const fork = em.fork();
    try {
      await fork.persistAndFlush(
        fork.create(NoticeIssue, {
          issuerCode: req.parentCode,
          month: req.month,
          year: draft.year,
          number: draft.number,
          content: draft.content,
          frozenAt: new Date(),
        }),
      );
      return draft.content;
    } catch (error) {
      // Another build froze this month, or took this number for another month: read or number again.
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= 3) throw error;
    }
  }
}
