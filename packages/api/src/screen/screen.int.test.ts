/**
 * The command-centre screen (issue 15) over the real HTTP app, real chdb and SQLite, on the golden fixture (Shanxi):
 *  - every number of `screen` equals the existing field asked the same question (metrics, overdueCases, ranking,
 *    foodSafetyHotspots), so no rule is restated;
 *  - the SCREEN role (added with `users add --role SCREEN`) reads `me` and `screen` of its own region and nothing else,
 *    its token lasts 30 days;
 *  - GET /events sends `data-changed` when a load handed to the server finishes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadGoldenFixture } from '../../test-support/golden-fixture';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { runUsersCommand } from '../users/users.command';

jest.setTimeout(120_000);

const GOLDEN_CSV = path.resolve(__dirname, '../../../etl/test-fixtures/golden/cases-utf8-bom.csv');
const PASSWORD = 'Screen2026pass';
const DATE = '2026-01-13';
const MONTH = '2026-01';

let server: TestServer;
let tmp: string;
const tokens: Record<string, string> = {};

const SCREEN_QUERY = `query($r: String, $d: Date) { screen(regionCode: $r, date: $d) {
  regionCode regionName date month unitLevel unitRegions { code name }
  intake { date sameDayLastMonth today todayLastMonth monthToDate lastMonthToDate }
  unitIntake { keys { dimension code label } values { indicatorId value } }
  unitStanding { keys { dimension code label } values { indicatorId value numerator denominator } }
  ranking { month parentCode asOf published rows { region { code name } rank score } }
  hotspots { month regionCode operators { operatorKey operatorName count spike } industries { keys { code } values { indicatorId value } } }
  channels { keys { code label } values { value } }
  kinds { keys { code label } values { value } }
} }`;

interface MetricRow {
  keys: { dimension?: string; code: string; label?: string }[];
  values: { indicatorId?: string; value: number | null }[];
}
interface ScreenAnswer {
  regionCode: string;
  unitLevel: string;
  unitRegions: { code: string; name: string }[];
  intake: Record<string, number | string>;
  unitIntake: MetricRow[];
  unitStanding: MetricRow[];
  ranking: unknown;
  hotspots: unknown;
  channels: MetricRow[];
  kinds: MetricRow[];
}

async function data<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await server.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data as T;
}

const users = (...args: string[]) => runUsersCommand(args, { orm: server.stores.orm, out: () => {}, err: () => {} });

async function login(username: string): Promise<string> {
  const res = await server.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
    u: username,
    p: PASSWORD,
  });
  return (res.body.data?.login as { token: string }).token;
}

const METRICS = `query($ids: [ID!]!, $g: [Dimension!]!, $f: CaseFilter!, $a: Date) {
  metrics(indicatorIds: $ids, groupBy: $g, filter: $f, asOf: $a) { keys { dimension code label } values { indicatorId value numerator denominator } } }`;

async function metrics(ids: string[], groupBy: string[], from: string, to: string, asOf: string, token = tokens.admin as string) {
  return (
    await data<{ metrics: MetricRow[] }>(METRICS, { ids, g: groupBy, f: { from, to, regionCode: '140000' }, a: asOf }, token)
  ).metrics;
}
const total = (rows: MetricRow[]) => rows.reduce((n, r) => n + (r.values[0]?.value ?? 0), 0);

beforeAll(async () => {
  server = await startTestServer('screen-');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'screen-files-'));
  await loadGoldenFixture(server.stores.ch);
  const add = async (username: string, role: string, region: string) =>
    expect(await users('add', '--username', username, '--password', PASSWORD, '--role', role, '--region', region)).toBe(0);
  await add('sx-admin', 'PROVINCE_ADMIN', '140000');
  await add('sx-wall', 'SCREEN', '140000');
  await add('yq-wall', 'SCREEN', '140300');
  for (const [key, name] of [
    ['admin', 'sx-admin'],
    ['screen', 'sx-wall'],
    ['cityScreen', 'yq-wall'],
  ] as const)
    tokens[key] = await login(name);
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('screen: every number is the existing field’s answer', () => {
  let screen: ScreenAnswer;
  beforeAll(async () => {
    screen = (await data<{ screen: ScreenAnswer }>(SCREEN_QUERY, { r: '140000', d: DATE }, tokens.screen as string)).screen;
  });

  test('intake today and month so far, and the same days a month before = metrics(received) asOf the next day', async () => {
    expect(screen.intake).toEqual({
      date: DATE,
      sameDayLastMonth: '2025-12-13',
      today: total(await metrics(['received'], [], DATE, DATE, '2026-01-14')),
      todayLastMonth: total(await metrics(['received'], [], '2025-12-13', '2025-12-13', '2026-01-14')),
      monthToDate: total(await metrics(['received'], [], '2026-01-01', DATE, '2026-01-14')),
      lastMonthToDate: total(await metrics(['received'], [], '2025-12-01', '2025-12-13', '2026-01-14')),
    });
    // The fixture has cases on the day and in both months: the comparison is not of zeros.
    expect(screen.intake.today).toBeGreaterThan(0);
    expect(screen.intake.monthToDate).toBeGreaterThan(screen.intake.today as number);
    expect(screen.intake.lastMonthToDate).toBeGreaterThan(0);
  });

  test('the map: every city of Shanxi, intake and standing per city = metrics grouped by CITY', async () => {
    expect(screen.unitLevel).toBe('CITY');
    expect(screen.unitRegions.map((r) => r.code)).toEqual([
      '140100',
      '140200',
      '140300',
      '140400',
      '140500',
      '140600',
      '140700',
      '140800',
      '140900',
      '141000',
      '141100',
    ]);
    expect(screen.unitIntake).toEqual(
      await metrics(['received', 'complaints', 'reports'], ['CITY'], '2026-01-01', DATE, '2026-01-14').then((rows) =>
        rows.map((r) => ({ keys: r.keys, values: r.values.map(({ indicatorId, value }) => ({ indicatorId, value })) })),
      ),
    );
    expect(screen.unitStanding).toEqual(
      await metrics(['overdue_open', 'on_time_completion_rate', 'satisfaction_rate'], ['CITY'], '2026-01-01', DATE, DATE),
    );
  });

  test('overdue by city = overdueCases(asOf: D, regionCode: city).totalCount', async () => {
    const overdue = screen.unitStanding.filter((r) => r.keys[0]?.code);
    expect(overdue.length).toBeGreaterThan(0);
    let some = 0;
    for (const row of overdue) {
      const city = row.keys[0]?.code as string;
      const answer = await data<{ overdueCases: { totalCount: number } }>(
        'query($r: String, $a: Date) { overdueCases(asOf: $a, regionCode: $r) { totalCount } }',
        { r: city, a: DATE },
        tokens.admin as string,
      );
      expect(row.values.find((v) => v.indicatorId === 'overdue_open')?.value).toBe(answer.overdueCases.totalCount);
      some += answer.overdueCases.totalCount;
    }
    expect(some).toBeGreaterThan(0);
  });

  test('ranking, hotspots, channel and kind mix = ranking, foodSafetyHotspots and metrics', async () => {
    const ranking = await data<{ ranking: unknown }>(
      `query { ranking(month: "${MONTH}", level: CITY, parentCode: "140000", asOf: "${DATE}") { month parentCode asOf published rows { region { code name } rank score } } }`,
      {},
      tokens.admin as string,
    );
    expect(screen.ranking).toEqual(ranking.ranking);
    const hotspots = await data<{ foodSafetyHotspots: unknown }>(
      `query { foodSafetyHotspots(month: "${MONTH}", regionCode: "140000", top: 5) { month regionCode operators { operatorKey operatorName count spike } industries { keys { code } values { indicatorId value } } } }`,
      {},
      tokens.admin as string,
    );
    expect(screen.hotspots).toEqual(hotspots.foodSafetyHotspots);
    const strip = (rows: MetricRow[]) =>
      rows.map((r) => ({
        keys: r.keys.map(({ code, label }) => ({ code, label })),
        values: r.values.map(({ value }) => ({ value })),
      }));
    expect(screen.channels).toEqual(strip(await metrics(['received'], ['CHANNEL'], '2026-01-01', DATE, '2026-01-14')));
    expect(screen.kinds).toEqual(strip(await metrics(['received'], ['KIND'], '2026-01-01', DATE, '2026-01-14')));
    expect(screen.kinds.length).toBeGreaterThan(1);
  });

  test('a day whose next day is no question date (2149-06-05) is refused naming `date`, not answered wrongly', async () => {
    const res = await server.gql(SCREEN_QUERY, { r: '140000', d: '2149-06-05' }, tokens.screen as string);
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'date' } });
    expect(res.body.errors?.[0]?.message).toContain('next day');
  });

  test('a city’s screen maps its counties and ranks them', async () => {
    const city = (await data<{ screen: ScreenAnswer }>(SCREEN_QUERY, { d: DATE }, tokens.cityScreen as string)).screen;
    expect(city.regionCode).toBe('140300');
    expect(city.unitLevel).toBe('COUNTY');
    expect(city.unitRegions.length).toBeGreaterThan(0);
    expect(city.unitRegions.every((r) => r.code.startsWith('1403'))).toBe(true);
    expect((city.ranking as { parentCode: string }).parentCode).toBe('140300');
  });
});

describe('the SCREEN role', () => {
  const code = async (query: string, token: string, variables: Record<string, unknown> = {}) => {
    const res = await server.gql(query, variables, token);
    return res.body.errors ? String(res.body.errors[0]?.extensions?.code) : 'data';
  };

  test('reads me and the screen of its region; another region, anything else and any mutation are FORBIDDEN', async () => {
    const wall = tokens.screen as string;
    expect(await code('{ me { username role regionCode } }', wall)).toBe('data');
    expect(await code('query { screen(date: "2026-01-13") { regionCode } }', wall)).toBe('data');
    expect(await code('query { screen(regionCode: "140300", date: "2026-01-13") { regionCode } }', wall)).toBe('data');
    expect(await code('query { screen(regionCode: "330000") { regionCode } }', wall)).toBe('FORBIDDEN');
    expect(await code('query { screen(regionCode: "140000") { regionCode } }', tokens.cityScreen as string)).toBe('FORBIDDEN');
    for (const refused of [
      '{ regions(parentCode: "140000") { code } }',
      '{ indicators { id } }',
      `{ ranking(month: "${MONTH}") { month } }`,
      '{ metrics(indicatorIds: ["received"], groupBy: [], filter: { from: "2026-01-01", to: "2026-01-31" }) { keys { code } } }',
      '{ overdueCases(asOf: "2026-01-13") { totalCount } }',
      `{ foodSafetyHotspots(month: "${MONTH}") { month } }`,
      '{ users { username } }',
      '{ auditLog { totalCount } }',
      '{ rankingConfig { version } }',
      // a permitted field beside a refused one, or hidden in a fragment: the whole request is refused
      '{ me { username } ranking(month: "2026-01") { month } }',
      'query { ...F } fragment F on Query { overdueCases(asOf: "2026-01-13") { totalCount } }',
      `mutation { publishRanking(month: "${MONTH}") { month } }`,
      'mutation { createUser(username: "x-wall", password: "Wall2026passw", role: ANALYST, regionCode: "140100") { username } }',
    ]) {
      expect([refused, await code(refused, wall)]).toEqual([refused, 'FORBIDDEN']);
    }
    // What the screen is refused, the province admin is answered (the refusals are the role, not the queries).
    expect(await code(`{ ranking(month: "${MONTH}") { month } }`, tokens.admin as string)).toBe('data');
  });

  test('no export or file: every export route answers 403', async () => {
    for (const route of [
      `/export/overdue.csv?asOf=${DATE}`,
      `/export/overdue.xlsx?asOf=${DATE}`,
      `/export/ranking.xlsx?month=${MONTH}`,
      `/export/hotspots.xlsx?month=${MONTH}`,
      `/export/report.pdf?month=${MONTH}`,
    ]) {
      expect([route, (await server.get(route, tokens.screen)).status]).toEqual([route, 403]);
    }
    expect((await server.get(`/export/overdue.csv?asOf=${DATE}`, tokens.admin)).status).toBe(200);
  });

  test('its token lasts 30 days (a wall PC stays signed in); an officer’s 8 hours', () => {
    const life = (token: string) => {
      const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as {
        iat: number;
        exp: number;
      };
      return claims.exp - claims.iat;
    };
    expect(life(tokens.screen as string)).toBe(30 * 24 * 3600);
    expect(life(tokens.admin as string)).toBe(8 * 3600);
  });

  test('a SCREEN account is bound to a province or a city, never a county', async () => {
    const errors: string[] = [];
    const status = await runUsersCommand(
      ['add', '--username', 'county-wall', '--password', PASSWORD, '--role', 'SCREEN', '--region', '140302'],
      { orm: server.stores.orm, out: () => {}, err: (l) => errors.push(l) },
    );
    expect(status).not.toBe(0);
    expect(errors.join('\n')).toContain('a SCREEN must be bound to a province or city code');
  });
});

describe('GET /events', () => {
  test('without a token: 401', async () => {
    expect((await server.get('/events')).status).toBe(401);
  });

  test('a load handed to the server → one data-changed event on the open stream', async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/events`, {
      headers: { authorization: `Bearer ${tokens.screen}` },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: RegExp) => {
      while (!needle.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/: connected\n\n/);
    expect(text).not.toContain('data-changed');
    const file = path.join(tmp, 'cases.csv');
    fs.copyFileSync(GOLDEN_CSV, file);
    const handed = await fetch(`${server.url}/internal/loads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Local test-local-token' },
      body: JSON.stringify({ files: [file], rejectsDir: tmp, runBy: 'screen-test' }),
    });
    expect(await handed.text()).toContain('"type":"end","ok":true');
    await readUntil(/event: data-changed\ndata: .*\n\n/);
    const event = /event: data-changed\ndata: (.*)\n\n/.exec(text);
    expect(JSON.parse(event?.[1] ?? 'null')).toMatchObject({ reason: 'load', ok: true });
    abort.abort();
  });
});
