/**
 * overdueCases (schema.graphql, indicators.md §3) with sorting, filters and keyset pages; superviseCase (督办) and
 * each case's supervisions, batched per request.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser } from '../auth/scope';
import { Computed, ComputedPage, indicatorPasses, METADATA_COST, PASS_COST } from '../common/engine-cost';
import { CaseKindEnum, DateScalar } from '../common/graphql-types';
import { cachedRead } from '../common/read-cache';
import type { AppContext } from '../context';
import {
  answerOverdueCount,
  answerOverduePage,
  DEFAULT_FIRST,
  MAX_FIRST,
  OVERDUE_STAGES,
  prepareOverdueQuery,
} from './overdue.service';
import { OverdueCase, OverdueCaseConnection, OverdueSortEnum, OverdueStageEnum, SupervisionActionType } from './overdue.type';
import { superviseCase, supervisionLoader, toSupervisionType } from './supervision.service';

/**
 * The page and its count, each checking every stage's due date: up to three statements (a first page's month profile
 * that may not hold enough spans, then the page's own statement; the count or its steps).
 */
export const OVERDUE_COST = indicatorPasses(OVERDUE_STAGES.length, 1, 3);
/** The case's handling unit by id (engine), then the action written (metadata). */
export const SUPERVISE_COST = PASS_COST + METADATA_COST;

@Resolver(() => OverdueCase)
export class OverdueResolver {
  @Query(() => OverdueCaseConnection, { description: 'Cases overdue as of asOf (default: today, Asia/Shanghai)' })
  @ComputedPage(OVERDUE_COST, MAX_FIRST)
  async overdueCases(
    @Ctx() ctx: AppContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('kinds', () => [CaseKindEnum], { nullable: true }) kinds: CaseKindEnum[] | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('sort', () => OverdueSortEnum, { nullable: true, defaultValue: OverdueSortEnum.OVERDUE_WORKDAYS })
    sort: OverdueSortEnum | null,
    @Arg('stages', () => [OverdueStageEnum], { nullable: true }) stages: OverdueStageEnum[] | null,
    @Arg('problemCategories', () => [String], { nullable: true }) problemCategories: string[] | null,
    @Arg('objectCategories', () => [String], { nullable: true, description: 'path prefixes, e.g. "商品-食品"' })
    objectCategories: string[] | null,
    @Arg('unitCodes', () => [String], { nullable: true, description: 'handling unit codes (exact)' }) unitCodes: string[] | null,
  ): Promise<OverdueCaseConnection> {
    const user = requireUser(ctx);
    const q = prepareOverdueQuery(user, {
      asOf,
      regionCode,
      kinds,
      first,
      after,
      sort,
      stages,
      problemCategories,
      objectCategories,
      unitCodes,
    });
    const [page, totalCount] = await cachedRead(ctx.em, JSON.stringify(['overdue', q]), () =>
      Promise.all([answerOverduePage(ctx, q), answerOverdueCount(ctx, q)]),
    );
    return {
      totalCount,
      nodes: page.rows as OverdueCase[],
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @FieldResolver(() => [SupervisionActionType], { description: '督办 actions on this case, oldest first' })
  async supervisions(@Root() row: OverdueCase, @Ctx() ctx: AppContext): Promise<SupervisionActionType[]> {
    const actions = await supervisionLoader(ctx).load(row.caseId);
    return actions.map(toSupervisionType);
  }

  @Mutation(() => SupervisionActionType, {
    description: '督办: SUPERVISOR, CITY_CHIEF or PROVINCE_ADMIN, on a case inside their region',
  })
  @Computed(SUPERVISE_COST)
  async superviseCase(
    @Ctx() ctx: AppContext,
    @Arg('caseId', () => ID) caseId: string,
    @Arg('note', () => String) note: string,
    @Arg('deadline', () => DateScalar) deadline: string,
  ): Promise<SupervisionActionType> {
    const user = requireUser(ctx);
    const action = await superviseCase(ctx, user, { caseId, note, deadline });
    return toSupervisionType(action);
  }
}
