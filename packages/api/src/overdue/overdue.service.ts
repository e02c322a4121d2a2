/**
 * The overdue list (indicators.md §3) behind both the GraphQL query and the CSV export: one validation, one SQL per
 * sort, keyset pages. Validation names the argument (BAD_USER_INPUT); scope is checked before any SQL runs.
 */
import { CASE_KINDS, CalendarYearMissingError, isKnownHandlingUnitCode, isProvisionalDate, workdayOrdinal } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';
import { assertCaseScope } from '../auth/scope';
import { badUserInput } from '../common/errors';
import { isQuestionDate, questionDateError } from '../common/graphql-types';
import { cachedWhenAskedAgain } from '../common/read-cache';
import type { AppContext, AuthUser } from '../context';
import type { ReadSource } from '../indicators/indicator-sql';
import { dayNumber, todayInShanghai } from '../indicators/period';
import { regionFilterSql } from '../indicators/region-filter-sql';
import { type OverdueSort, overdueCountSql, overdueCountStepsSql, overduePageSql, overdueSourceParams } from './overdue.sql';
import { decodeOverdueCursor, EMPTY_CURSOR, encodeOverdueCursor } from './overdue-cursor';

export const OVERDUE_SORTS: readonly OverdueSort[] = ['OVERDUE_WORKDAYS', 'DUE_DATE', 'UNIT'];
export const OVERDUE_STAGES = ['ACCEPTANCE', 'CLOSING', 'VERIFICATION'] as const;
export type OverdueStageName = (typeof OVERDUE_STAGES)[number];
export const DEFAULT_FIRST = 50;
export const MAX_FIRST = 500;

export interface OverdueArgs {
  asOf?: string | null;
  regionCode?: string | null;
  kinds?: readonly string[] | null;
  first?: number | null;
  after?: string | null;
  sort?: string | null;
  stages?: readonly string[] | null;
  problemCategories?: readonly string[] | null;
  objectCategories?: readonly string[] | null;
  unitCodes?: readonly string[] | null;
}

export interface OverdueQuery {
  asOf: string;
  /** Default: the read model (`cases` is the reference, for reconciliation and benchmarks). */
  source?: ReadSource;
  regionCode: string;
  sort: OverdueSort;
  first: number;
  /** Params shared by page and count statements (no cursor). */
  params: Record<string, unknown>;
  /** Cursor params of `after` (EMPTY_CURSOR when absent). */
  cursor: Record<string, unknown>;
}

/** A row of the list (GraphQL `OverdueCase` minus the supervisions). */
export interface OverdueCaseRow {
  caseId: string;
  kind: string;
  registeredAt: string;
  handlingUnitCode: string;
  handlingUnitName: string;
  respondentName: string | null;
  stage: OverdueStageName;
  dueDate: string;
  dueDateProvisional: boolean;
  overdueWorkdays: number;
  objectCategory: string | null;
  problemCategory: string | null;
}

interface DbOverdueRow {
  case_id: string;
  kind: string;
  registered_at: string;
  handling_unit_code: string;
  handling_unit_name: string;
  respondent_name: string | null;
  object_category: string | null;
  problem_category: string | null;
  stage: OverdueStageName;
  due_date: string;
  overdue_workdays: number;
}

function stringList(name: string, values: readonly string[] | null | undefined, allowed?: readonly string[]): string[] {
  const list = [...(values ?? [])];
  if (list.length > 200) throw badUserInput(name, 'at most 200 values');
  for (const v of list) {
    if (typeof v !== 'string' || v.length === 0 || v.length > 256) throw badUserInput(name, 'values must be non-empty strings');
    if (allowed && !allowed.includes(v))
      throw badUserInput(name, `unknown value ${JSON.stringify(v)} (one of ${allowed.join(', ')})`);
  }
  return list;
}

/** Validates every argument (BAD_USER_INPUT naming it), then the user's case scope (FORBIDDEN). */
export function prepareOverdueQuery(user: AuthUser, args: OverdueArgs, today = todayInShanghai()): OverdueQuery {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isSafeInteger(first) || first < 0 || first > MAX_FIRST) {
    throw badUserInput('first', `must be a whole number from 0 to ${MAX_FIRST}, got ${first}`);
  }
  const asOf = args.asOf ?? today;
  if (!isQuestionDate(asOf)) throw badUserInput('asOf', questionDateError(asOf));
  let asOfOrdinal: number;
  try {
    asOfOrdinal = workdayOrdinal(asOf);
  } catch (error) {
    if (error instanceof CalendarYearMissingError) throw badUserInput('asOf', error.message);
    throw error;
  }
  const regionCode = args.regionCode ?? user.regionCode;
  if (!isKnownHandlingUnitCode(regionCode)) throw badUserInput('regionCode', `unknown region code ${JSON.stringify(regionCode)}`);
  const sort = (args.sort ?? 'OVERDUE_WORKDAYS') as OverdueSort;
  if (!OVERDUE_SORTS.includes(sort)) throw badUserInput('sort', `one of ${OVERDUE_SORTS.join(', ')}`);
  const params = {
    asOf,
    ...regionFilterSql(regionCode).params,
    kinds: stringList('kinds', args.kinds, CASE_KINDS),
    stages: stringList('stages', args.stages, OVERDUE_STAGES),
    problemCategories: stringList('problemCategories', args.problemCategories),
    objectCategories: stringList('objectCategories', args.objectCategories),
    unitCodes: stringList('unitCodes', args.unitCodes),
    asOfOrdinal,
  };
  const cursor = args.after ? decodeOverdueCursor(sort, args.after) : { ...EMPTY_CURSOR };
  assertCaseScope(user, regionCode);
  return { asOf, regionCode, sort, first, params, cursor };
}

function toRow(r: DbOverdueRow): OverdueCaseRow {
  return {
    caseId: r.case_id,
    kind: r.kind,
    registeredAt: r.registered_at,
    handlingUnitCode: r.handling_unit_code,
    handlingUnitName: r.handling_unit_name,
    respondentName: r.respondent_name,
    stage: r.stage,
    dueDate: r.due_date,
    // The stored due dates are computed with the calendar the store was opened with (provisional-recompute.ts): a
    // date after the last published year is the provisional guess.
    dueDateProvisional: isProvisionalDate(r.due_date),
    overdueWorkdays: Number(r.overdue_workdays),
    objectCategory: r.object_category,
    problemCategory: r.problem_category,
  };
}

export interface OverduePage {
  rows: OverdueCaseRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** `limit` rows after `cursor` (one more is read to know whether a next page exists). */
export async function fetchOverduePage(
  ch: ClickHouseClient,
  q: OverdueQuery,
  cursor: Record<string, unknown> = q.cursor,
  limit = q.first,
): Promise<OverduePage> {
  if (limit === 0) return { rows: [], hasNextPage: false, endCursor: null };
  const result = await ch.query({
    query: overduePageSql(q.sort, q.regionCode, q.source),
    query_params: { ...q.params, ...overdueSourceParams(q.source), ...cursor, limit: limit + 1 },
    format: 'JSONEachRow',
  });
  const all = (await result.json<DbOverdueRow>()).map(toRow);
  const rows = all.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows, hasNextPage: all.length > limit, endCursor: last ? encodeOverdueCursor(q.sort, last) : null };
}

/** The count's steps (overdueCountStepsSql) as running totals: the count as of day `days[i]` and until the next is `totals[i]`. */
export interface OverdueCountSteps {
  days: number[];
  totals: number[];
}

/** A question's parameters without its asOf: those of its count's steps, which serve every asOf. */
function countStepsParams(q: OverdueQuery): Record<string, unknown> {
  const { asOf: _asOf, asOfOrdinal: _ordinal, ...params } = q.params;
  return params;
}

/** The steps of a question's count on the read model: one statement without asOf, for every asOf. */
export async function readOverdueCountSteps(ch: ClickHouseClient, q: OverdueQuery): Promise<OverdueCountSteps> {
  const params = countStepsParams(q);
  const result = await ch.query({ query: overdueCountStepsSql(q.regionCode), query_params: params, format: 'JSONEachRow' });
  const steps = await result.json<{ day: number; delta: string | number }>();
  const out: OverdueCountSteps = { days: [], totals: [] };
  let total = 0;
  for (const step of steps) {
    total += Number(step.delta);
    out.days.push(Number(step.day));
    out.totals.push(total);
  }
  return out;
}

/** The count as of `asOf` from its steps: the running total at the last step on or before it. */
export function countFromSteps(steps: OverdueCountSteps, asOf: string): number {
  const day = dayNumber(asOf);
  let lo = 0;
  let hi = steps.days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((steps.days[mid] as number) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : (steps.totals[lo - 1] as number);
}

/**
 * totalCount as the service answers it: on the read model, from the count's steps once the same list (region,
 * filters) has been asked with another asOf at this data version (cachedWhenAskedAgain: the steps serve every asOf,
 * so a chief's list on a new day costs one statement, the page's; the next page of the same day does not read them);
 * else its own statement.
 */
export async function answerOverdueCount(ctx: Pick<AppContext, 'ch' | 'em'>, q: OverdueQuery): Promise<number> {
  if ((q.source ?? 'facts') === 'facts') {
    const key = JSON.stringify(['overdueCountSteps', q.regionCode, countStepsParams(q)]);
    const steps = await cachedWhenAskedAgain(ctx.em, key, q.asOf, () => readOverdueCountSteps(ctx.ch, q));
    if (steps) return countFromSteps(steps, q.asOf);
  }
  return countOverdue(ctx.ch, q);
}

export async function countOverdue(ch: ClickHouseClient, q: OverdueQuery): Promise<number> {
  const result = await ch.query({
    query: overdueCountSql(q.regionCode, q.source),
    query_params: { ...q.params, ...overdueSourceParams(q.source) },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ total: string | number }>();
  return Number(row?.total ?? 0);
}

/** Every row of the list, page by page with the same SQL (the CSV export: never the whole list in memory). */
export async function* overdueRows(ch: ClickHouseClient, q: OverdueQuery, pageSize = 1000): AsyncGenerator<OverdueCaseRow> {
  let cursor: Record<string, unknown> = { ...EMPTY_CURSOR };
  for (;;) {
    const page = await fetchOverduePage(ch, q, cursor, pageSize);
    yield* page.rows;
    if (!page.hasNextPage || !page.endCursor) return;
    cursor = decodeOverdueCursor(q.sort, page.endCursor);
  }
}
