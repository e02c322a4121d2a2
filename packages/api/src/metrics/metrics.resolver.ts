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
import type { AppContext } from '../context';
import { todayInShanghai, validatePeriod } from '../indicators/period';
import { validateRegionCode } from '../indicators/region-code';
import { computeMetrics } from './metrics.service';
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
    const user = requireUser(ctx);
    validateIndicatorIds(indicatorIds);
    if (new Set(groupBy).size !== groupBy.length) throw badUserInput('groupBy', 'a dimension is named twice');
    validatePeriod(filter, 'filter');
    const regionCode = filter.regionCode ?? user.regionCode;
    validateRegionCode(regionCode, 'filter.regionCode');
    const scope = metricsScope(user, regionCode, groupBy);
    const args = {
      indicatorIds,
      groupBy,
      filter: { ...filter, regionCode },
      asOf: asOf ?? todayInShanghai(),
      excludeEmptyColumns: scope.excludeEmptyColumns,
    };
    return cachedRead(ctx.em, JSON.stringify(['metrics', args]), () => computeMetrics(ctx.ch, args));
  }
}
