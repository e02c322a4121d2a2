/**
 * The case list (drill-down's last level) and one case: validation naming the argument, case-level scope before any
 * SQL (schema.graphql header: case-level data inside the user's region only), keyset pages.
 */
import type { ClickHouseClient } from '@c12315/store';
import { assertCaseScope } from '../auth/scope';
import { badUserInput, notFound } from '../common/errors';
import type { CaseFilter } from '../common/graphql-types';
import type { AuthUser } from '../context';
import { caseFilterSql } from '../indicators/case-filter-sql';
import { validatePeriod } from '../indicators/period';
import { validateRegionCode } from '../indicators/region-code';
import { DEFAULT_FIRST, MAX_FIRST } from '../overdue/overdue.service';
import { CASE_BY_ID_SQL, caseCountSql, casePageSql, PERIOD_WHERE } from './cases.sql';
import { CaseSortEnum, type CaseType } from './cases.type';
import { decodeCaseCursor, EMPTY_CASE_CURSOR, encodeCaseCursor } from './cases-cursor';

export { DEFAULT_FIRST, MAX_FIRST };

export interface CaseListArgs {
  filter: CaseFilter;
  first?: number | null;
  after?: string | null;
  sort?: CaseSortEnum | null;
}

export interface CaseListQuery {
  regionCode: string;
  sort: CaseSortEnum;
  first: number;
  where: string[];
  params: Record<string, unknown>;
  cursor: Record<string, unknown>;
}

type DbCaseRow = Omit<CaseType, 'foodRelated' | 'dueDateProvisional'> & {
  registeredTs: string | number;
  foodRelated: boolean | number;
  dueDateProvisional: boolean | number;
};

export type CaseRow = CaseType & { registeredTs: number };

function toRow(r: DbCaseRow): CaseRow {
  return {
    ...r,
    registeredTs: Number(r.registeredTs),
    foodRelated: Boolean(r.foodRelated),
    dueDateProvisional: Boolean(r.dueDateProvisional),
  };
}

/** Arguments first (BAD_USER_INPUT naming them), then the case scope of filter.regionCode ?? the user's region. */
export function prepareCaseList(user: AuthUser, args: CaseListArgs): CaseListQuery {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isSafeInteger(first) || first < 0 || first > MAX_FIRST) {
    throw badUserInput('first', `must be a whole number from 0 to ${MAX_FIRST}, got ${first}`);
  }
  const { filter } = args;
  validatePeriod(filter, 'filter');
  const regionCode = filter.regionCode ?? user.regionCode;
  validateRegionCode(regionCode, 'filter.regionCode');
  const sort = args.sort ?? CaseSortEnum.REGISTERED_DESC;
  if (!Object.values(CaseSortEnum).includes(sort)) throw badUserInput('sort', `one of ${Object.values(CaseSortEnum).join(', ')}`);
  const cursor = args.after ? decodeCaseCursor(sort, args.after) : { ...EMPTY_CASE_CURSOR };
  assertCaseScope(user, regionCode);
  const { where, params } = caseFilterSql({ ...filter, regionCode });
  return {
    regionCode,
    sort,
    first,
    where: [...where, ...PERIOD_WHERE],
    params: { ...params, from: filter.from, to: filter.to },
    cursor,
  };
}

export interface CasePage {
  rows: CaseRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** `first` rows after the cursor (one more is read to know whether a next page exists). */
export async function fetchCasePage(ch: ClickHouseClient, q: CaseListQuery): Promise<CasePage> {
  if (q.first === 0) return { rows: [], hasNextPage: false, endCursor: null };
  const result = await ch.query({
    query: casePageSql(q.sort, q.where),
    query_params: { ...q.params, ...q.cursor, limit: q.first + 1 },
    format: 'JSONEachRow',
  });
  const all = (await result.json<DbCaseRow>()).map(toRow);
  const rows = all.slice(0, q.first);
  const last = rows[rows.length - 1];
  return { rows, hasNextPage: all.length > q.first, endCursor: last ? encodeCaseCursor(q.sort, last) : null };
}

export async function countCases(ch: ClickHouseClient, q: CaseListQuery): Promise<number> {
  const result = await ch.query({ query: caseCountSql(q.where), query_params: q.params, format: 'JSONEachRow' });
  const [row] = await result.json<{ total: string | number }>();
  return Number(row?.total ?? 0);
}

/** One case: unknown → NOT_FOUND; outside the user's region (by its handling unit) → FORBIDDEN. */
export async function findCase(ch: ClickHouseClient, user: AuthUser, caseId: string): Promise<CaseRow> {
  if (caseId === '' || caseId.length > 64) throw badUserInput('caseId', 'not a case id');
  const result = await ch.query({ query: CASE_BY_ID_SQL, query_params: { caseId }, format: 'JSONEachRow' });
  const [row] = await result.json<DbCaseRow>();
  if (!row) throw notFound(`case ${caseId}`);
  assertCaseScope(user, row.handlingUnitCode);
  return toRow(row);
}
