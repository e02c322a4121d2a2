/**
 * `Ranking.dataMonths` / `latestDataMonth` (issue 14 §4): the months the ranking's parent region has cases in, read
 * from the read model, scoped as the ranking is. Golden fixture (test-support/golden-fixture.ts): Shanxi cases
 * registered in 2025-11 (B1), 2025-12 (A1, A3, B3) and 2026-01 (the others); 长治 140400 only D1 (2026-01); 晋城
 * 140500 none.
 */
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { LoadLedgerEntry } from '@c12315/store';
import { loadGoldenFixture } from '../../test-support/golden-fixture';
import { type Harness, openHarness, testUser } from '../../test-support/test-harness';
import { Role } from '../common/graphql-types';
import { buildDataMonthsQuery } from './data-months.sql';
import { RankingResolver } from './ranking.resolver';

const QUERY = `query R($month: String!, $level: RegionLevel, $parentCode: String) {
  ranking(month: $month, level: $level, parentCode: $parentCode, asOf: "2026-12-01") {
    month parentCode dataMonths latestDataMonth published
  }
}`;
const PUBLISH = `mutation { publishRanking(month: "2026-01", asOf: "2026-02-02") { published dataMonths } }`;

interface Answer {
  month: string;
  parentCode: string;
  dataMonths: string[];
  latestDataMonth: string | null;
  published: boolean;
}

const ADMIN = testUser(Role.PROVINCE_ADMIN, '140000');
let h: Harness;

async function ask(vars: Record<string, unknown>, user = ADMIN): Promise<Answer> {
  const r = await h.run(QUERY, vars, user);
  if (r.errors) throw r.errors[0];
  return (r.data as { ranking: Answer }).ranking;
}

beforeAll(async () => {
  h = await openHarness([RankingResolver], 'data-months-');
  await loadGoldenFixture(h.ch);
});
afterAll(async () => h.close());

describe('the months with data under a ranking', () => {
  it('a month without cases still answers the months that have some, newest first', async () => {
    const nov = await ask({ month: '2026-11' });
    expect(nov).toMatchObject({ month: '2026-11', parentCode: '140000', published: false });
    expect(nov.dataMonths).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(nov.latestDataMonth).toBe('2026-01');
  });

  it('is the parent region’s: a city’s counties see the city’s months only; a city without cases none', async () => {
    expect(await ask({ month: '2026-01', level: 'COUNTY', parentCode: '140200' })).toMatchObject({
      dataMonths: ['2026-01', '2025-12', '2025-11'],
    });
    expect(await ask({ month: '2026-01', level: 'COUNTY', parentCode: '140400' })).toMatchObject({
      dataMonths: ['2026-01'],
      latestDataMonth: '2026-01',
    });
    expect(await ask({ month: '2026-01', level: 'COUNTY', parentCode: '140500' })).toMatchObject({
      dataMonths: [],
      latestDataMonth: null,
    });
  });

  it('is scoped as the ranking is: a city chief sees its province’s months, not another city’s counties', async () => {
    const chief = testUser(Role.CITY_CHIEF, '140200');
    expect((await ask({ month: '2026-11' }, chief)).latestDataMonth).toBe('2026-01');
    const r = await h.run(QUERY, { month: '2026-11', level: 'COUNTY', parentCode: '140100' }, chief);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(r.data).toBeNull();
  });

  it('a published month’s snapshot still answers the months loaded now', async () => {
    const published = await h.run(PUBLISH, {}, ADMIN);
    expect(published.errors).toBeUndefined();
    expect(published.data).toEqual({ publishRanking: { published: true, dataMonths: ['2026-01', '2025-12', '2025-11'] } });
    expect(await ask({ month: '2026-01' })).toMatchObject({ published: true, latestDataMonth: '2026-01' });
  });

  it('a month loaded later becomes the latest (the answer follows the load ledger, not a stale cache)', async () => {
    await insertCases(
      h.ch,
      [caseRecord({ caseId: 'LATE1', kind: 'CONSULTATION', handlingUnitCode: '140500', registeredAt: '2026-03-02 09:00:00' })],
      'later',
    );
    // Every write to the case store is a ledgered load: record it as the loader does, which moves the data version.
    const fork = h.orm.em.fork();
    fork.persist(
      Object.assign(new LoadLedgerEntry(), {
        fileName: 'later.csv',
        fileSize: 1,
        sha256: 'f'.repeat(64),
        format: 'csv',
        status: 'SUCCEEDED',
        finishedAt: new Date(),
        runBy: 'test',
      }),
    );
    await fork.flush();
    expect(await ask({ month: '2026-11' })).toMatchObject({
      dataMonths: ['2026-03', '2026-01', '2025-12', '2025-11'],
      latestDataMonth: '2026-03',
    });
    expect((await ask({ month: '2026-03', level: 'COUNTY', parentCode: '140500' })).dataMonths).toEqual(['2026-03']);
  });

  it('reads the read model by its sorting key (province, then the fact), never cases', async () => {
    for (const code of ['140000', '140100']) {
      const { query, params } = buildDataMonthsQuery(code);
      expect(query).toMatch(/FROM indicator_facts_city\n/);
      const result = await h.ch.query({ query: `EXPLAIN indexes = 1 ${query}`, query_params: params, format: 'JSONEachRow' });
      const plan = (await result.json<{ explain: string }>()).map((r) => r.explain).join('\n');
      expect(plan).toMatch(/PrimaryKey\s+Keys:\s+province_code\s+fact\s[\s\S]*Condition: .*FIRST_REGISTERED.*province_code/);
    }
  });
});
