/**
 * Compact JWS with HS256 only (RFC 7515 / 7519), on node:crypto.
 *
 * Why not `jose`: jose 6 ships as ES modules only, which the CommonJS jest runtime of this repo cannot load without
 * a root transform change. Accepting exactly one algorithm, one header shape and comparing the MAC in constant time
 * closes the classic JWT holes (alg "none", algorithm confusion, signature stripping) by construction.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = { alg: 'HS256', typ: 'JWT' } as const;
const ENCODED_HEADER = Buffer.from(JSON.stringify(HEADER)).toString('base64url');

export type JwtPayload = Record<string, unknown> & { iat?: number; exp?: number; iss?: string; aud?: string; sub?: string };

export class JwtError extends Error {
  constructor(
    readonly reason: 'malformed' | 'algorithm' | 'signature' | 'expired' | 'claims',
    message: string,
  ) {
    super(message);
    this.name = 'JwtError';
  }
}

function mac(signingInput: string, key: Uint8Array): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

export function signHs256(payload: JwtPayload, key: Uint8Array): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const input = `${ENCODED_HEADER}.${body}`;
  return `${input}.${mac(input, key).toString('base64url')}`;
}

function decodeJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new JwtError('malformed', 'not base64url');
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new JwtError('malformed', 'not JSON');
  }
}

export interface VerifyOptions {
  issuer: string;
  audience: string;
  /** Seconds since the epoch. */
  now: number;
}

/** Verify signature first, then the registered claims; `exp` and `iat` are required. */
export function verifyHs256(token: string, key: Uint8Array, options: VerifyOptions): JwtPayload {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('malformed', 'expected three parts');
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
  const header = decodeJson(encodedHeader) as Record<string, unknown> | null;
  if (
    !header ||
    typeof header !== 'object' ||
    header.alg !== 'HS256' ||
    Object.keys(header).some((k) => k !== 'alg' && k !== 'typ')
  ) {
    throw new JwtError('algorithm', 'only HS256 is accepted');
  }
  if (!/^[A-Za-z0-9_-]+$/.test(encodedSignature)) throw new JwtError('signature', 'bad signature');
  const expected = mac(`${encodedHeader}.${encodedPayload}`, key);
  const given = Buffer.from(encodedSignature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new JwtError('signature', 'bad signature');
  const payload = decodeJson(encodedPayload) as JwtPayload | null;
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    throw new JwtError('malformed', 'payload is not an object');
  if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number')
    throw new JwtError('claims', 'exp and iat are required');
  if (payload.iss !== options.issuer || payload.aud !== options.audience)
    throw new JwtError('claims', 'wrong issuer or audience');
  if (payload.exp <= options.now) throw new JwtError('expired', 'token expired');
  // A token "issued" in the future was not issued by us (allow a minute of clock skew between processes).
  if (payload.iat > options.now + 60) throw new JwtError('claims', 'issued in the future');
  return payload;
}
