/**
 * `metrics(indicatorIds, groupBy, filter, asOf)` (schema.graphql): validate the arguments, check the region scope
 * (metrics-scope.ts), compute (metrics.service.ts).
 */
import { INDICATORS, indicatorById } from '@c12315/domain';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requireUser } from '../auth/scope';
import { Computed, type FieldArgs, indicatorPasses, monthsMet } from '../common/engine-cost';
import { badUserInput } from '../common/errors';
import { CaseFilter, DateScalar, Dimension, MetricRow } from '../common/graphql-types';
import { cachedRead } from '../common/read-cache';
import type { AppContext, AuthUser } from '../context';
import { todayInShanghai, validatePeriod } from '../indicators/period';
import { validateRegionCode } from '../indicators/region-code';
import { computeMetrics } from './metrics.service';
import type { MetricsQueryArgs } from './metrics.sql';
import { metricsScope } from './metrics-scope';

export function validateIndicatorIds(ids: readonly string[]): void {
  if (ids.length === 0) throw badUserInput('indicatorIds', 'name at least one indicator');
  const unknown = ids.filter((id) => !indicatorById(id));
  if (unknown.length) throw badUserInput('indicatorIds', `unknown indicator ${unknown.join(', ')}`);
  if (new Set(ids).size !== ids.length) throw badUserInput('indicatorIds', 'an indicator is named twice');
}

/**
 * One statement evaluating every requested indicator over each period: MONTH makes each calendar month of the range a
 * period of its own (the rows are ARRAY JOINed with the months), so its cost grows with the months too. More ids than
 * the catalogue holds count as the catalogue: the resolver refuses the duplicates or unknowns, naming them.
 */
export function metricsCost(args: FieldArgs): number {
  const ids = Array.isArray(args.indicatorIds) ? args.indicatorIds.length : 1;
  const filter = (args.filter ?? {}) as { from?: unknown; to?: unknown };
  const byMonth = Array.isArray(args.groupBy) && args.groupBy.includes(Dimension.MONTH);
  return indicatorPasses(Math.min(ids, INDICATORS.length), byMonth ? monthsMet(filter.from, filter.to) : 1);
}

/**
 * The arguments checked (BAD_USER_INPUT naming each; the filter's fields as `filter.…`) and scoped (metrics-scope.ts),
 * with the defaults applied: the GraphQL field and the .xlsx export ask the same question.
 */
export function metricsQueryArgs(
  user: AuthUser,
  indicatorIds: string[],
  groupBy: Dimension[],
  filter: CaseFilter,
  asOf: string | null | undefined,
): MetricsQueryArgs {
  validateIndicatorIds(indicatorIds);
  if (new Set(groupBy).size !== groupBy.length) throw badUserInput('groupBy', 'a dimension is named twice');
  validatePeriod(filter, 'filter');
  const regionCode = filter.regionCode ?? user.regionCode;
  validateRegionCode(regionCode, 'filter.regionCode');
  const scope = metricsScope(user, regionCode, groupBy);
  return {
    indicatorIds,
    groupBy,
    filter: { ...filter, regionCode },
    asOf: asOf ?? todayInShanghai(),
    excludeEmptyColumns: scope.excludeEmptyColumns,
  };
}

/** Computed once per question until the next load (read-cache.ts). */
export function readMetrics(ctx: Pick<AppContext, 'ch' | 'em'>, args: MetricsQueryArgs): Promise<MetricRow[]> {
  return cachedRead(ctx.em, JSON.stringify(['metrics', args]), () => computeMetrics(ctx, args));
}

@Resolver()
export class MetricsResolver {
  @Query(() => [MetricRow], {
    description:
      'Indicators per group. MONTH = the calendar months of [from, to], each evaluated as its own period (a cohort has no single month).',
  })
  @Computed(metricsCost)
  async metrics(
    @Ctx() ctx: AppContext,
    @Arg('indicatorIds', () => [ID]) indicatorIds: string[],
    @Arg('groupBy', () => [Dimension]) groupBy: Dimension[],
    @Arg('filter', () => CaseFilter) filter: CaseFilter,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string | null,
  ): Promise<MetricRow[]> {
    const args = metricsQueryArgs(requireUser(ctx), indicatorIds, groupBy, filter, asOf);
    return readMetrics(ctx, args);
  }
}
