import path from 'node:path';

/**
 * Start-up configuration from the environment (issue "Data in" §1). Every variable is validated once, here; a bad
 * value stops start-up with a message that names the variable.
 */
export interface AppConfig {
  /** Root of everything the embedded default keeps: `clickhouse/`, `metadata.sqlite`, inbox, locks. */
  dataDir: string;
  /** null → embedded chdb in `DATA_DIR/clickhouse`. */
  clickhouseUrl: string | null;
  /** null → SQLite in `DATA_DIR/metadata.sqlite`. */
  databaseUrl: string | null;
  port: number;
  production: boolean;
  /** Token signing secret; required in production (checked by the api). */
  authSecret: string | null;
  /** Per-query limit handed to ClickHouse (`max_execution_time`), seconds. */
  queryTimeoutSeconds: number;
  /** Browser origins allowed to call the api cross-origin (CORS); empty: none (the dashboard is served same-origin). */
  corsOrigins: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function optional(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function parseUrl(name: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `not a URL: "${value}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `unsupported scheme "${url.protocol}" (expected ${protocols.join(' or ')})`);
  }
  return value;
}

function parseInteger(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(name, `not a whole number: "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new ConfigError(name, `${n} is outside ${min}–${max}`);
  return n;
}

/** `https://a.example,http://localhost:5173` → origins (scheme://host[:port], nothing else). */
function parseOrigins(name: string, value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((origin) => {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        throw new ConfigError(name, `not an origin: "${origin}" (expected e.g. https://dashboard.example.cn)`);
      }
      if (!['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
        throw new ConfigError(name, `not an origin: "${origin}" (scheme://host[:port], no path, no "*")`);
      }
      return origin;
    });
}

export function loadConfig(env: Env = process.env): AppConfig {
  const dataDirRaw = optional(env, 'DATA_DIR') ?? './data';
  if (dataDirRaw.includes('\0')) throw new ConfigError('DATA_DIR', 'contains a NUL byte');
  const clickhouse = optional(env, 'CLICKHOUSE_URL');
  const database = optional(env, 'DATABASE_URL');
  const port = optional(env, 'PORT');
  const timeout = optional(env, 'QUERY_TIMEOUT_SECONDS');
  const nodeEnv = optional(env, 'NODE_ENV');
  if (nodeEnv && !['production', 'development', 'test'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', `"${nodeEnv}" is not production, development or test`);
  }
  return {
    dataDir: path.resolve(dataDirRaw),
    clickhouseUrl: clickhouse ? parseUrl('CLICKHOUSE_URL', clickhouse, ['http:', 'https:']) : null,
    databaseUrl: database ? parseUrl('DATABASE_URL', database, ['postgres:', 'postgresql:']) : null,
    port: port ? parseInteger('PORT', port, 1, 65535) : 4000,
    production: nodeEnv === 'production',
    authSecret: optional(env, 'AUTH_SECRET'),
    queryTimeoutSeconds: timeout ? parseInteger('QUERY_TIMEOUT_SECONDS', timeout, 1, 3600) : 30,
    corsOrigins: parseOrigins('CORS_ORIGINS', optional(env, 'CORS_ORIGINS') ?? ''),
  };
}
