/**
 * `reports`: the monthly report list of the user's province, published state from the ranking snapshots in the real
 * SQLite metadata store.
 */
import { RankingSnapshot } from '@c12315/store';
import { type Harness, openHarness, testUser } from '../../test-support/test-harness';
import { Role } from '../common/graphql-types';
import { monthsBefore } from '../indicators/period';
import { ReportsResolver } from './reports.resolver';
import { reportMonthsBefore } from './reports.service';

const REPORTS = `query R($through: String) { reports(through: $through) { month published publishedAt } }`;
let h: Harness;

beforeAll(async () => {
  h = await openHarness([ReportsResolver], 'reports-');
  const em = h.orm.em.fork();
  const snapshot = (month: string, level: string, parentCode: string, publishedAt: string) =>
    em.create(RankingSnapshot, {
      month,
      level,
      parentCode,
      asOf: '2026-02-02',
      configVersion: 1,
      payload: { rows: [] },
      publishedAt: new Date(publishedAt),
      publishedBy: 'admin',
    });
  snapshot('2026-01', 'CITY', '140000', '2026-02-03T02:00:00.000Z');
  snapshot('2025-11', 'CITY', '140000', '2025-12-05T01:30:00.000Z');
  // not the province's city ranking: a county ranking of 太原, another province, a month past the window
  snapshot('2025-12', 'COUNTY', '140100', '2026-01-05T00:00:00.000Z');
  snapshot('2025-12', 'CITY', '330000', '2026-01-05T00:00:00.000Z');
  snapshot('2025-01', 'CITY', '140000', '2025-02-05T00:00:00.000Z');
  await em.flush();
});
afterAll(async () => h.close());

type Month = { month: string; published: boolean; publishedAt: string | null };
async function reports(vars: Record<string, unknown>, user = testUser(Role.CITY_CHIEF, '140100')): Promise<Month[]> {
  const r = await h.run(REPORTS, vars, user);
  if (r.errors) throw r.errors[0];
  return (r.data as { reports: Month[] }).reports;
}

describe('reports', () => {
  it("lists 12 months through the given one, newest first, published where the province's city ranking is frozen", async () => {
    const list = await reports({ through: '2026-01' });
    // 2026-01, 2025-12, …, 2025-02: 12 months; 2025-01 is the 13th and stays out
    expect(list.map((m) => m.month)).toEqual([
      '2026-01',
      '2025-12',
      '2025-11',
      '2025-10',
      '2025-09',
      '2025-08',
      '2025-07',
      '2025-06',
      '2025-05',
      '2025-04',
      '2025-03',
      '2025-02',
    ]);
    expect(list.filter((m) => m.published)).toEqual([
      { month: '2026-01', published: true, publishedAt: '2026-02-03T02:00:00.000Z' },
      { month: '2025-11', published: true, publishedAt: '2025-12-05T01:30:00.000Z' },
    ]);
    expect(list[1]).toEqual({ month: '2025-12', published: false, publishedAt: null });
  });

  it('is the same for every user of the province; another province sees its own', async () => {
    const analyst = await reports({ through: '2026-01' }, testUser(Role.ANALYST, '140000'));
    expect(analyst.filter((m) => m.published).map((m) => m.month)).toEqual(['2026-01', '2025-11']);
    const zj = await reports({ through: '2026-01' }, testUser(Role.PROVINCE_ADMIN, '330000'));
    expect(zj.filter((m) => m.published).map((m) => m.month)).toEqual(['2025-12']);
  });

  it('defaults to the 12 months before the current one (Asia/Shanghai)', async () => {
    const now = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const list = await reports({});
    expect(list).toHaveLength(12);
    expect(list[0]?.month).toBe(monthsBefore(now, 1));
    expect(list[11]?.month).toBe(monthsBefore(now, 12));
  });

  it('reportMonthsBefore crosses the year boundary', () => {
    expect(reportMonthsBefore('2026-02-10', 3)).toEqual(['2026-01', '2025-12', '2025-11']);
  });

  it('a bad month names `through`; no user → UNAUTHENTICATED', async () => {
    const bad = await h.run(REPORTS, { through: '2026-13' }, testUser(Role.ANALYST, '140000'));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'through' });
    const anon = await h.run(REPORTS, {}, null);
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
