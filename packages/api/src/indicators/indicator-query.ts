/**
 * One SELECT over `cases FINAL` that evaluates any set of catalogue indicators per group: numerator and denominator
 * of each (indicator-sql.ts), grouped by key expressions the caller takes from its own closed maps.
 */
import { indicatorSql, indicatorValue, type PeriodSql } from './indicator-sql';

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
  period: PeriodSql;
  /** e.g. `ARRAY JOIN {periodFrom:Array(Date)} AS p_from, …` for per-month periods. */
  arrayJoin?: string;
}

export interface BuiltQuery {
  query: string;
  params: Record<string, unknown>;
}

export function buildIndicatorQuery(input: IndicatorQueryInput): BuiltQuery {
  const select: string[] = [];
  input.groups.forEach((g, i) => {
    select.push(`${g.expr} AS k${i}`);
    if (g.labelExpr) select.push(`any(${g.labelExpr}) AS l${i}`);
  });
  input.indicatorIds.forEach((id, i) => {
    const def = indicatorSql(id);
    select.push(`toFloat64(${def.numerator(input.period)}) AS n${i}`);
    if (def.denominator) select.push(`toFloat64(${def.denominator(input.period)}) AS d${i}`);
  });
  const keys = input.groups.map((_, i) => `k${i}`);
  const query = [
    `SELECT ${select.join(',\n  ')}`,
    'FROM cases FINAL',
    input.arrayJoin ?? '',
    input.where.length ? `WHERE ${input.where.join('\n  AND ')}` : '',
    keys.length ? `GROUP BY ${keys.join(', ')}\nORDER BY ${keys.join(', ')}` : '',
  ]
    .filter((s) => s.length > 0)
    .join('\n');
  return { query, params: input.params };
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
    const def = indicatorSql(id);
    const numerator = Number(row[`n${i}`] ?? 0);
    const denominator = def.denominator ? Number(row[`d${i}`] ?? 0) : null;
    return { indicatorId: id, numerator, denominator, value: indicatorValue(def.kind, numerator, denominator) };
  });
}

/** Sum rows of numerators and denominators (all are additive counts and sums) and recompute the values. */
export function sumIndicatorValues(rows: readonly IndicatorNumbers[][], indicatorIds: readonly string[]): IndicatorNumbers[] {
  return indicatorIds.map((id, i) => {
    const def = indicatorSql(id);
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
