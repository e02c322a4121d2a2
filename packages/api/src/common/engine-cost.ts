/**
 * What a root field orders done, in cost points, declared on the field itself (issue 12 §6 "One request cannot order
 * unbounded work"). server/limits.ts adds the points up before any resolver runs and refuses a request over MAX_COST,
 * and counts the fields marked here (at most MAX_COMPUTED_ROOT_FIELDS per request): the points bound what one field
 * costs, the count bounds how many a request may fan out to (200 aliased `ranking`s, each with its own asOf, would
 * each miss the read cache and run).
 *
 * The points follow the statements each resolver issues: a pass over `cases FINAL` (PASS_COST) plus every figure it
 * aggregates (INDICATOR_COST each), per period evaluated. Measured through the API on 500 k bench cases (2 cores),
 * one point came to roughly 1 ms of engine time (a ranking ≈ 570 ms, metrics of 20 indicators over one period ≈ 300 ms,
 * of 1 indicator by MONTH over 12 months ≈ 240 ms); only the proportions matter, the limit is in the same points.
 */
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { Extensions } from 'type-graphql';

/** One statement's pass over the case store: FINAL merge, region and period filters, grouping. */
export const PASS_COST = 10;
/** One figure (an indicator's numerator and denominator, a count) aggregated over one period. */
export const INDICATOR_COST = 10;
/** One metadata-store statement (SQLite / PostgreSQL): a few rows by key. */
export const METADATA_COST = 2;
/** One argon2id hash or verification (64 MiB, t = 3): CPU and memory, about 100 ms. */
export const PASSWORD_HASH_COST = 100;

/** A 366-day range (the longest any field accepts) meets at most 13 calendar months. */
const MAX_MONTHS_MET = 13;

/** Extension key read by server/computed-root-fields.ts. */
export const COMPUTED_EXTENSION = 'computed';

export type FieldArgs = Record<string, unknown>;

/** `statements` statements, each aggregating `figures` figures over each of `periods` periods. */
export function indicatorPasses(figures: number, periods = 1, statements = 1): number {
  return statements * periods * (PASS_COST + INDICATOR_COST * figures);
}

function monthIndex(date: unknown): number | null {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}/.test(date)) return null;
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
}

/**
 * The calendar months [from, to] meets. Malformed or reversed dates count 1 and longer ranges 13: the resolver refuses
 * them before any statement runs, with a message naming the argument, so the cost must not mask that message.
 */
export function monthsMet(from: unknown, to: unknown): number {
  const [a, b] = [monthIndex(from), monthIndex(to)];
  if (a === null || b === null || b < a) return 1;
  return Math.min(b - a + 1, MAX_MONTHS_MET);
}

/** A whole number in [0, max] (a bad `first` is refused by the resolver, naming it). */
function clampRows(first: unknown, max: number): number {
  return typeof first === 'number' && Number.isFinite(first) ? Math.min(Math.max(Math.trunc(first), 0), max) : 0;
}

/** Rows a page's selection is counted once per: the default page size. */
const ROWS_PER_SELECTION = 50;

function work(cost: number | ((args: FieldArgs) => number), args: FieldArgs): number {
  return typeof cost === 'number' ? cost : cost(args);
}

/**
 * A root field that runs statements: its cost is `cost` (points, or a function of the field's arguments) plus its
 * selection, and it counts towards the computed-root-field limit.
 */
export function Computed(cost: number | ((args: FieldArgs) => number)) {
  return Extensions({
    [COMPUTED_EXTENSION]: true,
    complexity: ({ args, childComplexity }: ComplexityEstimatorArgs) => work(cost, args) + childComplexity,
  });
}

/**
 * A computed connection with `first`: the selection is counted once per 50 rows asked for (up to `maxFirst`, the
 * resolver's own cap), so a 500-row page of wide nodes costs ten times a default page.
 */
export function ComputedPage(cost: number | ((args: FieldArgs) => number), maxFirst: number) {
  return Extensions({
    [COMPUTED_EXTENSION]: true,
    complexity: ({ args, childComplexity }: ComplexityEstimatorArgs) => {
      const pages = Math.max(1, Math.ceil(clampRows(args.first, maxFirst) / ROWS_PER_SELECTION));
      return work(cost, args) + childComplexity * pages;
    },
  });
}
