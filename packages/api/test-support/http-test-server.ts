/**
 * Test support: the real HTTP app (wireApp: Apollo + express + exports + auth) over a real chdb store in a fresh temp
 * DATA_DIR (embedded, or over HTTP when the run asks for it: clickhouse-test-path.ts) and a real metadata store (SQLite there, or a fresh PostgreSQL database: metadata-backends.ts), listening on
 * an ephemeral port, with small fetch helpers. Used by the authorization matrix and the server limit tests, which must
 * see what a client sees — status codes, JSON bodies, error extensions.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openStores, type Stores } from '@c12315/etl';
import { type AppConfig, loadConfig } from '@c12315/store';
import { openTestClickHouse, type TestClickHouse } from '@c12315/store/test-support/clickhouse-test-path';
import type { NoticeMailer } from '../src/notices/notice-mail';
import { warmupsSettled } from '../src/ranking/ranking-warmup';
import { createHttpServer, type HttpLimits } from '../src/server/http-hardening';
import { type WireOptions, wireApp } from '../src/server/wire';
import { assertBackend, databaseUrlFor, type MetadataBackend } from './metadata-backends';

export interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
}

export interface HttpResult {
  status: number;
  /** Body text, UTF-8 (checked for leaks: SQL, stack traces, engine messages). */
  text: string;
  /** Raw body bytes (a CSV's BOM is visible here). */
  bytes: Buffer;
}

export interface TestServer {
  url: string;
  stores: Stores;
  config: AppConfig;
  /** The text wireApp returned (demo users), '' otherwise. */
  announce: string;
  gql(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<HttpResult & { body: GraphQLResponseBody }>;
  get(route: string, token?: string | null): Promise<HttpResult>;
  /** The 通报 mailer wireApp built (SMTP_URL set), undefined otherwise. */
  noticeMailer: NoticeMailer | undefined;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Overrides of the configuration loaded from { DATA_DIR } (e.g. production + authSecret). */
  config?: Partial<AppConfig>;
  demo?: boolean;
  /** The metadata store of stores opened here (SQLite by default). */
  backend?: MetadataBackend;
  /** Reuse open stores (a second app over the same store, e.g. in production mode); not closed by close(). */
  stores?: Stores;
  /** Node's server timeouts and caps (default: the production ones, http-hardening.ts). */
  httpLimits?: HttpLimits;
  /** The dashboard's build directory, as main.ts passes it (default: none, no page paths served). */
  staticDir?: string;
  /** wireApp's 通报 mail options (the PDF renderer, shorter retry waits). */
  wire?: Pick<WireOptions, 'noticePdf' | 'noticeMailRetryDelaysMs'>;
}

function authHeader(token: string | null | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function startTestServer(prefix: string, options: TestServerOptions = {}): Promise<TestServer> {
  const ownStores = !options.stores;
  let stores: Stores;
  let dataDir: string | null = null;
  let clickhouse: TestClickHouse | null = null;
  if (options.stores) {
    stores = { ...options.stores, config: { ...options.stores.config, ...options.config } };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const databaseUrl = await databaseUrlFor(options.backend ?? 'SQLite');
    clickhouse = await openTestClickHouse(dataDir);
    const config: AppConfig = {
      ...loadConfig({ DATA_DIR: dataDir }),
      clickhouseUrl: clickhouse.url,
      databaseUrl,
      ...options.config,
    };
    stores = await openStores(config);
    clickhouse.assertTaken(stores.ch);
    assertBackend(stores.orm, options.backend ?? 'SQLite');
  }
  const { app, announce, noticeMailer } = await wireApp({
    config: stores.config,
    ch: stores.ch,
    orm: stores.orm,
    localToken: 'test-local-token',
    demo: options.demo,
    staticDir: options.staticDir,
    ...options.wire,
  });
  const server = createHttpServer(app, options.httpLimits).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stores,
    config: stores.config,
    announce,
    noticeMailer,
    async gql(query, variables = {}, token = null) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeader(token) },
        body: JSON.stringify({ query, variables }),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      const text = bytes.toString('utf8');
      return { status: response.status, text, bytes, body: JSON.parse(text) as GraphQLResponseBody };
    },
    async get(route, token = null) {
      const response = await fetch(`${url}${route}`, { headers: authHeader(token) });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { status: response.status, text: bytes.toString('utf8'), bytes };
    },
    async close() {
      noticeMailer?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // As main.ts does: a warm-up started by a handed-over load still runs statements; the engine stays held until then.
      await warmupsSettled();
      if (ownStores) {
        await stores.close();
        await clickhouse?.close();
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** 'data' for an answer without errors, else the first error's extensions.code. */
export function outcomeOf(body: GraphQLResponseBody): string {
  if (body.errors?.length) return String(body.errors[0]?.extensions?.code ?? 'NO_CODE');
  return body.data ? 'data' : 'NO_DATA';
}

/**
 * Text that must never reach a client (schema.graphql header: "No error text carries SQL, engine messages or stack
 * traces"): SQL keywords of our statements, ClickHouse / chdb / SQLite / PostgreSQL error text, and JS stack frames.
 */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\bSELECT\b/i,
  /\bFROM\s+cases\b/i,
  /\bFINAL\b/,
  /\bWHERE\b/,
  /DB::Exception/,
  /\bCode: \d+/,
  /SQLITE_/,
  // PostgreSQL's error texts
  /violates [\w -]*constraint/,
  /relation "[^"]*" does not exist/,
  /syntax error at or near/,
  /ClickHouse/i,
  /chdb/i,
  /\bat [\w.<>]+ \(.*:\d+:\d+\)/,
  /\.ts:\d+/,
  /stacktrace/i,
];

export function leaksIn(text: string): string[] {
  return LEAK_PATTERNS.filter((p) => p.test(text)).map(String);
}
