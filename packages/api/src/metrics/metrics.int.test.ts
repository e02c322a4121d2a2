/**
 * Golden metrics test: every catalogue indicator for every city of the fixture (test-support/golden-fixture.ts has the
 * calendar facts and due dates), January 2026, asOf 2026-02-02, all computed by hand:
 *
 * A 140100: A1 (reg 12-31, decided 01-13 late, closed 01-20), A4 (reg 01-05, open, acceptance due 01-14).
 *   registered cohort {A4}; acceptance misses A1 + A4 = 0/2; closing A1 on time 1/1; closed cohort {A1};
 *   avg handling A1 (12-31, 01-20] = 01-04 make-up + 5 + 5 + 2 = 13; overdue as of min(02-02, 02-01): A4.
 * B 140200: B1 (reg 11-03, closed 01-09 a day late), B2 (report reg 01-06, dispatched 01-07 = due, filing 01-20).
 *   registered {B2}; closed {B1}; avg B1 (11-03, 01-09] = Nov 19 + Dec 23 + Jan 6 (make-up 01-04 included) = 48.
 * C 140300: C1 report (closed 01-26), C2 newer version (closed 01-27, 终止调解, 基本满意, no 客体类别), C3/C4
 *   consultations (满意). registered = closed = {C1, C2, C3, C4}; satisfaction 3/4; completeness 3/4;
 *   avg (C1 15 + C2 14) / 2 = 14.5 with C1 (01-05, 01-26] = 4+5+5+1 and C2 (01-07, 01-27] = 2+5+5+2.
 * D 140400: one open consultation (D1).
 * '' (province-level unit 140000): P1 complaint reg 01-05, decided 01-06, closed 01-12 (handling 4 + 1 = 5 days).
 */
import { INDICATORS } from '@c12315/domain';
import { loadGoldenFixture } from '../../test-support/golden-fixture';
import { type Harness, openHarness, testUser } from '../../test-support/test-harness';
import { Role } from '../common/graphql-types';
import { MetricsResolver } from './metrics.resolver';

const METRICS = `query M($ids: [ID!]!, $groupBy: [Dimension!]!, $filter: CaseFilter!, $asOf: Date) {
  metrics(indicatorIds: $ids, groupBy: $groupBy, filter: $filter, asOf: $asOf) {
    keys { dimension code label } values { indicatorId value numerator denominator points }
  }
}`;
const ALL = INDICATORS.map((i) => i.id);
const ADMIN = testUser(Role.PROVINCE_ADMIN, '140000');
const JAN = { regionCode: '140000', from: '2026-01-01', to: '2026-01-31' };

interface MetricRowData {
  keys: { dimension: string; code: string; label: string }[];
  values: { indicatorId: string; value: number | null; numerator: number | null; denominator: number | null; points: null }[];
}

let h: Harness;
beforeAll(async () => {
  h = await openHarness([MetricsResolver], 'metrics-');
  await loadGoldenFixture(h.ch);
});
afterAll(async () => h.close());

async function metrics(vars: Record<string, unknown>, user = ADMIN): Promise<MetricRowData[]> {
  const r = await h.run(METRICS, { ids: ALL, asOf: '2026-02-02', ...vars }, user);
  if (r.errors) throw r.errors[0];
  return (r.data as { metrics: MetricRowData[] }).metrics;
}

/** [value, numerator, denominator] per indicator, by hand (see the header). */
type Expected = Record<string, [number | null, number, number | null]>;
const volume = (n: number): [number, number, null] => [n, n, null];
const rate = (n: number, d: number): [number | null, number, number] => [d === 0 ? null : (100 * n) / d, n, d];

const JANUARY: Record<string, Expected> = {
  '': {
    received: volume(1),
    complaints: volume(1),
    reports: volume(0),
    consultations: volume(0),
    suggestions: volume(0),
    accepted: volume(1),
    completion_rate: rate(1, 1),
    timely_dispatch_rate: rate(0, 0),
    on_time_acceptance_rate: rate(1, 1),
    on_time_report_verification_rate: rate(0, 0),
    on_time_completion_rate: rate(1, 1),
    on_time_notification_rate: rate(0, 0),
    mediation_success_rate: rate(1, 1),
    satisfaction_rate: rate(1, 1),
    complaint_to_case_rate: rate(0, 1),
    disclosure_rate: rate(1, 1),
    data_completeness_rate: rate(1, 1),
    recovered_amount: volume(0),
    avg_handling_workdays: [5, 5, 1],
    overdue_open: volume(0),
  },
  '140100': {
    received: volume(1),
    complaints: volume(1),
    reports: volume(0),
    consultations: volume(0),
    suggestions: volume(0),
    accepted: volume(0),
    completion_rate: rate(0, 1),
    timely_dispatch_rate: rate(0, 0),
    on_time_acceptance_rate: rate(0, 2),
    on_time_report_verification_rate: rate(0, 0),
    on_time_completion_rate: rate(1, 1),
    on_time_notification_rate: rate(0, 0),
    mediation_success_rate: rate(1, 1),
    satisfaction_rate: rate(1, 1),
    complaint_to_case_rate: rate(0, 1),
    disclosure_rate: rate(1, 1),
    data_completeness_rate: rate(1, 1),
    recovered_amount: volume(100),
    avg_handling_workdays: [13, 13, 1],
    overdue_open: volume(1),
  },
  '140200': {
    received: volume(1),
    complaints: volume(0),
    reports: volume(1),
    consultations: volume(0),
    suggestions: volume(0),
    accepted: volume(0),
    completion_rate: rate(0, 1),
    timely_dispatch_rate: rate(1, 1),
    on_time_acceptance_rate: rate(0, 0),
    on_time_report_verification_rate: rate(1, 1),
    on_time_completion_rate: rate(0, 1),
    on_time_notification_rate: rate(0, 0),
    mediation_success_rate: rate(1, 1),
    satisfaction_rate: rate(1, 1),
    complaint_to_case_rate: rate(1, 1),
    disclosure_rate: rate(1, 1),
    data_completeness_rate: rate(1, 1),
    recovered_amount: volume(200.5),
    avg_handling_workdays: [48, 48, 1],
    overdue_open: volume(0),
  },
  '140300': {
    received: volume(4),
    complaints: volume(1),
    reports: volume(1),
    consultations: volume(2),
    suggestions: volume(0),
    accepted: volume(1),
    completion_rate: rate(4, 4),
    timely_dispatch_rate: rate(0, 0),
    on_time_acceptance_rate: rate(1, 1),
    on_time_report_verification_rate: rate(1, 1),
    on_time_completion_rate: rate(1, 1),
    on_time_notification_rate: rate(1, 1),
    mediation_success_rate: rate(0, 1),
    satisfaction_rate: rate(3, 4),
    complaint_to_case_rate: rate(0, 1),
    disclosure_rate: rate(0, 1),
    data_completeness_rate: rate(3, 4),
    recovered_amount: volume(0),
    avg_handling_workdays: [14.5, 29, 2],
    overdue_open: volume(0),
  },
  '140400': {
    received: volume(1),
    complaints: volume(0),
    reports: volume(0),
    consultations: volume(1),
    suggestions: volume(0),
    accepted: volume(0),
    completion_rate: rate(0, 1),
    timely_dispatch_rate: rate(0, 0),
    on_time_acceptance_rate: rate(0, 0),
    on_time_report_verification_rate: rate(0, 0),
    on_time_completion_rate: rate(0, 0),
    on_time_notification_rate: rate(0, 0),
    mediation_success_rate: rate(0, 0),
    satisfaction_rate: rate(0, 0),
    complaint_to_case_rate: rate(0, 0),
    disclosure_rate: rate(0, 0),
    data_completeness_rate: rate(0, 0),
    recovered_amount: volume(0),
    avg_handling_workdays: [null, 0, 0],
    overdue_open: volume(0),
  },
};

function asTable(row: MetricRowData): Expected {
  return Object.fromEntries(row.values.map((v) => [v.indicatorId, [v.value, v.numerator ?? 0, v.denominator]]));
}

describe('fixture premises (load-time due dates, versions)', () => {
  it('stores the hand-computed due dates and one current version of C2', async () => {
    const r = await h.ch.query({
      query: `SELECT case_id, acceptance_due, closing_due, status FROM cases FINAL WHERE case_id IN ('A1', 'B1', 'C2') ORDER BY case_id`,
      format: 'JSONEachRow',
    });
    expect(await r.json()).toEqual([
      { case_id: 'A1', acceptance_due: '2026-01-12', closing_due: '2026-03-23', status: '已办结' },
      { case_id: 'B1', acceptance_due: '2025-11-12', closing_due: '2026-01-08', status: '已办结' },
      { case_id: 'C2', acceptance_due: '2026-01-16', closing_due: expect.any(String), status: '已办结' },
    ]);
  });
});

describe('golden January 2026 by CITY', () => {
  it('every indicator of every city, numerator and denominator, null for 0/0', async () => {
    const rows = await metrics({ groupBy: ['CITY'], filter: JAN });
    expect(rows.map((r) => r.keys[0]?.code)).toEqual(['', '140100', '140200', '140300', '140400']);
    expect(rows.map((r) => r.keys[0]?.label)).toEqual(['（本级单位）', '太原市', '大同市', '阳泉市', '长治市']);
    for (const row of rows) {
      const code = row.keys[0]?.code ?? '?';
      const actual = asTable(row);
      const expected = JANUARY[code] as Expected;
      for (const id of ALL) {
        const [value, numerator, denominator] = expected[id] as [number | null, number, number | null];
        const [av, an, ad] = actual[id] as [number | null, number, number | null];
        expect({ code, id, numerator: an, denominator: ad }).toEqual({ code, id, numerator, denominator });
        if (value === null) expect({ code, id, value: av }).toEqual({ code, id, value: null });
        else expect(av).toBeCloseTo(value, 9);
      }
      expect(row.values.every((v) => v.points === null)).toBe(true);
    }
  });

  it('MONTH = each calendar month as its own period: December 2025 and January 2026 (Dec→Jan boundary)', async () => {
    const rows = await metrics({ groupBy: ['MONTH'], filter: { ...JAN, from: '2025-12-01' } });
    expect(rows.map((r) => r.keys[0])).toEqual([
      { dimension: 'MONTH', code: '2025-12', label: '2025-12' },
      { dimension: 'MONTH', code: '2026-01', label: '2026-01' },
    ]);
    const [dec, jan] = rows.map(asTable) as [Expected, Expected];
    // December: A1 (registered 12-31), A3, B3. A1's decision (01-13) is before asOf, so it counts as accepted.
    expect(dec.received).toEqual(volume(3));
    expect(dec.accepted).toEqual(volume(3));
    expect(dec.completion_rate).toEqual(rate(3, 3));
    expect(dec.on_time_acceptance_rate).toEqual(rate(1, 2)); // A3 ✓ (12-03 ≤ 12-10), B3 ✗ (12-12)
    expect(dec.on_time_completion_rate).toEqual(rate(2, 2));
    expect(dec.complaint_to_case_rate).toEqual(rate(1, 2));
    expect(dec.avg_handling_workdays).toEqual([14.5, 29, 2]); // A3 14 + B3 15
    expect(dec.recovered_amount).toEqual(volume(50));
    expect(dec.overdue_open).toEqual(volume(0));
    // January = the sum of the city table above.
    expect(jan.received).toEqual(volume(8));
    expect(jan.on_time_acceptance_rate).toEqual(rate(2, 4));
    expect(jan.on_time_completion_rate).toEqual(rate(3, 4));
    expect(jan.overdue_open).toEqual(volume(1));
  });

  it('asOf: a stage due exactly on asOf is not overdue; a completion dated on asOf has not happened', async () => {
    const at = async (asOf: string) =>
      asTable(
        (
          await metrics({
            ids: ['overdue_open', 'on_time_acceptance_rate'],
            groupBy: [],
            filter: { ...JAN, regionCode: '140100' },
            asOf,
          })
        )[0] as MetricRowData,
      );
    // 01-13: A1 due 01-12, decided on 01-13 (= asOf: not yet) → overdue, a miss; A4 due 01-14 not yet due.
    expect(await at('2026-01-13')).toEqual({ overdue_open: volume(1), on_time_acceptance_rate: rate(0, 1) });
    // 01-14: A1 decided (closing due 03-23); A4 due exactly on asOf → not overdue, not yet in the cohort.
    expect(await at('2026-01-14')).toEqual({ overdue_open: volume(0), on_time_acceptance_rate: rate(0, 1) });
    // 01-15: A4 overdue and a miss.
    expect(await at('2026-01-15')).toEqual({ overdue_open: volume(1), on_time_acceptance_rate: rate(0, 2) });
  });

  it('KIND and OBJECT_CATEGORY groups with Chinese labels; the default region is the user’s', async () => {
    const kinds = await metrics(
      { ids: ['received'], groupBy: ['KIND'], filter: { from: JAN.from, to: JAN.to } },
      testUser(Role.CITY_CHIEF, '140300'),
    );
    expect(kinds.map((r) => [r.keys[0]?.code, r.keys[0]?.label, r.values[0]?.value])).toEqual([
      ['COMPLAINT', '投诉', 1],
      ['REPORT', '举报', 1],
      ['CONSULTATION', '咨询', 2],
    ]);
    const objects = await metrics({ ids: ['received'], groupBy: ['OBJECT_CATEGORY'], filter: JAN });
    expect(objects.map((r) => [r.keys[0]?.label, r.values[0]?.value])).toEqual([
      ['（未填写）', 6],
      ['商品-家用电器', 2], // C1, P1
    ]);
    const filtered = await metrics({
      ids: ['received'],
      groupBy: [],
      filter: { ...JAN, kinds: ['CONSULTATION'], objectCategories: ['商品'] },
    });
    expect(filtered[0]?.values[0]?.value).toBe(0);
  });
});

describe('scope and validation', () => {
  const chief = testUser(Role.CITY_CHIEF, '140200');
  const code = async (vars: Record<string, unknown>, user = chief) => {
    const r = await h.run(METRICS, { ids: ['received'], asOf: '2026-02-02', ...vars }, user);
    return r.errors?.[0]?.extensions ?? 'OK';
  };

  it('a city chief may group the province by CITY (its peers, without the province’s own units)', async () => {
    const rows = await metrics({ ids: ['received'], groupBy: ['CITY'], filter: JAN }, chief);
    expect(rows.map((r) => r.keys[0]?.code)).toEqual(['140100', '140200', '140300', '140400']);
  });

  it('…and see a peer city’s aggregate, but not its counties, nor the province total', async () => {
    expect(await code({ groupBy: [], filter: { ...JAN, regionCode: '140100' } })).toBe('OK');
    expect(await code({ groupBy: ['COUNTY'], filter: { ...JAN, regionCode: '140100' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code({ groupBy: [], filter: JAN })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code({ groupBy: ['COUNTY'], filter: JAN })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code({ groupBy: ['CITY'], filter: { ...JAN, regionCode: '130000' } })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('bad arguments are BAD_USER_INPUT naming the argument', async () => {
    expect(await code({ ids: ['nope'], groupBy: [], filter: JAN }, ADMIN)).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'indicatorIds',
    });
    expect(await code({ groupBy: [], filter: { ...JAN, from: '2026-02-01' } }, ADMIN)).toMatchObject({ argument: 'filter.from' });
    expect(await code({ groupBy: [], filter: { ...JAN, from: '2024-12-01' } }, ADMIN)).toMatchObject({ argument: 'filter.to' });
    expect(await code({ groupBy: ['CITY', 'CITY'], filter: JAN }, ADMIN)).toMatchObject({ argument: 'groupBy' });
    expect(await code({ groupBy: [], filter: { ...JAN, regionCode: '999999' } }, ADMIN)).toMatchObject({
      argument: 'filter.regionCode',
    });
  });
});
