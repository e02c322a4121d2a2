/**
 * ETL load throughput (issue "Data in" §5): rows/s and peak RSS of `pnpm etl load` for the same generated export as
 * CSV (UTF-8), GBK CSV, XLSX and JSON Lines (engine-side and --row-by-row), against the embedded engine's own
 * `INSERT INTO staging SELECT * FROM file('<csv>', CSVWithNames)` of the same CSV in the same run (a fresh chdb
 * directory; `staging` has the export's columns as Nullable(String)). The ratio to that rate is the figure. Two
 * more rows give the floor of any load in the engine, timed alone with the loader's SQL: the CSV parsed, and parsed,
 * checked and derived with nothing written.
 *
 *   pnpm bench etl-throughput [--rows 1000000] [--formats csv,csv-rows,gbk,xlsx,xlsx-rows,jsonl,jsonl-rows] [--seed bench]
 *     [--http]   each format also loaded on the server path (CLICKHOUSE_URL) through the test-support ClickHouse HTTP
 *                server in front of chdb (packages/store/test-support/clickhouse-http-server.ts, a process of its own):
 *                the engine-side load with the file streamed to the server (engine/input.ts), `…-rows` row by row
 *     [--later]  also the upkeep of an incremental load: the generator's later export of the same cases (3½ days on:
 *                the cases that changed, newer 更新时间 and progressed status) loaded onto the store the CSV load
 *                made, as a province's next export is; the read model rebuilds the months it touches, whole
 *   node -r @swc-node/register bench/etl-throughput.ts --rows 100000        (a quick check)
 *
 * The read model's upkeep (issue "Scale": ≤ 20 % of the load) is printed for the CSV load in the engine beside three
 * figures measured on the store it made, once the loader has exited, in a chdb session of this process: the same build
 * statements (READ_MODEL_BUILDS, every month, into scratch tables), the same computed into tables of engine Null, and a
 * floor that any read model with these rows pays, each table's rows written once more (INSERT … SELECT * into a copy),
 * nothing computed.
 *
 * Method: exports come from the ETL generator (fixed seed, Guangdong 440000, 2025-01 … 2025-12) and are cached in
 * bench/out/ (gitignored). Each load is the real CLI in a child process on a fresh temp DATA_DIR (the embedded store,
 * no api server); rows/s = rows read / the loader's own duration (store opening and process start excluded, printed
 * apart as "wall"); peak RSS = the child's VmHWM from /proc, sampled every 100 ms until it exits.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateExport } from '../packages/etl/src/generate';
import { CSV_SETTINGS } from '../packages/etl/src/load/engine/settings';
import {
  cellsStructure,
  csvCanonicalSql,
  engineLoadParams,
  fileTable,
  refTableStatements,
  refTables,
  sourcePositions,
  stageRowsSql,
} from '../packages/etl/src/load/engine-sql';
import { openExport } from '../packages/etl/src/read';
import { mapHeaders } from '../packages/etl/src/validate';
import { buildParams, READ_MODEL_BUILDS, READ_MODEL_TABLES } from '../packages/store/src/read-model/read-model-build';
import { spawnClickHouseHttpServer } from '../packages/store/test-support/clickhouse-http-server';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(__dirname, 'out');
const CLI = path.join(ROOT, 'packages/etl/src/cli.ts');

/** `…-rows`: the same file loaded with `--row-by-row` (the JavaScript path), beside the engine-side load. */
type Format = 'csv' | 'csv-rows' | 'gbk' | 'xlsx' | 'xlsx-rows' | 'jsonl' | 'jsonl-rows';
const FORMATS: Format[] = ['csv', 'csv-rows', 'gbk', 'xlsx', 'xlsx-rows', 'jsonl', 'jsonl-rows'];

interface LoadRun {
  label: string;
  file: string;
  /** How the loader took the file: in the engine (engine/) or row by row (its ETL_TRACE lines say which). */
  how: 'engine' | 'row by row';
  rows: number;
  loaderSeconds: number;
  /** The read model's rebuild after the load (issue "Scale": ≤ 20 % of the load). */
  readModelSeconds: number;
  /** The registration months the read model rebuilt. */
  readModelMonths: number;
  /** Loaded onto the store of the run before it (--later), not into a fresh one. */
  later?: boolean;
  /** Measured on the store the load made (the CSV load in the engine only): see upkeepOnStore. */
  upkeep?: Upkeep;
  wallSeconds: number;
  peakRssMb: number;
}

function exportPath(format: Format, rows: number, seed: string): string {
  const ext = format === 'gbk' ? 'gbk.csv' : format;
  return path.join(OUT, `etl-${seed}-${rows}.${ext}`);
}

/** The later export's CSV beside the main one (generate-export.ts `versionsOut`). */
function laterPath(rows: number, seed: string): string {
  return path.join(OUT, `etl-${seed}-${rows}.later.csv`);
}

/** The export, generated once and cached; with `later` (CSV only), the later export of its cases too. */
async function ensureExport(format: Format, rows: number, seed: string, later = false): Promise<string> {
  if (format === 'csv-rows') return ensureExport('csv', rows, seed, later);
  if (format === 'jsonl-rows') return ensureExport('jsonl', rows, seed);
  if (format === 'xlsx-rows') return ensureExport('xlsx', rows, seed);
  const file = exportPath(format, rows, seed);
  const laterFile = later && format === 'csv' ? laterPath(rows, seed) : null;
  if (fs.existsSync(file) && (!laterFile || fs.existsSync(laterFile))) return file;
  fs.mkdirSync(OUT, { recursive: true });
  const partial = `${file}.partial${format === 'gbk' ? '.csv' : path.extname(file)}`;
  const laterPartial = laterFile ? `${laterFile}.partial.csv` : undefined;
  const started = Date.now();
  await generateExport({
    rows,
    seed,
    from: '2025-01',
    to: '2025-12',
    provinceCode: '440000',
    format: format === 'gbk' ? 'csv' : format,
    encoding: format === 'gbk' ? 'gbk' : 'utf-8',
    out: partial,
    versionsOut: laterPartial,
  });
  // The seed makes the same main file again: the later one is of its cases.
  fs.renameSync(partial, file);
  if (laterFile && laterPartial) fs.renameSync(laterPartial, laterFile);
  process.stderr.write(`generated ${path.relative(ROOT, file)} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return file;
}

/** Peak resident set (VmHWM, kB) of a live process; 0 once it is gone. */
function peakRssKb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * `pnpm etl load FILE` in a child on a fresh DATA_DIR; with `http`, on the server path: CLICKHOUSE_URL at a ClickHouse
 * HTTP server (test support, in front of chdb on DATA_DIR/clickhouse) started before and stopped after the load.
 */
async function loadWithCli(
  label: string,
  file: string,
  extra: string[] = [],
  http = false,
  later?: { label: string; file: string },
  measureUpkeep = false,
): Promise<LoadRun[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-etl-'));
  const server = http ? await spawnClickHouseHttpServer(path.join(dataDir, 'clickhouse')) : null;
  try {
    const env: Record<string, string> = server ? { CLICKHOUSE_URL: server.url } : {};
    const first = await runCli(label, file, dataDir, extra, env);
    if (measureUpkeep) first.upkeep = await upkeepOnStore(path.join(dataDir, 'clickhouse'));
    // The later export onto the store just loaded, as the province's next file would come.
    return later ? [first, { ...(await runCli(later.label, later.file, dataDir, extra, env)), later: true }] : [first];
  } finally {
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function runCli(label: string, file: string, dataDir: string, extra: string[], env: Record<string, string>): Promise<LoadRun> {
  const started = Date.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CLI, 'load', file, '--rejects-dir', dataDir, ...extra], {
    cwd: ROOT,
    // ETL_TRACE: the engine-side load traces its statements on stderr (a few dozen lines), which tells how it ran.
    env: { ...process.env, DATA_DIR: dataDir, ETL_PROGRESS_INTERVAL_MS: '600000', ETL_TRACE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, peakRssKb(child.pid ?? -1));
  }, 100);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearInterval(sampler);
      const wallSeconds = (Date.now() - started) / 1000;
      const rows = /rows read:\s+(\d+)/.exec(out);
      // "took" includes the read model's rebuild: the load's own time is the rest.
      const readModel = /read model: (\d+) \S+ months rebuilt in ([\d.]+) s/.exec(out);
      const took = /took ([\d.]+) s/.exec(out);
      if (code !== 0 || !rows || !took) {
        reject(new Error(`load of ${file} failed (exit ${code}):\n${out}\n${err.slice(-2000)}`));
        return;
      }
      resolve({
        label,
        file,
        // A stage created, and no warning that the engine refused the file (then loaded row by row: cli.ts).
        how: /^TRACE .*CREATE TABLE etl_stage_/m.test(err) && !/^WARN .*loaded row by row/m.test(err) ? 'engine' : 'row by row',
        rows: Number(rows[1]),
        loaderSeconds: Number(took[1]) - Number(readModel?.[2] ?? 0),
        readModelSeconds: Number(readModel?.[2] ?? Number.NaN),
        readModelMonths: Number(readModel?.[1] ?? Number.NaN),
        wallSeconds,
        peakRssMb: peak / 1024,
      });
    });
  });
}

interface ChdbSession {
  query(sql: string, format?: string): unknown;
  queryAsync(sql: string): Promise<unknown>;
  queryBindAsync(sql: string, params: object): Promise<unknown>;
  cleanup(): void;
}

/** A chdb session on `dir` (the engine library the store package resolves); the caller cleans it up. */
function chdbSession(dir: string): ChdbSession {
  const requireFromStore = createRequire(path.join(ROOT, 'packages/store/package.json'));
  const { Session } = requireFromStore('chdb') as { Session: new (dir: string) => ChdbSession };
  return new Session(dir);
}

interface Upkeep {
  /** The build statements of every month, into scratch tables, in a session opened after the loader exited. */
  buildSeconds: number;
  /** The same statements computed and nothing written: into tables of engine Null, reading the store's own tables. */
  computeSeconds: number;
  /** Every read-model table's rows written once more (INSERT … SELECT * into a copy of the table). */
  writeSeconds: number;
  /** The read model's rows, all tables. */
  rows: number;
}

/**
 * On the store a load made (its engine directory, the loader gone): the read model's build statements again, and the
 * floor of writing its rows. Scratch tables are dropped; the store is left as the load left it.
 */
async function upkeepOnStore(engineDir: string): Promise<Upkeep> {
  const session = chdbSession(engineDir);
  const timed = async (statements: { query: string; params?: Record<string, unknown> }[]) => {
    let seconds = 0;
    for (const { query, params } of statements) {
      const started = process.hrtime.bigint();
      await session.queryBindAsync(query, params ?? {});
      seconds += Number(process.hrtime.bigint() - started) / 1e9;
    }
    return seconds;
  };
  const scratch = (t: string) => `${t}_bench_scratch`;
  const recreate = (engine = '') =>
    READ_MODEL_TABLES.flatMap((t) => [
      { query: `DROP TABLE IF EXISTS ${scratch(t)}` },
      { query: `CREATE TABLE ${scratch(t)} AS ${t}${engine}` },
    ]);
  const drop = READ_MODEL_TABLES.map((t) => ({ query: `DROP TABLE IF EXISTS ${scratch(t)}` }));
  try {
    const months = String(session.query('SELECT DISTINCT toYYYYMM(registered_date) FROM cases ORDER BY 1', 'CSV'))
      .trim()
      .split('\n')
      .map(Number);
    await timed(recreate());
    const buildSeconds = await timed(
      READ_MODEL_BUILDS.flatMap((b) => b.statements(scratch(b.table)).map((query) => ({ query, params: buildParams(months) }))),
    );
    // A statement that reads an earlier one's rows (the rollups, the city grain) reads the store's table, which holds them.
    await timed(recreate(' ENGINE = Null'));
    const intoNull = (table: string, query: string) => {
      const replaced = query.replace(`INSERT INTO ${table} `, `INSERT INTO ${scratch(table)} `);
      if (replaced === query) throw new Error(`a build statement of ${table} does not begin as expected: ${query.slice(0, 80)}`);
      return replaced;
    };
    const computeSeconds = await timed(
      READ_MODEL_BUILDS.flatMap((b) =>
        b.statements(b.table).map((query) => ({ query: intoNull(b.table, query), params: buildParams(months) })),
      ),
    );
    await timed(recreate());
    const writeSeconds = await timed(READ_MODEL_TABLES.map((t) => ({ query: `INSERT INTO ${scratch(t)} SELECT * FROM ${t}` })));
    const rows = READ_MODEL_TABLES.reduce(
      (n, t) => n + Number(String(session.query(`SELECT count() FROM ${t}`, 'CSV')).trim()),
      0,
    );
    return { buildSeconds, computeSeconds, writeSeconds, rows };
  } finally {
    await timed(drop);
    session.cleanup();
  }
}

/** A chdb session in a fresh directory, removed afterwards. */
async function inFreshEngine<T>(run: (session: ChdbSession) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-engine-'));
  const session = chdbSession(dir);
  try {
    return await run(session);
  } finally {
    session.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The engine's own CSV load of the same file into a Nullable(String) staging table, in a fresh chdb directory. */
function engineCsvRate(csv: string): Promise<{ rows: number; seconds: number }> {
  return inFreshEngine(async (session) => {
    const headerLine =
      fs
        .readFileSync(csv, 'utf8')
        .slice(0, 1 << 16)
        .split(/\r?\n/)[0] ?? '';
    const headers = headerLine.replace(/^\uFEFF/, '').split(',');
    const columns = headers.map((h) => `\`${h.replace(/`/g, '')}\` Nullable(String)`).join(', ');
    session.query(`CREATE TABLE staging (${columns}) ENGINE = MergeTree ORDER BY tuple()`);
    const started = process.hrtime.bigint();
    await session.queryAsync(`INSERT INTO staging SELECT * FROM file('${csv.replace(/'/g, "\\'")}', CSVWithNames)`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rows = Number(String(session.query('SELECT count() FROM staging', 'CSV')).trim());
    return { rows, seconds };
  });
}

/**
 * What any load of the CSV in the engine does with every row before it writes anything, timed alone in a fresh chdb
 * directory with the loader's own SQL and settings: the file parsed (every column), and the file parsed, checked and
 * derived (engine-sql.ts: canonical values, the contract's rules, due dates, content hash; the rows then discarded).
 */
function engineFloor(csv: string): Promise<{ parse: number; derive: number }> {
  return inFreshEngine(async (session) => {
    const opened = await openExport(csv);
    const headers = opened.headers;
    const positions = sourcePositions(headers, mapHeaders(headers));
    await opened.close();
    const refs = refTables('1');
    for (const { query, params } of refTableStatements(refs)) await session.queryBindAsync(query, params ?? {});
    const params = engineLoadParams(new Date(), '1');
    const timed = async (select: string) => {
      const started = process.hrtime.bigint();
      await session.queryBindAsync(`SELECT count(), sum(ignore(*)) FROM (${select}) ${CSV_SETTINGS}`, params);
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    const rows = fileTable(csv, 'CSV', cellsStructure(headers.length));
    return {
      parse: await timed(`SELECT * FROM ${rows}`),
      derive: await timed(stageRowsSql(csvCanonicalSql(rows, positions, refs), refs)),
    };
  });
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      formats: { type: 'string', default: FORMATS.join(',') },
      seed: { type: 'string', default: 'bench' },
      'generate-only': { type: 'boolean', default: false },
      http: { type: 'boolean', default: false },
      later: { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows <= 0) throw new Error('--rows: a positive whole number');
  const formats = (values.formats ?? '').split(',').filter((f): f is Format => (FORMATS as string[]).includes(f));
  const seed = values.seed ?? 'bench';
  const files = new Map<Format, string>();
  for (const f of new Set<Format>(['csv', ...formats])) files.set(f, await ensureExport(f, rows, seed, values.later));
  if (values['generate-only']) return;

  const csv = files.get('csv') as string;
  const engine = await engineCsvRate(csv);
  const engineRate = engine.rows / engine.seconds;
  const floor = await engineFloor(csv);
  const runs: LoadRun[] = [];
  const variants = formats.flatMap((f) => [{ f, http: false }, ...(values.http ? [{ f, http: true }] : [])]);
  for (const { f, http } of variants) {
    const label = {
      csv: 'CSV (UTF-8), in the engine',
      'csv-rows': 'CSV (UTF-8), --row-by-row',
      gbk: 'CSV (GBK), in the engine',
      xlsx: 'XLSX, in the engine',
      'xlsx-rows': 'XLSX, --row-by-row',
      jsonl: 'JSON Lines, in the engine',
      'jsonl-rows': 'JSON Lines, --row-by-row',
    }[f];
    const named = http ? `${label.replace(', in the engine', ', in the engine (streamed)')}, server over HTTP` : label;
    process.stderr.write(`loading ${named} …\n`);
    // --later: after the CSV's load (in the engine or row by row), the later export onto the same store.
    const later =
      values.later && (f === 'csv' || f === 'csv-rows')
        ? { label: `  then its later export, ${named.replace(/^CSV \(UTF-8\), /, '')}`, file: laterPath(rows, seed) }
        : undefined;
    runs.push(
      ...(await loadWithCli(
        named,
        files.get(f) as string,
        f.endsWith('-rows') ? ['--row-by-row'] : [],
        http,
        later,
        f === 'csv' && !http,
      )),
    );
  }

  const mb = (file: string) => (fs.statSync(file).size / 1e6).toFixed(0);
  console.log(`\nETL load throughput — ${rows.toLocaleString('en')} generated rows (seed ${seed}), ${os.cpus().length} CPUs`);
  console.log(
    table([
      ['load', 'how', 'rows', 'file MB', 'loader s', 'read model s', 'wall s', 'rows/s', 'peak RSS MB', 'vs engine'],
      ...runs.map((r) => {
        const rate = r.rows / r.loaderSeconds;
        return [
          r.label,
          r.how,
          String(r.rows),
          mb(r.file),
          r.loaderSeconds.toFixed(1),
          `${r.readModelSeconds.toFixed(1)} (+${((r.readModelSeconds / r.loaderSeconds) * 100).toFixed(0)} %, ${r.readModelMonths} mo)`,
          r.wallSeconds.toFixed(1),
          Math.round(rate).toLocaleString('en'),
          r.peakRssMb.toFixed(0),
          // A file of a few thousand rows against the engine's rate for the whole export says nothing.
          r.later ? '' : `${((rate / engineRate) * 100).toFixed(1)} %`,
        ];
      }),
      [
        'engine: INSERT … SELECT FROM file(CSVWithNames)',
        '',
        String(engine.rows),
        mb(csv),
        engine.seconds.toFixed(1),
        '',
        '',
        Math.round(engineRate).toLocaleString('en'),
        '',
        '100 %',
      ],
      ...(
        [
          ['floor: the CSV parsed (every column)', floor.parse],
          ['floor: parsed, checked, derived (nothing written)', floor.derive],
        ] as const
      ).map(([label, seconds]) => [
        label,
        '',
        String(engine.rows),
        mb(csv),
        seconds.toFixed(1),
        '',
        '',
        Math.round(engine.rows / seconds).toLocaleString('en'),
        '',
        `${((engine.rows / seconds / engineRate) * 100).toFixed(1)} %`,
      ]),
    ]),
  );
  console.log('Target (issue "Data in" §5): ≥ 50 % of the engine rate. Issue "Scale": the read model adds ≤ 20 % to a load.');
  const measured = runs.find((r) => r.upkeep);
  if (measured?.upkeep) {
    const { upkeep, loaderSeconds } = measured;
    const share = (seconds: number) =>
      `${seconds.toFixed(1)} s (+${((seconds / loaderSeconds) * 100).toFixed(0)} % of the load's ${loaderSeconds.toFixed(1)} s)`;
    console.log(`\nThe read model's upkeep, ${measured.label} (${upkeep.rows.toLocaleString('en')} read-model rows):`);
    console.log(
      table([
        ['rebuilt after the load, in the loader', share(measured.readModelSeconds)],
        ['the same statements, the loader gone (a session on its store)', share(upkeep.buildSeconds)],
        ['  of which computed (into tables of engine Null, nothing written)', share(upkeep.computeSeconds)],
        ["floor: the read model's rows written once more, nothing computed", share(upkeep.writeSeconds)],
      ]),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
