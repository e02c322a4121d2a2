/**
 * The monthly ranking (indicators.md §5): compute a month fresh, or read its published snapshot (publication:
 * ranking-publication.ts). previousRank comes from M−1's published snapshot when there is one, else from M−1 computed
 * with the same asOf and the same configuration.
 */
import { isMunicipality, type RegionInfo, type RegionLevel, regionsUnder } from '@c12315/domain';
import { type RankingConfig, RankingSnapshot } from '@c12315/store';
import type { RegionLevel as GqlRegionLevel } from '../common/graphql-types';
import { cachedRead } from '../common/read-cache';
import type { AppContext } from '../context';
import { answerIndicatorQuery, readIndicatorValues, readKey, sumIndicatorValues } from '../indicators/indicator-query';
import { monthPeriod, previousMonth } from '../indicators/period';
import { buildRankingMonthsQuery, buildRankingQuery, MONTH_KEY, RANKING_INDICATOR_IDS } from './ranking.sql';
import type { Ranking, RankingRow } from './ranking.type';
import { currentRankingConfig } from './ranking-config.service';
import { cutLists, explainMovement, rankRows, roundHalfUp2, type ScoredValue, scoreValues } from './scoring';

type EntityManager = AppContext['em'];

export interface RankingRequest {
  month: string;
  /** The requested level (CITY or COUNTY). */
  level: RegionLevel;
  parentCode: string;
  asOf: string;
}

/** The units ranked: every unit of the level under the parent; a 直辖市's city ranking ranks its counties (§5). */
export function rankedUnits(level: RegionLevel, parentCode: string): { unitLevel: RegionLevel; units: RegionInfo[] } {
  const unitLevel: RegionLevel = level === 'CITY' && isMunicipality(parentCode) ? 'COUNTY' : level;
  return { unitLevel, units: regionsUnder(parentCode, unitLevel) };
}

interface UnitMonth {
  region: RegionInfo;
  values: ScoredValue[];
  score: number | null;
}

/**
 * The ranked units' values of each month asked (calendar months: M, or M−1 and M), in one statement: a unit without
 * cases still gets a row (counts 0, rates null, no score); totals sum every row, the parent's own units ('' key)
 * included (§5 "the province row totals include…").
 */
async function computeMonths(
  ctx: Pick<AppContext, 'ch' | 'em'>,
  req: RankingRequest,
  months: readonly string[],
  config: RankingConfig,
): Promise<Map<string, { units: UnitMonth[]; totals: ScoredValue[] }>> {
  const { unitLevel, units } = rankedUnits(req.level, req.parentCode);
  const periods = months.map((m) => monthPeriod(m));
  const [single] = periods;
  const args = { parentCode: req.parentCode, unitLevel, asOf: req.asOf };
  const rows = await answerIndicatorQuery(
    ctx,
    periods.length === 1 && single
      ? buildRankingQuery({ ...args, period: single })
      : buildRankingMonthsQuery({ ...args, months: periods }),
  );
  const result = new Map<string, { units: UnitMonth[]; totals: ScoredValue[] }>();
  for (const [i, month] of months.entries()) {
    const first = periods[i]?.from;
    const ofMonth = periods.length === 1 ? rows : rows.filter((row) => readKey(row, MONTH_KEY) === first);
    const byUnit = new Map(ofMonth.map((row) => [readKey(row, 0), readIndicatorValues(row, RANKING_INDICATOR_IDS)]));
    const totals = sumIndicatorValues([...byUnit.values()], RANKING_INDICATOR_IDS).map((v) => ({ ...v, points: null }));
    result.set(month, {
      totals,
      units: units.map((region) => {
        const values = byUnit.get(region.code) ?? readIndicatorValues({}, RANKING_INDICATOR_IDS);
        const scored = scoreValues(values, config.indicators);
        return { region, values: scored.values, score: scored.score === null ? null : roundHalfUp2(scored.score) };
      }),
    });
  }
  return result;
}

export async function findSnapshot(em: EntityManager, req: Omit<RankingRequest, 'asOf'>): Promise<RankingSnapshot | null> {
  return em.fork().findOne(RankingSnapshot, { month: req.month, level: req.level, parentCode: req.parentCode });
}

export function snapshotRanking(snapshot: RankingSnapshot): Ranking {
  return { ...(snapshot.payload as Ranking), published: true, publishedAt: snapshot.publishedAt.toISOString() };
}

/**
 * `config`: the configuration to score with (default: the current one). A cached read passes the version its cache key
 * names, so an answer is never stored under another version than the one it was scored with.
 */
export async function computeRanking(
  ctx: Pick<AppContext, 'ch' | 'em'>,
  req: RankingRequest,
  config?: RankingConfig,
): Promise<Ranking> {
  config ??= await currentRankingConfig(ctx.em);
  const prevMonth = previousMonth(req.month);
  const prevSnapshot = await findSnapshot(ctx.em, { ...req, month: prevMonth });
  // M−1 is computed beside M (one statement) unless its published snapshot gives the previous ranks.
  const computed = await computeMonths(ctx, req, prevSnapshot ? [req.month] : [prevMonth, req.month], config);
  const current = computed.get(req.month) as { units: UnitMonth[]; totals: ScoredValue[] };
  const previous = new Map<string, { rank: number | null; values: ScoredValue[] }>();
  const computedPrevious = computed.get(prevMonth);
  if (prevSnapshot) {
    for (const row of snapshotRanking(prevSnapshot).rows)
      previous.set(row.region.code, { rank: row.rank, values: row.values as ScoredValue[] });
  } else if (computedPrevious) {
    for (const row of rankRows(computedPrevious.units.map((u) => ({ ...u, regionCode: u.region.code })))) {
      previous.set(row.regionCode, { rank: row.rank, values: row.values });
    }
  }
  const ranked = rankRows(current.units.map((u) => ({ ...u, regionCode: u.region.code })));
  const lists = cutLists(ranked);
  const rows: RankingRow[] = ranked.map((u) => ({
    region: {
      code: u.region.code,
      name: u.region.name,
      level: u.region.level as GqlRegionLevel,
      parentCode: u.region.parentCode,
    },
    rank: u.rank,
    previousRank: previous.get(u.regionCode)?.rank ?? null,
    score: u.score,
    values: u.values,
    noScore: u.score === null,
    movement: explainMovement(u.values, previous.get(u.regionCode)?.values),
  }));
  return {
    month: req.month,
    level: req.level as GqlRegionLevel,
    parentCode: req.parentCode,
    asOf: req.asOf,
    unitLevel: rankedUnits(req.level, req.parentCode).unitLevel as GqlRegionLevel,
    rows,
    published: false,
    publishedAt: null,
    configVersion: config.version,
    redList: lists.red,
    blackList: lists.black,
    totals: current.totals,
  };
}

/** A published month reads as its snapshot unless `fresh` asks for a new computation beside it. */
export async function readRanking(ctx: Pick<AppContext, 'ch' | 'em'>, req: RankingRequest, fresh: boolean): Promise<Ranking> {
  if (!fresh) {
    const snapshot = await findSnapshot(ctx.em, req);
    if (snapshot) return snapshotRanking(snapshot);
  }
  const config = await currentRankingConfig(ctx.em);
  const key = JSON.stringify(['ranking', req.month, req.level, req.parentCode, req.asOf, config.version]);
  return cachedRead(ctx.em, key, () => computeRanking(ctx, req, config));
}
