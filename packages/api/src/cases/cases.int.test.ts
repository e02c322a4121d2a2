/**
 * The case list and the case detail on real chdb + SQLite, through GraphQL execution. Fixture: 太原 140100 with
 * 小店区 140105 (station 140105001) and 迎泽区 140106, 大同 140200. Calendar facts for the due dates (State Council
 * notice for 2026, as in test-support/golden-fixture.ts): 2026-02-14 and 02-28 (Sat) are make-up working days,
 * 02-15 … 02-23 are off; January is plain Monday–Friday after 01-04.
 */
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { contextFor, errorCode, execute, openTestStores, type TestStores, testUser } from '../../test-support/test-stores';
import type { AuthUser } from '../context';
import { OverdueResolver } from '../overdue/overdue.resolver';
import { CasesResolver } from './cases.resolver';
import { prepareCaseList } from './cases.service';
import { caseCountSql, casePageSql } from './cases.sql';
import { CaseSortEnum } from './cases.type';

const K1_BASE = {
  caseId: 'K1',
  kind: 'COMPLAINT',
  registeredAt: '2026-01-05 10:00:00',
  channel: '全国12315平台',
  handlingUnitCode: '140105',
  handlingUnitName: '小店区市场监管局',
  respondentName: '甲超市',
  acceptance: '受理',
  decidedAt: '2026-01-06 09:00:00',
  objectCategory: '商品-食品-乳制品',
  problemCategory: '食品安全',
  industryCode: '52',
} as const;
// The older version (open) is replaced by the newer one (closed, later 更新时间).
const K1_OLD = caseRecord({ ...K1_BASE, status: '处理中', updatedAt: '2026-01-06 10:00:00' });
const K1_NEW = caseRecord({ ...K1_BASE, closedAt: '2026-01-20 15:00:00', outcome: '调解成功', updatedAt: '2026-01-21 09:00:00' });

const FIXTURE = [
  // same registration instant as K1: the sort falls back to the case id
  caseRecord({ caseId: 'K2', kind: 'COMPLAINT', registeredAt: '2026-01-05 10:00:00', handlingUnitCode: '140105001' }),
  caseRecord({ caseId: 'K3', kind: 'REPORT', registeredAt: '2026-01-20 08:00:00', handlingUnitCode: '140100' }),
  // the last evening of January (Shanghai); K5 is 10 minutes into February (still January 31 in UTC)
  caseRecord({ caseId: 'K4', kind: 'CONSULTATION', registeredAt: '2026-01-31 23:30:00', handlingUnitCode: '140106' }),
  caseRecord({ caseId: 'K5', kind: 'COMPLAINT', registeredAt: '2026-02-01 00:10:00', handlingUnitCode: '140105' }),
  caseRecord({ caseId: 'K6', kind: 'COMPLAINT', registeredAt: '2026-01-10 09:00:00', handlingUnitCode: '140200' }),
  caseRecord({ caseId: 'K7', kind: 'COMPLAINT', registeredAt: '2025-12-31 23:59:00', handlingUnitCode: '140105' }),
];

const LIST = `query L($filter: CaseFilter!, $first: Int, $after: String, $sort: CaseSort) {
  cases(filter: $filter, first: $first, after: $after, sort: $sort) {
    totalCount nodes { caseId } pageInfo { hasNextPage endCursor } } }`;
const DETAIL = `query D($caseId: ID!) { case(caseId: $caseId) {
  caseId kind registeredAt channel handlingUnitCode handlingUnitName respondentName status acceptance decidedAt closedAt
  outcome objectCategory problemCategory industryCode foodRelated acceptanceDue closingDue verificationDue
  supervisions { supervisedBy role note deadline } } }`;
const SUPERVISE = `mutation S($caseId: ID!, $note: String!) { superviseCase(caseId: $caseId, note: $note, deadline: "2099-12-31") { id } }`;

const JAN = { from: '2026-01-01', to: '2026-01-31' };
const admin = testUser('PROVINCE_ADMIN', '140000', 1);
const chief = testUser('CITY_CHIEF', '140100', 2);

let stores: TestStores;
let schema: GraphQLSchema;

beforeAll(async () => {
  stores = await openTestStores('cases-');
  await insertCases(stores.ch, [K1_OLD, ...FIXTURE], 'v1');
  await insertCases(stores.ch, [K1_NEW], 'v2');
  schema = await buildSchema({ resolvers: [CasesResolver, OverdueResolver], validate: false });
});
afterAll(async () => {
  await stores?.close();
});

interface ListData {
  cases: { totalCount: number; nodes: { caseId: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const run = (source: string, vars: Record<string, unknown>, user: AuthUser | null = admin) =>
  execute(schema, contextFor(stores, user), source, vars);
async function list(vars: Record<string, unknown>, user = admin): Promise<ListData['cases']> {
  const r = await run(LIST, vars, user);
  if (r.errors) throw r.errors[0];
  return (r.data as unknown as ListData).cases;
}
const ids = (c: ListData['cases']) => c.nodes.map((n) => n.caseId);

describe('cases', () => {
  it('lists the cases registered in the period inside the region, newest first, ties by case id', async () => {
    // 太原 in January: K4 01-31 23:30, K3 01-20, K1 and K2 01-05 10:00 (K1 < K2). Out: K5 (Feb 1 Shanghai), K6
    // (大同), K7 (Dec 31). K1 counts once although two versions were loaded.
    const c = await list({ filter: { ...JAN, regionCode: '140100' } });
    expect(ids(c)).toEqual(['K4', 'K3', 'K1', 'K2']);
    expect(c.totalCount).toBe(4);
    expect(c.pageInfo.hasNextPage).toBe(false);
  });

  it('pages with a stable cursor in each sort order', async () => {
    const p1 = await list({ filter: { ...JAN, regionCode: '140100' }, first: 2 });
    expect([ids(p1), p1.pageInfo.hasNextPage, p1.totalCount]).toEqual([['K4', 'K3'], true, 4]);
    const p2 = await list({ filter: { ...JAN, regionCode: '140100' }, first: 2, after: p1.pageInfo.endCursor });
    expect([ids(p2), p2.pageInfo.hasNextPage]).toEqual([['K1', 'K2'], false]);
    const asc = await list({ filter: { ...JAN, regionCode: '140100' }, first: 3, sort: 'REGISTERED_ASC' });
    expect(ids(asc)).toEqual(['K1', 'K2', 'K3']);
    const ascRest = await list({
      filter: { ...JAN, regionCode: '140100' },
      sort: 'REGISTERED_ASC',
      after: asc.pageInfo.endCursor,
    });
    expect(ids(ascRest)).toEqual(['K4']);
    // unit codes: 140100 (K3) < 140105 (K1) < 140105001 (K2) < 140106 (K4)
    const unit = await list({ filter: { ...JAN, regionCode: '140100' }, first: 1, sort: 'UNIT' });
    expect(ids(unit)).toEqual(['K3']);
    const unitRest = await list({ filter: { ...JAN, regionCode: '140100' }, sort: 'UNIT', after: unit.pageInfo.endCursor });
    expect(ids(unitRest)).toEqual(['K1', 'K2', 'K4']);
  });

  it('applies the CaseFilter: kinds, food-related, county and station regions', async () => {
    expect(ids(await list({ filter: { ...JAN, regionCode: '140100', kinds: ['COMPLAINT'] } }))).toEqual(['K1', 'K2']);
    expect(ids(await list({ filter: { ...JAN, regionCode: '140100', foodRelated: true } }))).toEqual(['K1']);
    expect(ids(await list({ filter: { ...JAN, regionCode: '140105' } }))).toEqual(['K1', 'K2']);
    expect(ids(await list({ filter: { ...JAN, regionCode: '140105001' } }))).toEqual(['K2']);
    expect(ids(await list({ filter: { from: '2026-02-01', to: '2026-02-28', regionCode: '140105' } }))).toEqual(['K5']);
  });

  it("defaults to the user's region and refuses regions outside it", async () => {
    expect(ids(await list({ filter: JAN }, chief))).toEqual(['K4', 'K3', 'K1', 'K2']);
    expect(errorCode(await run(LIST, { filter: { ...JAN, regionCode: '140200' } }, chief))).toBe('FORBIDDEN');
    // case-level data: a city chief does not list the province, although it sees the province's aggregates
    expect(errorCode(await run(LIST, { filter: { ...JAN, regionCode: '140000' } }, chief))).toBe('FORBIDDEN');
    expect(errorCode(await run(LIST, { filter: JAN }, null))).toBe('UNAUTHENTICATED');
  });

  it('names the bad argument', async () => {
    const arg = async (vars: Record<string, unknown>) => (await run(LIST, vars)).errors?.[0]?.extensions;
    expect(await arg({ filter: JAN, first: 501 })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(await arg({ filter: JAN, after: 'nonsense' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const other = await list({ filter: { ...JAN, regionCode: '140100' }, first: 1, sort: 'UNIT' });
    expect(await arg({ filter: JAN, after: other.pageInfo.endCursor })).toMatchObject({ argument: 'after' });
    expect(await arg({ filter: { from: '2026-02-01', to: '2026-01-01' } })).toMatchObject({ argument: 'filter.from' });
    expect(await arg({ filter: { ...JAN, regionCode: '12' } })).toMatchObject({ argument: 'filter.regionCode' });
  });

  it('keeps its place when a case arrives between two pages (keyset, not offset)', async () => {
    const p1 = await list({ filter: { ...JAN, regionCode: '140100' }, first: 2 });
    // K0 sorts between K4 and K3, on the page already read; an offset would repeat K3 on page 2.
    await insertCases(stores.ch, [
      caseRecord({ caseId: 'K0', kind: 'COMPLAINT', registeredAt: '2026-01-25 08:00:00', handlingUnitCode: '140106' }),
    ]);
    const p2 = await list({ filter: { ...JAN, regionCode: '140100' }, first: 2, after: p1.pageInfo.endCursor });
    expect([ids(p1), ids(p2), p2.totalCount]).toEqual([['K4', 'K3'], ['K1', 'K2'], 5]);
  });
});

describe('case', () => {
  it('returns the current version with its due dates', async () => {
    const r = await run(DETAIL, { caseId: 'K1' }, chief);
    expect(r.errors).toBeUndefined();
    // acceptance due = addWorkdays(01-05, 7): 6 7 8 9 12 13 14 → 01-14.
    // closing due = addWorkdays(decided 01-06, 45): 7–9 (3), 12–16 (8), 19–23 (13), 26–30 (18), 02-02–06 (23),
    // 09–13 (28), 02-14 make-up Sat (29), 24–27 (33), 02-28 make-up Sat (34), 03-02–06 (39), 09–13 (44), 03-16 (45).
    expect((r.data as { case: unknown }).case).toEqual({
      caseId: 'K1',
      kind: 'COMPLAINT',
      registeredAt: '2026-01-05 10:00:00',
      channel: '全国12315平台',
      handlingUnitCode: '140105',
      handlingUnitName: '小店区市场监管局',
      respondentName: '甲超市',
      status: '已办结',
      acceptance: '受理',
      decidedAt: '2026-01-06 09:00:00',
      closedAt: '2026-01-20 15:00:00',
      outcome: '调解成功',
      objectCategory: '商品-食品-乳制品',
      problemCategory: '食品安全',
      industryCode: '52',
      foodRelated: true,
      acceptanceDue: '2026-01-14',
      closingDue: '2026-03-16',
      verificationDue: null,
      supervisions: [],
    });
  });

  it('a report has a verification due date only: addWorkdays(01-20, 15) = 21–23, 26–30, 02-02–06, 09, 10 → 02-10', async () => {
    const r = await run(DETAIL, { caseId: 'K3' });
    expect((r.data as { case: unknown }).case).toMatchObject({
      kind: 'REPORT',
      acceptanceDue: null,
      closingDue: null,
      verificationDue: '2026-02-10',
      decidedAt: null,
      closedAt: null,
      foodRelated: false,
      status: '处理中',
    });
  });

  it('shows the 督办 history, oldest first, batched for a list', async () => {
    expect((await run(SUPERVISE, { caseId: 'K1', note: '请尽快回复' }, chief)).errors).toBeUndefined();
    expect((await run(SUPERVISE, { caseId: 'K1', note: '第二次督办' }, admin)).errors).toBeUndefined();
    const r = await run(DETAIL, { caseId: 'K1' }, chief);
    expect((r.data as { case: { supervisions: unknown[] } }).case.supervisions).toEqual([
      { supervisedBy: 'city_chief-140100', role: 'CITY_CHIEF', note: '请尽快回复', deadline: '2099-12-31' },
      { supervisedBy: 'province_admin-140000', role: 'PROVINCE_ADMIN', note: '第二次督办', deadline: '2099-12-31' },
    ]);
    const ctx = contextFor(stores, chief);
    const find = jest.spyOn(ctx.em, 'find');
    const listed = await execute(
      schema,
      ctx,
      `query { cases(filter: { from: "2026-01-01", to: "2026-01-31" }) { nodes { caseId supervisions { note } } } }`,
    );
    const nodes = (listed.data as { cases: { nodes: { caseId: string; supervisions: { note: string }[] }[] } }).cases.nodes;
    expect(nodes.find((n) => n.caseId === 'K1')?.supervisions.map((s) => s.note)).toEqual(['请尽快回复', '第二次督办']);
    expect(nodes.find((n) => n.caseId === 'K2')?.supervisions).toEqual([]);
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('FORBIDDEN outside the region, NOT_FOUND when absent, BAD_USER_INPUT for an empty id', async () => {
    expect(errorCode(await run(DETAIL, { caseId: 'K6' }, chief))).toBe('FORBIDDEN');
    // a county supervisor does not see a case of the city-level unit
    expect(errorCode(await run(DETAIL, { caseId: 'K3' }, testUser('SUPERVISOR', '140105')))).toBe('FORBIDDEN');
    expect(errorCode(await run(DETAIL, { caseId: 'K2' }, testUser('SUPERVISOR', '140105')))).toBeUndefined();
    expect(errorCode(await run(DETAIL, { caseId: 'NOPE' }, chief))).toBe('NOT_FOUND');
    expect((await run(DETAIL, { caseId: '' })).errors?.[0]?.extensions).toMatchObject({ argument: 'caseId' });
    expect(errorCode(await run(DETAIL, { caseId: 'K1' }, null))).toBe('UNAUTHENTICATED');
  });
});

describe('EXPLAIN', () => {
  const regions = ['140000', '140100', '140105', '140105001'];
  it.each(regions.flatMap((r) => Object.values(CaseSortEnum).map((sort) => [r, sort] as const)))(
    'the page (%s, %s) and its count plan on the sorting key, reading cases FINAL',
    async (regionCode, sort) => {
      const q = prepareCaseList(admin, { filter: { ...JAN, regionCode, kinds: null }, sort, first: 10 });
      for (const [sql, params] of [
        [casePageSql(q.sort, q.where), { ...q.params, ...q.cursor, limit: 11 }],
        [caseCountSql(q.where), q.params],
      ] as const) {
        expect(sql).toContain('FROM cases FINAL');
        const result = await stores.ch.query({
          query: `EXPLAIN indexes = 1 ${sql}`,
          query_params: params,
          format: 'JSONEachRow',
        });
        const plan = (await result.json<{ explain: string }>()).map((r) => r.explain).join('\n');
        expect(plan).toMatch(/PrimaryKey[\s\S]*Condition: .*province_code/);
      }
    },
  );
});
