// Due dates (indicators.md §2), each counted by hand on the calendar of the 2025/2026 State Council notices:
// 2025: 春节 01-28…02-04 off, Sun 01-26 / Sat 02-08 work; 清明 04-04…06 off; 国庆 10-01…08 off, Sat 10-11 works.
// 2026: 元旦 01-01…03 off, Sun 01-04 works; 劳动 05-01…05 off, Sat 05-09 works; 端午 06-19…21 off.
import { CalendarYearMissingError } from '../calendar/working-day-calendar';
import { computeDueDates, type DueDateInput, handlingWorkdays } from './due-dates';
import { DEFAULT_RULE_TABLE } from './rule-table';

const complaint = (over: Partial<DueDateInput>): DueDateInput => ({
  kind: 'COMPLAINT',
  registeredAt: '2025-03-10 09:00:00',
  dispatchedAt: null,
  status: '处理中',
  acceptance: null,
  decidedAt: null,
  filingDecidedAt: null,
  extensionApproved: null,
  pausedDays: null,
  realNameReport: null,
  ...over,
});
const report = (over: Partial<DueDateInput>): DueDateInput => complaint({ kind: 'REPORT', ...over });

describe('complaints', () => {
  it('registered on a Saturday: the Saturday is not counted', () => {
    // Sat 2025-03-08: dispatch → Mon 03-10; acceptance 7 WD → 03-10…14 (5), Mon 03-17 (6), Tue 03-18 (7)
    expect(computeDueDates(complaint({ registeredAt: '2025-03-08 10:15:00', status: '待分派' }))).toEqual({
      ruleSet: 'SAMR20',
      dispatch: '2025-03-10',
      acceptance: '2025-03-18',
      closing: null,
      verification: null,
      notification: null,
      provisional: [],
    });
  });

  it('acceptance across the 2025 Spring Festival with its make-up Sunday and Saturday', () => {
    // Fri 01-24 → Sun 01-26 (1), Mon 01-27 (2), 01-28…02-04 off, 02-05…07 (5), Sat 02-08 (6), Mon 02-10 (7)
    expect(computeDueDates(complaint({ registeredAt: '2025-01-24 16:00:00' })).acceptance).toBe('2025-02-10');
  });

  it('uses the date part of a late-evening timestamp (no timezone drift) across New Year', () => {
    // Wed 2025-12-31 → 2026-01-01…03 off → make-up Sun 01-04
    expect(computeDueDates(complaint({ registeredAt: '2025-12-31 23:59:59', status: '待分派' })).dispatch).toBe('2026-01-04');
  });

  describe('closing: SAMR20 (registered 2026-04-14) vs SAMR121 (registered 2026-04-15), both accepted Mon 2026-04-20', () => {
    const accepted = (registeredAt: string, pausedDays: number | null) =>
      computeDueDates(complaint({ registeredAt, acceptance: '受理', decidedAt: '2026-04-20 10:00:00', pausedDays }));

    it('SAMR20: 45 working days after the decision, plus paused days', () => {
      // After Mon 04-20: 04-21…24 (4), 04-27…30 (8), 05-01…05 off, 05-06…08 (11), Sat 05-09 (12), 05-11…15 (17),
      // 05-18…22 (22), 05-25…29 (27), 06-01…05 (32), 06-08…12 (37), 06-15…18 (41), 06-19 端午, 06-22…25 (45),
      // 06-26 (46), 06-29 (47), 06-30 (48), 07-01 (49), 07-02 (50)
      const r = accepted('2026-04-14 09:00:00', null);
      expect(r.ruleSet).toBe('SAMR20');
      expect(r.closing).toBe('2026-06-25');
      expect(accepted('2026-04-14 09:00:00', 5).closing).toBe('2026-07-02');
      // acceptance: Tue 04-14 → 04-15…17 (3), 04-20…23 (7)
      expect(r.acceptance).toBe('2026-04-23');
    });

    it('SAMR121: rollToWorkday(decided + 60 + paused calendar days)', () => {
      // 04-20 + 60 = Fri 06-19 (端午, off) → Sat 06-20, Sun 06-21 off → Mon 06-22
      const r = accepted('2026-04-15 09:00:00', null);
      expect(r.ruleSet).toBe('SAMR121');
      expect(r.closing).toBe('2026-06-22');
      // 04-20 + 65 = Wed 06-24, a working day
      expect(accepted('2026-04-15 09:00:00', 5).closing).toBe('2026-06-24');
      // acceptance unchanged by the rule set: Wed 04-15 → 04-16, 17 (2), 04-20…24 (7)
      expect(r.acceptance).toBe('2026-04-24');
    });
  });

  it('has no closing stage when not accepted or not yet decided', () => {
    expect(computeDueDates(complaint({ acceptance: '不予受理', decidedAt: '2025-03-12 10:00:00' })).closing).toBeNull();
    expect(computeDueDates(complaint({ acceptance: '受理', decidedAt: null })).closing).toBeNull();
  });

  it('marks a due date in the provisional year 2027 as provisional, the others not', () => {
    // 2026-12-01 + 60 = Sat 2027-01-30 → Mon 02-01 in the provisional 2027 (weekends and statutory holidays only)
    const c = complaint({ registeredAt: '2026-11-20 09:00:00', acceptance: '受理', decidedAt: '2026-12-01 09:00:00' });
    // Fri 11-20 + 7 WD = Tue 12-01 (published 2026)
    expect(computeDueDates(c)).toMatchObject({ acceptance: '2026-12-01', closing: '2027-02-01', provisional: ['closing'] });
  });

  it('throws naming 2029, past the provisional years 2027–2028', () => {
    // Mon 2028-12-18 + 45 WD reaches 2029
    const c = complaint({ registeredAt: '2028-12-01 09:00:00', acceptance: '受理', decidedAt: '2028-12-18 09:00:00' });
    expect(() => computeDueDates(c)).toThrow(CalendarYearMissingError);
    expect(() => computeDueDates(c)).toThrow('no data for 2029');
  });

  it('rejects negative or fractional paused days', () => {
    expect(() => computeDueDates(complaint({ pausedDays: -1 }))).toThrow(RangeError);
    expect(() => computeDueDates(complaint({ pausedDays: 1.5 }))).toThrow(RangeError);
  });
});

describe('dispatch applicability', () => {
  it('applies when dispatched or still 待分派, to any kind', () => {
    // Mon 03-10 → Tue 03-11
    expect(computeDueDates(complaint({ dispatchedAt: '2025-03-12 08:00:00' })).dispatch).toBe('2025-03-11');
    expect(computeDueDates(complaint({ kind: 'CONSULTATION', status: '待分派' }))).toEqual({
      ruleSet: 'SAMR20',
      dispatch: '2025-03-11',
      acceptance: null,
      closing: null,
      verification: null,
      notification: null,
      provisional: [],
    });
  });

  it('does not apply to a case handled where it was registered', () => {
    expect(computeDueDates(complaint({ status: '处理中' })).dispatch).toBeNull();
    expect(computeDueDates(complaint({ kind: 'SUGGESTION', status: '已办结' }))).toEqual({
      ruleSet: 'SAMR20',
      dispatch: null,
      acceptance: null,
      closing: null,
      verification: null,
      notification: null,
      provisional: [],
    });
  });
});

describe('reports', () => {
  const sat = '2025-03-08 11:00:00';

  it('verification: 15 working days, +15 with an approved extension, + paused days', () => {
    // Sat 03-08 → 03-10…14 (5), 03-17…21 (10), 03-24…28 (15), Mon 03-31 (16), 04-01…03 (19), Fri 04-04 清明,
    // 04-07…11 (24), 04-14…18 (29), 04-21 (30), 04-22 (31), 04-23 (32)
    expect(computeDueDates(report({ registeredAt: sat })).verification).toBe('2025-03-28');
    expect(computeDueDates(report({ registeredAt: sat, pausedDays: 2 })).verification).toBe('2025-04-01');
    expect(computeDueDates(report({ registeredAt: sat, extensionApproved: true })).verification).toBe('2025-04-21');
    expect(computeDueDates(report({ registeredAt: sat, extensionApproved: true, pausedDays: 2 })).verification).toBe(
      '2025-04-23',
    );
    expect(computeDueDates(report({ registeredAt: sat, extensionApproved: false })).verification).toBe('2025-03-28');
  });

  it('notification: real-name reports with a filing decision, 5 working days, paused days not added', () => {
    // Tue 2025-09-30 → 10-01…08 off → Thu 10-09 (1), Fri 10-10 (2), make-up Sat 10-11 (3), Mon 10-13 (4), Tue 10-14 (5)
    const r = report({ realNameReport: true, filingDecidedAt: '2025-09-30 15:00:00', pausedDays: 3 });
    const due = computeDueDates(r);
    expect(due.notification).toBe('2025-10-14');
    expect(due.acceptance).toBeNull();
    expect(due.closing).toBeNull();
    expect(computeDueDates({ ...r, realNameReport: false }).notification).toBeNull();
    expect(computeDueDates({ ...r, realNameReport: null }).notification).toBeNull();
    expect(computeDueDates({ ...r, filingDecidedAt: null }).notification).toBeNull();
  });

  it('a complaint never gets verification or notification', () => {
    const due = computeDueDates(complaint({ realNameReport: true, filingDecidedAt: '2025-03-12 10:00:00' }));
    expect([due.verification, due.notification]).toEqual([null, null]);
  });
});

describe('configured rule table', () => {
  it('a later SAMR121 start keeps a 2026-04-20 case on 45 working days', () => {
    const table = DEFAULT_RULE_TABLE.map((r) => (r.ruleSet === 'SAMR121' ? { ...r, effectiveFrom: '2026-05-01' } : r));
    const c = complaint({ registeredAt: '2026-04-20 09:00:00', acceptance: '受理', decidedAt: '2026-04-20 10:00:00' });
    expect(computeDueDates(c, table)).toMatchObject({ ruleSet: 'SAMR20', closing: '2026-06-25' });
  });

  it('refuses an invalid table', () => {
    const broken = DEFAULT_RULE_TABLE.filter((r) => r.stage !== 'DISPATCH');
    expect(() => computeDueDates(complaint({}), broken)).toThrow('has no rule for stage(s) DISPATCH');
  });
});

describe('handlingWorkdays', () => {
  it('counts working days in (registered date, closed date]', () => {
    // (Mon 01-27, Sat 02-08]: 01-28…02-04 off, 02-05…07 (3), make-up Sat 02-08 (4)
    expect(handlingWorkdays('2025-01-27 09:00:00', '2025-02-08 17:00:00')).toBe(4);
    expect(handlingWorkdays('2025-03-10 09:00:00', '2025-03-10 18:00:00')).toBe(0);
  });
});
