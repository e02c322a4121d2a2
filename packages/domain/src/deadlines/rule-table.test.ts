import { STAGES } from '../types';
import { ruleSetFor } from './due-dates';
import { DEFAULT_RULE_TABLE, type DeadlineRule, validateRuleTable } from './rule-table';

describe('DEFAULT_RULE_TABLE (indicators.md §2)', () => {
  it('is valid and lists all five stages for SAMR20 and SAMR121', () => {
    expect(() => validateRuleTable(DEFAULT_RULE_TABLE)).not.toThrow();
    for (const id of ['SAMR20', 'SAMR121']) {
      expect(
        DEFAULT_RULE_TABLE.filter((r) => r.ruleSet === id)
          .map((r) => r.stage)
          .sort(),
      ).toEqual([...STAGES].sort());
    }
  });

  it('differs between the rule sets only in the closing stage', () => {
    const closing = DEFAULT_RULE_TABLE.filter((r) => r.stage === 'CLOSING');
    expect(closing).toEqual([
      expect.objectContaining({ ruleSet: 'SAMR20', effectiveFrom: '2020-01-01', dayKind: 'WORKDAYS', days: 45 }),
      expect.objectContaining({ ruleSet: 'SAMR121', effectiveFrom: '2026-04-15', dayKind: 'CALENDAR_DAYS_ROLLED', days: 60 }),
    ]);
    const verification = DEFAULT_RULE_TABLE.filter((r) => r.stage === 'VERIFICATION');
    expect(verification.map((r) => [r.days, r.extensionDays, r.addPausedDays])).toEqual([
      [15, 15, true],
      [15, 15, true],
    ]);
  });
});

describe('ruleSetFor', () => {
  it('switches to SAMR121 for cases registered on or after 2026-04-15', () => {
    expect(ruleSetFor('2026-04-14')).toBe('SAMR20');
    expect(ruleSetFor('2026-04-15')).toBe('SAMR121');
    expect(ruleSetFor('2030-01-01')).toBe('SAMR121');
  });

  it('applies the earliest rule set to older cases (contract: SAMR20 for everything before 2026-04-15)', () => {
    expect(ruleSetFor('2019-12-31')).toBe('SAMR20');
  });

  it('follows a configured table', () => {
    const later = DEFAULT_RULE_TABLE.map((r) => (r.ruleSet === 'SAMR121' ? { ...r, effectiveFrom: '2026-05-01' } : r));
    expect(ruleSetFor('2026-04-20', later)).toBe('SAMR20');
    expect(ruleSetFor('2026-05-01', later)).toBe('SAMR121');
  });

  it('rejects a malformed date', () => {
    expect(() => ruleSetFor('2026/04/15')).toThrow('"2026/04/15"');
  });
});

describe('validateRuleTable', () => {
  const without = (pred: (r: DeadlineRule) => boolean) => DEFAULT_RULE_TABLE.filter((r) => !pred(r));

  it('throws on a rule set with a missing stage', () => {
    expect(() => validateRuleTable(without((r) => r.ruleSet === 'SAMR121' && r.stage === 'NOTIFICATION'))).toThrow(
      'deadline rule set SAMR121 has no rule for stage(s) NOTIFICATION',
    );
  });

  it('throws on an empty table, a duplicate stage, bad numbers, and inconsistent start dates', () => {
    expect(() => validateRuleTable([])).toThrow('empty');
    const first = DEFAULT_RULE_TABLE[0]!;
    expect(() => validateRuleTable([...DEFAULT_RULE_TABLE, first])).toThrow('stage listed twice');
    expect(() => validateRuleTable(DEFAULT_RULE_TABLE.map((r, i) => (i === 2 ? { ...r, days: -1 } : r)))).toThrow(
      'days must be a non-negative integer, got -1',
    );
    expect(() =>
      validateRuleTable(DEFAULT_RULE_TABLE.map((r, i) => (i === 1 ? { ...r, effectiveFrom: '2021-01-01' } : r))),
    ).toThrow('differs from the rule set');
    expect(() =>
      validateRuleTable(DEFAULT_RULE_TABLE.map((r) => (r.ruleSet === 'SAMR121' ? { ...r, effectiveFrom: '2020-01-01' } : r))),
    ).toThrow('both start on 2020-01-01');
    expect(() =>
      validateRuleTable(DEFAULT_RULE_TABLE.map((r, i) => (i === 0 ? { ...r, effectiveFrom: '2020-1-1' } : r))),
    ).toThrow('effectiveFrom "2020-1-1"');
  });
});
