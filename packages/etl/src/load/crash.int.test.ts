/**
 * A load killed with SIGKILL part-way, then run again, leaves exactly the cases a clean load leaves (issue "Data in"
 * §4), and exactly its read model (issue "Scale" §5: indicator_facts and overdue_spans row for row, no month left
 * dirty). Real processes: the CLI as users run it, killed at a progress line; stores compared by digest in children.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClickHouse } from '@c12315/store';
import { type ClickHouseHttpServer, spawnClickHouseHttpServer } from '@c12315/store/test-support/clickhouse-http-server';
import type { StoreDigest } from '../../test-support/store-digest';
import { generateExport } from '../generate';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'packages/etl/src/cli.ts');
const DIGEST = path.join(__dirname, '../../test-support/store-digest.ts');

let work: string;
let base: string;
let later: string;
/** The store of a DATA_DIR on a server (CLICKHOUSE_URL): the test-support HTTP server, which outlives the killed CLI. */
const servers = new Map<string, ClickHouseHttpServer>();
const serverEnv = (dataDir: string) => {
  const server = servers.get(dataDir);
  return server ? { CLICKHOUSE_URL: server.url } : {};
};

function cli(dataDir: string, args: string[], batchSize: number): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', CLI, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      ETL_BATCH_SIZE: String(batchSize),
      ETL_PROGRESS_INTERVAL_MS: '0',
      ...serverEnv(dataDir),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function runToEnd(dataDir: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ...serverEnv(dataDir) },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

/**
 * Start a load with small batches and SIGKILL it once it reports at least `rows` rows read (several batches are then
 * written, the next one may be half-way); resolves with the rows it had reached.
 */
function killPartWay(dataDir: string, files: string[], rows: number, batchSize: number): Promise<number> {
  return killWhen(dataDir, ['load', ...files, '--rejects-dir', dataDir, '--row-by-row'], batchSize, (line) => {
    const m = /rows=(\d+)/.exec(line);
    return m && Number(m[1]) >= rows ? Number(m[1]) : null;
  });
}

/** SIGKILL the CLI at the first progress line for which `at` returns a value; resolves with that value. */
function killWhen<T>(dataDir: string, args: string[], batchSize: number, at: (line: string) => T | null): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = cli(dataDir, args, batchSize);
    let killedAt: T | null = null;
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      for (const line of chunk.toString().split('\n')) {
        const value = killedAt === null ? at(line) : null;
        if (value !== null) {
          killedAt = value;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && killedAt !== null) resolve(killedAt);
      else reject(new Error(`the load finished before it could be killed (raise the row count): ${err.slice(-500)}`));
    });
  });
}

function digest(dataDir: string): StoreDigest {
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', DIGEST], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ...serverEnv(dataDir) },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as StoreDigest;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-crash-'));
  base = path.join(work, 'base.csv');
  later = path.join(work, 'later.csv');
  await generateExport({
    rows: 30_000,
    seed: 'crash',
    from: '2026-01',
    to: '2026-06',
    provinceCode: '140000',
    format: 'csv',
    out: base,
    versionsOut: later,
  });
});

afterAll(async () => {
  for (const server of servers.values()) await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('row by row: kill -9 during the first file and again during the versions file, then a re-run: same store as a clean load', async () => {
  const clean = path.join(work, 'clean');
  const cleanRun = runToEnd(clean, ['load', base, later, '--rejects-dir', clean, '--row-by-row']);
  expect(cleanRun.code).toBe(0);
  const expected = digest(clean);
  expect(expected.rows).toBe(expected.cases); // one current version per case
  expect(expected.versions).toBe(expected.cases);
  expect(expected.cases).toBeGreaterThan(25_000);
  expect(expected.readModelRows).toBeGreaterThan(10_000);
  expect(expected.dirtyMonths).toBe(0);

  const crashed = path.join(work, 'crashed');
  expect(await killPartWay(crashed, [base], 10_000, 1000)).toBeGreaterThanOrEqual(10_000);
  const partial = digest(crashed);
  expect(partial.cases).toBeGreaterThan(0);
  expect(partial.cases).toBeLessThan(expected.cases);

  // Re-run the first file completely, then kill during the later versions.
  expect(runToEnd(crashed, ['load', base, '--rejects-dir', crashed, '--row-by-row']).code).toBe(0);
  // The versions file holds ~1,000 rows: batches of 100, killed past row 500.
  expect(await killPartWay(crashed, [later], 500, 100)).toBeGreaterThanOrEqual(500);
  const midVersions = digest(crashed);
  expect(midVersions.digest).not.toEqual(expected.digest);
  const rerun = runToEnd(crashed, ['load', base, later, '--rejects-dir', crashed, '--row-by-row']);
  expect(rerun.code).toBe(0);
  expect(digest(crashed)).toEqual(expected);
}, 600_000);

test('in the engine: kill -9 after each step of the first file and of the versions file, then a re-run: same store', async () => {
  // The clean engine-side load equals the clean row-by-row load (engine-load.int.test.ts compares every column).
  const rowByRow = path.join(work, 'engine-reference');
  expect(runToEnd(rowByRow, ['load', base, later, '--rejects-dir', rowByRow, '--row-by-row']).code).toBe(0);
  const expected = digest(rowByRow);
  const clean = path.join(work, 'engine-clean');
  const cleanRun = runToEnd(clean, ['load', base, later, '--rejects-dir', clean]);
  expect(cleanRun.code).toBe(0);
  expect(cleanRun.out).toMatch(/phase=written/); // it did load in the engine
  expect(digest(clean)).toEqual(expected);

  // 'read model': killed while the months the load touched are being rebuilt, after every case was written.
  for (const phase of ['staged', 'validated', 'decided', 'read model']) {
    const crashed = path.join(work, `engine-crashed-${phase}`);
    const args = (files: string[]) => ['load', ...files, '--rejects-dir', crashed];
    expect(await killWhen(crashed, args([base]), 1000, (line) => (line.includes(`phase=${phase}`) ? phase : null))).toBe(phase);
    expect(runToEnd(crashed, args([base])).code).toBe(0);
    expect(await killWhen(crashed, args([later]), 1000, (line) => (line.includes(`phase=${phase}`) ? phase : null))).toBe(phase);
    expect(runToEnd(crashed, args([base, later])).code).toBe(0);
    expect(digest(crashed)).toEqual(expected);
  }
}, 600_000);

test('in the engine on a server store (the file streamed to it): kill -9 once staged and once decided, then a re-run: same store as the embedded one', async () => {
  const reference = path.join(work, 'server-reference');
  expect(runToEnd(reference, ['load', base, later, '--rejects-dir', reference]).code).toBe(0);
  const expected = digest(reference);
  for (const phase of ['staged', 'decided']) {
    const crashed = path.join(work, `server-crashed-${phase}`);
    servers.set(crashed, await spawnClickHouseHttpServer(path.join(crashed, 'clickhouse')));
    const args = (files: string[]) => ['load', ...files, '--rejects-dir', crashed];
    const at = (line: string) => (line.includes(`phase=${phase}`) ? phase : null);
    expect(await killWhen(crashed, args([base]), 1000, at)).toBe(phase);
    const ch = createClickHouse({ dataDir: crashed, clickhouseUrl: servers.get(crashed)?.url ?? null, queryTimeoutSeconds: 30 });
    const loadTables = async () =>
      (
        await (
          await ch.query({
            query: "SELECT name FROM system.tables WHERE name LIKE 'etl\\\\_%' AND database = currentDatabase() ORDER BY name",
            format: 'TabSeparated',
          })
        ).text()
      ).trim();
    try {
      // The killed load left its tables on the server (the stage the streamed file went into among them); the re-run
      // drops them.
      expect(await loadTables()).toMatch(/etl_stage_\d+/);
      const rerun = runToEnd(crashed, args([base, later]));
      expect(rerun.code).toBe(0);
      expect(rerun.out).toMatch(/phase=written/); // in the engine, on the server
      expect(await loadTables()).toBe('');
    } finally {
      await ch.close();
    }
    expect(digest(crashed)).toEqual(expected);
  }
}, 600_000);

test('XLSX in the engine: kill -9 while the sheet is staged in parts and once its cases are decided, then a re-run: same store', async () => {
  const xlsxBase = path.join(work, 'base.xlsx');
  const xlsxLater = path.join(work, 'later.xlsx');
  await generateExport({
    rows: 6_000,
    seed: 'crash-xlsx',
    from: '2026-01',
    to: '2026-06',
    provinceCode: '140000',
    format: 'xlsx',
    out: xlsxBase,
    versionsOut: xlsxLater,
  });
  const rowByRow = path.join(work, 'xlsx-reference');
  expect(runToEnd(rowByRow, ['load', xlsxBase, xlsxLater, '--rejects-dir', rowByRow, '--row-by-row']).code).toBe(0);
  const expected = digest(rowByRow);
  expect(expected.cases).toBeGreaterThan(5_000);

  // Parts of 1,000 rows (ETL_BATCH_SIZE): killed once 3,000 rows are read, parts are staged and the next being written.
  const midStage = (line: string) => {
    const m = /rows=(\d+)/.exec(line);
    return m && Number(m[1]) >= 3_000 && !line.includes('phase=') ? 'staging' : null;
  };
  const decided = (line: string) => (line.includes('phase=decided') ? 'decided' : null);
  for (const [name, at] of [
    ['staging', midStage],
    ['decided', decided],
  ] as const) {
    const crashed = path.join(work, `xlsx-crashed-${name}`);
    const args = (files: string[]) => ['load', ...files, '--rejects-dir', crashed];
    expect(await killWhen(crashed, args([xlsxBase]), 1000, at)).toBe(name);
    const rerun = runToEnd(crashed, args([xlsxBase, xlsxLater]));
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/phase=written/);
    expect(digest(crashed)).toEqual(expected);
  }
}, 600_000);
