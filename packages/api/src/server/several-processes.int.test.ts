/**
 * Two api processes (`packages/api/src/main.ts`, as `pnpm start` runs it) on one PostgreSQL metadata database
 * (README "Several api instances"): what they must agree on that lives in the metadata DB is checked across real
 * process boundaries — sign-in failures on A count on B, a token revoked through A is refused by B, a month published
 * on A is published on B, and publishing on both at once publishes it exactly once.
 *
 * Each process owns an embedded case store of its own (chdb: one process per data dir), so what needs one shared case
 * store — a load through A answered by B — is tested in one process (several-instances.int.test.ts) until the
 * ClickHouse HTTP test server lets both processes use one store: then start both with its CLICKHOUSE_URL here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ApiServer, startApiServer } from '@c12315/etl/test-support/processes';
import { AuditEntry, LoginFailure, loadConfig, openMetadataStore, RankingSnapshot } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { databaseUrlFor, metadataBackends } from '../../test-support/metadata-backends';
import { createUserAccount } from '../auth/user-accounts.service';

// Two servers starting (engine migrations, read model) on a shared 2-core machine, argon2id for real.
jest.setTimeout(300_000);

const PASSWORD = 'Shanxi2026pass';
const NEW_PASSWORD = 'Shanxi2026next';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const ME = '{ me { username } }';
const PUBLISH = `mutation($m: String!) { publishRanking(month: $m, level: CITY, parentCode: "140000", asOf: "2026-04-10") {
  published publishedAt } }`;
const RANKING = `query($m: String!) { ranking(month: $m, level: CITY, parentCode: "140000", asOf: "2026-04-10") {
  published publishedAt } }`;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
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

describe('two api processes on one PostgreSQL metadata database', () => {
  const dirs: string[] = [];
  let orm: MikroORM;
  let a: ApiServer;
  let b: ApiServer;
  let adminOnA: string;

  beforeAll(async () => {
    const databaseUrl = (await databaseUrlFor('PostgreSQL')) as string;
    for (const name of ['meta', 'a', 'b']) dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), `several-processes-${name}-`)));
    // Migrated once here, so the two servers start on a current schema.
    orm = await openMetadataStore({ ...loadConfig({ DATA_DIR: dirs[0] as string }), databaseUrl });
    const who = { actor: 'several-processes-test' };
    await createUserAccount(orm, { username: 'admin', password: PASSWORD, role: 'PROVINCE_ADMIN', regionCode: '140000' }, who);
    await createUserAccount(orm, { username: 'chief', password: PASSWORD, role: 'CITY_CHIEF', regionCode: '140100' }, who);
    await createUserAccount(orm, { username: 'analyst', password: PASSWORD, role: 'ANALYST', regionCode: '140000' }, who);
    // One token secret for both, as production requires of every instance.
    const env = { DATABASE_URL: databaseUrl, AUTH_SECRET: 'several-processes-test-secret-0123456789abcdef' };
    [a, b] = await Promise.all([startApiServer(dirs[1] as string, { env }), startApiServer(dirs[2] as string, { env })]);
    adminOnA = await tokenOn(a, 'admin');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(30_000), b?.stop(30_000)]);
    await orm?.close(true);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('two processes: their own pid and port', () => {
    expect(a.child.pid).not.toBe(b.child.pid);
    expect(a.port).not.toBe(b.port);
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
    }
    expect(await orm.em.fork().count(LoginFailure, { key: 'u:analyst' })).toBe(5);
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

  test('a month published on A is published on B; publishing on both at once publishes exactly once', async () => {
    const adminOnB = await tokenOn(b, 'admin');
    const published = await gql(a, PUBLISH, { m: '2026-03' }, adminOnA);
    expect(published.errors).toBeUndefined();
    const { publishedAt } = published.data?.publishRanking as { publishedAt: string };
    expect((await gql(b, RANKING, { m: '2026-03' }, adminOnB)).data?.ranking).toEqual({ published: true, publishedAt });

    const answers = await Promise.all([gql(a, PUBLISH, { m: '2026-02' }, adminOnA), gql(b, PUBLISH, { m: '2026-02' }, adminOnB)]);
    expect(answers.filter((r) => !r.errors)).toHaveLength(1);
    const refused = answers.filter((r) => r.errors);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.errors?.[0]?.message).toMatch(/already published/);
    const em = orm.em.fork();
    expect(await em.count(RankingSnapshot, { month: '2026-02', level: 'CITY', parentCode: '140000' })).toBe(1);
    expect(await em.count(AuditEntry, { action: 'RANKING_PUBLISHED', target: '2026-02 CITY 140000' })).toBe(1);
  });
});
