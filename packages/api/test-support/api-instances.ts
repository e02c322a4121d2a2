/**
 * Test support: several api instances over one case store and one metadata DB (README "Several api instances").
 *
 * Each instance is a separately wired app (wireApp: its own Apollo server, express app and listening port) with its
 * own metadata connection (its own MikroORM instance, so its own connection pool and its own read cache:
 * common/read-cache.ts keys the cache by it) on the same database — SQLite in the first instance's DATA_DIR, or one
 * PostgreSQL database (metadata-backends.ts). Whatever an instance keeps in memory is therefore its own, as in two
 * processes; what they agree on must come from the shared stores.
 *
 * The case store: chdb allows one process per data dir, so on the embedded engine the instances run in this one
 * process and share its chdb client. When the first instance's configuration names a ClickHouse server
 * (`clickhouseUrl`, e.g. the ClickHouse HTTP test server in front of chdb, or a real server from CLICKHOUSE_TEST_URL),
 * `instanceStores` gives each further instance its own client on it instead. The true two-process run —
 * `packages/api/src/main.ts` started twice with CLICKHOUSE_URL (the HTTP test server) and DATABASE_URL, where the
 * process-wide state (the store gate, the Chromium limit, the mail retries) is each one's too — is
 * src/server/several-processes.int.test.ts.
 */
import type { Stores } from '@c12315/etl';
import { createClickHouse, openMetadataStore } from '@c12315/store';
import { startTestServer, type TestServer, type TestServerOptions } from './http-test-server';
import type { MetadataBackend } from './metadata-backends';

/** The stores of a further instance beside `first`: its own metadata connection, the case store as described above. */
export async function instanceStores(first: Stores): Promise<Stores> {
  const orm = await openMetadataStore(first.config);
  const ch = first.config.clickhouseUrl ? createClickHouse(first.config) : first.ch;
  return {
    config: first.config,
    ch,
    orm,
    close: async () => {
      await orm.close(true);
      if (ch !== first.ch) await ch.close();
    },
  };
}

export interface ApiInstances {
  /** The instances, in start order: instances[0] owns the stores (its close() closes them), the others share them. */
  instances: TestServer[];
  close(): Promise<void>;
}

/** `count` api instances (at least 2) on `backend`, sharing one case store and one metadata database. */
export async function startApiInstances(
  prefix: string,
  backend: MetadataBackend,
  count = 2,
  options: Pick<TestServerOptions, 'config' | 'wire'> = {},
): Promise<ApiInstances> {
  const first = await startTestServer(prefix, { ...options, backend });
  const instances = [first];
  const further: Stores[] = [];
  try {
    for (let i = 1; i < count; i++) {
      const stores = await instanceStores(first.stores);
      further.push(stores);
      instances.push(await startTestServer(prefix, { ...options, stores }));
    }
  } catch (error) {
    for (const s of further) await s.close().catch(() => undefined);
    await first.close();
    throw error;
  }
  return {
    instances,
    async close() {
      for (const instance of instances.slice(1).reverse()) await instance.close();
      for (const s of further) await s.close();
      await first.close();
    },
  };
}
