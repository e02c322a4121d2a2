/**
 * Every indicator of the catalogue (indicators.md §4), defined once as sums of *terms*, and the overdue rule (§3)
 * defined once as per-stage *spans*. Both read paths are generated from these definitions:
 *  - the case-table path (the reference): `countIf(when AND cond(dates of the case))` over `cases FINAL`;
 *  - the read model: the same `cond` over the dates of `indicator_facts`, summing the term's column there.
 *
 * A term reads one *fact*: a case-level row with one or two dates (d1, d2). `when` is the term's undated condition on
 * the case's current version (kind, acceptance, outcome…: evaluated when a month is built), `value` what it adds
 * (1 by default), `cond` its dated condition on (d1, d2) and the period — the only part that depends on the question,
 * so the read model keeps, per unit, kind and (d1, d2), one sum per term.
 *
 * Every fact declares `window`: a condition on d1 that each of its terms' conditions on its rows implies (the read
 * model's key range), and each `cond` is false where d1 is null (such rows are not kept).
 *
 * As of asOf (§4): a decision, dispatch, closing or notification dated on or after asOf has not happened yet. Dates
 * here are Asia/Shanghai dates (toDate of the DateTime columns); due dates are the load-time columns, null where a
 * stage does not apply (§2). Rule 1 of case-export.md puts every stage date on or after the registration date, and
 * every due date is after it.
 */
import { INDICATORS, indicatorById, workdayOrdinalTable } from '@c12315/domain';

export interface PeriodSql {
  from: string;
  to: string;
  asOf: string;
}

export interface Slots {
  d1: string;
  d2: string;
}

export type FactId =
  | 'FIRST_REGISTERED'
  | 'REGISTERED'
  | 'ACCEPTED'
  | 'CLOSED'
  | 'STAGE_DISPATCH'
  | 'STAGE_ACCEPTANCE'
  | 'STAGE_VERIFICATION'
  | 'STAGE_CLOSING'
  | 'STAGE_NOTIFICATION'
  | 'OVERDUE_ACCEPTANCE'
  | 'OVERDUE_CLOSING'
  | 'OVERDUE_VERIFICATION'
  | 'REGISTERED_MONTH'
  | 'ACCEPTED_MONTH';

export interface FactDef {
  id: FactId;
  /** Case-level Date expressions of the fact's dates (d2 null: one date). */
  d1: string;
  d2: string | null;
  /**
   * A condition on d1 (and reg_month) implied by every term of the fact read on its rows — for a fact with a monthly
   * rollup, by each term's daily condition (monthlyCohortSql) —: the read model's key range for a question.
   */
  window: (p: PeriodSql) => string;
  /**
   * Which periods of a range (MONTH) a row can count in: `d1` — only the one holding d1 (every term's condition
   * implies d1 in P); otherwise a condition on (d1, d2) implied by every term's condition with that period.
   */
  holds: 'd1' | ((p: PeriodSql) => string);
  /**
   * The fact's monthly rollup (a fact whose d1 is the first day of d1's month, same d2 and columns): the rows of a
   * whole month seen in the question are read from the rollup, the rest from this fact's daily rows. Only for facts
   * whose every term's condition is `seen` (d1 in P and before asOf) and, at most, a condition on d2 — see
   * `monthlyCohortSql`.
   */
  monthly?: FactId;
}

export interface Term {
  fact: FactId;
  /** Undated condition on the case's columns (current version). */
  when: string;
  /** Int64 the term adds per case (default 1: a count). */
  value?: string;
  cond: (s: Slots, p: PeriodSql) => string;
}

/** How value follows from numerator and denominator. */
export type ValueKind = 'count' | 'sum' | 'rate' | 'mean';

export interface IndicatorTerms {
  id: string;
  kind: ValueKind;
  numerator: Term[];
  /** null for volumes and sums (indicators.md §4: numerator only). */
  denominator: Term[] | null;
  /** The numerator's sums are kept in 1/scale units (yuan in cents, so they stay exact integers). */
  scale?: number;
}

/** No date: a span still open. Every date a question asks about is earlier. */
export const OPEN_END = "toDate('2149-06-06')";

const before = (date: string, asOf: string) => `ifNull(${date} < ${asOf}, 0)`;
const inPeriod = (date: string, p: PeriodSql) => `ifNull(${date} BETWEEN ${p.from} AND ${p.to}, 0)`;
/** A date in the period and before asOf, as one key range. */
const seenInPeriod = (p: PeriodSql) => `d1 BETWEEN ${p.from} AND least(${p.to}, ${p.asOf} - 1)`;

/**
 * A calendar month (given by any of its days) wholly inside P and before asOf: every registration of it is `seen`.
 * Its rows come from the monthly rollup; the daily rows of such months are not read.
 */
const wholeMonthSeen = (day: string, p: PeriodSql) =>
  `(toStartOfMonth(${day}) >= ${p.from} AND toLastDayOfMonth(${day}) <= least(${p.to}, ${p.asOf} - 1))`;
/** The daily rows a question reads: seen, in a month that is not wholly seen (the period's first and last months). */
const seenOutsideWholeMonths = (p: PeriodSql) =>
  `(${registeredFrom(p)} AND ${seenInPeriod(p)} AND NOT ${wholeMonthSeen('d1', p)})`;
/** Facts dated by the registration (d1 = registered_date or its month): their partitions from P's first month on. */
const registeredFrom = (p: PeriodSql) => `reg_month >= toYYYYMM(${p.from})`;

/**
 * The read model's partitions a question can read (reg_month: the cases' registration month): every term's condition
 * implies a registration on or before least(asOf, to + 1) — a registration, closing, stage completion or due date in P
 * and before asOf, or an overdue span started by then, is on or after the registration (case-export.md rule 1) —, so
 * later months are never read, however much history follows.
 */
export const factsPartitionSql = (p: PeriodSql) => `reg_month <= toYYYYMM(least(${p.asOf}, ${p.to} + 1))`;

/** §3 "as of min(asOf, to + 1 day)" for overdue_open. */
export const overdueDay = (p: PeriodSql) => `least(${p.asOf}, ${p.to} + 1)`;

/**
 * §3 overdue, one span per stage: a case is overdue in `stage` as of D exactly when start ≤ D ≤ end (start = the day
 * after the due date — due < D —, end = the last day the stage is still not completed before D). Current stage:
 * complaint without a decision before D → acceptance; accepted complaint decided before D, not closed → closing;
 * report without a filing decision before D → verification; closed before D → none (also without a decision). A
 * not-accepted complaint decided before D has no current stage (late, not overdue). For one D, at most one span of a
 * case holds D. `start` is null where the stage does not apply.
 */
export interface OverdueSpan {
  stage: 'ACCEPTANCE' | 'CLOSING' | 'VERIFICATION';
  fact: FactId;
  due: string;
  start: string;
  end: string;
}

const closedDate = 'toDate(closed_at)';
const openUntil = (...dates: string[]) => `least(${dates.map((d) => `ifNull(${d}, ${OPEN_END})`).join(', ')})`;

export const OVERDUE_SPANS: readonly OverdueSpan[] = [
  {
    stage: 'ACCEPTANCE',
    fact: 'OVERDUE_ACCEPTANCE',
    due: 'acceptance_due',
    start: `if(kind = 'COMPLAINT', acceptance_due + 1, NULL)`,
    end: openUntil(closedDate, 'toDate(decided_at)'),
  },
  {
    stage: 'CLOSING',
    fact: 'OVERDUE_CLOSING',
    due: 'closing_due',
    // Explicit nulls: greatest() may skip a null argument.
    start: `if(kind = 'COMPLAINT' AND ifNull(acceptance = '受理', 0) AND decided_at IS NOT NULL AND closing_due IS NOT NULL,
      greatest(toDate(decided_at), assumeNotNull(closing_due)) + 1, NULL)`,
    end: openUntil(closedDate),
  },
  {
    stage: 'VERIFICATION',
    fact: 'OVERDUE_VERIFICATION',
    due: 'verification_due',
    start: `if(kind = 'REPORT', verification_due + 1, NULL)`,
    end: openUntil(closedDate, 'toDate(filing_decided_at)'),
  },
];

/**
 * A Date's working-day ordinal in SQL (indicators.md §1): the domain calendar's ordinal table (`ord[i]` = working days
 * in [firstDate, firstDate + i days]) as the bound parameters of `workdayOrdinalParams`. Working days in (a, b] are
 * ord(b) − ord(a) on every path: the overdue list on the case table, the read model's due ordinals, and the loader's
 * due dates (its reference tables are filled from the same table).
 */
export const workdayOrdinalSql = (date: string) => `{ord:Array(UInt32)}[toUInt32(dateDiff('day', {ordFrom:Date}, ${date})) + 1]`;

export function workdayOrdinalParams(): { ord: number[]; ordFrom: string } {
  const table = workdayOrdinalTable();
  return { ord: table.ord, ordFrom: table.firstDate };
}

/** The dates of a row of `indicator_facts`. */
export const FACTS_SLOTS: Slots = { d1: 'd1', d2: 'd2' };

/** Overdue in a span as of D: start ≤ D ≤ end (d1 = end, d2 = start). */
export const overdueOn = (s: Slots, day: string) => `(ifNull(${s.d2} <= ${day}, 0) AND ${day} <= ${s.d1})`;

/**
 * §4 timeliness cohort of a stage, on one date: a stage completed on or before its due date (on time, when the
 * completion is before asOf) counts on its completion date; any other (late, or not completed) counts on its due
 * date. "On time and completed in P, or due in P before asOf and not on time" is then "this date in P and before
 * asOf" — a completion on or before its due date that is not before asOf cannot have a due date before asOf either
 * (reconcile.int.test.ts checks this form against the contract's wording, case by case).
 */
export interface StageDates {
  fact: FactId;
  due: string;
  /** Completion date (Date). */
  done: string;
}

export const STAGES: readonly StageDates[] = [
  { fact: 'STAGE_DISPATCH', due: 'dispatch_due', done: 'toDate(dispatched_at)' },
  // A complaint closed without a decision completes its acceptance stage on closing (§3).
  { fact: 'STAGE_ACCEPTANCE', due: 'acceptance_due', done: 'toDate(coalesce(decided_at, closed_at))' },
  { fact: 'STAGE_VERIFICATION', due: 'verification_due', done: 'toDate(coalesce(filing_decided_at, closed_at))' },
  { fact: 'STAGE_CLOSING', due: 'closing_due', done: 'toDate(closed_at)' },
  { fact: 'STAGE_NOTIFICATION', due: 'notification_due', done: 'toDate(reporter_notified_at)' },
];

/** Completed on or before the due date (not yet "on time": that also needs the completion before asOf). */
export const completedByDue = (stage: StageDates) => `ifNull(${stage.done} <= ${stage.due}, 0)`;

/** A rollup row's d1 from its fact's d1: the first day of the month (the build groups the fact's rows by it). */
export const rollupDay = (d1: string) => `toStartOfMonth(${d1})`;

/**
 * The registration cohorts keep two dates (registration, closing or decision): per unit and kind, one row per pair of
 * days, most of the read model. Their monthly rollups (d1 = the registration month's first day) hold the same sums
 * with a row per month and second date, so a month-aligned question reads ~20× fewer rows.
 */
const monthlyRollup = (id: FactId, of: FactDef): FactDef => ({
  id,
  d1: rollupDay(of.d1),
  d2: of.d2,
  window: (p) => `(${registeredFrom(p)} AND d1 >= toStartOfMonth(${p.from}) AND ${wholeMonthSeen('d1', p)})`,
  holds: 'd1',
});
const REGISTERED_FACT: FactDef = {
  id: 'REGISTERED',
  d1: 'registered_date',
  d2: closedDate,
  window: seenOutsideWholeMonths,
  holds: 'd1',
  monthly: 'REGISTERED_MONTH',
};
const ACCEPTED_FACT: FactDef = {
  id: 'ACCEPTED',
  d1: 'registered_date',
  d2: 'toDate(decided_at)',
  window: seenOutsideWholeMonths,
  holds: 'd1',
  monthly: 'ACCEPTED_MONTH',
};

export const FACTS: readonly FactDef[] = [
  REGISTERED_FACT,
  ACCEPTED_FACT,
  monthlyRollup('REGISTERED_MONTH', REGISTERED_FACT),
  monthlyRollup('ACCEPTED_MONTH', ACCEPTED_FACT),
  { id: 'CLOSED', d1: closedDate, d2: null, window: seenInPeriod, holds: 'd1' },
  // d1: the date the stage enters its timeliness cohort (null where the stage does not apply).
  ...STAGES.map(
    (stage): FactDef => ({
      id: stage.fact,
      d1: `if(${completedByDue(stage)}, ${stage.done}, ${stage.due})`,
      d2: null,
      window: seenInPeriod,
      holds: 'd1',
    }),
  ),
  // d1 = the span's end, null where the span holds no day (the stage does not apply, or was done before it was due);
  // overdue as of E ≥ least(asOf, from + 1) needs an end on or after it.
  ...OVERDUE_SPANS.map(
    (span): FactDef => ({
      id: span.fact,
      d1: `if(ifNull(${span.start} <= ${span.end}, 0), ${span.end}, NULL)`,
      d2: span.start,
      window: (p) => `d1 >= least(${p.asOf}, ${p.from} + 1)`,
      holds: (p) => overdueOn(FACTS_SLOTS, overdueDay(p)),
    }),
  ),
];

/**
 * Which groups a question has at all: on the case table, a group is a row of the answer when one of its cases passes
 * the WHERE — registered on or before `to` and before asOf —, even when all its numbers are 0. The read model keeps,
 * per unit, kind and registration month, the first registration date (fact FIRST_REGISTERED, built apart from the
 * others: one row per month, not per day), so the same groups are rows of its answer. It is built from the rows of
 * REGISTERED (PRESENCE_SOURCE): every case has one, dated by its registration, with 1 in the every-case column.
 */
export const PRESENCE: FactDef = {
  id: 'FIRST_REGISTERED',
  // Over PRESENCE_SOURCE's rows, whose d1 is the registration date: the first registration.
  d1: 'min(d1)',
  d2: null,
  window: (p) => `d1 <= least(${p.to}, ${p.asOf} - 1)`,
  holds: () => '1',
};

const FACT_BY_ID = new Map([...FACTS, PRESENCE].map((f) => [f.id, f]));

export function factDef(id: FactId): FactDef {
  const def = FACT_BY_ID.get(id);
  if (!def) throw new Error(`unknown fact ${id}`);
  return def;
}

const TIMELINESS_IDS = [
  'timely_dispatch_rate',
  'on_time_acceptance_rate',
  'on_time_report_verification_rate',
  'on_time_completion_rate',
  'on_time_notification_rate',
];

/** d1 in P and before asOf: the registered cohort (d1 = registered date), a timeliness cohort (d1 = cohort date). */
const seen = (s: Slots, p: PeriodSql) => `(${inPeriod(s.d1, p)} AND ${s.d1} < ${p.asOf})`;
/** §4 closed cohort: closed date in P and before asOf (d1 = closed date). */
const closed = seen;
const acceptedComplaint = `(kind = 'COMPLAINT' AND ifNull(acceptance = '受理', 0))`;
const present = (col: string) => `ifNull(${col} != '', 0)`;
const ALWAYS = '1';

const term = (fact: FactId, when: string, cond: Term['cond'], value?: string): Term => ({ fact, when, cond, value });

/** Timeliness (§4): on-time completions ÷ the cohort, both on the cohort date (d1) in P and before asOf. */
function timeliness(id: string, stage: StageDates): IndicatorTerms {
  return {
    id,
    kind: 'rate',
    numerator: [term(stage.fact, completedByDue(stage), seen)],
    denominator: [term(stage.fact, ALWAYS, seen)],
  };
}

const count = (id: string, fact: FactId, when: string, cond: Term['cond']): IndicatorTerms => ({
  id,
  kind: 'count',
  numerator: [term(fact, when, cond)],
  denominator: null,
});

const closedRate = (id: string, numeratorWhen: string, denominatorWhen: string): IndicatorTerms => ({
  id,
  kind: 'rate',
  numerator: [term('CLOSED', numeratorWhen, closed)],
  denominator: [term('CLOSED', denominatorWhen, closed)],
});

const complete = `${present('outcome')} AND (kind IN ('CONSULTATION', 'SUGGESTION') OR (${[
  'object_category',
  'problem_category',
  'industry_code',
  'respondent_name',
]
  .map(present)
  .join(' AND ')}))`;

const DEFINITIONS: IndicatorTerms[] = [
  count('received', 'REGISTERED', ALWAYS, seen),
  count('complaints', 'REGISTERED', `kind = 'COMPLAINT'`, seen),
  count('reports', 'REGISTERED', `kind = 'REPORT'`, seen),
  count('consultations', 'REGISTERED', `kind = 'CONSULTATION'`, seen),
  count('suggestions', 'REGISTERED', `kind = 'SUGGESTION'`, seen),
  // "受理" as of asOf: the decision must be dated before asOf (d2 = decision date).
  count('accepted', 'ACCEPTED', acceptedComplaint, (s, p) => `(${seen(s, p)} AND ${before(s.d2, p.asOf)})`),
  {
    id: 'completion_rate',
    kind: 'rate',
    numerator: [term('REGISTERED', ALWAYS, (s, p) => `(${seen(s, p)} AND ${before(s.d2, p.asOf)})`)],
    denominator: [term('REGISTERED', ALWAYS, seen)],
  },
  ...STAGES.map((stage, i) => timeliness(TIMELINESS_IDS[i] as string, stage)),
  // ODR先行和解, 移送 and 不予受理 are outside both numerator and denominator.
  closedRate(
    'mediation_success_rate',
    `${acceptedComplaint} AND ifNull(outcome = '调解成功', 0)`,
    `${acceptedComplaint} AND ifNull(outcome = '调解成功' OR startsWith(outcome, '终止调解-'), 0)`,
  ),
  closedRate('satisfaction_rate', `ifNull(satisfaction IN ('满意', '基本满意'), 0)`, `ifNull(satisfaction != '未回访', 0)`),
  closedRate('complaint_to_case_rate', `${acceptedComplaint} AND ifNull(complaint_to_case, false)`, acceptedComplaint),
  closedRate('disclosure_rate', `${acceptedComplaint} AND ifNull(disclosed, false)`, acceptedComplaint),
  closedRate('data_completeness_rate', complete, ALWAYS),
  {
    id: 'recovered_amount',
    kind: 'sum',
    numerator: [term('CLOSED', ALWAYS, closed, 'toInt64(ifNull(recovered_amount, 0) * 100)')],
    denominator: null,
    scale: 100,
  },
  {
    id: 'avg_handling_workdays',
    kind: 'mean',
    numerator: [term('CLOSED', `kind IN ('COMPLAINT', 'REPORT')`, closed, 'toInt64(ifNull(handling_workdays, 0))')],
    denominator: [term('CLOSED', `kind IN ('COMPLAINT', 'REPORT')`, closed)],
  },
  {
    id: 'overdue_open',
    kind: 'count',
    numerator: OVERDUE_SPANS.map((span) => term(span.fact, ALWAYS, (s, p) => overdueOn(s, overdueDay(p)))),
    denominator: null,
  },
];

export const INDICATOR_TERMS: ReadonlyMap<string, IndicatorTerms> = new Map(DEFINITIONS.map((d) => [d.id, d]));

// Every catalogue id has exactly one definition, and nothing else: checked once at start-up.
for (const indicator of INDICATORS) {
  if (!INDICATOR_TERMS.has(indicator.id)) throw new Error(`indicator ${indicator.id} has no definition`);
}
if (INDICATOR_TERMS.size !== INDICATORS.length) throw new Error('an indicator is defined outside the catalogue');

export function indicatorTerms(id: string): IndicatorTerms {
  const def = INDICATOR_TERMS.get(id);
  if (!def || !indicatorById(id)) throw new Error(`unknown indicator ${id}`);
  return def;
}

/**
 * The columns of each fact in the read model: its distinct (when, value) pairs, in definition order. A term's sum is
 * `v[k]` of its fact's rows; terms of one indicator family share a column when they read the same thing.
 */
export interface FactColumn {
  when: string;
  value: string;
}

function columnKey(t: Pick<Term, 'when' | 'value'>): string {
  return `${t.when}\u0000${t.value ?? '1'}`;
}

export const FACT_COLUMNS: ReadonlyMap<FactId, readonly FactColumn[]> = (() => {
  const out = new Map<FactId, FactColumn[]>(FACTS.map((f) => [f.id, []]));
  const known = new Set<string>();
  for (const def of DEFINITIONS) {
    for (const t of [...def.numerator, ...(def.denominator ?? [])]) {
      const key = `${t.fact}\u0000${columnKey(t)}`;
      if (known.has(key)) continue;
      known.add(key);
      out.get(t.fact)?.push({ when: t.when, value: t.value ?? '1' });
    }
  }
  for (const f of FACTS) if (f.monthly) out.set(f.monthly, out.get(f.id) ?? []);
  return out;
})();

/**
 * A term of a fact with a monthly rollup, on the read model: its condition on the daily rows of months not wholly
 * seen, and on the rollup's rows of months that are (where `seen` holds for every case of the month, so the term's
 * condition with d1 the month's first day is its condition on each case: `seen` and the condition on d2). Together
 * they count each case once, as the term on its daily rows would.
 */
export function monthlyCohortSql(t: Term, s: Slots, p: PeriodSql): { daily: string; monthly: string } {
  const cond = t.cond(s, p);
  return {
    daily: `(${cond} AND NOT ${wholeMonthSeen(s.d1, p)})`,
    monthly: `(${wholeMonthSeen(s.d1, p)} AND ${cond})`,
  };
}

/** 1-based index of a term's column among its fact's columns. */
export function factColumnIndex(t: Term): number {
  const columns = FACT_COLUMNS.get(t.fact) ?? [];
  const i = columns.findIndex((c) => columnKey(c) === columnKey(t));
  if (i < 0) throw new Error(`term of ${t.fact} has no column`);
  return i + 1;
}

/**
 * PRESENCE's source: the fact whose rows hold every case once, dated by its registration date (so their least d1 is
 * the first registration), and the column that counts each case (the `received` term's). A build from it needs no
 * second read of the cases.
 */
export const PRESENCE_SOURCE = {
  fact: REGISTERED_FACT.id,
  column: factColumnIndex(term(REGISTERED_FACT.id, ALWAYS, seen)),
} as const;
if (REGISTERED_FACT.d1 !== 'registered_date') throw new Error('PRESENCE_SOURCE must be dated by the registration');

/** The case-level dates of a fact, as the slots its terms read on the case table. */
export function caseSlots(fact: FactId): Slots {
  const def = factDef(fact);
  return { d1: def.d1, d2: def.d2 ?? 'NULL' };
}

/** The sum of terms over `cases FINAL` (the reference). */
export function caseTermsSql(terms: readonly Term[], p: PeriodSql): string {
  return terms
    .map((t) => {
      const cond = `${t.when === ALWAYS ? '' : `(${t.when}) AND `}${t.cond(caseSlots(t.fact), p)}`;
      return t.value ? `sumIf(${t.value}, ${cond})` : `countIf(${cond})`;
    })
    .join(' + ');
}

/** value from numerator and denominator: rates in % (100 × n / d), means n / d, null when d = 0 (§4). */
export function indicatorValue(kind: ValueKind, numerator: number, denominator: number | null): number | null {
  switch (kind) {
    case 'count':
    case 'sum':
      return numerator;
    case 'rate':
      return denominator ? (100 * numerator) / denominator : null;
    case 'mean':
      return denominator ? numerator / denominator : null;
  }
}
