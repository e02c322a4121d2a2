/**
 * Which ranking the /ranking URL asks for (DASHBOARD-SPEC "Routes": ?month=&level=&parent=), from the URL and the
 * user's region alone — a pure function, so the app can start the Ranking query at start-up, together with `Me`
 * (ranking-prefetch.ts), with exactly the variables the page will use.
 */
import { cityOf, levelOfCode, provinceOf } from '../../common/regions';
import { isMonth, lastFullMonth } from '../../format/months';
import type { RegionLevel } from '../../gql/graphql';

export interface RankingScope {
  month: string;
  /**
   * Whether the URL names the month. Without one the page opens on the last complete month and, when that month has no
   * data, moves to the latest month that has (issue 14 §4); a month the reader chose is kept and said to be empty.
   */
  monthChosen: boolean;
  level: RegionLevel;
  /** The parent region: the province for CITY; for COUNTY a city, or '' (a province user who picked none yet). */
  parent: string;
  province: string;
}

export function rankingScope(params: URLSearchParams, userRegionCode: string, now: Date = new Date()): RankingScope {
  const userLevel = levelOfCode(userRegionCode);
  const monthChosen = isMonth(params.get('month'));
  const month = monthChosen ? (params.get('month') as string) : lastFullMonth(now);
  const level: RegionLevel =
    params.get('level') === 'COUNTY' || (!params.get('level') && userLevel !== 'PROVINCE') ? 'COUNTY' : 'CITY';
  const province = provinceOf(userRegionCode);
  const urlParent = params.get('parent');
  const parent = level === 'CITY' ? province : (urlParent ?? (userLevel === 'PROVINCE' ? '' : cityOf(userRegionCode)));
  return { month, monthChosen, level, parent, province };
}

/** The Ranking query's variables, or null while the parent is still unknown (COUNTY level without a city). */
export function rankingVariables(scope: RankingScope): { month: string; level: RegionLevel; parentCode: string } | null {
  if (scope.level === 'COUNTY' && scope.parent.length !== 6) return null;
  return { month: scope.month, level: scope.level, parentCode: scope.parent };
}
