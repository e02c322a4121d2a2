/**
 * Fresh rankings are cached until the data changes: a ledgered load (the only way data reaches the store in
 * production) or a newly published snapshot gives a new answer; nothing else does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { caseRecord, insertCases, loadFile } from '@c12315/etl';
import { openTestStores, type TestStores } from '../overdue/test-stores';
import { publishRanking, readRanking } from './ranking.service';
import { clearRankingCache } from './ranking-cache';

let stores: TestStores;
const req = { month: '2026-03', level: 'CITY' as const, parentCode: '140000', asOf: '2026-04-10' };
const receivedIn = async (city: string) => {
  const ranking = await readRanking({ ch: stores.ch, em: stores.orm.em.fork() }, req, false);
  const row = ranking.rows.find((r) => r.region.code === city);
  return row?.values.find((v) => v.indicatorId === 'received')?.value;
};

beforeAll(async () => {
  stores = await openTestStores('ranking-cache-');
  clearRankingCache();
  await insertCases(stores.ch, [
    caseRecord({ caseId: 'K1', kind: 'CONSULTATION', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '140105' }),
  ]);
});

afterAll(async () => {
  await stores.close();
});

test('a repeated read is served from the cache; a ledgered load and a publication invalidate it', async () => {
  expect(await receivedIn('140100')).toBe(1);
  // Written behind the ledger's back (tests only): the cached answer stands — proof that the cache is in use.
  await insertCases(stores.ch, [
    caseRecord({ caseId: 'K2', kind: 'CONSULTATION', registeredAt: '2026-03-03 09:00:00', handlingUnitCode: '140105' }),
  ]);
  expect(await receivedIn('140100')).toBe(1);
  // A real load through the ETL: a new ledger entry, a new answer (K2 and K3 both counted now).
  const file = path.join(stores.config.dataDir, 'k3.csv');
  fs.writeFileSync(
    file,
    '\uFEFF登记编号,业务类型,登记时间,接收渠道,承办单位,承办单位代码,处理状态,更新时间\r\nK3,咨询,2026-03-04 09:00,12315热线,小店区市场监督管理局,140105,处理中,2026-03-04 09:00\r\n',
  );
  const summary = await loadFile(stores, file, { runBy: 'test', loadTime: new Date('2026-04-01T00:00:00+08:00') });
  expect(summary.inserted).toBe(1);
  expect(await receivedIn('140100')).toBe(3);
  // Publishing M−1 changes M's previous ranks: it is part of the key too.
  await insertCases(stores.ch, [
    caseRecord({ caseId: 'K4', kind: 'CONSULTATION', registeredAt: '2026-03-05 09:00:00', handlingUnitCode: '140105' }),
  ]);
  await publishRanking({ ch: stores.ch, em: stores.orm.em.fork() }, { ...req, month: '2026-02' }, 'admin');
  expect(await receivedIn('140100')).toBe(4);
});

test('a cached ranking handed out cannot be altered by its reader', async () => {
  const ctx = { ch: stores.ch, em: stores.orm.em.fork() };
  const first = await readRanking(ctx, req, false);
  first.rows.length = 0;
  expect((await readRanking(ctx, req, false)).rows.length).toBeGreaterThan(0);
});
