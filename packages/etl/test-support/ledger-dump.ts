/**
 * Prints the load ledger of DATA_DIR's metadata store as JSON (id, file, status, error), oldest first. Run as a child
 * process by the kill tests and bench/kill-loop.ts: it opens only the metadata store, so it works while the api
 * server holds the case store.
 */
import { LoadLedgerEntry, loadConfig, openMetadataStore } from '@c12315/store';

export interface LedgerRow {
  id: number;
  fileName: string;
  status: string;
  error: string | null;
}

async function main(): Promise<void> {
  const orm = await openMetadataStore(loadConfig());
  try {
    const entries = await orm.em.fork().find(LoadLedgerEntry, {}, { orderBy: { id: 'asc' } });
    const rows: LedgerRow[] = entries.map((e) => ({ id: e.id, fileName: e.fileName, status: e.status, error: e.error }));
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } finally {
    await orm.close();
  }
}

if (require.main === module) void main();
