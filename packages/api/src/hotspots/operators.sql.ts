/**
 * Operator red/black list and complaint disclosure table (indicators.md §6), on the closed cohort (closed date in
 * [from, to] and before asOf: indicators.md §4 "as of asOf"). mediation_success_rate as in §4: 调解成功 ÷ (调解成功 +
 * any 终止调解-*), accepted complaints only; ODR先行和解, 移送 and 不予受理 are outside both.
 * Grain: one row per operator key (USCC or folded name; '' = no operator, left out).
 *
 * Sources: `facts` sums the read model's operator_facts (per station, operator, fact and date); `cases` — the
 * reference — counts `cases FINAL`. Case sets, counts and name rules are @c12315/store's (operator-terms.ts).
 */
import {
  ACCEPTED_OPERATOR_COMPLAINT,
  BY_USCC,
  DISCLOSED_OPERATOR_COMPLAINT,
  LATEST_NAME,
  LATEST_NAME_MERGED,
  MEDIATED,
  MEDIATION_SUCCESS,
} from '@c12315/store';
import type { ReadSource } from '../indicators/indicator-sql';
import { regionWhereSql } from '../indicators/region-filter-sql';

const inPeriod = (date: string) => `(${date} >= {from:Date} AND ${date} <= {to:Date} AND ${date} < {asOf:Date})`;
const closedInPeriod = `(closed_at IS NOT NULL AND ${inPeriod('toDate(closed_at)')})`;
const NAMES: Readonly<Record<ReadSource, string>> = {
  cases: `${BY_USCC} AS by_uscc, ${LATEST_NAME} AS latest_name`,
  facts: `max(by_uscc) AS by_uscc, ${LATEST_NAME_MERGED} AS latest_name`,
};

/** Operators with ≥ {minCases} accepted complaints in the closed cohort; ranking happens in TS (exact fractions). */
export function redBlackSql(regionCode: string, source: ReadSource = 'facts'): string {
  const counts =
    source === 'cases'
      ? `count() AS accepted_complaints, countIf(${MEDIATION_SUCCESS}) AS success, countIf(${MEDIATED}) AS mediated`
      : 'sum(n) AS accepted_complaints, sum(success) AS success, sum(mediated) AS mediated';
  const rows =
    source === 'cases'
      ? `cases FINAL WHERE ${regionWhereSql(regionCode)} AND ${ACCEPTED_OPERATOR_COMPLAINT} AND ${closedInPeriod}`
      : `operator_facts WHERE ${regionWhereSql(regionCode)} AND fact = 'ACCEPTED_CLOSED' AND ${inPeriod('d')}`;
  return `
SELECT operator_key, ${counts}, ${NAMES[source]}
FROM ${rows}
GROUP BY operator_key
HAVING accepted_complaints >= {minCases:UInt32}`;
}

/**
 * 投诉信息公示: per operator, disclosed complaints (是否公示 = 是). `complaints` = disclosed complaints registered in
 * the period (before asOf); `closed` = disclosed complaints closed in the period; the rate over the closed ones.
 * An operator is listed when it has at least one disclosed complaint closed in the period; its name comes from the
 * complaints registered in the period (any day of it) or closed in it.
 */
const DISCLOSURE: Readonly<Record<ReadSource, (regionCode: string) => string>> = {
  cases: (regionCode) => `
  SELECT
    operator_key,
    countIf(${inPeriod('registered_date')}) AS complaints,
    countIf(${closedInPeriod}) AS closed,
    countIf(${closedInPeriod} AND acceptance = '受理' AND ${MEDIATION_SUCCESS}) AS success,
    countIf(${closedInPeriod} AND acceptance = '受理' AND ${MEDIATED}) AS mediated,
    ${NAMES.cases}
  FROM cases FINAL
  WHERE ${regionWhereSql(regionCode)}
    AND ${DISCLOSED_OPERATOR_COMPLAINT}
    AND ((registered_date >= {from:Date} AND registered_date <= {to:Date}) OR ${closedInPeriod})
  GROUP BY operator_key`,
  facts: (regionCode) => `
  SELECT
    operator_key,
    sumIf(n, fact = 'DISCLOSED_REG' AND ${inPeriod('d')}) AS complaints,
    sumIf(n, fact = 'DISCLOSED_CLOSED') AS closed,
    sumIf(success, fact = 'DISCLOSED_CLOSED') AS success,
    sumIf(mediated, fact = 'DISCLOSED_CLOSED') AS mediated,
    ${NAMES.facts}
  FROM operator_facts
  WHERE ${regionWhereSql(regionCode)}
    AND ((fact = 'DISCLOSED_REG' AND d >= {from:Date} AND d <= {to:Date}) OR (fact = 'DISCLOSED_CLOSED' AND ${inPeriod('d')}))
  GROUP BY operator_key`,
};

const disclosure = (regionCode: string, source: ReadSource) => `
SELECT *
FROM (${DISCLOSURE[source](regionCode)}
)
WHERE closed > 0`;

/** Keyset page: most closed first, then operator key; after the cursor when {hasCursor:UInt8} = 1. */
export function disclosurePageSql(regionCode: string, source: ReadSource = 'facts'): string {
  return `${disclosure(regionCode, source)}
  AND ({hasCursor:UInt8} = 0 OR (-closed, operator_key) > (-{cClosed:Int64}, {cKey:String}))
ORDER BY closed DESC, operator_key ASC
LIMIT {limit:UInt32}`;
}

export function disclosureCountSql(regionCode: string, source: ReadSource = 'facts'): string {
  return `SELECT count() AS total FROM (${disclosure(regionCode, source)})`;
}

/** Every statement of the food-safety feature, for the EXPLAIN test. */
export function operatorStatements(regionCodes: readonly string[]): { name: string; sql: string }[] {
  return regionCodes.flatMap((code) =>
    (['facts', 'cases'] as const).flatMap((source) => [
      { name: `red/black ${code} ${source}`, sql: redBlackSql(code, source) },
      { name: `disclosure page ${code} ${source}`, sql: disclosurePageSql(code, source) },
      { name: `disclosure count ${code} ${source}`, sql: disclosureCountSql(code, source) },
    ]),
  );
}
