/**
 * WHERE clauses of a CaseFilter (schema.graphql `CaseFilter`). Values are bound parameters; the region comes from the
 * one region filter (region-filter-sql.ts), whose text varies only with the code's level (a closed list).
 */
import { regionFilterSql } from './region-filter-sql';

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

export function caseFilterSql(filter: CaseFilterValues): SqlPart {
  const region = regionFilterSql(filter.regionCode);
  const where = [...region.where];
  const params: Record<string, unknown> = { ...region.params };
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
