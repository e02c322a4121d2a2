/**
 * Food safety (indicators.md §6): foodSafetyHotspots (contract), operatorRedBlackList and complaintDisclosure
 * (extras). Per-operator figures are case-level data: the region must lie inside the user's own (assertCaseScope).
 */
import { isKnownHandlingUnitCode } from '@c12315/domain';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { assertCaseScope, requireUser } from '../auth/scope';
import { Computed, ComputedPage, type FieldArgs, indicatorPasses, monthsMet } from '../common/engine-cost';
import { badUserInput } from '../common/errors';
import { DateScalar } from '../common/graphql-types';
import { cachedRead } from '../common/read-cache';
import type { AppContext, AuthUser } from '../context';
import { checkPeriod, monthPeriod, todayInShanghai } from '../indicators/period';
import { foodSafetyHotspots } from './hotspots.service';
import { DisclosureConnection, FoodSafetyHotspots, OperatorRedBlackList } from './hotspots.type';
import { complaintDisclosure, operatorRedBlackList, type Period } from './operators.service';

export const MAX_TOP = 100;
export const MAX_DISCLOSURE_FIRST = 500;

/** The region asked about (default: the user's own), known and inside the user's case scope. */
export function scopedRegion(user: AuthUser, regionCode: string | null | undefined): string {
  const code = regionCode ?? user.regionCode;
  if (!isKnownHandlingUnitCode(code)) throw badUserInput('regionCode', `unknown region code ${JSON.stringify(code)}`);
  assertCaseScope(user, code);
  return code;
}

export function closedPeriod(from: string, to: string, asOf: string | null | undefined): Period {
  checkPeriod(from, to);
  return { from, to, asOf: asOf ?? todayInShanghai() };
}

/** `top` checked: a whole number from 1 to MAX_TOP (default 10). */
export function hotspotTop(top: number | null | undefined): number {
  const n = top ?? 10;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_TOP) throw badUserInput('top', `must be a whole number from 1 to ${MAX_TOP}`);
  return n;
}

/** Computed once per question until the next load (read-cache.ts); the GraphQL fields and the .xlsx exports share it. */
export function readHotspots(ctx: Pick<AppContext, 'ch' | 'em'>, month: string, region: string, top: number) {
  return cachedRead(ctx.em, JSON.stringify(['hotspots', month, region, top]), () =>
    foodSafetyHotspots(ctx.ch, month, region, top),
  );
}

export function readRedBlackList(ctx: Pick<AppContext, 'ch' | 'em'>, region: string, period: Period) {
  return cachedRead(ctx.em, JSON.stringify(['operatorRedBlackList', region, period]), () =>
    operatorRedBlackList(ctx.ch, region, period),
  );
}

/** Operators, industries and counties: three grouped statements, each counting M, M−1 and M−3..M−1. */
export const HOTSPOTS_COST = indicatorPasses(3, 1, 3);

/**
 * The operator lists group the closed cohort of [from, to] by operator: the groups grow with the period, so each month
 * counts as a period. Red/black: one statement, 3 figures; disclosure: the page and its count, 4 figures each.
 */
export const redBlackCost = (args: FieldArgs): number => indicatorPasses(3, monthsMet(args.from, args.to));
export const disclosureCost = (args: FieldArgs): number => indicatorPasses(4, monthsMet(args.from, args.to), 2);

@Resolver()
export class HotspotsResolver {
  @Query(() => FoodSafetyHotspots, { description: 'food-safety hotspots of a month (indicators.md §6)' })
  @Computed(HOTSPOTS_COST)
  async foodSafetyHotspots(
    @Ctx() ctx: AppContext,
    @Arg('month', () => String) month: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('top', () => Int, { nullable: true, defaultValue: 10 }) top: number | null,
  ): Promise<FoodSafetyHotspots> {
    const user = requireUser(ctx);
    monthPeriod(month);
    const n = hotspotTop(top);
    return readHotspots(ctx, month, scopedRegion(user, regionCode), n);
  }

  @Query(() => OperatorRedBlackList, {
    description:
      '放心消费红黑榜: operators with ≥ 5 accepted complaints closed in [from, to] (before asOf), by mediation success rate',
  })
  @Computed(redBlackCost)
  async operatorRedBlackList(
    @Ctx() ctx: AppContext,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
  ): Promise<OperatorRedBlackList> {
    const user = requireUser(ctx);
    const period = closedPeriod(from, to, asOf);
    const region = scopedRegion(user, regionCode);
    return readRedBlackList(ctx, region, period);
  }

  @Query(() => DisclosureConnection, { description: '投诉信息公示: disclosed complaints per operator, most closed first' })
  @ComputedPage(disclosureCost, MAX_DISCLOSURE_FIRST)
  async complaintDisclosure(
    @Ctx() ctx: AppContext,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
  ): Promise<DisclosureConnection> {
    const user = requireUser(ctx);
    const n = first ?? 50;
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_DISCLOSURE_FIRST) {
      throw badUserInput('first', `must be a whole number from 0 to ${MAX_DISCLOSURE_FIRST}`);
    }
    const period = closedPeriod(from, to, asOf);
    return complaintDisclosure(ctx.ch, scopedRegion(user, regionCode), period, n, after);
  }
}
