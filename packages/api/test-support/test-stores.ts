/**
 * Test support for the api's integration tests: a real chdb store in a fresh temp DATA_DIR — embedded, or the server
 * path over HTTP when the run asks for it (CLICKHOUSE_TEST_PATH=http / CLICKHOUSE_TEST_URL: clickhouse-test-path.ts) —
 * and a real metadata store (SQLite in that DATA_DIR, or a fresh PostgreSQL database: metadata-backends.ts), and
 * GraphQL execution with a request context as the server builds it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type AppConfig,
  type ClickHouseClient,
  createClickHouse,
  loadConfig,
  migrateClickHouse,
  openMetadataStore,
} from '@c12315/store';
import { openTestClickHouse } from '@c12315/store/test-support/clickhouse-test-path';
import type { MikroORM } from '@mikro-orm/core';
import { type ExecutionResult, type GraphQLSchema, graphql } from 'graphql';
import type { Role } from '../src/common/graphql-types';
import type { AppContext, AuthUser } from '../src/context';
import { assertBackend, databaseUrlFor, type MetadataBackend } from './metadata-backends';

export interface TestStores {
  config: AppConfig;
  ch: ClickHouseClient;
  orm: MikroORM;
  close(): Promise<void>;
}

export async function openTestStores(prefix: string, backend: MetadataBackend = 'SQLite'): Promise<TestStores> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const clickhouse = await openTestClickHouse(dataDir);
  const config: AppConfig = {
    ...loadConfig({ DATA_DIR: dataDir }),
    clickhouseUrl: clickhouse.url,
    databaseUrl: await databaseUrlFor(backend),
  };
  const ch = createClickHouse(config);
  let orm: MikroORM;
  try {
    clickhouse.assertTaken(ch);
    await migrateClickHouse(ch);
    orm = await openMetadataStore(config);
    assertBackend(orm, backend);
  } catch (error) {
    await ch.close().catch(() => undefined);
    await clickhouse.close();
    throw error;
  }
  return {
    config,
    ch,
    orm,
    async close() {
      await orm.close(true);
      await ch.close();
      await clickhouse.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testUser(role: Role | `${Role}`, regionCode: string, id = 1): AuthUser {
  return { id, username: `${String(role).toLowerCase()}-${regionCode}`, role: role as Role, regionCode };
}

export function contextFor(stores: TestStores, user: AuthUser | null): AppContext {
  return { user, ch: stores.ch, orm: stores.orm, em: stores.orm.em.fork(), config: stores.config, ip: '127.0.0.1' };
}

export function execute(
  schema: GraphQLSchema,
  ctx: AppContext,
  source: string,
  variableValues: Record<string, unknown> = {},
): Promise<ExecutionResult> {
  return graphql({ schema, source, variableValues, contextValue: ctx });
}

/** The `extensions.code` of the first error (undefined when the call succeeded). */
export function errorCode(result: ExecutionResult): string | undefined {
  return result.errors?.[0]?.extensions?.code as string | undefined;
}
