import { isIP } from 'node:net';
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
  /** A server's cluster (`CLICKHOUSE_CLUSTER`): the cluster layout of infra/README.md. null → one node. */
  clickhouseCluster: string | null;
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
  /**
   * `smtp://user:pass@host:587` or `smtps://…:465`: the monthly 通报 is mailed to each recipient chief with an address
   * on the account. null → nothing is mailed.
   */
  smtpUrl: string | null;
  /**
   * Which peers' `X-Forwarded-For` the api believes (`TRUST_PROXY`, Express's "trust proxy" value): the client address
   * the login rate limit and the audit log record. Names (`loopback`, `linklocal`, `uniquelocal`), addresses and
   * CIDR ranges; a hop count; or true / false. Default `['loopback']`: a proxy on the same machine.
   */
  trustProxy: TrustProxy;
}

/** Express's "trust proxy" setting: trusted peers (names, addresses, ranges), a hop count, or all / none. */
export type TrustProxy = string[] | number | boolean;

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

/** SMTP_URL: smtp:// or smtps://, a host, a port when given in range; a user name needs its password and vice versa. */
function parseSmtpUrl(name: string, value: string): string {
  // The messages never repeat the value: it may hold a password.
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'not a URL (expected e.g. smtp://user:pass@mail.example.cn:587)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(name, `unsupported scheme "${url.protocol}" (expected smtp: or smtps:)`);
  }
  if (url.hostname === '') throw new ConfigError(name, 'no host (expected e.g. smtp://user:pass@mail.example.cn:587)');
  if (url.port !== '') parseInteger(`${name} port`, url.port, 1, 65535);
  if ((url.username === '') !== (url.password === '')) {
    throw new ConfigError(name, 'a user name needs a password and a password a user name (smtp://user:pass@host:587)');
  }
  if (url.pathname !== '' && url.pathname !== '/') throw new ConfigError(name, 'no path expected after host:port');
  return value;
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

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One trusted peer: a name of Express's, an address, `address/prefix` or (IPv4) `address/netmask`. */
function trustedPeer(name: string, entry: string): string {
  const [address = '', range, extra] = entry.split('/');
  const family = isIP(address);
  const rangeOk =
    range === undefined ||
    (/^\d+$/.test(range) && Number(range) <= (family === 6 ? 128 : 32)) ||
    (family === 4 && isIP(range) === 4);
  if (!PROXY_NAMES.has(entry) && (family === 0 || !rangeOk || extra !== undefined)) {
    throw new ConfigError(
      name,
      `not a trusted proxy: "${entry}" (expected loopback, linklocal, uniquelocal, an address or a CIDR range such as 10.0.0.0/8; or a hop count, true or false)`,
    );
  }
  return entry;
}

/** TRUST_PROXY in Express's own syntax: `true` / `false`, a hop count, or a comma-separated list of peers. */
function parseTrustProxy(name: string, value: string | null): TrustProxy {
  if (value === null) return ['loopback'];
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return parseInteger(name, value, 0, 32);
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) throw new ConfigError(name, 'no trusted proxy given');
  return entries.map((entry) => trustedPeer(name, entry));
}

export function loadConfig(env: Env = process.env): AppConfig {
  const dataDirRaw = optional(env, 'DATA_DIR') ?? './data';
  if (dataDirRaw.includes('\0')) throw new ConfigError('DATA_DIR', 'contains a NUL byte');
  const clickhouse = optional(env, 'CLICKHOUSE_URL');
  const cluster = optional(env, 'CLICKHOUSE_CLUSTER');
  if (cluster && !clickhouse)
    throw new ConfigError('CLICKHOUSE_CLUSTER', 'needs CLICKHOUSE_URL (the embedded store is one node)');
  if (cluster && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(cluster)) {
    throw new ConfigError('CLICKHOUSE_CLUSTER', `not a cluster name: "${cluster}" (letters, digits, _ and -)`);
  }
  const database = optional(env, 'DATABASE_URL');
  const port = optional(env, 'PORT');
  const timeout = optional(env, 'QUERY_TIMEOUT_SECONDS');
  const smtp = optional(env, 'SMTP_URL');
  const nodeEnv = optional(env, 'NODE_ENV');
  if (nodeEnv && !['production', 'development', 'test'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', `"${nodeEnv}" is not production, development or test`);
  }
  return {
    dataDir: path.resolve(dataDirRaw),
    clickhouseUrl: clickhouse ? parseUrl('CLICKHOUSE_URL', clickhouse, ['http:', 'https:']) : null,
    clickhouseCluster: cluster,
    databaseUrl: database ? parseUrl('DATABASE_URL', database, ['postgres:', 'postgresql:']) : null,
    port: port ? parseInteger('PORT', port, 1, 65535) : 4000,
    production: nodeEnv === 'production',
    authSecret: optional(env, 'AUTH_SECRET'),
    queryTimeoutSeconds: timeout ? parseInteger('QUERY_TIMEOUT_SECONDS', timeout, 1, 3600) : 30,
    corsOrigins: parseOrigins('CORS_ORIGINS', optional(env, 'CORS_ORIGINS') ?? ''),
    smtpUrl: smtp ? parseSmtpUrl('SMTP_URL', smtp) : null,
    trustProxy: parseTrustProxy('TRUST_PROXY', optional(env, 'TRUST_PROXY')),
  };
}

/** The token signing secret kept in DATA_DIR outside production when AUTH_SECRET is unset (the api creates it). */
export function authSecretPath(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'auth-secret');
}

/**
 * Limits on what the loader reads from one export file (issue 13 §1: hostile and broken files). Each bounds the
 * loader's memory or time whatever the file holds; a file that passes one is refused with an error naming the limit,
 * its variable and the row (or the part), before anything of it is stored.
 */
export interface ReadLimits {
  /** Bytes of one line of a CSV or JSON Lines file (between line ends). */
  maxLineBytes: number;
  /** Characters of one cell of a column the loader reads (longer: the row is rejected, naming the column). */
  maxCellChars: number;
  /** Columns of the header row (a CSV record, a sheet row, JSON keys). */
  maxColumns: number;
  /** Inflated bytes of one part of an XLSX package (its sheet: ~1.6 KB per row). */
  maxXlsxPartBytes: number;
  /** Inflated bytes per compressed byte of an XLSX part (a zip bomb inflates ~1,000×; real sheets ~10–150×). */
  maxXlsxRatio: number;
  /** Inflated bytes of the shared-string table (held in memory whole) and of each other part read whole. */
  maxSharedStringsBytes: number;
}

const MIB = 1 << 20;

/** Each limit: its variable, default, bounds. */
export const READ_LIMIT_VARIABLES: Record<keyof ReadLimits, { variable: string; default: number; min: number; max: number }> = {
  maxLineBytes: { variable: 'ETL_MAX_LINE_BYTES', default: 4 * MIB, min: 1024, max: 512 * MIB },
  maxCellChars: { variable: 'ETL_MAX_CELL_CHARS', default: 32_767, min: 64, max: 64 * MIB },
  maxColumns: { variable: 'ETL_MAX_COLUMNS', default: 1000, min: 40, max: 16_384 },
  maxXlsxPartBytes: { variable: 'ETL_MAX_XLSX_PART_BYTES', default: 8192 * MIB, min: MIB, max: 2 ** 40 },
  maxXlsxRatio: { variable: 'ETL_MAX_XLSX_RATIO', default: 500, min: 2, max: 100_000 },
  maxSharedStringsBytes: { variable: 'ETL_MAX_SHARED_STRINGS_BYTES', default: 256 * MIB, min: MIB, max: 1024 * MIB },
};

/** The loader's read limits from the environment; a bad value throws ConfigError naming the variable. */
export function loadReadLimits(env: Env = process.env): ReadLimits {
  const limits = {} as ReadLimits;
  for (const [key, spec] of Object.entries(READ_LIMIT_VARIABLES) as [
    keyof ReadLimits,
    (typeof READ_LIMIT_VARIABLES)[keyof ReadLimits],
  ][]) {
    const value = optional(env, spec.variable);
    limits[key] = value ? parseInteger(spec.variable, value, spec.min, spec.max) : spec.default;
  }
  return limits;
}
