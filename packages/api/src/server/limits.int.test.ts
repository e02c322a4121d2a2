/**
 * Limits (issue "GraphQL API" §Limits) over real HTTP (wireApp + listen, real chdb + SQLite): depth and cost refused
 * before any resolver runs, introspection off in production, `first` capped with an error naming it, sign-in rate
 * limited. "Before execution" is observed on a mutation with a side effect (superviseCase writes a SupervisionAction):
 * a refused request must leave no row behind.
 */
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { SupervisionAction, UserAccount } from '@c12315/store';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { setLoginRateLimiter } from '../auth/auth.resolver';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { createUserAccount } from '../auth/user-accounts.service';
import { MAX_COST, MAX_DEPTH } from './limits';

jest.setTimeout(60_000);

const PASSWORD = 'Limits2024pass';
let server: TestServer;
let token: string;

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

async function supervisions(): Promise<number> {
  return server.stores.orm.em.fork().count(SupervisionAction, {});
}

/** superviseCase selecting `leaves` aliased scalar fields: cost = 1 (the field) + leaves (simple estimator, 1 each). */
function superviseWithLeaves(leaves: number): string {
  const selection = Array.from({ length: leaves }, (_, i) => `f${i}: id`).join(' ');
  return `mutation { superviseCase(caseId: "L1", note: "limits", deadline: "2099-12-31") { ${selection} } }`;
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
    const over = await server.gql(superviseWithLeaves(MAX_COST), {}, token); // 1 + 5000 = 5001
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: 5001, maxCost: 5000 });
    expect(over.body.errors?.[0]?.message).toBe('query cost 5001 exceeds the limit of 5000');
    expect(over.body.data ?? null).toBeNull();
    expect(await supervisions()).toBe(0);

    const atLimit = await server.gql(superviseWithLeaves(MAX_COST - 1), {}, token); // 1 + 4999 = 5000
    expect(atLimit.body.errors).toBeUndefined();
    expect((atLimit.body.data?.superviseCase as Record<string, string>).f4998).toMatch(/^\d+$/);
    expect(await supervisions()).toBe(1);
  });
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
