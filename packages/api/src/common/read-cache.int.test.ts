/**
 * Answers from the case store are cached until the data changes: a ledgered load (the only way data reaches the store
 * in production) or a newly published snapshot gives a new answer; nothing else does. Identical concurrent requests
 * share one computation; different arguments never share an answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadFile } from '@c12315/etl';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { LoadLedgerEntry } from '@c12315/store';
import { metadataBackends } from '../../test-support/metadata-backends';
import { type Harness, openHarness, testUser } from '../../test-support/test-harness';
import { Role } from '../common/graphql-types';
import { MetricsResolver } from '../metrics/metrics.resolver';
import { OverdueResolver } from '../overdue/overdue.resolver';
import { readRanking } from '../ranking/ranking.service';
import { publishRanking } from '../ranking/ranking-publication';
import { cachedRead, cachedWhenAskedAgain, clearReadCache, readCacheCounters } from './read-cache';

let h: Harness;
const req = { month: '2026-03', level: 'CITY' as const, parentCode: '140000', asOf: '2026-04-10' };
const admin = testUser(Role.PROVINCE_ADMIN, '140000');

const receivedIn = async (city: string) => {
  const ranking = await readRanking({ ch: h.ch, em: h.orm.em.fork() }, req, false);
  const row = ranking.rows.find((r) => r.region.code === city);
  return row?.values.find((v) => v.indicatorId === 'received')?.value;
};

const METRICS = `query($r: String!) { metrics(indicatorIds: ["received"], groupBy: [KIND],
  filter: { from: "2026-03-01", to: "2026-03-31", regionCode: $r }, asOf: "2026-04-10") { keys { code } values { value } } }`;
const receivedByMetrics = async (regionCode: string) => {
  const result = await h.run(METRICS, { r: regionCode }, admin);
  expect(result.errors).toBeUndefined();
  const rows = (result.data?.metrics ?? []) as { values: { value: number }[] }[];
  return rows.reduce((sum, r) => sum + (r.values[0]?.value ?? 0), 0);
};

const METRICS_AS_OF = `query($r: String!, $a: Date!) { metrics(indicatorIds: ["received"], groupBy: [KIND],
  filter: { from: "2026-03-01", to: "2026-03-31", regionCode: $r }, asOf: $a) { keys { code } values { value } } }`;
const receivedAsOf = async (regionCode: string, asOf: string) => {
  const result = await h.run(METRICS_AS_OF, { r: regionCode, a: asOf }, admin);
  expect(result.errors).toBeUndefined();
  const rows = (result.data?.metrics ?? []) as { values: { value: number }[] }[];
  return rows.reduce((sum, r) => sum + (r.values[0]?.value ?? 0), 0);
};

const OVERDUE = `query($r: String!, $a: Date!) { overdueCases(asOf: $a, regionCode: $r, first: 10) { totalCount nodes { caseId } } }`;
const overdueIds = async (regionCode: string, asOf = '2026-04-10') => {
  const result = await h.run(OVERDUE, { r: regionCode, a: asOf }, admin);
  expect(result.errors).toBeUndefined();
  const connection = result.data?.overdueCases as { totalCount: number; nodes: { caseId: string }[] };
  return { total: connection.totalCount, ids: connection.nodes.map((n) => n.caseId).sort() };
};

/** A complaint registered early in March with no acceptance decision: overdue at acceptance by 2026-04-10. */
const complaint = (caseId: string, unit: string) =>
  caseRecord({ caseId, kind: 'COMPLAINT', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: unit });

async function ledgeredLoad(name: string, caseId: string): Promise<void> {
  const file = path.join(h.config.dataDir, name);
  fs.writeFileSync(
    file,
    '\uFEFF登记编号,业务类型,登记时间,接收渠道,承办单位,承办单位代码,处理状态,更新时间\r\n' +
      `${caseId},咨询,2026-03-04 09:00,12315热线,小店区市场监督管理局,140105,处理中,2026-03-04 09:00\r\n`,
  );
  const summary = await loadFile(h, file, { runBy: 'test', loadTime: new Date('2026-04-01T00:00:00+08:00') });
  expect(summary.inserted).toBe(1);
}

describe.each(metadataBackends())('on %s metadata', (backend) => {
  beforeAll(async () => {
    h = await openHarness([MetricsResolver, OverdueResolver], 'read-cache-', backend);
    clearReadCache();
    await insertCases(h.ch, [
      caseRecord({ caseId: 'K1', kind: 'CONSULTATION', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '140105' }),
      complaint('C1', '140105'),
      complaint('C2', '140213'),
    ]);
  });

  afterAll(async () => {
    await h.close();
  });

  test('a repeated ranking is served from the cache; a ledgered load and a publication invalidate it', async () => {
    expect(await receivedIn('140100')).toBe(2);
    // Written behind the ledger's back (tests only): the cached answer stands — proof that the cache is in use.
    await insertCases(h.ch, [
      caseRecord({ caseId: 'K2', kind: 'CONSULTATION', registeredAt: '2026-03-03 09:00:00', handlingUnitCode: '140105' }),
    ]);
    expect(await receivedIn('140100')).toBe(2);
    // A real load through the ETL: a new ledger entry, a new answer (K2 and K3 both counted now).
    await ledgeredLoad('k3.csv', 'K3');
    expect(await receivedIn('140100')).toBe(4);
    // Publishing M−1 changes M's previous ranks: it is part of the key too.
    await insertCases(h.ch, [
      caseRecord({ caseId: 'K4', kind: 'CONSULTATION', registeredAt: '2026-03-05 09:00:00', handlingUnitCode: '140105' }),
    ]);
    await publishRanking({ ch: h.ch, em: h.orm.em.fork() }, { ...req, month: '2026-02' }, admin);
    expect(await receivedIn('140100')).toBe(5);
  });

  test('a cached ranking handed out cannot be altered by its reader', async () => {
    const ctx = { ch: h.ch, em: h.orm.em.fork() };
    await readRanking(ctx, req, false);
    const cached = await readRanking(ctx, req, false); // the answer every reader shares: frozen, deep down
    const rows = cached.rows.length;
    expect(rows).toBeGreaterThan(0);
    // (matched by message: the TypeError comes from another realm than the test's)
    expect(() => {
      cached.rows.length = 0;
    }).toThrow(/read only|read-only/);
    expect(() => {
      (cached.rows[0] as { rank: number }).rank = 99;
    }).toThrow(/read only|read-only/);
    const again = await readRanking(ctx, req, false);
    expect(again.rows.length).toBe(rows);
    expect(again.rows[0]?.rank).not.toBe(99);
  });

  test('metrics and overdue pages are cached per argument set and renewed by a ledgered load', async () => {
    const taiyuan = await receivedByMetrics('140100');
    const datong = await receivedByMetrics('140200');
    expect(datong).toBe(1); // C2 only: another region is another key
    expect(await overdueIds('140100')).toEqual({ total: 1, ids: ['C1'] });
    expect(await overdueIds('140200')).toEqual({ total: 1, ids: ['C2'] });

    await insertCases(h.ch, [complaint('C3', '140105')]); // behind the ledger: cached answers stand
    expect(await receivedByMetrics('140100')).toBe(taiyuan);
    expect(await overdueIds('140100')).toEqual({ total: 1, ids: ['C1'] });

    await ledgeredLoad('k5.csv', 'K5');
    expect(await receivedByMetrics('140100')).toBe(taiyuan + 2); // C3 and K5
    expect(await overdueIds('140100')).toEqual({ total: 2, ids: ['C1', 'C3'] });
    expect(await overdueIds('140200')).toEqual({ total: 1, ids: ['C2'] });
  });

  test('while a load is running nothing is served from the cache', async () => {
    const before = await receivedByMetrics('140100');
    const em = h.orm.em.fork();
    const running = Object.assign(new LoadLedgerEntry(), {
      fileName: 'running.csv',
      fileSize: 1,
      sha256: '0'.repeat(64),
      format: 'CSV',
      runBy: 'test',
    });
    await em.persist(running).flush();
    try {
      expect(await receivedByMetrics('140100')).toBe(before);
      expect((await overdueIds('140100')).total).toBe(2);
      await insertCases(h.ch, [complaint('C4', '140105')]); // a batch of the running load
      expect(await receivedByMetrics('140100')).toBe(before + 1);
      expect((await overdueIds('140100')).total).toBe(3);
    } finally {
      running.status = 'SUCCEEDED';
      running.finishedAt = new Date();
      await em.flush();
    }
    expect(await receivedByMetrics('140100')).toBe(before + 1);
  });

  test('identical concurrent reads share one computation; a failure is not cached', async () => {
    clearReadCache();
    let runs = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async () => {
      runs++;
      await released;
      return { rows: [1, 2, 3] };
    };
    const pending = Promise.all(Array.from({ length: 20 }, () => cachedRead(h.orm.em, 'shared', slow)));
    // The computation ends only once every reader has started it or joined it (each first reads the data version from
    // the metadata store: on PostgreSQL through a pool of connections, so the readers arrive at different times).
    for (const deadline = Date.now() + 30_000; readCacheCounters().computed + readCacheCounters().joined < 20; ) {
      if (Date.now() > deadline) throw new Error(`readers still arriving: ${JSON.stringify(readCacheCounters())}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    release();
    const answers = await pending;
    expect(runs).toBe(1);
    expect(answers.every((a) => a.rows.length === 3)).toBe(true);
    // The reader that computed has the answer itself; the 19 who joined share one frozen copy, which nobody can change.
    const own = answers.filter((a) => !Object.isFrozen(a.rows));
    const shared = answers.filter((a) => Object.isFrozen(a) && Object.isFrozen(a.rows));
    expect([own.length, shared.length]).toEqual([1, 19]);
    own[0]?.rows.pop();
    expect(() => shared[0]?.rows.pop()).toThrow(/Cannot delete|read only|read-only/);
    expect(shared.every((a) => a.rows.length === 3)).toBe(true);
    expect(readCacheCounters()).toMatchObject({ computed: 1, joined: 19, hits: 0 });
    expect((await cachedRead(h.orm.em, 'shared', slow)).rows).toEqual([1, 2, 3]);
    expect(runs).toBe(1);
    expect(readCacheCounters().hits).toBe(1);

    let attempts = 0;
    const failing = async () => {
      attempts++;
      if (attempts === 1) throw new Error('engine timeout');
      return 'second try';
    };
    await expect(cachedRead(h.orm.em, 'flaky', failing)).rejects.toThrow('engine timeout');
    expect(await cachedRead(h.orm.em, 'flaky', failing)).toBe('second try');
    expect(attempts).toBe(2);
  });
  test('an answer kept only when asked again in another variant is computed then, and read from the cache after', async () => {
    clearReadCache();
    let runs = 0;
    const compute = async () => {
      runs++;
      return { steps: [1, 2] };
    };
    // The same variant (one asOf: a list's next page) however many times: not computed.
    expect(await cachedWhenAskedAgain(h.orm.em, 'profile', '2026-04-10', compute)).toBeUndefined();
    expect(await cachedWhenAskedAgain(h.orm.em, 'profile', '2026-04-10', compute)).toBeUndefined();
    expect(runs).toBe(0);
    expect(await cachedWhenAskedAgain(h.orm.em, 'profile', '2026-04-11', compute)).toEqual({ steps: [1, 2] });
    expect(await cachedWhenAskedAgain(h.orm.em, 'profile', '2026-04-10', compute)).toEqual({ steps: [1, 2] });
    expect(runs).toBe(1);
    // A ledgered load is a new data version: asked in two variants again before it is computed again.
    await ledgeredLoad('k6.csv', 'K6');
    expect(await cachedWhenAskedAgain(h.orm.em, 'profile', '2026-04-11', compute)).toBeUndefined();
    expect(await cachedWhenAskedAgain(h.orm.em, 'profile', '2026-04-12', compute)).toEqual({ steps: [1, 2] });
    expect(runs).toBe(2);
    // A failure is not the caller's: it answers another way (undefined), and nothing is kept.
    const failing = async (): Promise<string> => {
      throw new Error('engine timeout');
    };
    expect(await cachedWhenAskedAgain(h.orm.em, 'failing', 'a', failing)).toBeUndefined();
    expect(await cachedWhenAskedAgain(h.orm.em, 'failing', 'b', failing)).toBeUndefined();
    expect(await cachedWhenAskedAgain(h.orm.em, 'failing', 'b', async () => 'kept')).toBe('kept');
  });

  test('a question asked again with another asOf after its period is answered from its asOf profile until a load', async () => {
    clearReadCache();
    const first = await receivedAsOf('140100', '2026-04-10'); // its own statement
    expect(await receivedAsOf('140100', '2026-04-11')).toBe(first); // asked again: the profile is read
    // Written behind the ledger's back (tests only): a statement of a new asOf would count it, the profile does not —
    // proof that the third asOf is answered from the profile.
    await insertCases(h.ch, [
      caseRecord({ caseId: 'K7', kind: 'CONSULTATION', registeredAt: '2026-03-06 09:00:00', handlingUnitCode: '140105' }),
    ]);
    expect(await receivedAsOf('140100', '2026-05-20')).toBe(first);
    // Before the period's end the profile does not apply: that asOf gets its own statement, which counts K7.
    expect(await receivedAsOf('140100', '2026-03-31')).toBe(first + 1);
    await ledgeredLoad('k8.csv', 'K8');
    expect(await receivedAsOf('140100', '2026-05-21')).toBe(first + 2);
  });

  test("an overdue first page asked again in its month with another asOf is answered from the month's profile until a load", async () => {
    clearReadCache();
    const first = await overdueIds('140100', '2026-04-20'); // its own statement
    expect(await overdueIds('140100', '2026-04-21')).toEqual(first); // asked again in April: the profile is read
    // Written behind the ledger's back (tests only): the page's own statement would list it, April's profile does not.
    await insertCases(h.ch, [complaint('C9', '140105')]);
    expect((await overdueIds('140100', '2026-04-22')).ids).toEqual(first.ids);
    // May has no profile yet: that page is its own statement, which lists C9.
    expect((await overdueIds('140100', '2026-05-20')).ids).toEqual([...first.ids, 'C9'].sort());
    await ledgeredLoad('k9.csv', 'K9');
    expect(await overdueIds('140100', '2026-04-23')).toEqual({ total: first.total + 1, ids: [...first.ids, 'C9'].sort() });
  });
});
