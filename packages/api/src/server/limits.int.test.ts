/**
 * Limits (issue "GraphQL API" §Limits; issue 12 §6) over real HTTP (wireApp + listen, real chdb + SQLite): depth,
 * cost and the number of computed root fields refused before any resolver runs, introspection off in production,
 * `first` capped with an error naming it, sign-in rate limited. "Before execution" is observed on a mutation with a side
 * effect (superviseCase writes a SupervisionAction: a refused request must leave no row behind) and on the engine
 * itself (the server's ClickHouse client, spied on, not replaced: a refused request issues no statement).
 */

import { INDICATORS } from '@c12315/domain';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { LoginFailure, SupervisionAction, UserAccount } from '@c12315/store';
import { type DocumentNode, type GraphQLSchema, Kind, type OperationDefinitionNode, parse as parseQuery, print } from 'graphql';
import * as dashboardDocuments from '../../../dashboard/src/gql/graphql';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { setLoginRateLimiter } from '../auth/auth.resolver';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { createUserAccount } from '../auth/user-accounts.service';
import { clearReadCache } from '../common/read-cache';
import { SUPERVISE_COST } from '../overdue/overdue.resolver';
import { buildAppSchema } from '../schema';
import { MAX_COMPUTED_ROOT_FIELDS, MAX_COST, MAX_DEPTH, operationComputedRootFields, operationCost } from './limits';

jest.setTimeout(60_000);

const PASSWORD = 'Limits2024pass';
let server: TestServer;
let token: string;

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

async function supervisions(): Promise<number> {
  return server.stores.orm.em.fork().count(SupervisionAction, {});
}

/** superviseCase selecting `leaves` aliased scalar fields: cost = SUPERVISE_COST (the field) + leaves (1 each). */
function superviseWithLeaves(leaves: number): string {
  const selection = Array.from({ length: leaves }, (_, i) => `f${i}: id`).join(' ');
  return `mutation { superviseCase(caseId: "L1", note: "limits", deadline: "2099-12-31") { ${selection} } }`;
}

/** `count` root fields made by `field(i)`, in one operation. */
function aliased(operation: 'query' | 'mutation', count: number, field: (i: number) => string): string {
  return `${operation} { ${Array.from({ length: count }, (_, i) => field(i)).join('\n')} }`;
}

/** A distinct day for each i, so that no two fields share a read-cache entry. */
function day(i: number): string {
  return new Date(Date.UTC(2025, 9, 1) + i * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Statements the server sends to the engine while `run` runs: a spy on its own ClickHouse client, which still runs
 * every statement (no mock), counting query / command / insert / exec calls.
 */
async function engineStatementsDuring(run: () => Promise<void>): Promise<number> {
  const ch = server.stores.ch;
  const spies = (['query', 'command', 'insert', 'exec'] as const).map((method) => jest.spyOn(ch, method));
  try {
    await run();
    return spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

beforeAll(async () => {
  setLoginRateLimiter(new LoginRateLimiter());
  server = await startTestServer('api-limits-');
  await insertCases(server.stores.ch, [
    caseRecord({ caseId: 'L1', kind: 'COMPLAINT', registeredAt: '2025-09-19 10:00:00', handlingUnitCode: '330102' }),
  ]);
  const who = { actor: 'limits-test' };
  await createUserAccount(
    server.stores.orm,
    { username: 'sup', password: PASSWORD, role: 'SUPERVISOR', regionCode: '330100' },
    who,
  );
  await createUserAccount(
    server.stores.orm,
    { username: 'other', password: PASSWORD, role: 'ANALYST', regionCode: '330100' },
    who,
  );
  const res = await server.gql(LOGIN, { u: 'sup', p: PASSWORD });
  token = (res.body.data?.login as { token: string }).token;
});

afterAll(async () => {
  setLoginRateLimiter(new LoginRateLimiter());
  await server?.close();
});

test('GET /healthz answers once the app is wired', async () => {
  const res = await server.get('/healthz');
  expect(res.status).toBe(200);
  expect(JSON.parse(res.text)).toEqual({ status: 'ok' });
});

describe('depth and cost are checked before execution', () => {
  test(`a selection deeper than MAX_DEPTH (${MAX_DEPTH}) is refused by validation`, async () => {
    expect(MAX_DEPTH).toBe(10);
    // The schema's object graph has no cycle (its deepest valid selection is 3 levels), so only a query naming
    // fields that do not exist can go deeper: the depth rule is defence in depth, and must still report.
    let nested = 'id';
    for (let i = 0; i < 12; i++) nested = `x${i} { ${nested} }`;
    const res = await server.gql(
      `mutation Deep { superviseCase(caseId: "L1", note: "deep", deadline: "2099-12-31") { ${nested} } }`,
      {},
      token,
    );
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    const messages = (res.body.errors ?? []).map((e) => e.message);
    expect(messages).toContain(`'Deep' exceeds maximum operation depth of ${MAX_DEPTH}`);
    expect(res.body.errors?.every((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
    expect(await supervisions()).toBe(0);
  });

  test(`cost ${MAX_COST + 1} is refused and nothing runs; cost ${MAX_COST} runs`, async () => {
    expect(MAX_COST).toBe(5000);
    const leaves = MAX_COST - SUPERVISE_COST;
    const over = await server.gql(superviseWithLeaves(leaves + 1), {}, token); // SUPERVISE_COST + leaves + 1 = 5001
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', cost: 5001, maxCost: 5000 });
    expect(over.body.errors?.[0]?.message).toBe('query cost 5001 exceeds the limit of 5000');
    expect(over.body.data ?? null).toBeNull();
    expect(await supervisions()).toBe(0);

    const atLimit = await server.gql(superviseWithLeaves(leaves), {}, token); // = 5000
    expect(atLimit.body.errors).toBeUndefined();
    expect((atLimit.body.data?.superviseCase as Record<string, string>)[`f${leaves - 1}`]).toMatch(/^\d+$/);
    expect(await supervisions()).toBe(1);
  });
});

describe(`computed root fields carry their engine cost; at most ${MAX_COMPUTED_ROOT_FIELDS} per request`, () => {
  const ranking = (i: number) => `r${i}: ranking(month: "2025-09", asOf: "${day(i)}") { month rows { rank score } }`;

  test('200 aliased rankings, each with its own asOf, are refused before any statement runs, naming the limit', async () => {
    expect(MAX_COMPUTED_ROOT_FIELDS).toBe(10);
    let res: Awaited<ReturnType<TestServer['gql']>> | undefined;
    const statements = await engineStatementsDuring(async () => {
      res = await server.gql(aliased('query', 200, ranking), {}, token);
    });
    expect(res?.status).toBe(400);
    expect(res?.body.errors).toEqual([
      {
        message: 'at most 10 computed root fields per request (ranking ×200)',
        extensions: { code: 'BAD_USER_INPUT', computedRootFields: 200, maxComputedRootFields: 10 },
      },
    ]);
    expect(res?.body.data ?? null).toBeNull();
    expect(statements).toBe(0);
  });

  test('one such ranking runs, and the spy sees its statement (M and M−1 in one)', async () => {
    clearReadCache();
    let res: Awaited<ReturnType<TestServer['gql']>> | undefined;
    const statements = await engineStatementsDuring(async () => {
      res = await server.gql(aliased('query', 1, ranking), {}, token);
    });
    expect(res?.body.errors).toBeUndefined();
    expect(res?.body.data?.r0).toMatchObject({ month: '2025-09' });
    expect(statements).toBeGreaterThanOrEqual(1);
  });

  test('10 computed root fields run; an 11th is refused before any resolver runs', async () => {
    const supervise = (i: number) => `s${i}: superviseCase(caseId: "L1", note: "fan-out ${i}", deadline: "2099-12-31") { id }`;
    const before = await supervisions();
    const over = await server.gql(aliased('mutation', 11, supervise), {}, token);
    expect(over.body.errors?.[0]?.message).toBe('at most 10 computed root fields per request (superviseCase ×11)');
    expect(over.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await supervisions()).toBe(before);

    const atLimit = await server.gql(aliased('mutation', 10, supervise), {}, token);
    expect(atLimit.body.errors).toBeUndefined();
    expect(await supervisions()).toBe(before + 10);
  });

  test('fields are counted through fragments; two fields under one response key run once and count once', async () => {
    const cases = Array.from({ length: 6 }, (_, i) => `c${i}: case(caseId: "L1") { caseId }`).join(' ');
    const reports = Array.from({ length: 5 }, (_, i) => `p${i}: reports { month }`).join(' ');
    const query = `query { ...Cases ${reports} me { username } me { role } } fragment Cases on Query { ${cases} }`;
    let res: Awaited<ReturnType<TestServer['gql']>> | undefined;
    const statements = await engineStatementsDuring(async () => {
      res = await server.gql(query, {}, token);
    });
    expect(res?.body.errors?.[0]?.message).toBe('at most 10 computed root fields per request (case ×6, reports ×5, me ×1)');
    expect(res?.body.errors?.[0]?.extensions).toMatchObject({ computedRootFields: 12 });
    expect(statements).toBe(0);
  });

  test(`the cost alone: 3 metrics by MONTH over 12 months with every indicator cost over ${MAX_COST}; one runs`, async () => {
    const ids = JSON.stringify(INDICATORS.map((i) => i.id));
    const metrics = (i: number) =>
      `m${i}: metrics(indicatorIds: ${ids}, groupBy: [CITY, MONTH], filter: { from: "2024-10-01", to: "2025-09-30" }, ` +
      `asOf: "${day(i)}") { keys { code } values { value } }`;
    // bench/api-latency.ts sends one of these: the heaviest request anyone legitimately sends.
    const one = operationCost(await buildAppSchema(), { document: parseQuery(aliased('query', 1, metrics)) });
    expect(one).toBeGreaterThan(MAX_COST / 3);
    expect(one).toBeLessThan(MAX_COST);

    let res: Awaited<ReturnType<TestServer['gql']>> | undefined;
    const refused = await engineStatementsDuring(async () => {
      res = await server.gql(aliased('query', 3, metrics), {}, token);
    });
    expect(res?.body.errors?.[0]?.message).toBe(`query cost ${3 * one} exceeds the limit of ${MAX_COST}`);
    expect(res?.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', cost: 3 * one, maxCost: MAX_COST });
    expect(refused).toBe(0);

    clearReadCache();
    const ran = await engineStatementsDuring(async () => {
      res = await server.gql(aliased('query', 1, metrics), {}, token);
    });
    expect(res?.body.errors).toBeUndefined();
    expect(ran).toBeGreaterThanOrEqual(1);
  });
});

describe("the dashboard's own operations stay well under the limits, and run", () => {
  /** What each page sends, at its largest (packages/dashboard/src/features/**); a new operation must be added here. */
  const VARIABLES: Record<string, Record<string, unknown>> = {
    Me: {},
    Login: { username: 'admin', password: PASSWORD },
    CaseDetail: { caseId: 'L1' },
    SuperviseCase: { caseId: 'L1', note: 'dashboard', deadline: '2099-12-31' },
    // The drill table: its indicators (every one of the catalogue, as the worst case) over up to 366 days.
    DrillMetrics: {
      filter: { from: '2024-10-01', to: '2025-09-30', regionCode: '330000' },
      groupBy: ['CITY'],
      indicatorIds: INDICATORS.map((i) => i.id),
    },
    CaseList: { filter: { from: '2025-09-01', to: '2025-09-30', regionCode: '330102' }, first: 50 },
    FoodHotspots: { month: '2025-09', regionCode: null, top: 100 },
    // The command-centre wall view: intake, map units, ranking, hotspots and mix of the user's region in one request.
    Screen: { regionCode: null, date: '2025-09-30' },
    // The heat map: 6 months by county.
    FoodHeat: { filter: { from: '2025-04-01', to: '2025-09-30', foodRelated: true } },
    OverdueCases: { asOf: '2025-10-13', first: 50 },
    Ranking: { month: '2025-09', level: 'CITY', parentCode: '330000' },
    RankingTrend: { month: '2025-09', level: 'CITY', parentCode: '330000' },
    RankingConfig: {},
    Regions: { parentCode: '330100' },
    Reports: { through: '2025-09' },
    ReportCityMetrics: { filter: { from: '2025-09-01', to: '2025-09-30', regionCode: '330000' } },
    PublishRanking: { month: '2025-09', parentCode: '330000' },
    // The 通报 inbox (a city chief's) and the province's 签收 table.
    UnreadNoticeCount: {},
    NoticeInbox: {},
    SignNotice: { id: '1' },
    NoticeReceipts: { month: '2025-09', parentCode: '330000' },
    // 消费预警: the month's rises (the province, its largest region), the published list, a draft, the subscription.
    ConsumerWarnings: { month: '2025-09', regionCode: null },
    PublishedWarnings: { month: null },
    SaveConsumerWarning: { input: { month: '2025-09', regionCode: '330000', title: '浙江省2025年9月消费提示', text: '草稿' } },
    WarningSubscription: {},
    SetWarningSubscription: { subscribed: true },
    MarkWarningsSeen: {},
  };
  /** Operations only a city chief may send: answered on a city chief's token. */
  const CITY_CHIEF_OPERATIONS = new Set(['UnreadNoticeCount', 'NoticeInbox']);
  const operations = Object.values(dashboardDocuments as Record<string, unknown>)
    .map((document) => document as DocumentNode)
    .flatMap((document) => {
      const operation = document.definitions?.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      return operation?.name ? [{ name: operation.name.value, kind: operation.operation, document }] : [];
    });
  let adminToken: string;
  let chiefToken: string;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    await createUserAccount(
      server.stores.orm,
      { username: 'admin', password: PASSWORD, role: 'PROVINCE_ADMIN', regionCode: '330000' },
      { actor: 'limits-test' },
    );
    const res = await server.gql(LOGIN, { u: 'admin', p: PASSWORD });
    adminToken = (res.body.data?.login as { token: string }).token;
    await createUserAccount(
      server.stores.orm,
      { username: 'hz-chief', password: PASSWORD, role: 'CITY_CHIEF', regionCode: '330100' },
      { actor: 'limits-test' },
    );
    const chief = await server.gql(LOGIN, { u: 'hz-chief', p: PASSWORD });
    chiefToken = (chief.body.data?.login as { token: string }).token;
    schema = await buildAppSchema();
  });

  test('every operation of the dashboard is listed here', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    expect(operations.map((o) => o.name).sort()).toEqual(Object.keys(VARIABLES).sort());
  });

  test.each(operations.map((o) => [o.name, o] as const))(
    '%s costs at most a fifth of MAX_COST and selects at most 2 computed root fields',
    async (name, { document }) => {
      const request = { document, variables: VARIABLES[name] };
      expect(operationCost(schema, request)).toBeLessThanOrEqual(MAX_COST / 5);
      expect(operationComputedRootFields(schema, request).size).toBeLessThanOrEqual(2);
    },
  );

  // The mutations write (a supervision, a frozen month) and are sent elsewhere; their cost is checked above.
  test.each(operations.filter((o) => o.kind === 'query').map((o) => [o.name, o] as const))(
    '%s is answered',
    async (name, { document }) => {
      const res = await server.gql(print(document), VARIABLES[name], CITY_CHIEF_OPERATIONS.has(name) ? chiefToken : adminToken);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data).toBeTruthy();
    },
  );
});

describe('`first` is capped and the error names it', () => {
  test.each([
    ['overdueCases', 501, 'query { overdueCases(asOf: "2025-10-13", first: 501) { totalCount } }'],
    ['overdueCases', -1, 'query { overdueCases(asOf: "2025-10-13", first: -1) { totalCount } }'],
    [
      'complaintDisclosure',
      501,
      'query { complaintDisclosure(from: "2025-09-01", to: "2025-09-30", first: 501) { totalCount } }',
    ],
  ])('%s(first: %d) → BAD_USER_INPUT naming first', async (_name, _first, query) => {
    const res = await server.gql(query, {}, token);
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(res.body.errors?.[0]?.message).toMatch(/^first: must be a whole number from 0 to 500/);
  });

  test('first: 500 (the cap itself) is answered', async () => {
    const res = await server.gql(
      'query { overdueCases(asOf: "2025-10-13", first: 500) { totalCount nodes { caseId } } }',
      {},
      token,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.overdueCases).toEqual({ totalCount: 1, nodes: [{ caseId: 'L1' }] });
  });
});

describe('arguments the stores must never see', () => {
  test('a control character (NUL) in a variable or a literal is refused with 400, naming the argument', async () => {
    const byVariable = await server.gql(LOGIN, { u: 'sup\u0000', p: PASSWORD });
    expect(byVariable.status).toBe(400);
    expect(byVariable.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: '$u' });
    const byLiteral = await server.gql(
      'mutation { superviseCase(caseId: "L1", note: "a\\u0000b", deadline: "2099-12-31") { caseId } }',
      {},
      token,
    );
    expect(byLiteral.status).toBe(400);
    expect(byLiteral.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'note' });
  });

  test("a variable of the wrong type is the client's error: 400 BAD_USER_INPUT naming the variable, not a 500", async () => {
    const res = await server.gql(LOGIN, { u: {}, p: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(res.body.errors?.[0]?.message).toMatch(/^Variable "\$u" got invalid value/);
  });
});

describe('introspection', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';

  test('is on outside production', async () => {
    const res = await server.gql(INTROSPECT);
    expect(res.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  test('is off in production, and production never seeds demo users', async () => {
    const usersBefore = await server.stores.orm.em.fork().count(UserAccount, {});
    const prod = await startTestServer('unused-', {
      stores: server.stores,
      config: { production: true, authSecret: 'p'.repeat(48) },
      demo: true,
    });
    try {
      expect(prod.announce).toBe('');
      expect(await server.stores.orm.em.fork().count(UserAccount, {})).toBe(usersBefore);
      const res = await prod.gql(INTROSPECT);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
      const typename = await prod.gql('{ __type(name: "Query") { name } }');
      expect(typename.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    } finally {
      await prod.close();
    }
  });
});

describe('sign-in rate limit over HTTP', () => {
  test('5 failures for a username → the 6th attempt, even with the right password, is TOO_MANY_REQUESTS', async () => {
    setLoginRateLimiter(new LoginRateLimiter());
    // The failures of the tests above (the same address) are rows of the metadata DB: start from none.
    await server.stores.orm.em.fork().nativeDelete(LoginFailure, {});
    for (let i = 0; i < 5; i++) {
      const res = await server.gql(LOGIN, { u: 'other', p: `Wrong${i}password` });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const limited = await server.gql(LOGIN, { u: 'other', p: PASSWORD });
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.body.errors?.[0]?.message).toMatch(/try again in 15 minutes/);
    expect(limited.body.data ?? null).toBeNull();
    // Per username: another account from the same address still signs in.
    const sup = await server.gql(LOGIN, { u: 'sup', p: PASSWORD });
    expect(sup.body.errors).toBeUndefined();
  });
});
