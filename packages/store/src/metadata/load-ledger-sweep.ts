/**
 * Loads left RUNNING by a process that died (kill -9, power loss, the api server killed during a handed-over load).
 * On the embedded store one process owns the case store (chdb locks its directory) and, with the metadata in SQLite
 * in the same DATA_DIR, the ledger is that store's alone: when a process has just opened it, no other process can be
 * loading into it, so every RUNNING entry is dead. Marked INTERRUPTED at once — not only when the same file is loaded
 * again — because the api serves nothing from its cache while any load is RUNNING (read-cache.ts), and the next
 * load drops the stage tables of loads no longer RUNNING. With PostgreSQL metadata (possibly shared) or a ClickHouse
 * server (several loaders at once) nobody can tell a dead load from a live one here: the re-run of the same file
 * marks it (file-loader.ts).
 */
import type { MikroORM } from '@mikro-orm/core';
import type { AppConfig } from '../config';
import { LoadLedgerEntry } from './load-ledger.entity';

export const INTERRUPTED_AT_OPEN =
  'the load process ended before finishing (found at the next start); 加载进程未完成即终止：重新运行同一加载命令即可补齐';

/**
 * Call only once the embedded case store is open (its lock held). Returns the ids marked INTERRUPTED; none when the
 * store is not one process's own (CLICKHOUSE_URL or DATABASE_URL set).
 */
export async function markDeadLoadsInterrupted(
  orm: MikroORM,
  config: Pick<AppConfig, 'clickhouseUrl' | 'databaseUrl'>,
): Promise<number[]> {
  if (config.clickhouseUrl || config.databaseUrl) return [];
  const em = orm.em.fork();
  const running = await em.find(LoadLedgerEntry, { status: 'RUNNING' });
  for (const entry of running) {
    entry.status = 'INTERRUPTED';
    entry.finishedAt = null;
    entry.error = INTERRUPTED_AT_OPEN;
  }
  await em.flush();
  return running.map((e) => e.id);
}
