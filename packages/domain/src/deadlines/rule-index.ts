/**
 * Internal: the rule table validated and grouped once per table object (computeDueDates runs per case in the ETL).
 */
import { toDayNumber } from '../calendar/iso-date';
import type { IsoDate, RuleSetId, Stage } from '../types';
import { type DeadlineRule, validateRuleTable } from './rule-table';

export interface IndexedRuleTable {
  /** Rule sets by effectiveFrom ascending. */
  sets: { id: RuleSetId; effectiveFrom: IsoDate; rules: Record<Stage, DeadlineRule> }[];
}

const indexed = new WeakMap<readonly DeadlineRule[], IndexedRuleTable>();

/** Validated once per table object, then cached: computeDueDates runs per case in the ETL. */
export function indexRuleTable(table: readonly DeadlineRule[]): IndexedRuleTable {
  let index = indexed.get(table);
  if (!index) {
    validateRuleTable(table);
    const byId = new Map<RuleSetId, IndexedRuleTable['sets'][number]>();
    for (const rule of table) {
      let set = byId.get(rule.ruleSet);
      if (!set) {
        set = { id: rule.ruleSet, effectiveFrom: rule.effectiveFrom, rules: {} as Record<Stage, DeadlineRule> };
        byId.set(rule.ruleSet, set);
      }
      set.rules[rule.stage] = rule;
    }
    // YYYY-MM-DD strings order like the dates they name.
    index = { sets: [...byId.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)) };
    indexed.set(table, index);
  }
  return index;
}

export function ruleSetOf(index: IndexedRuleTable, registeredDate: IsoDate): IndexedRuleTable['sets'][number] {
  toDayNumber(registeredDate); // validates the format: a malformed date would compare as a string and mislead
  let chosen = index.sets[0]!;
  // The earliest rule set also covers anything registered before it: the contract (§2) applies SAMR20 to every case
  // registered before 2026-04-15.
  for (const set of index.sets) {
    if (set.effectiveFrom <= registeredDate) chosen = set;
    else break;
  }
  return chosen;
}
