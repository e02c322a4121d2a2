/**
 * Prints a digest of the current case store of DATA_DIR as JSON: rows under FINAL, distinct case ids, and an
 * order-independent hash of (case id, content hash). Run as a child process by the crash test, because chdb lets
 * one process hold one store.
 */
import { createClickHouse, loadConfig } from '@c12315/store';

export interface StoreDigest {
  rows: number;
  cases: number;
  digest: string;
  versions: number;
}

async function main(): Promise<void> {
  const ch = createClickHouse(loadConfig());
  try {
    const result = await ch.query({
      query: `SELECT toUInt64(count()) AS rows, toUInt64(uniqExact(case_id)) AS cases,
                     toString(groupBitXor(cityHash64(case_id, content_hash))) AS digest,
                     toUInt64((SELECT count() FROM case_versions FINAL)) AS versions
              FROM cases FINAL`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ rows: string; cases: string; digest: string; versions: string }>();
    const digest: StoreDigest = {
      rows: Number(row?.rows),
      cases: Number(row?.cases),
      digest: row?.digest ?? '',
      versions: Number(row?.versions),
    };
    process.stdout.write(`${JSON.stringify(digest)}\n`);
  } finally {
    await ch.close();
  }
}

void main();
