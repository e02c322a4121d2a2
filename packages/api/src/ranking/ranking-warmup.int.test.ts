/**
 * The warm-up computes exactly the ranking the dashboard asks for first (the last full month's city ranking of each
 * province, as of today), so that request is a cache hit.
 */
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { metadataBackends } from '../../test-support/metadata-backends';
import { type Harness, openHarness, testUser } from '../../test-support/test-harness';
import { Role } from '../common/graphql-types';
import { clearReadCache, readCacheCounters } from '../common/read-cache';
import { previousMonth, todayInShanghai } from '../indicators/period';
import { RankingResolver } from './ranking.resolver';
import { warmRankings } from './ranking-warmup';

let h: Harness;
const ctx = () => ({ ch: h.ch, em: h.orm.em.fork() });
const RANKING = `query($m: String!, $l: RegionLevel, $p: String, $a: Date) {
  ranking(month: $m, level: $l, parentCode: $p, asOf: $a) { rows { region { code } rank } } }`;

describe.each(metadataBackends())('on %s metadata', (backend) => {
  beforeAll(async () => {
    h = await openHarness([RankingResolver], 'ranking-warmup-', backend);
    await insertCases(h.ch, [
      caseRecord({ caseId: 'S1', kind: 'CONSULTATION', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '140105' }),
      caseRecord({ caseId: 'Z1', kind: 'CONSULTATION', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '330106' }),
    ]);
  });

  afterAll(async () => {
    await h.close();
  });

  test('each province and city holding cases gets its last full month ranked; those requests are then cache hits', async () => {
    clearReadCache();
    const warmed = await warmRankings(ctx(), '2026-04-10');
    expect(warmed.map((w) => [w.level, w.parentCode, w.month, w.error])).toEqual([
      ['CITY', '140000', '2026-03', undefined],
      ['COUNTY', '140100', '2026-03', undefined],
      ['CITY', '330000', '2026-03', undefined],
      ['COUNTY', '330100', '2026-03', undefined],
    ]);
    expect(readCacheCounters()).toMatchObject({ computed: 4, hits: 0 });

    const admin = testUser(Role.PROVINCE_ADMIN, '330000');
    const cities = await h.run(RANKING, { m: '2026-03', l: 'CITY', p: '330000', a: '2026-04-10' }, admin);
    expect(cities.errors).toBeUndefined();
    const chief = testUser(Role.CITY_CHIEF, '140100');
    const counties = await h.run(RANKING, { m: '2026-03', l: 'COUNTY', p: '140100', a: '2026-04-10' }, chief);
    expect(counties.errors).toBeUndefined();
    expect(readCacheCounters()).toMatchObject({ computed: 4, hits: 2 });
  });

  test('by default it warms what the dashboard asks by default: last full month, asOf today (Asia/Shanghai)', async () => {
    clearReadCache();
    const [shanxi] = await warmRankings(ctx());
    expect(shanxi?.month).toBe(previousMonth(todayInShanghai().slice(0, 7)));
    // The dashboard sends month, level and parent, no asOf: the resolver's default asOf is today.
    const chief = testUser(Role.CITY_CHIEF, '140100');
    const result = await h.run(RANKING, { m: shanxi?.month, l: 'COUNTY', p: '140100' }, chief);
    expect(result.errors).toBeUndefined();
    expect(readCacheCounters()).toMatchObject({ computed: 4, hits: 1 });
  });
});
