/**
 * The deadline rule table of indicators.md §2 as data: the next rule change is a new rule set in the table, not code.
 * A rule set (all five stages) applies to the cases registered on or after its `effectiveFrom`, until the next one.
 */
import { toDayNumber } from '../calendar/iso-date';
import type { IsoDate, RuleSetId, Stage } from '../types';
import { STAGES } from '../types';

/** CALENDAR_DAYS_ROLLED = rollToWorkday(base + n calendar days). */
export type DayKind = 'WORKDAYS' | 'CALENDAR_DAYS_ROLLED';

export interface DeadlineRule {
  ruleSet: RuleSetId;
  effectiveFrom: IsoDate;
  stage: Stage;
  /** Which date the count starts from: registered_at, decided_at or filing_decided_at (their dates). */
  base: 'REGISTERED' | 'DECIDED' | 'FILING_DECIDED';
  dayKind: DayKind;
  days: number;
  /** Testing/appraisal time is not counted (Order 20 Art. 20; procedure rules Art. 18(2)): add paused_days. */
  addPausedDays: boolean;
  /** Added when extension_approved (procedure rules Art. 18(1): +15 working days with the head's approval). */
  extensionDays: number;
}

type StageRule = Omit<DeadlineRule, 'ruleSet' | 'effectiveFrom'>;

function ruleSet(ruleSetId: RuleSetId, effectiveFrom: IsoDate, stages: StageRule[]): DeadlineRule[] {
  return stages.map((s) => ({ ruleSet: ruleSetId, effectiveFrom, ...s }));
}

const dispatch: StageRule = {
  // Order 20 Art. 37 only says "及时"; the contract fixes it at 1 working day.
  stage: 'DISPATCH',
  base: 'REGISTERED',
  dayKind: 'WORKDAYS',
  days: 1,
  addPausedDays: false,
  extensionDays: 0,
};
const acceptance: StageRule = {
  // Order 20 Art. 14: accept or reject within 7 working days of receipt (kept for Order 121, domain-research §2.4).
  stage: 'ACCEPTANCE',
  base: 'REGISTERED',
  dayKind: 'WORKDAYS',
  days: 7,
  addPausedDays: false,
  extensionDays: 0,
};
const verification: StageRule = {
  // Procedure rules Art. 18: verify a report and decide on filing within 15 working days, +15 with approval.
  stage: 'VERIFICATION',
  base: 'REGISTERED',
  dayKind: 'WORKDAYS',
  days: 15,
  addPausedDays: true,
  extensionDays: 15,
};
const notification: StageRule = {
  // Order 20 Art. 31(2): tell a real-name reporter within 5 working days of the filing decision.
  stage: 'NOTIFICATION',
  base: 'FILING_DECIDED',
  dayKind: 'WORKDAYS',
  days: 5,
  addPausedDays: false,
  extensionDays: 0,
};

export const DEFAULT_RULE_TABLE: readonly DeadlineRule[] = Object.freeze([
  ...ruleSet('SAMR20', '2020-01-01', [
    dispatch,
    acceptance,
    // Order 20 Art. 21(1)(5): mediation ends 45 working days after acceptance.
    { stage: 'CLOSING', base: 'DECIDED', dayKind: 'WORKDAYS', days: 45, addPausedDays: true, extensionDays: 0 },
    verification,
    notification,
  ]),
  ...ruleSet('SAMR121', '2026-04-15', [
    dispatch,
    acceptance,
    // Order 121 Art. 23(1)(5) (third-party text, domain-research §2.3): 60 days after acceptance, rolled to a workday.
    { stage: 'CLOSING', base: 'DECIDED', dayKind: 'CALENDAR_DAYS_ROLLED', days: 60, addPausedDays: true, extensionDays: 0 },
    verification,
    notification,
  ]),
]);

/** Throws on a table a deadline could not be computed from: a rule set missing a stage, duplicates, bad values. */
export function validateRuleTable(table: readonly DeadlineRule[]): void {
  if (table.length === 0) throw new Error('deadline rule table is empty');
  const sets = new Map<RuleSetId, { effectiveFrom: IsoDate; stages: Set<Stage> }>();
  const starts = new Map<IsoDate, RuleSetId>();
  table.forEach((rule, i) => {
    const where = `deadline rule ${i} (${rule.ruleSet} ${rule.stage})`;
    try {
      toDayNumber(rule.effectiveFrom);
    } catch {
      throw new Error(`${where}: effectiveFrom "${rule.effectiveFrom}" is not a YYYY-MM-DD date`);
    }
    if (!(STAGES as readonly string[]).includes(rule.stage)) throw new Error(`${where}: unknown stage`);
    if (!['REGISTERED', 'DECIDED', 'FILING_DECIDED'].includes(rule.base))
      throw new Error(`${where}: unknown base "${rule.base}"`);
    if (rule.dayKind !== 'WORKDAYS' && rule.dayKind !== 'CALENDAR_DAYS_ROLLED') {
      throw new Error(`${where}: unknown dayKind "${rule.dayKind}"`);
    }
    for (const [name, n] of [
      ['days', rule.days],
      ['extensionDays', rule.extensionDays],
    ] as const) {
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${where}: ${name} must be a non-negative integer, got ${n}`);
    }
    let set = sets.get(rule.ruleSet);
    if (!set) {
      const other = starts.get(rule.effectiveFrom);
      if (other !== undefined)
        throw new Error(`${where}: rule sets ${other} and ${rule.ruleSet} both start on ${rule.effectiveFrom}`);
      set = { effectiveFrom: rule.effectiveFrom, stages: new Set() };
      sets.set(rule.ruleSet, set);
      starts.set(rule.effectiveFrom, rule.ruleSet);
    }
    if (set.effectiveFrom !== rule.effectiveFrom) {
      throw new Error(`${where}: effectiveFrom ${rule.effectiveFrom} differs from the rule set's ${set.effectiveFrom}`);
    }
    if (set.stages.has(rule.stage)) throw new Error(`${where}: stage listed twice`);
    set.stages.add(rule.stage);
  });
  for (const [id, set] of sets) {
    const missing = STAGES.filter((s) => !set.stages.has(s));
    if (missing.length > 0) throw new Error(`deadline rule set ${id} has no rule for stage(s) ${missing.join(', ')}`);
  }
}
