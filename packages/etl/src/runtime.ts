/**
 * Opening the stores for a command-line process: configuration from the environment, calendar files, ClickHouse
 * (migrated) and the metadata DB (migrated). Used by the ETL CLI when no api server holds the embedded store.
 */
import {
  type AppConfig,
  type ClickHouseClient,
  calendarDir,
  createClickHouse,
  loadCalendarFiles,
  loadConfig,
  markDeadLoadsInterrupted,
  migrateClickHouse,
  openMetadataStore,
  type RefreshProgress,
  refreshReadModel,
} from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { recomputeProvisionalDueDates } from './load/provisional-recompute';

export interface Stores {
  config: AppConfig;
  ch: ClickHouseClient;
  orm: MikroORM;
  close(): Promise<void>;
}

export { calendarDir } from '@c12315/store';

/** Rebuilding the read model at open, on stderr: an upgrade builds every month once, a killed load its own. */
function printReadModelProgress(p: RefreshProgress): void {
  const month = `${String(p.month).slice(0, 4)}-${String(p.month).slice(4)}`;
  process.stderr.write(`read model: ${month} rebuilt (${p.done}/${p.total})\n`);
}

/**
 * Open both stores, migrated, with the read model repaired: cases whose provisional due dates came from a calendar
 * year now published are recomputed (provisional-recompute.ts), then months a killed load left dirty, or every month
 * after the read model's definition changed (the upgrade of an existing store, a new calendar year), are rebuilt
 * before anything reads them; and the ledger's loads left RUNNING by a dead process are marked INTERRUPTED
 * (load-ledger-sweep.ts).
 */
export async function openStores(
  config: AppConfig = loadConfig(),
  onReadModelProgress: (p: RefreshProgress) => void = printReadModelProgress,
): Promise<Stores> {
  loadCalendarFiles(calendarDir(config));
  const ch = createClickHouse(config);
  try {
    await migrateClickHouse(ch);
    const recomputed = await recomputeProvisionalDueDates(ch);
    if (recomputed > 0) {
      process.stderr.write(`calendar: provisional due dates of ${recomputed} cases recomputed with the published calendar\n`);
    }
    await refreshReadModel(ch, onReadModelProgress);
  } catch (error) {
    await ch.close().catch(() => undefined);
    throw error;
  }
  const orm = await openMetadataStore(config);
  try {
    const interrupted = await markDeadLoadsInterrupted(orm, config);
    if (interrupted.length > 0)
      process.stderr.write(`load ledger: load ${interrupted.join(', ')} ended before finishing: marked INTERRUPTED\n`);
  } catch (error) {
    await orm.close().catch(() => undefined);
    await ch.close().catch(() => undefined);
    throw error;
  }
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
