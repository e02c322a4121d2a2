/**
 * A file the engine refuses (a short row its CSV parser rejects) through the real CLI, on the embedded store and on a
 * server (the HTTP test server): loaded row by row all the same (exit 0, the short row rejected), with one warning
 * naming why — not an error, not the client's ERROR log of the failed statement, and no text of the file (the
 * engine's message quotes it; personal data stays out of logs).
 *
 * And the engine does not refuse a file for its size: a load's statements are not bound by the questions' time limit
 * (QUERY_TIMEOUT_SECONDS; clickhouse.ts NO_TIME_LIMIT), so one that runs longer than it still loads engine-side.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnClickHouseHttpServer } from '@c12315/store/test-support/clickhouse-http-server';
import { runCli } from '../../test-support/cli-run';
import { generateExport } from '../generate';

let work: string;
let file: string;
/** Rows enough for the stage statement to outlast a 1 s limit (checked from ETL_TRACE's statement times). */
let large: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-engine-refused-'));
  const base = path.join(work, 'base.csv');
  await generateExport({
    rows: 40,
    seed: 'refused',
    from: '2026-01',
    to: '2026-02',
    provinceCode: '140000',
    format: 'csv',
    out: base,
  });
  const lines = fs.readFileSync(base, 'utf8').split('\n');
  file = path.join(work, 'short-row.csv');
  fs.writeFileSync(file, [...lines.slice(0, 20), 'X1SECRET,投诉', ...lines.slice(20)].join('\n'));
  large = path.join(work, 'large.csv');
  await generateExport({
    rows: 150_000,
    seed: 'outlasts',
    from: '2026-01',
    to: '2026-03',
    provinceCode: '140000',
    format: 'csv',
    out: large,
  });
}, 300_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test.each(['embedded', 'server'])(
  'the %s store: loaded row by row with a warning naming why, no error',
  async (store) => {
    const dataDir = path.join(work, store);
    const server = store === 'server' ? await spawnClickHouseHttpServer(path.join(dataDir, 'clickhouse')) : null;
    try {
      const run = runCli(dataDir, ['load', file, '--rejects-dir', dataDir], server ? { CLICKHOUSE_URL: server.url } : {});
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/拒绝行数 rejected: +1\n/);
      const warnings = run.out.split('\n').filter((line) => /^WARN\b/.test(line));
      expect(warnings).toEqual([
        `WARN 已逐行加载 loaded row by row: ${file}: the engine refused it (CANNOT_PARSE_INPUT_ASSERTION_FAILED)`,
      ]);
      expect(run.out).not.toMatch(/ERROR|error:/);
      expect(run.out).not.toContain('X1SECRET');
    } finally {
      await server?.close();
    }
  },
  120_000,
);

test.each(['embedded', 'server'])(
  'the %s store: a load whose statements outlast QUERY_TIMEOUT_SECONDS loads engine-side all the same',
  async (store) => {
    const dataDir = path.join(work, `${store}-limit`);
    const server = store === 'server' ? await spawnClickHouseHttpServer(path.join(dataDir, 'clickhouse')) : null;
    try {
      const env = { QUERY_TIMEOUT_SECONDS: '1', ETL_TRACE: '1', ...(server ? { CLICKHOUSE_URL: server.url } : {}) };
      const run = runCli(dataDir, ['load', large, '--rejects-dir', dataDir], env);
      expect(run.out).not.toMatch(/loaded row by row|ERROR|error:/);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/读取行数 rows read: +150000\n/);
      // The test means something only if a statement did run longer than the limit.
      const longest = Math.max(...[...run.out.matchAll(/^TRACE (\d+) ms/gm)].map((m) => Number(m[1])));
      expect(longest).toBeGreaterThan(1000);
    } finally {
      await server?.close();
    }
  },
  300_000,
);
