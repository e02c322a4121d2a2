/**
 * Prints a digest of the current case store of DATA_DIR as JSON: rows under FINAL, distinct case ids, an
 * order-independent hash of (case id, content hash), and of every row of every read-model table (READ_MODEL_TABLES),
 * with the months still marked dirty. Run as a child process by the crash test, because chdb lets one process hold one
 * store.
 */
import { createClickHouse, loadConfig, READ_MODEL_TABLES } from '@c12315/store';

export interface StoreDigest {
  rows: number;
  cases: number;
  digest: string;
  versions: number;
  readModel: string;
  readModelRows: number;
  dirtyMonths: number;
}

async function main(): Promise<void> {
  const ch = createClickHouse(loadConfig());
  try {
    const result = await ch.query({
      query: `SELECT toUInt64(count()) AS rows, toUInt64(uniqExact(case_id)) AS cases,
                     toString(groupBitXor(cityHash64(case_id, content_hash))) AS digest,
                     toUInt64((SELECT count() FROM case_versions FINAL)) AS versions,
                     ${READ_MODEL_TABLES.map((t) => `toString((SELECT groupBitXor(cityHash64(*)) FROM ${t}))`).join(" || '/' || ")}
                       AS read_model,
                     toUInt64(${READ_MODEL_TABLES.map((t) => `(SELECT count() FROM ${t})`).join(' + ')}) AS read_model_rows,
                     toUInt64((SELECT count() FROM read_model_state FINAL WHERE value = 'dirty')) AS dirty_months
              FROM cases FINAL`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{
      rows: string;
      cases: string;
      digest: string;
      versions: string;
      read_model: string;
      read_model_rows: string;
      dirty_months: string;
    }>();
    const digest: StoreDigest = {
      rows: Number(row?.rows),
      cases: Number(row?.cases),
      digest: row?.digest ?? '',
      versions: Number(row?.versions),
      readModel: row?.read_model ?? '',
      readModelRows: Number(row?.read_model_rows),
      dirtyMonths: Number(row?.dirty_months),
    };
    process.stdout.write(`${JSON.stringify(digest)}\n`);
  } finally {
    await ch.close();
  }
}

void main();
