/**
 * Every indicator of the catalogue (indicators.md §4), defined once as ClickHouse aggregate expressions over one row
 * per case (`cases FINAL`). Metrics and the ranking both select these; nothing else restates a formula.
 *
 * The period bounds and asOf are SQL expressions handed in (`PeriodSql`): bound parameters `{from:Date}`, `{to:Date}`,
 * `{asOf:Date}` for a single period, or the array-joined `p_from` / `p_to` columns when MONTH splits the range into
 * calendar months (metrics.sql.ts). Never now(): asOf is always a parameter.
 *
 * As-of semantics (§4): a decision, dispatch, closing or notification dated on or after asOf has not happened yet;
 * dates are toDate() of the Asia/Shanghai DateTime columns. Due dates are the load-time columns (*_due), null where a
 * stage does not apply (§2), so "stage applies" is "due date is not null".
 */
import { INDICATORS, indicatorById } from '@c12315/domain';

export interface PeriodSql {
  from: string;
  to: string;
  asOf: string;
}

export const PARAM_PERIOD: PeriodSql = { from: '{from:Date}', to: '{to:Date}', asOf: '{asOf:Date}' };

/** How value follows from numerator and denominator. */
export type ValueKind = 'count' | 'sum' | 'rate' | 'mean';

export interface IndicatorSql {
  id: string;
  kind: ValueKind;
  numerator: (p: PeriodSql) => string;
  /** null for volumes and sums (indicators.md §4: numerator only). */
  denominator: ((p: PeriodSql) => string) | null;
}

/** `dt` happened before asOf (a Nullable DateTime column or expression). */
const before = (dt: string, asOf: string) => `ifNull(toDate(${dt}) < ${asOf}, 0)`;
const inPeriod = (date: string, p: PeriodSql) => `ifNull(${date} BETWEEN ${p.from} AND ${p.to}, 0)`;

/** §4 registered cohort: registered date in P and before asOf. */
const registered = (p: PeriodSql) => `(${inPeriod('registered_date', p)} AND registered_date < ${p.asOf})`;
/** §4 closed cohort: closed date in P (and, as of asOf, before asOf). */
const closed = (p: PeriodSql) => `(${inPeriod('toDate(closed_at)', p)} AND ${before('closed_at', p.asOf)})`;
const acceptedComplaint = `(kind = 'COMPLAINT' AND ifNull(acceptance = '受理', 0))`;

/**
 * §4 timeliness cohort of a stage with completion `done` (a DateTime expression) and due date `due`:
 * on time = completed before asOf and on or before the due date. Numerator: on-time completions dated in P.
 * Denominator: those plus the misses whose due date is in P and before asOf (late, or not done as of asOf).
 */
function timeliness(done: string, due: string) {
  const onTime = (p: PeriodSql) => `(${before(done, p.asOf)} AND ifNull(toDate(${done}) <= ${due}, 0))`;
  const numerator = (p: PeriodSql) => `(${onTime(p)} AND ${inPeriod(`toDate(${done})`, p)})`;
  const missed = (p: PeriodSql) => `(${inPeriod(due, p)} AND ifNull(${due} < ${p.asOf}, 0) AND NOT ${onTime(p)})`;
  return {
    numerator: (p: PeriodSql) => `countIf(${numerator(p)})`,
    denominator: (p: PeriodSql) => `countIf(${numerator(p)} OR ${missed(p)})`,
  };
}

/**
 * §3 overdue as of E = min(asOf, to + 1): the current stage's due date < E and the stage not completed before E.
 * Current stage: complaint without a decision → acceptance; accepted complaint not closed → closing; report without a
 * filing decision → verification. Closed before E → no stage. A not-accepted complaint is never overdue.
 */
function overdueOpen(p: PeriodSql): string {
  const e = `least(${p.asOf}, ${p.to} + 1)`;
  const closedBefore = before('closed_at', e);
  const decidedBefore = before('decided_at', e);
  const filedBefore = before('filing_decided_at', e);
  return `countIf(NOT ${closedBefore} AND (
      (kind = 'COMPLAINT' AND NOT ${decidedBefore} AND ifNull(acceptance_due < ${e}, 0))
      OR (kind = 'COMPLAINT' AND ${decidedBefore} AND ifNull(acceptance = '受理', 0) AND ifNull(closing_due < ${e}, 0))
      OR (kind = 'REPORT' AND NOT ${filedBefore} AND ifNull(verification_due < ${e}, 0))))`;
}

const count = (id: string, cond: (p: PeriodSql) => string): IndicatorSql => ({
  id,
  kind: 'count',
  numerator: (p) => `countIf(${cond(p)})`,
  denominator: null,
});

const rate = (id: string, numerator: (p: PeriodSql) => string, denominator: (p: PeriodSql) => string): IndicatorSql => ({
  id,
  kind: 'rate',
  numerator,
  denominator,
});

const present = (col: string) => `ifNull(${col} != '', 0)`;

const DEFINITIONS: IndicatorSql[] = [
  count('received', registered),
  count('complaints', (p) => `${registered(p)} AND kind = 'COMPLAINT'`),
  count('reports', (p) => `${registered(p)} AND kind = 'REPORT'`),
  count('consultations', (p) => `${registered(p)} AND kind = 'CONSULTATION'`),
  count('suggestions', (p) => `${registered(p)} AND kind = 'SUGGESTION'`),
  // "受理" as of asOf: the decision must be dated before asOf.
  count('accepted', (p) => `${registered(p)} AND ${acceptedComplaint} AND ${before('decided_at', p.asOf)}`),
  rate(
    'completion_rate',
    (p) => `countIf(${registered(p)} AND ${before('closed_at', p.asOf)})`,
    (p) => `countIf(${registered(p)})`,
  ),
  { id: 'timely_dispatch_rate', kind: 'rate', ...timeliness('dispatched_at', 'dispatch_due') },
  // A complaint closed without a decision completes its acceptance stage on closing (§3).
  { id: 'on_time_acceptance_rate', kind: 'rate', ...timeliness('coalesce(decided_at, closed_at)', 'acceptance_due') },
  {
    id: 'on_time_report_verification_rate',
    kind: 'rate',
    ...timeliness('coalesce(filing_decided_at, closed_at)', 'verification_due'),
  },
  { id: 'on_time_completion_rate', kind: 'rate', ...timeliness('closed_at', 'closing_due') },
  { id: 'on_time_notification_rate', kind: 'rate', ...timeliness('reporter_notified_at', 'notification_due') },
  // ODR先行和解, 移送 and 不予受理 are outside both numerator and denominator.
  rate(
    'mediation_success_rate',
    (p) => `countIf(${closed(p)} AND ${acceptedComplaint} AND ifNull(outcome = '调解成功', 0))`,
    (p) =>
      `countIf(${closed(p)} AND ${acceptedComplaint} AND ifNull(outcome = '调解成功' OR startsWith(outcome, '终止调解-'), 0))`,
  ),
  rate(
    'satisfaction_rate',
    (p) => `countIf(${closed(p)} AND ifNull(satisfaction IN ('满意', '基本满意'), 0))`,
    (p) => `countIf(${closed(p)} AND ifNull(satisfaction != '未回访', 0))`,
  ),
  rate(
    'complaint_to_case_rate',
    (p) => `countIf(${closed(p)} AND ${acceptedComplaint} AND ifNull(complaint_to_case, false))`,
    (p) => `countIf(${closed(p)} AND ${acceptedComplaint})`,
  ),
  rate(
    'disclosure_rate',
    (p) => `countIf(${closed(p)} AND ${acceptedComplaint} AND ifNull(disclosed, false))`,
    (p) => `countIf(${closed(p)} AND ${acceptedComplaint})`,
  ),
  rate(
    'data_completeness_rate',
    (p) =>
      `countIf(${closed(p)} AND ${present('outcome')} AND (kind IN ('CONSULTATION', 'SUGGESTION') OR (${[
        'object_category',
        'problem_category',
        'industry_code',
        'respondent_name',
      ]
        .map(present)
        .join(' AND ')})))`,
    (p) => `countIf(${closed(p)})`,
  ),
  {
    id: 'recovered_amount',
    kind: 'sum',
    numerator: (p) => `sumIf(ifNull(recovered_amount, 0), ${closed(p)})`,
    denominator: null,
  },
  {
    id: 'avg_handling_workdays',
    kind: 'mean',
    numerator: (p) => `sumIf(ifNull(handling_workdays, 0), ${closed(p)} AND kind IN ('COMPLAINT', 'REPORT'))`,
    denominator: (p) => `countIf(${closed(p)} AND kind IN ('COMPLAINT', 'REPORT'))`,
  },
  { id: 'overdue_open', kind: 'count', numerator: overdueOpen, denominator: null },
];

export const INDICATOR_SQL: ReadonlyMap<string, IndicatorSql> = new Map(DEFINITIONS.map((d) => [d.id, d]));

// Every catalogue id has exactly one definition, and nothing else: checked once at start-up.
for (const indicator of INDICATORS) {
  if (!INDICATOR_SQL.has(indicator.id)) throw new Error(`indicator ${indicator.id} has no SQL definition`);
}
if (INDICATOR_SQL.size !== INDICATORS.length) throw new Error('indicator SQL defines an id outside the catalogue');

export function indicatorSql(id: string): IndicatorSql {
  const def = INDICATOR_SQL.get(id);
  if (!def || !indicatorById(id)) throw new Error(`unknown indicator ${id}`);
  return def;
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
