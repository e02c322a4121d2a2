/**
 * Test support: which ClickHouse a test store runs on, chosen by the environment of the test run.
 *  - unset (default): the embedded engine (chdb) in the store's DATA_DIR — `CLICKHOUSE_URL` unset.
 *  - `CLICKHOUSE_TEST_PATH=http`: the server path (`CLICKHOUSE_URL`) through ClickHouse's HTTP interface, served by
 *    clickhouse-http-server.ts in a child process in front of chdb on `DATA_DIR/clickhouse` (one per store).
 *  - `CLICKHOUSE_TEST_URL=http://host:8123`: a real ClickHouse server; each store gets a database of its own
 *    (`c12315_test_…`, dropped on close), named in the URL's path as the client reads it.
 * A test store factory calls `openTestClickHouse(dataDir)` and puts the returned `url` into its config's
 * `clickhouseUrl`.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import { embeddedBulkInsert } from '../src/clickhouse';
import { spawnClickHouseHttpServer } from './clickhouse-http-server';

export type ClickHouseTestPath = 'embedded' | 'http' | 'server';

/** The path this test run takes (throws on a value it does not know: a typo must not test the embedded path). */
export function clickHouseTestPath(env: NodeJS.ProcessEnv = process.env): ClickHouseTestPath {
  if (env.CLICKHOUSE_TEST_URL?.trim()) return 'server';
  const chosen = env.CLICKHOUSE_TEST_PATH?.trim() ?? '';
  if (chosen === '' || chosen === 'embedded') return 'embedded';
  if (chosen === 'http') return 'http';
  throw new Error(`CLICKHOUSE_TEST_PATH=${chosen}: expected "embedded" or "http" (or CLICKHOUSE_TEST_URL for a server)`);
}

export interface TestClickHouse {
  readonly path: ClickHouseTestPath;
  /** The store's CLICKHOUSE_URL, null on the embedded path. */
  readonly url: string | null;
  /** Throws unless `ch` took this path (a store that silently opened the embedded engine would pass for a server). */
  assertTaken(ch: ClickHouseClient): void;
  /** Stop the HTTP server / drop the server database (after the store's client is closed). */
  close(): Promise<void>;
}

function assertTaken(chosen: ClickHouseTestPath, ch: ClickHouseClient): void {
  const embedded = embeddedBulkInsert(ch) !== null;
  if (embedded !== (chosen === 'embedded')) {
    throw new Error(`the test store's ClickHouse is ${embedded ? 'embedded' : 'a server'}, expected ${chosen}`);
  }
}

/** The ClickHouse of one test store whose DATA_DIR is `dataDir`. */
export async function openTestClickHouse(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<TestClickHouse> {
  const chosen = clickHouseTestPath(env);
  const taken = (ch: ClickHouseClient) => assertTaken(chosen, ch);
  if (chosen === 'embedded') return { path: chosen, url: null, assertTaken: taken, close: async () => undefined };
  if (chosen === 'http') {
    const server = await spawnClickHouseHttpServer(path.join(dataDir, 'clickhouse'));
    return { path: chosen, url: server.url, assertTaken: taken, close: () => server.close() };
  }
  const base = (env.CLICKHOUSE_TEST_URL as string).trim().replace(/\/+$/, '');
  const database = `c12315_test_${randomBytes(6).toString('hex')}`;
  const admin = createClient({ url: base });
  try {
    await admin.command({ query: `CREATE DATABASE ${database}` });
  } finally {
    await admin.close();
  }
  return {
    path: chosen,
    url: `${base}/${database}`,
    assertTaken: taken,
    async close() {
      const c = createClient({ url: base });
      try {
        await c.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      } finally {
        await c.close();
      }
    },
  };
}
