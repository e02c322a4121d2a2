/**
 * The region filter of case-level queries (overdue list, hotspots): "the region of a case is its handling unit's
 * region" (indicators.md §6). Every hierarchy column down to the code's level is fixed (a county also fixes its
 * province and city), so the engine narrows the sorting key (province → city → county) by prefix. The SQL text
 * depends only on the level (a closed list); the codes are bound parameters.
 */
import { levelOfCode, unitHierarchy } from '@c12315/domain';

const COLUMNS = [
  { column: 'province_code', param: 'regionProvince' },
  { column: 'city_code', param: 'regionCity' },
  { column: 'county_code', param: 'regionCounty' },
  { column: 'station_code', param: 'regionStation' },
] as const;
const DEPTH = { PROVINCE: 1, CITY: 2, COUNTY: 3, STATION: 4 } as const;

export function regionWhereSql(regionCode: string): string {
  return COLUMNS.slice(0, DEPTH[levelOfCode(regionCode)])
    .map((c) => `${c.column} = {${c.param}:String}`)
    .join(' AND ');
}

export function regionParams(regionCode: string): Record<string, string> {
  const h = unitHierarchy(regionCode);
  return { regionProvince: h.provinceCode, regionCity: h.cityCode, regionCounty: h.countyCode, regionStation: h.stationCode };
}
