/**
 * `ranking(month, level = CITY, parentCode, asOf)` (schema.graphql) plus the project's additions:
 *  - `fresh: Boolean = false` on `ranking`: a published month returns its frozen snapshot (`published: true`);
 *    `fresh: true` computes the month anew beside it (`published: false`);
 *  - `publishRanking(month, level, parentCode, asOf)`: PROVINCE_ADMIN only, inside its province;
 *  - `rankingConfig` / `updateRankingConfig(indicators, ruleTable, note)`: the versioned configuration;
 *  - `dataMonths` / `latestDataMonth` on `Ranking`: the months its parent region has cases in, so the dashboard opens
 *    on a month with data and says when the chosen one has none (issue 14 §4).
 */
import { type RegionLevel as DomainLevel, findRegion, isMunicipality, isWithin, levelOfCode } from '@c12315/domain';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertRankingScope, requireRole, requireUser } from '../auth/scope';
import { Computed, indicatorPasses, METADATA_COST } from '../common/engine-cost';
import { badUserInput, forbidden } from '../common/errors';
import { DateScalar, RegionLevel, Role } from '../common/graphql-types';
import { cachedRead } from '../common/read-cache';
import type { AppContext, AuthUser } from '../context';
import { HOTSPOTS_COST } from '../hotspots/hotspots.resolver';
import { monthPeriod, todayInShanghai } from '../indicators/period';
import { readDataMonths } from './data-months.sql';
import { type RankingRequest, readRanking } from './ranking.service';
import { RANKING_INDICATOR_IDS } from './ranking.sql';
import { Ranking, RankingConfiguration, RankingIndicatorParamsInput } from './ranking.type';
import { currentRankingConfig, saveRankingConfig } from './ranking-config.service';
import { publishRanking } from './ranking-publication';

/**
 * Months M and M−1 (previousRank), every ranking indicator over each. A published month is read from its snapshot, but
 * the cost is what `fresh` or an unpublished month runs: the request is priced before anything is read.
 */
export const RANKING_COST = indicatorPasses(RANKING_INDICATOR_IDS.length, 2);

/**
 * A publication: the month's ranking, and the 通报 frozen with it — the received counts of M−1 and M−12 it compares
 * with (one indicator over one month each), the food-safety hotspots — plus the snapshot, notice, deliveries and audit
 * entry stored in one flush.
 */
export const PUBLISH_COST = RANKING_COST + 2 * indicatorPasses(1) + HOTSPOTS_COST + 4 * METADATA_COST;

/** Resolve and validate the arguments; the default parent is the user's province (CITY) or city (COUNTY). */
export function rankingRequest(
  user: AuthUser,
  month: string,
  level: RegionLevel | null | undefined,
  parentCode: string | null | undefined,
  asOf: string | null | undefined,
): RankingRequest {
  monthPeriod(month, 'month');
  const lvl = level ?? RegionLevel.CITY;
  if (lvl !== RegionLevel.CITY && lvl !== RegionLevel.COUNTY) {
    throw badUserInput('level', 'rankings rank cities (CITY) or counties (COUNTY)');
  }
  const userLevel = levelOfCode(user.regionCode.slice(0, 6));
  let parent = parentCode ?? null;
  if (parent === null) {
    if (lvl === RegionLevel.CITY) parent = `${user.regionCode.slice(0, 2)}0000`;
    else if (userLevel === 'CITY') parent = user.regionCode;
    else if (userLevel === 'COUNTY') parent = findRegion(user.regionCode.slice(0, 6))?.parentCode ?? null;
    if (parent === null) throw badUserInput('parentCode', 'required for a COUNTY ranking');
  }
  const region = findRegion(parent);
  if (!region) throw badUserInput('parentCode', `unknown region code ${JSON.stringify(parent)}`);
  const expected: DomainLevel[] = lvl === RegionLevel.CITY ? ['PROVINCE'] : ['CITY', 'PROVINCE'];
  if (!expected.includes(region.level)) {
    throw badUserInput('parentCode', `a ${lvl} ranking is under a ${expected.join(' or ')}, not ${region.level} ${parent}`);
  }
  return { month, level: lvl, parentCode: parent, asOf: asOf ?? todayInShanghai() };
}

/** §5: a 直辖市's city ranking ranks its counties, so a county of it takes part in that ranking too. */
export function assertCanSeeRanking(user: AuthUser, req: RankingRequest): void {
  const rankedHere =
    req.level === 'CITY' && isMunicipality(req.parentCode) && levelOfCode(user.regionCode.slice(0, 6)) === 'COUNTY';
  if (rankedHere && isWithin(user.regionCode, req.parentCode)) return;
  assertRankingScope(user, req.parentCode);
}

/** The months with data under a ranking's parent (read now, also for a published snapshot), cached per data version. */
function dataMonthsOf(ctx: AppContext, ranking: Ranking): Promise<string[]> {
  const parentCode = ranking.parentCode as string;
  return cachedRead(ctx.em, JSON.stringify(['dataMonths', parentCode]), () => readDataMonths(ctx.ch, parentCode));
}

@Resolver(() => Ranking)
export class RankingResolver {
  @Query(() => Ranking)
  @Computed(RANKING_COST)
  async ranking(
    @Ctx() ctx: AppContext,
    @Arg('month', () => String) month: string,
    @Arg('level', () => RegionLevel, { nullable: true, defaultValue: RegionLevel.CITY }) level: RegionLevel | null,
    @Arg('parentCode', () => String, { nullable: true }) parentCode: string | null,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Arg('fresh', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: 'true: compute anew even when the month is published (the snapshot stays as it is)',
    })
    fresh: boolean | null,
  ): Promise<Ranking> {
    const user = requireUser(ctx);
    const req = rankingRequest(user, month, level, parentCode, asOf);
    assertCanSeeRanking(user, req);
    return readRanking(ctx, req, fresh === true);
  }

  @FieldResolver(() => [String], {
    description:
      'YYYY-MM, newest first: the months in which cases of the parent region were received (loaded), whatever the month asked',
  })
  async dataMonths(@Ctx() ctx: AppContext, @Root() ranking: Ranking): Promise<string[]> {
    return dataMonthsOf(ctx, ranking);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'YYYY-MM: the newest of dataMonths; null when no case of the parent region is loaded',
  })
  async latestDataMonth(@Ctx() ctx: AppContext, @Root() ranking: Ranking): Promise<string | null> {
    return (await dataMonthsOf(ctx, ranking))[0] ?? null;
  }

  @Mutation(() => Ranking, { description: 'Freeze a month’s ranking (PROVINCE_ADMIN of the province).' })
  @Computed(PUBLISH_COST)
  async publishRanking(
    @Ctx() ctx: AppContext,
    @Arg('month', () => String) month: string,
    @Arg('level', () => RegionLevel, { nullable: true, defaultValue: RegionLevel.CITY }) level: RegionLevel | null,
    @Arg('parentCode', () => String, { nullable: true }) parentCode: string | null,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
  ): Promise<Ranking> {
    const user = requireUser(ctx);
    requireRole(user, [Role.PROVINCE_ADMIN]);
    const req = rankingRequest(user, month, level, parentCode, asOf);
    if (!isWithin(req.parentCode, user.regionCode)) throw forbidden(`${req.parentCode} is outside your province`);
    const published = await publishRanking(ctx, req, user);
    // The 通报 e-mails go out after the publication committed, in the background: a failed send never undoes it.
    if (req.level === 'CITY') void ctx.noticeMailer?.dispatch(req.month, req.parentCode);
    return published;
  }

  @Query(() => RankingConfiguration)
  @Computed(METADATA_COST)
  async rankingConfig(@Ctx() ctx: AppContext): Promise<RankingConfiguration> {
    requireUser(ctx);
    const c = await currentRankingConfig(ctx.em);
    return { ...c, createdAt: c.createdAt.toISOString() };
  }

  @Mutation(() => RankingConfiguration, { description: 'Append a configuration version (PROVINCE_ADMIN).' })
  @Computed(2 * METADATA_COST)
  async updateRankingConfig(
    @Ctx() ctx: AppContext,
    @Arg('indicators', () => [RankingIndicatorParamsInput]) indicators: RankingIndicatorParamsInput[],
    @Arg('ruleTable', () => String, { nullable: true }) ruleTable: string | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Arg('baseVersion', () => Int, {
      nullable: true,
      description: 'the version this change was made from; if another was saved since, nothing is saved (CONFLICT)',
    })
    baseVersion: number | null,
  ): Promise<RankingConfiguration> {
    const user = requireUser(ctx);
    requireRole(user, [Role.PROVINCE_ADMIN]);
    const c = await saveRankingConfig(ctx.em, { indicators, ruleTable, note, baseVersion }, user, ctx.ip);
    return { ...c, createdAt: c.createdAt.toISOString() };
  }
}
