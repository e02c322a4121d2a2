/**
 * Operator red/black list and complaint disclosure table (indicators.md §6), on the closed cohort (closed date in
 * [from, to] and before asOf: indicators.md §4 "as of asOf"). mediation_success_rate as in §4: 调解成功 ÷ (调解成功 +
 * any 终止调解-*), accepted complaints only; ODR先行和解, 移送 and 不予受理 are outside both.
 * Grain: one row per operator key (USCC or folded name; '' = no operator, left out). `cases FINAL` throughout.
 */
import { regionWhereSql } from '../overdue/region-sql';

const closedInPeriod = `(closed_at IS NOT NULL AND toDate(closed_at) >= {from:Date} AND toDate(closed_at) <= {to:Date}
    AND toDate(closed_at) < {asOf:Date})`;
const accepted = `acceptance = '受理'`;
const success = `ifNull(outcome = '调解成功', 0)`;
const mediated = `(ifNull(outcome = '调解成功', 0) OR has({terminatedOutcomes:Array(String)}, ifNull(outcome, '')))`;
const names = `
  max(ifNull(respondent_uscc, '') = operator_key) AS by_uscc,
  ifNull(argMaxIf(respondent_name, registered_at, respondent_name IS NOT NULL), '') AS latest_name`;

/** Operators with ≥ {minCases} accepted complaints in the closed cohort; ranking happens in TS (exact fractions). */
export function redBlackSql(regionCode: string): string {
  return `
SELECT
  operator_key,
  count() AS accepted_complaints,
  countIf(${success}) AS success,
  countIf(${mediated}) AS mediated,${names}
FROM cases FINAL
WHERE ${regionWhereSql(regionCode)}
  AND kind = 'COMPLAINT' AND ${accepted} AND operator_key != '' AND ${closedInPeriod}
GROUP BY operator_key
HAVING accepted_complaints >= {minCases:UInt32}`;
}

/**
 * 投诉信息公示: per operator, disclosed complaints (是否公示 = 是). `complaints` = disclosed complaints registered in
 * the period (before asOf); `closed` = disclosed complaints closed in the period; the rate over the closed ones.
 * An operator is listed when it has at least one disclosed complaint closed in the period.
 */
const DISCLOSURE = (regionCode: string) => `
SELECT *
FROM (
  SELECT
    operator_key,
    countIf(registered_date >= {from:Date} AND registered_date <= {to:Date} AND registered_date < {asOf:Date}) AS complaints,
    countIf(${closedInPeriod}) AS closed,
    countIf(${closedInPeriod} AND ${accepted} AND ${success}) AS success,
    countIf(${closedInPeriod} AND ${accepted} AND ${mediated}) AS mediated,${names}
  FROM cases FINAL
  WHERE ${regionWhereSql(regionCode)}
    AND kind = 'COMPLAINT' AND ifNull(disclosed, 0) AND operator_key != ''
    AND ((registered_date >= {from:Date} AND registered_date <= {to:Date}) OR ${closedInPeriod})
  GROUP BY operator_key
)
WHERE closed > 0`;

/** Keyset page: most closed first, then operator key; after the cursor when {hasCursor:UInt8} = 1. */
export function disclosurePageSql(regionCode: string): string {
  return `${DISCLOSURE(regionCode)}
  AND ({hasCursor:UInt8} = 0 OR (-closed, operator_key) > (-{cClosed:Int64}, {cKey:String}))
ORDER BY closed DESC, operator_key ASC
LIMIT {limit:UInt32}`;
}

export function disclosureCountSql(regionCode: string): string {
  return `SELECT count() AS total FROM (${DISCLOSURE(regionCode)})`;
}

/** Every statement of the food-safety feature, for the EXPLAIN test. */
export function operatorStatements(regionCodes: readonly string[]): { name: string; sql: string }[] {
  return regionCodes.flatMap((code) => [
    { name: `red/black ${code}`, sql: redBlackSql(code) },
    { name: `disclosure page ${code}`, sql: disclosurePageSql(code) },
    { name: `disclosure count ${code}`, sql: disclosureCountSql(code) },
  ]);
}
