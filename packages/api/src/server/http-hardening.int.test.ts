/**
 * Issue 13 §3: slow clients cannot exhaust the server (headers trickled byte by byte, bodies never finished), security
 * headers on every answer, CORS closed unless CORS_ORIGINS lists the origin, the request body limit (413 naming it).
 * The server runs with the production limits scaled down (http-hardening.ts) so that the test sees them act.
 */
import net from 'node:net';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { HTTP_LIMITS } from './http-hardening';

jest.setTimeout(120_000);

const ALLOWED = 'https://bi.example.cn';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('http-hardening-', {
    config: { corsOrigins: [ALLOWED] },
    httpLimits: { ...HTTP_LIMITS, headersTimeout: 3000, requestTimeout: 5000, connectionsCheckingInterval: 250 },
  });
});

afterAll(async () => {
  await server?.close();
});

interface Slow {
  socket: net.Socket;
  closed: Promise<string>;
}

/** A socket that sends `head`, then one more byte of `trickle` every `everyMs` for as long as it is open. */
function slowClient(port: number, head: string, trickle: string, everyMs: number): Slow {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => {
    received += d.toString('latin1');
  });
  const closed = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(received));
    socket.on('error', () => undefined);
  });
  socket.on('connect', () => {
    socket.write(head);
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed) return clearInterval(timer);
      socket.write(trickle[i++ % trickle.length] as string);
    }, everyMs);
    socket.on('close', () => clearInterval(timer));
  });
  return { socket, closed };
}

it('answers a normal client while 500 slow clients hold sockets, and closes the slow ones at their timeouts', async () => {
  const port = Number(new URL(server.url).port);
  const slow: Slow[] = [];
  for (let i = 0; i < 400; i++) {
    slow.push(slowClient(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', 'X-Slow: aaaaaaaaaaaaaaaa\r\n', 200));
  }
  for (let i = 0; i < 100; i++) {
    const body = JSON.stringify({ query: '{ indicators { id } }' });
    slow.push(
      slowClient(
        port,
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n${body}`,
        ' ',
        200,
      ),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const health = await server.get('/healthz');
  expect(health.status).toBe(200);
  const gql = await server.gql('{ indicators { id } }');
  expect(gql.status).toBe(200);
  // Every slow client is cut off (headersTimeout / requestTimeout): none keeps its socket for ever.
  const answers = await Promise.all(slow.map((s) => s.closed));
  expect(answers.filter((a) => a.startsWith('HTTP/1.1 408')).length).toBe(500);
});

it('sets the security headers and no X-Powered-By', async () => {
  for (const route of ['/healthz', '/graphql?query=%7B__typename%7D', '/export/overdue.csv']) {
    const res = await fetch(`${server.url}${route}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  }
});

it('keeps CORS closed to origins CORS_ORIGINS does not list', async () => {
  const evil = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  const evilPreflight = await fetch(`${server.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  expect(evilPreflight.status).toBe(403);
  expect(evilPreflight.headers.get('access-control-allow-origin')).toBeNull();
  const preflight = await fetch(`${server.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  const allowed = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { origin: ALLOWED, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
});

it('refuses a body over the limit with 413 naming it, and invalid JSON with 400, both as JSON', async () => {
  const big = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(300_000)}` }),
  });
  expect(big.status).toBe(413);
  expect(await big.json()).toEqual({
    error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/over the limit of 262144 bytes.*262144 字节上限/) },
  });
  const bad = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query": ',
  });
  expect(bad.status).toBe(400);
  const text = await bad.text();
  expect(JSON.parse(text)).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not valid JSON/) } });
  expect(text).not.toMatch(/at .*\(|node_modules|\.js:\d+/);
});
