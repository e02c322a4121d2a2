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
import { dayNumber, fromDayNumber, monthPeriod, todayInShanghai } from '../indicators/period';
import { regionFilterSql } from '../indicators/region-filter-sql';
import {
  type OverdueSort,
  overdueCountSql,
  overdueCountStepsSql,
  overduePageProfileSql,
  overduePageSql,
  overdueSourceParams,
} from './overdue.sql';
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

/** A page of at most `limit` rows from the rows read for it (one more than `limit` when a next page exists). */
function pageOf(sort: OverdueSort, read: DbOverdueRow[], limit: number): OverduePage {
  const rows = read.slice(0, limit).map(toRow);
  const last = rows[rows.length - 1];
  return { rows, hasNextPage: read.length > limit, endCursor: last ? encodeOverdueCursor(sort, last) : null };
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
  return pageOf(q.sort, await result.json<DbOverdueRow>(), limit);
}

/**
 * A first page's asOf profile (overduePageProfileSql): for asOf's month, the first spans of the list in the sort's
 * order that hold one of its days, with per day (index from `firstDay`, a day number) whether they hold it and their
 * overdue working days then; `complete` when they are all of the month's.
 */
export interface OverduePageProfile {
  firstDay: number;
  spans: (Omit<DbOverdueRow, 'overdue_workdays'> & { holds: number[]; workdays: number[] })[];
  complete: boolean;
}

/** How many spans a first page's profile reads: four pages' worth (and the row that tells a next page). */
const profileSpans = (first: number) => 4 * (first + 1);

/** The profile of a first page (no cursor) on the read model: one statement without asOf, for every day of its month. */
export async function readOverduePageProfile(ch: ClickHouseClient, q: OverdueQuery): Promise<OverduePageProfile> {
  const month = monthPeriod(q.asOf.slice(0, 7));
  const firstDay = dayNumber(month.from);
  const days = Array.from({ length: dayNumber(month.to) - firstDay + 1 }, (_, i) => fromDayNumber(firstDay + i));
  const limit = profileSpans(q.first);
  const result = await ch.query({
    query: overduePageProfileSql(q.sort, q.regionCode),
    query_params: { ...paramsWithoutAsOf(q), days, fromDay: month.from, dayOrdinals: days.map((d) => workdayOrdinal(d)), limit },
    format: 'JSONEachRow',
  });
  const spans = await result.json<OverduePageProfile['spans'][number]>();
  return { firstDay, spans, complete: spans.length < limit };
}

/**
 * The first page as of q.asOf from its month's profile: the first spans that hold asOf, when the profile has more than
 * a page of them or holds all of the month's; else undefined (the page's own statement answers).
 */
export function pageFromProfile(profile: OverduePageProfile, q: OverdueQuery): OverduePage | undefined {
  const day = dayNumber(q.asOf) - profile.firstDay;
  const read: DbOverdueRow[] = [];
  for (const { holds, workdays, ...span } of profile.spans) {
    if (read.length > q.first) break;
    if (holds[day]) read.push({ ...span, overdue_workdays: workdays[day] as number });
  }
  if (read.length <= q.first && !profile.complete) return undefined;
  return pageOf(q.sort, read, q.first);
}

/**
 * The page as the service answers it: a first page on the read model from its month's profile once the same list
 * (region, filters, sort, size) has been asked in that month with another asOf at this data version
 * (cachedWhenAskedAgain, as the count's steps); else its own statement.
 */
export async function answerOverduePage(ctx: Pick<AppContext, 'ch' | 'em'>, q: OverdueQuery): Promise<OverduePage> {
  if ((q.source ?? 'facts') === 'facts' && q.cursor.hasCursor === 0 && q.first > 0) {
    const key = JSON.stringify(['overduePageProfile', q.regionCode, q.sort, q.first, paramsWithoutAsOf(q), q.asOf.slice(0, 7)]);
    const profile = await cachedWhenAskedAgain(ctx.em, key, q.asOf, () => readOverduePageProfile(ctx.ch, q));
    const page = profile && pageFromProfile(profile, q);
    if (page) return page;
  }
  return fetchOverduePage(ctx.ch, q);
}

/** The count's steps (overdueCountStepsSql) as running totals: the count as of day `days[i]` and until the next is `totals[i]`. */
export interface OverdueCountSteps {
  days: number[];
  totals: number[];
}

/** A question's parameters without its asOf: those of its count's steps and page profiles, which serve many. */
function paramsWithoutAsOf(q: OverdueQuery): Record<string, unknown> {
  const { asOf: _asOf, asOfOrdinal: _ordinal, ...params } = q.params;
  return params;
}

/** The steps of a question's count on the read model: one statement without asOf, for every asOf. */
export async function readOverdueCountSteps(ch: ClickHouseClient, q: OverdueQuery): Promise<OverdueCountSteps> {
  const params = paramsWithoutAsOf(q);
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
    const key = JSON.stringify(['overdueCountSteps', q.regionCode, paramsWithoutAsOf(q)]);
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
