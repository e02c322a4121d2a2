#!/usr/bin/env node
/**
 * `pnpm etl load FILE... [--rejects-dir DIR] [--user NAME] [--row-by-row]`
 * `pnpm etl generate --rows N --seed S --from YYYY-MM --to YYYY-MM --province CODE --format xlsx|csv|jsonl
 *                    [--encoding gbk] --out PATH [--versions-out PATH]`
 *
 * `load` works whether or not the api server runs on the same embedded store: when it does, the files are handed to
 * the server (which owns the store) and its events are printed here; otherwise the CLI opens the stores itself.
 *
 * Exit status (README "Loading case exports"): 0 every file loaded (rows may have been rejected); 2 a file could not
 * be loaded (not found, unreadable, no header, over a read limit, or its load failed) — the other files still load;
 * 64 a usage error; 78 a bad configuration variable; 1 anything else (the store could not be opened…).
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, readServerHandle, returnEngineMemoryPromptly } from '@c12315/store';
import { generateExport } from './generate';
import { loadThroughServer, ServerGoneError, sameCommand } from './handover-client';
import { DISK_FULL_EXIT_CODE } from './load/disk-full';
import { type LoadEvent, loadFiles } from './load/load-files';
import { progressReporter } from './load/progress';
import { formatSummary } from './load/summary-format';
import { currentReadLimits } from './read/read-limits';
import { openStores } from './runtime';

const USAGE = `usage:
  pnpm etl load FILE... [--rejects-dir DIR] [--user NAME] [--row-by-row]
  pnpm etl generate --rows N --seed S --from YYYY-MM --to YYYY-MM --province CODE --format xlsx|csv|jsonl [--encoding gbk] --out PATH [--versions-out PATH]`;

class UsageError extends Error {}

/** Prints the load's events; `diskFull` turns true when a file failed because the disk filled (exit 74). */
function printer(): { emit: (event: LoadEvent) => void; diskFull: () => boolean } {
  const progress = progressReporter();
  let diskFull = false;
  const emit = (event: LoadEvent) => {
    if (event.type === 'progress') progress.update(event.progress);
    else if (event.type === 'summary') {
      progress.done();
      // A file the engine refused loaded all the same, row by row: a warning naming why, not an error.
      if (event.summary.engineRefused) {
        process.stderr.write(`WARN 已逐行加载 loaded row by row: ${event.summary.file}: ${event.summary.engineRefused}\n`);
      }
      process.stdout.write(`${formatSummary(event.summary)}\n`);
    } else if (event.code === 'DISK_FULL') {
      progress.done();
      diskFull = true;
      process.stderr.write(`无法加载 cannot load ${event.file} [${event.code}]: ${event.message}\n`);
    } else {
      progress.done();
      process.stderr.write(`无法读取 cannot read ${event.file} [${event.code}]: ${event.message}\n`);
    }
  };
  return { emit, diskFull: () => diskFull };
}

async function load(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'rejects-dir': { type: 'string' }, user: { type: 'string' }, 'row-by-row': { type: 'boolean' } },
  });
  if (positionals.length === 0) throw new UsageError('load: name at least one file');
  const files = positionals.map((f) => path.resolve(f));
  const rejectsDir = values['rejects-dir'] ? path.resolve(values['rejects-dir']) : undefined;
  const runBy = values.user ?? os.userInfo().username;
  const { emit, diskFull } = printer();
  const exitCode = (ok: boolean) => (diskFull() ? DISK_FULL_EXIT_CODE : ok ? 0 : 2);
  const config = loadConfig();
  currentReadLimits(); // a bad ETL_MAX_* value stops the command before anything is read (exit 78)
  const handle = config.clickhouseUrl ? null : readServerHandle(config.dataDir);
  if (handle) {
    process.stderr.write(`api server (pid ${handle.pid}) holds the store: handing the load to it\n`);
    const command = sameCommand(process.argv.slice(2));
    return exitCode(await loadThroughServer(handle, { files, rejectsDir, runBy }, emit, command));
  }
  returnEngineMemoryPromptly();
  const stores = await openStores(config);
  try {
    const batchSize = process.env.ETL_BATCH_SIZE ? Number(process.env.ETL_BATCH_SIZE) : undefined;
    const rowByRow = values['row-by-row'] === true;
    const dataDir = config.dataDir;
    return exitCode(await loadFiles(stores, files, { rejectsDir, runBy, batchSize, rowByRow, dataDir }, emit));
  } finally {
    await stores.close();
  }
}

async function generate(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      seed: { type: 'string', default: '12315' },
      from: { type: 'string' },
      to: { type: 'string' },
      province: { type: 'string' },
      format: { type: 'string' },
      encoding: { type: 'string' },
      out: { type: 'string' },
      'versions-out': { type: 'string' },
      'dirty-share': { type: 'string' },
    },
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows <= 0) throw new UsageError('--rows: a positive whole number');
  for (const name of ['from', 'to'] as const) {
    if (!values[name] || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values[name])) throw new UsageError(`--${name}: YYYY-MM`);
  }
  if (!values.province || !/^\d{2}0000$/.test(values.province))
    throw new UsageError('--province: a province code such as 140000');
  const format = values.format;
  if (format !== 'xlsx' && format !== 'csv' && format !== 'jsonl') throw new UsageError('--format: xlsx, csv or jsonl');
  const encoding = values.encoding ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'gbk') throw new UsageError('--encoding: utf-8 or gbk');
  if (encoding === 'gbk' && format !== 'csv') throw new UsageError('--encoding gbk applies to csv only');
  if (!values.out) throw new UsageError('--out: the file to write');
  const dirtyShare = values['dirty-share'] === undefined ? undefined : Number(values['dirty-share']);
  if (dirtyShare !== undefined && !(dirtyShare >= 0 && dirtyShare <= 1)) throw new UsageError('--dirty-share: 0–1');
  const started = Date.now();
  const result = await generateExport({
    rows,
    seed: values.seed ?? '12315',
    from: values.from as string,
    to: values.to as string,
    provinceCode: values.province,
    format,
    encoding,
    out: path.resolve(values.out),
    versionsOut: values['versions-out'] ? path.resolve(values['versions-out']) : undefined,
    dirtyShare,
  });
  process.stdout.write(
    `wrote ${result.rows} rows (${result.dirtyRows} dirty, ${result.casesWithLaterVersion} with a later version) to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === 'load') return await load(rest);
    if (command === 'generate') return await generate(rest);
    throw new UsageError(command ? `unknown command "${command}"` : 'name a command');
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith?.('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      return 64;
    }
    if (error instanceof ServerGoneError) {
      process.stderr.write(`\n${error.reasonZh}\n${error.reasonEn}\n`);
      return 75;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      return 78;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
