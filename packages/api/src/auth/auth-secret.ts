import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type AppConfig, authSecretPath } from '@c12315/store';

/** HS256 wants at least 256 bits of key (RFC 7518 §3.2); a shorter production secret is refused at start-up. */
const MIN_PRODUCTION_SECRET_LENGTH = 32;

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

/**
 * Production (NODE_ENV=production) refuses to start without a signing secret: a generated one would silently
 * differ between replicas and change on every redeploy (issue "GraphQL API" §Auth).
 */
export function assertAuthConfig(config: Pick<AppConfig, 'production' | 'authSecret'>): void {
  if (!config.production) return;
  if (!config.authSecret) {
    throw new AuthConfigError('AUTH_SECRET: required when NODE_ENV=production (the token signing secret)');
  }
  if (config.authSecret.length < MIN_PRODUCTION_SECRET_LENGTH) {
    throw new AuthConfigError(`AUTH_SECRET: too short, use at least ${MIN_PRODUCTION_SECRET_LENGTH} random characters`);
  }
}

export { authSecretPath };

/**
 * Outside production without AUTH_SECRET: one random secret kept in DATA_DIR/auth-secret (0600), so that restarts
 * and the CLI agree. Created with O_EXCL: two processes starting together end up with the same file.
 */
function readOrCreateSecretFile(file: string): string {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fresh = randomBytes(32).toString('base64url');
  try {
    fs.writeFileSync(file, `${fresh}\n`, { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fs.readFileSync(file, 'utf8').trim();
  }
}

const cache = new Map<string, Uint8Array>();

/** The HS256 key for this configuration (memoised per data dir and secret). */
export function authSecretFor(config: Pick<AppConfig, 'production' | 'authSecret' | 'dataDir'>): Uint8Array {
  assertAuthConfig(config);
  const cacheKey = `${config.dataDir}\0${config.authSecret ?? ''}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = new TextEncoder().encode(config.authSecret ?? readOrCreateSecretFile(authSecretPath(config)));
    cache.set(cacheKey, key);
  }
  return key;
}
