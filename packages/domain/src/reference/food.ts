/**
 * Food-safety scope and operator grouping key (indicators.md §6).
 */
import type { COMPLAINT_PROBLEM_CATEGORIES, OBJECT_CATEGORY_L2, REPORT_PROBLEM_CATEGORIES } from './categories';

type ProblemCategory = (typeof COMPLAINT_PROBLEM_CATEGORIES)[number] | (typeof REPORT_PROBLEM_CATEGORIES)[number];

// `satisfies` ties the literals to the contract enumerations, so a renamed category fails the typecheck.
export const FOOD_PROBLEM_CATEGORIES: readonly string[] = ['食品安全', '食品安全违法行为'] satisfies ProblemCategory[];
export const FOOD_OBJECT_L2: readonly string[] = ['食品', '烟、酒、饮料'] satisfies (typeof OBJECT_CATEGORY_L2)['商品'][number][];
export const CATERING_SERVICE = '服务-餐饮和住宿服务-餐饮服务';

/** §6: 问题类别 食品安全 / 食品安全违法行为, 客体类别 L2 食品 / 烟、酒、饮料, or exactly 服务-餐饮和住宿服务-餐饮服务. */
export function isFoodRelated(problemCategory: string | null, objectCategory: string | null): boolean {
  if (problemCategory !== null && FOOD_PROBLEM_CATEGORIES.includes(problemCategory)) return true;
  if (objectCategory === null) return false;
  if (objectCategory === CATERING_SERVICE) return true;
  const l2 = objectCategory.split('-')[1];
  return l2 !== undefined && FOOD_OBJECT_L2.includes(l2);
}

/**
 * §6 operator name folding: full-width ASCII forms U+FF01–U+FF5E → U+0021–U+007E, ideographic space U+3000 → space,
 * then trim. Nothing else: 有限公司 / 有限责任公司 and inner spacing stay as written.
 */
export function foldOperatorName(name: string): string {
  return name
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** §6 grouping key: the (already validated) USCC, else the folded name; null when neither is left. */
export function operatorKey(validUscc: string | null, name: string | null): string | null {
  if (validUscc !== null && validUscc !== '') return validUscc;
  if (name === null) return null;
  const folded = foldOperatorName(name);
  return folded === '' ? null : folded;
}
