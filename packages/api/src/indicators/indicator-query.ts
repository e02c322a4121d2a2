/**
 * One SELECT that evaluates any set of catalogue indicators per group — numerator and denominator of each, from their
 * one definition (@c12315/store indicator-terms.ts) —, grouped by key expressions the caller takes from its own closed
 * maps, over either read source (indicator-sql.ts ReadSource).
 */
import {
  type ClickHouseClient,
  caseTermsSql,
  FACTS_SLOTS,
  type FactId,
  factColumnIndex,
  factDef,
  factsPartitionSql,
  indicatorTerms,
  indicatorValue,
  monthlyCohortSql,
  type PeriodSql,
  PRESENCE,
  type Term,
} from '@c12315/store';
import type { ReadSource } from './indicator-sql';

export interface GroupColumn {
  /** A closed-map SQL expression, never request text. */
  expr: string;
  /** Optional label expression (e.g. a station's unit name, which has no reference list). */
  labelExpr?: string;
}

export interface IndicatorQueryInput {
  indicatorIds: readonly string[];
  groups: readonly GroupColumn[];
  where: readonly string[];
  params: Record<string, unknown>;
  /** The period asked about (bound parameters). */
  period: PeriodSql;
  /**
   * MONTH: the period split into calendar months, given as two bound Date arrays (first and last day of each); every
   * indicator is then evaluated per month, with the month's first day as column `p_from`.
   */
  months?: { from: string; to: string };
  source: ReadSource;
  /**
   * On the read model: `city` reads the grain without counties (indicator_facts_city), for questions that neither
   * filter nor group by a county; default `county`.
   */
  grain?: 'city' | 'county';
}

export interface BuiltQuery {
  query: string;
  params: Record<string, unknown>;
  /** The rows of the statement as indicator rows (k…, l…, num…, den…). */
  fold: (rows: IndicatorRow[]) => IndicatorRow[];
}

/** The case table (the reference): one SELECT with every numerator and denominator as an aggregate of cases. */
function buildCaseQuery(input: IndicatorQueryInput): BuiltQuery {
  const period = input.months ? { from: 'p_from', to: 'p_to', asOf: input.period.asOf } : input.period;
  const select: string[] = [];
  input.groups.forEach((g, i) => {
    select.push(`${g.expr} AS k${i}`);
    if (g.labelExpr) select.push(`any(${g.labelExpr}) AS l${i}`);
  });
  input.indicatorIds.forEach((id, i) => {
    const def = indicatorTerms(id);
    const scale = def.scale ? ` / ${def.scale}` : '';
    select.push(`toFloat64(${caseTermsSql(def.numerator, period)})${scale} AS num${i}`);
    if (def.denominator) select.push(`toFloat64(${caseTermsSql(def.denominator, period)}) AS den${i}`);
  });
  const keys = input.groups.map((_, i) => `k${i}`);
  const query = [
    `SELECT ${select.join(',\n  ')}`,
    'FROM cases FINAL',
    input.months ? `ARRAY JOIN ${input.months.from} AS p_from, ${input.months.to} AS p_to` : '',
    input.where.length ? `WHERE ${input.where.join('\n  AND ')}` : '',
    keys.length ? `GROUP BY ${keys.join(', ')}\nORDER BY ${keys.join(', ')}` : '',
  ]
    .filter((line) => line.length > 0)
    .join('\n');
  return { query, params: input.params, fold: (rows) => rows };
}

/** A term of a read-model query: which fact, which of its conditions, which column. */
interface FactTermRef {
  fact: FactId;
  cond: number;
  column: number;
}

/** Facts that share a condition share its branch (planning time grows with the statement's expressions). */
function byText(pairs: [FactId, string][]): { text: string; facts: string }[] {
  const facts = new Map<string, FactId[]>();
  for (const [fact, text] of pairs) facts.set(text, [...(facts.get(text) ?? []), fact]);
  return [...facts].map(([text, list]) => ({ text, facts: `fact IN (${list.map((f) => `'${f}'`).join(', ')})` }));
}

const NO_MONTHS = { monthJoin: '', monthColumns: [] as string[] };

/**
 * MONTH on the read model: each row joined with the months it can count in — a fact dated by d1 with the one month
 * holding d1, the others (overdue spans, presence) with every month whose condition they meet — as `p_i`, and the
 * month's bounds as `p_from` / `p_to`.
 */
function monthJoinSql(months: { from: string; to: string }, asOf: string, facts: FactId[]) {
  const ofMonth = { from: `${months.from}[i]`, to: `${months.to}[i]`, asOf };
  const dated = facts.filter((f) => factDef(f).holds === 'd1');
  const tried = facts.flatMap((f): [FactId, string][] => {
    const holds = factDef(f).holds;
    return holds === 'd1' ? [] : [[f, holds(ofMonth)]];
  });
  const monthOfD1 = `toUInt32(dateDiff('month', toStartOfMonth(${months.from}[1]), d1) + 1)`;
  const branches = byText(tried).flatMap((b) => [b.facts, b.text]);
  const everyMonth = `arrayFilter(i -> multiIf(${branches.join(', ')}, 0), arrayEnumerate(${months.from}))`;
  const isDated = dated.length ? `fact IN (${dated.map((f) => `'${f}'`).join(', ')})` : '0';
  return {
    monthJoin: `ARRAY JOIN if(${isDated},
    arrayFilter(i -> i BETWEEN 1 AND length(${months.from}), [${monthOfD1}]), ${everyMonth}) AS p_i`,
    monthColumns: [`${months.from}[p_i] AS p_from`, `${months.to}[p_i] AS p_to`],
  };
}

interface TermRefs {
  scale: number;
  numerator: FactTermRef[];
  denominator: FactTermRef[] | null;
}

type FactSums = Map<string, number[][]>;

/**
 * Rows (group keys, fact, s0…: the column sums per condition) → indicator rows. With groups, only those holding the
 * presence fact: the groups the case table gives. Without, one row even when no fact row matched (as an aggregate
 * without GROUP BY gives).
 */
function foldFactRows(rows: IndicatorRow[], keys: string[], width: number, terms: TermRefs[]): IndicatorRow[] {
  const groups = new Map<string, { keys: IndicatorRow; sums: FactSums }>();
  for (const row of rows) {
    const id = JSON.stringify(keys.map((k) => row[k]));
    let group = groups.get(id);
    if (!group) {
      group = { keys: Object.fromEntries(keys.map((k) => [k, row[k]])), sums: new Map() };
      groups.set(id, group);
    }
    const sums = Array.from({ length: width }, (_, j) => (row[`s${j}`] as (string | number)[]).map(Number));
    group.sums.set(String(row.fact), sums);
  }
  if (keys.length === 0 && groups.size === 0) groups.set('[]', { keys: {}, sums: new Map() });
  const pick = (sums: FactSums, r: FactTermRef) => sums.get(r.fact)?.[r.cond]?.[r.column] ?? 0;
  const total = (sums: FactSums, refs: FactTermRef[]) => refs.reduce((n, r) => n + pick(sums, r), 0);
  return [...groups.values()]
    .filter((g) => keys.length === 0 || pick(g.sums, { fact: PRESENCE.id, cond: 0, column: 0 }) > 0)
    .map((g) => {
      const out: IndicatorRow = { ...g.keys };
      terms.forEach((t, i) => {
        out[`num${i}`] = total(g.sums, t.numerator) / t.scale;
        if (t.denominator) out[`den${i}`] = total(g.sums, t.denominator);
      });
      return out;
    });
}

/**
 * No PREWHERE: the key ranges already hold almost only the rows the WHERE keeps, and its conditions read most of the
 * columns (fact, d1, reg_month, the region), so reading them first and the rest after is a second pass for nothing.
 * Measured on the bench stores (medians of 31–41 runs, alternated): a city's county × month table 108 → 97 and 98 → 88
 * ms at 10 M (99 → 93 at 100 M), a province's city × month table 132 → 127 ms (128 → 119 at 100 M), the ranking
 * unchanged; the same rows.
 */
const FACTS_READ_SETTINGS = 'optimize_move_to_prewhere = 0';

/**
 * The read model: per group and fact, the column sums of the rows meeting each of the fact's (at most a few)
 * distinct conditions — `sumForEachIf(v, c_j)` —, and the terms picked from them in `fold`. Few, short expressions:
 * the statement plans in milliseconds whatever the number of indicators. Only the facts the indicators read, each
 * in its key range (`window`), and the presence fact: the groups the case table would give are those with a case
 * registered on or before `to` and before asOf (indicator-terms.ts PRESENCE). By MONTH, a row is joined only with
 * the months whose period can count it (each fact's `holds`), not with every month: most with the one holding d1.
 */
function buildFactsQuery(input: IndicatorQueryInput): BuiltQuery {
  const range = input.period;
  const months = input.months;
  const period = months ? { from: 'p_from', to: 'p_to', asOf: range.asOf } : range;
  const conds = new Map<FactId, string[]>([[PRESENCE.id, [PRESENCE.window(range)]]]);
  const ref = (t: Term, fact: FactId, text: string): FactTermRef => {
    const list = conds.get(fact) ?? [];
    if (!list.includes(text)) list.push(text);
    conds.set(fact, list);
    // A monthly rollup has its daily fact's columns.
    return { fact, cond: list.indexOf(text), column: factColumnIndex(t) - 1 };
  };
  const refs = (t: Term): FactTermRef[] => {
    const monthly = factDef(t.fact).monthly;
    if (!monthly) return [ref(t, t.fact, t.cond(FACTS_SLOTS, period))];
    const split = monthlyCohortSql(t, FACTS_SLOTS, period);
    return [ref(t, t.fact, split.daily), ref(t, monthly, split.monthly)];
  };
  const terms = input.indicatorIds.map((id): TermRefs => {
    const def = indicatorTerms(id);
    return {
      scale: def.scale ?? 1,
      numerator: def.numerator.flatMap(refs),
      denominator: def.denominator?.flatMap(refs) ?? null,
    };
  });
  const width = Math.max(...[...conds.values()].map((list) => list.length));
  const condColumns = Array.from({ length: width }, (_, j) => {
    const pairs = [...conds].flatMap(([fact, list]): [FactId, string][] => (list[j] ? [[fact, list[j]]] : []));
    const branches = byText(pairs).flatMap((b) => [b.facts, b.text]);
    return `multiIf(${branches.join(',\n      ')}, 0) AS c${j}`;
  });
  const windows = byText([...conds.keys()].map((f): [FactId, string] => [f, factDef(f).window(range)])).map(
    (b) => `(${b.facts} AND ${b.text})`,
  );
  const keys = input.groups.map((_, i) => `k${i}`);
  const { monthJoin, monthColumns } = months ? monthJoinSql(months, range.asOf, [...conds.keys()]) : NO_MONTHS;
  const query = `SELECT ${[...keys, 'fact', ...condColumns.map((_, j) => `sumForEachIf(v, c${j}) AS s${j}`)].join(', ')}
FROM (
  SELECT ${[...monthColumns, ...input.groups.map((g, i) => `${g.expr} AS k${i}`), 'fact', 'v', ...condColumns].join(',\n    ')}
  FROM ${input.grain === 'city' ? 'indicator_facts_city' : 'indicator_facts'}${monthJoin ? `\n  ${monthJoin}` : ''}
  WHERE ${[...input.where, factsPartitionSql(range), `(${windows.join('\n    OR ')})`].join('\n    AND ')}
)
GROUP BY ${[...keys, 'fact'].join(', ')}
ORDER BY ${[...keys, 'fact'].join(', ')}
SETTINGS ${FACTS_READ_SETTINGS}`;

  return { query, params: input.params, fold: (rows) => foldFactRows(rows, keys, width, terms) };
}

export function buildIndicatorQuery(input: IndicatorQueryInput): BuiltQuery {
  return input.source === 'facts' ? buildFactsQuery(input) : buildCaseQuery(input);
}

/** Run a built query: rows with k…, l…, num… and den… whichever the source. */
export async function runIndicatorQuery(ch: ClickHouseClient, built: BuiltQuery): Promise<IndicatorRow[]> {
  const result = await ch.query({ query: built.query, query_params: built.params, format: 'JSONEachRow' });
  return built.fold(await result.json<IndicatorRow>());
}

export interface IndicatorNumbers {
  indicatorId: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export type IndicatorRow = Record<string, unknown>;

export function readKey(row: IndicatorRow, i: number): string {
  return String(row[`k${i}`] ?? '');
}

export function readLabel(row: IndicatorRow, i: number): string | undefined {
  const label = row[`l${i}`];
  return typeof label === 'string' ? label : undefined;
}

export function readIndicatorValues(row: IndicatorRow, indicatorIds: readonly string[]): IndicatorNumbers[] {
  return indicatorIds.map((id, i) => {
    const def = indicatorTerms(id);
    const numerator = Number(row[`num${i}`] ?? 0);
    const denominator = def.denominator ? Number(row[`den${i}`] ?? 0) : null;
    return { indicatorId: id, numerator, denominator, value: indicatorValue(def.kind, numerator, denominator) };
  });
}

/** Sum rows of numerators and denominators (all are additive counts and sums) and recompute the values. */
export function sumIndicatorValues(rows: readonly IndicatorNumbers[][], indicatorIds: readonly string[]): IndicatorNumbers[] {
  return indicatorIds.map((id, i) => {
    const def = indicatorTerms(id);
    let numerator = 0;
    let denominator = 0;
    for (const row of rows) {
      numerator += row[i]?.numerator ?? 0;
      denominator += row[i]?.denominator ?? 0;
    }
    const den = def.denominator ? denominator : null;
    return { indicatorId: id, numerator, denominator: den, value: indicatorValue(def.kind, numerator, den) };
  });
}
