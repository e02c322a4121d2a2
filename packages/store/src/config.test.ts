import path from 'node:path';
import { ConfigError, loadConfig, loadReadLimits } from './config';

test('defaults: ./data, embedded ClickHouse, SQLite, port 4000', () => {
  expect(loadConfig({})).toEqual({
    dataDir: path.resolve('./data'),
    clickhouseUrl: null,
    clickhouseCluster: null,
    databaseUrl: null,
    port: 4000,
    production: false,
    authSecret: null,
    queryTimeoutSeconds: 30,
    corsOrigins: [],
    smtpUrl: null,
    trustProxy: ['loopback'],
  });
});

test('TRUST_PROXY: Express’s "trust proxy" values — peers (names, addresses, CIDR ranges), a hop count, true / false', () => {
  const trust = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;
  expect(trust('loopback, uniquelocal')).toEqual(['loopback', 'uniquelocal']);
  expect(trust('10.0.0.0/8,192.168.1.7, fd00::/8, ::1')).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1']);
  expect(trust('172.16.0.0/255.240.0.0')).toEqual(['172.16.0.0/255.240.0.0']);
  expect(trust('1')).toBe(1);
  expect(trust('false')).toBe(false);
  expect(trust('true')).toBe(true);
});

test('CORS_ORIGINS: a comma-separated list of origins', () => {
  expect(loadConfig({ CORS_ORIGINS: 'https://bi.example.cn, http://localhost:5173' }).corsOrigins).toEqual([
    'https://bi.example.cn',
    'http://localhost:5173',
  ]);
});

test('SMTP_URL: smtp:// or smtps:// with host, port and credentials; a bad one never repeats its password', () => {
  expect(loadConfig({ SMTP_URL: 'smtp://notices:s3cret@mail.example.cn:587' }).smtpUrl).toBe(
    'smtp://notices:s3cret@mail.example.cn:587',
  );
  expect(loadConfig({ SMTP_URL: 'smtps://mail.example.cn' }).smtpUrl).toBe('smtps://mail.example.cn');
  expect(() => loadConfig({ SMTP_URL: 'smtp://notices:s3cret@' })).toThrow(/^SMTP_URL: (?!.*s3cret)/);
});

test('valid values are taken', () => {
  const c = loadConfig({
    DATA_DIR: '/srv/12315',
    CLICKHOUSE_URL: 'http://ch:8123',
    CLICKHOUSE_CLUSTER: 'c12315',
    DATABASE_URL: 'postgres://u:p@db/meta',
    PORT: '8080',
    NODE_ENV: 'production',
    AUTH_SECRET: 's',
  });
  expect(c).toMatchObject({
    dataDir: '/srv/12315',
    clickhouseUrl: 'http://ch:8123',
    clickhouseCluster: 'c12315',
    databaseUrl: 'postgres://u:p@db/meta',
    port: 8080,
    production: true,
  });
});

test.each([
  ['PORT', { PORT: 'eighty' }, /PORT: not a whole number/],
  ['PORT', { PORT: '70000' }, /PORT: 70000 is outside 1–65535/],
  ['CLICKHOUSE_URL', { CLICKHOUSE_URL: 'ch:8123' }, /CLICKHOUSE_URL: unsupported scheme/],
  ['CLICKHOUSE_URL', { CLICKHOUSE_URL: 'not a url' }, /CLICKHOUSE_URL: not a URL/],
  ['CLICKHOUSE_CLUSTER', { CLICKHOUSE_CLUSTER: 'c12315' }, /CLICKHOUSE_CLUSTER: needs CLICKHOUSE_URL/],
  [
    'CLICKHOUSE_CLUSTER',
    { CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_CLUSTER: "c' x" },
    /CLICKHOUSE_CLUSTER: not a cluster name/,
  ],
  ['DATABASE_URL', { DATABASE_URL: 'mysql://x/y' }, /DATABASE_URL: unsupported scheme "mysql:"/],
  ['NODE_ENV', { NODE_ENV: 'prod' }, /NODE_ENV: "prod" is not/],
  ['QUERY_TIMEOUT_SECONDS', { QUERY_TIMEOUT_SECONDS: '0' }, /QUERY_TIMEOUT_SECONDS: 0 is outside/],
  ['CORS_ORIGINS', { CORS_ORIGINS: '*' }, /CORS_ORIGINS: not an origin: "\*"/],
  ['CORS_ORIGINS', { CORS_ORIGINS: 'https://bi.example.cn/app' }, /CORS_ORIGINS: not an origin/],
  ['CORS_ORIGINS', { CORS_ORIGINS: 'ftp://bi.example.cn' }, /CORS_ORIGINS: not an origin/],
  ['SMTP_URL', { SMTP_URL: 'http://mail.example.cn' }, /SMTP_URL: unsupported scheme "http:"/],
  ['SMTP_URL', { SMTP_URL: 'mail.example.cn:587' }, /SMTP_URL: unsupported scheme/],
  ['SMTP_URL', { SMTP_URL: 'smtp://user@mail.example.cn:587' }, /SMTP_URL: a user name needs a password/],
  ['SMTP_URL', { SMTP_URL: 'smtp://u:p@mail.example.cn:99999' }, /SMTP_URL: not a URL/],
  ['SMTP_URL', { SMTP_URL: 'smtp://u:p@mail.example.cn:587/x' }, /SMTP_URL: no path/],
  ['TRUST_PROXY', { TRUST_PROXY: 'nginx' }, /TRUST_PROXY: not a trusted proxy: "nginx"/],
  ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY: not a trusted proxy: "10.0.0.0\/33"/],
  ['TRUST_PROXY', { TRUST_PROXY: 'loopback,10.0.0/8' }, /TRUST_PROXY: not a trusted proxy: "10.0.0\/8"/],
  ['TRUST_PROXY', { TRUST_PROXY: 'fd00::/255.0.0.0' }, /TRUST_PROXY: not a trusted proxy/],
  ['TRUST_PROXY', { TRUST_PROXY: ',' }, /TRUST_PROXY: no trusted proxy given/],
  ['TRUST_PROXY', { TRUST_PROXY: '64' }, /TRUST_PROXY: 64 is outside 0–32/],
])('a bad %s stops start-up naming the variable', (variable, env, message) => {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  expect((caught as ConfigError).variable).toBe(variable);
  expect((caught as Error).message).toMatch(message);
});

test('read limits: defaults, values taken, a bad value names its variable', () => {
  expect(loadReadLimits({})).toEqual({
    maxLineBytes: 4 << 20,
    maxCellChars: 32_767,
    maxColumns: 1000,
    maxXlsxPartBytes: 8 * 2 ** 30,
    maxXlsxRatio: 500,
    maxSharedStringsBytes: 256 << 20,
  });
  expect(loadReadLimits({ ETL_MAX_LINE_BYTES: '65536', ETL_MAX_COLUMNS: '100' })).toMatchObject({
    maxLineBytes: 65_536,
    maxColumns: 100,
  });
  expect(() => loadReadLimits({ ETL_MAX_LINE_BYTES: '1M' })).toThrow(/ETL_MAX_LINE_BYTES: not a whole number/);
  expect(() => loadReadLimits({ ETL_MAX_COLUMNS: '20000' })).toThrow(/ETL_MAX_COLUMNS: 20000 is outside 40–16384/);
  expect(() => loadReadLimits({ ETL_MAX_XLSX_RATIO: '1' })).toThrow(ConfigError);
});
