/**
 * Two api processes (`packages/api/src/main.ts`, as `pnpm start` runs it) on one case store and one metadata database,
 * as in production (issue 16 §5, README "Several api instances"): the case store is a ClickHouse server — the
 * test-support HTTP server in front of chdb (clickhouse-http-server.ts) in a process of its own, or a real server when
 * CLICKHOUSE_TEST_URL names one (clickhouse-test-path.ts) — reached by both through CLICKHOUSE_URL, the metadata a
 * throwaway PostgreSQL reached through DATABASE_URL. Each process keeps its own memory (read cache, warm-up, mail
 * retries); what they must agree on is checked across the process boundaries:
 * sign-in failures on A count on B, a token revoked through A is refused by B, a load is seen by both at once (their
 * cached answers are not served after it), a month published on A is published on B, and publishing on both at once
 * publishes it exactly once.
 *
 * On a server store no instance owns the store, so `pnpm etl load` does not hand its files to one (packages/etl/src/
 * cli.ts: the handle is for the embedded store's single owner); it loads itself, beside the instances, as the loader
 * job of infra/compose does. The in-process variant of these checks, which also hands a load to one instance's
 * POST /internal/loads and runs on SQLite too, is several-instances.int.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Stores } from '@c12315/etl';
import { openStores } from '@c12315/etl';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { type ApiServer, startApiServer } from '@c12315/etl/test-support/processes';
import { AuditEntry, embeddedBulkInsert, LoadLedgerEntry, LoginFailure, loadConfig, RankingSnapshot } from '@c12315/store';
import { clickHouseTestPath, openTestClickHouse, type TestClickHouse } from '@c12315/store/test-support/clickhouse-test-path';
import { runOk } from '../../test-support/cli-process';
import { databaseUrlFor, metadataBackends } from '../../test-support/metadata-backends';
import { createUserAccount } from '../auth/user-accounts.service';

// A ClickHouse HTTP server and two api servers starting on a shared 2-core machine, argon2id for real, a CLI load.
jest.setTimeout(300_000);

const PASSWORD = 'Shanxi2026pass';
const NEW_PASSWORD = 'Shanxi2026next';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const ME = '{ me { username } }';
const PUBLISH = `mutation($m: String!) { publishRanking(month: $m, level: CITY, parentCode: "140000", asOf: "2026-04-10") {
  published publishedAt } }`;
const RANKING = `query($m: String!) { ranking(month: $m, level: CITY, parentCode: "140000", asOf: "2026-04-10") {
  published publishedAt rows { region { code } values { indicatorId value } } } }`;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
interface RankingAnswer {
  published: boolean;
  publishedAt: string | null;
  rows: { region: { code: string }; values: { indicatorId: string; value: number | null }[] }[];
}

async function gql(server: ApiServer, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

async function tokenOn(server: ApiServer, username: string, password = PASSWORD): Promise<string> {
  const answer = await gql(server, LOGIN, { u: username, p: password });
  expect(answer.errors).toBeUndefined();
  return (answer.data?.login as { token: string }).token;
}

// The production path (several instances need a metadata DB they can all reach); SQLite is one machine's file.
metadataBackends();

describe('two api processes on one ClickHouse server store and one PostgreSQL metadata database', () => {
  let root: string;
  let clickhouse: TestClickHouse;
  /** The test's own view of the shared stores (a third client of each), as a loader job has. */
  let stores: Stores;
  let serverEnv: Record<string, string>;
  let a: ApiServer;
  let b: ApiServer;
  let adminOnA: string;

  const ranking = async (server: ApiServer, month: string, token = adminOnA) => {
    const answer = await gql(server, RANKING, { m: month }, token);
    expect(answer.errors).toBeUndefined();
    return answer.data?.ranking as RankingAnswer;
  };
  const receivedIn = async (server: ApiServer, city: string) =>
    (await ranking(server, '2026-03')).rows.find((r) => r.region.code === city)?.values.find((v) => v.indicatorId === 'received')
      ?.value;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'several-processes-'));
    const databaseUrl = (await databaseUrlFor('PostgreSQL')) as string;
    // The HTTP test server in a process of its own on root/clickhouse; a real server when CLICKHOUSE_TEST_URL names one.
    clickhouse = await openTestClickHouse(
      root,
      clickHouseTestPath() === 'server' ? process.env : { CLICKHOUSE_TEST_PATH: 'http' },
    );
    serverEnv = { CLICKHOUSE_URL: clickhouse.url as string, DATABASE_URL: databaseUrl };
    // Both stores migrated once here, so the two servers start on current schemas.
    stores = await openStores(loadConfig({ DATA_DIR: path.join(root, 'test'), ...serverEnv }), () => undefined);
    const who = { actor: 'several-processes-test' };
    await createUserAccount(
      stores.orm,
      { username: 'admin', password: PASSWORD, role: 'PROVINCE_ADMIN', regionCode: '140000' },
      who,
    );
    await createUserAccount(stores.orm, { username: 'chief', password: PASSWORD, role: 'CITY_CHIEF', regionCode: '140100' }, who);
    await createUserAccount(stores.orm, { username: 'analyst', password: PASSWORD, role: 'ANALYST', regionCode: '140000' }, who);
    await insertCases(stores.ch, [
      caseRecord({ caseId: 'K1', kind: 'CONSULTATION', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '140105' }),
      caseRecord({ caseId: 'C1', kind: 'COMPLAINT', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '140105' }),
      caseRecord({ caseId: 'C2', kind: 'COMPLAINT', registeredAt: '2026-03-02 09:00:00', handlingUnitCode: '140213' }),
      caseRecord({ caseId: 'F1', kind: 'COMPLAINT', registeredAt: '2026-02-03 09:00:00', handlingUnitCode: '140105' }),
    ]);
    // One token secret for both, as production requires of every instance; each its own DATA_DIR (its own machine).
    const env = { ...serverEnv, AUTH_SECRET: 'several-processes-test-secret-0123456789abcdef' };
    [a, b] = await Promise.all([startApiServer(path.join(root, 'a'), { env }), startApiServer(path.join(root, 'b'), { env })]);
    adminOnA = await tokenOn(a, 'admin');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(30_000), b?.stop(30_000)]);
    await stores?.close();
    await clickhouse?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('two processes, each on the server store (no embedded engine, no server handle) and the same data', async () => {
    expect(a.child.pid).not.toBe(b.child.pid);
    expect(a.port).not.toBe(b.port);
    clickhouse.assertTaken(stores.ch);
    expect(embeddedBulkInsert(stores.ch)).toBeNull();
    // An api server owning an embedded store leaves its handle in its DATA_DIR; on a server store neither does.
    for (const dir of ['a', 'b']) expect(fs.existsSync(path.join(root, dir, 'api-server.json'))).toBe(false);
    for (const dir of ['a', 'b']) expect(fs.existsSync(path.join(root, dir, 'clickhouse'))).toBe(false);
    // The cases the test wrote through the server are answered by both.
    expect(await receivedIn(a, '140100')).toBe(2);
    expect(await receivedIn(b, '140200')).toBe(1);
  });

  test('sign-in failures are counted across processes: 3 on A and 2 on B trip the limit on both', async () => {
    for (const [server, n] of [
      [a, 3],
      [b, 2],
    ] as const) {
      for (let i = 0; i < n; i++) {
        expect((await gql(server, LOGIN, { u: 'analyst', p: `Wrong${i}password` })).errors?.[0]?.extensions?.code).toBe(
          'UNAUTHENTICATED',
        );
      }
    }
    for (const server of [a, b]) {
      const limited = await gql(server, LOGIN, { u: 'analyst', p: PASSWORD });
      expect(limited.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
      expect(limited.data ?? null).toBeNull();
    }
    expect(await stores.orm.em.fork().count(LoginFailure, { key: 'u:analyst' })).toBe(5);
    // Another account from the same address still signs in, on either process.
    expect(await tokenOn(b, 'chief')).toMatch(/^ey/);
  });

  test('a token revoked through A (password reset, then account disabled) is refused by B at once', async () => {
    const first = await tokenOn(b, 'chief');
    expect((await gql(b, ME, {}, first)).data?.me).toEqual({ username: 'chief' });
    expect((await gql(a, ME, {}, first)).data?.me).toEqual({ username: 'chief' });
    const reset = await gql(
      a,
      'mutation($u: String!, $p: String!) { resetPassword(username: $u, password: $p) { username } }',
      { u: 'chief', p: NEW_PASSWORD },
      adminOnA,
    );
    expect(reset.errors).toBeUndefined();
    expect((await gql(b, ME, {}, first)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const second = await tokenOn(b, 'chief', NEW_PASSWORD);
    expect((await gql(b, ME, {}, second)).data?.me).toEqual({ username: 'chief' });
    const disabled = await gql(a, 'mutation($u: String!) { disableUser(username: $u) { disabled } }', { u: 'chief' }, adminOnA);
    expect(disabled.data?.disableUser).toEqual({ disabled: true });
    expect((await gql(b, ME, {}, second)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a load (`pnpm etl load` on the server store) is seen by both at once: their cached answers are not served after it', async () => {
    expect(await receivedIn(a, '140100')).toBe(2);
    expect(await receivedIn(b, '140100')).toBe(2);
    // Written behind the ledger's back (tests only): both cached answers stand — proof that each serves from its cache.
    await insertCases(stores.ch, [
      caseRecord({ caseId: 'K2', kind: 'CONSULTATION', registeredAt: '2026-03-03 09:00:00', handlingUnitCode: '140105' }),
    ]);
    expect(await receivedIn(a, '140100')).toBe(2);
    expect(await receivedIn(b, '140100')).toBe(2);

    const file = path.join(root, 'k3.csv');
    fs.writeFileSync(
      file,
      '\uFEFF登记编号,业务类型,登记时间,接收渠道,承办单位,承办单位代码,处理状态,更新时间\r\n' +
        'K3,咨询,2026-03-04 09:00,12315热线,小店区市场监督管理局,140105,处理中,2026-03-04 09:00\r\n',
    );
    const ledgerBefore = await stores.orm.em.fork().count(LoadLedgerEntry, { status: 'SUCCEEDED' });
    await runOk('etl', ['load', file], { DATA_DIR: path.join(root, 'loader'), ...serverEnv });
    expect(await stores.orm.em.fork().count(LoadLedgerEntry, { status: 'SUCCEEDED' })).toBe(ledgerBefore + 1);
    // The very next request to either: K2 and K3 both counted.
    expect(await receivedIn(b, '140100')).toBe(4);
    expect(await receivedIn(a, '140100')).toBe(4);
  });

  test('a month published on A is published on B; publishing on both at once publishes exactly once', async () => {
    const adminOnB = await tokenOn(b, 'admin');
    expect((await ranking(b, '2026-03', adminOnB)).published).toBe(false);
    const published = await gql(a, PUBLISH, { m: '2026-03' }, adminOnA);
    expect(published.errors).toBeUndefined();
    const { publishedAt } = published.data?.publishRanking as { publishedAt: string };
    const onB = await ranking(b, '2026-03', adminOnB);
    expect(onB).toMatchObject({ published: true, publishedAt });
    expect(await ranking(a, '2026-03')).toEqual(onB);
    const again = await gql(b, PUBLISH, { m: '2026-03' }, adminOnB);
    expect(again.errors?.[0]?.message).toMatch(/already published/);

    const answers = await Promise.all([gql(a, PUBLISH, { m: '2026-02' }, adminOnA), gql(b, PUBLISH, { m: '2026-02' }, adminOnB)]);
    expect(answers.filter((r) => !r.errors)).toHaveLength(1);
    const refused = answers.filter((r) => r.errors);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused[0]?.errors?.[0]?.message).toMatch(/already published/);
    const em = stores.orm.em.fork();
    expect(await em.count(RankingSnapshot, { month: '2026-02', level: 'CITY', parentCode: '140000' })).toBe(1);
    expect(await em.count(AuditEntry, { action: 'RANKING_PUBLISHED', target: '2026-02 CITY 140000' })).toBe(1);
    const won = answers.find((r) => !r.errors)?.data?.publishRanking as { publishedAt: string };
    for (const server of [a, b]) {
      expect(await ranking(server, '2026-02', server === a ? adminOnA : adminOnB)).toMatchObject({
        published: true,
        publishedAt: won.publishedAt,
      });
    }
  });
});
