/**
 * The case list and one case. Grain: one row per case (current version, `cases FINAL`; a tombstoned case is gone).
 * Region and filters come from the shared CaseFilter builder (indicators/case-filter-sql.ts: bound values; the region
 * from indicators/region-filter-sql.ts, narrowing the sorting key by prefix); the period is the registration date.
 * The only SQL text that varies is the keyset of a sort, taken from the closed map `CASE_SORT_KEYS`. Output columns
 * are aliased to the GraphQL field names (no alias shadows a column that a WHERE or ORDER BY reads).
 */
import type { CaseSortEnum } from './cases.type';

const COLUMNS = `
  case_id AS caseId,
  toString(kind) AS kind,
  toString(registered_at) AS registeredAt,
  toInt64(toUnixTimestamp(registered_at)) AS registeredTs,
  channel AS channel,
  handling_unit_code AS handlingUnitCode,
  handling_unit_name AS handlingUnitName,
  respondent_name AS respondentName,
  status AS status,
  acceptance AS acceptance,
  if(decided_at IS NULL, NULL, toString(decided_at)) AS decidedAt,
  if(closed_at IS NULL, NULL, toString(closed_at)) AS closedAt,
  outcome AS outcome,
  object_category AS objectCategory,
  problem_category AS problemCategory,
  industry_code AS industryCode,
  food_related AS foodRelated,
  if(acceptance_due IS NULL, NULL, toString(acceptance_due)) AS acceptanceDue,
  if(closing_due IS NULL, NULL, toString(closing_due)) AS closingDue,
  if(verification_due IS NULL, NULL, toString(verification_due)) AS verificationDue,
  due_provisional_from != 0 AS dueDateProvisional`;

const REGISTERED_TS = 'toInt64(toUnixTimestamp(registered_at))';

/**
 * Keyset of each sort as an ascending tuple (a descending key negated), case_id last so the order is total; the
 * cursor (cases-cursor.ts) carries exactly these values.
 */
export const CASE_SORT_KEYS: Readonly<Record<CaseSortEnum, { tuple: string; cursor: string }>> = {
  REGISTERED_DESC: { tuple: `(-${REGISTERED_TS}, case_id)`, cursor: '(-{cTs:Int64}, {cCaseId:String})' },
  REGISTERED_ASC: { tuple: `(${REGISTERED_TS}, case_id)`, cursor: '({cTs:Int64}, {cCaseId:String})' },
  UNIT: {
    tuple: `(handling_unit_code, -${REGISTERED_TS}, case_id)`,
    cursor: '({cUnit:String}, -{cTs:Int64}, {cCaseId:String})',
  },
};

/** One page after the cursor ({hasCursor:UInt8} = 1), at most {limit} rows; `where` from caseFilterSql + period. */
export function casePageSql(sort: CaseSortEnum, where: readonly string[]): string {
  const key = CASE_SORT_KEYS[sort];
  return `SELECT ${COLUMNS}
FROM cases FINAL
WHERE ${where.join(' AND ')}
  AND ({hasCursor:UInt8} = 0 OR ${key.tuple} > ${key.cursor})
ORDER BY ${key.tuple.slice(1, -1)}
LIMIT {limit:UInt32}`;
}

export function caseCountSql(where: readonly string[]): string {
  return `SELECT count() AS total FROM cases FINAL WHERE ${where.join(' AND ')}`;
}

/** One case by id (at most one current row). */
export const CASE_BY_ID_SQL = `SELECT ${COLUMNS}
FROM cases FINAL
WHERE case_id = {caseId:String}
LIMIT 1`;

/** The period of a CaseFilter on the registration date (the drill-down's "registered in …"). */
export const PERIOD_WHERE = ['registered_date >= {from:Date}', 'registered_date <= {to:Date}'] as const;
