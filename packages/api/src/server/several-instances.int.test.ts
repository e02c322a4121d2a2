/**
 * Several api instances at once (issue 16 §5, README "Several api instances"): two separately wired apps, each with
 * its own metadata connection and its own memory, on one case store and one metadata database (SQLite, then
 * PostgreSQL). Nothing one instance keeps in memory may make it disagree with the other: sign-in failures on A count
 * on B, a token revoked through A is refused by B, a load handed to A is seen by B at once (B's cached answers are
 * not served after it), a month published on A is published on B, and publishing on both at once publishes it
 * exactly once. The instances share this process's chdb client (one process per data dir); the same checks across
 * two real processes on a ClickHouse server store are several-processes.int.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { AuditEntry, LoginFailure, NoticeDelivery, RankingSnapshot } from '@c12315/store';
import { type ApiInstances, startApiInstances } from '../../test-support/api-instances';
import type { TestServer } from '../../test-support/http-test-server';
import { metadataBackends } from '../../test-support/metadata-backends';
import { createUserAccount } from '../auth/user-accounts.service';
import { warmupsSettled } from '../ranking/ranking-warmup';

// argon2id for real, two instances' schemas, a load through the engine.
jest.setTimeout(120_000);

const PASSWORD = 'Shanxi2026pass';
const NEW_PASSWORD = 'Shanxi2026next';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const ME = '{ me { username } }';
const RANKING = `query($m: String!) { ranking(month: $m, level: CITY, parentCode: "140000", asOf: "2026-04-10") {
  published publishedAt configVersion rows { region { code } values { indicatorId value } } } }`;
const PUBLISH = `mutation($m: String!) { publishRanking(month: $m, level: CITY, parentCode: "140000", asOf: "2026-04-10") {
  published publishedAt } }`;

interface RankingAnswer {
  published: boolean;
  configVersion: number;
  publishedAt: string | null;
  rows: { region: { code: string }; values: { indicatorId: string; value: number | null }[] }[];
}

describe.each(metadataBackends())('two api instances on %s metadata', (backend) => {
  let api: ApiInstances;
  let a: TestServer;
  let b: TestServer;
  let adminOnA: string;

  const tokenOn = async (server: TestServer, username: string, password = PASSWORD) => {
    const res = await server.gql(LOGIN, { u: username, p: password });
    expect(res.body.errors).toBeUndefined();
    return (res.body.data?.login as { token: string }).token;
  };
  const ranking = async (server: TestServer, month: string) => {
    const res = await server.gql(RANKING, { m: month }, adminOnA);
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.ranking as RankingAnswer;
  };
  const receivedIn = async (server: TestServer, city: string) =>
    (await ranking(server, '2026-03')).rows.find((r) => r.region.code === city)?.values.find((v) => v.indicatorId === 'received')
      ?.value;

  beforeAll(async () => {
    api = await startApiInstances('several-instances-', backend);
    [a, b] = api.instances as [TestServer, TestServer];
    const orm = a.stores.orm;
    const who = { actor: 'several-instances-test' };
    await createUserAccount(orm, { username: 'admin', password: PASSWORD, role: 'PROVINCE_ADMIN', regionCode: '140000' }, who);
    await createUserAccount(orm, { username: 'chief', password: PASSWORD, role: 'CITY_CHIEF', regionCode: '140100' }, who);
    await createUserAccount(orm, { username: 'analyst', password: PASSWORD, role: 'ANALYST', regionCode: '140000' }, who);
    adminOnA = await tokenOn(a, 'admin');
    await insertCases(a.stores.ch, [
      caseRecord({ caseId: 'K1', kind: 'CONSULTATION', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '140105' }),
      caseRecord({ caseId: 'C1', kind: 'COMPLAINT', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '140105' }),
      caseRecord({ caseId: 'C2', kind: 'COMPLAINT', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '140213' }),
      caseRecord({ caseId: 'F1', kind: 'COMPLAINT', registeredAt: '2026-02-03 09:00:00', handlingUnitCode: '140105' }),
    ]);
  });

  afterAll(async () => {
    await warmupsSettled();
    await api?.close();
  });

  test('the instances are distinct: their own port and their own metadata connection', () => {
    expect(a.url).not.toBe(b.url);
    expect(a.stores.orm).not.toBe(b.stores.orm);
    expect(a.stores.orm.config.get('clientUrl') ?? a.stores.orm.config.get('dbName')).toBe(
      b.stores.orm.config.get('clientUrl') ?? b.stores.orm.config.get('dbName'),
    );
  });

  test('sign-in failures are counted across instances: 3 on A and 2 on B trip the limit on both', async () => {
    for (const [server, n] of [
      [a, 3],
      [b, 2],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const res = await server.gql(LOGIN, { u: 'analyst', p: `Wrong${i}password` });
        expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    }
    for (const server of [a, b]) {
      const limited = await server.gql(LOGIN, { u: 'analyst', p: PASSWORD });
      expect(limited.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
      expect(limited.body.data ?? null).toBeNull();
    }
    // The failures are rows of the shared metadata DB, not either instance's memory.
    expect(await a.stores.orm.em.fork().count(LoginFailure, { key: 'u:analyst' })).toBe(5);
    // Another account from the same address still signs in, on either instance.
    expect(await tokenOn(b, 'chief')).toMatch(/^ey/);
    await a.stores.orm.em.fork().nativeDelete(LoginFailure, {});
  });

  test('a token revoked through A (password reset, then account disabled) is refused by B at once', async () => {
    const first = await tokenOn(b, 'chief');
    expect((await b.gql(ME, {}, first)).body.data?.me).toEqual({ username: 'chief' });
    expect((await a.gql(ME, {}, first)).body.data?.me).toEqual({ username: 'chief' });

    const reset = await a.gql(
      'mutation($u: String!, $p: String!) { resetPassword(username: $u, password: $p) { username } }',
      { u: 'chief', p: NEW_PASSWORD },
      adminOnA,
    );
    expect(reset.body.errors).toBeUndefined();
    expect((await b.gql(ME, {}, first)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const second = await tokenOn(b, 'chief', NEW_PASSWORD);
    expect((await b.gql(ME, {}, second)).body.data?.me).toEqual({ username: 'chief' });
    const disabled = await a.gql('mutation($u: String!) { disableUser(username: $u) { disabled } }', { u: 'chief' }, adminOnA);
    expect(disabled.body.data?.disableUser).toEqual({ disabled: true });
    expect((await b.gql(ME, {}, second)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await b.gql(LOGIN, { u: 'chief', p: NEW_PASSWORD })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a load handed to A is seen by B at once: B’s cached answers are not served after it', async () => {
    expect(await receivedIn(b, '140100')).toBe(2);
    expect(await receivedIn(a, '140100')).toBe(2);
    // Written behind the ledger's back (tests only): both cached answers stand — proof that B serves from its cache.
    await insertCases(a.stores.ch, [
      caseRecord({ caseId: 'K2', kind: 'CONSULTATION', registeredAt: '2026-03-03 09:00:00', handlingUnitCode: '140105' }),
    ]);
    expect(await receivedIn(b, '140100')).toBe(2);

    const file = path.join(a.config.dataDir, 'k3.csv');
    fs.writeFileSync(
      file,
      '\uFEFF登记编号,业务类型,登记时间,接收渠道,承办单位,承办单位代码,处理状态,更新时间\r\n' +
        'K3,咨询,2026-03-04 09:00,12315热线,小店区市场监督管理局,140105,处理中,2026-03-04 09:00\r\n',
    );
    const handed = await fetch(`${a.url}/internal/loads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Local test-local-token' },
      body: JSON.stringify({ files: [file], rejectsDir: a.config.dataDir, runBy: 'several-instances-test' }),
    });
    expect(await handed.text()).toContain('"type":"end","ok":true');
    // The very next request to B: K2 and K3 both counted.
    expect(await receivedIn(b, '140100')).toBe(4);
    expect(await receivedIn(a, '140100')).toBe(4);
  });

  test('a ranking configuration saved through A is the one B’s next ranking uses', async () => {
    const before = (await ranking(b, '2026-01')).configVersion;
    const current = await a.gql('{ rankingConfig { version indicators { id weight target floor } } }', {}, adminOnA);
    const config = current.body.data?.rankingConfig as { version: number; indicators: unknown[] };
    expect(config.version).toBe(before);
    const saved = await a.gql(
      `mutation($i: [RankingIndicatorParamsInput!]!, $v: Int) {
        updateRankingConfig(indicators: $i, note: "several instances", baseVersion: $v) { version } }`,
      { i: config.indicators, v: config.version },
      adminOnA,
    );
    expect(saved.body.errors).toBeUndefined();
    expect((saved.body.data?.updateRankingConfig as { version: number }).version).toBe(before + 1);
    expect((await ranking(b, '2026-01')).configVersion).toBe(before + 1);
  });

  test('a month published on A is published on B', async () => {
    expect((await ranking(b, '2026-03')).published).toBe(false);
    const published = await a.gql(PUBLISH, { m: '2026-03' }, adminOnA);
    expect(published.body.errors).toBeUndefined();
    const onA = published.body.data?.publishRanking as { published: boolean; publishedAt: string };
    expect(onA.published).toBe(true);
    const onB = await ranking(b, '2026-03');
    expect(onB).toMatchObject({ published: true, publishedAt: onA.publishedAt });
    expect(await ranking(a, '2026-03')).toEqual(onB);
    // B cannot publish it again.
    const again = await b.gql(PUBLISH, { m: '2026-03' }, await tokenOn(b, 'admin'));
    expect(again.body.errors?.[0]?.message).toMatch(/already published/);
  });

  test('publishing one month on A and B at once publishes it exactly once, its 通报 delivered once', async () => {
    const adminOnB = await tokenOn(b, 'admin');
    const answers = await Promise.all([a.gql(PUBLISH, { m: '2026-02' }, adminOnA), b.gql(PUBLISH, { m: '2026-02' }, adminOnB)]);
    const won = answers.filter((r) => !r.body.errors);
    const refused = answers.filter((r) => r.body.errors);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused[0]?.body.errors?.[0]?.message).toMatch(/already published/);

    const em = a.stores.orm.em.fork();
    expect(await em.count(RankingSnapshot, { month: '2026-02', level: 'CITY', parentCode: '140000' })).toBe(1);
    const audited = await em.find(AuditEntry, { action: 'RANKING_PUBLISHED' });
    expect(audited.filter((e) => e.target === '2026-02 CITY 140000')).toHaveLength(1);
    const deliveries = await em.find(NoticeDelivery, { month: '2026-02', parentCode: '140000' });
    const cities = deliveries.map((d) => d.cityCode);
    expect(cities.length).toBeGreaterThan(0);
    expect(new Set(cities).size).toBe(cities.length);
    const publishedAt = (won[0]?.body.data?.publishRanking as { publishedAt: string }).publishedAt;
    for (const server of [a, b]) expect(await ranking(server, '2026-02')).toMatchObject({ published: true, publishedAt });
  });
});
