/**
 * Due dates of a case's stages (indicators.md §2). Dates are the Asia/Shanghai date parts of the LocalDateTimes.
 */
import { addCalendarDays } from '../calendar/iso-date';
import { addWorkdays, isProvisionalDate, rollToWorkday, workdaysBetween } from '../calendar/working-day-calendar';
import type { CaseRecord, DueDates, DueStage, IsoDate, LocalDateTime, RuleSetId } from '../types';
import { dateOf } from '../types';
import { indexRuleTable, ruleSetOf } from './rule-index';
import { DEFAULT_RULE_TABLE, type DeadlineRule } from './rule-table';

export type DueDateInput = Pick<
  CaseRecord,
  | 'kind'
  | 'registeredAt'
  | 'dispatchedAt'
  | 'status'
  | 'acceptance'
  | 'decidedAt'
  | 'filingDecidedAt'
  | 'extensionApproved'
  | 'pausedDays'
  | 'realNameReport'
>;

/** The rule set in force on the registration date (indicators.md §2: chosen by the registration date). */
export function ruleSetFor(registeredDate: IsoDate, table: readonly DeadlineRule[] = DEFAULT_RULE_TABLE): RuleSetId {
  return ruleSetOf(indexRuleTable(table), registeredDate).id;
}

interface BaseDates {
  REGISTERED: IsoDate;
  DECIDED: IsoDate | null;
  FILING_DECIDED: IsoDate | null;
}

function dueDate(rule: DeadlineRule, bases: BaseDates, pausedDays: number, extension: boolean): IsoDate | null {
  const base = bases[rule.base];
  if (base === null) return null;
  const n = rule.days + (rule.addPausedDays ? pausedDays : 0) + (extension ? rule.extensionDays : 0);
  return rule.dayKind === 'WORKDAYS' ? addWorkdays(base, n) : rollToWorkday(addCalendarDays(base, n));
}

/**
 * Applicability (indicators.md §2): dispatch only for a case with a 分送时间 or still 待分派 (a case handled where it
 * was registered has none); acceptance for complaints; closing for accepted complaints with a decision date;
 * verification for reports; notification for real-name reports with a filing decision. Paused days and the extension
 * are applied where the rule says so (closing and verification in the default table).
 */
export function computeDueDates(c: DueDateInput, table: readonly DeadlineRule[] = DEFAULT_RULE_TABLE): DueDates {
  const reg = dateOf(c.registeredAt);
  const set = ruleSetOf(indexRuleTable(table), reg);
  const pausedDays = c.pausedDays ?? 0;
  if (!Number.isSafeInteger(pausedDays) || pausedDays < 0) {
    throw new RangeError(`pausedDays must be a non-negative integer, got ${c.pausedDays}`);
  }
  const extension = c.extensionApproved === true;
  const bases: BaseDates = {
    REGISTERED: reg,
    DECIDED: c.decidedAt ? dateOf(c.decidedAt) : null,
    FILING_DECIDED: c.filingDecidedAt ? dateOf(c.filingDecidedAt) : null,
  };
  const due = (stage: keyof typeof set.rules, applies: boolean): IsoDate | null =>
    applies ? dueDate(set.rules[stage], bases, pausedDays, extension) : null;
  const complaint = c.kind === 'COMPLAINT';
  const report = c.kind === 'REPORT';
  const dates: Record<DueStage, IsoDate | null> = {
    dispatch: due('DISPATCH', c.dispatchedAt != null || c.status === '待分派'),
    acceptance: due('ACCEPTANCE', complaint),
    closing: due('CLOSING', complaint && c.acceptance === '受理' && c.decidedAt != null),
    verification: due('VERIFICATION', report),
    notification: due('NOTIFICATION', report && c.realNameReport === true && c.filingDecidedAt != null),
  };
  // A due date reads the calendar's days from its base up to itself: it is a guess exactly when it lies in a
  // provisional year (an earlier base in one would put the due date there too).
  const provisional = DUE_STAGES.filter((s) => dates[s] !== null && isProvisionalDate(dates[s]));
  return { ruleSet: set.id, ...dates, provisional };
}

const DUE_STAGES: readonly DueStage[] = ['dispatch', 'acceptance', 'closing', 'verification', 'notification'];

/**
 * avg_handling_workdays (indicators.md §4): working days in (registered date, closed date]; provisional when the
 * closed date lies in a provisional year (isProvisionalDate).
 */
export function handlingWorkdays(registeredAt: LocalDateTime, closedAt: LocalDateTime): number {
  return workdaysBetween(dateOf(registeredAt), dateOf(closedAt));
}
