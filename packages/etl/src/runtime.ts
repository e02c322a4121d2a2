/**
 * Opening the stores for a command-line process: configuration from the environment, calendar files, ClickHouse
 * (migrated) and the metadata DB (migrated). Used by the ETL CLI when no api server holds the embedded store.
 */
import path from 'node:path';
import {
  type AppConfig,
  type ClickHouseClient,
  createClickHouse,
  loadCalendarFiles,
  loadConfig,
  migrateClickHouse,
  openMetadataStore,
} from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';

export interface Stores {
  config: AppConfig;
  ch: ClickHouseClient;
  orm: MikroORM;
  close(): Promise<void>;
}

export function calendarDir(config: AppConfig, env = process.env): string {
  return env.CALENDAR_DIR ? path.resolve(env.CALENDAR_DIR) : path.join(config.dataDir, 'calendar');
}

export async function openStores(config: AppConfig = loadConfig()): Promise<Stores> {
  loadCalendarFiles(calendarDir(config));
  const ch = createClickHouse(config);
  try {
    await migrateClickHouse(ch, { cluster: process.env.CLICKHOUSE_CLUSTER?.trim() || null });
  } catch (error) {
    await ch.close().catch(() => undefined);
    throw error;
  }
  const orm = await openMetadataStore(config);
  return {
    config,
    ch,
    orm,
    close: async () => {
      await orm.close();
      await ch.close();
    },
  };
}
