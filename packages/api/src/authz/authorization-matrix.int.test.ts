/**
 * Authorization matrix (issue "GraphQL API" §Tests): every role × every query, mutation and export × inside / outside
 * its region scope, plus no / expired / forged / malformed token, against the real HTTP app (wireApp + listen) on real
 * chdb and each metadata store (SQLite, PostgreSQL). The expected outcome of each row is stated in packages/api/test-support/matrix-operations.ts, derived
 * from the contract header. Out of scope is always an error (FORBIDDEN), never an empty answer; no error text carries
 * SQL, engine messages or stack traces.
 */
import { randomBytes } from 'node:crypto';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { NoticeDelivery } from '@c12315/store';
import { GraphQLError } from 'graphql';
import { type HttpResult, leaksIn, outcomeOf, startTestServer, type TestServer } from '../../test-support/http-test-server';
import {
  AS_OF,
  FIXTURE_CASES,
  NOTICE_DELIVERY_IDS,
  NOTICE_PUBLICATION,
  NOTICE_RECIPIENTS,
  OPERATIONS,
  type Operation,
  type Outcome,
  PROFILES,
  type Profile,
  ROLES,
  type RoleName,
  type Scope,
} from '../../test-support/matrix-operations';
import { metadataBackends } from '../../test-support/metadata-backends';
import { signHs256 } from '../auth/jwt-hs256';
import { signToken } from '../auth/tokens';
import { createUserAccount, findUser } from '../auth/user-accounts.service';
import { formatError } from '../server/format-error';

jest.setTimeout(60_000);

const PASSWORD = 'Matrix2024pass';
let server: TestServer;
const tokens = {} as Record<RoleName, string>;
const badTokens: Record<string, string | null> = {};
/** Every error body a client received, for the leak check at the end. */
const errorBodies: string[] = [];

describe.each(metadataBackends())('on %s metadata', (backend) => {
  beforeAll(async () => {
    server = await startTestServer('authz-matrix-', { backend });
    errorBodies.length = 0;
    await insertCases(
      server.stores.ch,
      FIXTURE_CASES.map(({ caseId, unit }) =>
        caseRecord({
          caseId,
          kind: 'COMPLAINT',
          registeredAt: '2025-09-19 10:00:00',
          handlingUnitCode: unit,
          problemCategory: '食品安全',
          objectCategory: '商品-食品-乳制品',
          respondentName: `${unit}超市`,
        }),
      ),
    );
    const who = { actor: 'matrix-test' };
    const accounts: [string, string, string][] = [
      ...ROLES.map((r): [string, string, string] => [PROFILES[r].username, r, PROFILES[r].region]),
      ['zj-target-1', 'ANALYST', '330200'],
      ['zj-target-2', 'ANALYST', '330200'],
      ['js-analyst', 'ANALYST', '320100'],
    ];
    for (const [username, role, regionCode] of accounts) {
      await createUserAccount(server.stores.orm, { username, password: PASSWORD, role, regionCode }, who);
    }
    // Real sign-in over HTTP for every role.
    for (const role of ROLES) {
      const res = await server.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
        u: PROFILES[role].username,
        p: PASSWORD,
      });
      tokens[role] = (res.body.data?.login as { token: string }).token;
    }
    // The 通报 rows' fixture: 浙江's city ranking published, a 通报 delivered to each city.
    const published = await server.gql(NOTICE_PUBLICATION, {}, tokens.PROVINCE_ADMIN);
    expect(published.body).toEqual({ data: { publishRanking: { published: true } } });
    for (const scope of ['inside', 'outside'] as const) {
      const delivery = await server.stores.orm.em
        .fork()
        .findOneOrFail(NoticeDelivery, { parentCode: '330000', cityCode: NOTICE_RECIPIENTS[scope] });
      NOTICE_DELIVERY_IDS[scope] = String(delivery.id);
    }
    const admin = await findUser(server.stores.orm, 'zj-admin');
    if (!admin) throw new Error('admin missing');
    const nineHoursAgo = new Date(Date.now() - 9 * 3600 * 1000);
    badTokens.none = null;
    badTokens.expired = await signToken(admin, { orm: server.stores.orm, config: server.config, now: () => nineHoursAgo });
    const now = Math.floor(Date.now() / 1000);
    badTokens.forged = signHs256(
      {
        sub: String(admin.id),
        username: 'zj-admin',
        role: 'PROVINCE_ADMIN',
        region: '330000',
        pwc: admin.passwordChangedAt.getTime(),
        iss: 'c12315-api',
        aud: 'c12315',
        iat: now,
        exp: now + 3600,
      },
      randomBytes(32),
    );
    badTokens.malformed = 'not.a.jwt';
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Run a request as a token; returns the outcome and the data (GraphQL) or body text (CSV). */
  async function perform(op: Operation, p: Profile, scope: Scope, token: string | null) {
    const req = op.request(p, scope);
    if (req.kind === 'csv') {
      const res: HttpResult = await server.get(req.route, token);
      const outcome =
        res.status === 200 ? 'data' : ({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' }[res.status] ?? `HTTP ${res.status}`);
      if (res.status !== 200) errorBodies.push(res.text);
      return { outcome, text: res.text, bytes: res.bytes, data: null };
    }
    const res = await server.gql(req.query, req.variables, token);
    const outcome = outcomeOf(res.body);
    if (res.body.errors) {
      errorBodies.push(res.text);
      // An error is never paired with a (possibly empty) answer for the refused field.
      expect(res.body.data ?? null).toBeNull();
    }
    return { outcome, text: res.text, bytes: res.bytes, data: res.body.data ?? null };
  }

  interface Row {
    label: string;
    op: Operation;
    role: RoleName;
    scope: Scope;
    expected: Outcome;
  }

  const ROWS: Row[] = OPERATIONS.flatMap((op) =>
    ROLES.flatMap((role) =>
      op.scopes.map((scope, i) => {
        const expected = op.expect[role][i] as Outcome;
        return { label: `${op.name} × ${role} × ${scope} → ${expected}`, op, role, scope, expected };
      }),
    ),
  );

  describe('every role × every operation × inside / outside its scope', () => {
    test.each(ROWS.map((r) => [r.label, r] as const))('%s', async (_label, row) => {
      const p = PROFILES[row.role];
      const result = await perform(row.op, p, row.scope, tokens[row.role]);
      expect(result.outcome).toBe(row.expected);
      if (row.expected === 'data') {
        if (result.data) row.op.check?.(result.data, p, row.scope);
        else if (row.op.checkFile) await row.op.checkFile(result.bytes, p, row.scope);
        else {
          // CSV: UTF-8 BOM, Chinese header, and the region's case.
          expect(result.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
          expect(result.bytes.subarray(3).toString('utf8').startsWith('案件编号,')).toBe(true);
          expect(result.text).toContain(`${p.cases[row.scope].caseId},`);
        }
      }
    });
  });

  describe('no, expired, forged or malformed token → UNAUTHENTICATED on every operation', () => {
    const rows = OPERATIONS.flatMap((op) =>
      ['none', 'expired', 'forged', 'malformed'].map((kind) => [`${op.name} with ${kind} token`, op, kind] as const),
    );
    test.each(rows)('%s', async (_label, op, kind) => {
      const result = await perform(op, PROFILES.PROVINCE_ADMIN, 'inside', badTokens[kind] ?? null);
      expect(result.outcome).toBe('UNAUTHENTICATED');
    });

    test('the same user with a good token is answered (the refusals above are the token, not the user)', async () => {
      const good = await server.gql('{ me { username } }', {}, tokens.PROVINCE_ADMIN);
      expect(good.body.data?.me).toEqual({ username: 'zj-admin' });
      const csv = await server.get(`/export/overdue.csv?asOf=${AS_OF}`, tokens.PROVINCE_ADMIN);
      expect(csv.status).toBe(200);
    });
  });

  describe('error responses never leak SQL, engine text or stack traces', () => {
    test('every error body collected above is clean', () => {
      expect(errorBodies.length).toBeGreaterThan(100);
      const leaking = errorBodies.filter((b) => leaksIn(b).length > 0);
      expect(leaking).toEqual([]);
    });

    test('BAD_USER_INPUT over HTTP names the argument and nothing else', async () => {
      const res = await server.gql(
        'query { metrics(indicatorIds: ["complaints"], groupBy: [CITY], filter: { from: "2025-09-30", to: "2025-09-01" }) { keys { code } } }',
        {},
        tokens.PROVINCE_ADMIN,
      );
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.message).toMatch(/^filter\.from: /);
      expect(res.body.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
      expect(leaksIn(res.text)).toEqual([]);
    });

    test('an internal (engine) error becomes a generic message with a reference', () => {
      const engineText =
        'Code: 62. DB::Exception: Syntax error: failed at position 8 (FROM): SELECT x FROM cases FINAL WHERE city_code = {c:String}';
      const original = new GraphQLError(engineText, { originalError: new Error(engineText) });
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const formatted = formatError(
        {
          message: engineText,
          path: ['metrics'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x (a.ts:1:2)'] },
        },
        original,
      );
      const unclassified = formatError({ message: engineText }, new Error(engineText));
      expect(spy).toHaveBeenCalledTimes(2); // the detail goes to the server log only
      spy.mockRestore();
      for (const f of [formatted, unclassified]) {
        expect(f.message).toMatch(/^internal error \(reference [a-z0-9]+\)$/);
        expect(f.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(leaksIn(JSON.stringify(f))).toEqual([]);
      }
    });

    test('a user-facing error keeps its message and code but loses any stack trace', () => {
      const f = formatError(
        {
          message: 'first: must be a whole number from 0 to 500, got 501',
          extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at y (b.ts:3:4)'] },
        },
        new GraphQLError('x'),
      );
      expect(f).toEqual({
        message: 'first: must be a whole number from 0 to 500, got 501',
        path: undefined,
        locations: undefined,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });
  });

  afterAll(() => {
    // Guard: the matrix really covers every role and operation (a dropped row would silently shrink it).
    expect(ROWS.length).toBe(OPERATIONS.reduce((n, op) => n + op.scopes.length * ROLES.length, 0));
  });
});
