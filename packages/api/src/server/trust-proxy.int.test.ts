/**
 * TRUST_PROXY (README "Configuration"): the client address the login rate limit and the audit log record is the
 * X-Forwarded-For one only when the request comes from a trusted proxy; from any other peer it is the peer's own.
 * Behind infra/compose's nginx (its own container) the default `loopback` would record the proxy's address for every
 * client — one shared address limit for the whole province — so the deployments name the proxies they sit behind.
 *
 * The peers: requests leave from 127.0.0.1 or from 127.0.0.2 (both loopback addresses on Linux, so one server on
 * 127.0.0.1 sees two different peers). One store, three apps over it: the default (`loopback`: both peers trusted),
 * `TRUST_PROXY=127.0.0.1` (only the first), `TRUST_PROXY=false` (none).
 */
import http from 'node:http';
import { AuditEntry, LoginFailure, loadConfig } from '@c12315/store';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { createUserAccount } from '../auth/user-accounts.service';

jest.setTimeout(120_000);

const PASSWORD = 'Shanxi2026pass';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const TRUSTED = '127.0.0.1';
const UNTRUSTED = '127.0.0.2';
const CLIENT = '203.0.113.7';

interface Answer {
  errors?: { message: string; extensions?: { code?: string } }[];
}

let byDefault: TestServer;
let onlyFirstPeer: TestServer;
let none: TestServer;

/** A sign-in to `server` from local address `from`, with the X-Forwarded-For header `forwardedFor` when given. */
function login(server: TestServer, from: string, username: string, password: string, forwardedFor?: string): Promise<Answer> {
  const body = JSON.stringify({ query: LOGIN, variables: { u: username, p: password } });
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: '/graphql',
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += d.toString('utf8');
        });
        res.on('end', () => resolve(JSON.parse(text) as Answer));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The address the audit log recorded for `username`'s failed sign-in, and the address key of the rate limit. */
async function recordedAddress(server: TestServer, username: string): Promise<{ audit: string | null; limit: string[] }> {
  const em = server.stores.orm.em.fork();
  const [entry] = await em.find(AuditEntry, { action: 'LOGIN_FAILED', actor: username });
  const failures = await em.find(LoginFailure, { key: { $like: 'ip:%' } });
  await em.nativeDelete(LoginFailure, {});
  return { audit: entry?.ip ?? null, limit: failures.map((f) => f.key.slice(3)) };
}

beforeAll(async () => {
  byDefault = await startTestServer('trust-proxy-');
  const trustProxy = (value: string) => loadConfig({ DATA_DIR: byDefault.config.dataDir, TRUST_PROXY: value }).trustProxy;
  onlyFirstPeer = await startTestServer('trust-proxy-', {
    stores: byDefault.stores,
    config: { trustProxy: trustProxy(TRUSTED) },
  });
  none = await startTestServer('trust-proxy-', { stores: byDefault.stores, config: { trustProxy: trustProxy('false') } });
  await createUserAccount(
    byDefault.stores.orm,
    { username: 'analyst', password: PASSWORD, role: 'ANALYST', regionCode: '140000' },
    { actor: 'trust-proxy-test' },
  );
});

afterAll(async () => {
  await none?.close();
  await onlyFirstPeer?.close();
  await byDefault?.close();
});

test.each([
  ['default (loopback)', TRUSTED, CLIENT, () => byDefault],
  ['default (loopback)', UNTRUSTED, CLIENT, () => byDefault],
  ['TRUST_PROXY=127.0.0.1', TRUSTED, CLIENT, () => onlyFirstPeer],
  ['TRUST_PROXY=127.0.0.1', UNTRUSTED, UNTRUSTED, () => onlyFirstPeer],
  ['TRUST_PROXY=false', TRUSTED, TRUSTED, () => none],
])(`%s: a failed sign-in from %s with X-Forwarded-For ${CLIENT} is recorded as %s`, async (_name, from, expected, server) => {
  const username = `nobody-${from}-${expected}-${Math.random().toString(36).slice(2, 8)}`;
  const answer = await login(server(), from, username, 'Wrong-password-1', CLIENT);
  expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(await recordedAddress(server(), username)).toEqual({ audit: expected, limit: [expected] });
});

test('behind a trusted proxy that appends to a client’s own X-Forwarded-For, the address is the one the proxy saw', async () => {
  // nginx's $proxy_add_x_forwarded_for: what the client sent, then the address nginx saw.
  const answer = await login(onlyFirstPeer, TRUSTED, 'nobody-appended', 'Wrong-password-1', `198.51.100.1, ${CLIENT}`);
  expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(await recordedAddress(onlyFirstPeer, 'nobody-appended')).toEqual({ audit: CLIENT, limit: [CLIENT] });
});

test('the address limit applies to the forwarded client through a trusted proxy, and to the peer itself otherwise', async () => {
  const em = byDefault.stores.orm.em.fork();
  // 20 failures from CLIENT inside the window: the address limit (login-rate-limiter.ts) is reached.
  for (let i = 0; i < 20; i++) em.persist(em.create(LoginFailure, { key: `ip:${CLIENT}`, failedAtMs: Date.now() }));
  await em.flush();
  try {
    // Through the trusted proxy, CLIENT is refused even with the right password; another client is not.
    const limited = await login(onlyFirstPeer, TRUSTED, 'analyst', PASSWORD, CLIENT);
    expect(limited.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect((await login(onlyFirstPeer, TRUSTED, 'analyst', PASSWORD, '203.0.113.8')).errors).toBeUndefined();
    // An untrusted peer cannot borrow CLIENT's address (or escape its own limit) by sending the header.
    expect((await login(onlyFirstPeer, UNTRUSTED, 'analyst', PASSWORD, CLIENT)).errors).toBeUndefined();
    const audited = await em.fork().find(AuditEntry, { action: 'LOGIN_RATE_LIMITED', actor: 'analyst' });
    expect(audited.map((e) => e.ip)).toEqual([CLIENT]);
  } finally {
    await em.fork().nativeDelete(LoginFailure, {});
  }
});
