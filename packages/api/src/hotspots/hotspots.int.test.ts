/**
 * Golden fixture for the food-safety tables (indicators.md §6), real chdb, through GraphQL execution. Month M =
 * 2026-01, so M−1 = 2025-12 and the baseline months are 2025-10..12 (a December→January boundary). Every expected
 * count is tallied by hand from the fixture below.
 */

import { type CaseRecord, usccCheckChar } from '@c12315/domain';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { contextFor, errorCode, execute, openTestStores, type TestStores, testUser } from '../../test-support/test-stores';
import { HotspotsResolver } from './hotspots.resolver';
import { type HotspotGrouping, hotspotSql } from './hotspots.sql';
import { operatorStatements } from './operators.sql';

const USCC_A = `91330102MA2B3C4D5`.concat(usccCheckChar('91330102MA2B3C4D5'));

let seq = 0;
function food(date: string, unit: string, fields: Partial<CaseRecord> = {}): CaseRecord {
  seq += 1;
  return caseRecord({
    caseId: `F${String(seq).padStart(3, '0')}`,
    kind: 'COMPLAINT',
    registeredAt: `${date} 10:00:00`,
    handlingUnitCode: unit,
    problemCategory: '食品安全',
    ...fields,
  });
}
const times = (n: number, make: (i: number) => CaseRecord) => Array.from({ length: n }, (_, i) => make(i));
const day = (month: string, i: number) => `${month}-${String(5 + i).padStart(2, '0')}`;

const A = { respondentUscc: USCC_A, respondentName: '甲食品有限公司', industryCode: '6210' };
const HOTSPOTS: CaseRecord[] = [
  // M: 甲 (USCC) 5 — prior 2 + 2 + 1 = 5 → count 5 = 3 × baseline (5/3): spike
  ...times(5, (i) => food(day('2026-01', i), '330102', A)),
  ...times(2, (i) => food(day('2025-10', i), '330102', A)),
  ...times(2, (i) => food(day('2025-11', i), '330102', A)),
  food('2025-12-05', '330102', { ...A, kind: 'REPORT' }),
  // not counted: not food-related, a consultation, another city
  food('2026-01-20', '330102', { ...A, problemCategory: '质量' }),
  food('2026-01-20', '330102', { ...A, kind: 'CONSULTATION' }),
  ...times(2, (i) => food(day('2026-01', i), '330203', A)),
  // 乙 5 — prior 2 + 2 + 2 = 6 → no spike
  ...times(5, (i) => food(day('2026-01', i), '330106', { respondentName: '乙餐饮店', industryCode: '52' })),
  ...['2025-10', '2025-11', '2025-12'].flatMap((m) =>
    times(2, (i) => food(day(m, i), '330106', { respondentName: '乙餐饮店', industryCode: '52' })),
  ),
  // 丁 5 — prior 2 → spike; section-only industry H: left out of the industry table
  ...times(5, (i) => food(day('2026-01', i), '330102', { respondentName: '丁小吃店', industryCode: 'H' })),
  ...times(2, (i) => food(day('2025-12', i), '330102', { respondentName: '丁小吃店', industryCode: 'H' })),
  // 戊 4 — below 5: no spike; a city-level unit: left out of the county table; Sep and Feb outside the window
  ...times(4, (i) => food(day('2026-01', i), '330100', { respondentName: '戊超市', industryCode: '14' })),
  ...times(3, (i) => food(day('2025-09', i), '330100', { respondentName: '戊超市', industryCode: '14' })),
  food('2026-02-02', '330100', { respondentName: '戊超市', industryCode: '14' }),
  // full-width letters and ideographic spaces fold to one key "ABC便利店" (3)
  food('2026-01-10', '330106', {
    respondentName: 'ＡＢＣ便利店',
    industryCode: '62',
    objectCategory: '商品-食品-乳制品',
    problemCategory: '质量',
  }),
  food('2026-01-11', '330106', { respondentName: 'ABC便利店　', industryCode: '62', kind: 'REPORT' }),
  food('2026-01-12', '330106', { respondentName: '　ＡＢＣ便利店', industryCode: '62' }),
  // 有限公司 and 有限责任公司 stay two operators
  food('2026-01-13', '330106', { respondentName: '丙食品有限公司' }),
  food('2026-01-14', '330106', { respondentName: '丙食品有限责任公司' }),
  // no operator at all: left out of operators, counted by industry (14) and county (330102)
  food('2026-01-15', '330102', { industryCode: '14' }),
];

const OPS = `query($month: String!, $regionCode: String, $top: Int) {
  foodSafetyHotspots(month: $month, regionCode: $regionCode, top: $top) {
    month regionCode
    operators { operatorKey operatorName uscc count previousCount baseline spike }
    industries { keys { dimension code label } values { indicatorId value } }
    counties { keys { dimension code label } values { indicatorId value } }
  }
}`;

interface Hotspots {
  operators: {
    operatorKey: string;
    operatorName: string;
    uscc: string | null;
    count: number;
    previousCount: number;
    baseline: number;
    spike: boolean;
  }[];
  industries: { keys: { dimension: string; code: string; label: string }[]; values: { indicatorId: string; value: number }[] }[];
  counties: Hotspots['industries'];
}

let stores: TestStores;
let schema: GraphQLSchema;
const chief = testUser('CITY_CHIEF', '330100');

async function run<T>(source: string, vars: Record<string, unknown>, user = chief): Promise<T> {
  const r = await execute(schema, contextFor(stores, user), source, vars);
  if (r.errors) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.data as T;
}
const flat = (row: Hotspots['industries'][number]) => [
  row.keys[0]!.code,
  row.keys[0]!.label,
  ...row.values.map((v) => `${v.indicatorId}=${Math.round(v.value * 1000) / 1000}`),
];

// Red/black and disclosure fixtures: accepted complaints closed in November 2025.
function closedComplaint(name: string, outcome: string, extra: Partial<CaseRecord> = {}): CaseRecord {
  return food('2025-10-20', '330106', {
    respondentName: name,
    problemCategory: '质量',
    acceptance: '受理',
    decidedAt: '2025-10-21 10:00:00',
    closedAt: '2025-11-10 10:00:00',
    status: '已办结',
    outcome,
    ...extra,
  });
}
const S = '调解成功';
const T = '终止调解-拒绝调解';
const ODR = 'ODR先行和解';
const outcomes = (name: string, list: string[], extra: Partial<CaseRecord> = {}) =>
  list.map((o) => closedComplaint(name, o, extra));
const RED_BLACK: CaseRecord[] = [
  ...outcomes('R1店', [S, S, S, S, S, T]), // 5/6
  ...outcomes('R2店', [S, S, S, S, T]), // 4/5
  ...outcomes('R3店', [S, S, S, S, S, S, S, S, T, T]), // 8/10 = 4/5, more cases than R2
  ...outcomes('R4店', [S, S, S, S, T]), // 4/5, same cases as R2 → key order
  ...outcomes('R5店', [S, T, T, T, T]), // 1/5
  ...outcomes('R6店', [S, S, T, T, T]), // 2/5
  ...outcomes('R7店', [S, S, T, T, T, ODR]), // 2/5, 6 cases
  ...outcomes('R8店', [ODR, ODR, ODR, ODR, ODR]), // null rate: not ranked
  ...outcomes('R9店', [S, S, S, S]), // 4 cases: below 5
  ...outcomes('R10店', [S, S, S, S]),
  closedComplaint('R10店', T, { closedAt: '2025-12-01 10:00:00' }), // closed outside the period: R10 has 4
  closedComplaint('R1店', S, { acceptance: '不予受理', outcome: '不予受理' }), // not accepted: not counted
  ...outcomes('R5店', [S, S, S, S, S], { handlingUnitCode: '330203' }), // another city
];
const DISCLOSURE: CaseRecord[] = [
  ...outcomes('D1店', [S, S], {
    disclosed: true,
    registeredAt: '2025-11-03 09:00:00',
    decidedAt: '2025-11-04 09:00:00',
    closedAt: '2025-11-20 10:00:00',
  }),
  closedComplaint('D1店', '不予受理', {
    disclosed: true,
    acceptance: '不予受理',
    registeredAt: '2025-11-03 09:00:00',
    closedAt: '2025-11-20 10:00:00',
  }),
  closedComplaint('D1店', S, { disclosed: true }),
  food('2025-11-25', '330106', { respondentName: 'D1店', problemCategory: '质量', disclosed: true }),
  ...outcomes('D2店', [S, T, ODR], { disclosed: true }),
  ...outcomes('D3店', [ODR, ODR, ODR], { disclosed: true }),
  ...outcomes('D4店', [S, S], { disclosed: false }),
  food('2025-11-25', '330106', { respondentName: 'D5店', problemCategory: '质量', disclosed: true }),
];

beforeAll(async () => {
  stores = await openTestStores('hotspots-');
  await insertCases(stores.ch, [...HOTSPOTS, ...RED_BLACK, ...DISCLOSURE]);
  schema = await buildSchema({ resolvers: [HotspotsResolver], validate: false });
});
afterAll(async () => {
  await stores?.close();
});

describe('foodSafetyHotspots 2026-01, 杭州市', () => {
  it('operators: counts, previous month, baseline, exact spike at the boundary, folded names', async () => {
    const { foodSafetyHotspots: h } = await run<{ foodSafetyHotspots: Hotspots }>(OPS, {
      month: '2026-01',
      regionCode: '330100',
    });
    expect(
      h.operators.map((o) => [o.operatorKey, o.count, o.previousCount, Math.round(o.baseline * 1000) / 1000, o.spike]),
    ).toEqual([
      [USCC_A, 5, 1, 1.667, true],
      ['丁小吃店', 5, 2, 0.667, true],
      ['乙餐饮店', 5, 2, 2, false],
      ['戊超市', 4, 0, 0, false],
      ['ABC便利店', 3, 0, 0, false],
      ['丙食品有限公司', 1, 0, 0, false],
      ['丙食品有限责任公司', 1, 0, 0, false],
    ]);
    expect(h.operators[0]).toMatchObject({ operatorName: '甲食品有限公司', uscc: USCC_A });
    expect(h.operators[4]).toMatchObject({ operatorName: 'ABC便利店', uscc: null });
  });

  it('industries (2-digit divisions, section-only left out) and counties (city-level unit left out)', async () => {
    const { foodSafetyHotspots: h } = await run<{ foodSafetyHotspots: Hotspots }>(OPS, { month: '2026-01' });
    // 62: 甲 5 + ABC 3 = 8, Dec 1, prior 5 | 14: 戊 4 + no operator 1 = 5, prior 0 | 52: 乙 5, Dec 2, prior 6
    expect(h.industries.map(flat)).toEqual([
      ['62', '餐饮业', 'count=8', 'previous_count=1', 'baseline=1.667', 'spike=1'],
      ['14', '食品制造业', 'count=5', 'previous_count=0', 'baseline=0', 'spike=1'],
      ['52', '零售业', 'count=5', 'previous_count=2', 'baseline=2', 'spike=0'],
    ]);
    expect(h.industries[0]!.keys[0]!.dimension).toBe('INDUSTRY');
    // 330102: 甲 5 + 丁 5 + 1 = 11; Dec 甲 1 + 丁 2 = 3; prior 5 + 2 = 7 | 330106: 乙 5 + ABC 3 + 丙 2 = 10; Dec 2; prior 6
    expect(h.counties.map(flat)).toEqual([
      ['330102', '上城区', 'count=11', 'previous_count=3', 'baseline=2.333', 'spike=1'],
      ['330106', '西湖区', 'count=10', 'previous_count=2', 'baseline=2', 'spike=1'],
    ]);
    expect(h.counties[0]!.keys[0]!.dimension).toBe('COUNTY');
  });

  it('top cuts every table; a county user sees its county only', async () => {
    const { foodSafetyHotspots: h } = await run<{ foodSafetyHotspots: Hotspots }>(OPS, { month: '2026-01', top: 2 });
    expect(h.operators.map((o) => o.operatorKey)).toEqual([USCC_A, '丁小吃店']);
    expect(h.industries).toHaveLength(2);
    const county = await run<{ foodSafetyHotspots: Hotspots }>(OPS, { month: '2026-01' }, testUser('FOOD_SAFETY', '330106'));
    expect(county.foodSafetyHotspots.operators.map((o) => [o.operatorKey, o.count])).toEqual([
      ['乙餐饮店', 5],
      ['ABC便利店', 3],
      ['丙食品有限公司', 1],
      ['丙食品有限责任公司', 1],
    ]);
  });

  it('refuses top above 100, a bad month, another city and anonymous calls', async () => {
    const ctx = () => contextFor(stores, chief);
    const top = await execute(schema, ctx(), OPS, { month: '2026-01', top: 101 });
    expect(top.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'top' });
    const month = await execute(schema, ctx(), OPS, { month: '2026-1' });
    expect(month.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'month' });
    expect(errorCode(await execute(schema, ctx(), OPS, { month: '2026-01', regionCode: '330200' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(schema, ctx(), OPS, { month: '2026-01', regionCode: '330000' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(schema, contextFor(stores, null), OPS, { month: '2026-01' }))).toBe('UNAUTHENTICATED');
  });
});

const RED_BLACK_QUERY = `query($asOf: Date) { operatorRedBlackList(from: "2025-11-01", to: "2025-11-30", asOf: $asOf) {
  red { rank operatorKey acceptedComplaints mediationSuccessRate { value numerator denominator } }
  black { rank operatorKey acceptedComplaints mediationSuccessRate { value numerator denominator } } } }`;
type Rating = {
  rank: number;
  operatorKey: string;
  acceptedComplaints: number;
  mediationSuccessRate: { numerator: number; denominator: number };
};

describe('operatorRedBlackList November 2025', () => {
  it('red = top 3 by rate (ties: more cases, then key), black = bottom 3; null rates and < 5 cases not ranked', async () => {
    const { operatorRedBlackList: l } = await run<{ operatorRedBlackList: { red: Rating[]; black: Rating[] } }>(RED_BLACK_QUERY, {
      asOf: '2025-12-15',
    });
    const brief = (r: Rating) =>
      `${r.rank}:${r.operatorKey}:${r.acceptedComplaints}:${r.mediationSuccessRate.numerator}/${r.mediationSuccessRate.denominator}`;
    expect(l.red.map(brief)).toEqual(['1:R1店:6:5/6', '2:R3店:10:8/10', '3:R2店:5:4/5']);
    expect(l.black.map(brief)).toEqual(['1:R5店:5:1/5', '2:R7店:6:2/5', '3:R6店:5:2/5']);
  });

  it('closings on or after asOf are not in the cohort', async () => {
    const { operatorRedBlackList: l } = await run<{ operatorRedBlackList: { red: Rating[]; black: Rating[] } }>(RED_BLACK_QUERY, {
      asOf: '2025-11-10',
    });
    expect([l.red, l.black]).toEqual([[], []]);
  });
});

describe('complaintDisclosure November 2025', () => {
  const Q = `query($first: Int, $after: String) { complaintDisclosure(from: "2025-11-01", to: "2025-11-30", asOf: "2025-12-15", first: $first, after: $after) {
    totalCount nodes { operatorKey complaints closed mediationSuccessRate { value numerator denominator } } pageInfo { hasNextPage endCursor } } }`;
  type Conn = {
    totalCount: number;
    nodes: {
      operatorKey: string;
      complaints: number;
      closed: number;
      mediationSuccessRate: { value: number | null; numerator: number; denominator: number };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
  it('lists operators with disclosed complaints closed in the period, most closed first, in stable pages', async () => {
    const p1 = (await run<{ complaintDisclosure: Conn }>(Q, { first: 2 })).complaintDisclosure;
    const p2 = (await run<{ complaintDisclosure: Conn }>(Q, { first: 2, after: p1.pageInfo.endCursor })).complaintDisclosure;
    expect(p1.totalCount).toBe(3);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const rows = [...p1.nodes, ...p2.nodes].map((n) => [
      n.operatorKey,
      n.complaints,
      n.closed,
      n.mediationSuccessRate.numerator,
      n.mediationSuccessRate.denominator,
      n.mediationSuccessRate.value,
    ]);
    // D1: registered in Nov 3 + 1 open = 4, closed 4 (one rejected: outside the rate), rate 3/3
    // D2: registered in Oct, closed 3, rate 1/2 (ODR outside) | D3: all ODR → null rate
    expect(rows).toEqual([
      ['D1店', 4, 4, 3, 3, 100],
      ['D2店', 0, 3, 1, 2, 50],
      ['D3店', 0, 3, 0, 0, null],
    ]);
  });
});

describe('EXPLAIN', () => {
  it('every food-safety statement plans on the engine', async () => {
    const regions = ['330000', '330100', '330102', '330102001'];
    const statements = [
      ...regions.flatMap((code) =>
        (['OPERATOR', 'INDUSTRY', 'COUNTY'] as HotspotGrouping[]).flatMap((g) =>
          (['facts', 'cases'] as const).map((source) => ({
            name: `${g} ${code} ${source}`,
            sql: hotspotSql(g, code, source),
          })),
        ),
      ),
      ...operatorStatements(regions),
    ];
    const params = {
      regionProvince: '330000',
      regionCity: '330100',
      regionCounty: '330102',
      regionStation: '330102001',
      monthFrom: '2026-01-01',
      monthTo: '2026-01-31',
      previousFrom: '2025-12-01',
      baselineFrom: '2025-10-01',
      top: 10,
      from: '2025-11-01',
      to: '2025-11-30',
      asOf: '2025-12-15',
      terminatedOutcomes: [T],
      minCases: 5,
      hasCursor: 0,
      cClosed: 0,
      cKey: '',
      limit: 10,
    };
    expect(statements).toHaveLength(48); // 4 regions × (3 hotspot tables + 3 operator statements) × 2 read sources
    for (const s of statements) {
      const r = await stores.ch.query({ query: `EXPLAIN ${s.sql}`, query_params: params, format: 'TabSeparated' });
      expect([s.name, (await r.text()).length > 0]).toEqual([s.name, true]);
    }
  });
});
