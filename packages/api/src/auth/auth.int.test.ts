import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AppConfig, AuditEntry, LoginFailure, loadConfig, openMetadataStore, UserAccount } from '@c12315/store';
import { type GraphQLSchema, graphql } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { AppContext, AuthUser } from '../context';
import { AuthResolver, setLoginRateLimiter } from './auth.resolver';
import { signHs256 } from './jwt-hs256';
import { LoginRateLimiter } from './login-rate-limiter';
import { authUserFromRequest, signToken, TOKEN_TTL_SECONDS, verifyToken } from './tokens';
import { createUserAccount, disableUserAccount, resetUserPassword } from './user-accounts.service';

// argon2id (64 MiB, t=3) for real: a few hundred ms per hash on a loaded 2-core machine.
jest.setTimeout(60_000);

type Orm = AppContext['orm'];

const PASSWORDS = {
  admin: 'Guangdong2024pw',
  chief: 'Guangzhou2024pw',
  jsadmin: 'Jiangsu2024pw',
  gone: 'Departed2024pw',
  reset1: 'ResetFirst2024',
  reset2: 'ResetSecond2025',
  created: 'Created2024pass',
  created2: 'Created2025pass',
};
const BAD_CREDENTIALS = 'invalid username or password';

let dataDir: string;
let orm: Orm;
let config: AppConfig;
let schema: GraphQLSchema;
let clock: number;

function deps(now?: number) {
  return { orm, config, now: now === undefined ? undefined : () => new Date(now) };
}

async function run(source: string, variableValues: Record<string, unknown>, user: AuthUser | null = null, ip = '203.0.113.7') {
  const contextValue = { user, orm, em: orm.em.fork(), config, ip, ch: undefined } as unknown as AppContext;
  return graphql({ schema, source, variableValues, contextValue });
}

const LOGIN =
  'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username role regionCode regionName } } }';

async function login(username: string, password: string, ip?: string) {
  return run(LOGIN, { u: username, p: password }, null, ip);
}

async function loginToken(username: string, password: string): Promise<string> {
  const result = await login(username, password);
  expect(result.errors).toBeUndefined();
  return (result.data?.login as { token: string }).token;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return String((error as { extensions?: { code?: string } }).extensions?.code);
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-int-'));
  config = loadConfig({ DATA_DIR: dataDir });
  orm = await openMetadataStore(config);
  schema = await buildSchema({ resolvers: [AuthResolver], validate: false });
  const cli = { actor: 'test' };
  await createUserAccount(
    orm,
    { username: 'admin', password: PASSWORDS.admin, role: 'PROVINCE_ADMIN', regionCode: '440000' },
    cli,
  );
  await createUserAccount(orm, { username: 'chief', password: PASSWORDS.chief, role: 'CITY_CHIEF', regionCode: '440100' }, cli);
  await createUserAccount(
    orm,
    { username: 'jsadmin', password: PASSWORDS.jsadmin, role: 'PROVINCE_ADMIN', regionCode: '320000' },
    cli,
  );
});

beforeEach(async () => {
  clock = Date.now();
  setLoginRateLimiter(new LoginRateLimiter({ now: () => clock }));
  // The failures are counted in the metadata DB (login-rate-limiter.ts): each test starts with none.
  await orm.em.fork().nativeDelete(LoginFailure, {});
});

afterAll(async () => {
  await orm.close(true);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('login and tokens', () => {
  test('login ok → a token that verifies to the user; `me` answers it', async () => {
    const result = await login('Chief', PASSWORDS.chief);
    expect(result.errors).toBeUndefined();
    const payload = result.data?.login as { token: string; user: unknown };
    expect(payload.user).toEqual({ username: 'chief', role: 'CITY_CHIEF', regionCode: '440100', regionName: '广州市' });
    const user = await verifyToken(payload.token, deps());
    expect(user).toMatchObject({ username: 'chief', role: 'CITY_CHIEF', regionCode: '440100' });
    const me = await run('{ me { username role regionCode } }', {}, user);
    expect(me.data?.me).toEqual({ username: 'chief', role: 'CITY_CHIEF', regionCode: '440100' });
    const anonymous = await run('{ me { username } }', {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('wrong password, unknown user and disabled account: UNAUTHENTICATED with one message', async () => {
    await createUserAccount(
      orm,
      { username: 'gone', password: PASSWORDS.gone, role: 'ANALYST', regionCode: '440300' },
      { actor: 'test' },
    );
    const goneToken = await loginToken('gone', PASSWORDS.gone);
    await disableUserAccount(orm, 'gone', { actor: 'test' });
    for (const [u, p] of [
      ['chief', PASSWORDS.admin],
      ['nobody', PASSWORDS.chief],
      ['gone', PASSWORDS.gone],
    ] as const) {
      const result = await login(u, p);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.message).toBe(BAD_CREDENTIALS);
    }
    // the disabled user's existing token stops working too
    expect(await codeOf(verifyToken(goneToken, deps()))).toBe('UNAUTHENTICATED');
  });

  test('tokens expire after 8 hours', async () => {
    const token = await loginToken('chief', PASSWORDS.chief);
    const issuedAt = Date.now();
    expect(await codeOf(verifyToken(token, deps(issuedAt + (TOKEN_TTL_SECONDS - 5) * 1000)))).toBe('OK');
    expect(await codeOf(verifyToken(token, deps(issuedAt + (TOKEN_TTL_SECONDS + 1) * 1000)))).toBe('UNAUTHENTICATED');
    const account = await orm.em.fork().findOneOrFail(UserAccount, { username: 'chief' });
    const old = await signToken(account, deps(Date.now() - (8 * 3600 + 1) * 1000));
    await expect(verifyToken(old, deps())).rejects.toThrow('token expired, sign in again');
  });

  test('forged tokens: another secret, a tampered payload, alg none → UNAUTHENTICATED', async () => {
    const account = await orm.em.fork().findOneOrFail(UserAccount, { username: 'chief' });
    const foreign = await signToken(account, { orm, config: { ...config, authSecret: 'another-secret-of-32-characters!!' } });
    expect(await codeOf(verifyToken(foreign, deps()))).toBe('UNAUTHENTICATED');
    const [h, p, s] = (await loginToken('chief', PASSWORDS.chief)).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'PROVINCE_ADMIN', region: '440000' })).toString('base64url');
    expect(await codeOf(verifyToken(`${h}.${promoted}.${s}`, deps()))).toBe('UNAUTHENTICATED');
    const none = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    expect(await codeOf(verifyToken(`${none}.${p}.`, deps()))).toBe('UNAUTHENTICATED');
    // correctly signed but for a user id that does not exist
    const ghost = signHs256(
      { ...claims, sub: '999' },
      new TextEncoder().encode(fs.readFileSync(path.join(dataDir, 'auth-secret'), 'utf8').trim()),
    );
    expect(await codeOf(verifyToken(ghost, deps()))).toBe('UNAUTHENTICATED');
  });

  test('authUserFromRequest: no header → null, Bearer → user, anything else → UNAUTHENTICATED', async () => {
    const token = await loginToken('chief', PASSWORDS.chief);
    expect(await authUserFromRequest(undefined, deps())).toBeNull();
    expect(await authUserFromRequest('', deps())).toBeNull();
    expect((await authUserFromRequest(`Bearer ${token}`, deps()))?.username).toBe('chief');
    expect(await codeOf(authUserFromRequest(`Basic ${token}`, deps()))).toBe('UNAUTHENTICATED');
    expect(await codeOf(authUserFromRequest('Bearer x.y.z', deps()))).toBe('UNAUTHENTICATED');
  });

  test('a password reset invalidates older tokens', async () => {
    await createUserAccount(
      orm,
      { username: 'resetme', password: PASSWORDS.reset1, role: 'SUPERVISOR', regionCode: '440100' },
      { actor: 'test' },
    );
    const before = await loginToken('resetme', PASSWORDS.reset1);
    expect(await codeOf(verifyToken(before, deps()))).toBe('OK');
    await resetUserPassword(orm, 'resetme', PASSWORDS.reset2, { actor: 'test' });
    await expect(verifyToken(before, deps())).rejects.toThrow('password changed, sign in again');
    expect((await login('resetme', PASSWORDS.reset1)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const after = await loginToken('resetme', PASSWORDS.reset2);
    expect(await codeOf(verifyToken(after, deps()))).toBe('OK');
  });

  test('rate limit: 5 failures in 15 min → TOO_MANY_REQUESTS naming the wait, even with the right password; recovers', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login('admin', 'wrong-password-1', `198.51.100.${i}`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const limited = await login('admin', PASSWORDS.admin, '198.51.100.99');
    expect(limited.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.errors?.[0]?.message).toContain('try again in 15 minutes');
    clock += 15 * 60 * 1000;
    expect((await login('admin', PASSWORDS.admin, '198.51.100.99')).errors).toBeUndefined();
  });
});

describe('user management (PROVINCE_ADMIN, own province only)', () => {
  const CREATE =
    'mutation($u: String!, $p: String!, $r: Role!, $c: String!) { createUser(username: $u, password: $p, role: $r, regionCode: $c) { username role regionCode disabled } }';
  const asUser = async (name: string) => verifyToken(await loginToken(name, PASSWORDS[name as keyof typeof PASSWORDS]), deps());

  test('create inside the province; outside → FORBIDDEN; other roles → FORBIDDEN; bad region → BAD_USER_INPUT naming it', async () => {
    const admin = await asUser('admin');
    const chief = await asUser('chief');
    const ok = await run(CREATE, { u: 'tianhe', p: PASSWORDS.created, r: 'FOOD_SAFETY', c: '440106' }, admin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.createUser).toEqual({ username: 'tianhe', role: 'FOOD_SAFETY', regionCode: '440106', disabled: false });
    const outside = await run(CREATE, { u: 'nanjing', p: PASSWORDS.created, r: 'ANALYST', c: '320100' }, admin);
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byChief = await run(CREATE, { u: 'x-by-chief', p: PASSWORDS.created, r: 'ANALYST', c: '440100' }, chief);
    expect(byChief.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await run(CREATE, { u: 'x-anon', p: PASSWORDS.created, r: 'ANALYST', c: '440100' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const badRegion = await run(CREATE, { u: 'x-bad', p: PASSWORDS.created, r: 'ANALYST', c: '449999' }, admin);
    expect(badRegion.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'regionCode' });
    const adminOfCity = await run(CREATE, { u: 'x-city-admin', p: PASSWORDS.created, r: 'PROVINCE_ADMIN', c: '440100' }, admin);
    expect(adminOfCity.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'regionCode' });
    const weak = await run(CREATE, { u: 'x-weak', p: 'short1', r: 'ANALYST', c: '440100' }, admin);
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'password' });
    // none of the refused ones was created
    expect(await orm.em.fork().count(UserAccount, { username: { $like: 'x-%' } })).toBe(0);
    expect(await orm.em.fork().count(UserAccount, { username: 'nanjing' })).toBe(0);
  });

  test('users lists the province only; disable and reset act inside it, FORBIDDEN outside', async () => {
    const admin = await asUser('admin');
    await createUserAccount(
      orm,
      { username: 'shenzhen', password: PASSWORDS.created, role: 'ANALYST', regionCode: '440300' },
      { actor: 'test' },
    );
    const list = await run('{ users { username regionCode } }', {}, admin);
    const names = (list.data?.users as { username: string }[]).map((u) => u.username);
    expect(names).toContain('admin');
    expect(names).toContain('shenzhen');
    expect(names).not.toContain('jsadmin');
    expect((await run('{ users { username } }', {}, await asUser('chief'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const token = await loginToken('shenzhen', PASSWORDS.created);
    const reset = await run(
      `mutation { resetPassword(username: "shenzhen", password: "${PASSWORDS.created2}") { username } }`,
      {},
      admin,
    );
    expect(reset.errors).toBeUndefined();
    expect(await codeOf(verifyToken(token, deps()))).toBe('UNAUTHENTICATED');
    const token2 = await loginToken('shenzhen', PASSWORDS.created2);
    const disabled = await run('mutation { disableUser(username: "shenzhen") { username disabled } }', {}, admin);
    expect(disabled.data?.disableUser).toEqual({ username: 'shenzhen', disabled: true });
    expect(await codeOf(verifyToken(token2, deps()))).toBe('UNAUTHENTICATED');

    const foreign = await run('mutation { disableUser(username: "jsadmin") { username } }', {}, admin);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const self = await run('mutation { disableUser(username: "admin") { username } }', {}, admin);
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await orm.em.fork().findOneOrFail(UserAccount, { username: 'jsadmin' })).disabled).toBe(false);
  });
});

describe('stored data', () => {
  test('passwords are never stored in clear: not in the users table, the audit log, nor anywhere in the DB files', async () => {
    const users = await orm.em.fork().find(UserAccount, {});
    for (const u of users) expect(u.passwordHash.startsWith('$argon2id$')).toBe(true);
    const audit = await orm.em.fork().find(AuditEntry, {}, { orderBy: { id: 'asc' } });
    // the trail has the events this file caused
    const events = new Set(audit.map((a) => a.action));
    for (const e of ['USER_ADDED', 'LOGIN_OK', 'LOGIN_FAILED', 'LOGIN_RATE_LIMITED', 'USER_DISABLED', 'PASSWORD_RESET'])
      expect(events).toContain(e);
    expect(audit.find((a) => a.action === 'LOGIN_FAILED' && a.target === 'nobody')).toMatchObject({
      detail: 'unknown user',
      regionCode: null,
    });
    expect(audit.find((a) => a.action === 'LOGIN_OK' && a.target === 'chief')).toMatchObject({
      actor: 'chief',
      actorRole: 'CITY_CHIEF',
      ip: '203.0.113.7',
    });
    const rows = JSON.stringify(await orm.em.getConnection().execute('select * from audit_log'));
    const userRows = JSON.stringify(await orm.em.getConnection().execute('select * from users'));
    const files = fs.readdirSync(dataDir).filter((f) => f.startsWith('metadata.sqlite'));
    const bytes = files.map((f) => fs.readFileSync(path.join(dataDir, f)).toString('latin1')).join('');
    for (const password of [...Object.values(PASSWORDS), 'wrong-password-1']) {
      expect(rows).not.toContain(password);
      expect(userRows).not.toContain(password);
      expect(bytes).not.toContain(password);
    }
  });
});
