/**
 * 放心消费红黑榜 and 投诉信息公示 (indicators.md §6). Rates are compared as exact fractions (cross-multiplied
 * integers), so two operators at 2/3 and 4/6 tie and the tie rules (more cases first, then operator key) decide.
 */
import { type ClickHouseClient, TERMINATED_OUTCOMES_PARAM } from '@c12315/store';
import { badUserInput } from '../common/errors';
import type { IndicatorValue } from '../common/graphql-types';
import type { ReadSource } from '../indicators/indicator-sql';
import { regionFilterSql } from '../indicators/region-filter-sql';
import type { DisclosureConnection, DisclosureRow, OperatorRating, OperatorRedBlackList } from './hotspots.type';
import { disclosureCountSql, disclosurePageSql, redBlackSql } from './operators.sql';

export const RED_BLACK_MIN_CASES = 5;
export const RED_BLACK_SIZE = 3;

export interface Period {
  from: string;
  to: string;
  asOf: string;
}

interface DbOperatorBase {
  operator_key: string;
  success: string | number;
  mediated: string | number;
  by_uscc: number | boolean;
  latest_name: string;
}

function identity(r: DbOperatorBase): { operatorKey: string; operatorName: string; uscc: string | null } {
  const byUscc = Boolean(Number(r.by_uscc));
  return {
    operatorKey: r.operator_key,
    operatorName: byUscc ? r.latest_name || r.operator_key : r.operator_key,
    uscc: byUscc ? r.operator_key : null,
  };
}

/** mediation_success_rate as a percentage with its numerator and denominator; null for 0/0. */
export function mediationRate(success: number, mediated: number): IndicatorValue {
  return {
    indicatorId: 'mediation_success_rate',
    value: mediated === 0 ? null : (100 * success) / mediated,
    numerator: success,
    denominator: mediated,
    points: null,
  };
}

const params = (regionCode: string, p: Period) => ({ ...regionFilterSql(regionCode).params, ...p, ...TERMINATED_OUTCOMES_PARAM });

interface Candidate {
  operatorKey: string;
  operatorName: string;
  uscc: string | null;
  cases: number;
  success: number;
  mediated: number;
}

/** a before b when a's rate is higher (direction 1) or lower (−1); ties: more cases, then operator key. */
function compare(direction: 1 | -1) {
  return (a: Candidate, b: Candidate): number => {
    const rate = direction * (b.success * a.mediated - a.success * b.mediated);
    if (rate !== 0) return rate;
    if (a.cases !== b.cases) return b.cases - a.cases;
    return a.operatorKey < b.operatorKey ? -1 : a.operatorKey > b.operatorKey ? 1 : 0;
  };
}

export async function operatorRedBlackList(
  ch: ClickHouseClient,
  regionCode: string,
  p: Period,
  source: ReadSource = 'facts',
): Promise<OperatorRedBlackList> {
  const result = await ch.query({
    query: redBlackSql(regionCode, source),
    query_params: { ...params(regionCode, p), minCases: RED_BLACK_MIN_CASES },
    format: 'JSONEachRow',
  });
  const rows = await result.json<DbOperatorBase & { accepted_complaints: string | number }>();
  // An operator whose rate is null (no mediated complaint) is not ranked (§6).
  const ranked: Candidate[] = rows
    .map((r) => ({
      ...identity(r),
      cases: Number(r.accepted_complaints),
      success: Number(r.success),
      mediated: Number(r.mediated),
    }))
    .filter((c) => c.mediated > 0);
  const red = [...ranked].sort(compare(1)).slice(0, RED_BLACK_SIZE);
  // With fewer than 6 ranked operators the two lists would meet: an operator on the red list is not repeated below.
  const onRed = new Set(red.map((c) => c.operatorKey));
  const black = ranked
    .filter((c) => !onRed.has(c.operatorKey))
    .sort(compare(-1))
    .slice(0, RED_BLACK_SIZE);
  const toRating = (c: Candidate, i: number): OperatorRating => ({
    rank: i + 1,
    operatorKey: c.operatorKey,
    operatorName: c.operatorName,
    uscc: c.uscc,
    acceptedComplaints: c.cases,
    mediationSuccessRate: mediationRate(c.success, c.mediated),
  });
  return { ...p, regionCode, red: red.map(toRating), black: black.map(toRating) };
}

function encodeCursor(row: DisclosureRow): string {
  return Buffer.from(JSON.stringify([row.closed, row.operatorKey]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { cClosed: number; cKey: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === 'string') {
      return { cClosed: v[0] as number, cKey: v[1] as string };
    }
  } catch {
    // fall through
  }
  throw badUserInput('after', 'not a cursor of this list');
}

export async function complaintDisclosure(
  ch: ClickHouseClient,
  regionCode: string,
  p: Period,
  first: number,
  after: string | null,
  source: ReadSource = 'facts',
): Promise<DisclosureConnection> {
  const cursor = after ? { hasCursor: 1, ...decodeCursor(after) } : { hasCursor: 0, cClosed: 0, cKey: '' };
  const base = params(regionCode, p);
  const [page, count] = await Promise.all([
    first === 0
      ? Promise.resolve([])
      : ch
          .query({
            query: disclosurePageSql(regionCode, source),
            query_params: { ...base, ...cursor, limit: first + 1 },
            format: 'JSONEachRow',
          })
          .then((r) => r.json<DbOperatorBase & { complaints: string | number; closed: string | number }>()),
    ch
      .query({ query: disclosureCountSql(regionCode, source), query_params: base, format: 'JSONEachRow' })
      .then((r) => r.json<{ total: string }>()),
  ]);
  const nodes: DisclosureRow[] = page.slice(0, first).map((r) => ({
    ...identity(r),
    complaints: Number(r.complaints),
    closed: Number(r.closed),
    mediationSuccessRate: mediationRate(Number(r.success), Number(r.mediated)),
  }));
  const last = nodes[nodes.length - 1];
  return {
    totalCount: Number(count[0]?.total ?? 0),
    nodes,
    pageInfo: { hasNextPage: page.length > first, endCursor: last ? encodeCursor(last) : null },
  };
}
