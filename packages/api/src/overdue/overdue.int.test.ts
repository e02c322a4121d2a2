/**
 * Golden fixture for the overdue list (indicators.md §3), on real chdb + SQLite, through GraphQL execution.
 * Calendar facts used (State Council notice for 2025): National Day 2025-10-01…08 off, make-up working days
 * Sunday 2025-09-28 and Saturday 2025-10-11. Working days from 2025-09-22: 22 23 24 25 26 28 29 30 | 10-09 10 11 13 14.
 * Every due date and overdue count below is worked out by hand from that list (comments show the counting).
 */

import type { CaseRecord } from '@c12315/domain';
import { workdaysBetween } from '@c12315/domain';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { workdayOrdinalParams } from '@c12315/store';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { contextFor, errorCode, execute, openTestStores, type TestStores, testUser } from '../../test-support/test-stores';
import { OverdueResolver } from './overdue.resolver';
import { fetchOverduePage, pageFromProfile, prepareOverdueQuery, readOverduePageProfile } from './overdue.service';
import { overdueStatements } from './overdue.sql';

const complaint = (caseId: string, registeredAt: string, handlingUnitCode: string, extra: Partial<CaseRecord> = {}) =>
  caseRecord({ caseId, kind: 'COMPLAINT', registeredAt, handlingUnitCode, ...extra });

// Hangzhou (330100) and its units; Ningbo (330200) and the province unit (330000) lie outside the city.
const FIXTURE: CaseRecord[] = [
  // acceptance due = addWorkdays(09-19, 7) = 09-29 (22 23 24 25 26 28 29); overdue (09-29, 10-13] = 30, 9, 10, 11, 13 = 5
  complaint('C01', '2025-09-19 10:00:00', '330102', {
    problemCategory: '食品安全',
    objectCategory: '商品-食品-乳制品',
    respondentName: '甲超市',
  }),
  // due = addWorkdays(09-26, 7) = 10-13 (28 29 30 9 10 11 13): due on asOf → not overdue; as of 10-14 overdue by 1
  complaint('C02', '2025-09-26 09:00:00', '330106'),
  // due = addWorkdays(09-24, 7) = 10-10 (25 26 28 29 30 9 10); overdue (10-10, 10-13] = 11 (make-up Saturday), 13 = 2
  complaint('C03', '2025-09-24 11:00:00', '330102001', { objectCategory: '商品-食品添加剂' }),
  // closed 10-10 without a decision: completes acceptance on closing → none as of 10-13; as of 10-10 overdue 3 (30, 9, 10)
  complaint('C04', '2025-09-19 10:00:00', '330102', { closedAt: '2025-10-10 15:00:00', status: '已办结' }),
  // not accepted, decided late on 10-09 → late, not overdue as of 10-13; as of 10-09 (decision not yet) overdue 2 (30, 9)
  complaint('C05', '2025-09-19 10:00:00', '330102', { acceptance: '不予受理', decidedAt: '2025-10-09 09:00:00' }),
  // accepted 07-01; closing due = addWorkdays(07-01, 45): 22 left in July + 21 in August = 43 → 09-01, 09-02 = 09-02.
  // overdue (09-02, 10-13] = 3+5+5+5 (Sep 3–26) + 28 + 29 30 + 9 10 + 11 + 13 = 25
  complaint('C06', '2025-06-25 10:00:00', '330100', { acceptance: '受理', decidedAt: '2025-07-01 10:00:00' }),
  // report: verification due = addWorkdays(09-01, 15) = 09-22; overdue (09-22, 10-13] = 23–26 (4) + 28 29 30 + 9 10 11 13 = 11
  caseRecord({ caseId: 'C07', kind: 'REPORT', registeredAt: '2025-09-01 08:30:00', handlingUnitCode: '330102' }),
  // report with a (late) filing decision before asOf → no current stage
  caseRecord({
    caseId: 'C08',
    kind: 'REPORT',
    registeredAt: '2025-09-01 08:30:00',
    handlingUnitCode: '330102',
    filingDecidedAt: '2025-10-09 10:00:00',
  }),
  // consultations have no due date
  caseRecord({ caseId: 'C09', kind: 'CONSULTATION', registeredAt: '2025-06-01 08:30:00', handlingUnitCode: '330102' }),
  complaint('C10', '2025-09-19 10:00:00', '330203'),
  complaint('C11', '2025-09-19 10:00:00', '330000'),
  // as C06 but closed on asOf itself: closing dated D has not happened as of D → still overdue 25; none as of 10-14
  complaint('C12', '2025-06-25 10:00:00', '330106', {
    acceptance: '受理',
    decidedAt: '2025-07-01 10:00:00',
    closedAt: '2025-10-13 10:00:00',
    status: '已办结',
  }),
  // accepted on asOf itself: as of 10-13 no decision yet → ACCEPTANCE, due 09-29, overdue 5
  complaint('C13', '2025-09-19 10:00:00', '330106', { acceptance: '受理', decidedAt: '2025-10-13 09:00:00' }),
];

// A pagination set in Ningbo's 海曙区 (330203) and 江北区 (330205): many ties, across the 2025 Spring Festival.
const PAGING: CaseRecord[] = Array.from({ length: 30 }, (_, i) => {
  const day = 10 + Math.floor(i / 3) * 3; // three cases per registration day → ties on due date and overdue days
  const date = new Date(Date.UTC(2024, 11, day)).toISOString().slice(0, 10);
  const unit = i % 2 === 0 ? '330203' : '330205';
  return complaint(`P${String(30 - i).padStart(2, '0')}`, `${date} 09:00:00`, unit);
});

const QUERY = `query($asOf: Date, $regionCode: String, $kinds: [CaseKind!], $first: Int, $after: String, $sort: OverdueSort,
  $stages: [OverdueStage!], $problemCategories: [String!], $objectCategories: [String!], $unitCodes: [String!]) {
  overdueCases(asOf: $asOf, regionCode: $regionCode, kinds: $kinds, first: $first, after: $after, sort: $sort, stages: $stages,
    problemCategories: $problemCategories, objectCategories: $objectCategories, unitCodes: $unitCodes) {
    totalCount
    nodes { caseId kind registeredAt handlingUnitCode stage dueDate overdueWorkdays }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Node {
  caseId: string;
  kind: string;
  registeredAt: string;
  handlingUnitCode: string;
  stage: string;
  dueDate: string;
  overdueWorkdays: number;
}
interface Connection {
  totalCount: number;
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

let stores: TestStores;
let schema: GraphQLSchema;
const cityChief = testUser('CITY_CHIEF', '330100');
const provinceAdmin = testUser('PROVINCE_ADMIN', '330000');

async function overdue(vars: Record<string, unknown>, user = cityChief): Promise<Connection> {
  const result = await execute(schema, contextFor(stores, user), QUERY, vars);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('; '));
  return (result.data as { overdueCases: Connection }).overdueCases;
}
const brief = (c: Connection) => c.nodes.map((n) => `${n.caseId}:${n.stage}:${n.dueDate}:${n.overdueWorkdays}`);

beforeAll(async () => {
  stores = await openTestStores('overdue-');
  await insertCases(stores.ch, [...FIXTURE, ...PAGING]);
  schema = await buildSchema({ resolvers: [OverdueResolver], validate: false });
});
afterAll(async () => {
  await stores?.close();
});

describe('overdueCases as of 2025-10-13 (golden fixture)', () => {
  it('lists the city’s overdue cases, most overdue first, with stage, due date and working days', async () => {
    const c = await overdue({ asOf: '2025-10-13', regionCode: '330100' });
    expect(brief(c)).toEqual([
      'C06:CLOSING:2025-09-02:25',
      'C12:CLOSING:2025-09-02:25',
      'C07:VERIFICATION:2025-09-22:11',
      'C01:ACCEPTANCE:2025-09-29:5',
      'C13:ACCEPTANCE:2025-09-29:5',
      'C03:ACCEPTANCE:2025-10-10:2',
    ]);
    expect(c.totalCount).toBe(6);
    expect(c.pageInfo.hasNextPage).toBe(false);
    expect(c.nodes[0]).toMatchObject({ kind: 'COMPLAINT', registeredAt: '2025-06-25 10:00:00', handlingUnitCode: '330100' });
  });

  it('the province sees its province-level unit and every city; a city leaves them out', async () => {
    const c = await overdue({ asOf: '2025-10-13', regionCode: '330000', first: 500 }, provinceAdmin);
    const ids = c.nodes.map((n) => n.caseId).filter((id) => id.startsWith('C'));
    expect(ids).toEqual(['C06', 'C12', 'C07', 'C01', 'C10', 'C11', 'C13', 'C03']);
  });

  it('the day after: the case due on 10-13 is overdue by 1, the case closed on 10-13 and the one decided on 10-13 are not', async () => {
    const c = await overdue({ asOf: '2025-10-14', regionCode: '330100' });
    // 10-14: C06 26, C07 12, C01 6, C03 3, C02 1 (due 10-13, (10-13, 10-14] = 1)
    expect(brief(c)).toEqual([
      'C06:CLOSING:2025-09-02:26',
      'C07:VERIFICATION:2025-09-22:12',
      'C01:ACCEPTANCE:2025-09-29:6',
      'C03:ACCEPTANCE:2025-10-10:3',
      'C02:ACCEPTANCE:2025-10-13:1',
    ]);
  });

  it('a complaint closed without a decision is overdue until its closing date; a late rejection until its decision', async () => {
    const on1010 = await overdue({ asOf: '2025-10-10', regionCode: '330102', kinds: ['COMPLAINT'] });
    expect(brief(on1010)).toContain('C04:ACCEPTANCE:2025-09-29:3');
    // C05's rejection (10-09) came before 10-10: no current stage any more
    expect(on1010.nodes.map((n) => n.caseId)).not.toContain('C05');
    const on1009 = await overdue({ asOf: '2025-10-09', regionCode: '330102', kinds: ['COMPLAINT'] });
    expect(brief(on1009)).toContain('C05:ACCEPTANCE:2025-09-29:2');
    const on1013 = await overdue({ asOf: '2025-10-13', regionCode: '330102' });
    expect(on1013.nodes.map((n) => n.caseId)).toEqual(['C07', 'C01', 'C03']);
  });

  it('filters by stage, kind, unit, problem category and object category prefix (whole segments)', async () => {
    const base = { asOf: '2025-10-13', regionCode: '330100' };
    expect((await overdue({ ...base, stages: ['CLOSING'] })).nodes.map((n) => n.caseId)).toEqual(['C06', 'C12']);
    expect((await overdue({ ...base, kinds: ['REPORT'] })).nodes.map((n) => n.caseId)).toEqual(['C07']);
    expect((await overdue({ ...base, unitCodes: ['330106'] })).nodes.map((n) => n.caseId)).toEqual(['C12', 'C13']);
    expect((await overdue({ ...base, problemCategories: ['食品安全'] })).nodes.map((n) => n.caseId)).toEqual(['C01']);
    expect((await overdue({ ...base, objectCategories: ['商品-食品'] })).nodes.map((n) => n.caseId)).toEqual(['C01']);
    const filtered = await overdue({ ...base, unitCodes: ['330106'], stages: ['ACCEPTANCE'] });
    expect(filtered.totalCount).toBe(1);
  });

  it('sorts by due date and by unit', async () => {
    const byDue = await overdue({ asOf: '2025-10-13', regionCode: '330100', sort: 'DUE_DATE' });
    expect(byDue.nodes.map((n) => n.caseId)).toEqual(['C06', 'C12', 'C07', 'C01', 'C13', 'C03']);
    const byUnit = await overdue({ asOf: '2025-10-13', regionCode: '330100', sort: 'UNIT' });
    // 330100: C06 | 330102: C07 (11), C01 (5) | 330102001: C03 | 330106: C12 (25), C13 (5)
    expect(byUnit.nodes.map((n) => n.caseId)).toEqual(['C06', 'C07', 'C01', 'C03', 'C12', 'C13']);
  });
});

describe('pagination', () => {
  for (const sort of ['OVERDUE_WORKDAYS', 'DUE_DATE', 'UNIT']) {
    it(`pages of 4 concatenate to the full ${sort} list, no duplicates, stable totalCount`, async () => {
      const vars = { asOf: '2025-02-10', regionCode: '330200', sort };
      const full = await overdue({ ...vars, first: 500 }, provinceAdmin);
      expect(full.totalCount).toBe(PAGING.length);
      const seen: Node[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const page: Connection = await overdue({ ...vars, first: 4, after }, provinceAdmin);
        expect(page.totalCount).toBe(full.totalCount);
        seen.push(...page.nodes);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen.map((n) => n.caseId)).toEqual(full.nodes.map((n) => n.caseId));
      expect(new Set(seen.map((n) => n.caseId)).size).toBe(PAGING.length);
      // The order itself, checked against an independent comparator.
      const cmp = (a: Node, b: Node): number => {
        const byId = a.caseId < b.caseId ? -1 : 1;
        if (sort === 'OVERDUE_WORKDAYS') return b.overdueWorkdays - a.overdueWorkdays || byId;
        if (sort === 'DUE_DATE') return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : byId;
        if (a.handlingUnitCode !== b.handlingUnitCode) return a.handlingUnitCode < b.handlingUnitCode ? -1 : 1;
        return b.overdueWorkdays - a.overdueWorkdays || byId;
      };
      expect(full.nodes.map((n) => n.caseId)).toEqual([...full.nodes].sort(cmp).map((n) => n.caseId));
    });
  }

  it('overdue working days match the calendar across the Spring Festival (make-up days 01-26 and 02-08)', async () => {
    for (const asOf of ['2025-01-27', '2025-02-05', '2025-02-08', '2025-02-10', '2025-10-13']) {
      const c = await overdue({ asOf, regionCode: '330200', first: 500 }, provinceAdmin);
      for (const n of c.nodes) expect([n.caseId, n.overdueWorkdays]).toEqual([n.caseId, workdaysBetween(n.dueDate, asOf)]);
      expect(c.nodes.every((n) => n.dueDate < asOf)).toBe(true);
    }
    // Hand check: P30 and P28 (海曙区) registered 2024-12-10 → due addWorkdays(12-10, 7) = 12-19; as of 2025-01-02: (12-19, 01-02] =
    // 20, 23–27 (5), 30, 31, 01-02 (01-01 New Year off) = 9
    const c = await overdue({ asOf: '2025-01-02', regionCode: '330203', first: 500 }, provinceAdmin);
    // tied, so listed by case id
    expect(brief(c).slice(0, 2)).toEqual(['P28:ACCEPTANCE:2024-12-19:9', 'P30:ACCEPTANCE:2024-12-19:9']);
  });
});

describe('arguments and scope', () => {
  it('first above 500 or negative → BAD_USER_INPUT naming first; a damaged cursor names after', async () => {
    for (const first of [501, -1]) {
      const r = await execute(schema, contextFor(stores, cityChief), QUERY, { first });
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.argument).toBe('first');
    }
    const r = await execute(schema, contextFor(stores, cityChief), QUERY, { after: 'garbage' });
    expect(r.errors?.[0]?.extensions?.argument).toBe('after');
    const page = await overdue({ asOf: '2025-10-13', first: 1 });
    const other = await execute(schema, contextFor(stores, cityChief), QUERY, {
      asOf: '2025-10-13',
      first: 1,
      sort: 'UNIT',
      after: page.pageInfo.endCursor,
    });
    expect(other.errors?.[0]?.extensions?.argument).toBe('after');
    const year = await execute(schema, contextFor(stores, cityChief), QUERY, { asOf: '2099-01-01' });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(year.errors?.[0]?.message).toContain('2099');
  });

  it('another city or the province → FORBIDDEN; no user → UNAUTHENTICATED; a county user sees only its county', async () => {
    expect(errorCode(await execute(schema, contextFor(stores, cityChief), QUERY, { regionCode: '330200' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(schema, contextFor(stores, cityChief), QUERY, { regionCode: '330000' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(schema, contextFor(stores, null), QUERY, {}))).toBe('UNAUTHENTICATED');
    const county = await overdue({ asOf: '2025-10-13' }, testUser('SUPERVISOR', '330106'));
    expect(county.nodes.map((n) => n.caseId)).toEqual(['C12', 'C13']);
  });
});

describe('EXPLAIN', () => {
  it('every overdue statement plans on the engine', async () => {
    const params = {
      asOf: '2025-10-13',
      regionProvince: '330000',
      regionCity: '330100',
      regionCounty: '330102',
      regionStation: '330102001',
      kinds: [],
      stages: [],
      problemCategories: [],
      objectCategories: [],
      unitCodes: [],
      asOfOrdinal: 5000,
      ...workdayOrdinalParams(),
      hasCursor: 0,
      cWorkdays: 0,
      cCaseId: '',
      cDue: '1970-01-01',
      cUnit: '',
      limit: 10,
      days: ['2025-10-01', '2025-10-02'],
      fromDay: '2025-10-01',
      dayOrdinals: [5000, 5001],
    };
    const statements = overdueStatements();
    // 4 levels × ((3 sorts + count) × 2 read sources + the read model's count steps and 3 sorts' page profiles)
    expect(statements.length).toBe(48);
    for (const s of statements) {
      const r = await stores.ch.query({ query: `EXPLAIN ${s.sql}`, query_params: params, format: 'TabSeparated' });
      expect((await r.text()).length).toBeGreaterThan(0);
    }
  });
});

describe("a first page from its month's profile (answerOverduePage)", () => {
  const days = (month: string) => Array.from({ length: 31 }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);

  it("where it answers, equals the page's own statement: every day of the month, every sort, several sizes", async () => {
    let answered = 0;
    const asked = [
      { user: cityChief, months: ['2025-10'] },
      { user: provinceAdmin, months: ['2025-10', '2024-12', '2025-01'] },
    ];
    for (const { user, months } of asked) {
      for (const sort of ['OVERDUE_WORKDAYS', 'DUE_DATE', 'UNIT']) {
        for (const first of [1, 3, 50]) {
          for (const month of months) {
            const profile = await readOverduePageProfile(
              stores.ch,
              prepareOverdueQuery(user, { asOf: `${month}-01`, sort, first }),
            );
            for (const asOf of days(month)) {
              const q = prepareOverdueQuery(user, { asOf, sort, first });
              const page = pageFromProfile(profile, q);
              if (page === undefined) continue; // not enough spans in the profile: the page's statement answers
              answered++;
              expect({ asOf, sort, first, page }).toEqual({ asOf, sort, first, page: await fetchOverduePage(stores.ch, q) });
            }
          }
        }
      }
    }
    expect(answered).toBeGreaterThan(300);
  }, 120_000);

  it("a profile with too few spans that hold the day answers nothing (the page's statement does)", async () => {
    const full = await readOverduePageProfile(stores.ch, prepareOverdueQuery(cityChief, { asOf: '2025-10-01', first: 2 }));
    // The month's first three spans only, as if the statement's limit had cut the rest: C06, C12 (closed 10-13), C07.
    const cut = { ...full, spans: full.spans.slice(0, 3), complete: false };
    const answered: string[] = [];
    for (const asOf of days('2025-10')) {
      const q = prepareOverdueQuery(cityChief, { asOf, first: 2 });
      const page = pageFromProfile(cut, q);
      if (page === undefined) continue;
      answered.push(asOf);
      expect({ asOf, page }).toEqual({ asOf, page: await fetchOverduePage(stores.ch, q) });
    }
    // Three of them hold each day up to 10-13 (two pages' worth: the page and its next); two from 10-14.
    expect(answered).toEqual(days('2025-10').slice(0, 13));
  });
});
