import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertAuthConfig, authSecretFor, authSecretPath } from './auth-secret';

describe('signing secret', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-secret-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('production without AUTH_SECRET refuses to start, naming AUTH_SECRET', () => {
    expect(() => assertAuthConfig({ production: true, authSecret: null })).toThrow(/AUTH_SECRET/);
    expect(() => authSecretFor({ production: true, authSecret: null, dataDir })).toThrow(/AUTH_SECRET/);
    expect(() => assertAuthConfig({ production: true, authSecret: 'short' })).toThrow(/AUTH_SECRET: too short/);
    expect(() => assertAuthConfig({ production: true, authSecret: 'x'.repeat(32) })).not.toThrow();
    expect(() => assertAuthConfig({ production: false, authSecret: null })).not.toThrow();
    // production never writes a secret file
    expect(fs.existsSync(authSecretPath({ dataDir }))).toBe(false);
  });

  test('outside production a random secret is kept in DATA_DIR/auth-secret (0600) and reused', () => {
    const first = authSecretFor({ production: false, authSecret: null, dataDir });
    const file = authSecretPath({ dataDir });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = fs.readFileSync(file, 'utf8').trim();
    expect(stored.length).toBeGreaterThanOrEqual(43); // 32 random bytes in base64url
    expect(Buffer.from(first).toString()).toBe(stored);
    // another data dir (another "process" in effect, no shared cache entry) reads the same file back
    const again = authSecretFor({ production: false, authSecret: null, dataDir: `${dataDir}/.` });
    expect(Buffer.from(again).toString()).toBe(stored);
  });

  test('AUTH_SECRET, when set, is the key', () => {
    const key = authSecretFor({ production: true, authSecret: 's'.repeat(40), dataDir });
    expect(Buffer.from(key).toString()).toBe('s'.repeat(40));
  });
});
