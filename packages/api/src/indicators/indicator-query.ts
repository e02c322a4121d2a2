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
import { QUESTION_DATES } from '../common/graphql-types';
import { cachedWhenAskedAgain } from '../common/read-cache';
import type { AppContext } from '../context';
import { PARAM_PERIOD, type ReadSource } from './indicator-sql';

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
  /** On the read model, for an asOf after the period: the question's asOf profile (asOfProfile). */
  profile?: AsOfProfile;
}

/** A statement without asOf whose rows answer a question for any asOf after its period (asOfProfile). */
export interface AsOfProfile {
  query: string;
  /** The question's parameters without asOf. */
  params: Record<string, unknown>;
  /** The asOf of the question it was built for. */
  asOf: string;
  /** The statement's rows, read once for every asOf. */
  prepare: (rows: readonly IndicatorRow[]) => PreparedProfile;
  /** The question's indicator rows as of `asOf` (after the period), or null when the profile cannot give them. */
  answer: (prepared: PreparedProfile, asOf: string) => IndicatorRow[] | null;
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

interface FactGroup {
  keys: IndicatorRow;
  sums: FactSums;
}

/**
 * Rows (group keys, fact, s0…: the column sums per condition) → indicator rows. With groups, only those holding the
 * presence fact: the groups the case table gives. Without, one row even when no fact row matched (as an aggregate
 * without GROUP BY gives).
 */
function foldFactRows(rows: IndicatorRow[], keys: string[], width: number, terms: TermRefs[]): IndicatorRow[] {
  const groups = new Map<string, FactGroup>();
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
  return foldFactGroups([...groups.values()], keys.length > 0, terms);
}

function foldFactGroups(groups: FactGroup[], grouped: boolean, terms: TermRefs[]): IndicatorRow[] {
  if (!grouped && groups.length === 0) groups.push({ keys: {}, sums: new Map() });
  const pick = (sums: FactSums, r: FactTermRef) => sums.get(r.fact)?.[r.cond]?.[r.column] ?? 0;
  const total = (sums: FactSums, refs: FactTermRef[]) => refs.reduce((n, r) => n + pick(sums, r), 0);
  return groups
    .filter((g) => !grouped || pick(g.sums, { fact: PRESENCE.id, cond: 0, column: 0 }) > 0)
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
 * What a read-model statement is made of, with asOf given twice as SQL: `condAsOf` in the terms' conditions, `rangeAsOf`
 * in what selects the rows (partitions, key ranges, months joined). The statement of one asOf gives both its `{asOf}`;
 * an asOf profile (below) evaluates the conditions at several asOfs over the rows any asOf after the period reads.
 */
function factsParts(input: IndicatorQueryInput, condAsOf: string, rangeAsOf: string) {
  const range = { ...input.period, asOf: rangeAsOf };
  const months = input.months;
  const period = months ? { from: 'p_from', to: 'p_to', asOf: condAsOf } : { ...input.period, asOf: condAsOf };
  const conds = new Map<FactId, string[]>([[PRESENCE.id, [PRESENCE.window({ ...input.period, asOf: condAsOf })]]]);
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
  /** Condition j of every fact, as one expression (0 for a fact with fewer conditions). */
  const condSql = Array.from({ length: width }, (_, j) => {
    const pairs = [...conds].flatMap(([fact, list]): [FactId, string][] => (list[j] ? [[fact, list[j]]] : []));
    const branches = byText(pairs).flatMap((b) => [b.facts, b.text]);
    return `multiIf(${branches.join(',\n      ')}, 0)`;
  });
  const windows = byText([...conds.keys()].map((f): [FactId, string] => [f, factDef(f).window(range)])).map(
    (b) => `(${b.facts} AND ${b.text})`,
  );
  const keys = input.groups.map((_, i) => `k${i}`);
  const { monthJoin, monthColumns } = months ? monthJoinSql(months, range.asOf, [...conds.keys()]) : NO_MONTHS;
  const from = `FROM ${input.grain === 'city' ? 'indicator_facts_city' : 'indicator_facts'}${monthJoin ? `\n  ${monthJoin}` : ''}
  WHERE ${[...input.where, factsPartitionSql(range), `(${windows.join('\n    OR ')})`].join('\n    AND ')}`;
  const columns = [...monthColumns, ...input.groups.map((g, i) => `${g.expr} AS k${i}`), 'fact', 'v'];
  return { terms, width, condSql, keys, columns, from };
}

/**
 * The read model: per group and fact, the column sums of the rows meeting each of the fact's (at most a few)
 * distinct conditions — `sumForEachIf(v, c_j)` —, and the terms picked from them in `fold`. Few, short expressions:
 * the statement plans in milliseconds whatever the number of indicators. Only the facts the indicators read, each
 * in its key range (`window`), and the presence fact: the groups the case table would give are those with a case
 * registered on or before `to` and before asOf (indicator-terms.ts PRESENCE). By MONTH, a row is joined only with
 * the months whose period can count it (each fact's `holds`), not with every month: most with the one holding d1.
 */
function buildFactsQuery(input: IndicatorQueryInput): BuiltQuery {
  const { terms, width, condSql, keys, columns, from } = factsParts(input, input.period.asOf, input.period.asOf);
  const query = `SELECT ${[...keys, 'fact', ...condSql.map((_, j) => `sumForEachIf(v, c${j}) AS s${j}`)].join(', ')}
FROM (
  SELECT ${[...columns, ...condSql.map((c, j) => `${c} AS c${j}`)].join(',\n    ')}
  ${from}
)
GROUP BY ${[...keys, 'fact'].join(', ')}
ORDER BY ${[...keys, 'fact'].join(', ')}
SETTINGS ${FACTS_READ_SETTINGS}`;

  return {
    query,
    params: input.params,
    fold: (rows) => foldFactRows(rows, keys, width, terms),
    profile: asOfProfile(input),
  };
}

/** The last asOf a question may name (QUESTION_DATES). */
const LAST_AS_OF = `toDate('${QUESTION_DATES.last}')`;

/**
 * The asOf profile of a read-model question asked after its period (asOf > to, the usual way: last month's ranking,
 * a year's table): one statement without asOf whose rows answer the question for every asOf after the period, so a
 * question asked again with another asOf (a chief moving the date, fifty chiefs each on their own day) costs no engine
 * time. For such an asOf the rows a statement reads are the same (every key range, partition and month join depends on
 * asOf only through least(asOf, to + 1) or least(to, asOf − 1)), and each condition of a term is a step of asOf: it is
 * made of `date < asOf` (d1, d2) and of parts that no longer change after the period, joined by AND and OR. So, per
 * row and condition j, the first asOf from which it holds — `a_j`, one of to + 1, d1 + 1, d2 + 1 (or never) — says
 * for which asOfs the row counts: those on or after it. The statement groups the rows by (group, fact, a_0, a_1, …)
 * with their column sums; `answer` adds, for an asOf, the sums whose a_j is on or before it, and folds them as the
 * statement of that asOf would. Each condition is evaluated at every candidate asOf (and at the last one a question
 * may name): a row where it does not hold from one candidate on — the step is elsewhere — is `bad`, and a profile
 * with a bad row answers nothing (the statement of the asOf runs instead). reconcile.ts checks profiles against the
 * case table.
 */
function asOfProfile(input: IndicatorQueryInput): AsOfProfile | undefined {
  if (input.period !== PARAM_PERIOD) return undefined;
  const { asOf, ...params } = input.params;
  if (typeof asOf !== 'string' || typeof params.to !== 'string' || !(asOf > params.to)) return undefined;
  const dayAfter = `(${input.period.to} + 1)`;
  const { terms, width, condSql, keys, columns, from } = factsParts(input, 'as_of', dayAfter);
  const candidates = ['d1 + 1', 'ifNull(d2, d1) + 1'].map((c) => `least(greatest(${dayAfter}, ${c}), ${LAST_AS_OF})`);
  const points = [dayAfter, ...candidates, LAST_AS_OF];
  const steps = `arraySort([${points.join(', ')}])`;
  const holds = condSql.map((c, j) => `arrayMap(as_of -> toUInt8(${c}), as_of_steps) AS h${j}`);
  const last = points.length;
  const bad = `arrayExists(h -> h != arraySort(h) OR (h[${last}] = 1 AND h[${last - 1}] = 0 AND as_of_steps[${last - 1}] < as_of_steps[${last}]), [${holds.map((_, j) => `h${j}`).join(', ')}]) AS bad`;
  const firsts = holds.map((_, j) => `if(indexOf(h${j}, 1) = 0, NULL, as_of_steps[indexOf(h${j}, 1)]) AS a${j}`);
  const group = [...keys, 'fact', ...holds.map((_, j) => `a${j}`)].join(', ');
  const query = `SELECT ${[...keys, 'fact', ...firsts, 'sumForEach(v) AS s', 'max(bad) AS bad'].join(', ')}
FROM (
  SELECT ${[...columns, `${steps} AS as_of_steps`, ...holds, bad].join(',\n    ')}
  ${from}
)
GROUP BY ${group}
ORDER BY ${group}
SETTINGS ${FACTS_READ_SETTINGS}`;
  return {
    query,
    params,
    asOf,
    prepare: (rows) => prepareProfile(rows, keys, width),
    answer: (prepared, at) => answerFromProfile(prepared, at, keys.length > 0, width, terms),
  };
}

/**
 * A profile's rows, read once: the groups an asOf's statement gives (their keys), and per row its group, fact, and
 * from which asOf on (`from[j]`, per condition j; null: never) its column sums `v` count.
 */
export interface PreparedProfile {
  bad: boolean;
  groups: IndicatorRow[];
  steps: { group: number; fact: string; from: (string | null)[]; v: number[] }[];
}

function prepareProfile(rows: readonly IndicatorRow[], keys: string[], width: number): PreparedProfile {
  const groupOf = new Map<string, number>();
  const groups: IndicatorRow[] = [];
  const steps: PreparedProfile['steps'] = [];
  for (const row of rows) {
    if (Number(row.bad)) return { bad: true, groups: [], steps: [] };
    const id = JSON.stringify(keys.map((k) => row[k]));
    let group = groupOf.get(id);
    if (group === undefined) {
      group = groups.length;
      groupOf.set(id, group);
      groups.push(Object.fromEntries(keys.map((k) => [k, row[k]])));
    }
    const from = Array.from({ length: width }, (_, j) => {
      const first = row[`a${j}`];
      return typeof first === 'string' ? first : null;
    });
    steps.push({ group, fact: String(row.fact), from, v: (row.s as (string | number)[]).map(Number) });
  }
  return { bad: false, groups, steps };
}

/** The indicator rows of an asOf's statement from a prepared profile (asOfProfile); null when it has a bad row. */
function answerFromProfile(profile: PreparedProfile, asOf: string, grouped: boolean, width: number, terms: TermRefs[]) {
  if (profile.bad) return null;
  const groups: FactGroup[] = profile.groups.map((keys) => ({ keys, sums: new Map() }));
  for (const step of profile.steps) {
    const sums = (groups[step.group] as FactGroup).sums;
    let fact = sums.get(step.fact);
    if (!fact) {
      fact = Array.from({ length: width }, (): number[] => []);
      sums.set(step.fact, fact);
    }
    for (let j = 0; j < width; j++) {
      const first = step.from[j];
      if (first === null || first === undefined || first > asOf) continue;
      const total = fact[j] as number[];
      for (let c = 0; c < step.v.length; c++) total[c] = (total[c] ?? 0) + (step.v[c] as number);
    }
  }
  return foldFactGroups(groups, grouped, terms);
}

export function buildIndicatorQuery(input: IndicatorQueryInput): BuiltQuery {
  return input.source === 'facts' ? buildFactsQuery(input) : buildCaseQuery(input);
}

/** Run a built query: rows with k…, l…, num… and den… whichever the source. */
export async function runIndicatorQuery(ch: ClickHouseClient, built: BuiltQuery): Promise<IndicatorRow[]> {
  const result = await ch.query({ query: built.query, query_params: built.params, format: 'JSONEachRow' });
  return built.fold(await result.json<IndicatorRow>());
}

/** A profile read: its statement's rows, prepared. */
export async function readProfile(ch: ClickHouseClient, profile: AsOfProfile): Promise<PreparedProfile> {
  const result = await ch.query({ query: profile.query, query_params: profile.params, format: 'JSONEachRow' });
  return profile.prepare(await result.json<IndicatorRow>());
}

/**
 * A service's indicator question: as `runIndicatorQuery`, or from the question's asOf profile once the same question
 * has been asked with another asOf at this data version (cachedWhenAskedAgain): the profile is read then, kept in the
 * read cache, and answers every later asOf after the period without the engine.
 */
export async function answerIndicatorQuery(ctx: Pick<AppContext, 'ch' | 'em'>, built: BuiltQuery): Promise<IndicatorRow[]> {
  const profile = built.profile;
  if (profile) {
    const key = JSON.stringify(['asOfProfile', profile.query, profile.params]);
    const prepared = await cachedWhenAskedAgain(ctx.em, key, profile.asOf, () => readProfile(ctx.ch, profile));
    const answer = prepared && profile.answer(prepared, profile.asOf);
    if (answer) return answer;
  }
  return runIndicatorQuery(ctx.ch, built);
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
