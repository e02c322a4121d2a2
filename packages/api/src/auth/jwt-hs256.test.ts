import { createHmac } from 'node:crypto';
import { JwtError, signHs256, verifyHs256 } from './jwt-hs256';

const key = new TextEncoder().encode('k'.repeat(32));
const otherKey = new TextEncoder().encode('o'.repeat(32));
const opts = { issuer: 'iss', audience: 'aud', now: 1_000_000 };
const payload = { sub: '7', iss: 'iss', aud: 'aud', iat: 999_000, exp: 1_000_100, role: 'ANALYST' };

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof JwtError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('HS256 tokens', () => {
  test('a signed token verifies and returns its claims', () => {
    const token = signHs256(payload, key);
    expect(verifyHs256(token, key, opts)).toEqual(payload);
  });

  test('the signature is the RFC 7515 HMAC-SHA256 of header.payload (checked with node:crypto directly)', () => {
    const [h, p, s] = signHs256(payload, key).split('.');
    expect(JSON.parse(Buffer.from(h as string, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(s).toBe(createHmac('sha256', key).update(`${h}.${p}`).digest('base64url'));
  });

  test('another secret, a tampered payload, alg none and a stripped signature are refused', () => {
    expect(reasonOf(() => verifyHs256(signHs256(payload, otherKey), key, opts))).toBe('signature');
    const [h, , s] = signHs256(payload, key).split('.');
    const promoted = `${h}.${b64({ ...payload, role: 'PROVINCE_ADMIN' })}.${s}`;
    expect(reasonOf(() => verifyHs256(promoted, key, opts))).toBe('signature');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    expect(reasonOf(() => verifyHs256(none, key, opts))).toBe('algorithm');
    const stripped = `${h}.${b64(payload)}.`;
    expect(reasonOf(() => verifyHs256(stripped, key, opts))).toBe('signature');
    // HS512 header with an HS256 MAC: algorithm confusion is refused before any MAC is computed.
    const hs512 = `${b64({ alg: 'HS512' })}.${b64(payload)}`;
    expect(
      reasonOf(() => verifyHs256(`${hs512}.${createHmac('sha256', key).update(hs512).digest('base64url')}`, key, opts)),
    ).toBe('algorithm');
    expect(reasonOf(() => verifyHs256('not-a-token', key, opts))).toBe('malformed');
  });

  test('expiry: valid one second before exp, refused at exp', () => {
    const token = signHs256(payload, key);
    expect(reasonOf(() => verifyHs256(token, key, { ...opts, now: payload.exp - 1 }))).toBe('accepted');
    expect(reasonOf(() => verifyHs256(token, key, { ...opts, now: payload.exp }))).toBe('expired');
  });

  test('wrong issuer or audience, missing exp, and an iat in the future are refused', () => {
    expect(reasonOf(() => verifyHs256(signHs256({ ...payload, aud: 'x' }, key), key, opts))).toBe('claims');
    expect(reasonOf(() => verifyHs256(signHs256({ ...payload, iss: 'x' }, key), key, opts))).toBe('claims');
    const { exp: _exp, ...noExp } = payload;
    expect(reasonOf(() => verifyHs256(signHs256(noExp, key), key, opts))).toBe('claims');
    expect(reasonOf(() => verifyHs256(signHs256({ ...payload, iat: opts.now + 61 }, key), key, opts))).toBe('claims');
  });
});
