/**
 * The overdue list (indicators.md §3), one statement per sort order and read source. Grain: one row per case that is
 * overdue as of {asOf}, in the stage whose span holds that day (@c12315/store OVERDUE_SPANS: the one definition of
 * the current-stage rule, also behind the overdue_open indicator). Every value is a bound parameter; the only text
 * that varies is the ORDER BY / keyset of a sort, taken from the closed map `OVERDUE_SORT_KEYS`, and the source.
 *
 * Sources: `facts` reads the read model's `overdue_spans` (kept by the loader with each due date's working-day
 * ordinal); `cases` — the reference — evaluates the spans over `cases FINAL` and looks the due date's ordinal up in the
 * same table (workdayOrdinalSql). Both count overdue working days as ord(asOf) − ord(due).
 *
 * Edge cases guarded (by the spans): "as of D" is the state at the start of D (a decision or closing dated D or later
 * has not happened yet); a case closed before D has no current stage, also when it was closed without a decision; a
 * not-accepted complaint decided before D has none (late, not overdue); due = D is not overdue (due < D).
 */
import { OVERDUE_SPANS, overdueOn, workdayOrdinalParams, workdayOrdinalSql } from '@c12315/store';
import type { ReadSource } from '../indicators/indicator-sql';
import { regionWhereSql } from '../indicators/region-filter-sql';

export type OverdueSort = 'OVERDUE_WORKDAYS' | 'DUE_DATE' | 'UNIT';

const FILTERS = `{REGION}
  AND (length({kinds:Array(String)}) = 0 OR has({kinds:Array(String)}, toString(kind)))
  AND (length({problemCategories:Array(String)}) = 0 OR has({problemCategories:Array(String)}, ifNull(problem_category, '')))
  AND (length({objectCategories:Array(String)}) = 0 OR arrayExists(
        c -> ifNull(object_category, '') = c OR startsWith(ifNull(object_category, ''), concat(c, '-')),
        {objectCategories:Array(String)}))
  AND (length({unitCodes:Array(String)}) = 0 OR has({unitCodes:Array(String)}, handling_unit_code))
  AND (length({stages:Array(String)}) = 0 OR has({stages:Array(String)}, stage))`;

/** A row's columns but its overdue working days. */
const ROW_COLUMNS = `case_id, toString(kind) AS kind, toString(registered_at) AS registered_at, handling_unit_code,
  handling_unit_name, respondent_name, object_category, problem_category, stage, due_date, due_ordinal`;
/** Overdue working days as of the day whose working-day ordinal is `asOfOrdinal`: ord(asOf) − ord(due). */
const overdueWorkdays = (asOfOrdinal: string) => `toInt32(${asOfOrdinal} - due_ordinal)`;
const COLUMNS = `${ROW_COLUMNS},
  ${overdueWorkdays('{asOfOrdinal:Int64}')} AS overdue_workdays`;

const SPANS = `[${OVERDUE_SPANS.map((s) => `tuple('${s.stage}', ${s.start}, ${s.end}, ${s.due})`).join(',\n    ')}]`;

/**
 * The relation each source reads, with overdue_spans' columns: the table itself, or the spans of `cases FINAL`
 * evaluated as the loader evaluates them. The list's statement over it is one text for both sources, and flat over
 * the table: the engine then reads the wide columns of the page's rows only (lazy materialization), which it does not
 * through a subquery nor when the order is an expression — so the order is by the stored due_ordinal, the same order as
 * overdue working days descending.
 */
const RELATION: Readonly<Record<ReadSource, string>> = {
  facts: 'overdue_spans',
  cases: `(
  SELECT case_id, kind, registered_at, province_code, city_code, county_code, station_code, handling_unit_code,
    handling_unit_name, respondent_name, object_category, problem_category, sp.1 AS stage, sp.2 AS start_date, sp.3 AS end_date, assumeNotNull(sp.4) AS due_date,
    ${workdayOrdinalSql('due_date')} AS due_ordinal
  FROM cases FINAL
  ARRAY JOIN ${SPANS} AS sp
  WHERE kind IN ('COMPLAINT', 'REPORT')
)`,
};

/** The list's filters (region and the optional ones), without asOf: the count's steps read every day's spans. */
const filters = (regionCode: string) => FILTERS.replace('{REGION}', regionWhereSql(regionCode));

/**
 * Keyset of each sort as an ascending tuple of stored columns, with case_id last so the order is total. The cursor
 * carries overdue working days (the due date's ordinal is asOf's minus them), the due date, the unit and the case.
 */
export const OVERDUE_SORT_KEYS: Readonly<Record<OverdueSort, { tuple: string; cursor: string }>> = {
  OVERDUE_WORKDAYS: {
    tuple: '(due_ordinal, case_id)',
    cursor: '({asOfOrdinal:Int64} - {cWorkdays:Int64}, {cCaseId:String})',
  },
  DUE_DATE: {
    tuple: '(due_date, case_id)',
    cursor: '({cDue:Date}, {cCaseId:String})',
  },
  UNIT: {
    tuple: '(handling_unit_code, due_ordinal, case_id)',
    cursor: '({cUnit:String}, {asOfOrdinal:Int64} - {cWorkdays:Int64}, {cCaseId:String})',
  },
};

/** A sort's ORDER BY: its keyset tuple's columns. */
const sortOrder = (sort: OverdueSort) => OVERDUE_SORT_KEYS[sort].tuple.slice(1, -1);

/** The bound parameters a source's statements need beside the question's (the case table: the ordinal table). */
export function overdueSourceParams(source: ReadSource = 'facts'): Record<string, unknown> {
  return source === 'cases' ? workdayOrdinalParams() : {};
}

/** A span's dates as overdueOn reads them (d1 = end, d2 = start). */
const SPAN_DATES = { d1: 'end_date', d2: 'start_date' };

const where = (regionCode: string) =>
  `${overdueOn(SPAN_DATES, '{asOf:Date}')}
  AND ${filters(regionCode)}`;

/** One page: rows after the cursor (when {hasCursor:UInt8} = 1) in the sort's order, at most {limit} rows. */
export function overduePageSql(sort: OverdueSort, regionCode: string, source: ReadSource = 'facts'): string {
  const key = OVERDUE_SORT_KEYS[sort];
  return `SELECT ${COLUMNS}
FROM ${RELATION[source]}
WHERE ${where(regionCode)}
  AND ({hasCursor:UInt8} = 0 OR ${key.tuple} > ${key.cursor})
ORDER BY ${sortOrder(sort)}
LIMIT {limit:UInt32}`;
}

/** totalCount of the same list (no cursor). */
export function overdueCountSql(regionCode: string, source: ReadSource = 'facts'): string {
  return `SELECT count() AS total FROM ${RELATION[source]} WHERE ${where(regionCode)}`;
}

/**
 * The count's asOf profile on the read model: per day (as a day number), the spans of the list starting on it less
 * those that ended the day before. The list as of D holds the spans with start ≤ D ≤ end; a span ends after it starts,
 * so their number is the spans started on or before D less those ended before D: the sum of the steps up to D.
 */
export function overdueCountStepsSql(regionCode: string): string {
  return `SELECT step.1 AS day, sum(step.2) AS delta
FROM overdue_spans
ARRAY JOIN [(toInt32(start_date), 1), (toInt32(end_date) + 1, -1)] AS step
WHERE ${filters(regionCode)}
GROUP BY day
HAVING delta != 0
ORDER BY day`;
}

/**
 * The first page's asOf profile on the read model: the first {limit} spans of the list, in the sort's order, that
 * hold one of {days} (a month's days), each with, per day, whether it holds it (the list's own condition, overdueOn)
 * and its overdue working days then ({dayOrdinals}: the days' working-day ordinals). {fromDay}, the first of the days,
 * is the key range: a span that holds one of them ends on or after it. As of any of those days, the list's first rows
 * are the first of these that hold the day: exact when they are enough for the page, or when fewer than {limit} came
 * back (all of the month's; overdue.service.ts pageFromProfile).
 */
export function overduePageProfileSql(sort: OverdueSort, regionCode: string): string {
  return `SELECT ${ROW_COLUMNS},
  arrayMap(d -> toUInt8(${overdueOn(SPAN_DATES, 'd')}), {days:Array(Date)}) AS holds,
  arrayMap(o -> ${overdueWorkdays('o')}, {dayOrdinals:Array(Int64)}) AS workdays
FROM overdue_spans
WHERE end_date >= {fromDay:Date} AND has(holds, 1)
  AND ${filters(regionCode)}
ORDER BY ${sortOrder(sort)}
LIMIT {limit:UInt32}`;
}

/**
 * Every statement this feature sends, for the EXPLAIN test: per region level and read source, a page per sort and the
 * count; on the read model also the count's steps and a first page's profile per sort.
 */
export function overdueStatements(): { name: string; sql: string }[] {
  const regions = { PROVINCE: '330000', CITY: '330100', COUNTY: '330102', STATION: '330102001' };
  const out: { name: string; sql: string }[] = [];
  for (const source of ['facts', 'cases'] as const) {
    for (const [level, code] of Object.entries(regions)) {
      for (const sort of Object.keys(OVERDUE_SORT_KEYS) as OverdueSort[])
        out.push({ name: `page ${sort} ${level} ${source}`, sql: overduePageSql(sort, code, source) });
      out.push({ name: `count ${level} ${source}`, sql: overdueCountSql(code, source) });
      if (source === 'facts') {
        out.push({ name: `count steps ${level}`, sql: overdueCountStepsSql(code) });
        for (const sort of Object.keys(OVERDUE_SORT_KEYS) as OverdueSort[])
          out.push({ name: `page profile ${sort} ${level}`, sql: overduePageProfileSql(sort, code) });
      }
    }
  }
  return out;
}
