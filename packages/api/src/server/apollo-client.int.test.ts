/**
 * Client test (issue "GraphQL API" §Tests): the REAL server process (`node -r @swc-node/register
 * packages/api/src/main.ts`, DEMO=1, temp DATA_DIR, free PORT) queried with `@apollo/client` as the dashboard does.
 * While it runs, the ETL CLI loads a generated export: the CLI hands the file to the server (ARCHITECTURE.md "one owner
 * per store") and the new cases are visible through GraphQL at once, without a restart. After SIGTERM the CLI loads
 * directly. The server is killed in afterAll whatever happens.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../../..');
const NODE_ARGS = ['-r', '@swc-node/register'];

/** The parts of @apollo/client 4 this test uses (the package is a dashboard dependency, typed here by hand). */
interface ApolloClientLike {
  query<T>(options: { query: unknown; variables?: Record<string, unknown>; fetchPolicy?: string; context?: unknown }): Promise<{
    data: T | undefined;
  }>;
  mutate<T>(options: { mutation: unknown; variables?: Record<string, unknown> }): Promise<{ data?: T | null }>;
  stop(): void;
}
interface ApolloModule {
  ApolloClient: new (options: { link: unknown; cache: unknown }) => ApolloClientLike;
  HttpLink: new (options: { uri: string; headers?: Record<string, string> }) => unknown;
  InMemoryCache: new () => unknown;
  gql: (source: string) => unknown;
}
const apollo = require(require.resolve('@apollo/client', { paths: [path.join(ROOT, 'packages/dashboard')] })) as ApolloModule;
const { gql } = apollo;

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNode(args: string[], env: NodeJS.ProcessEnv, onStderr?: (soFar: string) => void): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      onStderr?.(stderr);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dataDir: string;
let env: NodeJS.ProcessEnv;
let server: ChildProcess | null = null;
let serverOut = '';
let serverExit: Promise<number | null>;
let baseUrl: string;
let exportFile: string;
const passwords = new Map<string, { password: string; role: string; regionCode: string }>();

function clientFor(token: string | null): ApolloClientLike {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return new apollo.ApolloClient({
    link: new apollo.HttpLink({ uri: `${baseUrl}/graphql`, headers }),
    cache: new apollo.InMemoryCache(),
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apollo-client-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    DEMO: '1',
    NODE_ENV: 'development',
  };
  delete env.CLICKHOUSE_URL;
  delete env.DATABASE_URL;
  exportFile = path.join(dataDir, 'inbox-export.csv');
  // The export is generated (by the ETL CLI) while the server starts: two processes, two cores.
  const generated = runNode(
    [
      'packages/etl/src/cli.ts',
      'generate',
      ...['--rows', '400', '--seed', 'client-test', '--from', '2026-08', '--to', '2026-09'],
      ...['--province', '140000', '--format', 'csv', '--out', exportFile, '--dirty-share', '0'],
    ],
    env,
  );
  server = spawn(process.execPath, [...NODE_ARGS, 'packages/api/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => {
    serverOut += d.toString('utf8');
  });
  server.stderr?.on('data', (d: Buffer) => {
    serverOut += d.toString('utf8');
  });
  serverExit = new Promise((resolve) => server?.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited ${server.exitCode}:\n${serverOut}`);
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy && /analyst/.test(serverOut)) break;
    if (Date.now() > deadline) throw new Error(`server not healthy in time:\n${serverOut}`);
    await sleep(250);
  }
  // "  admin        <password>  PROVINCE_ADMIN 140000" (wire.ts announce)
  for (const m of serverOut.matchAll(/^ {2}(\S+) +(\S+) {2}([A-Z_]+) (\d{6})$/gm)) {
    passwords.set(m[1] as string, { password: m[2] as string, role: m[3] as string, regionCode: m[4] as string });
  }
  const gen = await generated;
  if (gen.code !== 0) throw new Error(`generate failed: ${gen.stderr}`);
});

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
    await serverExit;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const LOGIN =
  'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username role regionCode } } }';
const OVERDUE =
  'query Overdue { overdueCases(first: 5) { totalCount nodes { caseId handlingUnitCode dueDate overdueWorkdays } } }';
const RECEIVED = `query Received($f: CaseFilter!) {
  metrics(indicatorIds: ["received"], groupBy: [CITY, MONTH], filter: $f) { keys { dimension code label } values { indicatorId value } }
}`;
const RANKING = `query Ranking($m: String!) {
  ranking(month: $m) { month level parentCode published rows { region { code name } rank score } totals { indicatorId value } }
}`;

interface MetricRowData {
  keys: { dimension: string; code: string; label: string }[];
  values: { indicatorId: string; value: number | null }[];
}

async function signIn(username: string): Promise<ApolloClientLike> {
  const account = passwords.get(username);
  if (!account) throw new Error(`no demo password printed for ${username}:\n${serverOut}`);
  const res = await clientFor(null).mutate<{ login: { token: string; user: unknown } }>({
    mutation: gql(LOGIN),
    variables: { u: username, p: account.password },
  });
  expect(res.data?.login.user).toEqual({ __typename: 'User', username, role: account.role, regionCode: account.regionCode });
  return clientFor(res.data?.login.token ?? null);
}

const sumReceived = (rows: MetricRowData[]) => rows.reduce((n, r) => n + (r.values[0]?.value ?? 0), 0);

test('`pnpm start`’s command line (node -r @swc-node/register, no SWC_NODE_PROJECT) compiles the api’s decorators', async () => {
  const plain = { ...process.env };
  delete plain.SWC_NODE_PROJECT;
  delete plain.TS_NODE_PROJECT;
  const res = await runNode(['-e', 'require("reflect-metadata"); require("./packages/api/src/common/graphql-types.ts")'], plain);
  // The root tsconfig.json is swc-node's default project: without it `pnpm start` dies on `@ObjectType()`.
  expect(res.stderr).not.toMatch(/Expression expected/);
  expect(res.code).toBe(0);
});

describe('the running server, through @apollo/client', () => {
  test('demo mode printed one random password per role', () => {
    expect([...passwords.keys()].sort()).toEqual(['admin', 'analyst', 'chief', 'foodsafety', 'supervisor']);
    expect(passwords.get('admin')).toMatchObject({ role: 'PROVINCE_ADMIN', regionCode: '140000' });
    expect(passwords.get('chief')).toMatchObject({ role: 'CITY_CHIEF', regionCode: '140100' });
    expect(new Set([...passwords.values()].map((a) => a.password)).size).toBe(5);
  });

  test('an ETL load while the server runs is handed to it, and its cases are visible at once', async () => {
    const admin = await signIn('admin');
    const filter = { from: '2026-08-01', to: '2026-09-30' };
    const before = await admin.query<{ metrics: MetricRowData[] }>({ query: gql(RECEIVED), variables: { f: filter } });
    expect(sumReceived(before.data?.metrics ?? [])).toBe(0);

    const load = await runNode(['packages/etl/src/cli.ts', 'load', exportFile], env);
    expect(load.code).toBe(0);
    expect(load.stderr).toMatch(/api server \(pid \d+\) holds the store: handing the load to it/);
    const inserted = Number(/新增案件 cases inserted:\s+(\d+)/.exec(load.stdout)?.[1]);
    expect(load.stdout).toMatch(/读取行数 rows read:\s+400\b/);
    expect(load.stdout).toMatch(/拒绝行数 rejected:\s+0\b/);
    expect(inserted).toBeGreaterThan(300); // 400 rows, a few of them later versions of the same case at most
    // The new data's default rankings are computed in the background (ranking-warmup.ts): Shanxi's city ranking and
    // its cities' county rankings.
    const warmDeadline = Date.now() + 30_000;
    while (!/ranking cache warmed \(after a load\)/.test(serverOut) && Date.now() < warmDeadline) await sleep(200);
    expect(serverOut).toMatch(/ranking cache warmed \(after a load\): \d{4}-\d{2}, 12 rankings of 140000 in \d+ ms/);
    expect(serverOut).not.toMatch(/warm-up failed|ranking warm-up:/);

    // Same client, no restart: the cache is bypassed and the server reads the new data.
    const after = await admin.query<{ metrics: MetricRowData[] }>({
      query: gql(RECEIVED),
      variables: { f: filter },
      fetchPolicy: 'network-only',
    });
    const rows = after.data?.metrics ?? [];
    expect(sumReceived(rows)).toBe(inserted);
    expect(new Set(rows.map((r) => r.keys[1]?.code))).toEqual(new Set(['2026-08', '2026-09']));
    expect(rows.every((r) => r.keys[0]?.code === '' || r.keys[0]?.code.startsWith('14'))).toBe(true);

    const ranking = await admin.query<{
      ranking: { rows: { region: { code: string }; rank: number | null }[]; totals: { indicatorId: string; value: number }[] };
    }>({ query: gql(RANKING), variables: { m: '2026-09' }, fetchPolicy: 'network-only' });
    const cities = ranking.data?.ranking.rows ?? [];
    expect(cities).toHaveLength(11); // 山西省: 11 cities, every one with a row
    expect(cities.filter((c) => c.rank !== null).length).toBeGreaterThan(0);
    const septReceived = sumReceived(rows.filter((r) => r.keys[1]?.code === '2026-09'));
    expect(ranking.data?.ranking.totals.find((t) => t.indicatorId === 'received')?.value).toBe(septReceived);

    const overdue = await admin.query<{
      overdueCases: { totalCount: number; nodes: { caseId: string; handlingUnitCode: string }[] };
    }>({ query: gql(OVERDUE), fetchPolicy: 'network-only' });
    expect(overdue.data?.overdueCases.totalCount).toBeGreaterThan(0);
    expect(overdue.data?.overdueCases.nodes.length).toBe(Math.min(5, overdue.data?.overdueCases.totalCount ?? 0));
    expect(overdue.data?.overdueCases.nodes.every((n) => n.handlingUnitCode.startsWith('14'))).toBe(true);
  });

  test('a city chief sees its own city’s overdue cases only; another city is an error, not an empty list', async () => {
    const chief = await signIn('chief');
    const own = await chief.query<{ overdueCases: { nodes: { handlingUnitCode: string }[] } }>({ query: gql(OVERDUE) });
    expect(own.data?.overdueCases.nodes.every((n) => n.handlingUnitCode.startsWith('1401'))).toBe(true);
    await expect(
      chief.query({ query: gql('query { overdueCases(regionCode: "140200") { totalCount } }') }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })],
    });
  });

  test('SIGTERM lets a handed-over load finish; then the server exits cleanly and the CLI loads directly', async () => {
    const lateFile = path.join(dataDir, 'late-export.csv');
    const gen = await runNode(
      [
        'packages/etl/src/cli.ts',
        'generate',
        ...['--rows', '30000', '--seed', 'late', '--from', '2026-10', '--to', '2026-10'],
        ...['--province', '140000', '--format', 'csv', '--out', lateFile, '--dirty-share', '0'],
      ],
      env,
    );
    expect(gen.code).toBe(0);
    let handedOver: () => void = () => undefined;
    const handed = new Promise<void>((resolve) => {
      handedOver = resolve;
    });
    const late = runNode(['packages/etl/src/cli.ts', 'load', lateFile], env, (soFar) => {
      if (/handing the load/.test(soFar)) handedOver();
    });
    await handed;
    await sleep(500); // the request reaches the server; loading 30 000 rows takes seconds
    server?.kill('SIGTERM');
    const lateLoad = await late;
    expect(await serverExit).toBe(0);
    // The load was in flight when the signal came (else this test proves nothing), and it finished.
    expect(serverOut).toMatch(/SIGTERM: shutting down \([1-9]\d* request\(s\) in flight\)/);
    expect(lateLoad.code).toBe(0);
    expect(lateLoad.stdout).toMatch(/新增案件 cases inserted:\s+[1-9]/);
    expect(fs.existsSync(path.join(dataDir, 'api-server.json'))).toBe(false);
    const load = await runNode(['packages/etl/src/cli.ts', 'load', exportFile], env);
    expect(load.code).toBe(0);
    expect(load.stderr).not.toMatch(/handing the load/);
    expect(load.stdout).toMatch(/新增案件 cases inserted:\s+0\b/); // the same file again: nothing new
    expect(load.stdout).toMatch(/未变化 {3}unchanged:\s+\d+/);
  });
});
