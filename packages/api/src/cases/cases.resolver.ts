/**
 * `cases(filter, first, after, sort)`: the case list of the drill-down (keyset pages); `case(caseId)`: one case with
 * its 督办 history (the overdue feature's supervision loader, so a list and a detail batch the same way).
 */
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { requireUser } from '../auth/scope';
import { Computed, ComputedPage, PASS_COST } from '../common/engine-cost';
import { CaseFilter } from '../common/graphql-types';
import type { AppContext } from '../context';
import { SupervisionActionType } from '../overdue/overdue.type';
import { supervisionLoader, toSupervisionType } from '../overdue/supervision.service';
import { countCases, DEFAULT_FIRST, fetchCasePage, findCase, MAX_FIRST, prepareCaseList } from './cases.service';
import { CaseConnection, CaseSortEnum, CaseType } from './cases.type';

@Resolver(() => CaseType)
export class CasesResolver {
  @Query(() => CaseConnection, {
    description: 'Cases registered in [filter.from, filter.to] inside filter.regionCode (default: your region)',
  })
  // The page and its count: two filtered passes, no aggregate.
  @ComputedPage(2 * PASS_COST, MAX_FIRST)
  async cases(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => CaseFilter) filter: CaseFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('sort', () => CaseSortEnum, { nullable: true, defaultValue: CaseSortEnum.REGISTERED_DESC })
    sort: CaseSortEnum | null,
  ): Promise<CaseConnection> {
    const user = requireUser(ctx);
    const q = prepareCaseList(user, { filter, first, after, sort });
    const [page, totalCount] = await Promise.all([fetchCasePage(ctx.ch, q), countCases(ctx.ch, q)]);
    return { totalCount, nodes: page.rows, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }

  @Query(() => CaseType, { description: 'One case (NOT_FOUND when absent, FORBIDDEN outside your region)' })
  @Computed(PASS_COST)
  async case(@Ctx() ctx: AppContext, @Arg('caseId', () => ID) caseId: string): Promise<CaseType> {
    const user = requireUser(ctx);
    return findCase(ctx.ch, user, caseId);
  }

  @FieldResolver(() => [SupervisionActionType], { description: '督办 actions on this case, oldest first' })
  async supervisions(@Root() row: CaseType, @Ctx() ctx: AppContext): Promise<SupervisionActionType[]> {
    const actions = await supervisionLoader(ctx).load(row.caseId);
    return actions.map(toSupervisionType);
  }
}
