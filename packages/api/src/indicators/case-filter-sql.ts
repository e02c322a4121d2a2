/**
 * WHERE clauses of a CaseFilter (schema.graphql `CaseFilter`). Values are bound parameters; the only identifier that
 * varies — the region column of the filter's level — comes from a closed map keyed by the level.
 */
import { levelOfCode, type RegionLevel, unitHierarchy } from '@c12315/domain';

/** The hierarchy column of each level ('' in a row whose unit sits above that level). */
export const REGION_COLUMN: Readonly<Record<RegionLevel, string>> = {
  PROVINCE: 'province_code',
  CITY: 'city_code',
  COUNTY: 'county_code',
  STATION: 'station_code',
};

export interface CaseFilterValues {
  regionCode: string;
  kinds?: readonly string[] | null;
  channels?: readonly string[] | null;
  industryCodes?: readonly string[] | null;
  objectCategories?: readonly string[] | null;
  problemCategories?: readonly string[] | null;
  foodRelated?: boolean | null;
}

export interface SqlPart {
  where: string[];
  params: Record<string, unknown>;
}

const LEVELS: readonly RegionLevel[] = ['PROVINCE', 'CITY', 'COUNTY', 'STATION'];

/**
 * The region filter on every hierarchy column down to the code's level (a county also fixes its province and city),
 * so the engine narrows the sorting key (province → city → county) from its prefix.
 */
export function regionClause(regionCode: string): SqlPart {
  const hierarchy = unitHierarchy(regionCode);
  const values: Record<RegionLevel, string> = {
    PROVINCE: hierarchy.provinceCode,
    CITY: hierarchy.cityCode,
    COUNTY: hierarchy.countyCode,
    STATION: hierarchy.stationCode,
  };
  const depth = LEVELS.indexOf(levelOfCode(regionCode));
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  for (const level of LEVELS.slice(0, depth + 1)) {
    where.push(`${REGION_COLUMN[level]} = {region${level}:String}`);
    params[`region${level}`] = values[level];
  }
  return { where, params };
}

export function caseFilterSql(filter: CaseFilterValues): SqlPart {
  const { where, params } = regionClause(filter.regionCode);
  if (filter.kinds?.length) {
    where.push('kind IN {kinds:Array(String)}');
    params.kinds = filter.kinds;
  }
  if (filter.channels?.length) {
    where.push('channel IN {channels:Array(String)}');
    params.channels = filter.channels;
  }
  if (filter.industryCodes?.length) {
    // A 2-digit division matches the derived 大类; anything else (section letter, 3–4 digits) is a prefix of the code.
    where.push(
      `(industry_division IN {industryCodes:Array(String)} OR arrayExists(c -> startsWith(ifNull(industry_code, ''), c), {industryCodes:Array(String)}))`,
    );
    params.industryCodes = filter.industryCodes;
  }
  if (filter.objectCategories?.length) {
    // Path prefixes on whole segments: "商品-食品" matches "商品-食品" and "商品-食品-乳制品", not "商品-食品x".
    where.push(
      `arrayExists(c -> ifNull(object_category, '') = c OR startsWith(ifNull(object_category, ''), concat(c, '-')), {objectCategories:Array(String)})`,
    );
    params.objectCategories = filter.objectCategories;
  }
  if (filter.problemCategories?.length) {
    where.push('problem_category IN {problemCategories:Array(String)}');
    params.problemCategories = filter.problemCategories;
  }
  if (filter.foodRelated !== null && filter.foodRelated !== undefined) {
    where.push('food_related = {foodRelated:Bool}');
    params.foodRelated = filter.foodRelated;
  }
  return { where, params };
}
