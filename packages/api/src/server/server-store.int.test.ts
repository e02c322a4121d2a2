/**
 * The product on a ClickHouse server store (`CLICKHOUSE_URL`), every part a process of its own as in production: the
 * server is the test-support HTTP server in front of chdb (clickhouse-http-server.ts), `pnpm etl load` loads into it
 * (migrations, the row-by-row writer, the read model), the api server answers from it over GraphQL. The same export
 * loaded into an embedded store must answer exactly the same (every GraphQL answer of store-answers.ts, the store
 * digest), and a load run while the api server is up is seen by it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateExport } from '@c12315/etl';
import { type ClickHouseHttpServer, spawnClickHouseHttpServer } from '@c12315/store/test-support/clickhouse-http-server';
import { finished, freePort, postGraphql, printed, runOk, start } from '../../test-support/cli-process';

const PROVINCE = '140000';
const MONTHS = ['2026-08', '2026-09', '2026-10'];
const AS_OF = '2026-11-16';
const PASSWORD = 'Server-2026-pass';

let root: string;
let clickhouse: ClickHouseHttpServer | undefined;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'server-store-'));
});
afterAll(async () => {
  await clickhouse?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** The GraphQL answers of store-answers.ts (its metadata rows hold paths and times of their own) and the digest. */
async function storeState(env: Record<string, string>): Promise<{ answers: unknown; digest: unknown }> {
  const { answers } = JSON.parse(await runOk('answers', [PROVINCE, AS_OF, ...MONTHS], env)) as { answers: unknown };
  return { answers, digest: JSON.parse(await runOk('digest', [], env)) };
}

test('loaded by the CLI and answered by the api server through CLICKHOUSE_URL, exactly as the embedded store', async () => {
  const first = path.join(root, 'first.csv');
  const second = path.join(root, 'second.jsonl');
  const common = { from: MONTHS[0] as string, to: MONTHS.at(-1) as string, provinceCode: PROVINCE };
  await generateExport({ ...common, rows: 800, seed: '11', format: 'csv', encoding: 'utf-8', out: first });
  await generateExport({ ...common, rows: 400, seed: '12', format: 'jsonl', out: second });

  const embedded = { DATA_DIR: path.join(root, 'embedded') };
  await runOk('etl', ['load', first], embedded);

  const serverDir = path.join(root, 'server');
  clickhouse = await spawnClickHouseHttpServer(path.join(serverDir, 'clickhouse'));
  const onServer = { DATA_DIR: serverDir, CLICKHOUSE_URL: clickhouse.url };
  await runOk('etl', ['load', first], onServer);
  const [embeddedState, serverState] = [await storeState(embedded), await storeState(onServer)];
  expect((serverState.digest as { cases: number }).cases).toBeGreaterThan(700);
  expect(serverState).toEqual(embeddedState);

  // The api server on the server store; a load run beside it (another process) is seen by it.
  await runOk(
    'api',
    ['users', 'add', '--username', 'sx-admin', '--password', PASSWORD, '--role', 'PROVINCE_ADMIN', '--region', PROVINCE],
    onServer,
  );
  const port = await freePort();
  const api = start('server', [], { ...onServer, PORT: String(port) });
  const apiDone = finished(api);
  const casesQuery = `query($f: CaseFilter!) { cases(filter: $f, first: 1) { totalCount } }`;
  const filter = { f: { regionCode: PROVINCE, from: `${MONTHS[0]}-01`, to: '2026-10-31' } };
  try {
    await printed(api, 'stdout', /listening/);
    const login = (await postGraphql(port, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: 'sx-admin',
      p: PASSWORD,
    })) as { login: { token: string } };
    const token = login.login.token;
    // The query store-answers.ts asks: the api server's answer over HTTP is the embedded store's.
    const ranking = await postGraphql(
      port,
      'query($m: String!, $p: String, $a: Date) { ranking(month: $m, level: CITY, parentCode: $p, asOf: $a) { published configVersion rows { region { code } rank score noScore } } }',
      { m: '2026-09', p: PROVINCE, a: AS_OF },
      token,
    );
    expect((ranking.ranking as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    expect(ranking).toEqual((embeddedState.answers as Record<string, unknown>)['ranking 2026-09']);
    const before = (await postGraphql(port, casesQuery, filter, token)).cases as { totalCount: number };
    await runOk('etl', ['load', second], onServer);
    const after = (await postGraphql(port, casesQuery, filter, token)).cases as { totalCount: number };
    expect(after.totalCount).toBeGreaterThan(before.totalCount);
  } finally {
    api.kill('SIGTERM');
    await apiDone;
  }
}, 600_000);
