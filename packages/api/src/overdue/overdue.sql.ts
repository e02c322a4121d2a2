/**
 * The overdue list (indicators.md §3), one statement per sort order. Grain: one row per case (current version,
 * `cases FINAL`) that is overdue as of {asOf}. Every value is a bound parameter; the only text that varies is the
 * ORDER BY / keyset of a sort, taken from the closed map `OVERDUE_SORT_KEYS`.
 *
 * Edge cases guarded:
 *  - "as of D" is the state at the start of D: a decision or closing dated D or later has not happened yet;
 *  - a case closed before D has no current stage, also when it was closed without a decision (a complaint or report
 *    closed without a decision completes its first stage on closing);
 *  - a not-accepted complaint decided before D has no current stage (late, not overdue);
 *  - due = D is not overdue (due < D);
 *  - overdue_workdays = working days in (due, D], exact: weekdays from a Monday-aligned day count, minus statutory
 *    holidays on weekdays, plus make-up working weekends, both passed as arrays built from the domain calendar.
 */
import { regionWhereSql } from './region-sql';

export type OverdueSort = 'OVERDUE_WORKDAYS' | 'DUE_DATE' | 'UNIT';

/** Weekdays in [1969-12-29 (a Monday), x]: k = day number + 3 puts Monday at k ≡ 0 (mod 7). */
const weekdaysThrough = (x: string) => `(5 * intDiv(toInt64(${x}) + 4, 7) + least(modulo(toInt64(${x}) + 4, 7), 5))`;

const INNER = `
SELECT
  case_id,
  toString(kind) AS kind,
  toString(registered_at) AS registered_at,
  handling_unit_code,
  handling_unit_name,
  respondent_name,
  object_category,
  problem_category,
  multiIf(
    closed_at IS NOT NULL AND toDate(closed_at) < {asOf:Date}, '',
    kind = 'COMPLAINT' AND (decided_at IS NULL OR toDate(decided_at) >= {asOf:Date}), 'ACCEPTANCE',
    kind = 'COMPLAINT' AND acceptance = '受理', 'CLOSING',
    kind = 'REPORT' AND (filing_decided_at IS NULL OR toDate(filing_decided_at) >= {asOf:Date}), 'VERIFICATION',
    '') AS stage,
  multiIf(stage = 'ACCEPTANCE', acceptance_due, stage = 'CLOSING', closing_due, stage = 'VERIFICATION', verification_due, NULL)
    AS due_nullable
FROM cases FINAL
WHERE {REGION}
  AND kind IN ('COMPLAINT', 'REPORT')
  AND (length({kinds:Array(String)}) = 0 OR has({kinds:Array(String)}, toString(kind)))
  AND (length({problemCategories:Array(String)}) = 0 OR has({problemCategories:Array(String)}, ifNull(problem_category, '')))
  AND (length({objectCategories:Array(String)}) = 0 OR arrayExists(
        c -> ifNull(object_category, '') = c OR startsWith(ifNull(object_category, ''), concat(c, '-')),
        {objectCategories:Array(String)}))
  AND (length({unitCodes:Array(String)}) = 0 OR has({unitCodes:Array(String)}, handling_unit_code))`;

const OVERDUE = `
SELECT *
FROM (
  SELECT
    * EXCEPT (due_nullable),
    assumeNotNull(due_nullable) AS due_date,
    toInt32(${weekdaysThrough('{asOf:Date}')} - ${weekdaysThrough('assumeNotNull(due_nullable)')}
      - arrayCount(x -> x > assumeNotNull(due_nullable) AND x <= {asOf:Date}, {offWeekdays:Array(Date)})
      + arrayCount(x -> x > assumeNotNull(due_nullable) AND x <= {asOf:Date}, {workWeekends:Array(Date)})) AS overdue_workdays
  FROM (${INNER})
  WHERE stage != '' AND due_nullable IS NOT NULL AND due_nullable < {asOf:Date}
    AND (length({stages:Array(String)}) = 0 OR has({stages:Array(String)}, stage))
)`;

/**
 * Keyset of each sort as an ascending tuple (a descending key is negated), with case_id last so the order is total.
 * The cursor carries exactly these values, typed as the params below.
 */
export const OVERDUE_SORT_KEYS: Readonly<Record<OverdueSort, { tuple: string; cursor: string }>> = {
  OVERDUE_WORKDAYS: {
    tuple: '(-overdue_workdays, case_id)',
    cursor: '(-{cWorkdays:Int64}, {cCaseId:String})',
  },
  DUE_DATE: {
    tuple: '(due_date, case_id)',
    cursor: '({cDue:Date}, {cCaseId:String})',
  },
  UNIT: {
    tuple: '(handling_unit_code, -overdue_workdays, case_id)',
    cursor: '({cUnit:String}, -{cWorkdays:Int64}, {cCaseId:String})',
  },
};

const withRegion = (sql: string, regionCode: string) => sql.replace('{REGION}', regionWhereSql(regionCode));

/** One page: rows after the cursor (when {hasCursor:UInt8} = 1) in the sort's order, at most {limit} rows. */
export function overduePageSql(sort: OverdueSort, regionCode: string): string {
  const key = OVERDUE_SORT_KEYS[sort];
  return `${withRegion(OVERDUE, regionCode)}
WHERE {hasCursor:UInt8} = 0 OR ${key.tuple} > ${key.cursor}
ORDER BY ${key.tuple.slice(1, -1)}
LIMIT {limit:UInt32}`;
}

/** totalCount of the same list (no cursor). */
export function overdueCountSql(regionCode: string): string {
  return `SELECT count() AS total FROM (${withRegion(OVERDUE, regionCode)})`;
}

/** Every statement this feature sends, for the EXPLAIN test (one per sort and region level, plus the count). */
export function overdueStatements(): { name: string; sql: string }[] {
  const regions = { PROVINCE: '330000', CITY: '330100', COUNTY: '330102', STATION: '330102001' };
  const out: { name: string; sql: string }[] = [];
  for (const [level, code] of Object.entries(regions)) {
    for (const sort of Object.keys(OVERDUE_SORT_KEYS) as OverdueSort[])
      out.push({ name: `page ${sort} ${level}`, sql: overduePageSql(sort, code) });
    out.push({ name: `count ${level}`, sql: overdueCountSql(code) });
  }
  return out;
}
