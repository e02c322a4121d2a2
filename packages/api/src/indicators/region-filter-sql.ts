/**
 * The region filter of every statement on cases or the read model — case list, metrics, rankings, overdue list,
 * hotspots, operator lists: "the region of a case is its handling unit's region" (indicators.md §6). Every hierarchy
 * column down to the code's level is fixed (a county also fixes its province and city), so the engine narrows the
 * sorting key (province → city → county) by prefix. The SQL text depends only on the code's level (a closed list: the
 * columns and parameter names come from the maps below); the codes are bound parameters.
 */
import { levelOfCode, type RegionLevel, type UnitHierarchy, unitHierarchy } from '@c12315/domain';

/** The hierarchy column of each level ('' in a row whose unit sits above that level). */
export const REGION_COLUMN: Readonly<Record<RegionLevel, string>> = {
  PROVINCE: 'province_code',
  CITY: 'city_code',
  COUNTY: 'county_code',
  STATION: 'station_code',
};

/** The bound parameter of each level's code, and where unitHierarchy holds it. */
const REGION_PARAM: Readonly<Record<RegionLevel, { name: string; code: keyof UnitHierarchy }>> = {
  PROVINCE: { name: 'regionProvince', code: 'provinceCode' },
  CITY: { name: 'regionCity', code: 'cityCode' },
  COUNTY: { name: 'regionCounty', code: 'countyCode' },
  STATION: { name: 'regionStation', code: 'stationCode' },
};

const LEVELS: readonly RegionLevel[] = ['PROVINCE', 'CITY', 'COUNTY', 'STATION'];

export interface RegionFilterSql {
  /** One condition per fixed level, top down (to be joined with AND). */
  where: string[];
  /** The codes those conditions bind, and no other. */
  params: Record<string, string>;
}

/** The conditions and bound codes of the region filter on `regionCode` (a known handling unit or region code). */
export function regionFilterSql(regionCode: string): RegionFilterSql {
  const hierarchy = unitHierarchy(regionCode);
  const where: string[] = [];
  const params: Record<string, string> = {};
  for (const level of LEVELS.slice(0, LEVELS.indexOf(levelOfCode(regionCode)) + 1)) {
    const param = REGION_PARAM[level];
    where.push(`${REGION_COLUMN[level]} = {${param.name}:String}`);
    params[param.name] = hierarchy[param.code];
  }
  return { where, params };
}

/** The same conditions as one text, for statements written whole (their params: `regionFilterSql(code).params`). */
export function regionWhereSql(regionCode: string): string {
  return regionFilterSql(regionCode).where.join(' AND ');
}
