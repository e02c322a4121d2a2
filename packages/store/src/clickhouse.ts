import fs from 'node:fs';
import path from 'node:path';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import type { AppConfig } from './config';

export type { ClickHouseClient } from '@clickhouse/client';

/** Where the embedded engine keeps its files. chdb locks this directory: one process at a time. */
export function embeddedClickHousePath(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'clickhouse');
}

/**
 * The one ClickHouse client factory: embedded chdb (default) or a server / cluster by `CLICKHOUSE_URL`. The same SQL
 * and the same client calls serve both. Throws `EmbeddedStoreBusyError` when another process holds the embedded store.
 */
export function createClickHouse(config: Pick<AppConfig, 'dataDir' | 'clickhouseUrl' | 'queryTimeoutSeconds'>): ClickHouseClient {
  const clickhouse_settings = { max_execution_time: config.queryTimeoutSeconds };
  if (config.clickhouseUrl) {
    return createClient({
      url: config.clickhouseUrl,
      clickhouse_settings,
      request_timeout: (config.queryTimeoutSeconds + 5) * 1000,
    });
  }
  const dir = embeddedClickHousePath(config);
  fs.mkdirSync(dir, { recursive: true });
  // Loaded lazily: the 560 MB engine library is only mapped when the embedded store is used.
  const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/connection');
  try {
    // chdb types its connection against @clickhouse/client-common, which the client now bundles: same shape, two
    // declarations, hence the cast.
    const connection = createChdbConnection({ path: dir }) as unknown as NonNullable<
      Parameters<typeof createClient>[0]
    >['connection'];
    return createClient({ connection, clickhouse_settings });
  } catch (error) {
    throw new EmbeddedStoreBusyError(dir, error);
  }
}

export class EmbeddedStoreBusyError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(`the embedded ClickHouse store ${dir} is held by another process`, { cause });
    this.name = 'EmbeddedStoreBusyError';
  }
}
