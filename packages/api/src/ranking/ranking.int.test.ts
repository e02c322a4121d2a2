/**
 * Golden ranking test (indicators.md §5) on the fixture of test-support/golden-fixture.ts (its header has the calendar
 * facts and due dates). asOf = 2026-02-02 (Mon) for both months. Every value below is computed by hand.
 *
 * January 2026 (P = 01-01…01-31):
 *  A 太原 140100 (A1 via county 140105, A4):
 *    on_time_acceptance 0/2 = 0 (A1 decided 01-13 > due 01-12; A4 due 01-14, never decided) → 15×clamp(−4) = 0
 *    on_time_completion 1/1 = 100 (A1 closed 01-20 ≤ due 03-23) → 20
 *    mediation 1/1 = 100 → 15 · satisfaction 1/1 = 100 → 15 · complaint_to_case 0/1 = 0 → 0
 *    disclosure 1/1 → 5 · completeness 1/1 → 5 · dispatch, verification, notification 0/0 → null
 *    score = 100 × 60 / 80 = 75.00
 *  B 大同 140200 (B1 closed 01-09, a day late; B2 dispatched on time, filing decided 01-20 ≤ 01-27):
 *    dispatch 1/1 → 5 · acceptance 0/0 → null · verification 1/1 → 10 · completion 0/1 → 0 · notification null
 *    mediation 1/1 → 15 · satisfaction 1/1 → 15 · c2c 1/1 = 100 % ≥ target 3 → 5 · disclosure → 5 · completeness → 5
 *    score = 100 × 60 / 80 = 75.00 → ties with A: both rank 1, listed by code
 *  C 阳泉 140300 (C1 report, C2 newer version, C3/C4 consultations):
 *    acceptance 1/1 → 15 · verification 1/1 → 10 · completion 1/1 → 20 · notification 1/1 (on its due date) → 5
 *    mediation 0/1 → 0 · satisfaction 3/4 = 75 → 15 × 5/30 = 2.5 · c2c 0/1 → 0 · disclosure 0/1 → 0
 *    completeness 3/4 = 75 → 5 × 25/50 = 2.5 · dispatch null
 *    score = 100 × 55 / 95 = 57.894… → 57.89, rank 3
 *  D 长治 140400: one open consultation → every scored indicator null → no score, rank null, after the scored rows.
 *  Other Shanxi cities: no cases → no score, listed by code.
 * December 2025 (same asOf):
 *  A (A3): acceptance 1/1 → 15, completion 1/1 → 20, mediation 15, satisfaction 15, c2c 0, disclosure 5,
 *    completeness 5 → 75 / 80 = 93.75, rank 1
 *  B (B3 decided 12-12 > due 12-10): acceptance 0 → 0, completion 20, mediation 15, satisfaction 15, c2c 5,
 *    disclosure 5, completeness 5 → 65 / 80 = 81.25, rank 2
 * previousRank (January): A 1, B 2, C null, D null.
 * Movement: A on_time_acceptance_rate 0 − 15 = −15; B on_time_completion_rate 0 − 20 = −20.
 */

import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { RankingSnapshot } from '@c12315/store';
import { loadGoldenFixture } from '../../test-support/golden-fixture';
import { metadataBackends } from '../../test-support/metadata-backends';
import { type Harness, openHarness, testUser } from '../../test-support/test-harness';
import { Role } from '../common/graphql-types';
import { RankingResolver } from './ranking.resolver';

const RANKING = `query R($month: String!, $level: RegionLevel, $parentCode: String, $asOf: Date, $fresh: Boolean) {
  ranking(month: $month, level: $level, parentCode: $parentCode, asOf: $asOf, fresh: $fresh) {
    month level parentCode asOf unitLevel published publishedAt configVersion
    rows { region { code name level parentCode } rank previousRank score noScore
      values { indicatorId value numerator denominator points }
      movement { indicatorId points previousPoints pointsDelta } }
    redList { regionCodes tieAtCut } blackList { regionCodes tieAtCut }
    totals { indicatorId value numerator denominator }
  }
}`;
const PUBLISH = `mutation P($month: String!, $asOf: Date) {
  publishRanking(month: $month, asOf: $asOf) { month published publishedAt asOf configVersion rows { region { code } rank score } }
}`;

const PUBLISH_UNDER = `mutation P($month: String!, $level: RegionLevel, $parentCode: String, $asOf: Date) {
  publishRanking(month: $month, level: $level, parentCode: $parentCode, asOf: $asOf) { published }
}`;

interface Value {
  indicatorId: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  points: number | null;
}
interface Row {
  region: { code: string; name: string };
  rank: number | null;
  previousRank: number | null;
  score: number | null;
  noScore: boolean;
  values: Value[];
  movement: { indicatorId: string; pointsDelta: number }[];
}
interface RankingData {
  rows: Row[];
  published: boolean;
  publishedAt: string | null;
  configVersion: number;
  unitLevel: string;
  asOf: string;
  redList: { regionCodes: string[]; tieAtCut: boolean };
  blackList: { regionCodes: string[]; tieAtCut: boolean };
  totals: Value[];
}

const ADMIN = testUser(Role.PROVINCE_ADMIN, '140000');
const ASOF = '2026-02-02';
let h: Harness;

async function ranking(vars: Record<string, unknown>, user = ADMIN): Promise<RankingData> {
  const r = await h.run(RANKING, { asOf: ASOF, ...vars }, user);
  if (r.errors) throw r.errors[0];
  return (r.data as { ranking: RankingData }).ranking;
}
const row = (data: RankingData, code: string): Row => {
  const found = data.rows.find((r) => r.region.code === code);
  if (!found) throw new Error(`no row ${code}`);
  return found;
};
const v = (r: Row, id: string) => r.values.find((x) => x.indicatorId === id) as Value;

describe.each(metadataBackends())('on %s metadata', (backend) => {
  beforeAll(async () => {
    h = await openHarness([RankingResolver], 'ranking-', backend);
    await loadGoldenFixture(h.ch);
  });
  afterAll(async () => h.close());

  describe('golden January 2026 city ranking of Shanxi', () => {
    let jan: RankingData;
    beforeAll(async () => {
      jan = await ranking({ month: '2026-01' });
    });

    it('lists every city of the province: scored rows by rank (ties by code), then unscored by code', () => {
      expect(jan.rows.map((r) => [r.region.code, r.rank, r.score])).toEqual([
        ['140100', 1, 75],
        ['140200', 1, 75],
        ['140300', 3, 57.89],
        ...['140400', '140500', '140600', '140700', '140800', '140900', '141000', '141100'].map((c) => [c, null, null]),
      ]);
      expect(row(jan, '140100').region.name).toBe('太原市');
      expect(row(jan, '140400').noScore).toBe(true);
      expect(row(jan, '140300').noScore).toBe(false);
    });

    it('points per indicator, 0/0 → null with its weight redistributed', () => {
      const a = row(jan, '140100');
      expect(v(a, 'timely_dispatch_rate')).toMatchObject({ value: null, numerator: 0, denominator: 0, points: null });
      expect(v(a, 'on_time_acceptance_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 2, points: 0 });
      expect(v(a, 'on_time_completion_rate')).toMatchObject({ value: 100, numerator: 1, denominator: 1, points: 20 });
      expect(v(a, 'complaint_to_case_rate')).toMatchObject({ value: 0, points: 0 });
      expect(v(a, 'received')).toMatchObject({ value: 1, numerator: 1, denominator: null, points: null });
      const b = row(jan, '140200');
      expect(v(b, 'timely_dispatch_rate')).toMatchObject({ value: 100, numerator: 1, denominator: 1, points: 5 });
      expect(v(b, 'on_time_acceptance_rate')).toMatchObject({ value: null, points: null });
      expect(v(b, 'on_time_completion_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 1, points: 0 });
      expect(v(b, 'complaint_to_case_rate')).toMatchObject({ value: 100, points: 5 });
      const c = row(jan, '140300');
      expect(v(c, 'satisfaction_rate')).toMatchObject({ value: 75, numerator: 3, denominator: 4 });
      expect(v(c, 'satisfaction_rate').points).toBeCloseTo(2.5, 10);
      expect(v(c, 'data_completeness_rate')).toMatchObject({ value: 75, numerator: 3, denominator: 4 });
      expect(v(c, 'data_completeness_rate').points).toBeCloseTo(2.5, 10);
      expect(v(c, 'on_time_notification_rate')).toMatchObject({ value: 100, points: 5 });
      expect(v(c, 'mediation_success_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 1, points: 0 });
    });

    it('previousRank from December computed with the same asOf, and the movement explanation', () => {
      expect(jan.rows.slice(0, 4).map((r) => [r.region.code, r.previousRank])).toEqual([
        ['140100', 1],
        ['140200', 2],
        ['140300', null],
        ['140400', null],
      ]);
      expect(row(jan, '140100').movement).toEqual([
        { indicatorId: 'on_time_acceptance_rate', points: 0, previousPoints: 15, pointsDelta: -15 },
      ]);
      expect(row(jan, '140200').movement).toEqual([
        { indicatorId: 'on_time_completion_rate', points: 0, previousPoints: 20, pointsDelta: -20 },
      ]);
      expect(row(jan, '140300').movement).toEqual([]);
    });

    it('red and black lists of the 3 scored units; the totals include the province-level unit P1', () => {
      expect(jan.redList).toEqual({ regionCodes: ['140100', '140200', '140300'], tieAtCut: false });
      expect(jan.blackList).toEqual({ regionCodes: ['140100', '140200', '140300'], tieAtCut: false });
      const total = (id: string) => jan.totals.find((t) => t.indicatorId === id);
      // received: A4, B2, C1, C2, C3, C4, D1, P1 = 8 (A1 was registered on 12-31)
      expect(total('received')).toMatchObject({ value: 8 });
      // mediation: A1 ✓, B1 ✓, C2 ✗, P1 ✓ = 3/4
      expect(total('mediation_success_rate')).toMatchObject({ value: 75, numerator: 3, denominator: 4 });
      // acceptance: A1 ✗, A4 ✗, C2 ✓, P1 ✓ (due 01-14, decided 01-06) = 2/4
      expect(total('on_time_acceptance_rate')).toMatchObject({ value: 50, numerator: 2, denominator: 4 });
      // recovered: A1 100 + B1 200.50
      expect(total('recovered_amount')?.value).toBeCloseTo(300.5, 6);
      expect(jan.configVersion).toBe(1);
      expect(jan.published).toBe(false);
    });

    it('the county ranking of 太原 ranks 小店区 (A1) alone; A4 of the city-level unit stays in the totals only', async () => {
      const counties = await ranking({ month: '2026-01', level: 'COUNTY', parentCode: '140100' });
      expect(counties.unitLevel).toBe('COUNTY');
      expect(counties.rows[0]).toMatchObject({ region: { code: '140105' }, rank: 1, score: 75 });
      // A1 alone: acceptance 0/1 (not 0/2)
      expect(v(counties.rows[0] as Row, 'on_time_acceptance_rate')).toMatchObject({ numerator: 0, denominator: 1 });
      expect(counties.rows.slice(1).every((r) => r.rank === null)).toBe(true);
      expect(counties.totals.find((t) => t.indicatorId === 'overdue_open')?.value).toBe(1);
    });

    it('a 直辖市 city ranking ranks its counties', async () => {
      const beijing = await ranking({ month: '2026-01', parentCode: '110000' }, testUser(Role.PROVINCE_ADMIN, '110000'));
      expect(beijing.unitLevel).toBe('COUNTY');
      const codes = beijing.rows.map((r) => r.region.code);
      expect(codes).toContain('110105');
      expect(codes).not.toContain('110100');
      expect(beijing.rows.every((r) => r.rank === null)).toBe(true);
    });
  });

  describe('December 2025 and publication', () => {
    it('December fresh: A 93.75 rank 1, B 81.25 rank 2', async () => {
      const dec = await ranking({ month: '2025-12' });
      expect(dec.rows.slice(0, 3).map((r) => [r.region.code, r.rank, r.score])).toEqual([
        ['140100', 1, 93.75],
        ['140200', 2, 81.25],
        ['140300', null, null],
      ]);
    });

    it('only a PROVINCE_ADMIN publishes; a CITY_CHIEF is FORBIDDEN', async () => {
      const r = await h.run(PUBLISH, { month: '2025-12', asOf: ASOF }, testUser(Role.CITY_CHIEF, '140100'));
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('a published month is frozen: late corrections change the fresh computation, not the snapshot', async () => {
      const published = await h.run(PUBLISH, { month: '2025-12', asOf: ASOF }, ADMIN);
      expect(published.errors).toBeUndefined();
      // A late correction: A3 was in fact decided on 12-11, after its due date 12-10 → A's December score 60/80 = 75.
      await insertCases(
        h.ch,
        [
          caseRecord({
            caseId: 'A3',
            kind: 'COMPLAINT',
            handlingUnitCode: '140100',
            registeredAt: '2025-12-01 09:00:00',
            decidedAt: '2025-12-11 10:00:00',
            closedAt: '2025-12-19 16:00:00',
            updatedAt: '2026-02-03 09:00:00',
            acceptance: '受理',
            outcome: '调解成功',
            satisfaction: '满意',
            disclosed: true,
            complaintToCase: false,
            objectCategory: '商品-家用电器',
            problemCategory: '质量',
            industryCode: '51',
            respondentName: '某某电器有限公司',
          }),
        ],
        'late',
      );
      const snapshot = await ranking({ month: '2025-12', asOf: '2026-02-10' });
      expect(snapshot.published).toBe(true);
      expect(snapshot.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(snapshot.asOf).toBe(ASOF);
      expect(snapshot.rows.slice(0, 2).map((r) => [r.region.code, r.rank, r.score])).toEqual([
        ['140100', 1, 93.75],
        ['140200', 2, 81.25],
      ]);
      const fresh = await ranking({ month: '2025-12', fresh: true });
      expect(fresh.published).toBe(false);
      expect(fresh.rows.slice(0, 2).map((r) => [r.region.code, r.rank, r.score])).toEqual([
        ['140200', 1, 81.25],
        ['140100', 2, 75],
      ]);
      // January's previousRank now comes from the December snapshot (A 1, B 2), not from the corrected data (A 2, B 1).
      const jan = await ranking({ month: '2026-01' });
      expect(jan.rows.slice(0, 2).map((r) => [r.region.code, r.previousRank])).toEqual([
        ['140100', 1],
        ['140200', 2],
      ]);
      const again = await h.run(PUBLISH, { month: '2025-12', asOf: ASOF }, ADMIN);
      expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('two publications of one month at the same instant', () => {
    it('one publishes, the other is told the month is already published; one snapshot is stored', async () => {
      const req = { month: '2026-01', level: 'COUNTY', parentCode: '140100', asOf: ASOF };
      const results = await Promise.all([h.run(PUBLISH_UNDER, req, ADMIN), h.run(PUBLISH_UNDER, req, ADMIN)]);
      const outcomes = results.map((r) => (r.errors ? r.errors[0]?.extensions?.code : 'published')).sort();
      expect(outcomes).toEqual(['BAD_USER_INPUT', 'published']);
      expect(results.find((r) => r.errors)?.errors?.[0]?.message).toMatch(/^month: .* is already published$/);
      const stored = await h.orm.em.fork().find(RankingSnapshot, { month: '2026-01', level: 'COUNTY', parentCode: '140100' });
      expect(stored).toHaveLength(1);
    });
  });

  describe('scope and arguments', () => {
    it('a city chief sees the ranking of its province, not a county ranking of another city', async () => {
      const chief = testUser(Role.CITY_CHIEF, '140200');
      await expect(ranking({ month: '2026-01' }, chief)).resolves.toMatchObject({ configVersion: 1 });
      const r = await h.run(RANKING, { month: '2026-01', level: 'COUNTY', parentCode: '140100', asOf: ASOF }, chief);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('a bad month or parent is BAD_USER_INPUT naming the argument', async () => {
      const bad = await h.run(RANKING, { month: '2026-13', asOf: ASOF }, ADMIN);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'month' });
      const parent = await h.run(RANKING, { month: '2026-01', parentCode: '140100', asOf: ASOF }, ADMIN);
      expect(parent.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'parentCode' });
    });

    it('a date or month outside the engine Date range is refused, not answered as a different one', async () => {
      // The engine saturates 1900-01-01 to 1970-01-01 and wraps 1970-01-01 − 1 to 2149-06-06: answered, either would
      // count another day than the one asked.
      for (const asOf of ['1900-01-01', '1970-01-01', '2149-06-06', '9999-12-31']) {
        const r = await h.run(RANKING, { month: '2026-01', asOf }, ADMIN);
        expect(r.errors?.[0]?.message).toContain('from 1970-01-02 to 2149-06-05');
        expect(r.data).toBeFalsy();
      }
      for (const month of ['1970-01', '2149-06']) {
        const r = await h.run(RANKING, { month, asOf: ASOF }, ADMIN);
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'month' });
      }
      await expect(ranking({ month: '2026-01', asOf: '1970-01-02' })).resolves.toMatchObject({ asOf: '1970-01-02' });
    });

    it('no user → UNAUTHENTICATED', async () => {
      const r = await h.run(RANKING, { month: '2026-01' }, null);
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
