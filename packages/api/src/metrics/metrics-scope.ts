/**
 * Region scope of a metrics request (schema.graphql header: aggregates = R and everything below it, plus R's peers).
 * Every row a grouping produces must itself be visible:
 *  - filter inside R: any grouping;
 *  - filter on a peer of R: no region grouping below the peer's own level (no other city's counties);
 *  - filter on R's parent grouped by R's own level: the rows are R and its peers (a city chief may group the province
 *    by CITY), with the parent's own units ('' at that level) left out — they are not a peer.
 * Anything else is FORBIDDEN.
 */
import { isWithin, levelOfCode, type RegionLevel } from '@c12315/domain';
import { canSeeAggregate, parentCodeOf } from '../auth/scope';
import { forbidden } from '../common/errors';
import { Dimension } from '../common/graphql-types';
import type { AuthUser } from '../context';

const REGION_DIMENSIONS: readonly { dimension: Dimension; level: RegionLevel; depth: number }[] = [
  { dimension: Dimension.PROVINCE, level: 'PROVINCE', depth: 0 },
  { dimension: Dimension.CITY, level: 'CITY', depth: 1 },
  { dimension: Dimension.COUNTY, level: 'COUNTY', depth: 2 },
  { dimension: Dimension.STATION, level: 'STATION', depth: 3 },
];
const DEPTH: Record<RegionLevel, number> = { PROVINCE: 0, CITY: 1, COUNTY: 2, STATION: 3 };

export interface MetricsScope {
  excludeEmptyColumns: Dimension[];
}

export function metricsScope(user: AuthUser, regionCode: string, groupBy: readonly Dimension[]): MetricsScope {
  const finest = REGION_DIMENSIONS.filter((d) => groupBy.includes(d.dimension)).at(-1);
  if (isWithin(regionCode, user.regionCode)) return { excludeEmptyColumns: [] };
  const filterDepth = DEPTH[levelOfCode(regionCode)];
  if (canSeeAggregate(user, regionCode)) {
    if (finest && finest.depth > filterDepth) {
      throw forbidden(`grouping ${regionCode} by ${finest.dimension} is outside your scope (${user.regionCode})`);
    }
    return { excludeEmptyColumns: [] };
  }
  const ownLevel = levelOfCode(user.regionCode);
  if (parentCodeOf(user.regionCode) === regionCode && finest?.level === ownLevel) {
    return { excludeEmptyColumns: [finest.dimension] };
  }
  throw forbidden(`region ${regionCode} is outside your scope (${user.regionCode})`);
}
